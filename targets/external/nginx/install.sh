#!/usr/bin/env bash
# Installs Debian's nginx-light 1.22.1-9+deb12u11 (bookworm-security) with apt, once, and the
# backend it proxies to: Node ws 8.18.3 (targets/external/ws, pinned lock file). The package's
# policy-rc.d / RUNLEVEL=1 keep apt from starting a system nginx; start.sh runs its own.
# The security archive keeps only its newest revision, so once deb12u11 is gone the newest
# 1.22.1-9+deb12u* there is installed instead, and said: the upstream nginx stays 1.22.1 (checked
# below), only Debian's security patches differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
VERSION=1.22.1-9+deb12u11
INSTALLED=$(dpkg-query -W -f='${Status} ${Version}' nginx-light 2>/dev/null || true)
if [[ ! "$INSTALLED" =~ ^"install ok installed 1.22.1-9+deb12u"[0-9]+$ ]]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  if [ -z "$(apt-cache madison nginx-light | awk -v v="$VERSION" '$3 == v')" ]; then
    NEWER=$(apt-cache madison nginx-light | awk '$3 ~ /^1\.22\.1-9\+deb12u[0-9]+$/ {print $3}' | sort -V | tail -1)
    [ -n "$NEWER" ] || { echo "install.sh: no nginx-light 1.22.1-9+deb12u* in the apt sources (apt-cache madison nginx-light)" >&2; exit 1; }
    echo "install.sh: nginx-light $VERSION is no longer in the archive; installing $NEWER (same nginx 1.22.1)" >&2
    VERSION=$NEWER
  fi
  if [ "$(dpkg-query -W -f='${Status} ${Version}' nginx-light 2>/dev/null)" != "install ok installed $VERSION" ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "nginx-light=$VERSION" >/dev/null
  fi
fi
/usr/sbin/nginx -v 2>&1 | grep -q 'nginx/1.22.1'
bash ../ws/install.sh
