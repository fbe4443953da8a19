//! What sitemaps are made of: the rows a store hands out for them and the
//! rule that splits a language's posts into files.
//!
//! Post sitemaps are split by id, not by position: file `n` of a language
//! holds its public posts with ids `(n-1)·50,000 + 1 ..= n·50,000`. A post
//! therefore stays in the same file for life, no file ever exceeds the
//! sitemaps.org limit of 50,000 URLs, and a file is one primary-key range
//! scan however large the site (no `OFFSET` over a million rows). Files are
//! sparser when ids are shared between languages; the index lists only
//! files that have posts.

use crate::clock::Timestamp;
use crate::model::{PostId, Taxonomy};

/// Most URLs a sitemap file may hold (sitemaps.org).
pub const SITEMAP_MAX_URLS: u32 = 50_000;

/// Most URLs a Google News sitemap may hold.
pub const NEWS_MAX_URLS: u32 = 1_000;

/// How far back a news sitemap reaches: two days.
pub const NEWS_WINDOW_SECONDS: i64 = 48 * 3600;

/// The ids of post sitemap file `n` (1-based); `None` for 0 or a number past
/// any id.
pub fn post_file_ids(n: u32) -> Option<(PostId, PostId)> {
    let size = i64::from(SITEMAP_MAX_URLS);
    let last = i64::from(n).checked_mul(size)?;
    (n >= 1).then(|| (last - size + 1, last))
}

/// The post sitemap file holding post `id`.
pub fn post_file_of(id: PostId) -> u32 {
    let n = (id.max(1) - 1) / i64::from(SITEMAP_MAX_URLS) + 1;
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Which public posts or pages of a language a sitemap asks for: ids after
/// `after` up to `through`, oldest id first, at most `limit` (keyset paging).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapQuery {
    pub language: String,
    /// Pages (`true`) or posts of every other kind (`false`).
    pub pages: bool,
    /// Only ids greater than this (0 for the start).
    pub after: PostId,
    /// Only ids up to this one.
    pub through: PostId,
    /// Only posts published at or after this instant (news sitemaps).
    pub since: Option<Timestamp>,
    pub limit: u32,
    /// Posts scheduled after this instant are not public yet.
    pub now: Timestamp,
}

/// A public post or page as a sitemap lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub id: PostId,
    pub language: String,
    pub title: String,
    /// Pages: the slug and parent, to build the page's path.
    pub slug: String,
    pub parent: Option<PostId>,
    pub publish_at: Timestamp,
    pub updated_at: Timestamp,
    /// Public translations in other languages, `(language, id)`, one per
    /// language, in language order.
    pub translations: Vec<(String, PostId)>,
}

/// Which file of a language's sitemaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitemapSection {
    /// Post file `n` (see [`post_file_ids`]).
    Posts(u32),
    Pages,
    Topics,
    Tags,
}

/// A non-empty sitemap file of a language, as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapFile {
    pub section: SitemapSection,
    /// How many URLs it holds.
    pub urls: u64,
    /// The latest change of anything it lists.
    pub last_modified: Timestamp,
}

/// A topic or tag archive with public posts, as a sitemap lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapTerm {
    pub taxonomy: Taxonomy,
    pub slug: String,
    /// The latest publication or update among its public posts.
    pub last_modified: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_split_ids_at_fifty_thousand() {
        assert_eq!(post_file_ids(1), Some((1, 50_000)));
        assert_eq!(post_file_ids(2), Some((50_001, 100_000)));
        assert_eq!(post_file_ids(0), None);
        assert_eq!(post_file_of(1), 1);
        assert_eq!(post_file_of(50_000), 1);
        assert_eq!(post_file_of(50_001), 2);
        assert_eq!(post_file_of(1_000_000), 20);
        let (first, last) = post_file_ids(u32::MAX).expect("large files exist");
        assert_eq!(last - first + 1, 50_000);
    }
}
