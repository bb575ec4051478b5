#!/usr/bin/env bash
# Installs this target's pinned npm packages (socket.io 4.8.4 with engine.io 6.6.13 and ws 8.23.1)
# from the lock file, once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ok() { grep -q "\"version\": \"$2\"" "node_modules/$1/package.json" 2>/dev/null; }
if ! ok socket.io 4.8.4 || ! ok engine.io 6.6.13 || ! ok ws 8.23.1; then
  npm ci --no-audit --no-fund --loglevel=error
fi
