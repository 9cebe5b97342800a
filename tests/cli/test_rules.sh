#!/usr/bin/env bash
# test_rules.sh — `plimsoll rules`: the table, one rule's details, aliases, errors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"

run "rules, own bundle" "$PLIMSOLL" rules --no-builtin --policy policies
expect_status 0
has_line "$tmp/out" "ID +SEVERITY +INPUT +PRESET +TITLE"
has_line "$tmp/out" "t/no-add +high +dockerfile +default +ADD instruction"
has_line "$tmp/out" "t/image-no-user +critical +image +default +Image config sets no User"
ids=$(awk 'NR > 1 {print $1}' "$tmp/out" | tr '\n' ' ')
[ "$ids" = "t/from-latest t/image-no-user t/no-add t/todo-comment t/user-missing " ] && ok || bad "ids: $ids"

run "rules, built-in" "$PLIMSOLL" rules --all
expect_status 0
has_line "$tmp/out" "final-user-root +high +dockerfile +(default|strict) .*"
awk 'NR > 1 {print $1}' "$tmp/out" >"$tmp/ids"
what="built-in rules sorted by id"
if LC_ALL=C sort -c "$tmp/ids"; then ok; else bad "not sorted"; fi
n=$(find "$PL_SOURCE_DIR/policies" -name '*.lua' -not -path '*/tests/*' -not -path '*/lib/*' \
    -not -name '*_test.lua' | wc -l)
[ "$(wc -l <"$tmp/ids")" -eq "$n" ] && ok || bad "$(wc -l <"$tmp/ids") rules listed, $n rule files"

run "rules ID" "$PLIMSOLL" rules --no-builtin --policy policies t/no-add
expect_status 0
has_line "$tmp/out" "t/no-add: ADD instruction"
has_line "$tmp/out" "severity: high"
has_line "$tmp/out" "input: +dockerfile"
has_line "$tmp/out" "aliases: +TEST-ADD"
has_line "$tmp/out" "Use COPY."
has_line "$tmp/out" "Second paragraph of help."

run "rules ALIAS" "$PLIMSOLL" rules --policy policies TEST-ADD
expect_status 0
has_line "$tmp/out" "t/no-add: ADD instruction"

run "rules unknown ID" "$PLIMSOLL" rules --no-builtin --policy policies no-such-rule
expect_status 2
has "$tmp/err" "no-such-rule"

run "rules two IDs" "$PLIMSOLL" rules no-add from-latest
expect_status 2
run "rules unknown option" "$PLIMSOLL" rules --verbose
expect_status 2
has "$tmp/err" "try 'plimsoll --help'"
run "rules --help" "$PLIMSOLL" rules --help
expect_status 0
has "$tmp/out" "--policy"

mkdir -p "$tmp/bad"
printf 'return {\n  title = "x",\n  check = function(\n' >"$tmp/bad/broken.lua"
printf 'name: bad\nversion: 0.1.0\n' >"$tmp/bad/bundle.yaml"
run "rules with a policy that does not load" "$PLIMSOLL" rules --no-builtin --policy policies --policy "$tmp/bad"
expect_status 2
has "$tmp/err" "broken.lua"
has "$tmp/out" "no-add"

# presets: a column, a filter, and the details of one rule with its parameters
run "rules, presets" "$PLIMSOLL" rules --all --no-builtin --policy params
expect_status 0
has_line "$tmp/out" "p/label-required +low +dockerfile +strict +Required label missing \(off: in the strict preset \(run with --preset strict\)\)"
has_line "$tmp/out" "p/too-many-runs +medium +dockerfile +default +Too many RUN instructions"
run "rules --preset default" "$PLIMSOLL" rules --no-builtin --policy params --preset default
expect_status 0
lacks "$tmp/out" "label-required"
has "$tmp/out" "too-many-runs"
run "rules --preset strict" "$PLIMSOLL" rules --no-builtin --policy params --preset strict
has "$tmp/out" "label-required"
has "$tmp/out" "too-many-runs"
run "rules --preset bogus" "$PLIMSOLL" rules --preset lax
expect_status 2
has "$tmp/err" "--preset must be default or strict"
run "rules ID with params" "$PLIMSOLL" rules --no-builtin --policy params TEST-RUNS
expect_status 0
has_line "$tmp/out" "preset: +default"
has_line "$tmp/out" "  max_runs \(integer, default 2\): RUN instructions allowed per stage"
has_line "$tmp/out" "  forbidden \(list, default \[\"wget\"\]\): commands that must not run"
run "built-in strict preset is a subset" "$PLIMSOLL" rules --preset default
nd=$(($(wc -l <"$tmp/out") - 1))
run "built-in strict preset" "$PLIMSOLL" rules --preset strict
ns=$(($(wc -l <"$tmp/out") - 1))
what="--preset strict lists at least the default rules"
[ "$ns" -ge "$nd" ] && ok || bad "$ns strict, $nd default"

finish
