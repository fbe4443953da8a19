//! Atom 1.0 (RFC 4287): `xml:lang` on the feed, the excerpt as `summary`, the
//! body as escaped HTML `content`, the featured image as `link rel="enclosure"`.

use super::xml::Writer;
use super::{Entry, Feed, FeedFormat, rfc3339};

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The feed as an Atom document.
pub fn render(feed: &Feed) -> String {
    let mut w = Writer::new();
    w.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", &feed.lang)]);
    w.text("id", &[], &feed.home);
    w.text("title", &[("type", "text")], &feed.title);
    if !feed.description.is_empty() {
        w.text("subtitle", &[("type", "text")], &feed.description);
    }
    w.text("updated", &[], &rfc3339(feed.updated(), feed.tz));
    w.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &feed.home),
        ],
    );
    let self_url = feed.self_url(FeedFormat::Atom);
    w.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", FeedFormat::Atom.media_type()),
            ("href", &self_url),
        ],
    );
    // Entries without an author fall back to this one (RFC 4287 §4.1.1).
    w.open("author", &[]);
    w.text("name", &[], &feed.publisher);
    w.close("author");
    w.text("generator", &[], "Herald");
    for entry in &feed.entries {
        write_entry(&mut w, feed, entry);
    }
    w.close("feed");
    w.finish()
}

fn write_entry(w: &mut Writer, feed: &Feed, entry: &Entry) {
    w.open("entry", &[]);
    w.text("id", &[], &entry.url);
    w.text("title", &[("type", "text")], &entry.title);
    w.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &entry.url),
        ],
    );
    w.text("published", &[], &rfc3339(entry.published, feed.tz));
    w.text("updated", &[], &rfc3339(entry.updated, feed.tz));
    if let Some(author) = &entry.author {
        w.open("author", &[]);
        w.text("name", &[], &author.name);
        w.text("uri", &[], &author.url);
        w.close("author");
    }
    for category in &entry.categories {
        w.empty("category", &[("term", category)]);
    }
    if !entry.summary.is_empty() {
        w.text("summary", &[("type", "text")], &entry.summary);
    }
    if let Some(html) = feed.content_html(entry) {
        w.text("content", &[("type", "html")], &html);
    }
    if let Some(image) = &entry.image {
        w.empty(
            "link",
            &[
                ("rel", "enclosure"),
                ("type", image.media_type),
                ("href", &image.url),
            ],
        );
    }
    w.close("entry");
}
