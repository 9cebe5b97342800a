#!/usr/bin/env bash
# test_jobs.sh — the report is byte-identical for any -j, any order of the paths, and
# without isolation; -j, --timeout and --no-isolation are checked like other options.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

corpus="$PL_SHARED_DIR/corpus/dockerfiles"
mapfile -t some < <(find "$corpus" -type f | sort | head -n 150)
paths=("$data" "$PL_SOURCE_DIR/tests/hostile/inputs" "${some[@]}")
mapfile -t reversed < <(printf '%s\n' "${paths[@]}" | tac)

run "in process" "$PLIMSOLL" check --no-isolation -f json --policy "$data/policies" "${paths[@]}"
cp "$tmp/out" "$tmp/ref.json"
has "$tmp/ref.json" '"status": "fail"'
for j in 1 2 3 7; do
  run "-j $j" "$PLIMSOLL" check -j "$j" -f json --policy "$data/policies" "${paths[@]}"
  same "$tmp/ref.json" "$tmp/out"
  run "-j $j, paths reversed" "$PLIMSOLL" check --jobs="$j" -f json --policy "$data/policies" \
    "${reversed[@]}"
  same "$tmp/ref.json" "$tmp/out"
done
run "text report too" "$PLIMSOLL" check -j 2 "$data"
cp "$tmp/out" "$tmp/text2"
run "text report, one job" "$PLIMSOLL" check -j 1 "$data"
same "$tmp/text2" "$tmp/out"

# standard input goes through a worker like any file
run "stdin" "$PLIMSOLL" check -j 2 -f json - <"$data/findings/Dockerfile"
has "$tmp/out" '"path": "<stdin>"'
has "$tmp/out" '"rule": "final-user-root"'

# what the parent reads for a worker that cannot open files: the build context's
# .dockerignore, and the inline suppressions filtered after the workers are done
ctx="$tmp/ctx"
mkdir -p "$ctx/app"
printf 'FROM alpine:3.19\nCOPY . /app\nUSER 1000\n' >"$ctx/app/Dockerfile"
printf 'node_modules\n' >"$ctx/app/.dockerignore"
printf 'FROM alpine:3.19\nCOPY . /app\n# plimsoll ignore=final-user-root -- a test image\nUSER root\n' \
  >"$ctx/Dockerfile"
printf '.git\n.env\n*.pem\n*.key\nid_rsa*\n' >"$ctx/.dockerignore"
run "context and suppressions, in process" "$PLIMSOLL" check --no-isolation -f json "$ctx"
cp "$tmp/out" "$tmp/ctx-ref.json"
has "$tmp/ctx-ref.json" '"rule": "dockerignore-missing"'
has "$tmp/ctx-ref.json" '"kind": "inline"'
run "context and suppressions, two workers" "$PLIMSOLL" check -j 2 -f json "$ctx"
same "$tmp/ctx-ref.json" "$tmp/out"

run "bad -j" "$PLIMSOLL" check -j 0 "$data"
expect_status 2
has "$tmp/err" "--jobs wants a count"
run "bad --timeout" "$PLIMSOLL" check --timeout 1.5 "$data"
expect_status 2
has "$tmp/err" "--timeout wants milliseconds"
run "help" "$PLIMSOLL" check --help
has "$tmp/out" "--no-isolation"
has "$tmp/out" "--timeout MS"
finish
