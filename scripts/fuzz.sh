#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UBSan in build-asan/,
# and runs each for SECONDS (default 60) from seeds made of the project's own inputs. A crash,
# leak, hang or sanitizer report fails the run; its input is kept in build-fuzz/crashes/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] ||
  targets=(fuzz_decode fuzz_tokenizer fuzz_docx fuzz_csv fuzz_codebook fuzz_refi fuzz_table)

./scripts/install-deps.sh --fuzz
# The build of scripts/sanitize.sh address (clang, ASan + UBSan, every target instrumented),
# made here when that script has not run.
dir=build-asan
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DVERBATIM_FUZZ=ON >/dev/null
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]}" >/dev/null

# Seeds: the sample study, the golden cases' inputs, a REFI export of the golden corpus.
seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds" build-fuzz/crashes
seed() {  # target files...
  local t=$1
  shift
  mkdir -p "$seeds/$t"
  for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$seeds/$t/$(echo "$f" | tr '/' '_')"; done
  return 0
}
seed fuzz_decode data/sample/interviews/*.txt data/sample/interviews/*.vtt
seed fuzz_tokenizer data/sample/interviews/p0[12].txt data/sample/interviews/en01.txt
seed fuzz_docx data/sample/interviews/*.docx
seed fuzz_csv data/sample/*.csv tests/golden/codebook/corpus/*.csv
seed fuzz_codebook tests/golden/codebook/corpus/codebook.yml
seed fuzz_table tests/golden/report/tables/*
mkdir -p "$seeds/fuzz_refi"
if [[ -x build/bin/verbatim ]]; then
  build/bin/verbatim codebook export tests/golden/codebook/corpus/codebook.yml -q \
    --qdpx "$seeds/fuzz_refi/golden.qdpx" tests/golden/codebook/corpus
  build/bin/verbatim codebook export tests/golden/codebook/corpus/codebook.yml --qdc \
    -o "$seeds/fuzz_refi/golden.qdc"
fi

status=0
printf '%-16s %10s %8s %s\n' target executions "exec/s" result
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  log="build-fuzz/$t.log"
  # Text targets work on the first 4 KiB (more executions a second); archives need room.
  max_len=4096
  [[ $t == fuzz_docx || $t == fuzz_refi ]] && max_len=65536
  if "$dir/bin/$t" -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" \
    "build-fuzz/corpus/$t" "$seeds/$t" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and build-fuzz/crashes/)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  printf '%-16s %10s %8s %s\n' "$t" "$runs" "$rate" "$result"
done
exit $status
