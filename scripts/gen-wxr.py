#!/usr/bin/env python3
"""Write a made-up WordPress export (WXR 1.2) for import benchmarks.

    scripts/gen-wxr.py POSTS OUT.xml [--paragraphs N] [--comments N]

English and Persian posts in nested categories with tags, translation
links (Polylang style), comments with replies, attachments and block-editor
and classic bodies with shortcodes. The text is generated from a small
made-up vocabulary, so the file is original and neutral. Streaming: memory
stays flat however many posts are asked for.
"""

import argparse
import random

EN = ("river valley council bridge school market library garden water road "
      "town festival report budget museum harvest train station clinic park "
      "volunteer neighbour meeting repair season").split()
FA = ("رود دره شورا پل مدرسه بازار کتابخانه باغ آب جاده شهر جشنواره گزارش "
      "بودجه موزه برداشت قطار ایستگاه درمانگاه پارک داوطلب همسایه نشست").split()

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
 xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated Courier</title>
<link>https://bench.example.org</link>
<description>A made-up site for benchmarks</description>
<language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example.org</wp:base_site_url>
<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
"""


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def paragraph(rng, words):
    return " ".join(sentence(rng, words, rng.randint(6, 14)) for _ in range(rng.randint(3, 6)))


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("posts", type=int)
    ap.add_argument("out")
    ap.add_argument("--paragraphs", type=int, default=6)
    ap.add_argument("--comments", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(7)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(HEAD)
        for a in range(1, 6):
            f.write(f"<wp:author><wp:author_id>{a}</wp:author_id><wp:author_login>{cdata('writer' + str(a))}</wp:author_login>"
                    f"<wp:author_email>{cdata(f'writer{a}@bench.example.org')}</wp:author_email>"
                    f"<wp:author_display_name>{cdata(f'Writer {a}')}</wp:author_display_name></wp:author>\n")
        for c in range(1, 21):
            parent = f"topic-{(c - 1) // 4}" if c > 5 else ""
            f.write(f"<wp:category><wp:term_id>{c}</wp:term_id><wp:category_nicename>topic-{c}</wp:category_nicename>"
                    f"<wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{cdata('Topic ' + str(c))}</wp:cat_name></wp:category>\n")
        for t in range(1, 51):
            f.write(f"<wp:tag><wp:term_id>{100 + t}</wp:term_id><wp:tag_slug>tag-{t}</wp:tag_slug><wp:tag_name>{cdata('Tag ' + str(t))}</wp:tag_name></wp:tag>\n")
        for lang in ("en", "fa"):
            f.write(f"<wp:term><wp:term_id>{900 if lang == 'en' else 901}</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy>"
                    f"<wp:term_slug>{lang}</wp:term_slug><wp:term_name>{lang}</wp:term_name></wp:term>\n")
        comment_id = 1
        for i in range(args.posts):
            post_id = 1000 + 2 * i
            fa = i % 3 == 2
            words = FA if fa else EN
            lang = "fa" if fa else "en"
            title = sentence(rng, words, rng.randint(3, 7)).rstrip(".")
            slug = f"post-{post_id}"
            year, month, day = 2005 + i % 20, 1 + i % 12, 1 + i % 28
            date = f"{year}-{month:02d}-{day:02d} {i % 24:02d}:{i % 60:02d}:00"
            paras = [paragraph(rng, words) for _ in range(args.paragraphs)]
            if i % 2:
                body = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paras)
            else:
                paras.insert(1, "<!--more-->")
                paras.append(f'[caption id="attachment_{post_id + 1}" align="alignnone" width="640"]'
                             f'<img src="https://bench.example.org/wp-content/uploads/{year}/{month:02d}/p{post_id}.jpg" alt="x" /> {sentence(rng, words, 4)}[/caption]')
                body = "\n\n".join(paras)
            f.write("<item>\n")
            f.write(f"<title>{cdata(title)}</title>\n<link>https://bench.example.org/{year}/{month:02d}/{day:02d}/{slug}/</link>\n")
            f.write(f"<dc:creator>{cdata('writer' + str(1 + i % 5))}</dc:creator>\n<guid isPermaLink=\"false\">https://bench.example.org/?p={post_id}</guid>\n")
            f.write(f"<content:encoded>{cdata(body)}</content:encoded>\n<excerpt:encoded>{cdata('')}</excerpt:encoded>\n")
            f.write(f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date><wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n")
            f.write("<wp:comment_status>open</wp:comment_status><wp:ping_status>closed</wp:ping_status>\n")
            f.write(f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>\n")
            f.write("<wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>\n")
            f.write(f'<category domain="category" nicename="topic-{1 + i % 20}">{cdata("Topic " + str(1 + i % 20))}</category>\n')
            f.write(f'<category domain="post_tag" nicename="tag-{1 + i % 50}">{cdata("Tag " + str(1 + i % 50))}</category>\n')
            f.write(f'<category domain="language" nicename="{lang}">{lang}</category>\n')
            f.write(f"<wp:postmeta><wp:meta_key>views</wp:meta_key><wp:meta_value>{cdata(str(i * 7 % 1000))}</wp:meta_value></wp:postmeta>\n")
            parent = 0
            for c in range(args.comments):
                f.write(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata('Reader ' + str(c))}</wp:comment_author>"
                        f"<wp:comment_author_email>reader{c}@example.org</wp:comment_author_email><wp:comment_date_gmt>{date}</wp:comment_date_gmt>"
                        f"<wp:comment_content>{cdata(sentence(rng, words, 9))}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
                        f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n")
                parent = comment_id
                comment_id += 1
            f.write("</item>\n")
            if i % 2 == 0:
                f.write(f"<item><title>p{post_id}</title><link>https://bench.example.org/{year}/{month:02d}/{day:02d}/{slug}/p{post_id}/</link>"
                        f"<wp:post_id>{post_id + 1}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>p{post_id}</wp:post_name>"
                        f"<wp:status>inherit</wp:status><wp:post_parent>{post_id}</wp:post_parent><wp:post_type>attachment</wp:post_type>"
                        f"<wp:attachment_url>https://bench.example.org/wp-content/uploads/{year}/{month:02d}/p{post_id}.jpg</wp:attachment_url></item>\n")
        f.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
