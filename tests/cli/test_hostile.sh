#!/usr/bin/env bash
# test_hostile.sh — every policy of tests/hostile/ beside the witness rules, through workers.
#
# For each hostile policy: a bundle of it plus tests/hostile/witness/*.lua checks a fixed
# input set with -j 2. The run must end (within its deadlines), exit as expected.tsv
# says, give the hostile rule the expected verdict and message, and leave the witnesses'
# (and the built-in rules') verdicts and findings byte-identical to a run without the
# hostile policy. Nothing may leak: a canary file's content, a secret in the environment,
# a file the policy tries to create, an escape sequence or an uncut message.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "test_hostile: needs jq" >&2; exit 1; }

hostile="$PL_SOURCE_DIR/tests/hostile"
inputs=("$hostile/inputs" "$data/findings/Dockerfile")
timeout_ms=3000
limits=(--timeout "$timeout_ms" --max-memory 16 --max-instructions 5000000 -j 2)
canary=/tmp/plimsoll-hostile-canary  # the policies name these paths
created=/tmp/plimsoll-hostile-created
canary_text="CANARY-$$-$RANDOM-FILE"
secret="SECRET-$$-$RANDOM-ENV"
echo "$canary_text" >"$canary"
rm -f "$created"
trap 'rm -rf "$tmp"; rm -f "$canary" "$created"' EXIT
export PL_CANARY_SECRET="$secret"

# The report without one rule's entries (and without the summary, whose counts include it).
strip() {
  jq --arg r "$2" 'del(.summary)
    | .rules |= map(select(.id != $r))
    | .findings |= map(select(.rule != $r))
    | .verdicts |= map(select(.rule != $r))
    | .errors |= map(select(.rule != $r))' "$1"
}

# every bundle is named h (bundle.yaml), so the witnesses' ids are the same in each run
manifest() { printf 'name: h\nversion: 1.0.0\ndescription: hostile policy suite\n' >"$1/bundle.yaml"; }
mkdir -p "$tmp/base"
cp "$hostile"/witness/*.lua "$tmp/base/"
manifest "$tmp/base"
run "baseline" "$PLIMSOLL" check "${limits[@]}" -f json --policy "$tmp/base" "${inputs[@]}"
expect_status 1
strip "$tmp/out" none >"$tmp/base.json"
has "$tmp/base.json" '"rule": "h/w-reads"'

n=0
while IFS=$'\t' read -r name want fragment; do
  case $name in '#'* | '') continue ;; esac
  n=$((n + 1))
  file="$hostile/$name.lua"
  [ -f "$file" ] || { what="$name"; bad "no $file"; continue; }
  b="$tmp/b-$name"
  mkdir -p "$b"
  cp "$hostile"/witness/*.lua "$file" "$b/"
  manifest "$b"
  id="h/$name"
  start=$(date +%s%N)
  run "$name" "$PLIMSOLL" check "${limits[@]}" -f json --policy "$b" "${inputs[@]}"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # alive, and the exit status says what happened (errors win; witnesses have findings)
  if [ "$want" = error ]; then expect_status 2; else expect_status 1; fi
  # the hostile rule's own verdict, with a message that says which defence stopped it
  if jq -e --arg r "$id" --arg s "$want" --arg m "$fragment" \
       'if $s == "pass" then
          # passes are not listed: no verdict and no finding of the rule anywhere
          ((any(.verdicts[]; .rule == $r) or any(.findings[]; .rule == $r)) | not)
        else any(.verdicts[]; .rule == $r and .status == $s and
            ((.message // "") as $v | any($m | if . == "" then "" else split(" || ")[] end; . as $f | $v | contains($f))))
        end' \
       "$tmp/out" >/dev/null; then ok; else
    bad "no '$want' verdict with '$fragment': $(jq -c --arg r "$id" '[.verdicts[] | select(.rule == $r)]' "$tmp/out" | head -c 400)"
  fi
  # nobody else noticed
  strip "$tmp/out" "$id" >"$tmp/got.json"
  if cmp -s "$tmp/base.json" "$tmp/got.json"; then ok; else
    bad "other rules changed: $(diff "$tmp/base.json" "$tmp/got.json" | head -n 8 | tr '\n' ' ')"
  fi
  # nothing read, written or leaked
  lacks "$tmp/out" "$canary_text"
  lacks "$tmp/out" "$secret"
  lacks "$tmp/err" "$secret"
  if [ -e "$created" ]; then bad "$created exists"; rm -f "$created"; else ok; fi
  if LC_ALL=C grep -q $'\x1b' "$tmp/out"; then bad "raw escape in the report"; else ok; fi
  longest=$(jq '[.findings[].message | length] | max // 0' "$tmp/out")
  if [ "$longest" -le 4200 ]; then ok; else bad "a finding message of $longest characters"; fi
  # within the deadline: two Dockerfiles on two workers, plus a margin for slow builds
  if [ "$ms" -le $((timeout_ms + 15000)) ]; then ok; else bad "took $ms ms"; fi
done <"$hostile/expected.tsv"

what="policy count"
if [ "$n" -ge 40 ]; then ok; else bad "only $n hostile policies"; fi
what="every policy listed"
for f in "$hostile"/*.lua; do
  grep -q "^$(basename "$f" .lua)	" "$hostile/expected.tsv" || bad "$(basename "$f") not in expected.tsv"
done
finish
