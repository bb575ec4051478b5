#!/usr/bin/env bash
# Compiles src/*.java (the JDK's java.net.http.WebSocket, nothing to download) into target/,
# once, and again whenever the source changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
STAMP=target/.built
if [ -f "$STAMP" ] && [ -z "$(find src -newer "$STAMP" -print -quit)" ]; then exit 0; fi
mkdir -p target/classes
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" --release 17 -d target/classes src/*.java
touch "$STAMP"
