#!/usr/bin/env bash
# gen-rule-docs.sh — write docs/rules/<id>.md for every built-in rule, from the rule's
# metadata and its fixtures (plimsoll rules --markdown ID).
# Usage: scripts/gen-rule-docs.sh [OUTDIR]   (default docs/rules; PLIMSOLL=the binary,
#        default build/plimsoll, which must be built from the current policies/)
# Pages for rules that no longer exist are removed from OUTDIR; README.md is left alone.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$here/docs/rules"}
plimsoll=${PLIMSOLL:-"$here/build/plimsoll"}
if [ ! -x "$plimsoll" ]; then
  echo "gen-rule-docs: no plimsoll binary at $plimsoll (build first, or set PLIMSOLL)" >&2
  exit 2
fi
mkdir -p "$out"
ids=$("$plimsoll" rules | awk 'NR > 1 {print $1}')
for id in $ids; do
  "$plimsoll" rules --markdown "$id" >"$out/$id.md.tmp"
  mv "$out/$id.md.tmp" "$out/$id.md"
done
for page in "$out"/*.md; do
  name=$(basename "$page" .md)
  [ "$name" = README ] && continue
  if ! grep -qxF -- "$name" <<<"$ids"; then
    rm -f "$page"
    echo "gen-rule-docs: removed $page (no such rule)" >&2
  fi
done
echo "gen-rule-docs: $(wc -w <<<"$ids") pages in $out" >&2
