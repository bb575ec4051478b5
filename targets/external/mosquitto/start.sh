#!/usr/bin/env bash
# Eclipse Mosquitto 2.0.11 (Debian) with one MQTT-over-WebSockets listener on 127.0.0.1:
#   start.sh [port=0]
# Port 0 (or none): mosquitto cannot bind port 0 and report the port, so this script picks a free
# loopback port and tries another if mosquitto then cannot bind it. The config it writes into a
# fresh folder:
#   listener 0 DIR/mqtt.sock    a unix-socket MQTT listener: mosquitto 2.0.11 refuses to start
#                               with websockets listeners only ("Unable to start any listening
#                               sockets"); a unix socket opens no TCP port
#   listener PORT 127.0.0.1 + protocol websockets + socket_domain ipv4
#                               (without socket_domain ipv4 the websockets listener of 2.0.11
#                               ignores the bind address and listens on every interface)
#   http_dir DIR/www            so that a plain GET gets an HTTP answer (the harness's readiness
#                               check; without it the listener closes such a request unanswered)
#   allow_anonymous true, persistence false, log to stdout
# Ready = mosquitto is alive and a plain GET gets an HTTP status line; then it prints
# "listening on ws://127.0.0.1:PORT/mqtt" (the broker ignores the path; subprotocol "mqtt").
# SIGTERM/SIGINT stop mosquitto and remove the folder.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
WANT=${1:-0}
MOSQUITTO=/usr/sbin/mosquitto
DIR=$(mktemp -d /tmp/wsconform-mosquitto.XXXXXX)
mkdir -p "$DIR/www"
echo 'wsconform mosquitto target: MQTT over WebSockets, subprotocol mqtt' >"$DIR/www/index.html"
chmod -R a+rX "$DIR"
# as root, mosquitto drops to the user "mosquitto" before it binds the unix socket
if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then chown mosquitto "$DIR"; fi
PID=

stop() {
  [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$DIR"
}
trap 'stop; exit 0' TERM INT
fail() { echo "start.sh: $*" >&2; stop; exit 1; }

[ -x "$MOSQUITTO" ] || fail "$MOSQUITTO is missing (run install.sh)"

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

probe() { # $1 port: a plain GET must get an HTTP status line back
  { exec 5<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" >&5
  local status=
  IFS= read -r -t 2 status <&5
  exec 5>&- 5<&-
  [[ "$status" == HTTP/1.* ]]
}

deadline=$((SECONDS + 20))
for attempt in 1 2 3; do
  if [ "$WANT" = 0 ]; then PORT=$(free_port); else PORT=$WANT; fi
  cat >"$DIR/mosquitto.conf" <<CONF
per_listener_settings false
allow_anonymous true
persistence false
log_dest stdout
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
listener 0 $DIR/mqtt.sock
listener $PORT 127.0.0.1
protocol websockets
socket_domain ipv4
http_dir $DIR/www
CONF
  "$MOSQUITTO" -c "$DIR/mosquitto.conf" &
  PID=$!
  while [ $SECONDS -lt $deadline ] && kill -0 "$PID" 2>/dev/null; do
    if probe "$PORT"; then
      echo "mosquitto $("$MOSQUITTO" -h 2>&1 | sed -n 's/^mosquitto version //p') pid $PID, websockets listener 127.0.0.1:$PORT"
      echo "listening on ws://127.0.0.1:$PORT/mqtt"
      wait "$PID"
      echo "start.sh: mosquitto exited" >&2
      PID=
      stop
      exit 1
    fi
    sleep 0.05  # polling another process's start-up, bounded by the deadline above
  done
  kill -0 "$PID" 2>/dev/null && fail "mosquitto did not become ready within 20 s"
  wait "$PID" 2>/dev/null
  PID=
  [ "$WANT" = 0 ] || fail "mosquitto could not listen on port $WANT"
  echo "start.sh: mosquitto could not start on port $PORT (attempt $attempt); trying another port" >&2
done
fail "mosquitto did not start"
