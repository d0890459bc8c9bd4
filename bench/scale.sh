#!/usr/bin/env bash
# Memory grows with the vocabulary, not with the corpus: verbatim freq on ELTeC French (50 MB)
# and on a 1 GB folder made of it (the novels again and again under new names, as hard links,
# so it costs no disk), one and two threads, with wall time, MB/s and peak RSS (GNU time).
# Also the start-up time on a one-line file (median of 50 runs). Not part of the tests.
#   bench/scale.sh [GIGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
gb=${1:-1}
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
../shared/bench/prepare.sh
base=${VERBATIM_BENCH_DIR:-/tmp/verbatim-bench}/fr/files
big=${VERBATIM_BENCH_DIR:-/tmp/verbatim-bench}/fr-${gb}gb
bytes=$(cat "$base"/* | wc -c)
copies=$(((gb * 1000000000 + bytes - 1) / bytes))
if [[ ! -f "$big/.complete" ]] || [[ $(cat "$big/.complete") != "$copies" ]]; then
  rm -rf "$big"
  mkdir -p "$big"
  for ((c = 1; c <= copies; c++)); do
    for f in "$base"/*; do ln "$f" "$big/c$(printf %03d "$c")-$(basename "$f")"; done
  done
  echo "$copies" >"$big/.complete"
fi
run() {  # label, folder, threads
  local out
  out=$({ /usr/bin/time -f '%e %M' build/bin/verbatim freq --threads "$3" --lang fr "$2" \
    >/dev/null; } 2>&1 | tail -1)
  local total
  total=$(find "$2" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
  awk -v l="$1" -v t="$3" -v o="$out" -v b="$total" 'BEGIN {
    split(o, a, " "); printf "| %s | %d | %.0f MB | %.2f s | %.1f MB/s | %.0f MB |\n",
      l, t, b / 1e6, a[1], b / 1e6 / a[1], a[2] / 1024 }'
}
echo "| corpus | threads | size | wall | speed | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
run "ELTeC fr" "$base" 1
run "ELTeC fr" "$base" 2
run "ELTeC fr x$copies" "$big" 1
run "ELTeC fr x$copies" "$big" 2

# Start-up: a one-line file, 50 runs, the median wall time.
one=$(mktemp)
trap 'rm -f "$one"' EXIT
echo "P01 : Bonjour." >"$one"
for i in $(seq 50); do
  s=$(date +%s%N)
  build/bin/verbatim freq "$one" >/dev/null
  e=$(date +%s%N)
  echo $(((e - s) / 1000))
done | sort -n | awk '{a[NR] = $1} END {printf "\nstart-up on a one-line file: %.1f ms (median of %d runs)\n", a[int((NR + 1) / 2)] / 1000, NR}'
