#!/usr/bin/env bash
# verbatim cooccur --window 5 --top 200 (words counted and positions kept in one reading, then
# pairs among the 200 words) on the ELTeC corpora, timed by ../shared/bench/compare.sh beside
# its baselines. Not part of the tests.
#   bench/cooccur.sh [fr|en] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-fr}
rounds=${2:-3}
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
../shared/bench/compare.sh -l "$lang" -r "$rounds" \
  'build/bin/verbatim cooccur --threads 1 --lang $LANG_CODE --window 5 --top 200 $CORPUS > /dev/null' \
  'build/bin/verbatim cooccur --threads 2 --lang $LANG_CODE --window 5 --top 200 $CORPUS > /dev/null'
