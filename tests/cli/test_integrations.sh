#!/usr/bin/env bash
# test_integrations.sh — the CI integrations shipped in the repository do what docs/ci.md
# says: the pre-commit hook runs under the real pre-commit tool against a scratch git
# repository; the GitHub Action's check and gate steps and the GitLab template's job
# script run as written (their YAML read with PyYAML) and leave valid reports.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
shared=${PL_SHARED_DIR:-"$PL_SOURCE_DIR/../shared"}
bindir="$tmp/bin"
mkdir -p "$bindir"
ln -s "$PLIMSOLL" "$bindir/plimsoll"
validate() {
  if /usr/bin/python3 "$PL_SOURCE_DIR/tests/cli/validate.py" "$1" "$2" "$shared" 2>"$tmp/why"; then ok
  else bad "$(basename "$2") is not valid $1: $(head -c 300 "$tmp/why")"; fi
}
yaml_get() { # yaml_get FILE PYTHON-EXPRESSION-ON-d
  /usr/bin/python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# ---- pre-commit ------------------------------------------------------------------------
repo="$tmp/scratch"
mkdir -p "$repo/svc"
git -C "$repo" init -q
git -C "$repo" config user.email t@example.invalid
git -C "$repo" config user.name t
printf 'FROM alpine\nRUN curl -s https://x.example/i.sh | sh\n' >"$repo/svc/Dockerfile"
printf 'FROM alpine:3.20\nUSER 1000\nHEALTHCHECK CMD true\nCMD ["true"]\n' >"$repo/Clean.Dockerfile"
printf 'print("not a Dockerfile")\n' >"$repo/app.py"
git -C "$repo" add -A
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
run "pre-commit: a bad Dockerfile fails the hook" \
  env PATH="$bindir:$PATH" sh -c "cd '$repo' && pre-commit try-repo '$PL_SOURCE_DIR' plimsoll --files svc/Dockerfile app.py"
expect_status 1
has "$tmp/out" "svc/Dockerfile:2:"
has "$tmp/out" "curl-pipe-shell"
lacks "$tmp/out" "app.py"
run "pre-commit: a clean Dockerfile passes, other files are not given" \
  env PATH="$bindir:$PATH" sh -c "cd '$repo' && pre-commit try-repo '$PL_SOURCE_DIR' plimsoll --files Clean.Dockerfile app.py"
expect_status 0
has_line "$tmp/out" "plimsoll\.+Passed"

# ---- the GitHub Action -------------------------------------------------------------------
action="$PL_SOURCE_DIR/action.yml"
what="action.yml is a composite action with a check, an upload and a gate"
[ "$(yaml_get "$action" 'd["runs"]["using"]')" = composite ] && ok || bad "not composite"
[ "$(yaml_get "$action" '[s.get("name") for s in d["runs"]["steps"]]')" = \
  "['Build plimsoll', 'Check', 'Upload SARIF', 'Gate']" ] && ok || bad "steps"
[ "$(yaml_get "$action" '[s for s in d["runs"]["steps"] if s["name"] == "Upload SARIF"][0]["uses"]')" = \
  "github/codeql-action/upload-sarif@v3" ] && ok || bad "upload step"
yaml_get "$action" '[s for s in d["runs"]["steps"] if s["name"] == "Check"][0]["run"]' >"$tmp/check.sh"
yaml_get "$action" '[s for s in d["runs"]["steps"] if s["name"] == "Gate"][0]["run"]' >"$tmp/gate.sh"
mkdir -p "$tmp/runner/plimsoll-build" "$tmp/ws"
ln -s "$PLIMSOLL" "$tmp/runner/plimsoll-build/plimsoll"
cp "$PL_SOURCE_DIR/examples/insecure.Dockerfile" "$tmp/ws/Dockerfile"
: >"$tmp/gh-output"
run "action: the check step" env RUNNER_TEMP="$tmp/runner" GITHUB_OUTPUT="$tmp/gh-output" \
  PLIMSOLL_PATHS=Dockerfile PLIMSOLL_ARGS="--fail-on high" PLIMSOLL_SARIF=plimsoll.sarif \
  sh -c "cd '$tmp/ws' && bash '$tmp/check.sh'"
expect_status 0
has_line "$tmp/out" "::error file=Dockerfile,line=11,.*title=curl-pipe-shell \(high\)::.*"
has "$tmp/gh-output" "exit-code=1"
validate sarif "$tmp/ws/plimsoll.sarif"
run "action: the gate fails the job" env PLIMSOLL_STATUS=1 bash "$tmp/gate.sh"
expect_status 1
run "action: no status is an error" env PLIMSOLL_STATUS= bash "$tmp/gate.sh"
expect_status 2
what="the workflow example uses the action with code-scanning permission"
wf="$PL_SOURCE_DIR/examples/ci/github-workflow.yml"
[ "$(yaml_get "$wf" 'd["permissions"]["security-events"]')" = write ] && ok || bad "permissions"
[ "$(yaml_get "$wf" 'd["jobs"]["plimsoll"]["steps"][1]["uses"]')" = "OWNER/plimsoll@REF" ] && ok || bad "uses"

# ---- the GitLab CI template ------------------------------------------------------------------
gl="$PL_SOURCE_DIR/examples/ci/plimsoll.gitlab-ci.yml"
what="the GitLab job uploads the reports its script writes"
[ "$(yaml_get "$gl" 'd["plimsoll"]["artifacts"]["reports"]["codequality"]')" = gl-code-quality-report.json ] && ok || bad "codequality"
[ "$(yaml_get "$gl" 'd["plimsoll"]["artifacts"]["reports"]["junit"]')" = plimsoll-junit.xml ] && ok || bad "junit"
[ "$(yaml_get "$gl" 'd["plimsoll"]["artifacts"]["when"]')" = always ] && ok || bad "artifacts when failing"
yaml_get "$gl" '"\n".join(d["plimsoll"]["script"])' >"$tmp/gl.sh"
mkdir -p "$tmp/gl"
cp "$PL_SOURCE_DIR/examples/insecure.Dockerfile" "$tmp/gl/Dockerfile"
run "gitlab: the job script" env PATH="$bindir:$PATH" PLIMSOLL_PATHS=. PLIMSOLL_ARGS= \
  sh -c "cd '$tmp/gl' && sh -e '$tmp/gl.sh'"
expect_status 1
has "$tmp/out" "Dockerfile:11:5: high curl-pipe-shell"
validate gitlab "$tmp/gl/gl-code-quality-report.json"
validate junit "$tmp/gl/plimsoll-junit.xml"
finish
