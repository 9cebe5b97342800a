#!/usr/bin/env bash
# large.sh — what large and pathological inputs cost: time and peak memory of
# `plimsoll check` (built-in rules, default limits) on each file bench/gen-large.sh writes.
#
# One run per file, through the usual workers (-j 1), measured with GNU time -v: wall
# and CPU seconds, peak resident memory (the largest of plimsoll and its worker), and
# how many errors the report has (a file that hits a limit shows up there).
# Usage: bench/large.sh [PLIMSOLL_BINARY] [extra plimsoll options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/plimsoll"}
shift || true
[ -x "$bin" ] || { echo "bench: no binary at $bin (run scripts/bootstrap.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench: needs jq" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$here/bench/gen-large.sh" "$out/in"

printf '%-12s %9s %8s %8s %8s %10s %7s\n' input bytes wall user+sys instrs "peak MiB" errors
for dir in large-1000 large-5000 large-10000 backticks nest quotes heredocs sh-c envs chain \
  global-args stages; do
  f="$out/in/$dir/Dockerfile"
  set +e
  /usr/bin/time -v -o "$out/time" "$bin" check -j 1 --format json --output "$out/r.json" \
    "$@" "$f" 2>"$out/stderr"
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$out/time")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time")
  ins=$(grep -ciE '^(from|run|env|arg|copy|workdir|user|label|expose) ' "$f" || true)
  errors=$(jq '.summary.errors' "$out/r.json" 2>/dev/null || echo "?")
  awk -v d="$dir" -v b="$(wc -c <"$f")" -v w="$wall" -v c="$cpu" -v i="$ins" -v kb="$kb" \
    -v e="$errors" 'BEGIN { printf "%-12s %9d %7.2fs %7.2fs %8d %10.1f %7s\n", d, b, w, c, i, kb / 1024, e }'
done
