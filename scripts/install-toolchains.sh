#!/usr/bin/env bash
# Installs the Debian toolchains abifuzz uses, skipping what is already there.
# Usage: scripts/install-toolchains.sh   (x86_64-linux: gcc, clang-14, clang-16, clang-19, lld-19)
set -euo pipefail
packages=(gcc libc6-dev clang-14 clang-16 clang-19 lld-19)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-toolchains: all present (${packages[*]})"
  exit 0
fi
echo "install-toolchains: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
