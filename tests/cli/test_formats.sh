#!/usr/bin/env bash
# test_formats.sh — the CI report formats (SARIF, JUnit, GitHub, GitLab, checkstyle):
# each validates against its real schema (tests/cli/validate.py) on the shipped examples
# and a sample of the corpus, marks a run with errors as failed in its own way, escapes
# hostile text, and keeps fingerprints across unrelated edits.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
shared=${PL_SHARED_DIR:-"$PL_SOURCE_DIR/../shared"}
validate() { # validate KIND FILE
  if /usr/bin/python3 "$PL_SOURCE_DIR/tests/cli/validate.py" "$1" "$2" "$shared" 2>"$tmp/why"; then
    ok
  else
    bad "$(basename "$2") is not valid $1: $(head -c 400 "$tmp/why")"
  fi
}
cd "$PL_SOURCE_DIR"

# ---- every format on the shipped examples -------------------------------------------
for f in sarif junit checkstyle gitlab; do
  run "examples as $f" "$PLIMSOLL" check -f "$f" examples/
  expect_status 1
  cp "$tmp/out" "$tmp/examples.$f"
  validate "$f" "$tmp/examples.$f"
done
run "examples as github" "$PLIMSOLL" check -f github examples/
expect_status 1
has_line "$tmp/out" '::error file=examples/insecure.Dockerfile,line=11,endLine=11,col=5,title=curl-pipe-shell \(high\)::curl output piped into bash.*'
has_line "$tmp/out" '::notice file=examples/insecure.Dockerfile,line=4,endLine=4,col=1,title=maintainer-deprecated \(info\)::.*'
what="github: every line is one annotation"
if grep -qvE '^::(error|warning|notice) file=' "$tmp/out"; then bad "a line that is not a command"; else ok; fi
what="github: most severe first"
first_notice=$(grep -n '^::notice' "$tmp/out" | head -1 | cut -d: -f1)
last_error=$(grep -n '^::error' "$tmp/out" | tail -1 | cut -d: -f1)
[ "$last_error" -lt "$first_notice" ] && ok || bad "an error after a notice"

# SARIF: the driver lists the rules that ran, each result points at its own rule
what="sarif: ruleIndex names the result's rule"
/usr/bin/python3 - "$tmp/examples.sarif" <<'PY' && ok || bad "ruleIndex mismatch"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert run["results"], "no results"
for res in run["results"]:
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"], res
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert res["partialFingerprints"]["primaryLocationLineHash"].endswith(":1")
r = {x["id"]: x for x in rules}["curl-pipe-shell"]
assert r["properties"]["security-severity"] == "8.0" and "security" in r["properties"]["tags"]
r = {x["id"]: x for x in rules}["add-instead-of-copy"]
assert "DL3020" in r["properties"]["aliases"] and "DL3020" in r["properties"]["tags"], r
assert run["invocations"][0]["executionSuccessful"] is True
PY
# JUnit: a clean file is a suite of passing cases, one per rule that ran on it
what="junit: the clean example's rules are passing test cases"
/usr/bin/python3 - "$tmp/examples.junit" <<'PY' && ok || bad "no passing cases"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = [s for s in root if s.get("name") == "examples/hardened/Dockerfile"][0]
cases = suite.findall("testcase")
assert len(cases) > 50 and int(suite.get("tests")) == len(cases), len(cases)
assert all(len(c) == 0 for c in cases), "a clean file has no failures"
bad = [s for s in root if s.get("name") == "examples/insecure.Dockerfile"][0]
fails = [c for c in bad.findall("testcase") if c.find("failure") is not None]
assert int(bad.get("failures")) == len(fails) > 5
assert fails[0].find("failure").text.startswith("examples/insecure.Dockerfile:")
PY

# ---- a sample of the corpus ----------------------------------------------------------
mapfile -t sample < <(find "$shared/corpus/dockerfiles" -type f | sort | awk 'NR % 200 == 0')
for f in sarif junit checkstyle gitlab; do
  run "corpus sample as $f" "$PLIMSOLL" check --preset strict -f "$f" "${sample[@]}" "$shared/corpus/images"
  cp "$tmp/out" "$tmp/corpus.$f"
  validate "$f" "$tmp/corpus.$f"
done

# ---- a run with errors is a failed run in every format -------------------------------
mkdir -p "$tmp/errdir"
cp "$data/broken/Dockerfile" "$tmp/errdir/Dockerfile"
cp "$data/clean/Dockerfile" "$tmp/errdir/Clean.Dockerfile"
for f in sarif junit checkstyle gitlab github; do
  run "errors as $f" "$PLIMSOLL" check -f "$f" "$tmp/errdir"
  expect_status 2
  cp "$tmp/out" "$tmp/errors.$f"
  [ "$f" = github ] || validate "$f" "$tmp/errors.$f"
done
has "$tmp/errors.sarif" '"executionSuccessful": false'
has "$tmp/errors.sarif" '"level": "error"'
has "$tmp/errors.junit" '<error message='
has_line "$tmp/errors.junit" '  <testsuite name=".*/errdir/Dockerfile" tests="1" failures="0" errors="1".*'
has "$tmp/errors.checkstyle" 'severity="error"'
has "$tmp/errors.gitlab" '"check_name": "plimsoll"'
has "$tmp/errors.gitlab" '"severity": "blocker"'
has_line "$tmp/errors.github" "::error file=$tmp/errdir/Dockerfile,line=[0-9]+,.*title=plimsoll error::.*"

# ---- hostile text: escaping, stray bytes ---------------------------------------------
mkdir -p "$tmp/hostile/dockerfile"
printf 'name: h\nversion: 1.0.0\n' >"$tmp/hostile/bundle.yaml"
cat >"$tmp/hostile/dockerfile/says.lua" <<'LUA'
return {
  title = "says things", severity = "medium", input = "dockerfile", help = "Says.",
  check = function(df, report)
    report { message = "50% done: a,b\n::add-mask::secret <x> & \"y\" \27[31m", at = df.instructions[1] }
  end,
}
LUA
name=$'odd,name:\xff.Dockerfile'
printf 'FROM alpine:3.20\n' >"$tmp/hostile/$name"
run "github escaping" "$PLIMSOLL" check --no-builtin --policy "$tmp/hostile" -f github "$tmp/hostile/$name"
expect_status 1
what="github: one line, escaped"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || bad "the message broke the line"
has "$tmp/out" 'odd%2Cname%3A\xff.Dockerfile,line=1'
has "$tmp/out" '::50%25 done: a,b\n::add-mask::secret'
for f in sarif junit checkstyle gitlab; do
  run "hostile text as $f" "$PLIMSOLL" check --no-builtin --policy "$tmp/hostile" -f "$f" "$tmp/hostile/$name"
  expect_status 1
  cp "$tmp/out" "$tmp/hostile.$f"
  validate "$f" "$tmp/hostile.$f"
done
has "$tmp/hostile.junit" 'secret &lt;x&gt; &amp; &quot;y&quot; \x1b[31m'
has "$tmp/hostile.sarif" 'odd%2Cname%3A%FF.Dockerfile'

# ---- fingerprints survive unrelated edits --------------------------------------------
printf 'FROM alpine:3.20\nRUN curl -fsSL https://x.example/i.sh | sh\n' >"$tmp/fp1.Dockerfile"
printf '# a comment\n\nFROM alpine:3.20\nLABEL a=b\nRUN curl -fsSL https://x.example/i.sh | sh\n' >"$tmp/fp2.Dockerfile"
printf 'FROM alpine:3.20\nRUN curl -fsSL https://x.example/other.sh | sh\n' >"$tmp/fp3.Dockerfile"
fp() { # the curl-pipe-shell fingerprint in a SARIF report of file $1, under a fixed name
  mkdir -p "$tmp/fp"; cp "$1" "$tmp/fp/Dockerfile"
  (cd "$tmp/fp" && { "$PLIMSOLL" check -f sarif Dockerfile || true; }) |
    /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]["results"]; print([x["partialFingerprints"]["primaryLocationLineHash"] for x in r if x["ruleId"]=="curl-pipe-shell"][0])'
}
a=$(fp "$tmp/fp1.Dockerfile"); b=$(fp "$tmp/fp2.Dockerfile"); c=$(fp "$tmp/fp3.Dockerfile")
what="fingerprint: lines inserted above do not change it"
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "$a vs $b"
what="fingerprint: changing the instruction does"
[ "$a" != "$c" ] && ok || bad "same fingerprint for another download"

run "unknown format lists the valid ones" "$PLIMSOLL" check -f yaml examples/
expect_status 2
has "$tmp/err" "text|json|sarif|junit|github|gitlab|checkstyle"
finish
