#!/usr/bin/env bash
# Output safety in a real browser: a transcript that carries <script>, an onerror handler and a
# javascript: link goes through every HTML writer (kwic --format html, report --to html, the
# recipe's report.html with highlighted transcripts). Headless Chromium loads each page and dumps
# its DOM after scripts would have run: the page title must be untouched, no injected element
# may exist, and the markup must show as text.
# Usage: html_safety.sh VERBATIM
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/study/interviews"
payload='<script>document.title="PWNED"</script> <img src=x onerror="document.title=\x27PWNED\x27"> <a href="javascript:alert(1)">lien</a>'
printf 'Enquêteur : Et ce client ?\n\nP01 : Le client a écrit %s dans le formulaire.\n' "$payload" \
  >"$tmp/study/interviews/p01.txt"
cat >"$tmp/study/codebook.yml" <<'YML'
codes:
  - name: Client
    match: [client]
YML
cat >"$tmp/study/study.yml" <<'YML'
study: "<script>document.title='PWNED'</script>"
corpus: interviews
codebook: codebook.yml
steps:
  - id: refs
    title: "<img src=x onerror=\"document.title='PWNED'\">"
    run: codebook apply codebook.yml --output references
    to: [html]
YML
"$bin" kwic client "$tmp/study/interviews" --format html -o "$tmp/kwic.html"
"$bin" kwic client "$tmp/study/interviews" -o "$tmp/kwic.csv"
"$bin" report "$tmp/kwic.csv" --to html --title '<script>document.title="PWNED"</script>' \
  -o "$tmp/table.html"
"$bin" report --recipe "$tmp/study/study.yml" -o "$tmp/out" -q
pages=("$tmp/kwic.html" "$tmp/table.html" "$tmp/out/report.html" "$tmp/out/refs.html")

# Without a browser: no live markup from the transcript in the files themselves.
for p in "${pages[@]}"; do
  if grep -Eq '<script|<img |<a href="javascript' "$p"; then
    echo "live markup in $p:"
    grep -Eo '.{0,40}(<script|<img |<a href="javascript).{0,40}' "$p"
    exit 1
  fi
  grep -q '&lt;script&gt;' "$p" || { echo "the payload is not shown as text in $p"; exit 1; }
done
echo "files: ${#pages[@]} pages escape the payload"

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "browser check skipped: no chromium (install it with ./scripts/install-deps.sh --test)"
  exit 0
fi
for p in "${pages[@]}"; do
  dom=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --virtual-time-budget=2000 \
    --dump-dom "file://$p" 2>/dev/null)
  [[ -n "$dom" ]] || { echo "chromium rendered nothing for $p"; exit 1; }
  if grep -q 'PWNED</title>' <<<"$dom"; then
    echo "a script ran in $p"
    exit 1
  fi
  if grep -Eq '<script|<img|<a href="javascript' <<<"$dom"; then
    echo "an injected element exists in the DOM of $p"
    exit 1
  fi
  grep -q '&lt;script&gt;' <<<"$dom" || { echo "payload text missing from the DOM of $p"; exit 1; }
  echo "chromium: $(basename "$p"): payload shown as text, nothing ran"
done
