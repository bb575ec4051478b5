#!/usr/bin/env bash
# Installs the Chromium client, once: Debian's chromium at /usr/bin/chromium (needs root, as
# reports/src/test/js/install.sh) and playwright-core 1.65.1 from the pinned lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: /usr/bin/chromium is missing; as root: apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f node_modules/playwright-core/package.json ] \
    || ! grep -q '"version": "1.65.1"' node_modules/playwright-core/package.json; then
  npm ci --no-audit --no-fund --loglevel=error
fi
