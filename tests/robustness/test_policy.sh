#!/usr/bin/env bash
# test_policy.sh — loading policies and running them: ids, bundle names, bundles named
# twice, and the limits every command runs policy code under.
set -euo pipefail
. "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"

# a bundle of one rule that reports every ADD, named $2, in directory $1
bundle() {
  mkdir -p "$1"
  printf 'name: %s\nversion: 1.0.0\n' "$2" >"$1/bundle.yaml"
  cp "$data/policies/no-add.lua" "$1/"
}
printf 'FROM alpine:3.20\nADD x /x\n' >Dockerfile

# Rule file names were not checked: "Bad Name!.lua" became the rule "acme/Bad Name!",
# which no configuration key or suppression could name reliably.
bundle ids acme
cp "$data/policies/no-add.lua" "ids/Bad Name!.lua"
cp "$data/policies/no-add.lua" "ids/all.lua"
run "rule ids follow the grammar" "$PLIMSOLL" rules --no-builtin --policy ids
expect_status 2
has "$tmp/err" "ids/Bad Name!.lua: error: 'Bad Name!' is not a valid rule id"
has "$tmp/err" "e.g. bad-name.lua"
has "$tmp/err" "ids/all.lua: error: the rule id 'all' is reserved"
has_line "$tmp/out" "acme/no-add +high .*"
lacks "$tmp/out" "Bad Name"
lacks "$tmp/out" "acme/all"
run "a bad rule file name fails check, the other rules still run" \
  "$PLIMSOLL" check --no-config --no-builtin --policy ids -f json Dockerfile
expect_status 2
has "$tmp/out" '"rule": "acme/no-add"'
lacks "$tmp/out" '"rule": "acme/Bad Name!"'

# A bundle named "builtin" loaded un-namespaced, posing as the built-in bundle: its rules
# got bare ids beside (and instead of) the built-in ones.
bundle fake builtin
run "the name builtin is reserved" "$PLIMSOLL" rules --no-builtin --policy fake
expect_status 2
has "$tmp/err" "fake/bundle.yaml:1:7: error: the bundle name 'builtin' is reserved"
lacks "$tmp/out" "no-add"
bundle proj plimsoll
run "the name plimsoll is reserved" "$PLIMSOLL" check --no-config --no-builtin --policy proj Dockerfile
expect_status 2
has "$tmp/out" "proj/bundle.yaml:1:7: error: the bundle name 'plimsoll' is reserved"
# plimsoll test loads one bundle alone, so the built-in sources test under their own name
run "the built-in sources still test as themselves" "$PLIMSOLL" test --policy-only "$PL_SOURCE_DIR/policies"
expect_status 0
run "but a bundle named plimsoll does not" "$PLIMSOLL" test --policy-only proj
expect_status 2
has "$tmp/out" "the bundle name 'plimsoll' is reserved"

# The same bundle from the configuration and from --policy was loaded twice: every rule
# a "duplicate rule id" error, and plimsoll.lock pinned it twice.
bundle shared acme
ln -s shared alias
mkdir -p proj2
printf 'policies: [../shared]\nbuiltin: false\n' >proj2/.plimsoll.yaml
printf 'FROM alpine:3.20\nADD x /x\n' >proj2/Dockerfile
run "one bundle from the configuration and --policy" \
  bash -c "cd proj2 && '$PLIMSOLL' check -f json --policy ../shared --policy ../alias/ Dockerfile"
expect_status 1
lacks "$tmp/out" "duplicate rule id"
n=$(jq '[.rules[] | select(.id == "acme/no-add")] | length' "$tmp/out")
[ "$n" = 1 ] && ok || bad "acme/no-add listed $n times"
run "plimsoll lock pins it once" \
  bash -c "cd proj2 && '$PLIMSOLL' lock --policy ../shared --policy ../alias"
expect_status 0
has "$tmp/out" "(1 bundle)"
n=$(jq '.bundles | length' proj2/plimsoll.lock)
[ "$n" = 1 ] && ok || bad "plimsoll.lock has $n bundles"
run "and check --locked accepts it" \
  bash -c "cd proj2 && '$PLIMSOLL' check --locked --policy ../alias -f json Dockerfile"
expect_status 1
has "$tmp/out" '"rule": "acme/no-add"'

# limits.timeout-ms in .plimsoll.yaml was read and shown, but the deadline stayed 5000 ms.
mkdir -p slow
printf 'name: slow\nversion: 1.0.0\n' >slow/bundle.yaml
cp "$PL_SOURCE_DIR/tests/hostile/pattern-find.lua" slow/
printf 'policies: [slow]\nbuiltin: false\nlimits:\n  timeout-ms: 300\n' >timeout.yaml
run "timeout-ms from the configuration" "$PLIMSOLL" check --config timeout.yaml -f json Dockerfile
expect_status 2
has "$tmp/out" "timed out after 300 ms"
run "--timeout wins over the file" "$PLIMSOLL" check --config timeout.yaml --timeout 400 -f json Dockerfile
expect_status 2
has "$tmp/out" "timed out after 400 ms"
run "plimsoll config shows the deadline in force" "$PLIMSOLL" config --config timeout.yaml
expect_status 0
has_line "$tmp/out" "  timeout-ms: 300 +# .*timeout.yaml:4"
run "and the default one" "$PLIMSOLL" config --no-config
has_line "$tmp/out" "  timeout-ms: 5000 +# default"

finish
