#!/usr/bin/env bash
# test_config.sh — .plimsoll.yaml end to end: discovery by walking up, --config and
# --no-config, command-line overrides, parameters changing a rule, exceptions by path,
# stage and line, expiry, and errors at their line and column.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export PLIMSOLL_TODAY=2025-06-01
params="$data/params"

# findings of a rule in a JSON report (a finding's "rule" is followed by its "severity";
# a verdict's by its "path")
findings_of() { grep -A1 "\"rule\": \"$1\"," "$tmp/out" | grep -c '"severity"' || true; }
no_findings_of() {
  if [ "$(findings_of "$1")" -eq 0 ]; then ok; else bad "findings of $1 in the report"; fi
}

# a project: config at the root, Dockerfiles below
proj="$tmp/proj"
mkdir -p "$proj/services/api/deep" "$proj/legacy"
cat >"$proj/services/api/Dockerfile" <<'DF'
FROM alpine AS build
RUN a
RUN b
RUN c
FROM alpine
RUN d
RUN e
RUN f
DF
cp "$proj/services/api/Dockerfile" "$proj/legacy/Dockerfile"
cat >"$proj/.plimsoll.yaml" <<CFG
policies:
  - $params
builtin: false
fail-on: medium
CFG

# discovery: from a subdirectory, the file two levels up is used
cd "$proj/services/api/deep"
run "walk-up discovery" "$PLIMSOLL" check --format json ../Dockerfile
expect_status 1
has "$tmp/out" '"rule": "p/too-many-runs"'
no_findings_of p/label-required # strict preset not selected
run "--no-config ignores it" "$PLIMSOLL" check --no-config ../Dockerfile
expect_status 1
has "$tmp/out" "final-user-root" # the built-in rules are back
run "--config and --no-config" "$PLIMSOLL" check --config x --no-config ../Dockerfile
expect_status 2

# command line over the file: fail-on high makes medium findings pass
run "--fail-on overrides fail-on" "$PLIMSOLL" check --fail-on high ../Dockerfile
expect_status 0
has "$tmp/out" "failing at >= high"

# preset in the file; --preset on the command line wins
cat >>"$proj/.plimsoll.yaml" <<'CFG'
preset: strict
CFG
run "preset from the file" "$PLIMSOLL" check ../Dockerfile
has "$tmp/out" "p/label-required"
run "--preset overrides preset" "$PLIMSOLL" check --preset default --format json ../Dockerfile
no_findings_of p/label-required
has "$tmp/out" '"disabled": "in the strict preset'

# parameters change what the rule reports
cd "$proj"
run "default max_runs 2" "$PLIMSOLL" check --format json services/api/Dockerfile
n=$(grep -c '"message": "RUN number' "$tmp/out" || true)
what="two findings with max_runs 2"; [ "$n" -eq 2 ] && ok || bad "got $n"
cat >"$tmp/params.yaml" <<CFG
policies: [$params]
builtin: false
rules:
  TEST-RUNS:
    params:
      max_runs: 1
      verbose: true
CFG
run "--config with params" "$PLIMSOLL" check --config "$tmp/params.yaml" --format json services/api/Dockerfile
n=$(grep -c '"message": "RUN number' "$tmp/out" || true)
what="four findings with max_runs 1"; [ "$n" -eq 4 ] && ok || bad "got $n"
has "$tmp/out" "(at most 1)"

# rules: enabled and severity
cat >"$tmp/rules.yaml" <<CFG
policies: [$params]
builtin: false
rules:
  p/too-many-runs:
    severity: critical
  p/label-required:
    enabled: true
CFG
run "severity and enabled" "$PLIMSOLL" check --config "$tmp/rules.yaml" services/api/Dockerfile
has "$tmp/out" "critical p/too-many-runs"
has "$tmp/out" "p/label-required" # a strict rule enabled by name
cat >"$tmp/off.yaml" <<CFG
policies: [$params]
builtin: false
rules:
  p/too-many-runs: { enabled: false }
CFG
run "disabled rule" "$PLIMSOLL" check --config "$tmp/off.yaml" --format json services/api/Dockerfile
expect_status 0
no_findings_of p/too-many-runs
has "$tmp/out" "\"disabled\": \"disabled by $tmp/off.yaml:4\""
lacks "$tmp/out" '"status": "skip"'

# exceptions by path, stage, line; expiry
cat >"$proj/.plimsoll.yaml" <<CFG
policies: [$params]
builtin: false
exceptions:
  - rule: TEST-RUNS
    paths: ["legacy/**"]
    reason: legacy is frozen
  - rule: p/too-many-runs
    paths: ["services/*/Dockerfile"]
    stage: build
    reason: the build stage is throwaway
  - rule: "*"
    paths: ["services/api/Dockerfile"]
    line: 8
    reason: line eight is fine
  - rule: p/too-many-runs
    paths: ["services/**"]
    reason: was accepted until spring
    expires: 2025-03-01
CFG
run "exceptions" "$PLIMSOLL" check --format json legacy services
expect_status 0
n=$(grep -c '"kind": "exception"' "$tmp/out" || true)
what="4 suppressed findings"; [ "$n" -eq 4 ] && ok || bad "got $n"
has "$tmp/out" '"reason": "legacy is frozen"'
has "$tmp/out" '"reason": "the build stage is throwaway"'
has "$tmp/out" '"reason": "line eight is fine"'
has "$tmp/out" "\"source\": \"$proj/.plimsoll.yaml:4\""
has "$tmp/out" "expired on 2025-03-01 and no longer applies"
has "$tmp/out" '"suppressed": 4'
has "$tmp/out" '"findings": 0'
run "exceptions, text" "$PLIMSOLL" check legacy services
expect_status 0
has "$tmp/out" "no findings in 2 files, 4 suppressed, 1 note"
has "$tmp/out" ".plimsoll.yaml:15:5: note: exception for p/too-many-runs expired on 2025-03-01"
lacks "$tmp/out" "RUN number"
run "--show-suppressed" "$PLIMSOLL" check --show-suppressed legacy services
has "$tmp/out" "[suppressed (exception, $proj/.plimsoll.yaml:7): the build stage is throwaway]"
# before the expiry date the last exception applies to the rest
PLIMSOLL_TODAY=2025-01-01 run "not yet expired" "$PLIMSOLL" check --format json services
lacks "$tmp/out" "expired"
n=$(grep -c '"kind": "exception"' "$tmp/out" || true)
what="all findings suppressed before expiry"; [ "$n" -eq 2 ] && ok || bad "got $n"
PLIMSOLL_TODAY=2025-1-1 run "bad PLIMSOLL_TODAY" "$PLIMSOLL" check services
expect_status 2

# plimsoll config: values and where they came from
run "plimsoll config" "$PLIMSOLL" config --fail-on high
expect_status 0
has "$tmp/out" "# configuration file: $proj/.plimsoll.yaml"
has_line "$tmp/out" "builtin: false +# $proj/.plimsoll.yaml:2"
has_line "$tmp/out" "fail-on: high +# command line"
has_line "$tmp/out" "preset: default +# default"
has_line "$tmp/out" "    expires: 2025-03-01 \\(expired: no longer applies\\) +# $proj/.plimsoll.yaml:18"
run "plimsoll config --no-config" "$PLIMSOLL" config --no-config
has "$tmp/out" "no configuration file (--no-config)"

# mistakes: file, line and column, exit 2, nothing run
bad_cfg() { # name, yaml, expected text
  printf '%s' "$2" >"$tmp/bad.yaml"
  run "$1" "$PLIMSOLL" check --config "$tmp/bad.yaml" services
  expect_status 2
  has "$tmp/err" "$3"
  lacks "$tmp/out" "RUN number"
}
bad_cfg "unknown key" $'fail-on: low\nfailon: high\n' "$tmp/bad.yaml:2:1: error: unknown key 'failon'"
bad_cfg "bad severity" $'fail-on: severe\n' "$tmp/bad.yaml:1:10: error: fail-on must be critical"
bad_cfg "wrong type" $'builtin: "no"\n' "$tmp/bad.yaml:1:10: error: builtin must be true or false"
bad_cfg "bad date" $'exceptions:\n  - rule: x\n    reason: r\n    expires: 2025-13-01\n' "$tmp/bad.yaml:4:14: error: expires must be a date"
bad_cfg "missing reason" $'exceptions:\n  - rule: x\n' "$tmp/bad.yaml:2:5: error: an exception needs reason"
bad_cfg "unknown rule" "policies: [$params]"$'\nbuiltin: false\nrules:\n  no-such-rule: {enabled: false}\n' "$tmp/bad.yaml:4:3: error: unknown rule 'no-such-rule'"
bad_cfg "unknown param" "policies: [$params]"$'\nbuiltin: false\nrules:\n  DL9001:\n    params: {max: 1}\n' "$tmp/bad.yaml:5:14: error: rule p/too-many-runs has no parameter 'max'"
bad_cfg "param type" "policies: [$params]"$'\nbuiltin: false\nrules:\n  DL9001:\n    params:\n      max_runs: "1"\n' "$tmp/bad.yaml:6:17: error: parameter max_runs of rule p/too-many-runs is of type integer, not a string"
run "missing --config file" "$PLIMSOLL" check --config "$tmp/none.yaml" services
expect_status 2
has "$tmp/err" "none.yaml"

# a peer id that several rules share names each of them: trivy's DS-0002 is both the
# Dockerfile and the image-config root check
printf 'rules:\n  DS-0002: {enabled: false}\n' >"$tmp/alias.yaml"
run "root checks on" "$PLIMSOLL" check --no-config -f json "$data/findings/Dockerfile" "$data/image/config.json"
has "$tmp/out" '"rule": "final-user-root"'
has "$tmp/out" '"rule": "image-user-root"'
run "a shared alias disables every rule it names" "$PLIMSOLL" check --config "$tmp/alias.yaml" -f json \
  "$data/findings/Dockerfile" "$data/image/config.json"
what="both root checks disabled"
n=$(grep -c "\"disabled\": \"disabled by $tmp/alias.yaml:2\"" "$tmp/out" || true)
[ "$n" -eq 2 ] && ok || bad "$n rules disabled, want 2"
lacks "$tmp/out" '"rule": "final-user-root",'
lacks "$tmp/out" '"rule": "image-user-root",'
printf 'FROM alpine:3.19\n# hadolint ignore=DS-0002\nUSER root\n' >"$tmp/Dockerfile"
run "an inline ignore by a shared alias" "$PLIMSOLL" check --no-config -f json "$tmp/Dockerfile"
has "$tmp/out" '"kind": "inline"'

finish
