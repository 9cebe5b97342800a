#!/usr/bin/env bash
# test_walk.sh — the directory walk and the report file as a careless or hostile user meets
# them: unreadable, too deep and looping trees, bundles and links in a walk, the names
# Dockerfiles go by, runs that find nothing to check, odd -o targets, and interruption.
set -euo pipefail
. "${PL_SOURCE_DIR:?}/tests/cli/lib.sh"
cd "$tmp"
clean='FROM alpine:3.20
USER app
'
# a Dockerfile the default rules always flag (no tag, runs as root)
flagged='FROM alpine
'

# targets FILE: the checked paths of a JSON report, one a line
targets() { jq -r '.targets[] | "\(.path) \(.status)"' "$1" 2>/dev/null || true; }
# jqr FILTER FILE: jq -r, nothing when the report is missing (a failed case, said elsewhere)
jqr() { jq -r "$1" "$2" 2>/dev/null || true; }
# no_garbage: what used to print a freed path: stderr has only printable text
no_garbage() {
  if LC_ALL=C grep -q '[^[:print:][:space:]]' "$tmp/err"; then bad "unprintable bytes on stderr"; else ok; fi
}

# ---- 1. an unreadable directory ----------------------------------------------------
# Used to: read the freed path of the directory, print it as garbage in a usage error and
# check nothing at all. Root reads any directory, so as root the run drops the
# capabilities that let it (setpriv), which is what a non-root user meets with chmod 000.
mkdir -p t1/a/locked t1/b
printf '%s' "$flagged" >t1/b/Dockerfile
printf '%s' "$clean" >t1/a/locked/Dockerfile
chmod 000 t1/a/locked
wrap=()
if [ "$(id -u)" -eq 0 ]; then
  wrap=(setpriv --bounding-set=-dac_override,-dac_read_search)
fi
if "${wrap[@]}" ls t1/a/locked >/dev/null 2>&1; then
  echo "SKIP unreadable directory: cannot make a directory unreadable here (root without setpriv)"
else
  run "unreadable directory" "${wrap[@]}" "$PLIMSOLL" check --format json -o r1.json t1
  expect_status 2
  no_garbage
  lacks "$tmp/err" "try 'plimsoll --help'"
  targets r1.json >t1.out
  has t1.out "t1/b/Dockerfile ok"
  jqr '.errors[] | "\(.path): \(.message)"' r1.json >t1.err
  has t1.err "t1/a/locked: cannot read this directory (Permission denied)"
fi
chmod 755 t1/a/locked

# ---- 1. a tree deeper than the walk goes -------------------------------------------
# Used to: the same freed path, and nothing checked.
mkdir t2
p=t2
for _ in $(seq 1 260); do p=$p/d; done
mkdir -p "$p"
printf '%s' "$clean" >"$p/Dockerfile"
printf '%s' "$flagged" >t2/Dockerfile
run "too deep" "$PLIMSOLL" check --format json -o r2.json t2
expect_status 2
no_garbage
targets r2.json >t2.out
has t2.out "t2/Dockerfile ok"
deep_dir=t2$(printf '/d%.0s' $(seq 1 257))
jqr '.errors[] | "\(.path): \(.message)"' r2.json >t2.err
has t2.err "$deep_dir: directory tree deeper than 256 levels"

# ---- 1. a directory that contains itself ---------------------------------------------
# A bind mount of a directory inside itself (in a private mount namespace) is a loop no
# symlink check sees. Used to: walk it 256 times over, then fail as above.
mkdir -p t3/inner
printf '%s' "$flagged" >t3/Dockerfile
if unshare -rm true 2>/dev/null; then
  run "bind-mount loop" unshare -rm sh -c 'mount --bind t3 t3/inner && exec "$0" check --format json -o r3.json t3' "$PLIMSOLL"
  expect_status 1
  targets r3.json >t3.out
  has t3.out "t3/Dockerfile ok"
  lacks t3.out "t3/inner/Dockerfile"
  jqr '.notes[] | "\(.path): \(.message)"' r3.json >t3.notes
  has t3.notes "t3/inner: skipped: the same directory as t3, which is being walked (a loop)"
else
  echo "SKIP bind-mount loop: no user and mount namespaces here (unshare -rm fails)"
fi

# ---- 2. what a walk leaves out is said ----------------------------------------------
# Used to: a nested policy bundle and a linked directory were skipped without a word.
mkdir -p t4/bundle/tests t4/shared
printf 'name: acme\n' >t4/bundle/bundle.yaml
printf '%s' "$flagged" >t4/bundle/tests/Dockerfile
printf '%s' "$flagged" >t4/shared/Dockerfile
printf '%s' "$clean" >t4/Dockerfile
ln -s shared t4/link
run "skipped bundle and link" "$PLIMSOLL" check t4
expect_status 1
has "$tmp/out" "t4/bundle: note: skipped: a policy bundle (it has a bundle.yaml)"
has "$tmp/out" "t4/link: note: skipped: a symbolic link to a directory"
has "$tmp/out" "2 notes"
# named, a bundle is always walked, and is not reported as skipped
run "named bundle" "$PLIMSOLL" check --format json -o r4.json t4 t4/bundle
targets r4.json >t4.out
has t4.out "t4/bundle/tests/Dockerfile ok"
jqr '.notes[].path' r4.json >t4.notes
lacks t4.notes "t4/bundle"
has t4.notes "t4/link"

# ---- discovery names ---------------------------------------------------------------
# Used to: dockerfile and Dockerfile-* were never found in a walk.
mkdir t5
for n in Dockerfile dockerfile Dockerfile-prod Dockerfile.dev app.Dockerfile app.dockerfile \
         Containerfile Containerfile-ci Dockerfile-notes.md Dockerfile-build.sh; do
  printf '%s' "$clean" >"t5/$n"
done
run "names" "$PLIMSOLL" check --format json -o r5.json t5
expect_status 0
targets r5.json | sed 's|^t5/||; s| ok$||' | sort >t5.out
printf '%s\n' Containerfile Containerfile-ci Dockerfile Dockerfile-prod Dockerfile.dev \
  app.Dockerfile app.dockerfile dockerfile | sort >t5.want
same t5.out t5.want

# ---- 11. a broken Dockerfile link ----------------------------------------------------
# Used to: "no findings in 0 files", exit 0.
mkdir t6
ln -s ../gone/Dockerfile t6/Dockerfile
run "dangling Dockerfile link in a walk" "$PLIMSOLL" check t6
expect_status 2
has "$tmp/out" "t6/Dockerfile: error: broken symbolic link to '../gone/Dockerfile'"
run "dangling Dockerfile link named" "$PLIMSOLL" check t6/Dockerfile
expect_status 2
has "$tmp/err" "t6/Dockerfile: broken symbolic link to '../gone/Dockerfile'"
ln -s Dockerfile.loop t6/Dockerfile.loop
run "Dockerfile link loop in a walk" "$PLIMSOLL" check t6
expect_status 2
has "$tmp/out" "t6/Dockerfile.loop: error: symbolic link loop (to 'Dockerfile.loop' and round again)"
has "$tmp/out" "t6/Dockerfile: error: broken symbolic link"

# ---- 11. nothing to check ------------------------------------------------------------
# Used to: an empty directory, or one without a Dockerfile, was "no findings in 0 files",
# exit 0, so a CI job whose Dockerfiles moved passed for ever.
mkdir t7 t8
printf 'hello\n' >t8/README
for d in t7 t8; do
  run "nothing to check in $d" "$PLIMSOLL" check "$d"
  expect_status 2
  has "$tmp/out" "plimsoll: error: nothing to check: no Dockerfile, Containerfile or image configuration was found in $d"
  has "$tmp/out" "--allow-empty"
done
run "nothing to check, JSON" "$PLIMSOLL" check --format json -o r7.json t7 t8
expect_status 2
jqr '.errors[].message' r7.json >t7.err
has t7.err "nothing to check"
has t7.err "found in t7, t8"
mkdir t9
cp -r t4/bundle t9/
run "a bundle is all there is" "$PLIMSOLL" check t9
expect_status 2
has "$tmp/out" "nothing to check"
has "$tmp/out" "t9/bundle: note: skipped: a policy bundle"
run "one named directory of two has nothing" "$PLIMSOLL" check t7 t5
expect_status 0
has "$tmp/out" "t7: note: nothing to check in this directory"
lacks "$tmp/out" "error"
run "nothing, and allowed" "$PLIMSOLL" check --allow-empty t7 t8
expect_status 0
has "$tmp/out" "no findings in 0 files"
lacks "$tmp/out" "error"

# ---- 3. -o FILE is written, never replaced by something else ---------------------------
mkdir o
printf '%s' "$flagged" >o/Dockerfile
# a full device: root used to replace the node by a regular file. A node of our own stands
# in for /dev/full so that a regression cannot damage the machine's.
full=
if [ "$(id -u)" -eq 0 ] && mknod o/full c 1 7 2>/dev/null && ! (printf x >o/full) 2>/dev/null; then
  full=o/full
elif [ "$(id -u)" -ne 0 ] && [ -w /dev/full ]; then
  full=/dev/full # not root: a rename into /dev is refused whatever the code does
fi
if [ -n "$full" ]; then
  run "-o a full device" "$PLIMSOLL" check -o "$full" o/Dockerfile
  expect_status 2
  has "$tmp/err" "$full: error: cannot write: No space left on device"
  [ -c "$full" ] && ok || bad "$full is no longer a character device"
else
  echo "SKIP -o a full device: cannot make a device node here and /dev/full is not writable"
fi
# a private file keeps its mode (and its owner, as root): -o used to leave it 644
printf 'old\n' >o/private.txt
chmod 600 o/private.txt
owner=$(stat -c %u:%g o/private.txt)
[ "$(id -u)" -eq 0 ] && chown 4242:4343 o/private.txt && owner=4242:4343
run "-o a private file" "$PLIMSOLL" check -o o/private.txt o/Dockerfile
expect_status 1
[ "$(stat -c %a o/private.txt)" = 600 ] && ok || bad "mode $(stat -c %a o/private.txt), want 600"
[ "$(stat -c %u:%g o/private.txt)" = "$owner" ] && ok || bad "owner $(stat -c %u:%g o/private.txt), want $owner"
has o/private.txt "final-user-root"
# a symbolic link stays a link; what it leads to gets the report
printf 'old\n' >o/real.txt
ln -s real.txt o/link.txt
run "-o a symbolic link" "$PLIMSOLL" check -o o/link.txt o/Dockerfile
expect_status 1
[ -L o/link.txt ] && ok || bad "o/link.txt is no longer a symbolic link"
has o/real.txt "final-user-root"
# a named pipe is written into, and stays a pipe
mkfifo o/fifo
timeout 60 cat o/fifo >o/fifo.out &
reader=$!
run "-o a named pipe" timeout 60 "$PLIMSOLL" check -o o/fifo o/Dockerfile
expect_status 1
if [ -p o/fifo ]; then ok; else bad "o/fifo is no longer a named pipe"; kill "$reader"; fi
wait "$reader" || true
has o/fifo.out "final-user-root"
# a writable report in a directory this user cannot write to: written in place (root can
# write anywhere, so as root the run drops that power, as for the unreadable directory)
mkdir o/ro
printf 'old\n' >o/ro/report.txt
chmod 555 o/ro
if "${wrap[@]}" sh -c ': >o/ro/probe' 2>/dev/null; then
  rm -f o/ro/probe
  echo "SKIP -o in a read-only directory: cannot make a directory read-only here"
else
  run "-o in a read-only directory" "${wrap[@]}" "$PLIMSOLL" check -o o/ro/report.txt o/Dockerfile
  expect_status 1
  has o/ro/report.txt "final-user-root"
fi
chmod 755 o/ro
ls o | grep -F '.tmp.' >o.tmp || true
[ ! -s o.tmp ] && ok || bad "temporary files left: $(cat o.tmp)"

# ---- interrupted runs ------------------------------------------------------------------
# A signal between the temporary file and the rename used to kill the run there, leaving
# o/kept.json.tmp.XXXXXX beside the report. strace delivers SIGTERM at that moment, on the
# temporary file's fsync; the run must cancel the write and then die of the signal.
printf 'previous\n' >o/kept.json
if strace -o /dev/null true 2>/dev/null; then
  run "SIGTERM while writing -o" strace -o /dev/null -e trace=fsync -e inject=fsync:signal=SIGTERM \
    "$PLIMSOLL" check --format json -o o/kept.json o/Dockerfile
  expect_status 143
  has_line o/kept.json "previous"
  ls o | grep -F 'kept.json.tmp' >o.tmp || true
  [ ! -s o.tmp ] && ok || bad "temporary file left: $(cat o.tmp)"
else
  echo "SKIP SIGTERM while writing -o: strace is missing or cannot trace here"
fi
# A signal while workers evaluate: the workers stop with the run and no report is written.
# A private copy of the binary, so its processes are told from other tests' by /proc/*/exe.
mkdir -p spin/dockerfile
printf 'name: spin\nversion: 1.0.0\ndescription: a rule that never ends\n' >spin/bundle.yaml
cat >spin/dockerfile/spin.lua <<'LUA'
-- spin: runs until something outside stops it
return {
  title = "never ends", severity = "low", input = "dockerfile",
  check = function() while true do end end,
}
LUA
cp "$PLIMSOLL" "$tmp/plimsoll-spin"
mine() { # pids of processes running our copy
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" = "$tmp/plimsoll-spin" ] && echo "${p#/proc/}"
  done
  return 0
}
for sig in INT TERM; do
  printf 'previous\n' >o/spin.json
  # env puts SIGINT back to its default: a shell starts background jobs with it ignored
  env --default-signal=INT "$tmp/plimsoll-spin" check --no-config --no-builtin --policy spin \
    --timeout 60000 --max-instructions 1000000000000 -j 2 -o o/spin.json o/Dockerfile \
    >/dev/null 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 100); do # until a worker runs
    [ "$(mine | wc -l)" -ge 2 ] && break
    sleep 0.1
  done
  what="SIG$sig during evaluation"
  [ "$(mine | wc -l)" -ge 2 ] && ok || bad "no worker started"
  kill -s "$sig" "$pid"
  set +e; wait "$pid"; status=$?; set -e
  want=130; [ "$sig" = TERM ] && want=143
  expect_status "$want"
  for _ in $(seq 1 50); do [ -z "$(mine)" ] && break; sleep 0.1; done
  left=$(mine)
  [ -z "$left" ] && ok || { bad "processes left: $left"; kill -9 $left 2>/dev/null || true; }
  has_line o/spin.json "previous"
  ls o | grep -F 'spin.json.tmp' >o.tmp || true
  [ ! -s o.tmp ] && ok || bad "temporary file left: $(cat o.tmp)"
done

finish
