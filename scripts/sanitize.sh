#!/usr/bin/env bash
# Builds verbatim with sanitizers and runs the tests under them:
#   scripts/sanitize.sh address   AddressSanitizer + UBSan (build-asan/), the whole suite
#   scripts/sanitize.sh thread    ThreadSanitizer (build-tsan/), the whole suite (every tool
#                                 reads documents on worker threads by default)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
./scripts/install-deps.sh --test
case "$kind" in
  address)
    dir=build-asan
    flags=(-DVERBATIM_SANITIZE=address,undefined)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    ;;
  thread)
    dir=build-tsan
    flags=(-DVERBATIM_SANITIZE=thread)
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
    ;;
  *)
    echo "usage: scripts/sanitize.sh address|thread" >&2
    exit 2
    ;;
esac
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)" >/dev/null
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
