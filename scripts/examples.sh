#!/usr/bin/env bash
# examples.sh — build plimsoll if needed and check the shipped examples.
# Exit status is plimsoll's: 1 here, because examples/insecure.Dockerfile has findings.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/bootstrap.sh" "$here/build"
cd "$here"
exec ./build/plimsoll check examples/ "$@"
