#!/usr/bin/env bash
# Installs Bun 1.4.5 from the pinned lock file (npm package `bun`), once. npm 11 skips the
# package's postinstall ("not yet covered by allowScripts"); bin/bun.exe is already the real
# binary (npm installs the platform package @oven/bun-linux-x64 itself).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -x node_modules/bun/bin/bun.exe ] || ! grep -q '"version": "1.4.5"' node_modules/bun/package.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi
[ "$(node_modules/bun/bin/bun.exe --version)" = "1.4.5" ]
