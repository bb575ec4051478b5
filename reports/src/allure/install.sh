#!/usr/bin/env bash
# Installs the Allure commandline that `wsconform --allure` runs to turn a run's allure-results/
# into the Allure HTML report, once: io.qameta.allure:allure-commandline:2.34.0 (zip) from Maven
# Central, unpacked into reports/.allure/allure-2.34.0 (ignored by git). Safe to run again: it
# does nothing when that version is there.
# Why 2.34.0: the newest version whose zip and allure-generator jar are both on Maven Central
# (allure-maven 2.17.0's default 2.36.0 has no zip there; 2.34.1 lacks its generator jar).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
VERSION=2.34.0
DEST=.allure
HOME_DIR="$DEST/allure-$VERSION"
if [ -x "$HOME_DIR/bin/allure" ] && [ -f "$HOME_DIR/lib/allure-commandline-$VERSION.jar" ]; then
  exit 0
fi
mkdir -p "$DEST"
# unpack next to the final place and move it there in one step: an interrupted download never
# looks installed
TMP="$(mktemp -d "$DEST/.install-XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# the plugin version is the one the parent pom pins; -C: refuse an artifact whose checksum is wrong
(cd "$TMP" && mvn -B -q -C -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
  -Dartifact="io.qameta.allure:allure-commandline:$VERSION:zip" -DoutputDirectory="$PWD/unpacked")
chmod +x "$TMP/unpacked/allure-$VERSION/bin/allure"
rm -rf "$HOME_DIR"
mv "$TMP/unpacked/allure-$VERSION" "$HOME_DIR"
echo "install.sh: Allure commandline $VERSION in reports/$HOME_DIR"
