#!/usr/bin/env bash
# isolation.sh — what worker processes cost: the development corpus (the files of
# bench/corpus.sh) checked (a) in one process with --no-isolation, (b) in one confined
# worker (-j 1), (c) in two (-j 2). One run each; prints wall and CPU times and the
# ratios: isolation cost b/a (aim: under 1.05) and speed-up b/c (aim: 1.8 on two cores).
# Usage: bench/isolation.sh [PLIMSOLL_BINARY] [extra plimsoll options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/plimsoll"}
shift || true
shared=${PL_SHARED_DIR:-"$here/../shared"}
[ -x "$bin" ] || { echo "bench: no binary at $bin (run scripts/bootstrap.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

mapfile -d '' files < <(find "$shared/corpus/dockerfiles" -type f -print0 | sort -z)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# one run: prints "wall cpu" (seconds; cpu = user + system of plimsoll and its workers)
measure() {
  local name=$1
  shift
  set +e
  /usr/bin/time -f '%e %U %S' -o "$out/time" "$bin" check --quiet --format json \
    --output "$out/$name.json" "$@" "${files[@]}" "$shared/corpus/images" 2>"$out/stderr"
  set -e
  tail -n 1 "$out/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}

read -r wa ca < <(measure a --no-isolation "$@")
read -r wb cb < <(measure b -j 1 "$@")
read -r wc cc < <(measure c -j 2 "$@")
for r in b c; do
  cmp -s "$out/a.json" "$out/$r.json" || echo "bench: WARNING: report $r differs from a" >&2
done
awk -v wa="$wa" -v wb="$wb" -v wc="$wc" -v ca="$ca" -v cb="$cb" -v cc="$cc" \
    -v n="${#files[@]}" -v cpus="$(nproc)" 'BEGIN {
  printf "corpus: %d Dockerfiles + shared/corpus/images; %d CPUs online\n", n, cpus
  printf "(a) --no-isolation  wall %6.2f s  cpu %6.2f s\n", wa, ca
  printf "(b) -j 1            wall %6.2f s  cpu %6.2f s\n", wb, cb
  printf "(c) -j 2            wall %6.2f s  cpu %6.2f s\n", wc, cc
  printf "isolation cost b/a: %.3f (wall)  %.3f (cpu)\n", wb / wa, cb / ca
  printf "speed-up b/c:       %.2fx\n", wb / wc
}'
