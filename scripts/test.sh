#!/usr/bin/env bash
# test.sh — build plimsoll and run the whole test suite (ctest).
# Usage: scripts/test.sh [--sanitize]   (--sanitize: a separate ASan+UBSan build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
opts=()
if [ "${1:-}" = "--sanitize" ]; then
  build="$here/build-asan"
  opts=(-DPL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
"$here/scripts/bootstrap.sh" "$build" "${opts[@]}"
cd "$build"
ctest --output-on-failure -j "$(nproc)"
