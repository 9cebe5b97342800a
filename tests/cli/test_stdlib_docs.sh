#!/usr/bin/env bash
# test_stdlib_docs.sh — docs/stdlib.md and the standard library agree: every module of
# src/lua/std has a section, every name a module exports is documented in it, and the
# page documents nothing the module does not export.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
doc="$PL_SOURCE_DIR/docs/stdlib.md"
for f in "$PL_SOURCE_DIR"/src/lua/std/plimsoll/*.lua; do
  mod="plimsoll.$(basename "$f" .lua)"
  what="$mod"
  # the module's section: from its heading to the next one
  awk -v h="## $mod" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$doc" >"$tmp/section"
  if [ -s "$tmp/section" ]; then ok; else bad "docs/stdlib.md has no section '## $mod'"; continue; fi
  grep -oE '^(function M\.[A-Za-z_]+|M\.[A-Za-z_]+ =)' "$f" | sed -E 's/^function M\.//; s/^M\.//; s/ =$//' \
    | sort -u >"$tmp/exported"
  # the names in each table row's first cell: `name(args)` or `NAME`, `OTHER`
  awk -F'|' '/^\| `/ { print $2 }' "$tmp/section" | grep -oE '`[A-Za-z_]+' | tr -d '`' \
    | sort -u >"$tmp/documented"
  missing=$(comm -23 "$tmp/exported" "$tmp/documented" | tr '\n' ' ')
  extra=$(comm -13 "$tmp/exported" "$tmp/documented" | tr '\n' ' ')
  if [ -z "$missing" ]; then ok; else bad "$mod exports names docs/stdlib.md does not document: $missing"; fi
  if [ -z "$extra" ]; then ok; else bad "docs/stdlib.md documents names $mod does not export: $extra"; fi
done
# and every section names a module that exists
for mod in $(grep -oE '^## plimsoll\.[a-z_]+' "$doc" | sed 's/^## //'); do
  what="$mod"
  if [ -f "$PL_SOURCE_DIR/src/lua/std/plimsoll/${mod#plimsoll.}.lua" ]; then ok; else bad "no module for the section"; fi
done
finish
