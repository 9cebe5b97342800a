#!/usr/bin/env bash
# test_corpus.sh — the whole development corpus through `plimsoll check` in one run: no
# crash, hang or sanitizer report; every file reported; every rejection one BuildKit
# makes too (the parser's and the analysis's error messages start as BuildKit's own).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
: "${PL_SHARED_DIR:?set PL_SHARED_DIR to the shared/ folder}"
corpus="$PL_SHARED_DIR/corpus"
[ -d "$corpus/dockerfiles" ] || { echo "no corpus at $corpus" >&2; exit 1; }

mapfile -d '' files < <(find "$corpus/dockerfiles" -type f -print0 | sort -z)
run "corpus" timeout 600 "$PLIMSOLL" check --format json --output "$tmp/report.json" \
  "${files[@]}" "$corpus/images"
case $status in 0|1|2) ok ;; *) bad "exit status $status (crash, signal or timeout)" ;; esac
lacks "$tmp/err" "AddressSanitizer"
lacks "$tmp/err" "runtime error:"
lacks "$tmp/err" "LeakSanitizer"

# every Dockerfile is a target of the report
n=$(grep -c '"kind": "dockerfile"' "$tmp/report.json" || true)
what="targets"
[ "$n" -eq "${#files[@]}" ] && ok || bad "$n Dockerfile targets reported, want ${#files[@]}"

# rejections: only the errors BuildKit's parser itself raises
what="rejections"
sed -n '/"errors": \[/,/^  \]/p' "$tmp/report.json" | grep '"message"' >"$tmp/errors" || true
while IFS= read -r line; do
  case $line in
    *"must have two arguments"*|*"can't find ="*|*"arrays must be comprised of strings only"*|\
    *"greater than max allowed size of 65535"*|*"file with no instructions"*|\
    *"unterminated heredoc"*|*"parser directive"*|*"invalid escape token"*) ok ;;
    # and those of its instruction layer, which refuses these files before building
    *'"message": "unknown instruction: '*|*'"message": "no build stage in current context: '*|\
    *'"message": "dockerfile contains no stages to build'*) ok ;;
    *) bad "unexpected rejection: $line" ;;
  esac
done <"$tmp/errors"
finish
