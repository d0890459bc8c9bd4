#!/usr/bin/env bash
# verbatim codebook apply with 40 codes and 200 rules (bench/codebook-40x200.yml) on the ELTeC
# corpora, timed by ../shared/bench/compare.sh beside its baselines. Not part of the tests.
#   bench/codebook.sh [fr|en] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-fr}
rounds=${2:-3}
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
CB=bench/codebook-40x200.yml
../shared/bench/compare.sh -l "$lang" -r "$rounds" \
  "build/bin/verbatim codebook apply $CB --threads 1 --output summary \$CORPUS > /dev/null" \
  "build/bin/verbatim codebook apply $CB --threads 2 --output summary \$CORPUS > /dev/null" \
  "build/bin/verbatim codebook apply $CB --threads 1 --output references \$CORPUS > /dev/null"
