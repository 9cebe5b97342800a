#!/usr/bin/env bash
# format.sh — lay out the C sources with clang-format (.clang-format), or check them.
# Usage: scripts/format.sh           rewrite src/, include/ and tests/ in place
#        scripts/format.sh --check   list files that differ and fail (what CI runs)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v clang-format >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends clang-format >&2
fi
cd "$here"
mapfile -t files < <(git ls-files 'src/*.[ch]' 'include/*.[ch]' 'tests/*.[ch]' 2>/dev/null ||
                     find src include tests -name '*.[ch]')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
      echo "format: $f is not laid out as .clang-format says; run scripts/format.sh" >&2
      bad=1
    fi
  done
  [ "$bad" -eq 0 ] && echo "format: ${#files[@]} files as .clang-format says" >&2
  exit "$bad"
fi
clang-format -i "${files[@]}"
