//! The WordPress export format (WXR), read as a stream.
//!
//! A WordPress export is an RSS 2.0 document whose channel holds the site's
//! authors, terms and then every item (post, page, attachment, menu item…).
//! [`WxrReader`] yields them one by one, so a 1 GB export is read with memory
//! bounded by its largest item, and refuses anything dangerous: a DTD, an
//! entity other than the five XML ones, a bad character reference.
//!
//! Per-item problems (a field over a limit, an unusable id) do not stop the
//! import: the item comes out as [`WxrEntry::Skipped`] with the reason.
//! Broken XML stops it with a [`WxrError`] that says where (line and column,
//! both 1-based; the column counts characters, not bytes).

mod comments;
mod entries;
mod fields;
mod reader;
pub mod writer;
mod xml;

pub use reader::WxrReader;

use herald_core::Timestamp;

/// Bounds on what one entry may hold. An item with a field over a limit is
/// reported as [`WxrEntry::Skipped`] and the reader moves on without keeping it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest `content:encoded` of an item, in bytes (default 16 MiB).
    pub max_content_bytes: usize,
    /// Largest other text field (title, excerpt, a meta value, a comment…),
    /// in bytes (default 1 MiB).
    pub max_field_bytes: usize,
    /// Most comments one item may carry (default 100,000).
    pub max_comments_per_item: usize,
    /// Most `wp:postmeta` entries one item may carry, and most `<category>`
    /// terms (default 10,000).
    pub max_meta_per_item: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_content_bytes: 16 << 20,
            max_field_bytes: 1 << 20,
            max_comments_per_item: 100_000,
            max_meta_per_item: 10_000,
        }
    }
}

/// One thing read from the export, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum WxrEntry {
    /// The site's description; comes once, before the first author, term or
    /// item (or at the end of a file that has none).
    Site(SiteInfo),
    /// `<wp:author>`.
    Author(WxrAuthor),
    /// `<wp:category>`, `<wp:tag>` or `<wp:term>`.
    Term(WxrTerm),
    /// `<item>`: a post, page, attachment, menu item or custom type.
    Item(Box<WxrItem>),
    /// An entry the reader could not take (a field over a limit, no usable
    /// id…); the import goes on.
    Skipped(Skipped),
}

/// The channel's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteInfo {
    pub title: String,
    pub link: String,
    pub description: String,
    /// `language` of the channel, e.g. `en-US` (the site's main language).
    pub language: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    /// `wp:wxr_version`, e.g. `1.2`.
    pub wxr_version: String,
}

/// `<wp:author>`: a user who wrote something in the export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WxrAuthor {
    /// `wp:author_id`; `None` when missing or not a usable id.
    pub id: Option<i64>,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// A term: category, tag, or a term of another taxonomy (`language`,
/// `post_translations`, `nav_menu`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WxrTerm {
    /// `wp:term_id`; `None` when missing or not a usable id.
    pub id: Option<i64>,
    /// `category`, `post_tag`, or the `wp:term_taxonomy` of a `<wp:term>`.
    pub taxonomy: String,
    /// Percent-decoded slug (Persian slugs come out in Persian).
    pub slug: String,
    /// The parent's decoded slug; `None` when there is none.
    pub parent_slug: Option<String>,
    pub name: String,
    pub description: String,
    /// `wp:termmeta` pairs (WXR 1.2), in file order.
    pub meta: Vec<(String, String)>,
}

/// `<item>`: one post, page, attachment, menu item or custom post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WxrItem {
    /// `wp:post_id` (always a usable id: items without one are skipped).
    pub id: i64,
    pub title: String,
    pub link: String,
    pub guid: String,
    /// `dc:creator`: the author's login.
    pub creator: String,
    /// `content:encoded`: raw WordPress HTML, verbatim.
    pub content: String,
    /// `excerpt:encoded`, verbatim.
    pub excerpt: String,
    /// `wp:post_date`, the site's local time read as if it were UTC.
    pub post_date: Option<Timestamp>,
    /// `wp:post_date_gmt`; `None` for drafts (`0000-00-00 00:00:00`).
    pub post_date_gmt: Option<Timestamp>,
    /// `wp:post_modified_gmt` when present.
    pub modified_gmt: Option<Timestamp>,
    pub comment_status: String,
    pub ping_status: String,
    /// `wp:post_name`, percent-decoded.
    pub slug: String,
    /// `publish`, `draft`, `pending`, `future`, `private`, `trash`, `inherit`…
    pub status: String,
    /// `wp:post_parent` (0 = none).
    pub parent: i64,
    pub menu_order: i64,
    /// `post`, `page`, `attachment`, `nav_menu_item`, or a custom type.
    pub post_type: String,
    /// `wp:post_password` (empty when the post is not protected).
    pub password: String,
    /// `wp:is_sticky` = 1.
    pub sticky: bool,
    /// `wp:attachment_url` of an attachment.
    pub attachment_url: Option<String>,
    /// The item's `<category domain=… nicename=…>` terms, in file order.
    pub terms: Vec<ItemTerm>,
    /// `wp:postmeta` key/value pairs, in file order.
    pub meta: Vec<(String, String)>,
    pub comments: Vec<WxrComment>,
    /// What the reader noticed but could work around (an invalid date kept as
    /// `None`, an unusable parent id, a comment without id…).
    pub warnings: Vec<String>,
}

/// A term an item belongs to: `<category domain="…" nicename="…">Name</category>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemTerm {
    /// `category`, `post_tag`, `language`, `post_translations`, `post_format`…
    pub domain: String,
    /// The decoded `nicename`.
    pub slug: String,
    pub name: String,
}

/// `<wp:comment>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WxrComment {
    pub id: i64,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    pub author_ip: String,
    pub date_gmt: Option<Timestamp>,
    pub date: Option<Timestamp>,
    /// `wp:comment_content`, verbatim.
    pub content: String,
    /// `1`, `0`, `spam`, `trash`.
    pub approved: String,
    /// Empty or `comment` for comments; `pingback`, `trackback`…
    pub comment_type: String,
    /// The parent comment's id (0 = none).
    pub parent: i64,
    pub user_id: i64,
    pub meta: Vec<(String, String)>,
}

/// An entry the reader left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// The entry's id when it had a usable one.
    pub id: Option<i64>,
    /// The item's title (or a term's name, an author's login).
    pub title: String,
    pub reason: String,
}

/// Why the export could not be read further: broken XML, a refused
/// construct (DTD, entity), a file that is not WXR, a read failure.
/// After an error the reader yields nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxrError {
    /// 1-based line of the problem.
    pub line: u64,
    /// 1-based column of the problem, in characters.
    pub column: u64,
    pub message: String,
}

impl std::fmt::Display for WxrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for WxrError {}
