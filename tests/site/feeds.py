#!/usr/bin/env python3
"""Outside check of Herald's feeds with Python's feedparser (RSS and Atom) and a
JSON Feed 1.1 check (json plus the required fields).

    python3 tests/site/feeds.py BASE_URL

For en, fa and ar: the home page's autodiscovery links must name the language's
RSS, Atom and JSON feeds; each must parse with no `bozo` error and show the right
title, link, language and dates. Then the same for the first topic, tag and author
feeds found by following links from a post. Prints `  ok   …` / `  FAIL …` lines
and ends with `FEEDS-RESULT passed=N failed=M`.
"""

import json
import re
import sys
import time
import urllib.request
from html.parser import HTMLParser

import feedparser

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
LANGS = ["en", "fa", "ar"]
TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
passed = failed = 0


def ok(name):
    global passed
    passed += 1
    print(f"  ok   {name}")


def fail(name, why):
    global failed
    failed += 1
    print(f"  FAIL {name}: {why}")


def get(path):
    url = path if path.startswith("http") else BASE + path
    with urllib.request.urlopen(url, timeout=20) as r:
        return r.headers.get("content-type", ""), r.read()


class Links(HTMLParser):
    """`<link rel=alternate type=…>` and `<a href>` of a page."""

    def __init__(self):
        super().__init__()
        self.feeds, self.anchors = {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") in TYPES:
            self.feeds.setdefault(TYPES[a["type"]], []).append(a["href"])
        elif tag == "a" and a.get("href"):
            self.anchors.append(a["href"])


def links(path):
    parser = Links()
    parser.feed(get(path)[1].decode("utf-8"))
    return parser


def local(url):
    """A feed URL relative to BASE (the demo's base_url is the one it listens on)."""
    return re.sub(r"^https?://[^/]+", "", url)


def check_xml(name, path, kind, lang, listing):
    ctype, body = get(path)
    want = f"application/{kind}+xml"
    if not ctype.startswith(want):
        return fail(name, f"content type {ctype!r}, expected {want}")
    d = feedparser.parse(body)
    if d.bozo:
        return fail(name, f"bozo: {d.bozo_exception!r}")
    expected_version = "rss20" if kind == "rss" else "atom10"
    problems = []
    if d.version != expected_version:
        problems.append(f"version {d.version!r}")
    if not d.feed.get("title"):
        problems.append("no feed title")
    if local(d.feed.get("link", "")) != listing:
        problems.append(f"feed link {d.feed.get('link')!r} is not {listing}")
    if not d.feed.get("language", "").startswith(lang):
        problems.append(f"language {d.feed.get('language')!r}")
    if not d.entries:
        problems.append("no entries")
    for e in d.entries:
        if not e.get("title") or not e.get("link") or not e.get("id"):
            problems.append(f"entry without title/link/id: {e.get('link')}")
        if not re.search(rf"/{lang}/posts/\d+$", e.get("id", "")):
            problems.append(f"id {e.get('id')!r} is not a post permalink")
        date = e.get("published_parsed") or e.get("updated_parsed")
        if not date or not (2000 <= date.tm_year <= time.gmtime().tm_year + 1):
            problems.append(f"bad date on {e.get('link')}: {e.get('published')!r}")
    dates = [time.mktime(e.published_parsed) for e in d.entries if e.get("published_parsed")]
    if dates != sorted(dates, reverse=True):
        problems.append("entries not newest first")
    if problems:
        return fail(name, "; ".join(problems[:4]))
    ok(f"{name}: {len(d.entries)} entries, {d.version}, language {d.feed.language}")


def check_json(name, path, lang, listing):
    ctype, body = get(path)
    if not ctype.startswith("application/feed+json"):
        return fail(name, f"content type {ctype!r}")
    try:
        feed = json.loads(body)
    except ValueError as e:
        return fail(name, f"not JSON: {e}")
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version {feed.get('version')!r}")
    if not feed.get("title"):
        problems.append("no title")
    if feed.get("language") != lang:
        problems.append(f"language {feed.get('language')!r}")
    if local(feed.get("home_page_url", "")) != listing:
        problems.append(f"home_page_url {feed.get('home_page_url')!r}")
    items = feed.get("items")
    if not isinstance(items, list) or not items:
        problems.append("no items")
        items = []
    for item in items:
        if not item.get("id"):
            problems.append("item without id")
        if "content_html" not in item and "content_text" not in item:
            problems.append(f"item {item.get('id')} without content")
        if not re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$", item.get("date_published", "")):
            problems.append(f"date_published {item.get('date_published')!r}")
    if problems:
        return fail(name, "; ".join(problems[:4]))
    ok(f"{name}: {len(items)} items, language {lang}")


def check_listing(label, page, lang, listing):
    """The feeds a page advertises for `listing`, each checked."""
    found = {kind: [u for u in urls if local(u).startswith(listing) and local(u) != listing]
             for kind, urls in links(page).feeds.items()}
    for kind in ("rss", "atom", "json"):
        urls = [u for u in found.get(kind, []) if local(u)[len(listing):].count("/") <= 2]
        name = f"{label} {kind}"
        if not urls:
            fail(name, f"{page} advertises no {kind} feed of {listing}")
            continue
        path = local(urls[0])
        try:
            if kind == "json":
                check_json(name, path, lang, listing)
            else:
                check_xml(name, path, kind, lang, listing)
        except Exception as e:  # noqa: BLE001 - any failure is a failed check
            fail(name, f"{path}: {e!r}")


def first(anchors, pattern):
    return next((local(a) for a in anchors if re.match(pattern, local(a))), None)


for lang in LANGS:
    try:
        home = links(f"/{lang}/")
    except Exception as e:  # noqa: BLE001
        fail(f"{lang} home", repr(e))
        continue
    check_listing(f"{lang} home", f"/{lang}/", lang, f"/{lang}/")
    post = first(home.anchors, rf"/{lang}/posts/\d+$")
    if lang != "en" or not post:
        continue
    # Topic, tag and author archives of the first post that has all three,
    # checked through the feeds their own pages advertise.
    for anchor in home.anchors:
        post = local(anchor)
        if not re.match(rf"/{lang}/posts/\d+$", post):
            continue
        anchors = links(post).anchors
        archives = {base: first(anchors, rf"/{lang}/{base}/[^/]+/$") for base in ("topic", "tag", "author")}
        if all(archives.values()):
            break
    for base, listing in archives.items():
        if listing:
            check_listing(f"{lang} {base}", listing, lang, listing)
        else:
            fail(f"{lang} {base}", "no post on the home page links such an archive")

print(f"FEEDS-RESULT passed={passed} failed={failed}")
sys.exit(1 if failed else 0)
