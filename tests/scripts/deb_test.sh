#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` from the existing build, then a real `dpkg -i` of it (so
# root only, and only when no verbatim is installed already: skipped, exit 77, otherwise),
# the installed /usr/bin/verbatim run on the installed sample study, man and the completions
# in Debian's places, then `dpkg -r`, which must leave nothing behind. The package's Depends
# are checked to be runtime packages (no -dev) that the Debian archive has, as a fresh Debian
# 12 installs them with `apt install ./verbatim_*.deb`.
# Usage: deb_test.sh BUILD_DIR [SANITIZE]    (a sanitizer build is not packaged: skipped)
set -uo pipefail
build=$(realpath "$1")
sanitize=${2:-}
[[ -z "$sanitize" ]] || { echo "a sanitizer build ($sanitize) is not packaged: skipped"; exit 77; }
[[ $(id -u) -eq 0 ]] || { echo "dpkg -i needs root: skipped"; exit 77; }
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps; do
  command -v $tool >/dev/null || { echo "$tool is missing (dpkg-dev): skipped"; exit 77; }
done
if dpkg-query -W -f='${Status}' verbatim 2>/dev/null | grep -q installed || [[ -e /usr/bin/verbatim ]]; then
  echo "a verbatim is already installed on this machine: skipped"
  exit 77
fi
t=$(mktemp -d)
installed=0
cleanup() {
  [[ $installed -eq 1 ]] && dpkg -r verbatim >/dev/null 2>&1
  rm -rf "$t"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so that the EXIT trap runs
status=0
fail() { echo "FAIL: $*"; status=1; }

start=$(date +%s)
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$t" >"$t/cpack.log" 2>&1 ||
  { tail -n 20 "$t/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$t"/verbatim_*.deb 2>/dev/null | head -n 1)
[[ -f "$deb" ]] || { echo "FAIL: cpack made no verbatim_*.deb"; ls "$t"; exit 1; }
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KB, built in $(($(date +%s) - start)) s"

# Its dependencies: runtime libraries and the font, each in the archive (apt can fetch it).
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[[ "$depends" == *libicu* && "$depends" == *libstemmer* && "$depends" == *fonts-dejavu-core* ]] ||
  fail "Depends lacks ICU, libstemmer or the font"
for dep in $(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/|.*//' | tr -d ' '); do
  [[ "$dep" == *-dev ]] && fail "Depends on a development package: $dep"
  apt-cache policy "$dep" 2>/dev/null | grep -q 'Candidate: [^(]' ||
    dpkg-query -W "$dep" >/dev/null 2>&1 || fail "no package $dep in the archive"
done
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/verbatim ./usr/share/verbatim/stopwords/fr.txt ./usr/share/verbatim/sample/study.yml \
  ./usr/share/bash-completion/completions/verbatim ./usr/share/zsh/vendor-completions/_verbatim \
  ./usr/share/doc/verbatim/README.md; do
  grep -qx -- "$f" <<<"$contents" || fail "not in the package: $f"
done
if [[ -d "$build/man" ]]; then
  grep -qx ./usr/share/man/man1/verbatim-freq.1 <<<"$contents" || fail "no man page in the package"
fi

# Install it for real (dpkg may be busy with another install: wait for it).
for _ in $(seq 30); do
  dpkg -i "$deb" >"$t/dpkg.log" 2>&1 && { installed=1; break; }
  grep -q "lock" "$t/dpkg.log" || break
  sleep 2
done
[[ $installed -eq 1 ]] || { cat "$t/dpkg.log"; echo "FAIL: dpkg -i"; exit 1; }
dpkg-query -W -f='${Status}' verbatim | grep -q "install ok installed" || fail "dpkg: not installed"
export LC_ALL=C.UTF-8 NO_COLOR=1
unset VERBATIM_DATA
/usr/bin/verbatim --version | grep -q "^stopwords [0-9a-f]* (/usr/share/verbatim/stopwords)$" ||
  fail "the packaged binary does not read /usr/share/verbatim: $(/usr/bin/verbatim --version | tail -n 1)"
(cd "$t" && /usr/bin/verbatim freq /usr/share/verbatim/sample --role participant --top 5 >freq.csv) ||
  fail "verbatim freq on the installed sample"
grep -q '^clients,7,288,' "$t/freq.csv" || fail "unexpected table: $(head -n 2 "$t/freq.csv")"
(cd "$t" && /usr/bin/verbatim report freq.csv --figure cloud --to png -o nuage.png &&
  /usr/bin/verbatim codebook apply /usr/share/verbatim/sample/codebook.yml /usr/share/verbatim/sample \
    --role participant --output matrix | /usr/bin/verbatim report --to xlsx -o matrice.xlsx) ||
  fail "a figure and a workbook with the packaged binary"
[[ -s "$t/nuage.png" && -s "$t/matrice.xlsx" ]] || fail "no figure or workbook written"
if [[ -d "$build/man" ]]; then
  [[ "$(man -w verbatim-tutoriel 2>/dev/null)" == /usr/share/man/man7/verbatim-tutoriel.7* ]] ||
    fail "man -w verbatim-tutoriel"
fi
dpkg -r verbatim >"$t/dpkg.log" 2>&1 || { cat "$t/dpkg.log"; fail "dpkg -r"; }
installed=0
for f in /usr/bin/verbatim /usr/share/verbatim /usr/share/bash-completion/completions/verbatim \
  /usr/share/zsh/vendor-completions/_verbatim /usr/share/man/man1/verbatim.1; do
  [[ -e "$f" ]] && fail "left after dpkg -r: $f"
done
[[ $status -eq 0 ]] && echo "ok: built, installed with dpkg -i, run, removed with dpkg -r"
exit $status
