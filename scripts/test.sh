#!/usr/bin/env bash
# Sets everything up on a Debian 12 machine and runs the whole test suite (ctest): unit tests,
# gold-data tests (skipped when ../shared/data is absent) and golden command-line cases.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh --test
./scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
