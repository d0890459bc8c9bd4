#!/usr/bin/env bash
# Sets everything up and runs verbatim on the bundled sample study in data/sample/.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
./scripts/build.sh >/dev/null

V=build/bin/verbatim
S=data/sample

echo "== verbatim corpus: the documents of the sample study"
"$V" corpus "$S" --format md
echo
echo "== verbatim corpus check: lint"
"$V" corpus check "$S" || [[ $? -eq 3 ]]
echo
echo "== verbatim freq: the participants' most frequent words (NVivo's word-frequency table)"
"$V" freq "$S" --role participant --top 11 --format md
echo
echo "== verbatim freq: words over-used in Morocco against the other countries (log-likelihood)"
"$V" freq "$S" --role participant --compare attr:pays=Maroc --top 8 --format md
echo
echo "== verbatim cooccur: word pairs of the 25 most frequent words, within 5 positions"
"$V" cooccur "$S" --role participant --top 25 --measure count,jaccard,ll --format md | head -n 12
echo
echo "== verbatim kwic: the passages behind 'fidélité' / 'fidélisation'"
"$V" kwic 'fidél*' "$S" --role participant --context 4 --format md
echo
echo "== verbatim tokens: the first participant tokens of each format"
for f in "$S"/interviews/*; do
  echo "-- $f"
  "$V" tokens "$f" --speakers "$S/speakers.csv" --role participant --format md | head -n 8
done
