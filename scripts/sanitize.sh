#!/usr/bin/env bash
# Builds verbatim with sanitizers (clang, -O1 with line tables) and runs the tests under them:
#   scripts/sanitize.sh address   AddressSanitizer + UBSan (build-asan/): the whole suite. The
#                                 same build holds the libFuzzer targets (VERBATIM_FUZZ=ON
#                                 instruments everything), which scripts/fuzz.sh then runs.
#   scripts/sanitize.sh thread    ThreadSanitizer (build-tsan/): the unit tests and every golden
#                                 command-line case (each tool reads documents on worker
#                                 threads by default; the threads-identical cases run 1 to 7).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
./scripts/install-deps.sh --test
./scripts/install-deps.sh --fuzz
common=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1")
case "$kind" in
  address)
    dir=build-asan
    cmake -S . -B "$dir" "${common[@]}" -DVERBATIM_FUZZ=ON >/dev/null
    cmake --build "$dir" -j "$(nproc)" >/dev/null
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
    ;;
  thread)
    dir=build-tsan
    cmake -S . -B "$dir" "${common[@]}" -DVERBATIM_SANITIZE=thread >/dev/null
    cmake --build "$dir" -j "$(nproc)" --target verbatim verbatim_unit >/dev/null
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp
    ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -R '^(unit|golden\.)'
    ;;
  *)
    echo "usage: scripts/sanitize.sh address|thread" >&2
    exit 2
    ;;
esac
