//! Which requests the page cache may answer, and under what key.
//!
//! GET and HEAD share entries (a HEAD is a GET without its body). The key is
//! the path plus the query parameters the public site reads
//! ([`crate::route::QUERY_KEYS`]), each at its first occurrence as sent, in a
//! fixed order: the page depends on nothing else in the query, so
//! `?utm_source=…` or a random cache-buster maps to the page without it and
//! cannot fill the cache. The encoding is not part of the key: an entry holds
//! every encoding of its page.

use axum::http::{HeaderMap, Method, Uri};

use crate::auth::session;
use crate::route::QUERY_KEYS;

/// Longest key kept: longer URLs are answered but not cached.
const MAX_KEY: usize = 2_048;

/// The cache key of a request, or `None` when the cache must not answer it:
/// not GET or HEAD, the admin, a signed-in visitor (session cookie), or an
/// overlong URL.
pub(crate) fn of(method: &Method, uri: &Uri, headers: &HeaderMap) -> Option<String> {
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let path = uri.path();
    if path == "/admin" || path.starts_with("/admin/") {
        return None;
    }
    if session::cookie_token(headers).is_some() {
        return None;
    }
    let key = with_query(path, uri.query());
    (key.len() <= MAX_KEY).then_some(key)
}

fn with_query(path: &str, query: Option<&str>) -> String {
    let mut key = path.to_owned();
    let Some(query) = query else {
        return key;
    };
    let mut separator = '?';
    // Old addresses (`/?page_id=3`) are told apart by WordPress's keys.
    let old_keys = herald_core::redirect::MEANINGFUL_KEYS
        .iter()
        .filter(|k| !QUERY_KEYS.contains(k));
    for name in QUERY_KEYS.iter().chain(old_keys) {
        let first = query.split('&').find(|pair| {
            let (k, _) = pair.split_once('=').unwrap_or((pair, ""));
            k == *name
        });
        if let Some(pair) = first {
            key.push(separator);
            key.push_str(pair);
            separator = '&';
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(method: Method, uri: &str, cookie: Option<&str>) -> Option<String> {
        let mut headers = HeaderMap::new();
        if let Some(cookie) = cookie {
            headers.insert("cookie", cookie.parse().unwrap());
        }
        of(&method, &uri.parse().unwrap(), &headers)
    }

    #[test]
    fn unread_parameters_are_dropped_and_the_rest_ordered() {
        let get = |uri| key(Method::GET, uri, None);
        assert_eq!(get("/en/").as_deref(), Some("/en/"));
        assert_eq!(get("/en/?utm_source=x&fbclid=1").as_deref(), Some("/en/"));
        assert_eq!(
            get("/en/search?page=2&x=1&q=river").as_deref(),
            Some("/en/search?q=river&page=2")
        );
        assert_eq!(
            get("/?p=7&p=8").as_deref(),
            Some("/?p=7"),
            "the first one counts, as in the route"
        );
        assert_eq!(get("/en/posts/7?amp").as_deref(), Some("/en/posts/7?amp"));
        assert_eq!(key(Method::HEAD, "/en/", None).as_deref(), Some("/en/"));
    }

    #[test]
    fn writes_admin_signed_in_and_overlong_urls_are_not_cached() {
        assert_eq!(key(Method::POST, "/en/", None), None);
        assert_eq!(key(Method::GET, "/admin/", None), None);
        assert_eq!(key(Method::GET, "/admin", None), None);
        assert_eq!(key(Method::GET, "/en/", Some("herald_session=abc")), None);
        assert!(key(Method::GET, "/en/", Some("theme=dark")).is_some());
        let long = format!("/en/{}/", "a".repeat(MAX_KEY));
        assert_eq!(key(Method::GET, &long, None), None);
    }
}
