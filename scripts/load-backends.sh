#!/usr/bin/env bash
# Topic page 2 on a 10,000-post site: SQLite beside PostgreSQL, one instance and
# two instances over the same database (see docs/benchmarks.md).
#
#   scripts/load-backends.sh
#
# Environment: DURATION=8 (seconds per run), POSTS=10000, HERALD_BIN=PATH (skip the
# build), PG_SERVER=postgres://postgres@127.0.0.1:5432 (a database herald_load_PID is
# created there and dropped at the end). Loopback only; everything stops by itself.
set -euo pipefail
if [[ -z "${_HERALD_LOAD_TIMED:-}" ]]; then
    export _HERALD_LOAD_TIMED=1
    exec timeout -k 10 "${LOAD_TIMEOUT:-1800}" bash "$0" "$@"
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DURATION=${DURATION:-8}
POSTS=${POSTS:-10000}
PG_SERVER=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
if [[ -n "${HERALD_BIN:-}" ]]; then
    BIN=$(realpath "$HERALD_BIN")
else
    cargo build --release -p herald-cli
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/herald"
fi
command -v wrk >/dev/null || apt-get install -y -q wrk

TMP=$(mktemp -d -t herald-backends.XXXXXX)
PG_DB="herald_load_$$"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start URL: one `herald serve` over database URL; prints its port.
start() {
    local port
    port=$(free_port)
    RUST_LOG=warn "$BIN" serve --data "$TMP/data" --database-url "$1" --bind "127.0.0.1:$port" \
        >>"$TMP/serve.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 60); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true) == 200 ]] && break
        sleep 0.5
    done
    echo "$port"
}

stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    PIDS=()
}

# measure NAME URL INSTANCES: wrk on topic page 2, 64 connections split over the instances.
ROWS=()
measure() {
    local name=$1 url=$2 instances=$3 ports=() i
    for ((i = 0; i < instances; i++)); do ports+=("$(start "$url")"); done
    local path
    path=$(curl -s "http://127.0.0.1:${ports[0]}/en/" | python3 "$ROOT/tests/site/htmlq.py" topics /dev/stdin en | head -1)
    path="${path}page/2/"
    for port in "${ports[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done
    local per=$((64 / instances)) outs=()
    for port in "${ports[@]}"; do
        wrk -t$((2 / instances > 0 ? 2 / instances : 1)) -c"$per" -d"${DURATION}s" --latency \
            -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$path" >"$TMP/wrk-$name-$port.txt" &
        outs+=("$TMP/wrk-$name-$port.txt")
    done
    wait $(jobs -p | grep -v -x -F -f <(printf '%s\n' "${PIDS[@]}")) 2>/dev/null || true
    local rps p99
    rps=$(awk '/^Requests\/sec:/ { s += $2 } END { printf "%.0f", s }' "${outs[@]}")
    p99=$(awk '$1 == "99%" { print $2 }' "${outs[@]}" | sort -h | tail -1)
    ROWS+=("$(printf '| %-10s | %9s | %10s | %9s |' "$name" "$instances" "$rps" "$p99")")
    stop_all
}

echo "==> generating $POSTS posts in SQLite and in PostgreSQL ($PG_SERVER/$PG_DB)"
"$BIN" generate --data "$TMP/data" --posts "$POSTS" >/dev/null
psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $PG_DB"
"$BIN" copy --from "sqlite://$TMP/data/herald.db" --to "$PG_SERVER/$PG_DB" >/dev/null

measure sqlite "sqlite://$TMP/data/herald.db" 1
measure sqlite "sqlite://$TMP/data/herald.db" 2
measure postgresql "$PG_SERVER/$PG_DB" 1
measure postgresql "$PG_SERVER/$PG_DB" 2

echo
echo "Topic page 2, $POSTS posts, 64 connections in all, ${DURATION}s, gzip; $(nproc) CPUs shared by wrk, herald and the database"
printf '| %-10s | %9s | %10s | %9s |\n' backend instances "requests/s" "worst p99"
echo "|------------|-----------|------------|-----------|"
printf '%s\n' "${ROWS[@]}"
