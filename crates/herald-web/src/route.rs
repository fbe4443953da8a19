//! The URL map as a pure function: a request path (and query) becomes a
//! [`Route`]. Every canonicalisation rule lives here, so the trailing-slash
//! policy is one rule applied everywhere: listing and page URLs end in `/`,
//! post URLs and search do not. A non-canonical form becomes a redirect; a
//! malformed one (page 0, a non-numeric id, bad percent-encoding) is not found.

use herald_core::pagination::parse_page_number;
use herald_core::{PostId, permalink};
use percent_encoding::percent_decode_str;

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
    Search {
        lang: String,
    },
    /// A static page by its slug path.
    Page {
        lang: String,
        path: Vec<String>,
    },
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

/// The value of `key` in a query string, percent-decoded.
pub fn query_value(query: Option<&str>, key: &str) -> Option<String> {
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
    let Some((lang, rest)) = segments.split_first() else {
        return Route::Root;
    };
    // A file name (`/favicon.ico`, `/en/feed.xml`) is never a listing: no slash is
    // added, and what this map does not know is simply not found.
    if !trailing && segments.last().is_some_and(|s| s.contains('.')) {
        let lang = (!rest.is_empty()).then(|| lang.clone());
        return Route::NotFound { lang };
    }
    let lang = lang.clone();
    let amp = query_value(query, "amp").is_some();
    resolve_in_language(lang, rest, trailing, amp)
}

fn resolve_in_language(lang: String, rest: &[String], trailing: bool, amp: bool) -> Route {
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
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
