#!/usr/bin/env bash
# The commands of the tutorials run as printed: every ```sh block of docs/tutorial.md and
# docs/tutoriel.md runs, in order, in a temporary folder holding a copy of data/sample, with
# verbatim on PATH, as a reader pastes them. Blocks that are not for pasting as they are
# (installing, a clone's build) are fenced ```shell instead, and are not run. A block passes
# when it exits 0, or 3 for a block of checks (`check`) that found something.
# The commands are the tools' own, tested elsewhere: a sanitizer build skips this (exit 77).
# Usage: docs_commands.sh VERBATIM_BINARY SOURCE_DIR [SANITIZE]
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
[[ -z "${3:-}" ]] || { echo "sanitizer build ($3): the tutorials are not rerun; skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/verbatim"
export PATH="$work/bin:$PATH" LC_ALL=C.UTF-8 NO_COLOR=1
unset VERBATIM_DATA
status=0
blocks=0
for page in tutorial.md tutoriel.md; do
  run="$work/$page"
  mkdir -p "$run/data"
  cp -r "$src/data/sample" "$run/data/sample"
  n=0
  while IFS= read -r -d '' block; do
    n=$((n + 1))
    blocks=$((blocks + 1))
    out=$(cd "$run" && bash -e -o pipefail -c "$block" 2>&1)
    code=$?
    if [[ $code -ne 0 && ! ($code -eq 3 && "$block" == *" check "*) ]]; then
      echo "FAIL docs/$page, block $n (exit $code):"
      printf '%s\n' "$block" | sed 's/^/    $ /'
      printf '%s\n' "$out" | tail -n 5 | sed 's/^/    /'
      status=1
    fi
  done < <(awk '/^```sh$/ {on = 1; b = ""; next}
                on && /^```$/ {on = 0; printf "%s%c", b, 0; next}
                on {b = b $0 "\n"}' "$src/docs/$page")
  [[ $n -gt 0 ]] || { echo "FAIL docs/$page has no sh block"; status=1; }
done
[[ $status -eq 0 ]] && echo "ok: $blocks blocks of the tutorials run"
exit $status
