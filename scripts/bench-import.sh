#!/usr/bin/env bash
# Import benchmark: generate a made-up WordPress export and import it into a
# fresh SQLite site with the release binary, reporting posts per second and
# peak memory (max RSS). Bounded: each run stops by itself when the import ends.
#
#   scripts/bench-import.sh                 # 10,000 posts (about 50 MB)
#   POSTS=200000 scripts/bench-import.sh    # about 1 GB
#   HERALD_BIN=target/release/herald scripts/bench-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS="${POSTS:-10000}"
BIN="${HERALD_BIN:-}"
if [[ -z "$BIN" ]]; then
    cargo build --release --locked -p herald-cli
    BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/herald"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "==> generating an export of $POSTS posts"
python3 scripts/gen-wxr.py "$POSTS" "$WORK/export.xml"
SIZE_MB=$(( $(stat -c %s "$WORK/export.xml") / 1048576 ))
echo "    $SIZE_MB MB"

measure() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err" \
        || { cat "$WORK/err" "$WORK/out"; exit 1; }
    read -r seconds rss_kb < "$WORK/time"
    local rate
    rate=$(awk -v n="$POSTS" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
    printf '%-28s %8s s  %7s posts/s  peak RSS %5d MB\n' \
        "$label" "$seconds" "$rate" $(( rss_kb / 1024 ))
}

echo "==> importing ($SIZE_MB MB export)"
measure "dry run (plan + convert)" "$BIN" import wordpress "$WORK/export.xml" \
    --data "$WORK/dry" --dry-run
measure "import into SQLite" "$BIN" import wordpress "$WORK/export.xml" --data "$WORK/site"
measure "same import again (update)" "$BIN" import wordpress "$WORK/export.xml" --data "$WORK/site"
tail -n 1 "$WORK/out"
