#!/usr/bin/env bash
# test_bundles.sh — bundles end to end: manifests (required, every problem with its
# line), namespaced ids, plimsoll lock and check --locked (changed, added, removed
# files), the *_test.lua kit (pass, fail, skip, a rule that errors, no assertion),
# --require-coverage, the new-rule scaffold, rules --explain and check --trace.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"
org="$PL_SOURCE_DIR/examples/org-policies"

# ---- manifests and namespacing ------------------------------------------------------
mkdir -p "$tmp/nomanifest"
cp policies/no-add.lua "$tmp/nomanifest/"
run "--policy without a manifest" "$PLIMSOLL" check --no-builtin --policy "$tmp/nomanifest" clean
expect_status 2
has "$tmp/out" "$tmp/nomanifest/bundle.yaml"
has "$tmp/out" "not a policy bundle"
has "$tmp/out" "name: my-policies"

mkdir -p "$tmp/badmanifest"
cp policies/no-add.lua "$tmp/badmanifest/"
printf 'name: Bad_Name\nversion: one\nowner: me\nplimsoll: ">=99.0"\n' >"$tmp/badmanifest/bundle.yaml"
run "every manifest problem, with lines" "$PLIMSOLL" rules --no-builtin --policy "$tmp/badmanifest"
expect_status 2
has_line "$tmp/err" ".*/badmanifest/bundle.yaml:1:7: error: bad name 'Bad_Name'.*"
has_line "$tmp/err" ".*/badmanifest/bundle.yaml:2:10: error: bad version 'one'.*"
has_line "$tmp/err" ".*/badmanifest/bundle.yaml:3:1: error: unknown key 'owner'.*"
has_line "$tmp/err" ".*/badmanifest/bundle.yaml:4:11: error: this bundle needs plimsoll >=99.0.*"
lacks "$tmp/out" "no-add"

mkdir -p "$tmp/futureapi"
cp policies/no-add.lua "$tmp/futureapi/"
printf 'name: future\nversion: 1.0.0\napi: 2\n' >"$tmp/futureapi/bundle.yaml"
run "a bundle for a newer rule API is refused" "$PLIMSOLL" check --policy "$tmp/futureapi" "$data/findings/Dockerfile"
expect_status 2
has_line "$tmp/out" ".*/futureapi/bundle.yaml:3:6: error: this bundle targets rule API 2, but plimsoll .* provides rule API 1: upgrade plimsoll"

run "namespaced ids next to the built-in ones" "$PLIMSOLL" rules --policy "$org"
expect_status 0
has_line "$tmp/out" "acme/approved-registry +high +dockerfile .*"
has_line "$tmp/out" "acme/forbidden-packages +high +dockerfile .*"
has_line "$tmp/out" "base-image-latest +medium +dockerfile .*"

# two bundles with the same rule file never collide
mkdir -p "$tmp/other"
cp policies/no-add.lua "$tmp/other/"
printf 'name: other\nversion: 0.1.0\n' >"$tmp/other/bundle.yaml"
run "same rule in two bundles" "$PLIMSOLL" check --no-builtin --policy policies --policy "$tmp/other" findings
expect_status 1
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high t/no-add ADD used; use COPY"
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high other/no-add ADD used; use COPY"

# a rule's load error names the policy file and line
mkdir -p "$tmp/syntax"
printf 'name: syn\nversion: 0.1.0\n' >"$tmp/syntax/bundle.yaml"
printf 'return {\n  title = "x",\n  check = function(df)\n    if then end\n  end,\n}\n' >"$tmp/syntax/broken.lua"
run "load error with file and line" "$PLIMSOLL" rules --no-builtin --policy "$tmp/syntax"
expect_status 2
has_line "$tmp/err" ".*/syntax/broken.lua:4: error: .*"
printf -- '-- a rule\nlocal x = 1\nreturn {\n  title = "x", severity = "huge", input = "dockerfile",\n  check = function() end,\n}\n' >"$tmp/syntax/meta.lua"
run "bad metadata points at the rule's return" "$PLIMSOLL" rules --no-builtin --policy "$tmp/syntax"
has_line "$tmp/err" ".*/syntax/meta.lua:3: error: bad rule metadata: unknown severity 'huge'.*"

# ---- lock and --locked ----------------------------------------------------------------
cp -r "$org" "$tmp/acme"
(cd "$tmp" && "$PLIMSOLL" lock --policy acme >/dev/null)
what="lockfile written"
[ -f "$tmp/plimsoll.lock" ] && ok || bad "no plimsoll.lock"
has "$tmp/plimsoll.lock" '"name": "acme"'
has "$tmp/plimsoll.lock" '"version": "1.1.0"'
has "$tmp/plimsoll.lock" '"path": "acme"'
has "$tmp/plimsoll.lock" '"dockerfile/approved-registry.lua": "sha256:'
# the per-file digest is the sha256 of the file's bytes
sum=$(sha256sum "$tmp/acme/bundle.yaml" | cut -d' ' -f1)
has "$tmp/plimsoll.lock" "\"bundle.yaml\": \"sha256:$sum\""

run "--locked, unchanged" bash -c "cd '$tmp' && '$PLIMSOLL' check --locked --no-builtin --policy acme '$data/clean'"
expect_status 1
lacks "$tmp/err" "error"

echo "-- edited" >>"$tmp/acme/dockerfile/forbidden-packages.lua"
echo "return {}" >"$tmp/acme/lib/acme/extra.lua"
rm "$tmp/acme/tests/ownership-labels/pass.Dockerfile"
run "--locked, changed/added/removed" bash -c "cd '$tmp' && '$PLIMSOLL' check --locked --no-builtin --policy acme '$data/clean'"
expect_status 2
has_line "$tmp/err" "acme/dockerfile/forbidden-packages.lua: error: file changed since plimsoll.lock was written.*"
has_line "$tmp/err" "acme/lib/acme/extra.lua: error: file added since plimsoll.lock was written.*"
has_line "$tmp/err" "acme/tests/ownership-labels/pass.Dockerfile: error: file removed since plimsoll.lock was written"
lacks "$tmp/out" "acme/"

run "--locked, bundle not pinned" bash -c "cd '$tmp' && '$PLIMSOLL' check --locked --no-builtin --policy '$data/policies' '$data/clean'"
expect_status 2
has "$tmp/err" "bundle not pinned in plimsoll.lock"

run "--locked, no lockfile" "$PLIMSOLL" check --lockfile "$tmp/none.lock" --no-builtin --policy policies clean
expect_status 2
has "$tmp/err" "no lockfile"

run "lock with no bundle" "$PLIMSOLL" lock --no-config
expect_status 2

# the configuration's way: `policies:` and `locked: true`, the lockfile beside the file
mkdir -p "$tmp/proj/sub"
cp -r "$org" "$tmp/proj/acme"
printf 'policies: [acme]\nbuiltin: false\nlocked: true\n' >"$tmp/proj/.plimsoll.yaml"
run "lock from the configuration" bash -c "cd '$tmp/proj/sub' && '$PLIMSOLL' lock"
expect_status 0
what="lockfile beside the configuration"
[ -f "$tmp/proj/plimsoll.lock" ] && ok || bad "no $tmp/proj/plimsoll.lock"
[ ! -f "$tmp/proj/sub/plimsoll.lock" ] && ok || bad "lockfile written in the current directory"
has "$tmp/proj/plimsoll.lock" '"name": "acme"'
run "locked: true, unchanged" bash -c "cd '$tmp/proj/sub' && '$PLIMSOLL' check '$data/clean'"
expect_status 1
lacks "$tmp/err" "error"
echo "-- edited" >>"$tmp/proj/acme/dockerfile/forbidden-packages.lua"
run "locked: true, changed" bash -c "cd '$tmp/proj/sub' && '$PLIMSOLL' check '$data/clean'"
expect_status 2
has "$tmp/err" "forbidden-packages.lua: error: file changed since $tmp/proj/plimsoll.lock was written"
run "--no-config ignores locked: true" bash -c "cd '$tmp/proj/sub' && '$PLIMSOLL' check --no-config --no-builtin --policy ../acme '$data/clean'"
expect_status 1

# ---- the *_test.lua kit -----------------------------------------------------------------
mkdir -p "$tmp/kit/tests/k"
cp policies/no-add.lua policies/image-no-user.lua policies-broken/raises.lua "$tmp/kit/"
printf 'name: kit\nversion: 0.1.0\n' >"$tmp/kit/bundle.yaml"
cat >"$tmp/kit/tests/k/k_test.lua" <<'LUA'
test("finds", function(t)
  t:dockerfile("FROM alpine\nADD a /a\n"):rule("no-add"):finds { { 2, "ADD used" } }
end)
test("passes", function(t) t:dockerfile("FROM alpine\nCOPY a /a\n"):rule("no-add"):passes() end)
test("skips", function(t) t:dockerfile("FROM alpine\n"):rule("image-no-user"):skips() end)
test("wrong line", function(t)
  t:dockerfile("FROM alpine\nADD a /a\n"):rule("no-add"):finds { 1 }
end)
test("errors", function(t) t:dockerfile("FROM alpine\n"):rule("raises"):passes() end)
test("skip is not a pass", function(t) t:dockerfile("FROM alpine\n"):rule("image-no-user"):passes() end)
test("nothing asserted", function(t) end)
LUA
run "*_test.lua semantics" "$PLIMSOLL" test "$tmp/kit"
expect_status 1
has_line "$tmp/out" "FAIL $tmp/kit/tests/k/k_test.lua:7: wrong line: expected no-add to find lines \{1\}, got \{2\}.*"
has_line "$tmp/out" "FAIL $tmp/kit/tests/k/k_test.lua:9: errors: raises raised an error instead of giving a verdict: .*deliberate failure.*"
has_line "$tmp/out" "FAIL $tmp/kit/tests/k/k_test.lua:10: skip is not a pass: expected image-no-user to pass, but the rule skipped.*"
has_line "$tmp/out" "FAIL $tmp/kit/tests/k/k_test.lua:11: nothing asserted: the test made no assertion.*"
has_line "$tmp/out" "3 passed, 4 failed"
lacks "$tmp/out" "untested"

run "--require-coverage" "$PLIMSOLL" test --require-coverage policies
expect_status 0
mkdir -p "$tmp/cov"
cp -r policies/. "$tmp/cov/"
printf 'return { title = "New", severity = "low", input = "dockerfile", check = function() end }\n' >"$tmp/cov/fresh.lua"
run "untested rule: warning" "$PLIMSOLL" test "$tmp/cov"
expect_status 0
has "$tmp/out" "warning: untested rule t/fresh"
run "untested rule: --require-coverage fails" "$PLIMSOLL" test --require-coverage "$tmp/cov"
expect_status 1
has_line "$tmp/out" "FAIL $tmp/cov/fresh.lua: untested rule t/fresh.*"

run "the org example passes with coverage" "$PLIMSOLL" test --require-coverage "$org"
expect_status 0
lacks "$tmp/out" "FAIL"

# ---- new-rule ------------------------------------------------------------------------------
mkdir -p "$tmp/Fresh Bundle"
run "new-rule" "$PLIMSOLL" new-rule no-telnet --dir "$tmp/Fresh Bundle"
expect_status 0
has "$tmp/out" "created $tmp/Fresh Bundle/bundle.yaml"
has "$tmp/Fresh Bundle/bundle.yaml" "name: fresh-bundle"
has "$tmp/Fresh Bundle/bundle.yaml" "api: 1"
run "new-rule image" "$PLIMSOLL" new-rule image-thing --input image --dir "$tmp/Fresh Bundle"
expect_status 0
for f in dockerfile/no-telnet.lua tests/no-telnet/before.Dockerfile tests/no-telnet/after.Dockerfile \
         tests/no-telnet/no-telnet_test.lua image/image-thing.lua tests/image-thing/before.json; do
  what="scaffold has $f"
  [ -f "$tmp/Fresh Bundle/$f" ] && ok || bad "missing"
done
for field in title severity input preset aliases params help check; do
  has "$tmp/Fresh Bundle/dockerfile/no-telnet.lua" "$field"
done
run "scaffold passes its own tests" "$PLIMSOLL" test --require-coverage "$tmp/Fresh Bundle"
expect_status 0
has_line "$tmp/out" "1[0-9] passed, 0 failed"
run "new-rule refuses to overwrite" "$PLIMSOLL" new-rule no-telnet --dir "$tmp/Fresh Bundle"
expect_status 2
has "$tmp/err" "already exists"
run "new-rule bad id" "$PLIMSOLL" new-rule Bad_Id --dir "$tmp"
expect_status 2

# ---- rules --explain ---------------------------------------------------------------------
cat >"$tmp/cov/param.lua" <<'LUA'
return {
  title = "Has parameters", severity = "low", input = "dockerfile", preset = "strict",
  aliases = { "P-1" },
  params = {
    max = { type = "number", default = 3, description = "how many" },
    allow = { type = "list", default = { "a", "b" }, description = "what is allowed" },
  },
  help = "Help text.",
  check = function() end,
}
LUA
run "explain with parameters and preset" "$PLIMSOLL" rules --no-builtin --policy "$tmp/cov" --explain t/param
expect_status 0
has_line "$tmp/out" "preset: +strict"
has_line "$tmp/out" "aliases: +P-1"
has_line "$tmp/out" "  allow \(list, default \{ \"a\", \"b\" \}\): what is allowed"
has_line "$tmp/out" "  max \(number, default 3\): how many"
has "$tmp/out" "Help text."

run "explain with an example" "$PLIMSOLL" rules --no-builtin --policy "$org" --explain acme/forbidden-packages
expect_status 0
has_line "$tmp/out" "example: tests/forbidden-packages/fail.Dockerfile \(5 findings\)"
has_line "$tmp/out" "  > +3 \| RUN apt-get update && apt-get install .*telnet"
has_line "$tmp/out" "    +2 \| # expect: forbidden-packages"
has_line "$tmp/out" " +\^ apt-get installs telnet, which is forbidden: .*"
has_line "$tmp/out" "parameters: \(none\)"

run "explain a built-in rule by alias" "$PLIMSOLL" rules --explain DL3007
expect_status 0
has_line "$tmp/out" "base-image-latest: .*"
has "$tmp/out" "before: tests/base-image-latest/before.Dockerfile (1 finding)"
has "$tmp/out" "after: tests/base-image-latest/after.Dockerfile (0 findings)"

# ---- check --trace ------------------------------------------------------------------------
run "--trace" "$PLIMSOLL" check --no-builtin --policy policies --trace t/no-add findings
expect_status 1
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high t/no-add ADD used; use COPY"
lacks "$tmp/out" "trace:"
has_line "$tmp/err" "trace: t/no-add on findings/Dockerfile"
has_line "$tmp/err" "  read df.instructions\[3\]: cmd.*"
has_line "$tmp/err" "  report \(.*/no-add.lua:[0-9]+\): line 3: ADD used; use COPY"
has_line "$tmp/err" "  verdict: fail, 1 finding"

run "--trace on an input the rule skips" "$PLIMSOLL" check --no-builtin --policy policies --trace t/no-add image/config.json
has_line "$tmp/err" "  skipped: the rule reads dockerfile input, not image"

run "--trace does not change results" "$PLIMSOLL" check --no-builtin --policy "$org" --trace acme/forbidden-packages --format json "$org/tests/forbidden-packages/fail.Dockerfile"
cp "$tmp/out" "$tmp/traced.json"
run "without --trace" "$PLIMSOLL" check --no-builtin --policy "$org" --format json "$org/tests/forbidden-packages/fail.Dockerfile"
same "$tmp/out" "$tmp/traced.json"

run "--trace unknown rule" "$PLIMSOLL" check --trace no-such-rule findings
expect_status 2
has "$tmp/err" "unknown rule 'no-such-rule'"

finish
