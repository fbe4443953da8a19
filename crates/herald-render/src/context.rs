//! Typed page contexts: what each template may use. Templates are loaded at run
//! time, but what they receive is fixed here, and [`crate::samples`] holds a
//! sample of every context so `herald theme check` can render every template.

use serde::Serialize;

use crate::strings::Strings;

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// A header menu entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// An entry of the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub url: String,
    pub dir: &'static str,
    pub current: bool,
}

/// `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A feed offered for autodiscovery (`<link rel="alternate" type=…>`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedLink {
    /// `application/rss+xml`, `application/atom+xml` or `application/feed+json`.
    pub media_type: &'static str,
    pub title: String,
    /// Absolute URL.
    pub href: String,
}

/// What social networks show of a page (OpenGraph and Twitter card tags).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Social {
    /// `website` or `article`.
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    /// Absolute URL of the image, when the page has one.
    pub image: Option<String>,
    pub image_alt: String,
    /// `fa_IR`-style locale.
    pub locale: String,
    /// RFC 3339 times of an article.
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// The optional parts of a page's head: feeds, social tags and structured
/// data. Handlers fill what applies; the rest stays empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HeadExtras {
    pub feeds: Vec<FeedLink>,
    pub social: Option<Social>,
    /// JSON-LD documents, already serialised with `<` escaped (`\u003c`), so
    /// they can sit inside `<script type="application/ld+json">` as they are.
    pub json_ld: Vec<String>,
}

/// What every page shares: the document head, header and footer.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    pub lang: String,
    pub dir: &'static str,
    pub site_name: String,
    pub tagline: String,
    /// The document title (`<title>`).
    pub title: String,
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub menu: Vec<NavLink>,
    pub languages: Vec<LanguageLink>,
    pub home_url: String,
    /// Where the search form sends its `q`.
    pub search_url: String,
    pub css_href: String,
    /// The "Read more" label of this language.
    pub read_more: String,
    /// Ask search engines not to index (search results, 404).
    pub noindex: bool,
    pub extras: HeadExtras,
    pub t: &'static Strings,
}

/// A post in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub date: String,
    pub datetime: String,
    pub excerpt: String,
    pub topics: Vec<Link>,
    pub author: Option<Link>,
    pub kind: Option<Link>,
    pub sticky: bool,
}

/// One entry of the numbered pagination.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// The page number in the language's digits; empty for a gap.
    pub label: String,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

/// Numbered pagination with newer/older links.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub links: Vec<PagerLink>,
    pub newer: Option<String>,
    pub older: Option<String>,
}

/// Home, topic, tag, author and kind archives, and search results.
#[derive(Debug, Clone, Serialize)]
pub struct ListingContext {
    pub chrome: Chrome,
    /// "home", "topic", "tag", "author", "kind" or "search".
    pub archive: &'static str,
    /// The page's h1 (the site name on the home page).
    pub heading: String,
    /// What kind of archive this is ("Topic"), shown above the heading.
    pub label: String,
    pub description: String,
    /// Child topics of a topic archive.
    pub subtopics: Vec<Link>,
    pub breadcrumbs: Vec<Link>,
    pub items: Vec<Item>,
    /// "Page 2" (localised) past the first page; empty on page 1.
    pub page_label: String,
    pub pager: Option<Pager>,
    /// The search text, on search pages.
    pub query: String,
}

/// The post itself, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub date: String,
    pub datetime: String,
    pub updated: Option<String>,
    pub updated_datetime: Option<String>,
    pub author: Option<Link>,
    pub kind: Option<Link>,
    pub topics: Vec<Link>,
    pub tags: Vec<Link>,
    pub body_html: String,
}

/// A link to a translation.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationLink {
    pub lang: String,
    pub language_name: String,
    pub dir: &'static str,
    pub title: String,
    pub url: String,
}

/// A post page.
#[derive(Debug, Clone, Serialize)]
pub struct PostContext {
    pub chrome: Chrome,
    pub post: PostView,
    pub breadcrumbs: Vec<Link>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    pub related: Vec<Item>,
    pub translations: Vec<TranslationLink>,
    pub share: Vec<Link>,
    /// Approved comments, each reply after the comment it answers.
    pub comments: Vec<CommentView>,
}

/// One comment as shown under a post.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// The writer's site, when it is an http(s) address.
    pub url: Option<String>,
    pub date: String,
    pub datetime: String,
    /// The text with the few tags comments keep, sanitised.
    pub body_html: String,
    /// How deep in its thread (0 for a comment on the post), capped at 4.
    pub depth: u32,
}

/// A static page (About, Contact).
#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    pub chrome: Chrome,
    pub title: String,
    pub body_html: String,
    pub breadcrumbs: Vec<Link>,
    pub children: Vec<Link>,
}

/// The localised 404 page.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundContext {
    pub chrome: Chrome,
    pub recent: Vec<Item>,
}
