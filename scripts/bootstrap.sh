#!/usr/bin/env bash
# bootstrap.sh — install any missing Debian package, then configure and build plimsoll.
# Usage: scripts/bootstrap.sh [BUILD_DIR] [cmake options...]
# Run as root on Debian 12 (or with the packages already installed).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
shift || true

packages=(build-essential cmake pkg-config liblua5.4-dev libyaml-dev libjansson-dev
          libcmocka-dev libseccomp-dev nettle-dev libarchive-dev jq time
          libutf8proc-dev unicode-data
          python3-jsonschema python3-yaml libxml2-utils pre-commit)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing packages and not root; run: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)" >&2
