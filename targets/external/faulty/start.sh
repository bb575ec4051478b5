#!/usr/bin/env bash
# Starts the project's own faulty echo server (targets module) on 127.0.0.1:
#   start.sh [port=0] [FAULT,FAULT...]   e.g. start.sh 0 SLOW_CLOSER
# Needs the targets module built (scripts/wsconform builds it before a run).
cd "$(dirname "${BASH_SOURCE[0]}")"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${WSCONFORM_TARGET_JAVA_OPTS:-} -cp ../../target/classes org.wsconform.targets.faulty.FaultyServer "$@"
