#!/usr/bin/env bash
# test_version.sh — `plimsoll --version`: the version from project() in CMakeLists.txt, and
# the git revision of the checkout the binary was built from. (Built outside a checkout,
# the line is the version alone: tests/package/test_install.sh builds a copy without git.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

what="project() states a version"
if [ -n "$project_version" ]; then ok; else bad "no VERSION in CMakeLists.txt's project()"; fi
v=${project_version//./\\.}

run "--version" "$PLIMSOLL" --version
expect_status 0
cp "$tmp/out" "$tmp/version"
run "-V" "$PLIMSOLL" -V
same "$tmp/version" "$tmp/out"
run "check --version" "$PLIMSOLL" check --version
same "$tmp/version" "$tmp/out"

top=$(git -C "$PL_SOURCE_DIR" rev-parse --show-toplevel 2>/dev/null || true)
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$PL_SOURCE_DIR" && pwd -P)" ]; then
  # built from this checkout: the revision is git describe's, and names one of its commits
  what="--version from a checkout"
  has_line "$tmp/version" "plimsoll $v \\(git [A-Za-z0-9._+-]+\\)"
  rev=$(sed -n 's/.*(git \(.*\))$/\1/p' "$tmp/version")
  what="the revision names a commit"
  if git -C "$PL_SOURCE_DIR" rev-parse -q --verify "${rev%-dirty}^{commit}" >/dev/null; then
    ok
  else
    bad "'$rev' is no commit of $PL_SOURCE_DIR"
  fi
else
  what="--version outside a checkout"
  has_line "$tmp/version" "plimsoll $v"
fi

# the version is written to a full disk: an error, never a silent success
run "--version to a full disk" sh -c '"$1" --version >/dev/full' sh "$PLIMSOLL"
expect_status 2
has "$tmp/err" "cannot write the version"
finish
