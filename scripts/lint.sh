#!/usr/bin/env bash
# lint.sh — luacheck over the policy bundles, against the sandbox's globals (.luacheckrc):
# a policy that reaches for io, os, debug or an undefined global fails here, before it
# fails at run time. Installs Debian's lua-check when missing (as root).
# Usage: scripts/lint.sh [DIR...]   (default: policies examples/org-policies)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v luacheck >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "lint: luacheck missing and not root; run: sudo apt-get install lua-check" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends lua-check >&2
fi
cd "$here"
if [ $# -eq 0 ]; then
  set -- policies src/lua/std src/lua/testkit examples/org-policies
fi
luacheck --config .luacheckrc --formatter plain "$@"
echo "lint: luacheck clean: $*" >&2
