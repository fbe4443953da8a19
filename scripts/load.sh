#!/usr/bin/env bash
# Load test of Herald's public pages on a generated site (see docs/benchmarks.md).
#
#   scripts/load.sh
#
# Builds the release binary, generates a 10,000-post site in a temporary folder, serves it on a
# free loopback port, then measures the home page, a topic archive's page 2 and a post with wrk
# (64 connections, 2 threads, --latency, Accept-Encoding: gzip) and prints requests/s, p50, p99
# and the peak RSS of the server. Loopback only; the server is stopped at the end.
#
# Environment:
#   DURATION=10        seconds of wrk per page
#   CONNECTIONS=64     wrk connections;  THREADS=2  wrk threads
#   POSTS=10000        posts to generate
#   SITE_LANG=en       language section to measure
#   HERALD_BIN=PATH    use this binary instead of building target/release/herald
#   LOAD_TIMEOUT=3600  upper bound for the whole run, in seconds (build included)
set -euo pipefail

# Bound the whole run in time: re-run this script under `timeout`.
if [[ -z "${_HERALD_LOAD_TIMED:-}" ]]; then
    export _HERALD_LOAD_TIMED=1
    exec timeout -k 10 "${LOAD_TIMEOUT:-3600}" bash "$0" "$@"
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
POSTS=${POSTS:-10000}
SITE_LANG=${SITE_LANG:-en}
cd "$ROOT"

# ---------------------------------------------------------------- binary and wrk
if [[ -n "${HERALD_BIN:-}" ]]; then
    BIN=$(realpath "$HERALD_BIN")
else
    echo "==> cargo build --release -p herald-cli"
    cargo build --release -p herald-cli
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/herald"
fi
[[ -x "$BIN" ]] || { echo "error: no herald binary at $BIN" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
    echo "==> installing wrk (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }
fi

# ---------------------------------------------------------------- generated site and server
TMP=$(mktemp -d -t herald-load.XXXXXX)
SERVER_PID=
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "load test interrupted" >&2; exit 124' TERM INT

echo "==> herald generate --posts $POSTS"
start=$(date +%s)
"$BIN" generate --data "$TMP/data" --posts "$POSTS" >"$TMP/generate.log" 2>&1 \
    || { tail -n 20 "$TMP/generate.log" >&2; echo "error: herald generate failed" >&2; exit 1; }
echo "    generated in $(($(date +%s) - start)) s"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
echo "==> herald serve on $BASE"
"$BIN" serve --data "$TMP/data" --bind "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    [[ $(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/healthz" || true) == 200 ]] && break
    sleep 1
done
if [[ $(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/healthz" || true) != 200 ]]; then
    tail -n 20 "$TMP/serve.log" >&2
    echo "error: herald serve did not answer 200 on /healthz within 60 s" >&2
    exit 1
fi

# ---------------------------------------------------------------- URLs to measure
htmlq() { python3 "$ROOT/tests/site/htmlq.py" "$@"; }
status() { curl -s --max-time 20 -o "${2:-/dev/null}" -w '%{http_code}' "$BASE$1" || echo 000; }

HOME_PATH="/$SITE_LANG/"
[[ $(status "$HOME_PATH" "$TMP/home.html") == 200 ]] || { echo "error: $BASE$HOME_PATH is not 200" >&2; exit 1; }
TOPIC_PATH=
while IFS= read -r t; do
    if [[ -n "$t" && $(status "${t}page/2/") == 200 ]]; then TOPIC_PATH="${t}page/2/"; break; fi
done < <(htmlq topics "$TMP/home.html" "$SITE_LANG" | sed -n 1,40p)
POST_PATH=$(htmlq first-post "$TMP/home.html")
[[ -n "$TOPIC_PATH" ]] || { echo "error: no topic linked from $HOME_PATH has a page 2" >&2; exit 1; }
[[ -n "$POST_PATH" && $(status "$POST_PATH") == 200 ]] || { echo "error: no post found on $HOME_PATH" >&2; exit 1; }

# ---------------------------------------------------------------- wrk
# run_wrk NAME PATH: one wrk run; appends a row to ROWS, counts errors.
ROWS=()
ERRORS=0
run_wrk() {
    local name=$1 path=$2 out="$TMP/wrk-$1.txt"
    echo "==> wrk $name: $path (${DURATION}s, $CONNECTIONS connections, $THREADS threads)"
    curl -s -o /dev/null --max-time 20 "$BASE$path" # warm-up
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
        -H 'Accept-Encoding: gzip' "$BASE$path" >"$out"
    local rps p50 p99 bad
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    # Non-2xx/3xx answers and socket errors make the figures meaningless: report them.
    bad=$(grep -E 'Non-2xx|Socket errors' "$out" || true)
    if [[ -n "$bad" ]]; then
        ERRORS=$((ERRORS + 1))
        echo "    WARNING: $name: $bad"
    fi
    ROWS+=("$(printf '| %-12s | %-40s | %10s | %9s | %9s |' "$name" "$path" "$rps" "$p50" "$p99")")
}

run_wrk home "$HOME_PATH"
run_wrk topic-page2 "$TOPIC_PATH"
run_wrk post "$POST_PATH"

# Peak resident memory of the server over the whole run (generation is a separate process).
HWM=$(awk '/^VmHWM:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status")

# ---------------------------------------------------------------- report
echo
echo "Herald load test: $POSTS posts, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, Accept-Encoding: gzip"
echo "binary: $BIN ($("$BIN" --version 2>/dev/null || echo 'version unknown'))"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), wrk and herald share it"
echo
printf '| %-12s | %-40s | %10s | %9s | %9s |\n' page path "requests/s" p50 p99
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..42})" \
    "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})"
printf '%s\n' "${ROWS[@]}"
echo
echo "herald peak RSS (VmHWM): $HWM"
if ((ERRORS > 0)); then
    echo "error: $ERRORS run(s) had failed requests; see the warnings above" >&2
    exit 1
fi
