//! Configuration in two phases: raw values from `herald.toml` in the data folder,
//! `HERALD_*` environment variables and flags (flags win, then the environment,
//! then the file), then validated settings. A bad value is reported with the
//! name of its key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use herald_web::DEFAULT_SESSION_IDLE_SECONDS;
use herald_web::cache::{
    DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS, DEFAULT_PAGE_CACHE_MB, PageCacheConfig,
};
use herald_web::caching::CachePolicy;
use herald_web::feed::{FeedConfig, FeedContent, MAX_FEED_ITEMS};
use serde::Deserialize;

/// The name of the configuration file inside the data folder.
pub const CONFIG_FILE: &str = "herald.toml";

/// The longest idle time a session may be given: a year, in minutes.
pub const MAX_SESSION_IDLE_MINUTES: i64 = 366 * 24 * 60;

/// The longest a cache may be told to keep a page: a year, in seconds.
pub const MAX_CACHE_SECONDS: u32 = 366 * 24 * 60 * 60;

/// The largest page cache: 64 GiB, in MiB.
pub const MAX_PAGE_CACHE_MB: usize = 64 * 1024;

/// Values as written in `herald.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub base_url: Option<String>,
    pub database_url: Option<String>,
    pub theme: Option<PathBuf>,
    pub log_format: Option<String>,
    /// A number or a string, checked with the other keys in [`settings`].
    pub session_idle_minutes: Option<toml::Value>,
    /// The rules of `/robots.txt`; the sitemap line is always added.
    pub robots_txt: Option<String>,
    /// Numbers or strings, like `session_idle_minutes`.
    pub cache_listing_seconds: Option<toml::Value>,
    pub cache_post_seconds: Option<toml::Value>,
    /// A number or a string, like `session_idle_minutes`.
    pub feed_items: Option<toml::Value>,
    pub feed_content: Option<String>,
    /// Numbers or strings, like `session_idle_minutes`.
    pub page_cache_mb: Option<toml::Value>,
    pub page_cache_max_age_seconds: Option<toml::Value>,
}

/// Values given on the command line or in the environment (already merged by clap).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
    pub base_url: Option<String>,
    pub database_url: Option<String>,
    pub theme: Option<PathBuf>,
    pub log_format: Option<String>,
    pub session_idle_minutes: Option<String>,
    pub robots_txt: Option<String>,
    pub cache_listing_seconds: Option<String>,
    pub cache_post_seconds: Option<String>,
    pub feed_items: Option<String>,
    pub feed_content: Option<String>,
    pub page_cache_mb: Option<String>,
    pub page_cache_max_age_seconds: Option<String>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data: PathBuf,
    pub bind: SocketAddr,
    pub base_url: String,
    pub database_url: String,
    pub theme: Option<PathBuf>,
    pub log_format: LogFormat,
    /// Seconds a sign-in session may sit unused before it ends.
    pub session_idle_seconds: i64,
    /// The rules of `/robots.txt`; `None` for the default rules.
    pub robots_txt: Option<String>,
    /// How long shared caches keep listings and posts.
    pub cache: CachePolicy,
    /// How many posts feeds carry, whole or as excerpts.
    pub feeds: FeedConfig,
    /// The in-memory page cache's size (0: off) and page lifetime.
    pub page_cache: PageCacheConfig,
}

/// Read `herald.toml` from `data` (absent is fine).
///
/// # Errors
/// An unreadable file, bad TOML or an unknown key, naming the file.
pub fn read_file(data: &Path) -> anyhow::Result<FileConfig> {
    let path = data.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("invalid config {}: {}", path.display(), e.message())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Merge and validate.
///
/// # Errors
/// The first invalid value, naming its key.
pub fn settings(data: &Path, file: FileConfig, over: Overrides) -> anyhow::Result<Settings> {
    let bind_text = over
        .bind
        .or(file.bind)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let bind: SocketAddr = bind_text.parse().map_err(|_| {
        anyhow::anyhow!("invalid config: bind `{bind_text}` is not an address like 127.0.0.1:8080")
    })?;
    let base_url = over
        .base_url
        .or(file.base_url)
        .unwrap_or_else(|| format!("http://{bind}"));
    if !(base_url.starts_with("http://") || base_url.starts_with("https://"))
        || base_url.len() < 10
        || base_url.contains(char::is_whitespace)
    {
        bail!("invalid config: base_url `{base_url}` must be an absolute http:// or https:// URL");
    }
    let database_url = over
        .database_url
        .or(file.database_url)
        .unwrap_or_else(|| format!("sqlite://{}", data.join("herald.db").display()));
    let log_format = match over.log_format.or(file.log_format).as_deref() {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => bail!("invalid config: log_format `{other}` must be `text` or `json`"),
    };
    let session_idle_seconds =
        session_idle_seconds(over.session_idle_minutes, file.session_idle_minutes)?;
    let defaults = CachePolicy::default();
    let cache = CachePolicy {
        listing_seconds: cache_seconds(
            "cache_listing_seconds",
            given(over.cache_listing_seconds, file.cache_listing_seconds),
            defaults.listing_seconds,
        )?,
        post_seconds: cache_seconds(
            "cache_post_seconds",
            given(over.cache_post_seconds, file.cache_post_seconds),
            defaults.post_seconds,
        )?,
    };
    let feeds = FeedConfig {
        items: feed_items(over.feed_items, file.feed_items)?,
        content: feed_content(over.feed_content.or(file.feed_content))?,
    };
    let page_cache = page_cache(
        given(over.page_cache_mb, file.page_cache_mb),
        given(
            over.page_cache_max_age_seconds,
            file.page_cache_max_age_seconds,
        ),
    )?;
    Ok(Settings {
        page_cache,
        data: data.to_owned(),
        bind,
        base_url: base_url.trim_end_matches('/').to_owned(),
        database_url,
        theme: over.theme.or(file.theme),
        log_format,
        session_idle_seconds,
        robots_txt: over.robots_txt.or(file.robots_txt),
        cache,
        feeds,
    })
}

/// `session_idle_minutes` in seconds: a whole number of minutes from 1 to a
/// year, from the flag or environment, else the file, else two weeks.
fn session_idle_seconds(over: Option<String>, file: Option<toml::Value>) -> anyhow::Result<i64> {
    let text = match (over, file) {
        (Some(text), _) | (None, Some(toml::Value::String(text))) => text,
        (None, Some(value)) => value.to_string(),
        (None, None) => return Ok(DEFAULT_SESSION_IDLE_SECONDS),
    };
    match text.trim().parse::<i64>() {
        Ok(minutes) if (1..=MAX_SESSION_IDLE_MINUTES).contains(&minutes) => Ok(minutes * 60),
        _ => bail!(
            "invalid config: session_idle_minutes `{text}` must be a whole number of minutes \
             from 1 to {MAX_SESSION_IDLE_MINUTES}"
        ),
    }
}

/// A value from the flag or environment, else from the file, as text.
fn given(over: Option<String>, file: Option<toml::Value>) -> Option<String> {
    match (over, file) {
        (Some(text), _) | (None, Some(toml::Value::String(text))) => Some(text),
        (None, Some(value)) => Some(value.to_string()),
        (None, None) => None,
    }
}

/// A cache lifetime (`cache_listing_seconds`, `cache_post_seconds`): a whole
/// number of seconds from 0 (revalidate every time) to a year, else `default`.
fn cache_seconds(key: &str, text: Option<String>, default: u32) -> anyhow::Result<u32> {
    let Some(text) = text else {
        return Ok(default);
    };
    match text.trim().parse::<u32>() {
        Ok(seconds) if seconds <= MAX_CACHE_SECONDS => Ok(seconds),
        _ => bail!(
            "invalid config: {key} `{text}` must be a whole number of seconds from 0 to \
             {MAX_CACHE_SECONDS}"
        ),
    }
}

/// `page_cache_mb` (a whole number of MiB from 0, which turns the cache off,
/// to [`MAX_PAGE_CACHE_MB`]; default 64) and `page_cache_max_age_seconds` (a
/// whole number of seconds from 1 to a year; default 600).
fn page_cache(mb: Option<String>, max_age: Option<String>) -> anyhow::Result<PageCacheConfig> {
    let mb = match mb {
        None => DEFAULT_PAGE_CACHE_MB,
        Some(text) => match text.trim().parse::<usize>() {
            Ok(mb) if mb <= MAX_PAGE_CACHE_MB => mb,
            _ => bail!(
                "invalid config: page_cache_mb `{text}` must be a whole number of MiB from 0 \
                 (no page cache) to {MAX_PAGE_CACHE_MB}"
            ),
        },
    };
    let max_age_seconds = match max_age {
        None => DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS,
        Some(text) => match text.trim().parse::<u32>() {
            Ok(seconds) if (1..=MAX_CACHE_SECONDS).contains(&seconds) => seconds,
            _ => bail!(
                "invalid config: page_cache_max_age_seconds `{text}` must be a whole number of \
                 seconds from 1 to {MAX_CACHE_SECONDS}"
            ),
        },
    };
    Ok(PageCacheConfig {
        bytes: mb * 1024 * 1024,
        max_age_seconds,
    })
}

/// `feed_items`: a whole number of posts from 1 to [`MAX_FEED_ITEMS`], from
/// the flag or environment, else the file, else 20.
fn feed_items(over: Option<String>, file: Option<toml::Value>) -> anyhow::Result<u32> {
    let text = match (over, file) {
        (Some(text), _) | (None, Some(toml::Value::String(text))) => text,
        (None, Some(value)) => value.to_string(),
        (None, None) => return Ok(FeedConfig::default().items),
    };
    match text.trim().parse::<u32>() {
        Ok(items) if (1..=MAX_FEED_ITEMS).contains(&items) => Ok(items),
        _ => bail!(
            "invalid config: feed_items `{text}` must be a whole number of posts from 1 to \
             {MAX_FEED_ITEMS}"
        ),
    }
}

/// `feed_content`: `full` (the default) or `excerpt`.
fn feed_content(value: Option<String>) -> anyhow::Result<FeedContent> {
    match value {
        None => Ok(FeedConfig::default().content),
        Some(text) => FeedContent::parse(text.trim()).ok_or_else(|| {
            anyhow::anyhow!("invalid config: feed_content `{text}` must be `full` or `excerpt`")
        }),
    }
}

/// Create the data folder if needed and make sure Herald can write in it.
///
/// # Errors
/// The folder cannot be created or written.
pub fn prepare_data_folder(data: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(data)
        .with_context(|| format!("cannot create data folder {}", data.display()))?;
    let probe = data.join(".herald-write-check");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("data folder {} is not writable", data.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = toml::from_str::<FileConfig>("bnd = \"x\"").unwrap_err();
        assert!(err.message().contains("bnd"), "{}", err.message());
    }

    #[test]
    fn flags_beat_file_and_bad_bind_is_named() {
        let file = FileConfig {
            bind: Some("127.0.0.1:9000".into()),
            ..FileConfig::default()
        };
        let over = Overrides {
            bind: Some("127.0.0.1:9100".into()),
            ..Overrides::default()
        };
        let s = settings(Path::new("d"), file, over).unwrap();
        assert_eq!(s.bind.port(), 9100);
        assert_eq!(s.base_url, "http://127.0.0.1:9100");
        let bad = Overrides {
            bind: Some("nowhere".into()),
            ..Overrides::default()
        };
        let err = settings(Path::new("d"), FileConfig::default(), bad).unwrap_err();
        assert!(err.to_string().contains("bind"), "{err}");
    }

    fn idle(file: Option<toml::Value>, over: Option<&str>) -> anyhow::Result<i64> {
        let file = FileConfig {
            session_idle_minutes: file,
            ..FileConfig::default()
        };
        let over = Overrides {
            session_idle_minutes: over.map(str::to_owned),
            ..Overrides::default()
        };
        settings(Path::new("d"), file, over).map(|s| s.session_idle_seconds)
    }

    #[test]
    fn session_idle_minutes_default_file_and_override() {
        assert_eq!(idle(None, None).unwrap(), DEFAULT_SESSION_IDLE_SECONDS);
        assert_eq!(DEFAULT_SESSION_IDLE_SECONDS, 14 * 24 * 60 * 60);
        let parsed: FileConfig = toml::from_str("session_idle_minutes = 30").unwrap();
        assert_eq!(idle(parsed.session_idle_minutes, None).unwrap(), 30 * 60);
        let file = Some(toml::Value::Integer(30));
        assert_eq!(idle(file, Some("90")).unwrap(), 90 * 60, "flag wins");
        let text = Some(toml::Value::String(" 45 ".into()));
        assert_eq!(idle(text, None).unwrap(), 45 * 60);
        let year = MAX_SESSION_IDLE_MINUTES.to_string();
        assert_eq!(
            idle(None, Some(&year)).unwrap(),
            MAX_SESSION_IDLE_MINUTES * 60
        );
    }

    #[test]
    fn feed_settings_default_file_override_and_errors() {
        let feeds = |file: &str, over: Overrides| {
            let file: FileConfig = toml::from_str(file).unwrap();
            settings(Path::new("d"), file, over).map(|s| s.feeds)
        };
        let default = feeds("", Overrides::default()).unwrap();
        assert_eq!((default.items, default.content), (20, FeedContent::Full));
        let set = feeds(
            "feed_items = 50\nfeed_content = \"excerpt\"",
            Overrides::default(),
        );
        let set = set.unwrap();
        assert_eq!((set.items, set.content), (50, FeedContent::Excerpt));
        let over = Overrides {
            feed_items: Some("7".into()),
            feed_content: Some("full".into()),
            ..Overrides::default()
        };
        let won = feeds("feed_items = \"50\"\nfeed_content = \"excerpt\"", over).unwrap();
        assert_eq!(
            (won.items, won.content),
            (7, FeedContent::Full),
            "flags win"
        );
        for bad in [
            "feed_items = 0",
            "feed_items = 501",
            "feed_items = 2.5",
            "feed_items = \"many\"",
        ] {
            let err = feeds(bad, Overrides::default()).unwrap_err().to_string();
            assert!(err.contains("feed_items"), "{bad}: {err}");
        }
        let err = feeds("feed_content = \"summary\"", Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("feed_content `summary`"), "{err}");
    }

    #[test]
    fn cache_lifetimes_default_file_override_and_errors() {
        let cache = |file: &str, over: Overrides| {
            let file: FileConfig = toml::from_str(file).unwrap();
            settings(Path::new("d"), file, over).map(|s| s.cache)
        };
        let default = cache("", Overrides::default()).unwrap();
        assert_eq!((default.listing_seconds, default.post_seconds), (60, 300));
        let set = cache(
            "cache_listing_seconds = 0\ncache_post_seconds = \"3600\"",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!((set.listing_seconds, set.post_seconds), (0, 3600));
        let over = Overrides {
            cache_listing_seconds: Some(" 30 ".into()),
            ..Overrides::default()
        };
        let won = cache("cache_listing_seconds = 90", over).unwrap();
        assert_eq!(
            (won.listing_seconds, won.post_seconds),
            (30, 300),
            "flag wins"
        );
        let year = format!("cache_post_seconds = {MAX_CACHE_SECONDS}");
        assert_eq!(
            cache(&year, Overrides::default()).unwrap().post_seconds,
            MAX_CACHE_SECONDS
        );
        for (key, bad) in [
            ("cache_listing_seconds", "-1"),
            ("cache_listing_seconds", "1.5"),
            ("cache_listing_seconds", "\"soon\""),
            ("cache_post_seconds", "true"),
            ("cache_post_seconds", "31622401"),
        ] {
            let err = cache(&format!("{key} = {bad}"), Overrides::default()).unwrap_err();
            assert!(err.to_string().contains(key), "{key} = {bad}: {err}");
        }
        let over = Overrides {
            cache_post_seconds: Some("a day".into()),
            ..Overrides::default()
        };
        let err = cache("", over).unwrap_err().to_string();
        assert!(err.contains("cache_post_seconds `a day`"), "{err}");
    }

    #[test]
    fn page_cache_default_file_override_off_and_errors() {
        let pages = |file: &str, over: Overrides| {
            let file: FileConfig = toml::from_str(file).unwrap();
            settings(Path::new("d"), file, over).map(|s| s.page_cache)
        };
        let default = pages("", Overrides::default()).unwrap();
        assert_eq!(default.bytes, 64 * 1024 * 1024);
        assert_eq!(default.max_age_seconds, 600);
        let set = pages(
            "page_cache_mb = 8\npage_cache_max_age_seconds = \"60\"",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!((set.bytes, set.max_age_seconds), (8 * 1024 * 1024, 60));
        let off = Overrides {
            page_cache_mb: Some("0".into()),
            ..Overrides::default()
        };
        assert_eq!(
            pages("page_cache_mb = 8", off).unwrap().bytes,
            0,
            "flag wins"
        );
        for (key, bad) in [
            ("page_cache_mb", "-1"),
            ("page_cache_mb", "1.5"),
            ("page_cache_mb", "\"lots\""),
            ("page_cache_mb", "65537"),
            ("page_cache_max_age_seconds", "0"),
            ("page_cache_max_age_seconds", "31622401"),
            ("page_cache_max_age_seconds", "true"),
        ] {
            let err = pages(&format!("{key} = {bad}"), Overrides::default()).unwrap_err();
            assert!(err.to_string().contains(key), "{key} = {bad}: {err}");
        }
    }

    #[test]
    fn a_bad_session_idle_time_is_named() {
        let too_long = (MAX_SESSION_IDLE_MINUTES + 1).to_string();
        for over in ["0", "-5", "ten", "1.5", "", &too_long] {
            let err = idle(None, Some(over)).unwrap_err().to_string();
            assert!(err.contains("session_idle_minutes"), "{over:?}: {err}");
        }
        for file in [
            toml::Value::Integer(0),
            toml::Value::Integer(-1),
            toml::Value::Float(2.5),
            toml::Value::Boolean(true),
            toml::Value::String("soon".into()),
        ] {
            let err = idle(Some(file.clone()), None).unwrap_err().to_string();
            assert!(err.contains("session_idle_minutes"), "{file:?}: {err}");
        }
    }
}
