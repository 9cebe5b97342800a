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

# --trace, plimsoll test and rules --explain ran rules in this process with no deadline:
# a rule stuck in one C call (a backtracking pattern, minutes on stock Lua 5.4) hung
# them. Every path that runs policy code now runs it in a worker under the deadline.
# (`timeout` only stops a run that hangs, as the old code did; the deadline is 500 ms.)
mkdir -p loops/tests/spin loops/tests/ok
printf 'name: loops\nversion: 1.0.0\n' >loops/bundle.yaml
cp "$PL_SOURCE_DIR/tests/hostile/pattern-find.lua" loops/spin.lua
cp "$data/policies/no-add.lua" loops/ok.lua
printf '# expect: spin\nFROM alpine:3.20\n' >loops/tests/spin/fail.Dockerfile
printf 'FROM alpine:3.20\n' >loops/tests/spin/pass.Dockerfile
printf '# expect: ok\nADD x /x\n' >loops/tests/ok/fail.Dockerfile
sed -i '1i FROM alpine:3.20' loops/tests/ok/fail.Dockerfile
printf 'FROM alpine:3.20\n' >loops/tests/ok/pass.Dockerfile
cat >loops/tests/spin/spin_test.lua <<'LUA'
test("the rule spins", function(t)
  t:dockerfile("FROM alpine:3.20\n"):rule("spin"):passes()
end)
LUA
cat >loops/tests/ok/self_test.lua <<'LUA'
test("the test itself spins", function(t)
  local s = ("a"):rep(4000)
  s:find(".-.-b")
end)
LUA
printf 'limits:\n  timeout-ms: 500\n' >.plimsoll.yaml

run "plimsoll test under the configured deadline" timeout 60 "$PLIMSOLL" test loops
expect_status 1
has "$tmp/out" "loops/tests/spin/fail.Dockerfile: rule error: timed out after 500 ms while running rule loops/spin"
has "$tmp/out" "spin_test.lua: the test file did not run: timed out after 500 ms while running rule loops/spin"
has "$tmp/out" "self_test.lua: the test file did not run: timed out after 500 ms"
# the rule that behaves is still tested and passes
lacks "$tmp/out" "tests/ok/fail.Dockerfile"
lacks "$tmp/out" "tests/ok/pass.Dockerfile"
run "plimsoll test --timeout" timeout 60 "$PLIMSOLL" test --timeout 300 loops
expect_status 1
has "$tmp/out" "timed out after 300 ms while running rule loops/spin"

run "rules --explain under the deadline" timeout 60 "$PLIMSOLL" rules --no-builtin --policy loops --explain loops/spin
expect_status 2
has "$tmp/out" "loops/spin: hostile"
has "$tmp/err" "timed out after 500 ms while running rule loops/spin"
run "rules --markdown too" timeout 60 "$PLIMSOLL" rules --no-builtin --policy loops --timeout 300 --markdown loops/spin
expect_status 2
has "$tmp/err" "timed out after 300 ms while running rule loops/spin"

printf 'FROM alpine:3.20\nADD x /x\n' >Dockerfile
run "check --trace under the deadline" timeout 60 "$PLIMSOLL" check --no-builtin --policy loops --trace loops/spin -f json Dockerfile
expect_status 2
has "$tmp/out" "timed out after 500 ms"
has "$tmp/out" '"rule": "loops/ok"'
lacks "$tmp/err" "without worker isolation or deadline"
run "and the traced rule's record still comes back" timeout 60 "$PLIMSOLL" check --no-builtin --policy loops --trace loops/ok Dockerfile
expect_status 2
has "$tmp/err" "trace: loops/ok on Dockerfile"
has "$tmp/err" "verdict: fail, 1 finding"
mkdir -p imgonly
printf 'name: io\nversion: 1.0.0\n' >imgonly/bundle.yaml
cp "$data/policies/image-no-user.lua" imgonly/
run "and the trace of a rule that only skips" "$PLIMSOLL" check --no-builtin --policy imgonly --trace io/image-no-user Dockerfile
has "$tmp/err" "skipped: the rule reads image input, not dockerfile"
rm .plimsoll.yaml

# plimsoll rules ignored .plimsoll.yaml and had no --config: it listed rules check would
# not run, with severities and parameters check would not use.
mkdir -p cfgd
cat >cfgd/.plimsoll.yaml <<YAML
policies: [$data/params]
builtin: false
rules:
  TEST-RUNS:
    severity: critical
    params: {max_runs: 5}
  p/label-required: {enabled: true}
YAML
run "rules reads the configuration" bash -c "cd cfgd && '$PLIMSOLL' rules"
expect_status 0
has_line "$tmp/out" "p/too-many-runs +critical +dockerfile +default +Too many RUN instructions"
has_line "$tmp/out" "p/label-required +low +dockerfile +strict +Required label missing"
run "rules ID shows the configured values" bash -c "cd cfgd && '$PLIMSOLL' rules p/too-many-runs"
has_line "$tmp/out" "severity: critical"
has_line "$tmp/out" "runs: +yes"
has_line "$tmp/out" "  max_runs \(integer, default 2, configured 5\): .*"
run "rules --config FILE" "$PLIMSOLL" rules --config cfgd/.plimsoll.yaml
has_line "$tmp/out" "p/too-many-runs +critical .*"
run "rules --no-config lists what check runs without it" bash -c "cd cfgd && '$PLIMSOLL' rules --no-config --no-builtin --policy '$data/params'"
has_line "$tmp/out" "p/too-many-runs +medium .*"
lacks "$tmp/out" "label-required"
printf 'preset: strict\nrules:\n  final-user-root: {enabled: false}\n' >strict.yaml
run "the built-in list follows preset and enabled" "$PLIMSOLL" rules --config strict.yaml
lacks "$tmp/out" "final-user-root"
has "$tmp/out" " strict "
run "rules --all marks what would not run" "$PLIMSOLL" rules --config strict.yaml --all
has_line "$tmp/out" "final-user-root +.*\(off: disabled by .*strict.yaml:3\)"
run "and rules ID says so" "$PLIMSOLL" rules --config strict.yaml final-user-root
has_line "$tmp/out" "runs: +no \(disabled by .*strict.yaml:3\)"
# the same ids as check's report, rule for rule
run "check's rule list" "$PLIMSOLL" check --config strict.yaml -f json Dockerfile
jq -r '.rules[] | select(.enabled != false) | .id' "$tmp/out" | sort >check-ids
run "rules' list" "$PLIMSOLL" rules --config strict.yaml
awk 'NR > 1 {print $1}' "$tmp/out" | sort >rules-ids
same check-ids rules-ids
printf 'rules:\n  no-such-rule: {enabled: false}\n' >broken.yaml
run "a broken configuration stops rules as it stops check" "$PLIMSOLL" rules --config broken.yaml
expect_status 2
has "$tmp/err" "broken.yaml:2:3: error: unknown rule 'no-such-rule'"


# A rule file whose top-level code never finishes inside one C call (a backtracking
# pattern, which the instruction limit cannot interrupt) used to stall every command that
# loaded its bundle (87 s here on stock Lua 5.4). The bundle is tried in a worker under the
# deadline first: it is a load problem, and the other rules still run.
mkdir -p spins/dockerfile
printf 'name: spins\nversion: 1.0.0\n' >spins/bundle.yaml
cat >spins/dockerfile/spin.lua <<'LUA'
local s = ("a"):rep(4000)
s:find(".-.-b")
return { title = "t", severity = "high", input = "dockerfile", help = "h", check = function() end }
LUA
for cmd in "check --no-config --timeout 500 --policy spins Dockerfile" \
           "rules --no-config --timeout 500 --policy spins" \
           "test --no-config --timeout 500 spins"; do
  # shellcheck disable=SC2086
  run "a bundle that never loads: $cmd" timeout 60 "$PLIMSOLL" $cmd
  expect_status 2
  if [ "${cmd%% *}" = test ]; then f="$tmp/out"; elif [ "${cmd%% *}" = check ]; then f="$tmp/out"; else f="$tmp/err"; fi
  has "$f" "the bundle did not load: timed out after 500 ms"
done
run "the built-in rules still ran" "$PLIMSOLL" check --no-config --timeout 500 --policy spins -f json Dockerfile
expect_status 2
what="built-in findings beside the load error"
jq -e '.findings | length > 0' "$tmp/out" >/dev/null && ok || bad "no findings"

finish
