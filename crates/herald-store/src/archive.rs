//! What every backend's listing table shares: the key naming each archive, the
//! window of one page, and how a deep page is found without an `OFFSET` over
//! the whole archive. Archive keys: `home:{lang}`, `topic:{id}` (the topic and
//! every ancestor), `tag:{id}`, `author:{lang}:{id}`, `kind:{lang}:{kind}`.
//!
//! # Deep pages
//! An archive lists its rows by (sticky, publish_at, post_id), all descending,
//! and hides at read time the scheduled rows whose `publish_at` is after `now`.
//! Those hidden rows always sit at the head of their sticky group, so the full
//! order (hidden rows included) does not depend on `now`; only the mapping from
//! a page to a position in it does, and that needs two small counts of hidden
//! rows (an index range over scheduled posts only).
//!
//! Page `n` is then found from a *bookmark*: the key of every
//! [`BOOKMARK_EVERY`]-th row of the full order, kept in memory per archive.
//! The page query seeks to the bookmark at or before the page's position
//! (an index seek) and skips fewer than [`BOOKMARK_EVERY`] rows, whatever the
//! depth. Bookmarks are computed on the first deep read of an archive (one
//! pass over its index) and belong to one *version* of the archive: the
//! `listing_counts` table, kept by triggers in the transaction of every write,
//! holds each archive's size and a version that changes with every row
//! written, so a read sees at once whether its bookmarks still hold (on every
//! instance sharing a PostgreSQL database). Pages within the first
//! [`BOOKMARK_EVERY`] rows need no bookmarks: a short `OFFSET` is as cheap.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use herald_core::{Archive, ListQuery};

/// Rows between two bookmarks: the most a deep page skips with `OFFSET`.
pub(crate) const BOOKMARK_EVERY: u64 = 256;

/// Archives whose bookmarks are kept; past it the cache starts again empty
/// (each holds one key per [`BOOKMARK_EVERY`] rows: 100 KB for a million).
const MAX_ARCHIVES: usize = 4096;

/// The listing key of an archive in a language; `None` for search, which reads
/// posts directly.
pub(crate) fn key(language: &str, archive: &Archive) -> Option<String> {
    Some(match archive {
        Archive::Home => format!("home:{language}"),
        Archive::Topic(id) => format!("topic:{id}"),
        Archive::Tag(id) => format!("tag:{id}"),
        Archive::Author(id) => format!("author:{language}:{id}"),
        Archive::Kind(kind) => format!("kind:{language}:{kind}"),
        Archive::Search(_) => return None,
    })
}

/// The listing keys of the topics and tags `terms` (term ids are unique
/// across both taxonomies, so each id names one of the two): SQL string
/// literals, safe to inline as they are built from integers.
pub(crate) fn term_keys_sql(terms: &[i64]) -> String {
    let keys: Vec<String> = terms
        .iter()
        .map(|id| format!("'topic:{id}', 'tag:{id}'"))
        .collect();
    keys.join(", ")
}

/// Whether a post's related posts (newest public posts sharing one of its
/// terms) are best found by reading the language's posts newest first and
/// testing each (about `limit × language_posts / term_posts` rows), rather
/// than by reading every post of its terms and sorting them (`term_posts`
/// rows). Counts come from `listing_counts`; topics count their
/// descendants' posts too, which is close enough for this choice.
pub(crate) fn related_newest_first(term_posts: u64, language_posts: u64, limit: u32) -> bool {
    term_posts.saturating_mul(term_posts) > u64::from(limit.max(1)).saturating_mul(language_posts)
}

/// `LIMIT`/`OFFSET` of a page; absurd pages become an offset past any data.
pub(crate) fn limits(query: &ListQuery) -> (i64, i64) {
    let per_page = i64::from(query.per_page.max(1));
    let offset = i64::from(query.page.saturating_sub(1)).saturating_mul(per_page);
    (per_page, offset)
}

/// The position of a listing row: its sort key, every part descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowKey {
    pub sticky: bool,
    pub publish_at: i64,
    pub post_id: i64,
}

/// An archive as a read finds it: its size and version (`listing_counts`) and
/// how many of its rows are still hidden at the read's `now`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Census {
    /// Rows, hidden ones included.
    pub rows: u64,
    /// Of which sticky.
    pub sticky: u64,
    pub version: i64,
    /// Sticky rows whose time has not come.
    pub hidden_sticky: u64,
    /// Other rows whose time has not come.
    pub hidden_plain: u64,
}

impl Census {
    /// Rows a reader sees: the archive's total for the pager.
    pub(crate) fn visible(&self) -> u64 {
        self.rows
            .saturating_sub(self.hidden_sticky.saturating_add(self.hidden_plain))
    }

    /// The position in the full order of the `offset`-th visible row.
    fn full_position(&self, offset: u64) -> u64 {
        let visible_sticky = self.sticky.saturating_sub(self.hidden_sticky);
        if offset < visible_sticky {
            self.hidden_sticky + offset
        } else {
            self.sticky + self.hidden_plain + (offset - visible_sticky)
        }
    }

    /// Hidden rows among the full positions `from..to`.
    fn hidden_between(&self, from: u64, to: u64) -> u64 {
        let overlap = |start: u64, end: u64| to.min(end).saturating_sub(from.max(start));
        overlap(0, self.hidden_sticky) + overlap(self.sticky, self.sticky + self.hidden_plain)
    }
}

/// The keys of every [`BOOKMARK_EVERY`]-th row of an archive (the first row
/// included) at one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bookmarks {
    pub version: i64,
    pub keys: Vec<RowKey>,
}

/// How to read one page: from the row `from` on (inclusive; `None`: the
/// archive's first row), skip `skip` visible rows and take `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seek {
    pub from: Option<RowKey>,
    pub skip: i64,
    pub limit: i64,
}

/// What a page read has to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    /// The page is past the end: no rows.
    Empty,
    /// Read it with this seek.
    Read(Seek),
    /// The page is deep and the archive's bookmarks are missing or stale.
    NeedsBookmarks,
}

/// Whether a page starts within the first bookmark interval whatever is
/// hidden, so a plain `OFFSET` from the start is cheap (and always correct):
/// backends may read it together with the census.
pub(crate) fn is_shallow(query: &ListQuery) -> bool {
    let (_, offset) = limits(query);
    u64::try_from(offset).is_ok_and(|o| o < BOOKMARK_EVERY)
}

/// The page read with an `OFFSET` from the archive's first row: always right,
/// cheap only for the first pages.
pub(crate) fn from_start(query: &ListQuery) -> Seek {
    let (limit, offset) = limits(query);
    Seek {
        from: None,
        skip: offset,
        limit,
    }
}

/// How to read the page `query` asks for, given the archive's census and the
/// bookmarks at hand (used only when their version is the census's).
pub(crate) fn plan(query: &ListQuery, census: &Census, bookmarks: Option<&Bookmarks>) -> Plan {
    let (limit, offset) = limits(query);
    let offset = u64::try_from(offset).unwrap_or(u64::MAX);
    if offset >= census.visible() {
        return Plan::Empty;
    }
    let position = census.full_position(offset);
    let from_start = from_start(query);
    if position < BOOKMARK_EVERY {
        return Plan::Read(from_start);
    }
    let Some(bookmarks) = bookmarks.filter(|b| b.version == census.version) else {
        return Plan::NeedsBookmarks;
    };
    let index = position / BOOKMARK_EVERY;
    let Some(key) = usize::try_from(index)
        .ok()
        .and_then(|i| bookmarks.keys.get(i))
    else {
        // Bookmarks of this version always reach every row; read the slow way.
        return Plan::Read(from_start);
    };
    let start = index * BOOKMARK_EVERY;
    let skip = (position - start) - census.hidden_between(start, position);
    Plan::Read(Seek {
        from: Some(*key),
        skip: i64::try_from(skip).unwrap_or(i64::MAX),
        limit,
    })
}

/// Bookmarks of recently read archives, shared by a store's readers.
#[derive(Default)]
pub(crate) struct BookmarkCache {
    archives: Mutex<HashMap<String, Arc<Bookmarks>>>,
    /// Archives whose bookmarks a reader is building now.
    building: Mutex<HashSet<String>>,
}

/// The right to build an archive's bookmarks, released when dropped.
pub(crate) struct BuildClaim<'a> {
    cache: &'a BookmarkCache,
    archive: String,
}

impl Drop for BuildClaim<'_> {
    fn drop(&mut self) {
        if let Ok(mut building) = self.cache.building.lock() {
            building.remove(&self.archive);
        }
    }
}

impl BookmarkCache {
    /// The bookmarks of `archive` kept in memory, whatever their version.
    pub(crate) fn get(&self, archive: &str) -> Option<Arc<Bookmarks>> {
        self.archives.lock().ok()?.get(archive).cloned()
    }

    /// Claim the build of `archive`'s bookmarks: `None` while another reader
    /// builds them. After a write to a large archive, one reader pays the pass
    /// over its index; the others meanwhile read their page with an `OFFSET`
    /// instead of each building the same bookmarks.
    pub(crate) fn claim(&self, archive: &str) -> Option<BuildClaim<'_>> {
        let mut building = self.building.lock().ok()?;
        building.insert(archive.to_owned()).then(|| BuildClaim {
            cache: self,
            archive: archive.to_owned(),
        })
    }

    /// Keep `bookmarks` for `archive`, replacing older ones.
    pub(crate) fn put(&self, archive: &str, bookmarks: Bookmarks) -> Arc<Bookmarks> {
        let bookmarks = Arc::new(bookmarks);
        if let Ok(mut archives) = self.archives.lock() {
            if archives.len() >= MAX_ARCHIVES && !archives.contains_key(archive) {
                archives.clear();
            }
            archives.insert(archive.to_owned(), Arc::clone(&bookmarks));
        }
        bookmarks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive's rows in memory, in full order.
    fn archive(sticky: u64, plain: u64) -> Vec<RowKey> {
        let mut rows = Vec::new();
        for i in 0..sticky {
            rows.push((true, i));
        }
        for i in 0..plain {
            rows.push((false, i));
        }
        rows.into_iter()
            .enumerate()
            .map(|(n, (sticky, i))| RowKey {
                sticky,
                // Descending times, with ties every third row.
                publish_at: 1_000_000 - i64::try_from(i / 3).unwrap_or(0),
                post_id: 10_000_000 - i64::try_from(n).unwrap_or(0),
            })
            .collect()
    }

    fn census(sticky: u64, plain: u64, hidden_sticky: u64, hidden_plain: u64) -> Census {
        Census {
            rows: sticky + plain,
            sticky,
            version: 7,
            hidden_sticky,
            hidden_plain,
        }
    }

    fn bookmarks(rows: &[RowKey]) -> Bookmarks {
        Bookmarks {
            version: 7,
            keys: rows
                .iter()
                .step_by(usize::try_from(BOOKMARK_EVERY).unwrap_or(1))
                .copied()
                .collect(),
        }
    }

    /// Run a plan over the in-memory archive, as the SQL does.
    fn run(rows: &[RowKey], census: &Census, seek: &Seek) -> Vec<RowKey> {
        let hidden = |n: usize, row: &RowKey| {
            let n = n as u64;
            if row.sticky {
                n < census.hidden_sticky
            } else {
                n - census.sticky < census.hidden_plain
            }
        };
        let from = |row: &RowKey| {
            seek.from.is_none_or(|k| {
                (row.sticky, row.publish_at, row.post_id) <= (k.sticky, k.publish_at, k.post_id)
            })
        };
        rows.iter()
            .enumerate()
            .filter(|(n, row)| !hidden(*n, row) && from(row))
            .map(|(_, row)| *row)
            .skip(usize::try_from(seek.skip).unwrap_or(0))
            .take(usize::try_from(seek.limit).unwrap_or(0))
            .collect()
    }

    fn query(page: u32) -> ListQuery {
        ListQuery {
            language: "en".into(),
            archive: Archive::Home,
            page,
            per_page: 10,
            now: 0,
        }
    }

    #[test]
    fn every_page_matches_offset_over_visible_rows() {
        for (sticky, plain, hidden_sticky, hidden_plain) in [
            (0, 3000, 0, 0),
            (3, 2000, 1, 700),
            (300, 900, 17, 0),
            (5, 700, 5, 300),
        ] {
            let rows = archive(sticky, plain);
            let census = census(sticky, plain, hidden_sticky, hidden_plain);
            let all = Seek {
                from: None,
                skip: 0,
                limit: i64::MAX,
            };
            let visible = run(&rows, &census, &all);
            assert_eq!(visible.len() as u64, census.visible());
            let marks = bookmarks(&rows);
            for page in 1..=(visible.len() / 10 + 2) {
                let page = u32::try_from(page).unwrap_or(u32::MAX);
                let expected: Vec<RowKey> = visible
                    .iter()
                    .skip((page as usize - 1) * 10)
                    .take(10)
                    .copied()
                    .collect();
                match plan(&query(page), &census, Some(&marks)) {
                    Plan::Empty => assert!(expected.is_empty(), "page {page}"),
                    Plan::Read(seek) => {
                        assert!(seek.skip < BOOKMARK_EVERY as i64 + 10, "page {page}");
                        assert_eq!(run(&rows, &census, &seek), expected, "page {page}");
                    }
                    Plan::NeedsBookmarks => panic!("bookmarks were given"),
                }
            }
        }
    }

    #[test]
    fn one_reader_at_a_time_builds_an_archives_bookmarks() {
        let cache = BookmarkCache::default();
        let claim = cache.claim("home:en");
        assert!(claim.is_some());
        assert!(cache.claim("home:en").is_none());
        assert!(cache.claim("home:fa").is_some());
        drop(claim);
        assert!(cache.claim("home:en").is_some());
    }

    #[test]
    fn stale_bookmarks_are_not_used() {
        let census = census(0, 3000, 0, 0);
        let mut marks = bookmarks(&archive(0, 3000));
        marks.version = 6;
        assert_eq!(
            plan(&query(100), &census, Some(&marks)),
            Plan::NeedsBookmarks
        );
        assert_eq!(plan(&query(100), &census, None), Plan::NeedsBookmarks);
        assert!(matches!(plan(&query(2), &census, None), Plan::Read(_)));
        assert_eq!(plan(&query(301), &census, None), Plan::Empty);
    }
}
