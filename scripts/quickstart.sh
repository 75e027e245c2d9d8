#!/usr/bin/env bash
# The README's first command: install what is needed, build, and run a short fuzz of gcc vs the newest clang.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-toolchains.sh
npm ci --no-audit --no-fund
npm run build --silent
node dist/src/cli/main.js fuzz --runs "${RUNS:-400}" "$@"
