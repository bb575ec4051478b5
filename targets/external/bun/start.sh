#!/usr/bin/env bash
# Starts the Bun echo server on 127.0.0.1, port 0: start.sh [port=0] [deflate=1]
cd "$(dirname "${BASH_SOURCE[0]}")"
exec node_modules/bun/bin/bun.exe echo.ts "$@"
