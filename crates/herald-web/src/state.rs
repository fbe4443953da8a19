//! What every handler shares: the store, the theme, the clock, the random
//! source, and the settings that come from configuration rather than the
//! database.

use std::sync::Arc;

use herald_core::{Clock, RandomSource, Store};
use herald_render::Theme;

use crate::cache::PageCache;

/// How long a session may sit unused before it ends: two weeks.
pub const DEFAULT_SESSION_IDLE_SECONDS: i64 = 14 * 24 * 60 * 60;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Absolute base URL of the public site, without a trailing slash.
    pub base_url: String,
    /// Seconds of inactivity after which a sign-in session ends.
    pub session_idle_seconds: i64,
    /// The rules of `/robots.txt`; `None` allows everything but the admin
    /// and search results. The sitemap line is always added.
    pub robots_txt: Option<String>,
    /// How long shared caches keep public pages.
    pub cache: crate::caching::CachePolicy,
    /// How many posts feeds carry, and whether whole or as excerpts.
    pub feeds: crate::feed::FeedConfig,
    /// The folder served at `/uploads/` (media files an import copied in);
    /// `None` serves nothing there.
    pub uploads_dir: Option<std::path::PathBuf>,
    /// The size and page lifetime of the in-memory page cache (size 0: off).
    pub page_cache: crate::cache::PageCacheConfig,
}

impl WebConfig {
    /// Settings for a site at `base_url`, everything else at its default.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            session_idle_seconds: DEFAULT_SESSION_IDLE_SECONDS,
            robots_txt: None,
            cache: crate::caching::CachePolicy::default(),
            feeds: crate::feed::FeedConfig::default(),
            uploads_dir: None,
            page_cache: crate::cache::PageCacheConfig::default(),
        }
    }

    /// Whether the site is served over https (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// The shared state of the router. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub theme: Arc<Theme>,
    pub clock: Arc<dyn Clock>,
    /// Where session ids and CSRF tokens come from.
    pub random: Arc<dyn RandomSource>,
    pub config: Arc<WebConfig>,
    /// The in-memory page cache, when configured (see [`crate::cache`]).
    pub page_cache: Option<Arc<PageCache>>,
}

impl AppState {
    /// State over `store` with the given theme, clock and random source.
    pub fn new(
        store: Arc<dyn Store>,
        theme: Theme,
        clock: Arc<dyn Clock>,
        random: Arc<dyn RandomSource>,
        config: WebConfig,
    ) -> Self {
        let mut config = config;
        config.base_url = config.base_url.trim_end_matches('/').to_owned();
        Self {
            store,
            theme: Arc::new(theme),
            clock,
            random,
            page_cache: PageCache::new(config.page_cache).map(Arc::new),
            config: Arc::new(config),
        }
    }
}
