#!/usr/bin/env bash
# The GNU parallel recipe of scripts/scale-out.sh, run locally with 4 jobs, gives the tables of
# single runs byte for byte: freq, cooccur, and cooccur's top-N network counted in two phases
# (merged freq shards pick the terms, then cooccur shards count their pairs).
# Usage: scale_out.sh VERBATIM SOURCE_DIR   (exit 77, skipped, without GNU parallel)
set -euo pipefail
bin=$(realpath "$1")
src=$2
command -v parallel >/dev/null || {
  echo "GNU parallel is not installed: skipped"
  exit 77
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export VERBATIM=$bin
study="$src/data/sample"
so="$src/scripts/scale-out.sh"

compare() {  # name, then two files
  cmp -s "$2" "$3" || {
    echo "FAIL: $1"
    diff "$2" "$3" | head -10
    exit 1
  }
  echo "ok: $1 ($(wc -l <"$2") lines)"
}

"$so" -j 4 -f md "$study" -- --role participant --top 30 >"$tmp/merged.md"
"$bin" freq "$study" --role participant --top 30 --format md >"$tmp/single.md"
compare "freq, 4 jobs" "$tmp/single.md" "$tmp/merged.md"

"$so" -j 4 -t cooccur -f json "$study" -- --role participant --unit turn >"$tmp/merged.json"
"$bin" cooccur "$study" --role participant --unit turn --format json >"$tmp/single.json"
compare "cooccur, 4 jobs" "$tmp/single.json" "$tmp/merged.json"

# cooccur --top 40 in two phases, with the partials kept in a folder.
"$so" -j 4 -k "$tmp/freq-parts" "$study" -- --role participant --top 40 >"$tmp/top40.csv"
"$so" -j 4 -t cooccur -f dot "$study" -- --role participant --terms "$tmp/top40.csv" \
  >"$tmp/merged.dot"
"$bin" cooccur "$study" --role participant --top 40 --format dot >"$tmp/single.dot"
compare "cooccur --top 40 in two phases" "$tmp/single.dot" "$tmp/merged.dot"
[[ $(ls "$tmp/freq-parts" | wc -l) == 4 ]] || {
  echo "FAIL: -k should keep 4 partials"
  exit 1
}
