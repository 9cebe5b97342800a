#!/usr/bin/env bash
# test_rule_docs.sh — the committed rule pages (docs/rules/<id>.md) are exactly what
# scripts/gen-rule-docs.sh generates from the built-in rules: none stale, none missing,
# none left for a rule that is gone. Also checks a page's content against the rule.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PLIMSOLL="$PLIMSOLL" bash "$PL_SOURCE_DIR/scripts/gen-rule-docs.sh" "$tmp/rules" 2>/dev/null
committed="$PL_SOURCE_DIR/docs/rules"
what="rule pages up to date"
for page in "$tmp"/rules/*.md; do
  name=$(basename "$page")
  if [ ! -f "$committed/$name" ]; then
    bad "docs/rules/$name is missing; run scripts/gen-rule-docs.sh and commit the result"
  elif ! cmp -s "$page" "$committed/$name"; then
    bad "docs/rules/$name is stale; run scripts/gen-rule-docs.sh and commit the result"
  else
    ok
  fi
done
for page in "$committed"/*.md; do
  name=$(basename "$page")
  [ "$name" = README.md ] && continue
  [ -f "$tmp/rules/$name" ] || bad "docs/rules/$name documents no rule; run scripts/gen-rule-docs.sh"
done

# one page, read against its sources: the id, severity and an alias from the rule file,
# and the failing fixture's finding line
run "markdown page" "$PLIMSOLL" rules --markdown base-image-latest
expect_status 0
has "$tmp/out" "| id | \`base-image-latest\` |"
has "$tmp/out" "| severity | $(sed -n 's/^ *severity *= *"\([a-z]*\)".*/\1/p' "$PL_SOURCE_DIR/policies/dockerfile/base-image-latest.lua") |"
has "$tmp/out" "\`DL3007\`"
has "$tmp/out" "## Failing example"
has "$tmp/out" "## Passing example"
has_line "$tmp/out" "- line [0-9]+: .*latest.*"

run "markdown by alias" "$PLIMSOLL" rules --markdown DL3007
expect_status 0
has "$tmp/out" "| id | \`base-image-latest\` |"

finish
