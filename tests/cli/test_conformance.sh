#!/usr/bin/env bash
# test_conformance.sh — BuildKit's parser tests through the binary a user runs:
# `plimsoll inspect --ast` must print each parser case's `result` byte for byte, and
# `plimsoll check` must reject every negative case with exit status 2 and a location.
# (tests/conformance/test_buildkit.c checks the same data through the library, plus the
# lexer cases; this one proves the CLI path adds nothing and loses nothing.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
: "${PL_SHARED_DIR:?set PL_SHARED_DIR to the shared/ folder}"
conf="$PL_SHARED_DIR/conformance/buildkit"
[ -d "$conf/parser" ] || { echo "no conformance data at $conf" >&2; exit 1; }

n=0
for dir in "$conf"/parser/*/; do
  case=$(basename "$dir")
  run "inspect --ast $case" "$PLIMSOLL" inspect --ast "$dir/Dockerfile"
  expect_status 0
  same "$tmp/out" "$dir/result"
  n=$((n + 1))
done
[ "$n" -gt 0 ] && ok || bad "no parser cases found"

for dir in "$conf"/negative/*/; do
  case=$(basename "$dir")
  run "check $case" "$PLIMSOLL" check --no-builtin "$dir/Dockerfile"
  expect_status 2
  # the error names the file with a line (and column where known)
  has_line "$tmp/out" ".*Dockerfile:[0-9]+(:[0-9]+)?: error: .*"
done
finish
