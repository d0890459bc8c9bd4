#!/usr/bin/env bash
# Throughput of `verbatim tokens` on the shared ELTeC corpora: MB/s and tokens/s, with
# `wc -w` and `cat` timed in the same run for reference. Not part of the test suite.
#   bench/tokens.sh [fr|en] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-fr}
rounds=${2:-3}
SHARED=../shared/bench
[[ -x $SHARED/prepare.sh ]] || { echo "tokens.sh: $SHARED not found" >&2; exit 1; }
for p in time zstd; do
  dpkg -s "$p" >/dev/null 2>&1 || { [[ $(id -u) -eq 0 ]] && apt-get install -y -qq "$p" >/dev/null; }
done
"$SHARED/prepare.sh"
corpus=${VERBATIM_BENCH_DIR:-/tmp/verbatim-bench}/$lang/files
bytes=$(cat "$corpus"/* | wc -c)
V=build/bin/verbatim
[[ -x $V ]] || ./scripts/build.sh >/dev/null

time_of() {  # median wall seconds of a command over $rounds runs
  local ts=() t
  for ((i = 0; i < rounds; i++)); do
    t=$( { /usr/bin/time -f '%e %M' bash -c "$1" >/dev/null; } 2>&1 | tail -n 1)
    ts+=("$t")
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n "$(((rounds + 1) / 2))p"
}

tokens=$("$V" tokens --lang "$lang" --format tsv "$corpus" | tail -n +2 | wc -l)
printf '| row | median s | MB/s | peak RSS MB | tokens/s |\n|---|---:|---:|---:|---:|\n'
for row in "cat:cat $corpus/*" "wc-w:LC_ALL=C.UTF-8 wc -w $corpus/*" \
           "verbatim tokens:$V tokens --lang $lang --format tsv $corpus"; do
  name=${row%%:*} cmd=${row#*:}
  read -r s rss < <(time_of "$cmd")
  awk -v n="$name" -v s="$s" -v b="$bytes" -v r="$rss" -v t="$tokens" 'BEGIN {
    printf "| %s | %.2f | %.1f | %.0f | %s |\n", n, s, b / 1e6 / s, r / 1024,
      (n == "verbatim tokens") ? sprintf("%.2f M", t / s / 1e6) : "" }'
done
echo
echo "corpus: $lang, $(ls "$corpus" | wc -l) files, $bytes bytes, $tokens tokens; nproc $(nproc)"
