//! The page cache: rendered public pages kept in memory, so a news spike is
//! answered without a query, a template, a hash or a compression per request.
//!
//! - **What is kept**: answers (200 and 301) to GET and HEAD of public URLs by
//!   visitors without a session cookie, unless the answer sets a cookie, says
//!   `no-store` or `private`, or its handler marked it [`NotKept`] (search
//!   results, sitemaps that depend on the time). Keys: see [`key`].
//! - **Bounded in bytes** ([`PageCacheConfig::bytes`]): every body, header and
//!   key counts; least-used pages go first ([`entries`]); a page enters only
//!   on its second request ([`doorkeeper`]), so floods of one-off URLs pass by.
//! - **Each entry holds every encoding**: the body as rendered, gzip and
//!   brotli made once when it is filled; a hit picks by `Accept-Encoding` and
//!   answers with the same ETag, `Vary` and `Last-Modified` as an uncached
//!   answer, or 304 to a matching `If-None-Match`/`If-Modified-Since`.
//! - **Never stale after a write**: the store's content generation
//!   ([`herald_core::Store::content_generation`]) moves after every committed
//!   content write, here or (through the store's watch) elsewhere. A lookup at
//!   another generation than the cache's drops everything; a page rendered
//!   while the generation moved is not kept. The generation is read before
//!   rendering and compared after, so a page is kept only if no write landed
//!   in between.
//! - **Never stale after a scheduled time**: each entry expires at the next
//!   `publish_at` after it was rendered ([`herald_core::Store::next_publish_after`]),
//!   and at the latest after [`PageCacheConfig::max_age_seconds`], by the
//!   injected clock.

mod doorkeeper;
mod entries;
mod key;
mod layer;
mod page;

use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};

use herald_core::Timestamp;

pub(crate) use layer::{PageCacheState, layer};
pub use page::{Asked, CachedPage, Encoding};

use doorkeeper::Doorkeeper;
use entries::Entries;

/// Default size of the page cache, in MiB.
pub const DEFAULT_PAGE_CACHE_MB: usize = 64;
/// Default longest life of a cached page, in seconds: a safety net only, as
/// writes and scheduled times already end entries exactly.
pub const DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS: u32 = 600;

/// How big the page cache is and how long a page may live in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCacheConfig {
    /// Bytes held at most; 0 turns the cache off.
    pub bytes: usize,
    /// Seconds a page may be served from the cache at most.
    pub max_age_seconds: u32,
}

impl Default for PageCacheConfig {
    fn default() -> Self {
        Self {
            bytes: DEFAULT_PAGE_CACHE_MB * 1024 * 1024,
            max_age_seconds: DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS,
        }
    }
}

/// A response extension: this answer must not be kept by the page cache.
#[derive(Debug, Clone, Copy)]
pub struct NotKept;

/// The pages of one content generation.
struct Shelf {
    generation: Option<u64>,
    entries: Entries<CachedPage>,
}

/// The cache itself; see the module documentation.
pub struct PageCache {
    config: PageCacheConfig,
    shelf: RwLock<Shelf>,
    doorkeeper: Doorkeeper,
    /// Keys being filled now: one fill per page at a time, so a spike on a
    /// page just ended by a write compresses it once, not once per request.
    filling: Mutex<HashSet<String>>,
}

/// A fill in progress; dropping it lets the next one start.
pub struct Filling<'a> {
    cache: &'a PageCache,
    key: String,
}

impl Drop for Filling<'_> {
    fn drop(&mut self) {
        if let Ok(mut filling) = self.cache.filling.lock() {
            filling.remove(&self.key);
        }
    }
}

impl PageCache {
    /// An empty cache; `None` when the configuration turns it off.
    pub fn new(config: PageCacheConfig) -> Option<Self> {
        (config.bytes > 0).then(|| Self {
            config,
            shelf: RwLock::new(Shelf {
                generation: None,
                entries: Entries::new(config.bytes),
            }),
            doorkeeper: Doorkeeper::default(),
            filling: Mutex::default(),
        })
    }

    /// The page under `key` if it is current: filled at `generation` and not
    /// expired at `now`. A lookup at a new generation empties the cache.
    pub fn lookup(&self, key: &str, generation: u64, now: Timestamp) -> Option<Arc<CachedPage>> {
        if let Ok(shelf) = self.shelf.read()
            && shelf.generation == Some(generation)
        {
            let page = shelf.entries.get(key)?;
            return (page.filled_at <= now && now < page.expires_at).then(|| Arc::clone(page));
        }
        if let Ok(mut shelf) = self.shelf.write() {
            shelf.move_to(generation);
        }
        None
    }

    /// Whether a page missing under `key` should be filled: on its second
    /// request (see [`doorkeeper`]).
    pub fn admits(&self, key: &str) -> bool {
        self.doorkeeper.seen_before(key)
    }

    /// Claim the fill of `key`; `None` while another request fills it (that
    /// request renders without the cache instead).
    pub fn start_fill(&self, key: &str) -> Option<Filling<'_>> {
        let mut filling = self.filling.lock().ok()?;
        filling.insert(key.to_owned()).then(|| Filling {
            cache: self,
            key: key.to_owned(),
        })
    }

    /// Keep `page`, rendered at `filled_at` when the content generation was
    /// `generation`, until `next_change` (the next scheduled publication) or
    /// its maximum age. Returns whether it was kept (not when a later
    /// generation is already there, or the page is too big).
    pub fn insert(
        &self,
        key: &str,
        mut page: CachedPage,
        generation: u64,
        filled_at: Timestamp,
        next_change: Option<Timestamp>,
    ) -> bool {
        let max_age = filled_at.saturating_add(i64::from(self.config.max_age_seconds));
        page.filled_at = filled_at;
        page.expires_at = next_change.map_or(max_age, |at| at.min(max_age));
        let Ok(mut shelf) = self.shelf.write() else {
            return false;
        };
        shelf.move_to(generation);
        if shelf.generation != Some(generation) {
            return false;
        }
        let weight = page.weight();
        shelf.entries.insert(key, Arc::new(page), weight)
    }

    /// Bytes held now (never more than the configured size).
    pub fn bytes(&self) -> usize {
        self.shelf.read().map_or(0, |s| s.entries.bytes())
    }

    /// Pages held now.
    pub fn len(&self) -> usize {
        self.shelf.read().map_or(0, |s| s.entries.len())
    }

    /// Whether no page is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The configured bound, in bytes.
    pub fn capacity(&self) -> usize {
        self.config.bytes
    }
}

impl Shelf {
    /// Start `generation` afresh when it is newer than the current one
    /// (generations only grow; a late request at an older one changes nothing).
    fn move_to(&mut self, generation: u64) {
        if self.generation.is_none_or(|current| current < generation) {
            self.entries.clear();
            self.generation = Some(generation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_fill_per_page_at_a_time() {
        let cache = PageCache::new(PageCacheConfig::default()).unwrap();
        let first = cache.start_fill("/en/").unwrap();
        assert!(cache.start_fill("/en/").is_none());
        assert!(cache.start_fill("/fa/").is_some());
        drop(first);
        assert!(cache.start_fill("/en/").is_some());
    }

    #[test]
    fn pages_of_an_older_generation_are_never_served_nor_kept() {
        use axum::http::{HeaderMap, StatusCode};
        let cache = PageCache::new(PageCacheConfig::default()).unwrap();
        let page = || CachedPage::new(StatusCode::OK, HeaderMap::new(), "x".repeat(100).into());
        assert!(cache.insert("/en/", page(), 5, 1_000, None));
        assert!(cache.lookup("/en/", 5, 1_000).is_some());
        assert!(
            cache.lookup("/en/", 6, 1_000).is_none(),
            "a newer generation"
        );
        assert!(cache.is_empty(), "emptied");
        assert!(
            !cache.insert("/en/", page(), 5, 1_000, None),
            "filled before the write"
        );
        assert!(cache.insert("/en/", page(), 6, 1_000, Some(1_060)));
        assert!(
            cache.lookup("/en/", 5, 1_000).is_none(),
            "a late older request"
        );
        assert!(cache.lookup("/en/", 6, 1_059).is_some());
        assert!(
            cache.lookup("/en/", 6, 1_060).is_none(),
            "the next publication"
        );
        assert!(
            cache.lookup("/en/", 6, 999).is_none(),
            "the clock went back"
        );
        assert!(cache.insert("/fa/", page(), 6, 1_000, None));
        let max_age = 1_000 + i64::from(DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS);
        assert!(cache.lookup("/fa/", 6, max_age - 1).is_some());
        assert!(
            cache.lookup("/fa/", 6, max_age).is_none(),
            "the maximum age"
        );
    }
}
