#!/usr/bin/env bash
# Installs what the report browser test (report-browser-test.mjs, run by ReportBrowserTest)
# needs, once: Debian's chromium at /usr/bin/chromium (needs root) and playwright-core from
# the lock file. Safe to run again: it does nothing when both are there.
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
