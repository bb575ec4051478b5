#!/usr/bin/env bash
# Starts the Tomcat 11.0.27 echo server on 127.0.0.1: start.sh [port=0] [deflate=1]
cd "$(dirname "${BASH_SOURCE[0]}")"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${WSCONFORM_TARGET_JAVA_OPTS:-} -cp "target/classes:target/dependency/*" org.wsconform.external.tomcat.TomcatEcho "$@"
