#!/usr/bin/env bash
# test_baseline.sh — plimsoll baseline and check --baseline: only new findings fail; the
# fingerprint survives lines inserted above, re-wrapped instructions and reordered
# stages, and changes with the instruction; fixed entries are noted; a foreign or corrupt
# baseline is an error with its line; several reports come from one run; and a report
# path that cannot be written stops the run before any work.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
w="$tmp/repo"
mkdir -p "$w"
cd "$w"
cat >Dockerfile <<'DF'
FROM node:20 AS build
RUN apt-get update && apt-get install -y curl
FROM alpine:3.20
RUN curl -fsSL https://get.example/install.sh | sh
CMD node server.js
DF

run "baseline writes plimsoll.baseline" "$PLIMSOLL" baseline .
expect_status 0
has "$tmp/err" "to the baseline plimsoll.baseline"
what="the baseline's first line"
[ "$(head -1 plimsoll.baseline)" = "# plimsoll baseline 1" ] && ok || bad "header"
has_line plimsoll.baseline "[0-9a-f]{16}:1	curl-pipe-shell	Dockerfile	curl output piped into sh.*"
what="entries are sorted"
grep -v '^#' plimsoll.baseline | awk -F'\t' '{print $3 "\t" $2 "\t" $1}' >"$tmp/keys"
sort -c "$tmp/keys" 2>/dev/null && ok || bad "not sorted by path, rule, fingerprint"
entries=$(grep -vc '^#' plimsoll.baseline)

run "nothing new: clean" "$PLIMSOLL" check --baseline plimsoll.baseline .
expect_status 0
has "$tmp/out" "$entries findings hidden by the baseline; 0 of its $entries entries no longer occur"

# unrelated edits: lines above, a re-wrapped and re-indented RUN, the stages reordered
cat >Dockerfile <<'DF'
# syntax=docker/dockerfile:1
# a comment, and a new stage before the others

FROM alpine:3.20
RUN   curl -fsSL https://get.example/install.sh \
      | sh
CMD node server.js
FROM node:20 AS build
RUN apt-get update \
 && apt-get install -y curl
DF
run "lines above, re-wrapping and moved stages keep the fingerprints" \
  "$PLIMSOLL" check --baseline plimsoll.baseline Dockerfile
has_line "$tmp/out" ".*findings hidden by the baseline.*"
lacks "$tmp/out" "curl-pipe-shell"
lacks "$tmp/out" "apt-get-missing-yes"

# changing the offending instruction makes a new finding; the old entry is fixed
cat >Dockerfile <<'DF'
FROM node:20 AS build
RUN apt-get update && apt-get install -y curl
FROM alpine:3.20
RUN wget -qO- https://get.example/other.sh | sh
CMD node server.js
DF
run "a changed instruction is new" "$PLIMSOLL" check --baseline plimsoll.baseline .
expect_status 1
has_line "$tmp/out" "Dockerfile:4:[0-9]+: high curl-pipe-shell .*"
has "$tmp/out" "baseline entry no longer occurs (fixed?): curl-pipe-shell in Dockerfile"

run "suppressed by the baseline in SARIF" "$PLIMSOLL" check --baseline plimsoll.baseline -f sarif .
has "$tmp/out" '"kind": "external"'

# two identical findings in one file are two entries
printf 'FROM alpine:3.20\nRUN curl -s https://x.example/a | sh\nRUN curl -s https://x.example/a | sh\n' >Two.Dockerfile
run "identical findings" "$PLIMSOLL" baseline -o two.baseline Two.Dockerfile
expect_status 0
has_line two.baseline "[0-9a-f]{16}:1	curl-pipe-shell	Two.Dockerfile	.*"
has_line two.baseline "[0-9a-f]{16}:2	curl-pipe-shell	Two.Dockerfile	.*"
printf 'FROM alpine:3.20\nRUN curl -s https://x.example/a | sh\nRUN curl -s https://x.example/a | sh\nRUN curl -s https://x.example/a | sh\n' >Two.Dockerfile
run "a third copy is new" "$PLIMSOLL" check --baseline two.baseline Two.Dockerfile
expect_status 1
has_line "$tmp/out" "Two.Dockerfile:4:[0-9]+: high curl-pipe-shell .*"
lacks "$tmp/out" "Two.Dockerfile:2:"

# foreign and corrupt files
printf 'not a baseline\n' >foreign.txt
run "a foreign file" "$PLIMSOLL" check --baseline foreign.txt .
expect_status 2
has "$tmp/err" "foreign.txt:1:1: error: not a plimsoll baseline"
printf '# plimsoll baseline 1\n# ok\nzzzz:1\tcurl-pipe-shell\tDockerfile\tm\n' >corrupt.baseline
run "a corrupt entry" "$PLIMSOLL" check --baseline corrupt.baseline .
expect_status 2
has "$tmp/err" "corrupt.baseline:3:1: error: bad baseline entry"
run "a missing baseline" "$PLIMSOLL" check --baseline nowhere.baseline .
expect_status 2
has "$tmp/err" "nowhere.baseline"

# several reports from one run, and no stdout report when every one names a file
run "three reports" "$PLIMSOLL" check -f text -f sarif:out.sarif,junit:out.xml Dockerfile
expect_status 1
has "$tmp/out" "Dockerfile:4:5: high curl-pipe-shell"
has out.sarif '"version": "2.1.0"'
has out.xml '<testsuites name="plimsoll"'
run "files only" "$PLIMSOLL" check -f gitlab:gl.json -f checkstyle:cs.xml Dockerfile
expect_status 1
what="no report on stdout"
[ ! -s "$tmp/out" ] && ok || bad "stdout has a report"
has gl.json '"check_name"'
has cs.xml '<checkstyle'

# a report that cannot be written: exit 2 before anything is checked (the missing input
# would be the error otherwise)
run "unwritable report" "$PLIMSOLL" check -f sarif:"$tmp/no/such/dir/r.sarif" "$tmp/missing-input"
expect_status 2
has "$tmp/err" "report file $tmp/no/such/dir/r.sarif: cannot create it"
lacks "$tmp/err" "missing-input"
run "unwritable --output" "$PLIMSOLL" check -o "$tmp" Dockerfile
expect_status 2
has "$tmp/err" "is a directory"
finish
