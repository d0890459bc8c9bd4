#!/usr/bin/env bash
# Refills the expected files of golden cases from the current binary. Review with git diff.
# Usage: scripts/regen-golden.sh [CASE_DIR...]   (default: every case)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/verbatim
cases=("$@")
[[ ${#cases[@]} -eq 0 ]] && mapfile -t cases < <(find tests/golden -mindepth 3 -maxdepth 3 -name cmd -printf "%h\n" | sort)
for c in "${cases[@]}"; do
  bash tests/golden/run-case.sh "$bin" "$c" --regen
done
echo "regenerated ${#cases[@]} cases; review them with git diff"
