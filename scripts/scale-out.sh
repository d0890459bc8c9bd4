#!/usr/bin/env bash
# Counts a corpus in shards with GNU parallel, then merges the shards' partial counts into the
# table one run over the whole corpus gives, byte for byte:
#
#   map:    parallel -j JOBS verbatim TOOL CORPUS OPTIONS --partial --shard {}/JOBS ::: 1..JOBS
#   reduce: verbatim merge part.*.jsonl [--format FORMAT]
#
# Usage: scripts/scale-out.sh [-j JOBS] [-S SSHLOGIN] [-t freq|cooccur] [-f FORMAT] [-k DIR]
#                             CORPUS [-- TOOL OPTIONS...]
#   -j JOBS      shards, one job each (default: the number of cores)
#   -S SSHLOGIN  GNU parallel's --sshlogin: run the jobs on other hosts (the corpus and verbatim
#                must be at the same paths there, e.g. on a shared file system); repeatable
#   -t TOOL      freq (default) or cooccur
#   -f FORMAT    the merged table's format (csv, tsv, json, jsonl, md; matrix, dot, graphml for
#                cooccur)
#   -k DIR       keep the partials in DIR (default: a temporary folder, removed at the end)
# The verbatim binary is $VERBATIM, else build/bin/verbatim, else verbatim on PATH.
# Example: scripts/scale-out.sh -j 4 data/sample -- --role participant --top 20
set -euo pipefail

jobs=$(nproc)
tool=freq
format=csv
keep=
ssh=()
while getopts "j:S:t:f:k:" opt; do
  case "$opt" in
    j) jobs=$OPTARG ;;
    S) ssh+=(--sshlogin "$OPTARG") ;;
    t) tool=$OPTARG ;;
    f) format=$OPTARG ;;
    k) keep=$OPTARG ;;
    *)
      sed -n '2,20p' "$0" >&2
      exit 2
      ;;
  esac
done
shift $((OPTIND - 1))
if [[ $# -lt 1 ]]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
corpus=$1
shift
[[ "${1:-}" == "--" ]] && shift
options=("$@")

if [[ -n "${VERBATIM:-}" ]]; then
  bin=$VERBATIM
elif [[ -x "$(dirname "$0")/../build/bin/verbatim" ]]; then
  bin="$(cd "$(dirname "$0")/.." && pwd)/build/bin/verbatim"
else
  bin=$(command -v verbatim) || {
    echo "scale-out.sh: no verbatim binary (set VERBATIM)" >&2
    exit 1
  }
fi
command -v parallel >/dev/null || {
  echo "scale-out.sh: GNU parallel is missing (Debian: apt-get install parallel)" >&2
  exit 1
}

if [[ -n "$keep" ]]; then
  parts=$keep
  mkdir -p "$parts"
else
  parts=$(mktemp -d)
  trap 'rm -rf "$parts"' EXIT
fi

# Map: one shard per job; each writes its partial atomically (-o), so a failed job leaves none.
seq 1 "$jobs" | parallel --halt now,fail=1 -j "$jobs" "${ssh[@]}" \
  "$bin" "$tool" "$corpus" "${options[@]}" -q --partial --shard "{}/$jobs" \
  -o "$parts/part.{}.jsonl"

# Reduce: every shard's partial, in any order, into the table.
"$bin" merge "$parts"/part.*.jsonl --format "$format"
