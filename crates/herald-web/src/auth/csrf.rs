//! Cross-site request forgery defences, two layers deep: a browser's own
//! statement of where a request comes from (`Sec-Fetch-Site`, `Origin`) must
//! not name another site, and every form of a session carries that session's
//! token, compared in constant time. The login form, sent before any session
//! exists, relies on the first layer alone.

use axum::http::{HeaderMap, header};

/// `scheme://host[:port]` of `base_url` (which has no trailing slash).
pub fn origin_of(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    match base_url[after_scheme..].find('/') {
        Some(slash) => &base_url[..after_scheme + slash],
        None => base_url,
    }
}

/// Whether the browser says the request comes from this site: refused when
/// `Sec-Fetch-Site` is `cross-site` or an `Origin` is sent that is not the
/// site's own. Requests without either header (older browsers, scripts) pass
/// this layer and meet the token check.
pub fn from_this_site(headers: &HeaderMap, base_url: &str) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .map(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    if fetch_site == Some(true) {
        return false;
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => origin.as_bytes() == origin_of(base_url).as_bytes(),
        None => true,
    }
}

/// Whether `given` is the session's token `expected`, in time independent of
/// where they differ. An empty token never matches.
pub fn token_matches(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn origins() {
        assert_eq!(origin_of("https://news.example"), "https://news.example");
        assert_eq!(origin_of("https://x.org:8443/blog"), "https://x.org:8443");
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let base = "https://news.example";
        let mut headers = HeaderMap::new();
        assert!(from_this_site(&headers, base));
        headers.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(from_this_site(&headers, base));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://news.example"),
        );
        assert!(from_this_site(&headers, base));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!from_this_site(&headers, base));
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!from_this_site(&headers, base));
        headers.remove(header::ORIGIN);
        headers.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!from_this_site(&headers, base));
    }

    #[test]
    fn tokens() {
        assert!(token_matches("abc", "abc"));
        assert!(!token_matches("abc", "abd"));
        assert!(!token_matches("abc", "ab"));
        assert!(!token_matches("", ""));
    }
}
