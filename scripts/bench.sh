#!/usr/bin/env bash
# Herald beside nginx on the same pages (see docs/benchmarks.md).
#
#   scripts/bench.sh                     10,000 posts, 10 s per run
#   DURATION=5 scripts/bench.sh          shorter runs
#   scripts/bench.sh --posts 1000000     a million posts (POSTS=1000000 too)
#
# Builds the release binary, generates a site in a temporary folder, and measures with wrk
# (-t2 -c64 --latency, Accept-Encoding: gzip) five pages: the home page, a topic's page 2, the
# last page of the topic with the most pages (page 500 or more on 10,000 posts), a post and the
# RSS feed. Each page is measured three times: Herald with its page cache (the default), Herald
# without it (HERALD_PAGE_CACHE_MB=0), and nginx serving the very same bytes as static files
# (fetched from Herald, gzip -9 precompressed, gzip_static on, sendfile on, 2 workers, no access
# log): nginx's fastest set-up, the physical limit of this machine. Prints one table with
# requests/s, p50 and p99 of each and the ratio Herald cached / nginx, and Herald's peak RSS.
# Loopback only; every run has a duration, the whole script a time limit, and the servers are
# stopped on exit.
#
# Environment:
#   DURATION=10        seconds of wrk per page and server
#   CONNECTIONS=64     wrk connections;  THREADS=2  wrk threads
#   POSTS=10000        posts to generate (or --posts N)
#   SITE_LANG=en       language section to measure
#   HERALD_BIN=PATH    use this binary instead of building one
#   DATA=DIR           serve this existing data folder (e.g. a kept million-post site) instead of
#                      generating one; it is left in place
#   BENCH_TIMEOUT=3600 upper bound for the whole run, in seconds (build and generation included)
set -euo pipefail

if [[ -z "${_HERALD_BENCH_TIMED:-}" ]]; then
    export _HERALD_BENCH_TIMED=1
    exec timeout -k 10 "${BENCH_TIMEOUT:-3600}" bash "$0" "$@"
fi

POSTS=${POSTS:-10000}
while (($# > 0)); do
    case $1 in
        --posts) POSTS=$2; shift 2 ;;
        --posts=*) POSTS=${1#--posts=}; shift ;;
        *) echo "usage: scripts/bench.sh [--posts N]" >&2; exit 2 ;;
    esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SITE_LANG=${SITE_LANG:-en}
cd "$ROOT"

# ---------------------------------------------------------------- tools and binary
need() { # need COMMAND PACKAGE: install the Debian package when the command is missing
    command -v "$1" >/dev/null && return
    echo "==> installing $2 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$2" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
}
need wrk wrk
need nginx nginx
NGINX=$(command -v nginx)

if [[ -n "${HERALD_BIN:-}" ]]; then
    BIN=$(realpath "$HERALD_BIN")
else
    echo "==> cargo build --release -p herald-cli"
    # Ask cargo where it put the binary (the target folder may be configured elsewhere).
    BIN=$(cargo build --release -p herald-cli --message-format=json-render-diagnostics \
        | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "herald":
        print(m["executable"])')
fi
[[ -x "$BIN" ]] || { echo "error: no herald binary at '$BIN'" >&2; exit 1; }

# ---------------------------------------------------------------- temporary folder, clean exit
TMP=$(mktemp -d -t herald-bench.XXXXXX)
chmod 755 "$TMP" # nginx's workers read the static copy from here
HERALD_PID=
NGINX_PID=
stop() { # stop PID: end a server we started and wait for it
    if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$HERALD_PID"
    stop "$NGINX_PID"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "benchmark interrupted" >&2; exit 124' TERM INT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ok() { # wait_ok URL PID: until URL answers 200, for at most 60 s
    for _ in $(seq 1 120); do
        kill -0 "$2" 2>/dev/null || return 1
        [[ $(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$1" || true) == 200 ]] && return 0
        sleep 0.5
    done
    return 1
}

if [[ -n "${DATA:-}" ]]; then
    DATA=$(realpath "$DATA")
    SITE="the site in $DATA"
    echo "==> serving the existing site in $DATA"
else
    DATA="$TMP/data"
    SITE="$POSTS posts"
    echo "==> herald generate --posts $POSTS"
    start=$(date +%s)
    "$BIN" generate --data "$DATA" --posts "$POSTS" >"$TMP/generate.log" 2>&1 \
        || { tail -n 20 "$TMP/generate.log" >&2; echo "error: herald generate failed" >&2; exit 1; }
    echo "    generated in $(($(date +%s) - start)) s"
fi

# start_herald [ENV=VALUE…]: herald serve on a free port; sets HERALD_PID and BASE.
start_herald() {
    local port
    port=$(free_port)
    BASE="http://127.0.0.1:$port"
    local started
    started=$(date +%s%N)
    env "$@" RUST_LOG=warn "$BIN" serve --data "$DATA" --bind "127.0.0.1:$port" \
        >>"$TMP/serve.log" 2>&1 &
    HERALD_PID=$!
    wait_ok "$BASE/healthz" "$HERALD_PID" \
        || { tail -n 20 "$TMP/serve.log" >&2; echo "error: herald serve did not start" >&2; exit 1; }
    echo "    herald answering on $BASE after $((($(date +%s%N) - started) / 1000000)) ms"
}

# ---------------------------------------------------------------- the pages
echo "==> finding the pages"
start_herald
htmlq() { python3 "$ROOT/tests/site/htmlq.py" "$@"; }
status() { curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$BASE$1" || echo 000; }
curl -s --max-time 30 -o "$TMP/home.html" "$BASE/$SITE_LANG/"

# last_page TOPIC_PATH: the largest n with TOPIC_PATHpage/n/ answering 200 (binary search).
last_page() {
    local low=1 high=2
    while [[ $(status "${1}page/$high/") == 200 ]]; do low=$high; high=$((high * 2)); done
    while ((high - low > 1)); do
        local mid=$(((low + high) / 2))
        if [[ $(status "${1}page/$mid/") == 200 ]]; then low=$mid; else high=$mid; fi
    done
    echo "$low"
}
TOPIC= TOPIC_PAGES=0
while IFS= read -r t; do
    [[ -n "$t" ]] || continue
    n=$(last_page "$t")
    if ((n > TOPIC_PAGES)); then TOPIC=$t TOPIC_PAGES=$n; fi
done < <(htmlq topics "$TMP/home.html" "$SITE_LANG" | sed -n 1,12p)
((TOPIC_PAGES >= 2)) || { echo "error: no topic linked from /$SITE_LANG/ has a page 2" >&2; exit 1; }
POST=$(htmlq first-post "$TMP/home.html")
NAMES=(home topic-page-2 "topic-page-$TOPIC_PAGES" post feed)
PATHS=("/$SITE_LANG/" "${TOPIC}page/2/" "${TOPIC}page/$TOPIC_PAGES/" "$POST" "/$SITE_LANG/feed/")
for path in "${PATHS[@]}"; do
    [[ $(status "$path") == 200 ]] || { echo "error: $BASE$path is not 200" >&2; exit 1; }
    echo "    $path"
done

# ---------------------------------------------------------------- the static copy for nginx
# Each page is written where nginx finds it for the same URL: a path ending in / gets an
# index file (index.html, or index.rss for a feed), any other path is the file itself.
STATIC="$TMP/static"
for path in "${PATHS[@]}"; do
    type=$(curl -s --max-time 30 -o "$TMP/page" -w '%{content_type}' "$BASE$path")
    file="$STATIC$path"
    if [[ $path == */ ]]; then
        case $type in
            *rss*|*xml*) file="${file}index.rss" ;;
            *) file="${file}index.html" ;;
        esac
    fi
    mkdir -p "$(dirname "$file")"
    mv "$TMP/page" "$file"
    gzip -9 -k "$file"
done
chmod -R a+rX "$STATIC"
NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx/tmp"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { text/html html; application/rss+xml rss; }
    default_type text/html;
    gzip_static on;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $STATIC;
        index index.html index.rss;
    }
}
EOF

# ---------------------------------------------------------------- wrk
declare -A RPS P50 P99
ERRORS=0
# measure SERVER BASE: wrk on every page; fills RPS, P50, P99 keyed SERVER/INDEX.
measure() {
    local server=$1 base=$2 i
    for i in "${!PATHS[@]}"; do
        local out="$TMP/wrk-$server-$i.txt"
        echo "==> $server: ${NAMES[$i]} ${PATHS[$i]} (${DURATION}s)"
        curl -s -o /dev/null --max-time 30 -H 'Accept-Encoding: gzip' "$base${PATHS[$i]}" # warm-up
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
            -H 'Accept-Encoding: gzip' "$base${PATHS[$i]}" >"$out"
        RPS[$server/$i]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
        P50[$server/$i]=$(awk '$1 == "50%" { print $2 }' "$out")
        P99[$server/$i]=$(awk '$1 == "99%" { print $2 }' "$out")
        if grep -qE 'Non-2xx|Socket errors' "$out"; then
            ERRORS=$((ERRORS + 1))
            echo "    WARNING: $server ${NAMES[$i]}: $(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ')"
        fi
    done
}
peak_rss() { awk '/^VmHWM:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$1/status"; }

measure cached "$BASE"
RSS_CACHED=$(peak_rss "$HERALD_PID")
stop "$HERALD_PID"

echo "==> herald serve without the page cache (HERALD_PAGE_CACHE_MB=0)"
start_herald HERALD_PAGE_CACHE_MB=0
measure uncached "$BASE"
RSS_UNCACHED=$(peak_rss "$HERALD_PID")
stop "$HERALD_PID"
HERALD_PID=

echo "==> nginx on 127.0.0.1:$NGINX_PORT"
"$NGINX" -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" -g 'daemon off;' 2>>"$TMP/nginx/error.log" &
NGINX_PID=$!
wait_ok "http://127.0.0.1:$NGINX_PORT${PATHS[0]}" "$NGINX_PID" \
    || { cat "$TMP/nginx/error.log" >&2; echo "error: nginx did not start" >&2; exit 1; }
# The static copy must be what Herald sent: compare one page through nginx.
cmp -s <(curl -s --compressed "http://127.0.0.1:$NGINX_PORT${PATHS[1]}") "$STATIC${PATHS[1]}index.html" \
    || { echo "error: nginx does not serve the static copy of ${PATHS[1]}" >&2; exit 1; }
measure nginx "http://127.0.0.1:$NGINX_PORT"
stop "$NGINX_PID"
NGINX_PID=

# ---------------------------------------------------------------- report
echo
echo "Herald and nginx, $SITE, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, Accept-Encoding: gzip"
echo "binary: $BIN ($("$BIN" --version 2>/dev/null || echo 'version unknown'))"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); wrk, herald and nginx share them"
echo
printf '| %-16s | %-28s | %-28s | %-28s | %12s |\n' page "herald cached: req/s p50 p99" \
    "uncached: req/s p50 p99" "nginx: req/s p50 p99" "cached/nginx"
echo "|------------------|------------------------------|------------------------------|------------------------------|--------------|"
cell() { printf '%8s %9s %9s' "${RPS[$1]}" "${P50[$1]}" "${P99[$1]}"; }
for i in "${!PATHS[@]}"; do
    ratio=$(awk -v a="${RPS[cached/$i]}" -v b="${RPS[nginx/$i]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    printf '| %-16s | %s | %s | %s | %12s |\n' "${NAMES[$i]}" "$(cell "cached/$i")" \
        "$(cell "uncached/$i")" "$(cell "nginx/$i")" "$ratio"
done
echo
echo "paths: ${PATHS[*]}"
echo "herald peak RSS (VmHWM): $RSS_CACHED with the page cache, $RSS_UNCACHED without"
if ((ERRORS > 0)); then
    echo "error: $ERRORS run(s) had failed requests; see the warnings above" >&2
    exit 1
fi
