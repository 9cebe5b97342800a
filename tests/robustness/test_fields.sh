#!/usr/bin/env bash
# test_fields.sh — misspelt fields and reasons that say nothing, end to end: every
# unknown key or field is an error naming it, its place and the nearest valid name
# (exit 2, nothing passes), and a reason of blanks or dots is refused.
set -euo pipefail
. "$(dirname "$0")/../cli/lib.sh"
cd "$tmp"
printf 'FROM alpine:latest\nUSER root\n' >Dockerfile

# ---- .plimsoll.yaml ------------------------------------------------------------------
# Once: an unknown key was an error, but with the whole list and no hint of what was meant.
bad_cfg() { # description, yaml, expected stderr text
  printf '%s' "$2" >cfg.yaml
  run "$1" "$PLIMSOLL" check --config cfg.yaml Dockerfile
  expect_status 2
  has "$tmp/err" "$3"
  lacks "$tmp/out" "final-user-root" # nothing ran on a broken configuration
}
bad_cfg "misspelt top-level key" $'fail-on: low\nfial-on: high\n' \
  "cfg.yaml:2:1: error: unknown key 'fial-on'; did you mean 'fail-on'?"
bad_cfg "misspelt limit" $'limits:\n  timeout: 100\n' \
  "cfg.yaml:2:3: error: unknown key 'timeout' in limits; did you mean 'timeout-ms'?"
bad_cfg "misspelt rule setting" $'rules:\n  final-user-root:\n    sevrity: low\n' \
  "cfg.yaml:3:5: error: unknown key 'sevrity' for rule final-user-root; did you mean 'severity'?"
bad_cfg "misspelt rule params" $'rules:\n  final-user-root:\n    parms: {}\n' \
  "cfg.yaml:3:5: error: unknown key 'parms' for rule final-user-root; did you mean 'params'?"
bad_cfg "misspelt exception key" $'exceptions:\n  - rule: final-user-root\n    reason: CI runner\n    pahts: a\n' \
  "cfg.yaml:4:5: error: unknown key 'pahts' in an exception; did you mean 'paths'?"
bad_cfg "misspelt rule id" $'rules:\n  final-user-rot:\n    enabled: false\n' \
  "cfg.yaml:2:3: error: unknown rule 'final-user-rot'; did you mean 'final-user-root'?"
bad_cfg "misspelt rule id in an exception" $'exceptions:\n  - rule: fnal-user-root\n    reason: CI runner\n' \
  "cfg.yaml:2:11: error: unknown rule 'fnal-user-root' in an exception; did you mean 'final-user-root'?"
bad_cfg "a key nothing is near" $'colour: red\n' \
  "cfg.yaml:1:1: error: unknown key 'colour'; use policies, builtin, fail-on"

# ---- exception reasons -----------------------------------------------------------------
# Once: reason: "   " (or a no-break space, or "...") was accepted and waived the finding.
for reason in '"   "' '"\t"' '"..."' '"\u00a0"' '"-"'; do
  bad_cfg "blank reason $reason" "exceptions:
  - rule: final-user-root
    reason: $reason
" "cfg.yaml:3:13: error: reason must say why this is accepted"
done
printf 'exceptions:\n  - rule: final-user-root\n    reason: "CI runner, needs root"\n' >cfg.yaml
run "a reason in words is accepted" "$PLIMSOLL" check --config cfg.yaml -f json Dockerfile
has "$tmp/out" '"reason": "CI runner, needs root"'

# ---- inline reasons --------------------------------------------------------------------
# Once: "-- " followed by a no-break space or dots suppressed the finding.
printf 'FROM alpine:3.19\n# plimsoll ignore=final-user-root -- \xc2\xa0\nUSER root\n' >blank.Dockerfile
printf 'FROM alpine:3.19\n# plimsoll ignore=final-user-root -- ...\nUSER root\n' >dots.Dockerfile
printf 'FROM alpine:latest\nRUN true\n' >other.Dockerfile
run "blank inline reasons" "$PLIMSOLL" check --no-config blank.Dockerfile dots.Dockerfile other.Dockerfile
expect_status 2
has "$tmp/out" "blank.Dockerfile:2: error: a plimsoll ignore comment needs a reason in words"
has "$tmp/out" "dots.Dockerfile:2: error: a plimsoll ignore comment needs a reason in words"
has "$tmp/out" "blank.Dockerfile:3:1: high final-user-root"   # not suppressed
has "$tmp/out" "other.Dockerfile:1: medium base-image-latest" # every other file is checked

# ---- bundle.yaml -------------------------------------------------------------------------
mkdir -p bundle
printf 'return { title = "t", severity = "low", input = "dockerfile", check = function() end }\n' \
  >bundle/quiet.lua
printf 'name: acme\nversion: 0.1.0\nlicence: MIT\ndescriptoin: x\n' >bundle/bundle.yaml
run "misspelt manifest keys" "$PLIMSOLL" check --no-config --policy bundle Dockerfile
expect_status 2
has "$tmp/out" "bundle/bundle.yaml:3:1: error: unknown key 'licence'; did you mean 'license'?"
has "$tmp/out" "bundle/bundle.yaml:4:1: error: unknown key 'descriptoin'; did you mean 'description'?"

# ---- rule metadata -------------------------------------------------------------------------
# Once: sevrity = and parms = were ignored; the rule loaded without them and ran.
mkdir -p rules
printf 'name: acme\nversion: 0.1.0\n' >rules/bundle.yaml
cat >rules/typo.lua <<'LUA'
return {
  title = "no root",
  severity = "high",
  sevrity = "low",
  input = "dockerfile",
  parms = { users = { type = "list", default = { "root" }, description = "who" } },
  check = function(df, report) report { message = "typo ran" } end,
}
LUA
cat >rules/fine.lua <<'LUA'
return {
  title = "fine",
  severity = "low",
  input = "dockerfile",
  check = function(df, report) report { message = "fine ran", at = df.instructions[1] } end,
}
LUA
run "misspelt metadata" "$PLIMSOLL" check --no-config --no-builtin --policy rules Dockerfile
expect_status 2
has "$tmp/out" "rules/typo.lua:4:3: error: acme/typo: bad rule metadata: unknown field 'sevrity'; did you mean 'severity'?"
has "$tmp/out" "rules/typo.lua:6:3: error: acme/typo: bad rule metadata: unknown field 'parms'; did you mean 'params'?"
lacks "$tmp/out" "typo ran"                 # the rule did not load
has "$tmp/out" "Dockerfile:1:1: low acme/fine fine ran" # the bundle's other rules did

# ---- report calls ----------------------------------------------------------------------------
# Once: prest = was dropped and at = {} made a finding about nothing; both passed as findings.
mkdir -p calls
printf 'name: calls\nversion: 0.1.0\n' >calls/bundle.yaml
call() { # name, the fields after message
  cat >"calls/$1.lua" <<LUA
return {
  title = "t", severity = "low", input = "dockerfile",
  check = function(df, report) report { message = "m", $2 } end,
}
LUA
}
call prest "prest = 'strict'"
call mesage "mesage = 'x'"
call empty-at "at = {}"
call lin-at "at = { lin = 2 }"
run "misspelt report fields" "$PLIMSOLL" check --no-config --no-builtin --policy calls Dockerfile
expect_status 2
has "$tmp/out" "report: unknown field 'prest'; use message, at, line, column or severity"
has "$tmp/out" "report: unknown field 'mesage'; did you mean 'message'?"
has "$tmp/out" "calls/empty-at.lua:3: report: at has no location"
has "$tmp/out" "calls/lin-at.lua:3: report: at has no location"
lacks "$tmp/out" "low calls/"               # no finding came out of any of them

# ---- inline ignores: bare ids, unknown and ambiguous names ------------------------------
# Once: only the namespaced id worked, and an unknown name in the comment was a note.
mkdir -p acme corp
printf 'name: acme\nversion: 0.1.0\n' >acme/bundle.yaml
printf 'name: corp\nversion: 0.1.0\n' >corp/bundle.yaml
for r in acme/no-run acme/twice corp/twice; do
  cat >"$r.lua" <<'LUA'
return {
  title = "t", severity = "high", input = "dockerfile",
  check = function(df, report)
    for _, ins in ipairs(df.instructions) do
      if ins.cmd == "run" then report { message = "a RUN", at = ins } end
    end
  end,
}
LUA
done
printf 'FROM alpine:3.19\n# plimsoll ignore=no-run,acme/twice,corp/twice -- generated by the vendor\nRUN make\n' >bare.Dockerfile
run "a bare id suppresses" "$PLIMSOLL" check --no-config --no-builtin --policy acme --policy corp -f json bare.Dockerfile
expect_status 0
what="every RUN finding suppressed"
[ "$(grep -c '"kind": "inline"' "$tmp/out")" -eq 3 ] && ok || bad "want 3 suppressed findings"
printf 'FROM alpine:3.19\n# plimsoll ignore=twice,no-rnu,acme/no-run -- generated by the vendor\nRUN make\n' >ambiguous.Dockerfile
run "ambiguous and unknown names" "$PLIMSOLL" check --no-config --no-builtin --policy acme --policy corp ambiguous.Dockerfile other.Dockerfile
expect_status 1
has "$tmp/out" "ambiguous.Dockerfile:2: medium plimsoll/ignore-unresolved this ignore names 'twice', the bare id of 2 rules (acme/twice, corp/twice); write the full id of the one meant"
has "$tmp/out" "ambiguous.Dockerfile:2: medium plimsoll/ignore-unresolved this ignore names 'no-rnu', which is no loaded rule's id or alias; did you mean 'no-run'?"
has "$tmp/out" "ambiguous.Dockerfile:3:1: high acme/twice a RUN" # suppressed by neither
has "$tmp/out" "other.Dockerfile:2:1: high acme/no-run a RUN"     # every other file is checked
run "ambiguous, in JSON" "$PLIMSOLL" check --no-config --no-builtin --policy acme --policy corp -f json ambiguous.Dockerfile
has "$tmp/out" '"id": "plimsoll/ignore-unresolved"'

finish
