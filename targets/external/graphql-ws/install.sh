#!/usr/bin/env bash
# Installs this target's pinned npm packages (graphql-ws 6.4.2, graphql 16.15.0, ws 8.18.3) from the
# lock file, once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ok() { grep -q "\"version\": \"$2\"" "node_modules/$1/package.json" 2>/dev/null; }
if ! ok graphql-ws 6.4.2 || ! ok graphql 16.15.0 || ! ok ws 8.18.3; then
  npm ci --no-audit --no-fund --loglevel=error
fi
