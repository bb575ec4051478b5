#!/usr/bin/env bash
# Installs Cloudflare's workerd 1.20261117.1 from the pinned lock file, once. npm 11 skips the
# package's postinstall ("not yet covered by allowScripts"); that is fine: npm installs the
# platform package @cloudflare/workerd-linux-64 itself and bin/workerd is that binary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -x node_modules/.bin/workerd ] || ! grep -q '"version": "1.20261117.1"' node_modules/workerd/package.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/workerd --version >/dev/null
