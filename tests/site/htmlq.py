#!/usr/bin/env python3
"""Tiny HTML query helper for run.sh (standard library only).

    htmlq.py topics FILE LANG      topic archive paths linked from the page, in page order
    htmlq.py first-post FILE       href of the first `article.item h2 a`
    htmlq.py static-pages FILE LANG  paths in `nav.menu` that look like static pages
    htmlq.py stylesheets FILE      hrefs of <link rel="stylesheet">

Every href is printed as a path (scheme and host dropped), percent-encoded, one per line.
"""
import signal
import sys
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

# First path segments under /{lang}/ that are not static pages.
RESERVED = {"topic", "tag", "author", "kind", "page", "posts", "search", "feed", "atom",
            "feed.json", "amp", "media", "admin", "wp-json"}


def as_path(href):
    """Drop scheme/host/query/fragment; percent-encode non-ASCII (keeps existing %XX)."""
    parts = urlsplit(href)
    return quote(parts.path, safe="/%:@!$&'()*+,;=-._~")


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, classes) of open elements
        self.links = []  # (href, ancestors snapshot)
        self.stylesheets = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower().split() and a.get("href"):
            self.stylesheets.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], list(self.stack)))
        if tag not in ("link", "meta", "img", "br", "hr", "input", "source", "wbr", "area", "base", "col",
                       "embed", "param", "track"):
            self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        # Pop up to the matching open tag (tolerates unclosed <p>, <li>, ...).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def inside(ancestors, tag, cls=None):
    return any(t == tag and (cls is None or cls in c) for t, c in ancestors)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when the reader stops early
    cmd, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8", errors="replace") as f:
        doc = Collector()
        doc.feed(f.read())
    out = []
    if cmd == "topics":
        prefix = f"/{sys.argv[3]}/topic/"
        for href, _ in doc.links:
            p = as_path(href)
            if p.startswith(prefix) and "/page/" not in p and not p.rstrip("/").endswith("/feed"):
                p = p if p.endswith("/") else p + "/"
                if p not in out:
                    out.append(p)
    elif cmd == "first-post":
        for href, anc in doc.links:
            if inside(anc, "h2") and inside(anc, "article", "item"):
                out.append(as_path(href))
                break
    elif cmd == "static-pages":
        lang = sys.argv[3]
        for href, anc in doc.links:
            if not inside(anc, "nav", "menu"):
                continue
            p = as_path(href)
            segs = [s for s in p.split("/") if s]
            if len(segs) >= 2 and segs[0] == lang and segs[1] not in RESERVED and p not in out:
                out.append(p)
    elif cmd == "stylesheets":
        out = list(doc.stylesheets)
    else:
        sys.exit(f"htmlq.py: unknown command {cmd}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
