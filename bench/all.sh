#!/usr/bin/env bash
# Every benchmark once, in about 10 minutes on 2 cores: freq (French and English), cooccur,
# kwic, codebook apply and tokens on ELTeC French, then the 1 GB scale run and the start-up
# time. Markdown tables on stdout, for bench/README.md. Not part of the tests.
#   bench/all.sh [ROUNDS]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
[[ -x build/bin/verbatim ]] || ./scripts/build.sh >/dev/null
echo "# verbatim benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $rounds rounds"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "## freq"
bench/freq.sh both "$rounds"
echo "## cooccur"
bench/cooccur.sh fr "$rounds"
echo
echo "## kwic"
bench/kwic.sh fr "$rounds"
echo
echo "## codebook"
bench/codebook.sh fr "$rounds"
echo
echo "## tokens"
bench/tokens.sh fr 1
echo
echo "## scale and start-up"
bench/scale.sh 1
