//! RSS 2.0, with the `content:encoded` extension for full bodies, `dc:creator`
//! for authors and an `atom:link rel="self"` as validators ask.

use super::xml::Writer;
use super::{Entry, Feed, FeedFormat, rfc822};

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The feed as an RSS 2.0 document.
pub fn render(feed: &Feed) -> String {
    let mut w = Writer::new();
    w.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:content", CONTENT_NS),
            ("xmlns:dc", DC_NS),
            ("xmlns:atom", ATOM_NS),
        ],
    );
    w.open("channel", &[]);
    w.text("title", &[], &feed.title);
    w.text("link", &[], &feed.home);
    w.text("description", &[], &feed.description);
    w.text("language", &[], &feed.lang);
    if !feed.entries.is_empty() {
        w.text("lastBuildDate", &[], &rfc822(feed.updated(), feed.tz));
    }
    w.text("generator", &[], "Herald");
    let self_url = feed.self_url(FeedFormat::Rss);
    w.empty(
        "atom:link",
        &[
            ("href", &self_url),
            ("rel", "self"),
            ("type", FeedFormat::Rss.media_type()),
        ],
    );
    for entry in &feed.entries {
        item(&mut w, feed, entry);
    }
    w.close("channel");
    w.close("rss");
    w.finish()
}

fn item(w: &mut Writer, feed: &Feed, entry: &Entry) {
    w.open("item", &[]);
    w.text("title", &[], &entry.title);
    w.text("link", &[], &entry.url);
    w.text("guid", &[("isPermaLink", "true")], &entry.url);
    w.text("pubDate", &[], &rfc822(entry.published, feed.tz));
    if let Some(author) = &entry.author {
        w.text("dc:creator", &[], &author.name);
    }
    for category in &entry.categories {
        w.text("category", &[], category);
    }
    w.text("description", &[], &entry.summary);
    if let Some(html) = feed.content_html(entry) {
        w.text("content:encoded", &[], &html);
    }
    if let Some(image) = &entry.image {
        // The size is not known without reading the file; 0 is what
        // validators accept for "unknown".
        w.empty(
            "enclosure",
            &[
                ("url", &image.url),
                ("length", "0"),
                ("type", image.media_type),
            ],
        );
    }
    w.close("item");
}
