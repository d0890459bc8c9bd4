#!/usr/bin/env bash
# verbatim freq against the shared baselines (coreutils, Python Counter + Snowball, scikit-learn
# + Snowball, wc -w) on the ELTeC corpora, ratios taken in the same run: words grouped by lemma
# (the default) and by Snowball stem. Not part of the tests.
#   bench/freq.sh [fr|en|both] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
langs=${1:-both}
rounds=${2:-3}
[[ $langs == both ]] && langs="fr en"
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
for l in $langs; do
  echo "### $l ($(nproc) cores, $rounds rounds)"
  ../shared/bench/compare.sh -l "$l" -r "$rounds" \
    'build/bin/verbatim freq --threads 1 --lang $LANG_CODE $CORPUS > /dev/null' \
    'build/bin/verbatim freq --threads 1 --lang $LANG_CODE --group stem $CORPUS > /dev/null' \
    'build/bin/verbatim freq --threads 2 --lang $LANG_CODE $CORPUS > /dev/null'
  echo
done
