#!/usr/bin/env bash
# fuzz.sh — build the libFuzzer targets (clang) and run each one briefly.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
# Seeds come from tests/fuzz/corpus/<target>/ when present; findings are written to
# build-fuzz/findings/ and make the script fail.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
need=()
command -v clang >/dev/null || need+=(clang)
dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q 'install ok installed' \
  || need+=(libclang-rt-14-dev)
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
CC=clang "$here/scripts/bootstrap.sh" "$here/build-fuzz" -DPL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
mkdir -p "$here/build-fuzz/findings"
status=0
for f in "$here"/build-fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  name=$(basename "$f")
  seeds="$here/tests/fuzz/corpus/${name#fuzz_}"
  work="$here/build-fuzz/work/$name"
  mkdir -p "$work"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$work"/ 2>/dev/null || true
  echo "fuzz: $name for ${secs}s"
  if ! "$f" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$here/build-fuzz/findings/$name-" "$work" >"$here/build-fuzz/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; see build-fuzz/$name.log and build-fuzz/findings/" >&2
    tail -40 "$here/build-fuzz/$name.log" >&2
    status=1
  fi
done
exit $status
