#!/usr/bin/env bash
# Runs the sample study's recipe twice (identical manifests and outputs), checks the figures
# (SVG structure, PNG sizes, no overlapping words in the cloud is a unit test), and takes a
# headless Chromium screenshot of report.html into build/screenshots/ (never committed).
# Usage: report_recipe.sh VERBATIM SOURCE_DIR BUILD_DIR
set -euo pipefail
bin=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" report --recipe "$src/data/sample/study.yml" -o "$tmp/a" -q
"$bin" report --recipe "$src/data/sample/study.yml" -o "$tmp/b" -q
cmp "$tmp/a/manifest.json" "$tmp/b/manifest.json"
diff -r "$tmp/a" "$tmp/b"
echo "two runs: identical ($(find "$tmp/a" -type f | wc -l) files)"
"$bin" report --recipe "$src/data/sample/study.yml" -o "$tmp/a" --check -q
# Every step's outputs exist and are not empty.
for f in report.html manifest.json participants.md entretiens.xlsx frequences.tex codes.md \
  matrice-types.md grille.md specificites.md figures/frequences-bar.svg figures/nuage-cloud.svg \
  figures/nuage-cloud.png figures/matrice-types-heatmap.png figures/reseau-network.svg; do
  [[ -s "$tmp/a/$f" ]] || { echo "missing or empty: $f"; exit 1; }
done
# Figures: one <text> per cloud word at least, PNG magic bytes.
words=$(grep -o '<text' "$tmp/a/figures/nuage-cloud.svg" | wc -l)
[[ $words -ge 40 ]] || { echo "the word cloud has only $words words"; exit 1; }
for p in "$tmp"/a/figures/*.png; do
  [[ "$(head -c 8 "$p" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] ||
    { echo "not a PNG: $p"; exit 1; }
done
# The page: escaped, self-contained (no external resource), highlighted transcripts.
grep -q '<mark style="background:#' "$tmp/a/report.html"
if grep -Eq '<(script|link|img) ' "$tmp/a/report.html"; then
  echo "report.html loads external resources"
  exit 1
fi
echo "report.html: $(wc -c <"$tmp/a/report.html") bytes, $(grep -o '<svg' "$tmp/a/report.html" | wc -l) figures"
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "screenshot skipped: no chromium (install it with ./scripts/install-deps.sh --test)"
  exit 0
fi
mkdir -p "$build/screenshots"
for w in 1280 420; do
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$w,3000" --screenshot="$build/screenshots/report-$w.png" \
    "file://$tmp/a/report.html" >/dev/null 2>&1
  size=$(stat -c %s "$build/screenshots/report-$w.png")
  [[ $size -gt 20000 ]] || { echo "screenshot too small ($size bytes)"; exit 1; }
  echo "screenshot: $build/screenshots/report-$w.png ($size bytes)"
done
