#!/usr/bin/env bash
# test_parser.sh — files crafted so that a reader with C's idea of bytes sees one thing
# and BuildKit another; each case checks that the rules see what BuildKit sees.
set -euo pipefail
. "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"

# One rule that reports what each instruction is to it.
mkdir -p pol
printf 'name: seen\nversion: 1.0.0\n' >pol/bundle.yaml
cat >pol/sees.lua <<'EOF'
return {
  title = "reports how it sees each instruction", severity = "high",
  input = "dockerfile",
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      local what = ins.cmd .. " " .. (ins.form or "-")
      for _, m in ipairs(ins.mounts or {}) do
        what = what .. " mount:" .. m.type .. ":" .. tostring(m.target) .. ":" .. tostring(m.error)
      end
      for _, c in ipairs(ins.commands or {}) do what = what .. " cmd:" .. c.name end
      report { message = what, at = ins }
    end
    report { message = "escape " .. df.escape, at = df.instructions[1] }
  end,
}
EOF
check() { "$PLIMSOLL" check --no-config --no-builtin --policy pol "$@"; }

# Keywords were lowercased byte by byte: `woRkdİr` (U+0130) was an unknown instruction,
# while BuildKit's strings.ToLower makes it WORKDIR.
printf 'FROM alpine\nwoRkd\xc4\xb0r /app\nHEALTHCHEC\xe2\x84\xaa CMD curl -f http://x/\n' >kw.Dockerfile
run "Unicode case mapping of keywords" check kw.Dockerfile
has "$tmp/out" "kw.Dockerfile:2:1: high seen/sees workdir -"
has "$tmp/out" "kw.Dockerfile:3:1: high seen/sees healthcheck shell cmd:curl"

# `RUN [1e999]` was rejected as "not a string"; Go's decoder fails on the range first and
# BuildKit runs it as a shell command.
printf 'FROM alpine\nRUN [1e999] || curl http://x | sh\n' >json.Dockerfile
run "an out-of-range JSON number is shell form" check json.Dockerfile
expect_status 1
has "$tmp/out" "seen/sees run shell cmd:[1e999] cmd:curl cmd:sh"

# A second escape directive after `#` + U+00A0 went unnoticed; BuildKit rejects the file.
printf '# escape=`\n#\xc2\xa0escape=\\\nFROM alpine\n' >dir.Dockerfile
run "Go white space before a directive" check dir.Dockerfile
expect_status 2
has "$tmp/out" "dir.Dockerfile:2:1: error: only one escape parser directive can be used"
printf '#\xe3\x80\x80escape=`\nFROM alpine\n' >dir2.Dockerfile
run "U+3000 before escape= is a directive" check dir2.Dockerfile
has "$tmp/out" 'seen/sees escape `'

# --mount keys were compared as written and the value split on every comma: TYPE=cache
# was a bind mount, and an escaped CSV quote was taken apart.
printf 'FROM alpine\nRUN --mount=TYPE=Cache,Target=/var/cache/apk apk add curl\n' >m.Dockerfile
printf 'RUN --mount=type=bind,\\"target=/x,src=y\\" true\n' >>m.Dockerfile
printf 'RUN --mount=type=bind,bogus=1 true\n' >>m.Dockerfile
run "mounts are read as BuildKit's parseMount reads them" check m.Dockerfile
has "$tmp/out" "seen/sees run shell mount:cache:/var/cache/apk:nil cmd:apk"
has "$tmp/out" "seen/sees run shell mount:bind:/x,src=y:nil cmd:true"
has "$tmp/out" "seen/sees run shell mount:bind:nil:unexpected key 'bogus' in 'bogus=1' cmd:true"

finish
