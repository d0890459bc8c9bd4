#!/usr/bin/env bash
# The man pages built from docs/: one for verbatim and one per tool (every tool `verbatim
# --help` lists), the formats, formulas, robustness and both tutorials; each has a NAME line
# that man-db's index reads, renders without a groff warning at 80 and 120 columns, and the
# tool pages name every flag of the tool. Skipped (77) when the build made none (no pandoc).
# Usage: man_pages.sh VERBATIM_BINARY MAN_DIR
set -uo pipefail
bin=$1
dir=$2
[[ -d "$dir" ]] || { echo "no man pages in $dir (pandoc missing at configure time): skipped"; exit 77; }
command -v man >/dev/null || { echo "man is not installed: skipped"; exit 77; }
status=0
fail() { echo "FAIL: $*"; status=1; }
pages=(man1/verbatim.1 man5/verbatim-formats.5 man7/verbatim-formulas.7
  man7/verbatim-robustness.7 man7/verbatim-tutorial.7 man7/verbatim-tutoriel.7)
tools=$("$bin" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}')
for t in $tools; do pages+=("man1/verbatim-$t.1"); done
for p in "${pages[@]}"; do
  f="$dir/$p"
  [[ -f "$f" ]] || { fail "$p is missing"; continue; }
  name=$(basename "$p" | sed 's/\.[0-9]$//')
  if command -v lexgrog >/dev/null; then
    lexgrog "$f" | grep -q "\"$name - " || fail "$p: no NAME line man-db can index"
  fi
  for width in 80 120; do
    warnings=$(MANWIDTH=$width LC_ALL=C.UTF-8 man -l "$f" 2>&1 >/dev/null)
    [[ -z "$warnings" ]] || fail "$p at $width columns: $(printf '%s' "$warnings" | head -n 2)"
  done
  text=$(MANWIDTH=200 LC_ALL=C.UTF-8 man -l "$f" 2>/dev/null)
  grep -q "^DESCRIPTION" <<<"$text" || fail "$p has no DESCRIPTION"
  if [[ "$name" == verbatim-* && -n "$(grep -x "${name#verbatim-}" <<<"$tools")" ]]; then
    for flag in $("$bin" "${name#verbatim-}" --help |
      awk '/^[A-Z][A-Za-z ]*:$/ {on = ($0 !~ /^(Positionals|Subcommands|Examples|Columns|Forms|Findings):$/); next} /^[^ ]/ {on = 0} on && /^  --/ {split($1, a, ","); print a[1]}' |
      sed 's/=.*//' | grep -vx -- --help); do
      grep -q -- "$flag" <<<"$text" || fail "$p does not name $flag"
    done
  fi
done
[[ $status -eq 0 ]] && echo "ok: ${#pages[@]} man pages"
exit $status
