#!/usr/bin/env bash
# test_scale.sh — large and pathological documents are read in linear time and memory.
#
# The inputs are those bench/gen-large.sh writes (bench/large.sh times them). What is
# asserted here does not depend on the machine's speed: the run finishes without an
# error and its peak memory (GNU time's maximum resident set size of plimsoll and its
# worker) stays under a bound that the quadratic code went far past.
set -euo pipefail
. "$PL_SOURCE_DIR/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "test_scale: needs jq" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "test_scale: needs GNU time (apt-get install time)" >&2; exit 1; }

"$PL_SOURCE_DIR/bench/gen-large.sh" "$tmp/in" 10000 >/dev/null

# check NAME MAX_MIB [plimsoll options...]: checks $tmp/in/NAME/Dockerfile with the
# built-in rules and default limits; no error in the report, peak memory under MAX_MIB
check() {
  local name=$1 max_mib=$2
  shift 2
  run "$name" /usr/bin/time -f '%M' -o "$tmp/rss" "$PLIMSOLL" check -j 1 -f json "$@" \
    "$tmp/in/$name/Dockerfile"
  if [ "$status" -le 1 ]; then ok; else bad "exit status $status, want 0 or 1"; fi
  local errors
  errors=$(jq '.summary.errors' "$tmp/out")
  if [ "$errors" = 0 ]; then ok; else bad "$errors errors: $(jq -c '[.errors[].message]' "$tmp/out" | head -c 400)"; fi
  local kb
  kb=$(tail -n 1 "$tmp/rss")
  if [ "$kb" -lt $((max_mib * 1024)) ]; then ok; else bad "peak memory $((kb / 1024)) MiB, want < $max_mib MiB"; fi
}

# 10,000 instructions (600 KB, multi-stage) with the default limits: the model took more
# than the 64 MiB of the bundle's Lua state, and each of the 70 rules failed after
# building it again.
check large-10000 400

# One RUN line of 65,000 backticks took 1 GB: every command substitution copied the word
# read so far. (Bounds leave room for the sanitizer build, which needs about 4 times the
# memory of the normal one.)
check backticks 100
# $( nested 10,000 deep (read to the nesting limit), 100,000 quote runs in one word,
# 2,000 here-documents in one script and 1,000 in one RUN: bounded like any input.
check nest 200
check quotes 200
check heredocs 200
# sh -c scripts with long words of many quoted parts (the unwrap reader of the prelude
# joined them piece by piece, and every rule read the scripts again).
check sh-c 200
# 10,000 ENV in one stage: every ENV copied the whole scope (2.4 GB, the worker killed).
check envs 300
# 2,000 stages each built FROM the one before: every FROM copied the inherited ENV, and
# copy-relative-destination walked each stage's chain again (it ran out of time).
check chain 150
# 10,000 global ARGs: the bridge searched the instructions again for each one's line.
check global-args 300

finish
