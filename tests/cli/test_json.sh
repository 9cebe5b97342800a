#!/usr/bin/env bash
# test_json.sh — the JSON report end to end: its fields and values, --output, and
# determinism (two runs, and the same files given in another order or as a directory,
# give byte-identical reports).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$data"
mine=(--no-builtin --policy policies)
version=$project_version

# Parses the report when a JSON tool exists (a fresh Debian may have neither).
valid_json() {
  if command -v jq >/dev/null; then
    if jq -e . "$1" >/dev/null; then ok; else bad "not JSON"; fi
  elif command -v python3 >/dev/null; then
    if python3 -m json.tool "$1" >/dev/null; then ok; else bad "not JSON"; fi
  fi
}

run "json findings" "$PLIMSOLL" check "${mine[@]}" --format json clean findings
expect_status 1
valid_json "$tmp/out"
cp "$tmp/out" "$tmp/a.json"
has_line "$tmp/out" '  "version": 1,'
has_line "$tmp/out" '    "name": "plimsoll",'
has_line "$tmp/out" "    \"version\": \"$version\""
has_line "$tmp/out" '      "id": "t/no-add",'
has_line "$tmp/out" '        "TEST-ADD"'
has_line "$tmp/out" '      "path": "clean/Dockerfile",'
has_line "$tmp/out" '      "kind": "dockerfile",'
has_line "$tmp/out" '      "status": "ok"'
has_line "$tmp/out" '      "rule": "t/no-add",'
has_line "$tmp/out" '      "message": "ADD used; use COPY",'
has_line "$tmp/out" '      "line": 3,'
has_line "$tmp/out" '      "end_line": 3,'
has_line "$tmp/out" '      "fingerprint": "[0-9a-f]{16}"'
has_line "$tmp/out" '      "status": "fail",'
lacks "$tmp/out" '"status": "pass"'
has_line "$tmp/out" '      "pass": [1-9][0-9]*,'
has_line "$tmp/out" '    "findings": 4,'
has_line "$tmp/out" '    "high": 1,'
has_line "$tmp/out" '    "critical": 0,'
has_line "$tmp/out" '    "files": 2,'
has_line "$tmp/out" '    "errors": 0,'
has_line "$tmp/out" '    "fail_on": "low",'
has_line "$tmp/out" '    "exit_code": 1'
has_line "$tmp/out" '  "errors": \[\],'
# the top-level keys, in the documented order
keys=$(grep -oE '^  "[a-z_]+"' "$tmp/out" | tr -d ' "' | tr '\n' ' ')
[ "$keys" = "version tool rules targets findings verdicts errors notes summary " ] && ok || bad "keys: $keys"

run "json --fail-on critical" "$PLIMSOLL" check "${mine[@]}" --format json --fail-on critical findings
expect_status 0
has_line "$tmp/out" '    "exit_code": 0'
has_line "$tmp/out" '    "fail_on": "critical",'

run "json with a parse error" "$PLIMSOLL" check "${mine[@]}" -f json broken findings
expect_status 2
valid_json "$tmp/out"
has_line "$tmp/out" '      "path": "broken/Dockerfile",'
has_line "$tmp/out" '      "status": "error"'
has_line "$tmp/out" '      "line": 3,'
has_line "$tmp/out" '    "exit_code": 2'
has_line "$tmp/out" '    "errors": 1,'

run "json image finding" "$PLIMSOLL" check "${mine[@]}" --format json image
expect_status 1
has_line "$tmp/out" '      "kind": "image",'
has_line "$tmp/out" '      "severity": "critical",'

run "json rule error" "$PLIMSOLL" check --no-builtin --policy policies-broken --format json clean
expect_status 2
has_line "$tmp/out" '      "rule": "broken/raises",'
has_line "$tmp/out" '      "status": "error",'

# ---- determinism ---------------------------------------------------------------------
run "json again" "$PLIMSOLL" check "${mine[@]}" --format json clean findings
same "$tmp/a.json" "$tmp/out"
run "json, paths reversed" "$PLIMSOLL" check "${mine[@]}" --format json findings clean/Dockerfile
same "$tmp/a.json" "$tmp/out"
mkdir -p "$tmp/tree/x" "$tmp/tree/y"
cp findings/Dockerfile "$tmp/tree/y/Dockerfile"
cp clean/Dockerfile "$tmp/tree/x/Dockerfile"
cp image/config.json "$tmp/tree/x/config.json"
(cd "$tmp/tree" && "$PLIMSOLL" check "${mine[@]/policies/$data/policies}" -f json x y >"$tmp/t1.json" || true)
(cd "$tmp/tree" && "$PLIMSOLL" check "${mine[@]/policies/$data/policies}" -f json y x/config.json x/Dockerfile >"$tmp/t2.json" || true)
(cd "$tmp/tree" && "$PLIMSOLL" check "${mine[@]/policies/$data/policies}" -f json y/Dockerfile x >"$tmp/t3.json" || true)
what="determinism across argument orders"
same "$tmp/t1.json" "$tmp/t2.json"
same "$tmp/t1.json" "$tmp/t3.json"
has "$tmp/t1.json" '"path": "x/config.json"'
has "$tmp/t1.json" '"files": 3'

# ---- --output --------------------------------------------------------------------------
run "json --output" "$PLIMSOLL" check "${mine[@]}" --format json --output "$tmp/r.json" clean findings
expect_status 1
same "$tmp/a.json" "$tmp/r.json"

finish
