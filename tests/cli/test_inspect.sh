#!/usr/bin/env bash
# test_inspect.sh — `plimsoll inspect`: --ast against BuildKit's own dumps, the model as
# JSON, and errors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"
conf="$PL_SHARED_DIR/conformance/buildkit/parser"

# BuildKit's parser test cases: the Dockerfile and the dump BuildKit printed for it
for case in json escapes docker ADD-COPY-with-JSON mail influxdb; do
  [ -f "$conf/$case/result" ] || continue
  run "inspect --ast $case" "$PLIMSOLL" inspect --ast "$conf/$case/Dockerfile"
  expect_status 0
  same "$conf/$case/result" "$tmp/out"
done
run "inspect --ast on stdin" bash -c "'$PLIMSOLL' inspect --ast - <'$conf/json/Dockerfile'"
expect_status 0
same "$conf/json/result" "$tmp/out"

run "inspect a Dockerfile" "$PLIMSOLL" inspect findings/Dockerfile
expect_status 0
has "$tmp/out" '"dockerfile"'
has "$tmp/out" '"instructions"'
has "$tmp/out" 'alpine:latest'
run "inspect with --build-arg" "$PLIMSOLL" inspect --build-arg TAG=3.20 findings/Dockerfile
expect_status 0
run "inspect an image" "$PLIMSOLL" inspect image/config.json
expect_status 0
has "$tmp/out" '"image"'
has "$tmp/out" '/usr/bin'

run "inspect --ast of an image" "$PLIMSOLL" inspect --ast image/config.json
expect_status 2
run "inspect a broken file" "$PLIMSOLL" inspect broken/Dockerfile
expect_status 2
has_line "$tmp/err" "broken/Dockerfile:3(:[0-9]+)?: error: .*"
run "inspect --ast a broken file" "$PLIMSOLL" inspect --ast broken/Dockerfile
expect_status 2
has "$tmp/err" "broken/Dockerfile:3"
run "inspect without FILE" "$PLIMSOLL" inspect
expect_status 2
has "$tmp/err" "try 'plimsoll --help'"
run "inspect a missing file" "$PLIMSOLL" inspect no/such/file
expect_status 2
has "$tmp/err" "no/such/file"
run "inspect two files" "$PLIMSOLL" inspect clean/Dockerfile findings/Dockerfile
expect_status 2

finish
