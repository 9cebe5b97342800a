#!/usr/bin/env bash
# test_output.sh — what plimsoll writes is always well-formed: every JSON output is valid
# UTF-8 whatever bytes the inputs, paths and policies hold (a stray byte is the text
# \xNN), and a document the builder would reject is an error, never a finding.
set -euo pipefail
. "$(dirname "$0")/../cli/lib.sh"

# strict_json FILE: FILE decodes as UTF-8 with no replacement and parses as JSON
strict_json() {
  if python3 -c '
import json, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "strict")
json.loads(text)
' "$1" 2>"$tmp/decode"; then ok; else bad "$(basename "$1") is not strict UTF-8 JSON: $(cat "$tmp/decode")"; fi
}
# json_has FILE PYEXPR: PYEXPR over the decoded document `d` is true
json_has() {
  if python3 -c '
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2" 2>"$tmp/decode"; then ok; else bad "$(basename "$1"): not true: $2 $(cat "$tmp/decode")"; fi
}

ff=$'\xff'
fe=$'\xfe'
c3=$'\xc3'

# ---- defect 10: invalid UTF-8 never reaches a JSON output ------------------------------
# Used to be: `inspect` copied the bytes of comments, heredocs and RUN lines into its JSON
# unchanged, and the report turned each into U+FFFD, unlike the text report's \xNN.
w="$tmp/in"
mkdir -p "$w/dir$ff"
{
  printf 'FROM alpine:3.20\n'
  printf '# a comment with a stray byte \xfe here\n'
  printf 'RUN echo caf\xc3 && echo \xff\n'
  printf 'COPY <<EOF /etc/motd\nbody \xfe\xff\nEOF\n'
  printf 'USER nobody\n'
} >"$w/dir$ff/Dockerfile"
cp "$w/dir$ff/Dockerfile" "$w/Dockerfile.$fe"

run "inspect a Dockerfile with stray bytes" "$PLIMSOLL" inspect "$w/dir$ff/Dockerfile"
expect_status 0
cp "$tmp/out" "$tmp/inspect.json"
strict_json "$tmp/inspect.json"
# the stray bytes are there, escaped the one documented way
json_has "$tmp/inspect.json" 'any("stray byte \\xfe here" in c["text"] for c in d["comments"])'
json_has "$tmp/inspect.json" 'any("echo caf\\xc3 && echo \\xff" in i["raw"] for i in d["instructions"])'
json_has "$tmp/inspect.json" '"\ufffd" not in json.dumps(d, ensure_ascii=False)'

# A policy bundle whose messages, titles, errors and print output carry the input's bytes
b="$tmp/bundle"
mkdir -p "$b/dockerfile"
printf 'name: bytes\nversion: 1.0.0\n' >"$b/bundle.yaml"
cat >"$b/dockerfile/echo-comments.lua" <<'LUA'
return {
  title    = "Echoes comments \xff back",
  severity = "high",
  input    = "dockerfile",
  help     = [[Reports every comment, bytes and all.]],
  check = function(df, report)
    for _, c in ipairs(df.comments) do
      print("saw " .. c.text)
      report { message = "comment says " .. c.text, at = { line = c.line } }
    end
  end,
}
LUA
cat >"$b/dockerfile/every-user.lua" <<'LUA'
return {
  title    = "Reports every USER",
  severity = "low",
  input    = "dockerfile",
  help     = [[A finding to suppress.]],
  check = function(df, report)
    for _, i in ipairs(df.instructions) do
      if i.cmd == "user" then report { message = "a USER", at = i } end
    end
  end,
}
LUA
cat >"$b/dockerfile/raises-bytes.lua" <<'LUA'
return {
  title    = "Raises with a stray byte",
  severity = "low",
  input    = "dockerfile",
  help     = [[Always fails, with a message that is not UTF-8.]],
  check = function(df, report)
    error("broken \xfe rule", 0)
  end,
}
LUA
{
  printf 'FROM alpine:3.20\n'
  printf '# plimsoll ignore=bytes/every-user -- reason \xff\n'
  printf 'USER nobody\n'
  printf '# stray \xc3 byte\n'
} >"$w/suppressed.Dockerfile"

for target in "$w" "$w/dir$ff/Dockerfile" "$w/Dockerfile.$fe" "$w/suppressed.Dockerfile"; do
  name=$(basename "$target" | tr -c 'a-zA-Z0-9.\n' _)
  run "check --format json $name" "$PLIMSOLL" check --no-config -v --policy "$b" \
    --format json "$target"
  expect_status 2 # the raising rule
  cp "$tmp/out" "$tmp/check-$name.json"
  strict_json "$tmp/check-$name.json"
  run "check -o $name" "$PLIMSOLL" check --no-config -v --policy "$b" --format json \
    -o "$tmp/report-$name.json" "$target"
  expect_status 2
  strict_json "$tmp/report-$name.json"
  same "$tmp/check-$name.json" "$tmp/report-$name.json"
done
r="$tmp/check-in.json"
what="fields of the JSON report of a directory"
# paths, messages, titles, rule errors, notes and suppression reasons: escaped, not lost
json_has "$r" "any(t['path'].endswith('/dir\\\\xff/Dockerfile') for t in d['targets'])"
json_has "$r" "any(t['path'].endswith('/Dockerfile.\\\\xfe') for t in d['targets'])"
json_has "$r" "any(f['message'] == 'comment says a comment with a stray byte \\\\xfe here' for f in d['findings'])"
json_has "$r" "any(x['title'] == 'Echoes comments \\\\xff back' for x in d['rules'])"
json_has "$r" "any(e['message'].endswith('broken \\\\xfe rule') for e in d['errors'])"
json_has "$r" "any('saw stray \\\\xc3 byte' in n['message'] for n in d['notes'])"
json_has "$r" "any(f.get('suppressed', {}).get('reason') == 'reason \\\\xff' for f in d['findings'])"
json_has "$r" "'\\ufffd' not in json.dumps(d, ensure_ascii=False)"
# the text report shows the same bytes the same way
run "check text report" "$PLIMSOLL" check --no-config --policy "$b" "$w/dir$ff/Dockerfile"
has "$tmp/out" 'dir\xff/Dockerfile:2: high bytes/echo-comments comment says a comment with a stray byte \xfe here'

# An image config whose strings are not UTF-8 is not JSON: an error, and the report is
printf '{"architecture":"amd64","os":"linux","config":{"User":"r\xffoot"},"rootfs":{"type":"layers","diff_ids":[]}}' >"$w/image$ff.json"
run "check a non-UTF-8 image config" "$PLIMSOLL" check --no-config --type image --format json "$w/image$ff.json"
expect_status 2
cp "$tmp/out" "$tmp/image.json"
strict_json "$tmp/image.json"
json_has "$tmp/image.json" "d['summary']['errors'] >= 1"
run "inspect a non-UTF-8 image config" "$PLIMSOLL" inspect --type image "$w/image$ff.json"
expect_status 2

# The lockfile is JSON too: a bundle file it cannot name is refused, never left out
lb="$tmp/lockbundle"
cp -r "$b" "$lb"
printf 'x\n' >"$lb/notes-$ff.txt"
run "lock a bundle with a non-UTF-8 file name" "$PLIMSOLL" lock --no-config --policy "$lb" \
  -o "$tmp/plimsoll.lock"
expect_status 2
has "$tmp/err" "is not UTF-8"
[ ! -e "$tmp/plimsoll.lock" ] && ok || bad "a lockfile was written"
rm "$lb/notes-$ff.txt"
run "lock the bundle" "$PLIMSOLL" lock --no-config --policy "$lb" -o "$tmp/plimsoll.lock"
expect_status 0
strict_json "$tmp/plimsoll.lock"

# ---- defect 16: what the builder would reject is an error, whatever --fail-on says -----
# Used to be: a README given as a Dockerfile got one high finding, so --fail-on critical
# passed it (exit 0); an instruction before FROM or a file without FROM was a finding too.
d="$tmp/reject"
mkdir -p "$d"
cp "$PL_SOURCE_DIR/README.md" "$d/README.md"
printf 'FROM alpine:3.20\nRUNN apk add curl\nUSER nobody\n' >"$d/typo.Dockerfile"
printf 'ARG BASE=alpine\nLABEL a=b\nFROM $BASE\n' >"$d/before.Dockerfile"
printf 'ARG BASE=alpine\nARG TAG=3.20\n' >"$d/args.Dockerfile"
printf 'FROM alpine:3.20\nUSER nobody\n' >"$d/good.Dockerfile"
printf 'FROM alpine:3.20\nONBUILD COPI . /app\nUSER nobody\n' >"$d/trigger.Dockerfile"

run "README as a Dockerfile, --fail-on critical" "$PLIMSOLL" check --no-config --fail-on critical \
  --type dockerfile "$d/README.md"
expect_status 2
has_line "$tmp/out" ".*/README.md:[0-9]+:[0-9]+: error: unknown instruction: .*is it a Dockerfile\?"
run "a typo'd keyword" "$PLIMSOLL" check --no-config --fail-on critical "$d/typo.Dockerfile"
expect_status 2
has "$tmp/out" "typo.Dockerfile:2:1: error: unknown instruction: RUNN (did you mean RUN?)"
run "an instruction before FROM" "$PLIMSOLL" check --no-config --fail-on critical "$d/before.Dockerfile"
expect_status 2
has "$tmp/out" "before.Dockerfile:2:1: error: no build stage in current context: LABEL"
run "no FROM at all" "$PLIMSOLL" check --no-config --fail-on critical "$d/args.Dockerfile"
expect_status 2
has "$tmp/out" "args.Dockerfile:1:1: error: dockerfile contains no stages to build"
# every other file is still checked, and the JSON report says where each error is
run "rejections beside good files" "$PLIMSOLL" check --no-config --fail-on critical --format json \
  "$d/typo.Dockerfile" "$d/good.Dockerfile" "$d/before.Dockerfile" "$d/trigger.Dockerfile"
expect_status 2
cp "$tmp/out" "$tmp/reject.json"
strict_json "$tmp/reject.json"
what="the JSON report of rejected files"
json_has "$tmp/reject.json" "sorted((e['path'].rsplit('/', 1)[1], e['line'], e['column']) for e in d['errors']) == [('before.Dockerfile', 2, 1), ('typo.Dockerfile', 2, 1)]"
json_has "$tmp/reject.json" "{t['path'].rsplit('/', 1)[1]: t['status'] for t in d['targets']} == {'before.Dockerfile': 'error', 'good.Dockerfile': 'ok', 'trigger.Dockerfile': 'ok', 'typo.Dockerfile': 'error'}"
# an unknown ONBUILD trigger builds (BuildKit keeps it as text): a finding, not an error
json_has "$tmp/reject.json" "any(f['rule'] == 'unknown-instruction' and f['path'].endswith('trigger.Dockerfile') and f['line'] == 2 for f in d['findings'])"
run "inspect a README" "$PLIMSOLL" inspect --type dockerfile "$d/README.md"
expect_status 2
has "$tmp/err" "unknown instruction"

# ---- every error names the file and position and says what to do ----------------------
# Used to be: configuration errors were "plimsoll: FILE:L:C: msg" with the path unescaped,
# unlike every other error; lock said "no readable bundle.yaml" without saying how to make
# one; a failed open or write gave the system's words only.
e="$tmp/errs"
mkdir -p "$e/conf$(printf '\033')dir" "$e/notabundle"
printf 'fail-on: severe\n' >"$e/conf$(printf '\033')dir/.plimsoll.yaml"
for cmd in check config; do
  run "a bad configuration, $cmd" "$PLIMSOLL" $cmd --config "$e/conf$(printf '\033')dir/.plimsoll.yaml" \
    $([ $cmd = check ] && echo "$d/good.Dockerfile")
  expect_status 2
  has_line "$tmp/err" ".*/conf\\\\x1bdir/\\.plimsoll\\.yaml:1:10: error: fail-on must be critical, high, medium, low or info, not 'severe'"
  lacks "$tmp/err" "$(printf '\033')"
done
run "lock a directory that is no bundle" "$PLIMSOLL" lock --no-config --policy "$e/notabundle" -o "$e/x.lock"
expect_status 2
has "$tmp/err" "notabundle/bundle.yaml: error: not a policy bundle: no readable bundle.yaml"
has "$tmp/err" "create it with at least 'name: my-policies'"
run "inspect a missing file" "$PLIMSOLL" inspect "$e/missing.Dockerfile"
expect_status 2
has "$tmp/err" "missing.Dockerfile: error: cannot open: No such file or directory; check the path"
if [ -w /dev/full ]; then
  run "a report that cannot be written" bash -c "'$PLIMSOLL' check --no-config '$d/good.Dockerfile' >/dev/full"
  expect_status 2
  has "$tmp/err" "cannot write the report to standard output (No space left on device); use -o FILE"
fi

finish
