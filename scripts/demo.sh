#!/usr/bin/env bash
# Sets everything up and runs verbatim on the bundled sample study in data/sample/.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
./scripts/build.sh >/dev/null

V=build/bin/verbatim
S=data/sample

echo "== verbatim corpus: the documents of the sample study"
"$V" corpus "$S/interviews" --speakers "$S/speakers.csv" --format md
echo
echo "== verbatim corpus check: lint"
"$V" corpus check "$S/interviews" --speakers "$S/speakers.csv" --attributes "$S/participants.csv" \
  || [[ $? -eq 3 ]]
echo
echo "== verbatim tokens: the first participant tokens of each format"
for f in "$S"/interviews/*; do
  echo "-- $f"
  "$V" tokens "$f" --speakers "$S/speakers.csv" --role participant --format md | head -n 8
done
