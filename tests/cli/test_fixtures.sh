#!/usr/bin/env bash
# test_fixtures.sh — `plimsoll test`, the fixture runner: a bundle whose fixtures pass, one
# whose fixtures fail in every way the runner must catch, and load errors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"

run "passing bundle" "$PLIMSOLL" test policies
expect_status 0
has_line "$tmp/out" "10 passed, 0 failed"
lacks "$tmp/out" "FAIL"
lacks "$tmp/out" "untested"

run "failing bundle" "$PLIMSOLL" test badtests
expect_status 1
has_line "$tmp/out" "warning: untested rule bad/untested .*"
has_line "$tmp/out" "FAIL badtests/tests/ghost: no rule with id 'bad/ghost' in this bundle"
has_line "$tmp/out" "FAIL badtests/tests/no-add/extra.Dockerfile:4: unexpected finding: bad/no-add: ADD used; use COPY"
has_line "$tmp/out" "FAIL badtests/tests/no-add/missing.Dockerfile:3: missing finding: .*"
has_line "$tmp/out" "FAIL badtests/tests/no-add/typo.Dockerfile:4: expectation names no loaded rule: 'no-ad'"
has_line "$tmp/out" "FAIL badtests/tests/no-add: no passing fixture.*"
has_line "$tmp/out" "FAIL badtests/tests/image-no-user/wrong-line.json:3: missing finding: .*"
has_line "$tmp/out" "FAIL badtests/tests/image-no-user/wrong-line.json: unexpected finding: bad/image-no-user: .*"
lacks "$tmp/out" "with-user.json"
lacks "$tmp/out" ".expect:"
has_line "$tmp/out" "1 passed, 6 failed"
# every FAIL is one line of the form FAIL path[:line]: message
n=$(grep -c '^FAIL ' "$tmp/out")
[ "$n" -eq 7 ] && ok || bad "$n FAIL lines, want 7"

run "two bundles" "$PLIMSOLL" test policies badtests
expect_status 1
has_line "$tmp/out" "11 passed, 6 failed"

run "--policy-only" "$PLIMSOLL" test --policy-only badtests
expect_status 0
has "$tmp/out" "untested rule bad/untested"
lacks "$tmp/out" "FAIL"

# a fixture that does not parse, and a rule that raises, fail their fixtures
mkdir -p "$tmp/b/tests/raises" "$tmp/b/tests/no-add"
cp policies-broken/raises.lua policies/no-add.lua policies/bundle.yaml "$tmp/b/"
printf 'FROM alpine\n# expect: raises\nRUN true\n' >"$tmp/b/tests/raises/fail.Dockerfile"
printf 'FROM alpine\n' >"$tmp/b/tests/raises/pass.Dockerfile"
printf 'FROM alpine\n# expect: no-add\nADD a /a\n' >"$tmp/b/tests/no-add/fail.Dockerfile"
printf 'FROM alpine\nENV NOVALUE\n' >"$tmp/b/tests/no-add/pass.Dockerfile"
printf 'FROM alpine\n# expect:\nADD a /a\n' >"$tmp/b/tests/no-add/empty-annotation.Dockerfile"
printf 'FROM alpine\n# expect: no-add\n' >"$tmp/b/tests/no-add/dangling.Dockerfile"
run "errors in fixtures" "$PLIMSOLL" test "$tmp/b"
expect_status 1
has_line "$tmp/out" "FAIL $tmp/b/tests/no-add/pass.Dockerfile:2: fixture does not parse: .*"
has_line "$tmp/out" "FAIL $tmp/b/tests/raises/fail.Dockerfile(:[0-9]+)?: rule error.*deliberate failure.*"
has_line "$tmp/out" "FAIL $tmp/b/tests/raises/pass.Dockerfile(:[0-9]+)?: rule error.*"
has_line "$tmp/out" "FAIL $tmp/b/tests/no-add/empty-annotation.Dockerfile:2: malformed annotation.*"
has_line "$tmp/out" "FAIL $tmp/b/tests/no-add/dangling.Dockerfile:2: '# expect:' with no instruction after it"
has_line "$tmp/out" "1 passed, 5 failed"

# load errors: exit 2, the rules that loaded are still tested
cp -r policies "$tmp/p"
printf 'return {\n  title = "x",\n  check = function(\n' >"$tmp/p/syntax.lua"
run "bundle with a load error" "$PLIMSOLL" test "$tmp/p"
expect_status 2
has "$tmp/out" "syntax.lua"
has_line "$tmp/out" "10 passed, 1 failed"

run "no DIR: the current directory, here not a bundle" "$PLIMSOLL" test
expect_status 2
has "$tmp/out" "not a policy bundle"
run "missing DIR" "$PLIMSOLL" test no/such/dir
expect_status 2
has "$tmp/err" "no/such/dir"

finish
