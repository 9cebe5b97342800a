#!/usr/bin/env bash
# parser.sh — is the parser linear on hostile text? Times `plimsoll inspect --ast` (the
# parser and its dump, no rules) on files of 1000, 2000, 4000 and 8000 copies of a block
# that holds what the mutation fuzzer (tests/fuzz/fuzz_mutants.c) aims at: heredocs with
# ${...} in the word, NUL and invalid bytes, continuations with comments inside, flags,
# an out-of-range JSON number, a Unicode keyword. Prints bytes, wall seconds and
# nanoseconds per byte for each size: linear time keeps the last column flat.
# Usage: bench/parser.sh [PLIMSOLL_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/plimsoll"}
[ -x "$bin" ] || { echo "bench: no binary at $bin (run scripts/bootstrap.sh)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

block() {
  printf 'RUN <<EOF${X} cat\nbody \0 \xff line\nEOF${X}\n'
  printf 'ENV a=b\0c d="e f" \\\n  # a comment inside\n  g=h\n'
  printf 'RUN --mount=type=cache,target=/x --network=none echo \\\n  continued && \\\n'
  printf '  curl http://x | sh\n'
  printf 'COPY ["a", 1e999] /x\nwoRkd\xc4\xb0r /app\nRUN <<EOF${X?} ${v:B}\n'
  printf 'HEALTHCHEC\xe2\x84\xaa CMD ["a", "b"]\n'
}

printf '%-8s %10s %8s %8s\n' copies bytes seconds ns/byte
for n in 1000 2000 4000 8000; do
  f="$out/Dockerfile.$n"
  { printf 'FROM alpine\n'; for ((i = 0; i < n; i++)); do block; done; } >"$f"
  bytes=$(stat -c %s "$f")
  start=$(date +%s.%N)
  "$bin" inspect --ast "$f" >/dev/null
  end=$(date +%s.%N)
  awk -v n="$n" -v b="$bytes" -v s="$start" -v e="$end" \
    'BEGIN { printf "%-8d %10d %8.3f %8.1f\n", n, b, e - s, (e - s) * 1e9 / b }'
done
