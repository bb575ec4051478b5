#!/usr/bin/env bash
# Installs Debian's nginx-light 1.22.1-9+deb12u11 (bookworm-security) with apt, once, and the
# backend it proxies to: Node ws 8.18.3 (targets/external/ws, pinned lock file). The package's
# policy-rc.d / RUNLEVEL=1 keep apt from starting a system nginx; start.sh runs its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
VERSION=1.22.1-9+deb12u11
if [ "$(dpkg-query -W -f='${Status} ${Version}' nginx-light 2>/dev/null)" != "install ok installed $VERSION" ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "nginx-light=$VERSION" >/dev/null
fi
/usr/sbin/nginx -v 2>&1 | grep -q 'nginx/1.22.1'
bash ../ws/install.sh
