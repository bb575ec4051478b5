#!/usr/bin/env bash
# Starts the python websockets echo server on 127.0.0.1, port 0: start.sh [port=0] [deflate=1]
cd "$(dirname "${BASH_SOURCE[0]}")"
exec /usr/bin/python3 -u echo.py "$@"
