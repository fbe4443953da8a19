//! The URL map as a pure function: a request path (and query) becomes a
//! [`Route`]. Every canonicalisation rule lives here, so the trailing-slash
//! policy is one rule applied everywhere: listing and page URLs end in `/`,
//! post URLs and search do not. A non-canonical form becomes a redirect; a
//! malformed one (page 0, a non-numeric id, bad percent-encoding) is not found.

use herald_core::pagination::parse_page_number;
use herald_core::{PostId, permalink};
use percent_encoding::percent_decode_str;

mod discovery;
pub use discovery::Discovery;

use crate::feed::FeedFormat;

/// The archives that list posts under a slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveBase {
    Topic,
    Tag,
    Author,
    Kind,
}

impl ArchiveBase {
    fn parse(segment: &str) -> Option<Self> {
        match segment {
            "topic" => Some(Self::Topic),
            "tag" => Some(Self::Tag),
            "author" => Some(Self::Author),
            "kind" => Some(Self::Kind),
            _ => None,
        }
    }

    /// The URL segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Topic => "topic",
            Self::Tag => "tag",
            Self::Author => "author",
            Self::Kind => "kind",
        }
    }
}

/// What a public URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the default language's home.
    Root,
    Home {
        lang: String,
        page: u32,
    },
    Archive {
        lang: String,
        base: ArchiveBase,
        slug: String,
        page: u32,
    },
    /// A post; `canonical` is false for legacy forms (`/amp`, `?amp=1`, extra
    /// segments) that must answer 301 once the post is known.
    Post {
        lang: String,
        id: PostId,
        canonical: bool,
    },
    /// A legacy `?p={id}` link: 301 to the post wherever it lives.
    PostById(PostId),
    /// The feed of the language's latest posts (`archive` is `None`) or of an
    /// archive: `…/feed/` (RSS), `…/feed/atom/`, `…/feed.json`.
    Feed {
        lang: String,
        archive: Option<(ArchiveBase, String)>,
        format: FeedFormat,
    },
    /// WordPress's site-wide feed (`/feed/`, `/?feed=rss2`): 301 to the
    /// default language's feed in this format.
    RootFeed(FeedFormat),
    Search {
        lang: String,
    },
    /// A static page by its slug path.
    Page {
        lang: String,
        path: Vec<String>,
    },
    /// `/robots.txt`, `/manifest.webmanifest`, the sitemaps.
    Discovery(Discovery),
    /// A non-canonical spelling of a URL: 301 to this path.
    Redirect(String),
    /// Nothing lives here; `lang` is the language to say so in, when known.
    NotFound {
        lang: Option<String>,
    },
}

/// Largest post id accepted in a URL (anything longer is not found, not an error).
const MAX_ID_DIGITS: usize = 15;

fn parse_id(s: &str) -> Option<PostId> {
    if s.is_empty() || s.len() > MAX_ID_DIGITS || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|id| *id > 0)
}

/// Every query parameter a public page reads. The page cache keys pages on
/// these alone (see `crate::cache`), so a page that starts reading another
/// one must add it here: [`query_value`] checks this in debug builds.
pub const QUERY_KEYS: [&str; 5] = ["p", "amp", "feed", "q", "page"];

/// The value of `key` (one of [`QUERY_KEYS`]) in a query string, percent-decoded.
pub fn query_value(query: Option<&str>, key: &str) -> Option<String> {
    debug_assert!(
        QUERY_KEYS.contains(&key),
        "query parameter `{key}` is missing from route::QUERY_KEYS"
    );
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| {
            let v = v.replace('+', " ");
            percent_decode_str(&v).decode_utf8_lossy().into_owned()
        })
    })
}

/// Resolve a request path and query.
pub fn resolve(path: &str, query: Option<&str>) -> Route {
    if let Some(id) = query_value(query, "p").and_then(|p| parse_id(&p)) {
        return Route::PostById(id);
    }
    let trailing = path.ends_with('/');
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        match percent_decode_str(raw).decode_utf8() {
            Ok(s) => segments.push(s.into_owned()),
            Err(_) => return Route::NotFound { lang: None },
        }
    }
    if let Some(file) = Discovery::resolve(&segments, trailing) {
        return Route::Discovery(file);
    }
    let Some((lang, rest)) = segments.split_first() else {
        return wordpress_feed(query).map_or(Route::Root, Route::RootFeed);
    };
    if lang == "feed" || lang == FEED_JSON {
        return root_feed(lang, rest);
    }
    // A file name (`/favicon.ico`, `/en/feed.xml`) is never a listing: no slash is
    // added, and what this map does not know is simply not found.
    if !trailing
        && segments
            .last()
            .is_some_and(|s| s.contains('.') && s != FEED_JSON)
    {
        let lang = (!rest.is_empty()).then(|| lang.clone());
        return Route::NotFound { lang };
    }
    let lang = lang.clone();
    let amp = query_value(query, "amp").is_some();
    let route = resolve_in_language(lang, rest, trailing, amp);
    match wordpress_feed(query) {
        Some(format) => route.feed_instead(format),
        None => route,
    }
}

fn resolve_in_language(lang: String, rest: &[String], trailing: bool, amp: bool) -> Route {
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    if let Some(found) = feed_form(&rest, trailing, &permalink::home(&lang, 1)) {
        return match found {
            Ok(format) => Route::Feed {
                lang,
                archive: None,
                format,
            },
            Err(route) => route.or_not_found(&lang),
        };
    }
    match rest.as_slice() {
        [] if !trailing => Route::Redirect(permalink::home(&lang, 1)),
        [] => Route::Home { lang, page: 1 },
        ["page", n] => listing_page(n, trailing, |page| permalink::home(&lang, page))
            .unwrap_or_else(|| Route::Home {
                page: parse_page_number(n).unwrap_or(1),
                lang: lang.clone(),
            })
            .or_not_found(&lang),
        ["posts", id, extra @ ..] => match parse_id(id) {
            Some(id) => Route::Post {
                canonical: extra.is_empty() && !trailing && !amp,
                lang,
                id,
            },
            None => Route::NotFound { lang: Some(lang) },
        },
        ["search"] => Route::Search { lang },
        [base, slug, tail @ ..] if ArchiveBase::parse(base).is_some() => {
            archive(lang, base, slug, tail, trailing)
        }
        path => {
            let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
            if trailing {
                Route::Page { lang, path }
            } else {
                Route::Redirect(permalink::page(&lang, &path))
            }
        }
    }
}

fn archive(lang: String, base: &str, slug: &str, tail: &[&str], trailing: bool) -> Route {
    let Some(base) = ArchiveBase::parse(base) else {
        return Route::NotFound { lang: Some(lang) };
    };
    let url = |page| permalink::archive(&lang, base.as_str(), slug, page);
    if let Some(found) = feed_form(tail, trailing, &url(1)) {
        return match found {
            Ok(format) => Route::Feed {
                archive: Some((base, slug.to_owned())),
                lang,
                format,
            },
            Err(route) => route.or_not_found(&lang),
        };
    }
    match tail {
        [] if trailing => Route::Archive {
            slug: slug.to_owned(),
            lang,
            base,
            page: 1,
        },
        [] => Route::Redirect(url(1)),
        ["page", n] => match listing_page(n, trailing, url) {
            Some(route) => route.or_not_found(&lang),
            None => Route::Archive {
                slug: slug.to_owned(),
                page: parse_page_number(n).unwrap_or(1),
                lang,
                base,
            },
        },
        _ => Route::NotFound { lang: Some(lang) },
    }
}

/// For `…/page/{n}`: a redirect when the form is not canonical (page 1, missing
/// slash), `NotFound` when `n` is not a page number, `None` when it is fine.
fn listing_page(n: &str, trailing: bool, url: impl Fn(u32) -> String) -> Option<Route> {
    match parse_page_number(n) {
        None => Some(Route::NotFound { lang: None }),
        Some(1) => Some(Route::Redirect(url(1))),
        Some(page) if !trailing => Some(Route::Redirect(url(page))),
        Some(_) => None,
    }
}

/// The JSON feed's file name, beside the listing it follows.
const FEED_JSON: &str = "feed.json";

/// The feed a WordPress `?feed=` query asks for.
fn wordpress_feed(query: Option<&str>) -> Option<FeedFormat> {
    FeedFormat::from_wordpress(&query_value(query, "feed")?)
}

/// For a path under a listing (`tail`, after the listing's own segments): the
/// feed format it names (`feed/`, `feed/atom/`, `feed.json`), a redirect for
/// other spellings (no slash, WordPress's `feed/rss2/`), not found for unknown
/// ones; `None` when the path is no feed at all.
fn feed_form(tail: &[&str], trailing: bool, listing: &str) -> Option<Result<FeedFormat, Route>> {
    let canonical = |format: FeedFormat, ok: bool| {
        if ok {
            Ok(format)
        } else {
            Err(Route::Redirect(format.path(listing)))
        }
    };
    Some(match tail {
        ["feed"] => canonical(FeedFormat::Rss, trailing),
        ["feed", "atom"] => canonical(FeedFormat::Atom, trailing),
        [FEED_JSON] => canonical(FeedFormat::Json, !trailing),
        ["feed", name] => match FeedFormat::from_wordpress(name) {
            Some(format) => Err(Route::Redirect(format.path(listing))),
            None => Err(Route::NotFound { lang: None }),
        },
        ["feed", ..] => Err(Route::NotFound { lang: None }),
        _ => return None,
    })
}

/// `/feed/`, `/feed/atom/`, `/feed/rss2/`, `/feed.json`: the site-wide feed.
fn root_feed(first: &str, rest: &[String]) -> Route {
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let format = match (first, rest.as_slice()) {
        (FEED_JSON, []) => Some(FeedFormat::Json),
        ("feed", []) => Some(FeedFormat::Rss),
        ("feed", [name]) => FeedFormat::from_wordpress(name),
        _ => None,
    };
    format.map_or(Route::NotFound { lang: None }, Route::RootFeed)
}

impl Route {
    /// The same listing's feed in `format`, for a WordPress `?feed=` query;
    /// routes that are no listing stay as they are.
    fn feed_instead(self, format: FeedFormat) -> Route {
        match self {
            same @ Route::Feed { format: asked, .. } if asked == format => same,
            Route::Home { lang, .. }
            | Route::Feed {
                lang,
                archive: None,
                ..
            } => Route::Redirect(format.path(&permalink::home(&lang, 1))),
            Route::Archive {
                lang, base, slug, ..
            }
            | Route::Feed {
                lang,
                archive: Some((base, slug)),
                ..
            } => Route::Redirect(format.path(&permalink::archive(&lang, base.as_str(), &slug, 1))),
            other => other,
        }
    }
}

trait OrNotFound {
    fn or_not_found(self, lang: &str) -> Route;
}

impl OrNotFound for Route {
    /// Give a language-less `NotFound` the language of the URL.
    fn or_not_found(self, lang: &str) -> Route {
        match self {
            Route::NotFound { lang: None } => Route::NotFound {
                lang: Some(lang.to_owned()),
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(lang: &str, page: u32) -> Route {
        Route::Home {
            lang: lang.into(),
            page,
        }
    }

    #[test]
    fn homes_and_pages() {
        assert_eq!(resolve("/", None), Route::Root);
        assert_eq!(resolve("/en/", None), home("en", 1));
        assert_eq!(resolve("/en", None), Route::Redirect("/en/".into()));
        assert_eq!(resolve("/en/page/2/", None), home("en", 2));
        assert_eq!(
            resolve("/en/page/2", None),
            Route::Redirect("/en/page/2/".into())
        );
        assert_eq!(resolve("/en/page/1/", None), Route::Redirect("/en/".into()));
        for bad in ["0", "-1", "abc", "99999999999999999999", "01"] {
            assert_eq!(
                resolve(&format!("/en/page/{bad}/"), None),
                Route::NotFound {
                    lang: Some("en".into())
                },
                "{bad}"
            );
        }
    }

    #[test]
    fn posts_and_legacy_forms() {
        let post = |canonical| Route::Post {
            lang: "fa".into(),
            id: 7,
            canonical,
        };
        assert_eq!(resolve("/fa/posts/7", None), post(true));
        assert_eq!(resolve("/fa/posts/7/", None), post(false));
        assert_eq!(resolve("/fa/posts/7/amp", None), post(false));
        assert_eq!(resolve("/fa/posts/7/some-slug", None), post(false));
        assert_eq!(resolve("/fa/posts/7", Some("amp=1")), post(false));
        assert_eq!(resolve("/en/", Some("p=12")), Route::PostById(12));
        assert_eq!(resolve("/", Some("p=12")), Route::PostById(12));
        assert!(matches!(
            resolve("/fa/posts/x", None),
            Route::NotFound { .. }
        ));
        assert!(matches!(
            resolve("/fa/posts/0", None),
            Route::NotFound { .. }
        ));
    }

    #[test]
    fn archives_decode_native_slugs() {
        assert_eq!(
            resolve("/fa/topic/%D8%A2%D8%A8/page/3/", None),
            Route::Archive {
                lang: "fa".into(),
                base: ArchiveBase::Topic,
                slug: "آب".into(),
                page: 3
            }
        );
        assert_eq!(
            resolve("/en/tag/rivers", None),
            Route::Redirect("/en/tag/rivers/".into())
        );
        assert!(matches!(
            resolve("/en/tag/%FF/", None),
            Route::NotFound { .. }
        ));
    }

    #[test]
    fn file_names_are_not_redirected() {
        assert_eq!(
            resolve("/favicon.ico", None),
            Route::NotFound { lang: None }
        );
        assert_eq!(
            resolve("/en/missing.png", None),
            Route::NotFound {
                lang: Some("en".into())
            }
        );
    }

    fn feed(lang: &str, archive: Option<(ArchiveBase, &str)>, format: FeedFormat) -> Route {
        Route::Feed {
            lang: lang.into(),
            archive: archive.map(|(base, slug)| (base, slug.into())),
            format,
        }
    }

    #[test]
    fn feeds_beside_their_listings() {
        use FeedFormat::{Atom, Json, Rss};
        assert_eq!(resolve("/en/feed/", None), feed("en", None, Rss));
        assert_eq!(resolve("/en/feed/atom/", None), feed("en", None, Atom));
        assert_eq!(resolve("/en/feed.json", None), feed("en", None, Json));
        let water = Some((ArchiveBase::Topic, "آب"));
        assert_eq!(
            resolve("/fa/topic/%D8%A2%D8%A8/feed/", None),
            feed("fa", water, Rss)
        );
        assert_eq!(
            resolve("/fa/topic/%D8%A2%D8%A8/feed.json", None),
            feed("fa", water, Json)
        );
        for base in ["tag", "author", "kind"] {
            let route = resolve(&format!("/en/{base}/x/feed/atom/"), None);
            assert!(
                matches!(route, Route::Feed { archive: Some((_, ref s)), format: Atom, .. } if s == "x"),
                "{base}: {route:?}"
            );
        }
    }

    #[test]
    fn other_feed_spellings_redirect_or_are_not_found() {
        let to = |path: &str| Route::Redirect(path.into());
        assert_eq!(resolve("/en/feed", None), to("/en/feed/"));
        assert_eq!(resolve("/en/feed/atom", None), to("/en/feed/atom/"));
        assert_eq!(resolve("/en/feed.json/", None), to("/en/feed.json"));
        assert_eq!(resolve("/en/feed/rss2/", None), to("/en/feed/"));
        assert_eq!(resolve("/en/feed/rdf/", None), to("/en/feed/"));
        assert_eq!(
            resolve("/en/tag/rivers/feed/rss2/", None),
            to("/en/tag/rivers/feed/")
        );
        assert_eq!(resolve("/en/", Some("feed=rss2")), to("/en/feed/"));
        assert_eq!(resolve("/en/", Some("feed=atom")), to("/en/feed/atom/"));
        assert_eq!(
            resolve("/en/topic/water/", Some("feed=rss2")),
            to("/en/topic/water/feed/")
        );
        assert_eq!(
            resolve("/en/feed/", Some("feed=atom")),
            to("/en/feed/atom/")
        );
        assert_eq!(
            resolve("/en/feed/atom/", Some("feed=atom")),
            feed("en", None, FeedFormat::Atom),
            "no redirect loop"
        );
        assert_eq!(
            resolve("/", Some("feed=rss2")),
            Route::RootFeed(FeedFormat::Rss)
        );
        assert_eq!(resolve("/feed/", None), Route::RootFeed(FeedFormat::Rss));
        assert_eq!(
            resolve("/feed/rss2/", None),
            Route::RootFeed(FeedFormat::Rss)
        );
        assert_eq!(
            resolve("/feed/atom/", None),
            Route::RootFeed(FeedFormat::Atom)
        );
        assert_eq!(
            resolve("/feed.json", None),
            Route::RootFeed(FeedFormat::Json)
        );
        assert_eq!(
            resolve("/en/", Some("feed=nonsense")),
            Route::Home {
                lang: "en".into(),
                page: 1
            }
        );
        for bad in ["/en/feed/nope/", "/en/topic/water/feed/x/y/", "/feed/nope/"] {
            assert!(
                matches!(resolve(bad, None), Route::NotFound { .. }),
                "{bad}"
            );
        }
        assert_eq!(
            resolve("/en/comments/feed/", None),
            Route::Page {
                lang: "en".into(),
                path: vec!["comments".into(), "feed".into()]
            },
            "a page path, not found unless such a page exists"
        );
    }

    #[test]
    fn static_pages() {
        assert_eq!(
            resolve("/en/about/team/", None),
            Route::Page {
                lang: "en".into(),
                path: vec!["about".into(), "team".into()]
            }
        );
        assert_eq!(
            resolve("/en/about", None),
            Route::Redirect("/en/about/".into())
        );
    }
}
