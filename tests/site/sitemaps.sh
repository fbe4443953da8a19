#!/usr/bin/env bash
# Sitemaps and robots.txt of a running Herald, checked from outside.
#
#   tests/site/sitemaps.sh BASE_URL [OUT_DIR]
#
# Fetches BASE_URL/sitemap.xml and validates it against the sitemaps.org siteindex schema,
# then fetches every sitemap it lists and validates each against the sitemaps.org urlset
# schema with the xhtml:link and Google News extensions (schemas in schemas/, run offline
# with `xmllint --schema`); checks robots.txt ends with the Sitemap line. Saves what it
# fetched in OUT_DIR (default: a temporary folder). Prints `  ok …`/`  FAIL …` lines and
# finally `SITEMAPS-RESULT passed=N failed=M`.
set -uo pipefail

BASE=${1:?usage: $0 BASE_URL [OUT_DIR]}
BASE=${BASE%/}
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMAS=$HERE/schemas
OUT=${2:-$(mktemp -d -t herald-sitemaps.XXXXXX)}
mkdir -p "$OUT"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "  ok   $1"; }
bad() { failed=$((failed + 1)); echo "  FAIL $1: $2"; }
finish() { echo "SITEMAPS-RESULT passed=$passed failed=$failed"; exit $((failed > 0)); }

command -v xmllint >/dev/null || { bad "sitemaps" "xmllint is missing (apt package libxml2-utils)"; finish; }

# get URL FILE: save the body; print "STATUS CONTENT-TYPE".
get() { curl -s --max-time 30 -o "$2" -w '%{http_code} %{content_type}' "$1" || echo "000 -"; }

# The locs of a sitemap or index, one a line.
locs() {
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
for e in ET.parse(sys.argv[1]).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
    print((e.text or "").strip())
PY
}

# validate NAME FILE SCHEMA
validate() {
    local out
    if out=$(xmllint --noout --schema "$3" "$2" 2>&1); then
        ok "xmllint $1 ($(basename "$3"))"
    else
        bad "xmllint $1" "$(grep -v 'fails to validate' <<<"$out" | head -n 5 | tr '\n' ' ')"
    fi
}

index=$OUT/sitemap.xml
read -r status type < <(get "$BASE/sitemap.xml" "$index")
if [[ "$status" != 200 ]]; then
    bad "sitemap index" "$BASE/sitemap.xml answered $status"; finish
fi
[[ "$type" == application/xml* ]] && ok "sitemap index is application/xml" \
    || bad "sitemap index type" "Content-Type $type"
validate sitemap.xml "$index" "$SCHEMAS/siteindex.xsd"

mapfile -t files < <(locs "$index")
((${#files[@]} > 0)) && ok "sitemap index lists ${#files[@]} sitemap(s)" || bad "sitemap index" "lists nothing"
urls=0 post_url=
for loc in "${files[@]}"; do
    [[ "$loc" == "$BASE"/* ]] || { bad "sitemap $loc" "not under $BASE"; continue; }
    path=${loc#"$BASE"}
    name=$(tr '/' '_' <<<"${path#/}")
    file=$OUT/$name
    read -r status type < <(get "$loc" "$file")
    if [[ "$status" != 200 ]]; then bad "sitemap $path" "answered $status"; continue; fi
    validate "$path" "$file" "$SCHEMAS/urlset.xsd"
    mapfile -t pages < <(locs "$file")
    urls=$((urls + ${#pages[@]}))
    [[ -z "$post_url" && "$path" == */posts-*.xml && ${#pages[@]} -gt 0 ]] && post_url=${pages[0]}
    if [[ "$path" != */news.xml ]]; then
        lastmods=$(grep -o '<lastmod>' "$file" | wc -l)
        ((lastmods == ${#pages[@]})) && ok "$path: lastmod on all ${#pages[@]} URL(s)" \
            || bad "$path lastmod" "$lastmods lastmod for ${#pages[@]} URL(s)"
    fi
done
echo "  ($urls URLs in ${#files[@]} sitemaps)"
if [[ -n "$post_url" ]]; then
    status=$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' "$post_url" || echo 000)
    [[ "$status" == 200 ]] && ok "a listed post answers 200: ${post_url#"$BASE"}" \
        || bad "listed post" "$post_url answered $status"
else
    bad "post sitemaps" "no posts-N.xml sitemap with URLs was listed"
fi

robots=$OUT/robots.txt
read -r status type < <(get "$BASE/robots.txt" "$robots")
if [[ "$status" == 200 ]]; then
    last=$(grep -v '^[[:space:]]*$' "$robots" | tail -n 1)
    [[ "$last" == "Sitemap: $BASE/sitemap.xml" ]] && ok "robots.txt ends with the Sitemap line" \
        || bad "robots.txt" "last line is '$last', not 'Sitemap: $BASE/sitemap.xml'"
    grep -qx 'Disallow: /admin/' "$robots" && ok "robots.txt keeps crawlers out of /admin/" \
        || bad "robots.txt" "no 'Disallow: /admin/' line"
else
    bad "robots.txt" "answered $status"
fi
finish
