#!/usr/bin/env bash
# Installs this client's pinned npm packages (ws 8.18.3) from the lock file, once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -f node_modules/ws/package.json ] || ! grep -q '"version": "8.18.3"' node_modules/ws/package.json; then
  npm ci --no-audit --no-fund --loglevel=error
fi
