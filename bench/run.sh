#!/usr/bin/env bash
# Benchmarks of the walking skeleton, all on this machine in one run:
#   wrk against nginx serving a small static file (the yardstick),
#   wrk against origine GET /healthz and POST /api/v1/verify,
#   origine's resident memory when idle with the demo data,
#   time from process start to a healthy /healthz.
# Usage: bench/run.sh PATH/TO/origine   (writes bench/last-run.md, prints it)
# Everything listens on 127.0.0.1 and stops by itself.
set -euo pipefail
BIN=${1:?usage: bench/run.sh PATH/TO/origine}
BIN=$(readlink -f "$BIN")
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_WRK_THREADS:-2}
WORK=$(mktemp -d /tmp/origine-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_healthy() {  # url, timeout seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not healthy: $1" >&2; return 1; }
    sleep 0.01
  done
}

# --- nginx serving a small static file
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
printf '{"status":"ok"}\n' > "$WORK/nginx/html/healthz.json"
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/html; location / { } }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" & PIDS+=($!)

# --- origine: seed demo data once, then measure a restart
PORT=$(free_port)
DATA="$WORK/data"
"$BIN" demo seed --data "$DATA" > /dev/null
START_NS=$(date +%s%N)
"$BIN" serve --listen 127.0.0.1:$PORT --data "$DATA" --web-root web/dist > "$WORK/origine.out" 2> "$WORK/origine.log" & OPID=$!
PIDS+=($OPID)
wait_healthy "http://127.0.0.1:$PORT/healthz" 10
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
wait_healthy "http://127.0.0.1:$NGINX_PORT/healthz.json" 10
sleep 1
RSS_IDLE_KB=$(awk '/VmRSS/ {print $2}' /proc/$OPID/status)

QR=$("$BIN" cert qr --data "$DATA" "$("$BIN" cert list --data "$DATA" | head -1)")
cat > "$WORK/verify.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"qr": "$QR"}'
LUA

run_wrk() {  # label url [script]
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" "$2"); else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2"); fi
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$1|$rps|$p99|${errors:-0}"
}

# Logs go to a file during the load (the server logs every request).
NGINX_LINE=$(run_wrk "nginx static file" "http://127.0.0.1:$NGINX_PORT/healthz.json")
HEALTH_LINE=$(run_wrk "origine GET /healthz" "http://127.0.0.1:$PORT/healthz")
VERIFY_LINE=$(run_wrk "origine POST /api/v1/verify" "http://127.0.0.1:$PORT/api/v1/verify" "$WORK/verify.lua")
RSS_AFTER_KB=$(awk '/VmRSS/ {print $2}' /proc/$OPID/status)

NGINX_RPS=$(echo "$NGINX_LINE" | cut -d'|' -f2)
{
  echo "### Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on the same machine as the servers (load generator and server share the 2 cores); origine with 2 I/O threads, nginx with 2 workers."
  echo
  echo "| target | requests/s | p99 latency | non-2xx | ratio to nginx |"
  echo "|---|---|---|---|---|"
  for line in "$NGINX_LINE" "$HEALTH_LINE" "$VERIFY_LINE"; do
    IFS='|' read -r label rps p99 errors <<< "$line"
    ratio=$(awk -v a="$rps" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", a/b }')
    echo "| $label | $rps | $p99 | $errors | $ratio |"
  done
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| start to healthy /healthz (existing demo database) | ${READY_MS} ms | < 1000 ms |"
  echo "| resident memory, idle with demo data | $((RSS_IDLE_KB / 1024)) MiB | <= 50 MiB |"
  echo "| resident memory after the load | $((RSS_AFTER_KB / 1024)) MiB | — |"
} | tee bench/last-run.md
