# lib.sh — helpers the end-to-end scripts share (sourced, not a test itself).
#
# run CMD...       runs CMD with stdout in $tmp/out, stderr in $tmp/err, status in $status
# expect_status N  the last run exited N
# has FILE TEXT    FILE contains TEXT (a fixed string)
# lacks FILE TEXT  FILE does not contain TEXT
# same A B         files A and B are byte-identical
# finish           prints "N passed, N failed" and fails the script if any check failed
: "${PLIMSOLL:?set PLIMSOLL to the plimsoll binary}"
: "${PL_SOURCE_DIR:?set PL_SOURCE_DIR to the source tree}"
data="$PL_SOURCE_DIR/tests/cli/data"
# plimsoll's version, from its one definition: project() in CMakeLists.txt
project_version=$(sed -n 's/^project(plimsoll VERSION \([0-9.]*\) .*/\1/p' "$PL_SOURCE_DIR/CMakeLists.txt")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
status=0
what=""

ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL: $what: $*" >&2
  echo "  stdout: $(head -c 600 "$tmp/out" 2>/dev/null)" >&2
  echo "  stderr: $(head -c 600 "$tmp/err" 2>/dev/null)" >&2
}

# run "description" CMD...
run() {
  what=$1
  shift
  set +e
  "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
}

expect_status() {
  if [ "$status" -eq "$1" ]; then ok; else bad "exit status $status, want $1"; fi
}

has() {
  if grep -qF -- "$2" "$1"; then ok; else bad "$(basename "$1") lacks '$2'"; fi
}

lacks() {
  if grep -qF -- "$2" "$1"; then bad "$(basename "$1") has '$2'"; else ok; fi
}

same() {
  if cmp -s "$1" "$2"; then ok; else bad "$(basename "$1") and $(basename "$2") differ"; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# has_line FILE REGEX: some line of FILE matches the extended regex, anchored at both ends
has_line() {
  if grep -qE -- "^$2\$" "$1"; then ok; else bad "$(basename "$1") has no line matching /$2/"; fi
}
