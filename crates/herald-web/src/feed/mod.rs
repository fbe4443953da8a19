//! Feeds of a listing's latest posts in three formats: RSS 2.0, Atom 1.0 and
//! JSON Feed 1.1. [`Feed`] is what every format shows, built once by the
//! handler (`public::feed`); each format module only writes it out. The XML
//! formats go through [`xml`], which escapes every text and attribute, so a
//! title like `Rivers & <b>dams</b>` or a Persian body reaches readers intact.
//!
//! Feed URLs sit beside the listing they follow (see [`FeedFormat::path`]):
//! `/{lang}/feed/` (RSS), `/{lang}/feed/atom/` (Atom, WordPress's own form, so
//! old subscriptions need no redirect) and `/{lang}/feed.json`; likewise
//! `/{lang}/topic/{slug}/feed/` and so on for every archive.

mod atom;
mod json;
mod rss;
pub(crate) mod xml;

use herald_core::Timestamp;

/// How many posts a feed carries unless configured otherwise.
pub const DEFAULT_FEED_ITEMS: u32 = 20;
/// The most posts a feed may be configured to carry.
pub const MAX_FEED_ITEMS: u32 = 500;

/// What a feed entry carries of a post's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedContent {
    /// The whole body (as HTML) and the excerpt.
    Full,
    /// The plain-text excerpt only: readers come to the site for the rest.
    Excerpt,
}

impl FeedContent {
    /// Parse `full` or `excerpt`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "full" => Some(Self::Full),
            "excerpt" => Some(Self::Excerpt),
            _ => None,
        }
    }
}

/// Feed settings of the web layer (`feed_items`, `feed_content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedConfig {
    /// How many of the latest posts each feed carries.
    pub items: u32,
    pub content: FeedContent,
}

impl Default for FeedConfig {
    fn default() -> Self {
        Self {
            items: DEFAULT_FEED_ITEMS,
            content: FeedContent::Full,
        }
    }
}

/// The three formats a feed is served in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Rss,
    Atom,
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages offer them.
    pub const ALL: [FeedFormat; 3] = [Self::Rss, Self::Atom, Self::Json];

    /// The feed of the listing at `listing` (a path ending in `/`).
    pub fn path(self, listing: &str) -> String {
        let suffix = match self {
            Self::Rss => "feed/",
            Self::Atom => "feed/atom/",
            Self::Json => "feed.json",
        };
        format!("{listing}{suffix}")
    }

    /// The `Content-Type` of the response.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml; charset=utf-8",
            Self::Atom => "application/atom+xml; charset=utf-8",
            Self::Json => "application/feed+json; charset=utf-8",
        }
    }

    /// The media type named in autodiscovery links.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml",
            Self::Atom => "application/atom+xml",
            Self::Json => "application/feed+json",
        }
    }

    /// The name readers know the format by.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rss => "RSS",
            Self::Atom => "Atom",
            Self::Json => "JSON Feed",
        }
    }

    /// WordPress's names (`?feed=rss2`, `/feed/atom/`…) for a format.
    pub fn from_wordpress(name: &str) -> Option<Self> {
        match name {
            "rss2" | "rss" | "rdf" => Some(Self::Rss),
            "atom" => Some(Self::Atom),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// A featured image offered as an enclosure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enclosure {
    /// Absolute URL.
    pub url: String,
    pub media_type: &'static str,
}

/// One post in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The absolute id-based permalink: it never changes when a post is edited,
    /// so it serves as the GUID (RSS), id (Atom and JSON Feed) and link.
    pub url: String,
    pub title: String,
    pub published: Timestamp,
    pub updated: Timestamp,
    pub author: Option<Person>,
    /// Names of the post's topics, then its tags.
    pub categories: Vec<String>,
    /// The plain-text excerpt.
    pub summary: String,
    /// The body as sanitised HTML, in full-content feeds.
    pub content_html: Option<String>,
    pub image: Option<Enclosure>,
}

/// An author with the absolute URL of their archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub url: String,
}

/// What every format shows of a feed.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: String,
    pub description: String,
    /// Language code (`xml:lang`, `<language>`).
    pub lang: String,
    /// Whether the language is written right to left (bodies are wrapped in
    /// `dir="rtl"` so readers lay them out right).
    pub rtl: bool,
    /// Absolute URL of the listing page the feed follows.
    pub home: String,
    /// Absolute URL of the listing, for building the feeds' own URLs.
    pub listing_path: String,
    pub base_url: String,
    /// The site's time zone, for the offsets of dates.
    pub tz: herald_render::dates::Tz,
    /// Who publishes: named as the Atom feed's author, for entries without one.
    pub publisher: String,
    pub entries: Vec<Entry>,
}

impl Feed {
    /// The absolute URL of this feed in `format`.
    pub fn self_url(&self, format: FeedFormat) -> String {
        format!("{}{}", self.base_url, format.path(&self.listing_path))
    }

    /// When the feed last changed: the latest entry update (the epoch when
    /// empty, so an empty feed's bytes do not change with the clock).
    pub fn updated(&self) -> Timestamp {
        self.entries.iter().map(|e| e.updated).max().unwrap_or(0)
    }

    /// The body of an entry as readers should lay it out: wrapped with the
    /// language's direction when it is right to left.
    fn content_html(&self, entry: &Entry) -> Option<String> {
        let html = entry.content_html.as_ref()?;
        Some(if self.rtl {
            format!(
                "<div dir=\"rtl\" lang=\"{}\">{html}</div>",
                xml::escape(&self.lang)
            )
        } else {
            html.clone()
        })
    }

    /// The document in `format`.
    pub fn render(&self, format: FeedFormat) -> String {
        match format {
            FeedFormat::Rss => rss::render(self),
            FeedFormat::Atom => atom::render(self),
            FeedFormat::Json => json::render(self),
        }
    }
}

/// An instant in RFC 822 form with the site's offset (RSS dates):
/// `Sun, 29 Nov 2026 15:30:00 +0330`.
fn rfc822(at: Timestamp, tz: herald_render::dates::Tz) -> String {
    use chrono::TimeZone;
    let utc = chrono::Utc
        .timestamp_opt(at, 0)
        .single()
        .unwrap_or_default();
    utc.with_timezone(&tz).to_rfc2822()
}

/// An instant in RFC 3339 form with the site's offset (Atom and JSON Feed).
fn rfc3339(at: Timestamp, tz: herald_render::dates::Tz) -> String {
    herald_render::dates::machine_date(at, tz)
}

/// The media type of an image from its file name (JPEG when unknown).
pub fn image_type(url: &str) -> &'static str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => "image/jpeg",
    }
}

#[cfg(test)]
mod tests;
