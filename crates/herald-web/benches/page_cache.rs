//! The page cache's hit path (lookup and the answer built from the kept
//! page) and its fill cost (gzip and brotli once), on a page the size of a
//! topic page: `cargo bench -p herald-web --bench page_cache`.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use herald_web::cache::{Asked, CachedPage, Encoding, PageCache, PageCacheConfig};

const NOW: i64 = 1_795_953_600;
const KEY: &str = "/en/topic/water/page/2/";

fn main() {
    divan::main();
}

/// A listing-like page of about 30 KB.
fn body() -> Bytes {
    let mut html = String::from("<!doctype html><html lang=\"en\"><body><main>");
    for i in 0..60 {
        html.push_str(&format!(
            "<article class=\"item\"><h2><a href=\"/en/posts/{i}\">River report number {i}</a>\
             </h2><time>29 November 2026</time><p>The water level rose again overnight; \
             residents of the lower town moved {i} families to higher ground…</p>\
             <a href=\"/en/posts/{i}\">Read more</a></article>"
        ));
    }
    html.push_str("</main></body></html>");
    Bytes::from(html)
}

fn headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::ETAG,
        HeaderValue::from_static("\"00ab12cd34ef5678\""),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60, stale-while-revalidate=600"),
    );
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("en"));
    headers
}

fn filled() -> PageCache {
    let cache = PageCache::new(PageCacheConfig::default()).expect("on");
    let page = CachedPage::new(StatusCode::OK, headers(), body());
    assert!(cache.insert(KEY, page, 1, NOW, None));
    cache
}

#[divan::bench(args = [Encoding::Brotli, Encoding::Gzip, Encoding::Identity])]
fn hit(bencher: divan::Bencher, encoding: Encoding) {
    let cache = filled();
    let asked = Asked {
        encoding: Some(encoding),
        ..Asked::default()
    };
    bencher.bench(|| {
        let page = cache.lookup(KEY, 1, NOW).expect("hit");
        page.respond(&asked)
    });
}

#[divan::bench]
fn hit_not_modified(bencher: divan::Bencher) {
    let cache = filled();
    let asked = Asked {
        if_none_match: Some("\"00ab12cd34ef5678\"".into()),
        ..Asked::default()
    };
    bencher.bench(|| cache.lookup(KEY, 1, NOW).expect("hit").respond(&asked));
}

#[divan::bench(sample_count = 20)]
fn fill(bencher: divan::Bencher) {
    let body = body();
    bencher.bench(|| CachedPage::new(StatusCode::OK, headers(), body.clone()));
}
