#!/usr/bin/env bash
# verbatim kwic with a 5-query search on the ELTeC corpora, timed by ../shared/bench/compare.sh
# beside its baselines (ratios taken in the same run). Not part of the tests.
#   bench/kwic.sh [fr|en] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-fr}
rounds=${2:-3}
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
Q="-e fidélité -e client -e 'personnalis*' -e engagement -e '\"intelligence artificielle\"'"
../shared/bench/compare.sh -l "$lang" -r "$rounds" \
  "build/bin/verbatim kwic --threads 1 $Q \$CORPUS > /dev/null" \
  "build/bin/verbatim kwic --threads 2 $Q \$CORPUS > /dev/null"
