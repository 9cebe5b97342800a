#!/usr/bin/env bash
# corpus-report.sh — per-rule hit counts of the built-in bundle over the development
# corpus, as the Markdown table of docs/rules/corpus-report.md.
# Usage: scripts/corpus-report.sh [PLIMSOLL] > table.md   (needs jq; shared/ beside the repo)
# Every rule runs (--preset strict); "files" counts targets with at least one finding.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/plimsoll"}
shared=${PL_SHARED_DIR:-"$here/../shared"}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
mapfile -d '' files < <(find "$shared/corpus/dockerfiles" -type f -print0 | sort -z)
set +e
"$bin" check --no-config --preset strict --format json --output "$out" "${files[@]}" \
  "$shared/corpus/images" 2>/dev/null
set -e
jq -r '
  (.targets | map(select(.kind == "dockerfile")) | length) as $df
  | (.targets | map(select(.kind == "image")) | length) as $im
  | (.rules | map({key: .id, value: .}) | from_entries) as $meta
  | (.findings | group_by(.rule)
     | map({rule: .[0].rule, findings: length, files: (map(.path) | unique | length)})
     | map({key: .rule, value: .}) | from_entries) as $hits
  | "Checked: \($df) Dockerfiles and \($im) image configurations; \(.findings | length) findings; \(.errors | length) inputs rejected.\n",
    "| rule | input | preset | severity | files | share | findings |",
    "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ($meta | to_entries | sort_by(-(($hits[.key].files) // 0), .key)[]
     | .value as $m
     | ($hits[$m.id] // {files: 0, findings: 0}) as $h
     | (if $m.input == "image" then $im else $df end) as $n
     | "| `\($m.id)` | \($m.input) | \($m.preset // "default") | \($m.severity) | \($h.files) | \(if $n > 0 then (($h.files * 1000 / $n | floor) / 10 | tostring) + "%" else "-" end) | \($h.findings) |")
' "$out"
