#!/usr/bin/env bash
# Every `verbatim ... --help` page ends with 2 to 4 examples, and every example runs as printed
# from a clone of the repository: this runs them, page after page (a page's examples in order,
# as a reader would paste them), in a temporary folder holding a copy of data/sample.
# An example exits 0, or 3 when it is a check (`check`, `--lint`) that found something.
# Usage: help_examples.sh VERBATIM_BINARY SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/run/data"
ln -s "$bin" "$work/bin/verbatim"
cp -r "$src/data/sample" "$work/run/data/sample"
export PATH="$work/bin:$PATH" LC_ALL=C.UTF-8 NO_COLOR=1
unset VERBATIM_DATA
cd "$work/run" || exit 1

# The subcommands listed in a help page's "Subcommands:" section.
subcommands() {
  awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}'
}
pages=()
for tool in $(verbatim --help | subcommands); do
  pages+=("$tool")
  for sub in $(verbatim "$tool" --help | subcommands); do pages+=("$tool $sub"); done
done

status=0
examples=0
start=$(date +%s)
for page in "${pages[@]}"; do
  # shellcheck disable=SC2086
  help=$(verbatim $page --help)
  # The lines after "Examples:", continuation lines (ending in \) joined.
  mapfile -t lines < <(printf '%s\n' "$help" | awk '
    found && /^  / { sub(/^ +/, ""); line = line $0; if (line ~ /\\$/) { sub(/\\$/, "", line); next }
                     print line; line = ""; next }
    found { exit }
    /^Examples:$/ { found = 1 }')
  if (( ${#lines[@]} < 2 || ${#lines[@]} > 4 )); then
    echo "FAIL verbatim $page --help: ${#lines[@]} examples (2 to 4 wanted)"
    status=1
  fi
  if [[ "${lines[-1]:-}" != "$(printf '%s\n' "$help" | tail -n 1 | sed 's/^ *//')" &&
        "${lines[-1]:-}" != *"$(printf '%s\n' "$help" | tail -n 1 | sed 's/^ *//')" ]]; then
    echo "FAIL verbatim $page --help does not end with its examples"
    status=1
  fi
  for ex in "${lines[@]}"; do
    examples=$((examples + 1))
    err=$(bash -o pipefail -c "$ex" 2>&1 >/dev/null)
    code=$?
    ok=0
    [[ $code -eq 0 ]] && ok=1
    [[ $code -eq 3 && ( "$ex" == *" check "* || "$ex" == *"--lint"* ) ]] && ok=1
    if [[ $ok -eq 0 ]]; then
      echo "FAIL ($page, exit $code): $ex"
      printf '%s\n' "$err" | head -n 5 | sed 's/^/    /'
      status=1
    fi
  done
done
echo "${#pages[@]} help pages, $examples examples, $(($(date +%s) - start)) s"
exit $status
