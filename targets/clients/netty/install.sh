#!/usr/bin/env bash
# Builds this client (Netty 4.2.18.Final) with Maven into its own target/ folder, once, and again
# whenever pom.xml or a source changes. Dependencies come from Maven Central (pinned in pom.xml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
STAMP=target/.built
if [ -f "$STAMP" ] && [ -z "$(find pom.xml src -newer "$STAMP" -print -quit)" ]; then exit 0; fi
mvn -q -B package -DskipTests
touch "$STAMP"
