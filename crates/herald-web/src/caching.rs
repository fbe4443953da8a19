//! HTTP caching of the public site, as one middleware over every response of
//! the router, so pages, feeds, sitemaps and `robots.txt` get it without their
//! handlers doing more than saying what kind of page they are.
//!
//! - **ETag**: a strong validator, the 64-bit xxh3 hash of the body before
//!   compression. Every encoding of a page shares it (Herald serves no byte
//!   ranges, the one use that would need them told apart), and whatever changes
//!   what a page shows (a post published or edited, a setting) changes it.
//! - **Conditional GET**: `If-None-Match` (lists, `*`, weak comparison as RFC
//!   9110 asks for GET) and, only without it, `If-Modified-Since` against the
//!   [`LastModified`] a handler attached, answer 304 with the validators and
//!   `Cache-Control`, and no body.
//! - **Cache-Control** by [`CacheClass`] from the [`CachePolicy`]: short with
//!   stale-while-revalidate for listings and feeds, longer for posts and pages,
//!   short for not-found pages, `no-store` for errors, and `private, no-store`
//!   whenever the request carries a session cookie, so a CDN never keeps what a
//!   signed-in user was shown.
//!
//! The admin (`/admin/…`, `no-store` of its own) and methods other than GET and
//! HEAD pass untouched. The layer sits inside compression, which therefore
//! never sees a 304 with a body to compress.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use herald_core::Timestamp;
use http_body::Frame;

use crate::auth::session;

/// When what a page shows last changed. A handler attaches it to its response
/// as an extension; the layer turns it into `Last-Modified`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastModified(pub Timestamp);

/// What kind of page a response is, which decides how long caches keep it.
/// `public::dispatch` attaches it from the route; a response without one is
/// cached as a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheClass {
    /// Home, archives, search: change whenever something is published.
    #[default]
    Listing,
    /// A post or a static page.
    Post,
    /// Feeds, sitemaps, `robots.txt`: cached like listings.
    Feed,
    /// A not-found page: cached briefly, as the thing may appear soon.
    NotFound,
}

/// Default `max-age` of listings and feeds, in seconds.
pub const DEFAULT_CACHE_LISTING_SECONDS: u32 = 60;
/// Default `max-age` of posts and pages, in seconds.
pub const DEFAULT_CACHE_POST_SECONDS: u32 = 300;
/// How long a CDN may serve a stale listing while it fetches a fresh one.
const LISTING_STALE_SECONDS: u32 = 600;
/// How long a CDN may serve a stale post while it fetches a fresh one.
const POST_STALE_SECONDS: u32 = 86_400;
/// The longest a not-found page is kept.
const NOT_FOUND_SECONDS: u32 = 30;

/// How long shared caches keep public pages (settings `cache_listing_seconds`
/// and `cache_post_seconds`). Zero means `no-cache`: stored, but revalidated
/// with its ETag on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CachePolicy {
    pub listing_seconds: u32,
    pub post_seconds: u32,
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self {
            listing_seconds: DEFAULT_CACHE_LISTING_SECONDS,
            post_seconds: DEFAULT_CACHE_POST_SECONDS,
        }
    }
}

impl CachePolicy {
    /// The `Cache-Control` value for a public page of `class`.
    pub fn cache_control(&self, class: CacheClass) -> String {
        match class {
            CacheClass::Listing | CacheClass::Feed => {
                shared(self.listing_seconds, LISTING_STALE_SECONDS)
            }
            CacheClass::Post => shared(self.post_seconds, POST_STALE_SECONDS),
            CacheClass::NotFound => shared(NOT_FOUND_SECONDS.min(self.listing_seconds), 0),
        }
    }
}

fn shared(max_age: u32, stale: u32) -> String {
    match (max_age, stale) {
        (0, _) => "public, no-cache".to_owned(),
        (_, 0) => format!("public, max-age={max_age}"),
        _ => format!("public, max-age={max_age}, stale-while-revalidate={stale}"),
    }
}

/// What a signed-in request gets: nobody else may be shown it from a cache.
fn private() -> HeaderValue {
    HeaderValue::from_static("private, no-store")
}

/// What errors get: a 500 or a 503 must not be kept in place of the page.
fn no_store() -> HeaderValue {
    HeaderValue::from_static("no-store")
}

/// The `Cache-Control` values of a policy, built once for the router.
#[derive(Debug, Clone)]
pub(crate) struct CacheHeaders {
    listing: HeaderValue,
    post: HeaderValue,
    feed: HeaderValue,
    not_found: HeaderValue,
}

impl CacheHeaders {
    pub(crate) fn new(policy: &CachePolicy) -> Arc<Self> {
        let value = |class| {
            HeaderValue::from_str(&policy.cache_control(class)).unwrap_or_else(|_| no_store())
        };
        Arc::new(Self {
            listing: value(CacheClass::Listing),
            post: value(CacheClass::Post),
            feed: value(CacheClass::Feed),
            not_found: value(CacheClass::NotFound),
        })
    }

    fn for_response(&self, status: StatusCode, class: Option<&CacheClass>) -> HeaderValue {
        if status == StatusCode::NOT_FOUND {
            return self.not_found.clone();
        }
        if !(status.is_success() || status.is_redirection()) {
            return no_store();
        }
        match class.copied().unwrap_or_default() {
            CacheClass::Listing => self.listing.clone(),
            CacheClass::Post => self.post.clone(),
            CacheClass::Feed => self.feed.clone(),
            CacheClass::NotFound => self.not_found.clone(),
        }
    }
}

/// The request's preconditions, read before the request moves on.
struct Conditions {
    if_none_match: Option<String>,
    if_modified_since: Option<Timestamp>,
    signed_in: bool,
}

impl Conditions {
    fn of(headers: &HeaderMap) -> Self {
        let if_none_match: Vec<&str> = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Self {
            if_none_match: (!if_none_match.is_empty()).then(|| if_none_match.join(", ")),
            if_modified_since: headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_http_date),
            signed_in: session::cookie_token(headers).is_some(),
        }
    }
}

/// The middleware: see the module documentation.
pub(crate) async fn layer(
    State(headers): State<Arc<CacheHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    let path = request.uri().path();
    if (method != Method::GET && method != Method::HEAD)
        || path == "/admin"
        || path.starts_with("/admin/")
        || path.starts_with("/uploads/")
    {
        return next.run(request).await;
    }
    let conditions = Conditions::of(request.headers());
    let response = next.run(request).await;
    finish(&headers, &conditions, response).await
}

async fn finish(headers: &CacheHeaders, conditions: &Conditions, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        let value = if conditions.signed_in {
            private()
        } else {
            headers.for_response(parts.status, parts.extensions.get::<CacheClass>())
        };
        parts.headers.insert(header::CACHE_CONTROL, value);
    } else if is_no_store(&parts.headers) {
        return Response::from_parts(parts, body);
    }
    let last_modified = parts.extensions.get::<LastModified>().map(|m| m.0);
    if let Some(value) = last_modified.and_then(http_date) {
        parts.headers.insert(header::LAST_MODIFIED, value);
    }
    if parts.status == StatusCode::NOT_FOUND {
        vary_on_encoding(&mut parts.headers);
    }
    // Only whole bodies get a validator: a stream (a large file) is passed on.
    if parts.status != StatusCode::OK || body.size_hint().exact().is_none() {
        return Response::from_parts(parts, body);
    }
    vary_on_encoding(&mut parts.headers);
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "cannot read a response body");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = entity_tag(&bytes);
    let fresh = match (&conditions.if_none_match, conditions.if_modified_since) {
        (Some(tags), _) => etag_matches(tags, &etag),
        (None, Some(since)) => last_modified.is_some_and(|at| at <= since),
        (None, None) => false,
    };
    if let Ok(value) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, value);
    }
    if fresh {
        return not_modified(&parts.headers);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether compression may touch a response: never a 304, which has no body
/// (compressing it would add a `Content-Encoding` to nothing).
pub(crate) fn compressible(
    status: StatusCode,
    _: axum::http::Version,
    _: &HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    status != StatusCode::NOT_MODIFIED
}

/// The strong validator of a body: its xxh3 hash, quoted.
fn entity_tag(body: &[u8]) -> String {
    format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(body))
}

/// A 304 carrying what RFC 9110 §15.4.5 asks to repeat from the 200 whose
/// headers are `headers`.
pub(crate) fn not_modified(headers: &HeaderMap) -> Response {
    let mut response = Response::new(Body::new(NoContent));
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    for name in [
        header::CACHE_CONTROL,
        header::CONTENT_LOCATION,
        header::DATE,
        header::ETAG,
        header::EXPIRES,
        header::LAST_MODIFIED,
        header::VARY,
    ] {
        for value in headers.get_all(&name) {
            response.headers_mut().append(&name, value.clone());
        }
    }
    response
}

/// The body of a 304: nothing, and no length, so that no `Content-Length: 0`
/// is added, which would tell caches the page itself is empty (RFC 9110 §8.6).
struct NoContent;

impl HttpBody for NoContent {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        true
    }
}

fn is_no_store(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|directive| directive.trim().eq_ignore_ascii_case("no-store"))
}

/// Add `Vary: Accept-Encoding` unless it is there (compression adds it only
/// when it compresses, and a cache must know an answer may differ by encoding).
pub(crate) fn vary_on_encoding(headers: &mut HeaderMap) {
    let present = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding") || v.trim() == "*");
    if !present {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// Whether the `If-None-Match` value `tags` matches `etag` by weak comparison
/// (RFC 9110 §13.1.2): `*`, or any listed tag whose opaque part equals it,
/// `W/` or not. A malformed list matches nothing from the first bad entry on.
pub fn etag_matches(tags: &str, etag: &str) -> bool {
    if tags.trim() == "*" {
        return true;
    }
    let wanted = opaque(etag);
    let mut rest = tags;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if rest.is_empty() {
            return false;
        }
        let unweak = rest.strip_prefix("W/").unwrap_or(rest);
        let Some(inner) = unweak.strip_prefix('"') else {
            return false;
        };
        let Some(end) = inner.find('"') else {
            return false;
        };
        if Some(&inner[..end]) == wanted {
            return true;
        }
        rest = &inner[end + 1..];
    }
}

/// The opaque part of an entity tag, without `W/` and quotes.
fn opaque(etag: &str) -> Option<&str> {
    let etag = etag.strip_prefix("W/").unwrap_or(etag);
    etag.strip_prefix('"')?.strip_suffix('"')
}

/// An HTTP date (`Sun, 29 Nov 2026 12:00:00 GMT`) for a timestamp.
fn http_date(at: Timestamp) -> Option<HeaderValue> {
    let seconds = u64::try_from(at).ok()?;
    let time = UNIX_EPOCH.checked_add(Duration::from_secs(seconds))?;
    HeaderValue::from_str(&httpdate::fmt_http_date(time)).ok()
}

/// A timestamp from an HTTP date in any of the three forms RFC 9110 accepts.
pub(crate) fn parse_http_date(text: &str) -> Option<Timestamp> {
    let time: SystemTime = httpdate::parse_http_date(text.trim()).ok()?;
    let seconds = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Timestamp::try_from(seconds).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &str = "\"00ab12cd34ef5678\"";

    #[test]
    fn if_none_match_lists_star_and_weak_tags() {
        assert!(etag_matches(TAG, TAG));
        assert!(etag_matches("*", TAG));
        assert!(etag_matches(" * ", TAG));
        assert!(
            etag_matches("W/\"00ab12cd34ef5678\"", TAG),
            "weak comparison"
        );
        assert!(etag_matches("\"other\", \"00ab12cd34ef5678\"", TAG));
        assert!(
            etag_matches("\"a,b\",W/\"00ab12cd34ef5678\"", TAG),
            "comma inside a tag"
        );
        assert!(etag_matches("\"x\" ,\t \"00ab12cd34ef5678\"", TAG));
        assert!(!etag_matches("\"other\"", TAG));
        assert!(!etag_matches("", TAG));
        assert!(!etag_matches("00ab12cd34ef5678", TAG), "unquoted");
        assert!(!etag_matches("\"00ab12cd34ef5678", TAG), "unterminated");
        assert!(!etag_matches("\"x\", *", TAG), "`*` only alone");
        assert!(
            !etag_matches("w/\"00ab12cd34ef5678\"", TAG),
            "W/ is case-sensitive"
        );
    }

    #[test]
    fn http_dates_both_ways() {
        let at = 1_795_953_600;
        let text = http_date(at).unwrap();
        assert_eq!(text, "Sun, 29 Nov 2026 12:00:00 GMT");
        assert_eq!(parse_http_date("Sun, 29 Nov 2026 12:00:00 GMT"), Some(at));
        assert_eq!(parse_http_date("Sunday, 29-Nov-26 12:00:00 GMT"), Some(at));
        assert_eq!(parse_http_date("Sun Nov 29 12:00:00 2026"), Some(at));
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(http_date(-1), None);
    }

    #[test]
    fn cache_control_per_class_and_policy() {
        let policy = CachePolicy::default();
        assert_eq!(
            policy.cache_control(CacheClass::Listing),
            "public, max-age=60, stale-while-revalidate=600"
        );
        assert_eq!(
            policy.cache_control(CacheClass::Feed),
            policy.cache_control(CacheClass::Listing)
        );
        assert_eq!(
            policy.cache_control(CacheClass::Post),
            "public, max-age=300, stale-while-revalidate=86400"
        );
        assert_eq!(
            policy.cache_control(CacheClass::NotFound),
            "public, max-age=30"
        );
        let off = CachePolicy {
            listing_seconds: 0,
            post_seconds: 0,
        };
        for class in [CacheClass::Listing, CacheClass::Post, CacheClass::NotFound] {
            assert_eq!(off.cache_control(class), "public, no-cache");
        }
    }
}
