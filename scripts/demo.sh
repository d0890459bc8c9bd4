#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled sample study: every table and figure
# of the study regenerated from its transcripts into out/, assembled in out/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
./scripts/build.sh >/dev/null

V=build/bin/verbatim
S=data/sample
OUT=${1:-out}

echo "== verbatim corpus: the documents of the sample study"
"$V" corpus "$S" --format md
echo
echo "== verbatim report --recipe $S/study.yml -o $OUT/"
start=$(date +%s%N)
"$V" report --recipe "$S/study.yml" -o "$OUT"
end=$(date +%s%N)
echo
echo "== Figure 1: codes, files and references (from $OUT/codes.md)"
cat "$OUT/codes.md"
echo
echo "== Figure 2: the participants' most frequent words (first rows of $OUT/frequences.md)"
head -n 14 "$OUT/frequences.md"
echo
echo "== Tableau 4: themes by type of organisation ($OUT/matrice-types.md)"
cat "$OUT/matrice-types.md"
echo
ms=$(((end - start) / 1000000))
printf '== %s files in %s/ (%s KB), recipe run in %d.%03d s\n' \
  "$(find "$OUT" -type f | wc -l)" "$OUT" "$(du -sk "$OUT" | cut -f1)" $((ms / 1000)) $((ms % 1000))
echo "Report: $(realpath "$OUT/report.html")"
