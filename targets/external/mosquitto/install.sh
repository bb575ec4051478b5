#!/usr/bin/env bash
# Installs Debian's mosquitto 2.0.11-1.2+deb12u2 (bookworm; its WebSocket listener is libwebsockets
# 4.1.6, linked into the broker) with apt, once. RUNLEVEL=1 and the image's policy-rc.d keep apt
# from starting the system broker; start.sh runs its own, on loopback, with its own config.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
VERSION=2.0.11-1.2+deb12u2
if [ "$(dpkg-query -W -f='${Status} ${Version}' mosquitto 2>/dev/null)" != "install ok installed $VERSION" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=
  elif command -v sudo >/dev/null; then SUDO=sudo
  else
    echo "install.sh: mosquitto $VERSION is not installed; run as root (or with sudo): apt-get install mosquitto=$VERSION" >&2
    exit 1
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "mosquitto=$VERSION" >/dev/null
fi
# mosquitto -h exits non-zero after printing its version
case "$(/usr/sbin/mosquitto -h 2>&1 || true)" in *'mosquitto version 2.0.11'*) ;; *) echo "install.sh: /usr/sbin/mosquitto is not 2.0.11" >&2; exit 1 ;; esac
