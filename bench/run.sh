#!/usr/bin/env bash
# Benchmarks of the walking skeleton, all on this machine in one run:
#   wrk against nginx serving a small static file (the yardstick),
#   wrk against origine GET /healthz and POST /api/v1/verify,
#   origine's resident memory when idle with the demo data,
#   time from process start to a healthy /healthz.
# Usage: bench/run.sh PATH/TO/origine   (writes bench/last-run.md, prints it)
# BENCH_SMOKE=1 (ctest bench_smoke_http): 1 s per target, nothing written in bench/.
# Without nginx (scripts/install-deps.sh --bench) the yardstick is SKIPPED, loudly; without
# wrk the smoke sends a few requests with curl instead (a full run needs wrk).
# Everything listens on 127.0.0.1 and stops by itself.
set -euo pipefail
BIN=${1:?usage: bench/run.sh PATH/TO/origine}
BIN=$(readlink -f "$BIN")
cd "$(dirname "$0")/.."
SMOKE=${BENCH_SMOKE:-}
DURATION=${BENCH_DURATION:-$([ -n "$SMOKE" ] && echo 1s || echo 10s)}
CONNECTIONS=${BENCH_CONNECTIONS:-$([ -n "$SMOKE" ] && echo 4 || echo 32)}
THREADS=${BENCH_WRK_THREADS:-2}
WORK=$(mktemp -d /tmp/origine-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
OUT=bench/last-run.md
[ -z "$SMOKE" ] || OUT=$WORK/last-run.md
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_healthy() {  # url, timeout seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not healthy: $1" >&2; return 1; }
    sleep 0.01
  done
}

NGINX=1
if ! command -v nginx > /dev/null; then
  NGINX=
  echo "SKIPPED nginx yardstick: nginx is not installed (scripts/install-deps.sh --bench installs it); measuring origine alone"
fi
WRK=1
if ! command -v wrk > /dev/null; then
  [ -n "$SMOKE" ] || { echo "bench/run.sh: wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
  WRK=
  NGINX=
  echo "SKIPPED wrk load: wrk is not installed (scripts/install-deps.sh installs it); a few requests with curl instead"
fi

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
[ -z "$NGINX" ] || { nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" & PIDS+=($!); }

# --- origine: seed demo data once, then measure a restart
PORT=$(free_port)
DATA="$WORK/data"
"$BIN" demo seed --data "$DATA" > /dev/null
START_NS=$(date +%s%N)
"$BIN" serve --listen 127.0.0.1:$PORT --data "$DATA" --web-root web/dist > "$WORK/origine.out" 2> "$WORK/origine.log" & OPID=$!
PIDS+=($OPID)
wait_healthy "http://127.0.0.1:$PORT/healthz" 60
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
[ -z "$NGINX" ] || wait_healthy "http://127.0.0.1:$NGINX_PORT/healthz.json" 60
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
  if [ -z "$WRK" ]; then  # smoke without wrk: 20 requests, all must succeed
    local i code
    for i in $(seq 1 20); do
      if [ -n "${3:-}" ]; then code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data "{\"qr\": \"$QR\"}" "$2")
      else code=$(curl -s -o /dev/null -w '%{http_code}' "$2"); fi
      [ "$code" = 200 ] || { echo "$1: HTTP $code" >&2; return 1; }
    done
    echo "$1|—|—|0"
    return
  fi
  if [ -n "${3:-}" ]; then out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$3" "$2"); else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2"); fi
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$1|$rps|$p99|${errors:-0}"
}

# Logs go to a file during the load (the server logs every request).
NGINX_LINE="nginx static file|—|—|SKIPPED"
[ -z "$NGINX" ] || NGINX_LINE=$(run_wrk "nginx static file" "http://127.0.0.1:$NGINX_PORT/healthz.json")
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
    ratio=$(awk -v a="$rps" -v b="$NGINX_RPS" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a/b; else printf "—" }')
    echo "| $label | $rps | $p99 | $errors | $ratio |"
  done
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| start to healthy /healthz (existing demo database) | ${READY_MS} ms | < 1000 ms |"
  echo "| resident memory, idle with demo data | $((RSS_IDLE_KB / 1024)) MiB | <= 50 MiB |"
  echo "| resident memory after the load | $((RSS_AFTER_KB / 1024)) MiB | — |"
} | tee "$OUT"
# origine must still be running and have answered every request with a 2xx (wrk counts the others).
kill -0 "$OPID" 2> /dev/null || { echo "bench/run.sh: origine stopped during the run:" >&2; tail -20 "$WORK/origine.log" >&2; exit 1; }
for line in "$HEALTH_LINE" "$VERIFY_LINE"; do
  IFS='|' read -r label rps p99 errors <<< "$line"
  [ "$errors" = 0 ] || { echo "bench/run.sh: $label: $errors answers were not 2xx" >&2; exit 1; }
done
