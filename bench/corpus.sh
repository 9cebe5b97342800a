#!/usr/bin/env bash
# corpus.sh — time `plimsoll check` over the whole development corpus on one core.
#
# One process checks every Dockerfile in shared/corpus/dockerfiles and every image file
# in shared/corpus/images with the built-in bundle, as a CI job would. Prints files per
# second, the cost per file and the peak resident memory of that one run (-j 1: one
# worker process beside the parent, both on the one core).
# Usage: bench/corpus.sh [PLIMSOLL_BINARY] [extra plimsoll options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/plimsoll"}
shift || true
shared=${PL_SHARED_DIR:-"$here/../shared"}
[ -x "$bin" ] || { echo "bench: no binary at $bin (run scripts/bootstrap.sh)" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

mapfile -d '' files < <(find "$shared/corpus/dockerfiles" -type f -print0 | sort -z)
mapfile -d '' images < <(find "$shared/corpus/images" -type f -name '*.json' -print0 | sort -z)
# Image files: only those plimsoll recognises as configs (the corpus also holds manifests).
n_df=${#files[@]}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

set +e
taskset -c 0 /usr/bin/time -f '%e %M' -o "$out/time" \
  "$bin" check -j 1 --quiet --format json --output "$out/report.json" "$@" "${files[@]}" \
  "$shared/corpus/images" 2>"$out/stderr"
status=$?
set -e
# GNU time prints "Command exited with non-zero status N" first when plimsoll exits non-zero.
read -r secs kb < <(tail -n 1 "$out/time")
files_checked=$(grep -o '"files": *[0-9]*' "$out/report.json" | grep -o '[0-9]*$' || echo 0)
awk -v s="$secs" -v kb="$kb" -v n="$files_checked" -v d="$n_df" -v st="$status" 'BEGIN {
  printf "files checked:   %d (%d Dockerfiles, the rest image configs)\n", n, d
  printf "wall time:       %.2f s on one core (exit status %d)\n", s, st
  printf "files per second: %.0f\n", (s > 0 ? n / s : 0)
  printf "per file:        %.3f ms\n", (n ? s * 1000 / n : 0)
  printf "peak memory:     %.1f MiB\n", kb / 1024
}'
