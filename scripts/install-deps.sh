#!/usr/bin/env bash
# Installs the Debian 12 packages verbatim needs to build and test, when any is missing
# (pandoc makes the man pages from docs/; --test adds the tools of the test scripts: Chromium
# for report screenshots and HTML safety, Python to build malformed zip archives, GNU parallel
# for the scale-out recipe, tmux and zsh for the terminal tests (progress line, zsh completion),
# man-db to read the man pages, dpkg-dev for the .deb; --fuzz adds clang and libFuzzer).
# As root it runs apt-get; otherwise it prints the command to run.
set -euo pipefail

PACKAGES=(
  g++ cmake make pkg-config git
  libcli11-dev libfmt-dev libspdlog-dev catch2
  libicu-dev libstemmer-dev libzip-dev libpugixml-dev
  libyaml-cpp-dev libre2-dev libxml2-utils unzip
  libxlsxwriter-dev libcairo2-dev libfreetype-dev fonts-dejavu-core libgraphviz-dev
  pandoc
)

# --test: also what the test scripts use to look at the report as a person does.
if [[ "${1:-}" == "--test" ]]; then
  PACKAGES+=(chromium python3 parallel tmux zsh man-db dpkg-dev)
fi
# --fuzz: clang and libFuzzer for scripts/fuzz.sh.
if [[ "${1:-}" == "--fuzz" ]]; then
  PACKAGES+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "verbatim needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
