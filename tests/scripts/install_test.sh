#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed binary at work: every file in
# its place (binary, stopword lists, sample study, man pages for verbatim and each tool, bash
# and zsh completions, docs); the binary reads its lists from PREFIX/share/verbatim (a word
# added there changes the table and the version block) or from $VERBATIM_DATA; on the sample
# study it writes the same tables as the build's binary; man finds its pages.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
t=$(mktemp -d)
trap 'chmod -R u+w "$t" 2>/dev/null; rm -rf "$t"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
prefix="$t/prefix"
cmake --install "$build" --prefix "$prefix" >"$t/install.log" 2>&1 ||
  { cat "$t/install.log"; echo "FAIL: cmake --install"; exit 1; }
V="$prefix/bin/verbatim"
B="$build/bin/verbatim"
unset VERBATIM_DATA
export LC_ALL=C.UTF-8 NO_COLOR=1

expect_file() { [[ -f "$prefix/$1" ]] || fail "not installed: $1"; }
expect_file bin/verbatim
for l in fr en fr-fillers en-fillers fr-spoken en-spoken; do expect_file "share/verbatim/stopwords/$l.txt"; done
for f in study.yml codebook.yml participants.csv speakers.csv interviews/p01.txt interviews/p06.docx; do
  expect_file "share/verbatim/sample/$f"
done
expect_file share/bash-completion/completions/verbatim
expect_file share/zsh/site-functions/_verbatim
expect_file share/doc/verbatim/README.md
expect_file share/doc/verbatim/docs/tutoriel.md
pages=(man1/verbatim.1 man7/verbatim-tutorial.7 man7/verbatim-tutoriel.7 man7/verbatim-formulas.7)
for tool in $("$B" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}'); do
  pages+=("man1/verbatim-$tool.1")
done
if [[ -d "$build/man" ]]; then
  for p in "${pages[@]}"; do expect_file "share/man/$p"; done
  found=$(MANPATH="$prefix/share/man" man -w verbatim-freq 2>/dev/null)
  [[ "$found" == "$prefix/share/man/man1/verbatim-freq.1"* ]] || fail "man -w verbatim-freq: '$found'"
else
  echo "no man pages were built (no pandoc): not checked"
fi
cmp -s "$build/completions/verbatim" "$prefix/share/bash-completion/completions/verbatim" ||
  fail "installed bash completion differs from the build's"
bash -n "$prefix/share/bash-completion/completions/verbatim" || fail "bash -n on the installed completion"

# The installed binary reads the installed lists; same digest as the compiled-in copy.
"$V" --version >"$t/version" || fail "installed verbatim --version"
grep -q "^stopwords [0-9a-f]\{16\} ($prefix/share/verbatim/stopwords)$" "$t/version" ||
  fail "the installed binary does not read $prefix/share/verbatim: $(tail -n 1 "$t/version")"
built_digest=$("$B" --version | awk '/^stopwords/ {print $2}')
[[ "$(awk '/^stopwords/ {print $2}' "$t/version")" == "$built_digest" ]] ||
  fail "installed lists digest differs from the compiled-in lists"

# The same tables as the build's binary, on the installed sample study.
S="$prefix/share/verbatim/sample"
for args in "freq --role participant --top 20" "corpus" "kwic fidél* --role participant --max 5"; do
  # shellcheck disable=SC2086
  "$V" $args "$S" >"$t/installed.csv" 2>"$t/err" || fail "installed verbatim $args: $(cat "$t/err")"
  # shellcheck disable=SC2086
  "$B" $args "$src/data/sample" >"$t/built.csv" || fail "build's verbatim $args"
  cmp -s "$t/installed.csv" "$t/built.csv" || fail "verbatim $args: installed and built outputs differ"
done
"$V" codebook apply "$S/codebook.yml" "$S" --role participant --output summary >/dev/null ||
  fail "installed verbatim codebook apply"
"$V" freq "$S" --role participant --top 10 | "$V" report --to xlsx -o "$t/f.xlsx" ||
  fail "installed verbatim report --to xlsx"

# A study's own word added to the installed French list: the table and the digest change.
echo clients >>"$prefix/share/verbatim/stopwords/fr-spoken.txt"
"$V" freq "$S" --role participant --top 1 | grep -q '^clients,' && fail "the installed list is not used"
[[ "$("$V" --version | awk '/^stopwords/ {print $2}')" != "$built_digest" ]] ||
  fail "the digest did not change with the installed list"
# VERBATIM_DATA comes first.
mkdir -p "$t/data/stopwords" && cp "$src"/data/stopwords/*.txt "$t/data/stopwords/"
VERBATIM_DATA="$t/data" "$V" freq "$S" --role participant --top 1 | grep -q '^clients,' ||
  fail "VERBATIM_DATA is not used before the installed lists"

[[ $status -eq 0 ]] && echo "ok: installed into a temporary prefix, $(du -sk "$prefix" | cut -f1) KB"
exit $status
