#!/usr/bin/env bash
# Installs the Debian toolchains and runners abifuzz uses, skipping what is already there:
# gcc and clang-14/16/19 (+ lld-19) for every target, g++ for C against C++ (test/e2e/fuzz-cxx.test.ts;
# clang-N brings clang++-N), the cross gccs with their C libraries for i686/aarch64/riscv64/armhf,
# and qemu-user to run them; mingw-w64 gcc and wine for x86_64-windows;
# chromium for the test that opens report.html headless (test/e2e/report-html.test.ts).
# --all-versions adds the other compiler releases Debian 12 ships (clang-13/15/22, gcc-11) for
# version pairs (--caller gcc-11 --callee gcc, --caller clang-19 --callee clang-22); no test needs them.
set -euo pipefail
extra=()
[ "${1:-}" = "--all-versions" ] && extra=(clang-13 clang-15 clang-22 gcc-11)
packages=(
  "${extra[@]}"
  gcc g++ libc6-dev clang-14 clang-16 clang-19 lld-19 qemu-user
  gcc-i686-linux-gnu libc6-dev-i386-cross
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-mingw-w64-x86-64 wine wine64
  chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-toolchains: all present (${#packages[@]} packages)"
  exit 0
fi
echo "install-toolchains: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
