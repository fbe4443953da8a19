//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): `language` on the feed,
//! `content_html` for full bodies or `content_text` for excerpts, `image` for
//! the featured image.

use serde::Serialize;

use super::{Feed, FeedFormat, rfc3339};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Document<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
}

/// The feed as a JSON Feed document.
pub fn render(feed: &Feed) -> String {
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let content_html = feed.content_html(entry);
            Item {
                id: &entry.url,
                url: &entry.url,
                title: &entry.title,
                // With the body in `content_html`, the excerpt is the summary;
                // without it, the excerpt is the content.
                content_text: content_html.is_none().then_some(entry.summary.as_str()),
                summary: if content_html.is_some() {
                    &entry.summary
                } else {
                    ""
                },
                content_html,
                image: entry.image.as_ref().map(|i| i.url.as_str()),
                date_published: rfc3339(entry.published, feed.tz),
                date_modified: rfc3339(entry.updated, feed.tz),
                authors: entry
                    .author
                    .iter()
                    .map(|a| Author {
                        name: &a.name,
                        url: Some(&a.url),
                    })
                    .collect(),
                tags: &entry.categories,
            }
        })
        .collect();
    let document = Document {
        version: VERSION,
        title: &feed.title,
        home_page_url: &feed.home,
        feed_url: feed.self_url(FeedFormat::Json),
        description: &feed.description,
        language: &feed.lang,
        authors: vec![Author {
            name: &feed.publisher,
            url: None,
        }],
        items,
    };
    // Serialising these plain structs cannot fail; an empty object is the
    // harmless answer if it ever did.
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".into())
}
