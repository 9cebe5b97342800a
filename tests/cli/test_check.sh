#!/usr/bin/env bash
# test_check.sh — `plimsoll check` end to end: exit statuses, --fail-on, the text report,
# bad inputs among good ones, usage errors, stdin, --output, policies and colours.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"
mine=(--no-builtin --policy policies)
version="${project_version//./\\.}( \\(git [^)]+\\))?" # the revision: test_version.sh

# ---- version, help, usage errors ------------------------------------------------
run "--version" "$PLIMSOLL" --version
expect_status 0
has_line "$tmp/out" "plimsoll $version"
run "check --version" "$PLIMSOLL" check --version
expect_status 0
has_line "$tmp/out" "plimsoll $version"
run "--help" "$PLIMSOLL" --help
expect_status 0
for word in check rules inspect test --version; do has "$tmp/out" "$word"; done
run "check --help" "$PLIMSOLL" check --help
expect_status 0
for opt in --policy --no-builtin --type --build-arg --format --output --fail-on --color \
           --quiet --max-memory --max-instructions --max-findings --help --version; do
  has "$tmp/out" "$opt"
done

run "no command" "$PLIMSOLL"
expect_status 2
has "$tmp/err" "try 'plimsoll --help'"
run "unknown command" "$PLIMSOLL" frobnicate
expect_status 2
has "$tmp/err" "frobnicate"
run "unknown option" "$PLIMSOLL" check --bogus clean
expect_status 2
has "$tmp/err" "--bogus"
has_line "$tmp/err" "try 'plimsoll --help'"
[ ! -s "$tmp/out" ] && ok || bad "a usage error printed a report"
run "unknown option after paths" "$PLIMSOLL" check clean -z
expect_status 2
has "$tmp/err" "'-z'"
run "missing path" "$PLIMSOLL" check "${mine[@]}" clean no/such/Dockerfile
expect_status 2
has "$tmp/err" "no/such/Dockerfile"
has "$tmp/err" "try 'plimsoll --help'"
[ ! -s "$tmp/out" ] && ok || bad "a missing path still ran the check"
run "no path" "$PLIMSOLL" check "${mine[@]}"
expect_status 2
has "$tmp/err" "no PATH"
run "bad --fail-on" "$PLIMSOLL" check --fail-on severe clean
expect_status 2
has "$tmp/err" "severe"
run "bad --format" "$PLIMSOLL" check --format xml clean
expect_status 2
has "$tmp/err" "xml"
run "bad --color" "$PLIMSOLL" check --color sometimes clean
expect_status 2
run "bad --max-memory" "$PLIMSOLL" check --max-memory -5 clean
expect_status 2
run "bad --max-findings" "$PLIMSOLL" check --max-findings 12x clean
expect_status 2
run "bad --type" "$PLIMSOLL" check --type compose - </dev/null
expect_status 2
run "missing option value" "$PLIMSOLL" check clean --format
expect_status 2
has "$tmp/err" "needs a value"
run "flag with a value" "$PLIMSOLL" check --quiet=yes clean
expect_status 2
run "stdin twice" "$PLIMSOLL" check - -
expect_status 2

# ---- exit statuses and the text report ------------------------------------------
run "clean file" "$PLIMSOLL" check "${mine[@]}" clean/Dockerfile
expect_status 0
has_line "$tmp/out" "no findings in 1 file; failing at >= low"

run "findings" "$PLIMSOLL" check "${mine[@]}" findings
expect_status 1
has_line "$tmp/out" "findings/Dockerfile"
has_line "$tmp/out" "findings/Dockerfile: low t/user-missing no USER instruction in the file"
has_line "$tmp/out" "findings/Dockerfile:1(:[0-9]+)?: info t/todo-comment a TODO is left here"
has_line "$tmp/out" "findings/Dockerfile:2(:1)?: medium t/from-latest pin a version instead of latest"
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high t/no-add ADD used; use COPY"
has_line "$tmp/out" "4 findings \(1 high, 1 medium, 1 low, 1 info\) in 1 file; failing at >= low"
# findings come in line order, the file-wide one first
order=$(grep -oE ' (info|low|medium|high) [a-z/-]+ ' "$tmp/out" | awk '{print $2}' | tr '\n' ' ')
[ "$order" = "t/user-missing t/todo-comment t/from-latest t/no-add " ] && ok || bad "order: $order"

run "--fail-on critical" "$PLIMSOLL" check "${mine[@]}" --fail-on critical findings
expect_status 0
has "$tmp/out" "failing at >= critical"
run "--fail-on high" "$PLIMSOLL" check "${mine[@]}" --fail-on=high findings
expect_status 1
run "--fail-on info" "$PLIMSOLL" check "${mine[@]}" --fail-on info clean
expect_status 0

mkdir -p "$tmp/info"
printf '# TODO: later\nFROM alpine:3.20\nUSER app\n' >"$tmp/info/Dockerfile"
run "info findings alone pass" "$PLIMSOLL" check "${mine[@]}" "$tmp/info"
expect_status 0
has "$tmp/out" "info t/todo-comment"
run "info findings fail at info" "$PLIMSOLL" check "${mine[@]}" --fail-on info "$tmp/info"
expect_status 1
run "medium threshold ignores info" "$PLIMSOLL" check "${mine[@]}" --fail-on medium "$tmp/info"
expect_status 0

run "--quiet" "$PLIMSOLL" check "${mine[@]}" -q findings
expect_status 1
lacks "$tmp/out" "failing at"
has "$tmp/out" "high t/no-add"

run "options after paths" "$PLIMSOLL" check findings/Dockerfile --no-builtin --policy policies --fail-on critical
expect_status 0
has "$tmp/out" "no-add"

mkdir -p "$tmp/dash"
cp clean/Dockerfile "$tmp/dash/-odd"
run "-- ends options" bash -c "cd '$tmp/dash' && '$PLIMSOLL' check --no-builtin --policy '$data/policies' -- -odd"
expect_status 0
has "$tmp/out" "no findings in 1 file"

# ---- bad inputs among good ones -------------------------------------------------
run "broken among good" "$PLIMSOLL" check "${mine[@]}" clean findings broken
expect_status 2
has_line "$tmp/out" "broken/Dockerfile:3(:[0-9]+)?: error: .*ENV.*"
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high t/no-add ADD used; use COPY"
has "$tmp/out" "in 3 files, 1 error"

mkdir -p "$tmp/big/a" "$tmp/big/b"
truncate -s 17M "$tmp/big/a/Dockerfile"
cp findings/Dockerfile "$tmp/big/b/Dockerfile"
run "oversized file" "$PLIMSOLL" check "${mine[@]}" "$tmp/big"
expect_status 2
has "$tmp/out" "a/Dockerfile: error:"
has "$tmp/out" "limit"
has "$tmp/out" "b/Dockerfile:3"

mkdir -p "$tmp/walk/.git" "$tmp/walk/svc"
cp findings/Dockerfile "$tmp/walk/.git/Dockerfile"
cp clean/Dockerfile "$tmp/walk/svc/Dockerfile"
printf '{"name": "web", "version": "1.0.0"}\n' >"$tmp/walk/package.json"
run "directory walk" "$PLIMSOLL" check "${mine[@]}" "$tmp/walk"
expect_status 0
has "$tmp/out" "no findings in 1 file"

# ---- standard input ---------------------------------------------------------------
run "stdin as dockerfile" bash -c "'$PLIMSOLL' check --no-builtin --policy policies --type dockerfile - <findings/Dockerfile"
expect_status 1
has_line "$tmp/out" "<stdin>:3(:1)?: high t/no-add ADD used; use COPY"
run "stdin sniffed" bash -c "'$PLIMSOLL' check --no-builtin --policy policies - <findings/Dockerfile"
expect_status 1
has "$tmp/out" "<stdin>:3"
run "stdin image" bash -c "'$PLIMSOLL' check --no-builtin --policy policies --type image - <image/config.json"
expect_status 1
has_line "$tmp/out" "<stdin>: critical t/image-no-user the image sets no User"
run "image file" "$PLIMSOLL" check "${mine[@]}" image/config.json
expect_status 1
has "$tmp/out" "critical t/image-no-user"

# ---- --output -----------------------------------------------------------------------
run "--output" "$PLIMSOLL" check "${mine[@]}" --output "$tmp/report.txt" findings
expect_status 1
[ ! -s "$tmp/out" ] && ok || bad "--output still wrote to stdout"
has "$tmp/report.txt" "high t/no-add"
has "$tmp/report.txt" "4 findings"
left=$(find "$tmp" -maxdepth 1 -name 'report.txt.tmp*' | wc -l)
[ "$left" -eq 0 ] && ok || bad "temporary files left beside the report"
run "--output into a missing directory" "$PLIMSOLL" check "${mine[@]}" -o "$tmp/nodir/report.txt" findings
expect_status 2
has "$tmp/err" "nodir/report.txt"
[ ! -e "$tmp/nodir" ] && ok || bad "a failed --output left something behind"
printf 'previous report\n' >"$tmp/keep.txt"
chmod a-w "$tmp"
run "--output into a read-only directory" "$PLIMSOLL" check "${mine[@]}" -o "$tmp/keep.txt" findings
chmod u+w "$tmp"
if [ "$(id -u)" -ne 0 ]; then
  expect_status 2
  has_line "$tmp/keep.txt" "previous report"
fi

# ---- policies ------------------------------------------------------------------------
run "rule error" "$PLIMSOLL" check --no-builtin --policy policies-broken clean findings
expect_status 2
has "$tmp/out" "error: broken/raises:"
has "$tmp/out" "deliberate failure"
has_line "$tmp/out" "clean/Dockerfile: medium broken/counts seen 3 instructions"
has_line "$tmp/out" "findings/Dockerfile: medium broken/counts seen 4 instructions"

run "--no-builtin alone" "$PLIMSOLL" check --no-builtin clean
expect_status 2
has "$tmp/out" "no rules loaded"

run "built-in rules" "$PLIMSOLL" check findings
expect_status 1
lacks "$tmp/out" "no-add"
has "$tmp/out" "base-image-latest"
run "built-in plus --policy" "$PLIMSOLL" check --policy policies findings
expect_status 1
has "$tmp/out" "base-image-latest"
has "$tmp/out" "no-add"

mkdir -p "$tmp/badpolicy"
printf 'return {\n  title = "x",\n  check = function(\n' >"$tmp/badpolicy/syntax.lua"
printf 'name: badpolicy\nversion: 0.1.0\n' >"$tmp/badpolicy/bundle.yaml"
run "policy that does not load" "$PLIMSOLL" check --no-builtin --policy policies --policy "$tmp/badpolicy" clean
expect_status 2
has "$tmp/out" "syntax.lua"

run "--max-findings" "$PLIMSOLL" check "${mine[@]}" --max-findings 1 --max-instructions 1000000 --max-memory 32 findings
expect_status 1

# a rule that loops forever hits the instruction limit; the other rules still report
mkdir -p "$tmp/loop"
cat >"$tmp/loop/spin.lua" <<'LUA'
return {
  title = "Spins", severity = "low", input = "dockerfile",
  check = function(df, report) while true do end end,
}
LUA
cp policies/no-add.lua policies/bundle.yaml "$tmp/loop/"
run "instruction limit" timeout 60 "$PLIMSOLL" check --no-builtin --policy "$tmp/loop" --max-instructions 100000 findings
expect_status 2
has_line "$tmp/out" ".*spin.lua(:[0-9]+)*: error: t/spin: .*instruction limit.*"
has_line "$tmp/out" "findings/Dockerfile:3(:1)?: high t/no-add ADD used; use COPY"

# a message written to drive the terminal is shown escaped, on one line
mkdir -p "$tmp/hostile"
cat >"$tmp/hostile/evil.lua" <<'LUA'
return {
  title = "Evil\27[2J", severity = "low", input = "dockerfile",
  check = function(df, report)
    report { message = "\27[2J\27]0;owned\7\rfake\nfindings/Dockerfile:1: info x y", at = df.instructions[1] }
  end,
}
LUA
printf 'name: hostile\nversion: 0.1.0\n' >"$tmp/hostile/bundle.yaml"
run "hostile message" "$PLIMSOLL" check --no-builtin --policy "$tmp/hostile" --color never findings
expect_status 1
lacks "$tmp/out" "$(printf '\033')"
lacks "$tmp/out" "$(printf '\r')"
has_line "$tmp/out" "findings/Dockerfile:2(:1)?: low hostile/evil .*fake.*"
[ "$(grep -c '^findings/Dockerfile:' "$tmp/out")" -eq 1 ] && ok || bad "the message spans lines"
run "hostile title" "$PLIMSOLL" rules --no-builtin --policy "$tmp/hostile"
lacks "$tmp/out" "$(printf '\033')"

# ---- colours ---------------------------------------------------------------------------
esc=$(printf '\033')
run "--color always" "$PLIMSOLL" check "${mine[@]}" --color always findings
expect_status 1
has "$tmp/out" "${esc}[31mhigh${esc}[0m"
has "$tmp/out" "${esc}[1mfindings/Dockerfile${esc}[0m"
run "--color never" "$PLIMSOLL" check "${mine[@]}" --color never findings
lacks "$tmp/out" "$esc"
run "--color auto off a terminal" "$PLIMSOLL" check "${mine[@]}" findings
lacks "$tmp/out" "$esc"
run "--color always with json" "$PLIMSOLL" check "${mine[@]}" --color always --format json findings
lacks "$tmp/out" "$esc"

# --verbose: what a rule print()s becomes a note on the document, through workers too
run "print without --verbose" "$PLIMSOLL" check --no-builtin --policy talk findings
expect_status 0
lacks "$tmp/out" "print:"
run "print with --verbose" "$PLIMSOLL" check --no-builtin --policy talk -v findings
expect_status 0
has_line "$tmp/out" "findings/Dockerfile: note: print: stages:.t?1"
run "--verbose json, workers" "$PLIMSOLL" check -j 2 --no-builtin --policy talk --verbose -f json findings
cp "$tmp/out" "$tmp/verbose-workers.json"
has "$tmp/out" '"rule": "talk/stages"'
run "--verbose json, in process" "$PLIMSOLL" check --no-isolation --no-builtin --policy talk --verbose -f json findings
same "$tmp/verbose-workers.json" "$tmp/out"

finish
