#!/usr/bin/env bash
# nginx 1.22.1 (Debian nginx-light) as a WebSocket reverse proxy in front of Node ws 8.18.3 (echo,
# permessage-deflate as given): start.sh [port=0] [deflate=1]
#
# nginx cannot bind port 0 and report the port, so this script: starts the ws backend on an
# ephemeral port; picks a free loopback port and writes nginx.conf for it into a fresh folder;
# starts nginx in the foreground; waits until nginx's pid file names the nginx it started and
# a plain GET through it gets the backend's answer; then prints "listening on ws://127.0.0.1:PORT/".
# A port taken between the check and nginx's bind makes nginx fail: it then tries another port.
# SIGTERM/SIGINT stop nginx and the backend and remove the folder.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$(pwd)
DEFLATE=${2:-1}
NGINX=/usr/sbin/nginx
DIR=$(mktemp -d /tmp/wsconform-nginx.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/logs"
BACKEND_PID= NGINX_PID=

stop() {
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null
  [ -n "$BACKEND_PID" ] && kill -TERM "$BACKEND_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$DIR"
}
trap 'stop; exit 0' TERM INT
fail() { echo "start.sh: $*" >&2; [ -f "$DIR/logs/error.log" ] && cat "$DIR/logs/error.log" >&2; stop; exit 1; }

deadline=$((SECONDS + 20))

# 1. the backend, on an ephemeral port it reports itself
mkfifo "$DIR/backend.out"
node "$HERE/../ws/echo.mjs" 0 "$DEFLATE" >"$DIR/backend.out" 2>&1 &
BACKEND_PID=$!
BACKEND=
while [ -z "$BACKEND" ] && IFS= read -r -t 20 line <"$DIR/backend.out"; do
  case "$line" in "listening on ws://127.0.0.1:"*) BACKEND=${line#listening on ws://127.0.0.1:}; BACKEND=${BACKEND%/} ;; esac
done
[ -n "$BACKEND" ] || fail "the ws backend did not report its port"
cat "$DIR/backend.out" >/dev/null &  # keep draining the backend's output

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

probe() { # $1 port: a plain GET through nginx must get an HTTP status line back
  exec 5<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" >&5
  local status=
  IFS= read -r -t 2 status <&5
  exec 5>&- 5<&-
  [[ "$status" == HTTP/1.1\ * ]]
}

for attempt in 1 2 3; do
  PORT=$(free_port)
  cat >"$DIR/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DIR/tmp_body; proxy_temp_path $DIR/tmp_proxy;
  fastcgi_temp_path $DIR/tmp_fcgi; uwsgi_temp_path $DIR/tmp_uwsgi; scgi_temp_path $DIR/tmp_scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream backend { server 127.0.0.1:$BACKEND; }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_read_timeout 3600s;
    }
  }
}
CONF
  rm -f "$DIR/nginx.pid"
  "$NGINX" -p "$DIR" -e "$DIR/logs/error.log" -c "$DIR/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  # ready = the pid file names the nginx we started (not some other nginx) and it answers HTTP
  while [ $SECONDS -lt $deadline ] && kill -0 "$NGINX_PID" 2>/dev/null; do
    if [ "$(cat "$DIR/nginx.pid" 2>/dev/null)" = "$NGINX_PID" ] && probe "$PORT"; then
      echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') pid $NGINX_PID -> ws 8.18.3 on 127.0.0.1:$BACKEND (pid $BACKEND_PID)"
      echo "listening on ws://127.0.0.1:$PORT/"
      wait "$NGINX_PID"
      echo "start.sh: nginx exited" >&2
      stop
      exit 1
    fi
    sleep 0.05  # polling another process's start-up, bounded by the deadline above
  done
  kill -0 "$NGINX_PID" 2>/dev/null && fail "nginx did not become ready within 20 s"
  wait "$NGINX_PID" 2>/dev/null
  NGINX_PID=
  echo "start.sh: nginx could not start on port $PORT (attempt $attempt); trying another port" >&2
done
fail "nginx did not start"
