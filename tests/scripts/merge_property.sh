#!/usr/bin/env bash
# Property: the partial counts of shards, merged, give the table of one run over the whole
# corpus, byte for byte. For each option set, the sample study's transcripts are dealt at random
# (fixed seeds) into 2 to 6 shards of different sizes, some of them empty, counted with
# --partial --files-from, merged, and compared with the single run in several formats; the same
# with --shard K/N over the study folder, and with a two-level merge (merge --partial).
# Usage: merge_property.sh VERBATIM SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
study="$src/data/sample"
mapfile -t files < <(find "$study/interviews" -type f | LC_ALL=C sort)
common=(--speakers "$study/speakers.csv" --attributes "$study/participants.csv")
checks=0

fail() {
  echo "FAIL: $*"
  exit 1
}

# deal SEED: writes $tmp/list.K (K = 1..N, some empty) and prints N.
deal() {
  RANDOM=$1
  local n=$((2 + RANDOM % 5)) k
  rm -f "$tmp"/list.*
  for ((k = 1; k <= n; k++)); do : >"$tmp/list.$k"; done
  for f in "${files[@]}"; do
    # Shard 1 stays empty in odd seeds.
    k=$((1 + RANDOM % n))
    if (($1 % 2 == 1 && k == 1)); then k=2; fi
    echo "$f" >>"$tmp/list.$k"
  done
  echo "$n"
}

# check TOOL FORMATS OPTIONS...: single run against merged shards.
check() {
  local tool=$1 formats=$2
  shift 2
  local opts=("$@")
  for seed in 3 4; do
    local n
    n=$(deal "$seed")
    local parts=()
    for ((k = 1; k <= n; k++)); do
      "$bin" "$tool" -q "${common[@]}" "${opts[@]}" --partial --files-from "$tmp/list.$k" \
        -o "$tmp/part.$k.jsonl"
      parts+=("$tmp/part.$k.jsonl")
    done
    cat "$tmp"/list.* >"$tmp/all.list"
    for fmt in $formats; do
      "$bin" "$tool" -q "${common[@]}" "${opts[@]}" --files-from "$tmp/all.list" \
        --format "$fmt" >"$tmp/single"
      "$bin" merge -q "${parts[@]}" --format "$fmt" >"$tmp/merged"
      cmp -s "$tmp/single" "$tmp/merged" ||
        fail "$tool ${opts[*]} --format $fmt, seed $seed ($n shards): $(diff "$tmp/single" "$tmp/merged" | head -5)"
      checks=$((checks + 1))
    done
    # Two levels: the first two shards merged into a partial, then with the rest.
    "$bin" merge -q --partial "${parts[0]}" "${parts[1]}" -o "$tmp/level1.jsonl"
    "$bin" merge -q "$tmp/level1.jsonl" "${parts[@]:2}" --format csv >"$tmp/merged"
    "$bin" "$tool" -q "${common[@]}" "${opts[@]}" --files-from "$tmp/all.list" >"$tmp/single"
    cmp -s "$tmp/single" "$tmp/merged" || fail "$tool ${opts[*]}: two-level merge, seed $seed"
    checks=$((checks + 1))
  done
  # --shard K/N over the study folder (document ids relative to it).
  local first=${formats%% *}
  "$bin" "$tool" -q "${opts[@]}" "$study" --format "$first" >"$tmp/single"
  local parts=()
  for k in 1 2 3 4 5; do
    "$bin" "$tool" -q "${opts[@]}" "$study" --partial --shard "$k/5" -o "$tmp/shard.$k.jsonl"
    parts+=("$tmp/shard.$k.jsonl")
  done
  "$bin" merge -q "${parts[@]}" --format "$first" >"$tmp/merged"
  cmp -s "$tmp/single" "$tmp/merged" || fail "$tool ${opts[*]}: --shard K/5"
  checks=$((checks + 1))
}

check freq "csv json md" --role participant --top 25
check freq "jsonl" --group exact --min-length 4
check freq "csv md" --role participant --by attr:pays --top 10
check freq "csv" --role participant --by attr:pays --wide --top 15
check freq "csv" --role participant --by document
check freq "csv" --role participant --compare attr:pays=Maroc --measure lafon --top 20
check freq "csv" --ngrams 2..3 --numbers --percent-of all --top 30
printf 'client, clientèle, consommateur\nIA, intelligence\n' >"$tmp/synonyms.txt"
check freq "csv" --synonyms "$tmp/synonyms.txt" --top 30
check cooccur "csv json matrix" --role participant --unit sentence
"$bin" freq "$study" --role participant --top 40 >"$tmp/terms.csv"
check cooccur "csv dot graphml" --role participant --terms "$tmp/terms.csv" --measure jaccard,ll
check cooccur "csv" --unit turn --by attr:pays --min-count 2 --measure count,npmi

# Every shard empty: the same error as an empty corpus.
: >"$tmp/none.list"
"$bin" freq -q --partial --files-from "$tmp/none.list" -o "$tmp/none.jsonl"
if "$bin" merge -q "$tmp/none.jsonl" "$tmp/none.jsonl" >/dev/null 2>"$tmp/err"; then
  fail "merging empty shards should fail like an empty corpus"
fi
grep -q "no words to count" "$tmp/err" || fail "empty shards: $(cat "$tmp/err")"
echo "merge property: $checks comparisons, all identical"
