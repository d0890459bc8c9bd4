#!/usr/bin/env bash
# docs/TOOL.md documents every flag of `verbatim TOOL --help` (and of its subcommands), and
# every tool has its page: a flag added without its documentation fails here.
# Usage: docs_flags.sh VERBATIM_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
docs=$2/docs
status=0
subcommands() {
  awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1; next} on {exit}'
}
# The flags of a help page (its Options section and option groups: Limits, Shards...), without
# -h/--help.
flags() {
  awk '/^[A-Z][A-Za-z ]*:$/ {on = ($0 !~ /^(Positionals|Subcommands|Examples|Columns|Forms|Findings):$/); next}
       /^[^ ]/ {on = 0}
       on && /^  -/ {n = split($1, a, ","); for (j = 1; j <= n; j++) print a[j]}' |
    sed 's/=.*//' | grep -vx -- '--help\|-h' | sort -u
}
checked=0
for tool in $($bin --help | subcommands); do
  page="$docs/$tool.md"
  if [[ ! -f "$page" ]]; then
    echo "FAIL: docs/$tool.md is missing"
    status=1
    continue
  fi
  mapfile -t cmds < <(echo "$tool"; $bin "$tool" --help | subcommands | sed "s/^/$tool /")
  for cmd in "${cmds[@]}"; do
    # shellcheck disable=SC2086
    for f in $($bin $cmd --help | flags); do
      checked=$((checked + 1))
      grep -q -- "\`$f[ =\`]" "$page" ||
        { echo "FAIL: docs/$tool.md does not document $f (verbatim $cmd)"; status=1; }
    done
  done
done
[[ $status -eq 0 ]] && echo "ok: $checked flags documented"
exit $status
