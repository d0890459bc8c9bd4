#!/usr/bin/env bash
# Configures and builds verbatim in build/ (Release by default); the binary is build/bin/verbatim.
# Extra arguments go to cmake's configure step, e.g. -DCMAKE_BUILD_TYPE=Debug.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=()
[[ "${CI:-}" == "true" ]] && extra+=(-DVERBATIM_WERROR=ON)
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "${extra[@]}" "$@" >/dev/null
cmake --build build -j "$(nproc)"
