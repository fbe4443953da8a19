//! One cached page: the answer's status and headers, its body as is and
//! compressed once with gzip and brotli at high settings, and what a hit
//! needs to answer without any work: which body `Accept-Encoding` picks, the
//! ETag and `Last-Modified` for conditional requests.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::header::{self, HeaderName};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use herald_core::Timestamp;

use crate::caching;

/// gzip level of cached bodies: the best, paid once per fill.
const GZIP_LEVEL: u32 = 9;
/// brotli quality of cached bodies (11 is the best but several times slower
/// for about 2% less; paid once per fill).
const BROTLI_QUALITY: u32 = 9;
/// Largest brotli window (log2): 4 MiB. Each page gets the smallest window
/// that holds it (a window past the body compresses no better but costs
/// memory: at 4 MiB, each fill took tens of MiB).
const BROTLI_WINDOW: u32 = 22;
/// Smallest brotli window (log2): 64 KiB.
const BROTLI_MIN_WINDOW: u32 = 16;
/// Bodies shorter than this are sent as they are (as the compression layer does).
const MIN_COMPRESSED: usize = 32;

/// An encoding a client accepts and a cached page has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best encoding `accept` (an `Accept-Encoding` value) allows: brotli,
    /// then gzip, else identity. `q=0` refuses; `*` stands for the rest.
    pub fn negotiate(accept: Option<&str>) -> Self {
        let Some(accept) = accept else {
            return Self::Identity;
        };
        let wants = |name: &str| {
            let mut star = false;
            for item in accept.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim();
                let refused = parts.any(|p| {
                    let p = p.trim();
                    p.strip_prefix("q=")
                        .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
                });
                if coding.eq_ignore_ascii_case(name) {
                    return !refused;
                }
                if coding == "*" {
                    star = !refused;
                }
            }
            star
        };
        if wants("br") {
            Self::Brotli
        } else if wants("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

/// A page as the cache keeps it.
#[derive(Debug)]
pub struct CachedPage {
    status: StatusCode,
    /// The answer's headers, without `Content-Length` and `Content-Encoding`.
    headers: HeaderMap,
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    last_modified: Option<Timestamp>,
    /// When it was rendered (by the injected clock).
    pub(crate) filled_at: Timestamp,
    /// When it stops being current: the next scheduled publication, or its
    /// maximum age.
    pub(crate) expires_at: Timestamp,
}

/// What a request asks of a cached page besides its key.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    pub head: bool,
    pub encoding: Option<Encoding>,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<Timestamp>,
}

impl CachedPage {
    /// Keep `body` answered with `status` and `headers`, compressing it once
    /// (CPU-heavy: call it off the async threads).
    pub fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Self {
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::CONTENT_ENCODING);
        headers.remove(header::TRANSFER_ENCODING);
        let compress = body.len() >= MIN_COMPRESSED && compressible(&headers);
        let gzip = compress.then(|| gzip(&body)).flatten();
        let brotli = compress.then(|| brotli(&body)).flatten();
        let smaller = |b: Option<Bytes>| b.filter(|b| b.len() < body.len());
        let (gzip, brotli) = (smaller(gzip), smaller(brotli));
        if gzip.is_some() || brotli.is_some() {
            caching::vary_on_encoding(&mut headers);
        }
        let last_modified = headers
            .get(header::LAST_MODIFIED)
            .and_then(|v| v.to_str().ok())
            .and_then(caching::parse_http_date);
        Self {
            status,
            headers,
            identity: body,
            gzip,
            brotli,
            last_modified,
            filled_at: 0,
            expires_at: 0,
        }
    }

    /// Bytes this page holds: every body and every header.
    pub fn weight(&self) -> usize {
        let bodies = self.identity.len()
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + self.brotli.as_ref().map_or(0, Bytes::len);
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 32)
            .sum();
        bodies + headers + std::mem::size_of::<Self>()
    }

    /// The answer to `asked`: the body in the best accepted encoding, or 304
    /// when the client's copy is current, or headers only for HEAD.
    pub fn respond(&self, asked: &Asked) -> Response {
        if self.status == StatusCode::OK && self.is_fresh_for(asked) {
            return caching::not_modified(&self.headers);
        }
        let (encoding, body) = self.body(asked.encoding.unwrap_or(Encoding::Identity));
        let mut response = Response::new(if asked.head {
            Body::empty()
        } else {
            Body::from(body.clone())
        });
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Some(name) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        response
    }

    /// The body to send for `wanted`, with its `Content-Encoding` name.
    fn body(&self, wanted: Encoding) -> (Option<&'static str>, &Bytes) {
        match (wanted, &self.brotli, &self.gzip) {
            (Encoding::Brotli, Some(br), _) => (Some("br"), br),
            (Encoding::Brotli | Encoding::Gzip, _, Some(gz)) => (Some("gzip"), gz),
            _ => (None, &self.identity),
        }
    }

    fn is_fresh_for(&self, asked: &Asked) -> bool {
        match (&asked.if_none_match, asked.if_modified_since) {
            (Some(tags), _) => self
                .headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|etag| caching::etag_matches(tags, etag)),
            (None, Some(since)) => self.last_modified.is_some_and(|at| at <= since),
            (None, None) => false,
        }
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// A header it answers with.
    pub fn header(&self, name: &HeaderName) -> Option<&HeaderValue> {
        self.headers.get(name)
    }
}

/// Whether a body of this type gains from compression: not images (but SVG),
/// audio, video or archives.
fn compressible(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let binary = [
        "image/",
        "audio/",
        "video/",
        "application/zip",
        "application/gzip",
    ];
    kind.starts_with("image/svg") || !binary.iter().any(|b| kind.starts_with(b))
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    let level = flate2::Compression::new(GZIP_LEVEL);
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
    encoder.write_all(body).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

/// The smallest brotli window (log2) that holds `len` bytes, within bounds.
fn window_for(len: usize) -> u32 {
    let needed = usize::BITS - len.leading_zeros();
    needed.clamp(BROTLI_MIN_WINDOW, BROTLI_WINDOW)
}

fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut out = Vec::with_capacity(body.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: i32::try_from(BROTLI_QUALITY).ok()?,
        lgwin: i32::try_from(window_for(body.len())).ok()?,
        size_hint: body.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brotli_window_fits_the_page() {
        assert_eq!(window_for(0), BROTLI_MIN_WINDOW);
        assert_eq!(window_for(30_000), 16);
        assert_eq!(window_for(70_000), 17);
        assert_eq!(window_for(100 << 20), BROTLI_WINDOW);
    }

    #[test]
    fn negotiation_prefers_brotli_then_gzip_and_respects_q_zero() {
        use Encoding::{Brotli, Gzip, Identity};
        assert_eq!(Encoding::negotiate(None), Identity);
        assert_eq!(Encoding::negotiate(Some("")), Identity);
        assert_eq!(Encoding::negotiate(Some("gzip, deflate, br, zstd")), Brotli);
        assert_eq!(Encoding::negotiate(Some("gzip")), Gzip);
        assert_eq!(Encoding::negotiate(Some("GZIP;q=0.5")), Gzip);
        assert_eq!(Encoding::negotiate(Some("br;q=0, gzip")), Gzip);
        assert_eq!(Encoding::negotiate(Some("br;q=0.0, gzip;q=0")), Identity);
        assert_eq!(Encoding::negotiate(Some("*")), Brotli);
        assert_eq!(Encoding::negotiate(Some("*, br;q=0")), Gzip);
        assert_eq!(Encoding::negotiate(Some("identity")), Identity);
        assert_eq!(Encoding::negotiate(Some("deflate")), Identity);
    }

    #[test]
    fn weight_counts_every_body_and_header() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let body = Bytes::from("<p>river</p>".repeat(200));
        let page = CachedPage::new(StatusCode::OK, headers, body.clone());
        let gz = page.gzip.as_ref().unwrap().len();
        let br = page.brotli.as_ref().unwrap().len();
        assert!(gz < body.len() && br < body.len());
        let expected_min = body.len() + gz + br + "content-type".len() + "text/html".len();
        assert!(page.weight() >= expected_min, "{}", page.weight());
        assert!(page.weight() < expected_min + 1_024);
    }

    #[test]
    fn small_and_binary_bodies_stay_as_they_are() {
        let page = CachedPage::new(StatusCode::OK, HeaderMap::new(), Bytes::from("ok"));
        assert!(page.gzip.is_none() && page.brotli.is_none());
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
        let png = CachedPage::new(StatusCode::OK, headers, Bytes::from(vec![0_u8; 4_096]));
        assert!(png.gzip.is_none() && png.brotli.is_none());
    }
}
