#!/usr/bin/env bash
# test_install.sh — plimsoll as a packager and a user of the library meet it: a copy of the
# source tree, without git and with cmocka hidden, configures and builds; `cmake --install`
# puts the binary, the man page, the static library, the headers and plimsoll.pc under a
# prefix; a small C program compiles and links through `pkg-config --cflags --libs
# plimsoll` alone; and the installed binary runs. Then the copy becomes a git checkout, to
# see that --version follows the revision and that a new revision rebuilds one file.
set -euo pipefail
. "$PL_SOURCE_DIR/tests/cli/lib.sh"
src="$tmp/src" build="$tmp/build" prefix="$tmp/prefix"

# ---- a copy of the tree, as a release tarball would have it ---------------------------
mkdir -p "$src"
if git -C "$PL_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$PL_SOURCE_DIR" && git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$src")
else
  (cd "$PL_SOURCE_DIR" && tar --exclude='./build*' --exclude=./.git -cf - .) | tar -xf - -C "$src"
fi
ln -s "$PL_SHARED_DIR" "$tmp/shared"

# ---- configure and build without cmocka: the binary needs none ------------------------
pcdir="$tmp/pkgconfig"
mkdir -p "$pcdir"
IFS=: read -ra dirs <<<"$(pkg-config --variable pc_path pkg-config)"
for d in "${dirs[@]}"; do
  for f in "$d"/*.pc; do
    [ -e "$f" ] && [ "$(basename "$f")" != cmocka.pc ] && ln -sf "$f" "$pcdir/"
  done
done
run "configure without cmocka" env PKG_CONFIG_LIBDIR="$pcdir" \
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DPL_SHARED_DIR="$tmp/shared"
expect_status 0
has "$tmp/err" "cmocka not found: the unit and conformance tests are not built"
run "build without cmocka" cmake --build "$build" -j 2
expect_status 0
run "no unit tests registered" sh -c 'cd "$1" && ctest -N' sh "$build"
lacks "$tmp/out" "unit/"
has "$tmp/out" "cli/test_check"

# ---- install into a prefix -------------------------------------------------------------
run "cmake --install" cmake --install "$build" --prefix "$prefix"
expect_status 0
pc=$(find "$prefix" -name plimsoll.pc)
for f in bin/plimsoll share/man/man1/plimsoll.1 include/plimsoll/core.h \
         include/plimsoll/version.h; do
  what="installed $f"
  if [ -f "$prefix/$f" ]; then ok; else bad "missing"; fi
done
what="installed libplimsoll.a and plimsoll.pc"
if [ -n "$(find "$prefix" -name libplimsoll.a)" ] && [ -n "$pc" ]; then ok; else bad "missing"; fi
has "$pc" "prefix=$prefix"
has "$pc" "Version: $project_version"

# built outside a checkout: the version alone
run "installed --version" "$prefix/bin/plimsoll" --version
expect_status 0
has_line "$tmp/out" "plimsoll ${project_version//./\\.}"
printf 'FROM alpine:latest\nRUN echo hi\n' >"$tmp/Dockerfile"
run "installed check" "$prefix/bin/plimsoll" check --no-config "$tmp/Dockerfile"
expect_status 1
has "$tmp/out" "base-image-latest"
if command -v man >/dev/null; then
  run "installed man page" env MANPATH="$prefix/share/man" man -P cat plimsoll
  expect_status 0
  has "$tmp/out" "plimsoll check"
fi

# ---- a program built against the installed library through pkg-config alone -----------
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
run "pkg-config" pkg-config --cflags --libs plimsoll
expect_status 0
flags=$(cat "$tmp/out")
# shellcheck disable=SC2086 # the flags are words
run "compile and link" cc -std=c11 -Wall -Wextra -Werror \
  "$PL_SOURCE_DIR/tests/package/use_plimsoll.c" $flags -o "$tmp/use"
expect_status 0
run "run the program" "$tmp/use"
expect_status 0
has_line "$tmp/out" "plimsoll ${project_version//./\\.}"
has "$tmp/out" '(from "alpine:3.20")'
has "$tmp/out" "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
has "$tmp/out" "rules loaded"

# ---- a staged install (DESTDIR) keeps the final prefix in plimsoll.pc -------------------
run "DESTDIR install" env DESTDIR="$tmp/stage" cmake --install "$build" --prefix /opt/plimsoll
expect_status 0
what="staged binary"
if [ -x "$tmp/stage/opt/plimsoll/bin/plimsoll" ]; then ok; else bad "missing"; fi
has "$(find "$tmp/stage" -name plimsoll.pc)" "prefix=/opt/plimsoll"

# ---- from a checkout, --version follows git, and rebuilds only what names it -----------
if command -v git >/dev/null; then
  g() { git -C "$src" -c user.name=test -c user.email=test@example.invalid "$@"; }
  g init -q && g add -A && g commit -qm "first"
  run "rebuild after the first commit" cmake --build "$build" -j 2
  expect_status 0
  what="one file recompiled for a new revision"
  n=$(grep -c "Building C object" "$tmp/out" || true)
  if [ "$n" -eq 1 ] && grep -q "pl_revision.c" "$tmp/out"; then ok; else bad "$n objects rebuilt"; fi
  run "--version in a checkout" "$build/plimsoll" --version
  has_line "$tmp/out" "plimsoll ${project_version//./\\.} \\(git $(g describe --always)\\)"
  run "rebuild with nothing changed" cmake --build "$build" -j 2
  lacks "$tmp/out" "Building C object"
  echo "local change" >>"$src/README.md"
  run "rebuild after an edit" cmake --build "$build" -j 2
  run "--version of a modified checkout" "$build/plimsoll" --version
  has_line "$tmp/out" "plimsoll ${project_version//./\\.} \\(git $(g describe --always)-dirty\\)"
fi
finish
