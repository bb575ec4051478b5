#!/usr/bin/env bash
# Starts workerd serving the guide's echo Worker on 127.0.0.1, port 0 (see start.mjs for options).
cd "$(dirname "${BASH_SOURCE[0]}")"
exec node start.mjs "$@"
