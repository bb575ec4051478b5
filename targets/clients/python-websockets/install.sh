#!/usr/bin/env bash
# Installs Debian's python3-websockets 10.4-1 (bookworm/main) with apt, once. It goes into
# Debian's own Python (/usr/bin/python3), not into any other python3 on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
VERSION=10.4-1
if [ "$(dpkg-query -W -f='${Status} ${Version}' python3-websockets 2>/dev/null)" != "install ok installed $VERSION" ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "python3-websockets=$VERSION" >/dev/null
fi
/usr/bin/python3 -c 'import websockets, sys; sys.exit(websockets.__version__ != "10.4")'
