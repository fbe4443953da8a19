//! HTTP caching over the real router: ETags and 304s, Last-Modified, an edit
//! changing exactly the pages that show the post, Cache-Control per kind of
//! page and per setting, signed-in requests kept private, compression sharing
//! one ETag, HEAD, not-found pages, and POST and the admin left alone.

use std::io::Read;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use herald_core::{PostSave, SeededRandom};
use herald_render::Theme;
use herald_web::caching::CachePolicy;
use herald_web::{AppState, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::fixture::{HOUR, NOW, TRANSLATED_EN, WATER, post as fixture_post};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

const LISTING: &str = "public, max-age=60, stale-while-revalidate=600";
const POST: &str = "public, max-age=300, stale-while-revalidate=86400";
const NOT_FOUND: &str = "public, max-age=30";

/// Pages of each class, all 200 in the fixture.
const PAGES: [&str; 8] = [
    "/en/",
    "/en/feed/",
    "/en/topic/water/feed.json",
    "/en/page/2/",
    "/en/topic/water/",
    "/en/search?q=river",
    "/en/posts/108",
    "/en/about/team/",
];

fn etag(page: &Page) -> String {
    page.header("etag").expect("an ETag").to_owned()
}

async fn conditional(app: &TestApp, uri: &str, if_none_match: &str) -> Page {
    app.send(Call::get(uri).header("if-none-match", if_none_match))
        .await
}

async fn etag_then_not_modified(app: TestApp) {
    for uri in PAGES {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let tag = etag(&page);
        assert!(
            tag.len() == 18
                && tag.starts_with('"')
                && tag.ends_with('"')
                && tag[1..17].bytes().all(|b| b.is_ascii_hexdigit()),
            "{uri}: strong, quoted: {tag}"
        );
        assert_eq!(page.header("vary"), Some("accept-encoding"), "{uri}");
        assert_eq!(etag(&app.get(uri).await), tag, "{uri}: stable");
        let others = format!("\"0000000000000000\", W/{tag}");
        for matching in [tag.as_str(), others.as_str(), "*"] {
            let again = conditional(&app, uri, matching).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri} {matching}");
            assert!(again.body.is_empty(), "{uri}: no body");
            assert_eq!(again.header("etag"), Some(tag.as_str()), "{uri}");
            assert_eq!(
                again.header("cache-control"),
                page.header("cache-control"),
                "{uri}"
            );
            assert_eq!(again.header("vary"), Some("accept-encoding"), "{uri}");
            assert_eq!(again.header("content-length"), None, "{uri}");
        }
        let other = conditional(&app, uri, "\"0000000000000000\"").await;
        assert_eq!(other.status, StatusCode::OK, "{uri}: another tag");
        assert_eq!(other.body, page.body, "{uri}");
    }
}

async fn if_modified_since_on_posts_and_pages(app: TestApp) {
    let page = app.get("/en/posts/108").await;
    let stored = app.stored(TRANSLATED_EN).await;
    assert_eq!(stored.updated_at, NOW - 2 * HOUR);
    // 2026-11-29 10:00:00 UTC.
    let modified = "Sun, 29 Nov 2026 10:00:00 GMT";
    assert_eq!(page.header("last-modified"), Some(modified));
    let since = |date: &str| Call::get("/en/posts/108").header("if-modified-since", date);
    let same = app.send(since(modified)).await;
    assert_eq!(same.status, StatusCode::NOT_MODIFIED);
    assert_eq!(same.header("last-modified"), Some(modified));
    assert_eq!(same.header("etag"), page.header("etag"));
    let later = app.send(since("Sun, 29 Nov 2026 11:00:00 GMT")).await;
    assert_eq!(later.status, StatusCode::NOT_MODIFIED);
    let earlier = app.send(since("Sun, 29 Nov 2026 09:59:59 GMT")).await;
    assert_eq!(earlier.status, StatusCode::OK);
    assert_eq!(earlier.body, page.body);
    let garbage = app.send(since("yesterday")).await;
    assert_eq!(garbage.status, StatusCode::OK);
    let both = app
        .send(since(modified).header("if-none-match", "\"0000000000000000\""))
        .await;
    assert_eq!(both.status, StatusCode::OK, "If-None-Match decides alone");
    let about = app.get("/en/about/").await;
    let about_modified = about.header("last-modified").expect("pages have one");
    let again = app
        .send(Call::get("/en/about/").header("if-modified-since", about_modified))
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let home = app.get("/en/").await;
    assert_eq!(home.header("last-modified"), None, "listings: ETag only");
    let home_since = app
        .send(Call::get("/en/").header("if-modified-since", "Sun, 29 Nov 2026 12:00:00 GMT"))
        .await;
    assert_eq!(home_since.status, StatusCode::OK);
}

async fn an_edit_changes_the_pages_that_show_the_post(app: TestApp) {
    // The post, the listings it is on, and its translation (which links to it
    // by title) change; pages that do not show it stay valid.
    let showing = [
        "/en/",
        "/en/feed/",
        "/en/topic/water/",
        "/en/topic/environment/",
        "/en/tag/rivers/",
        "/en/posts/108",
        "/fa/posts/200",
    ];
    let not_showing = ["/en/about/", "/en/topic/economy/", "/en/posts/5"];
    let mut before = Vec::new();
    for uri in showing.iter().chain(&not_showing) {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        before.push((*uri, etag(&page)));
    }
    let mut post = app.stored(TRANSLATED_EN).await;
    let expected = post.updated_at;
    post.title = "Rivers in a dry spring".into();
    post.updated_at = NOW - HOUR;
    herald_render::body::prepare_post(&mut post, 12);
    app.store
        .write_post(&PostSave::new(&post, Some(expected)))
        .await
        .expect("edit");
    for (uri, tag) in &before {
        let page = conditional(&app, uri, tag).await;
        if showing.contains(uri) {
            assert_eq!(page.status, StatusCode::OK, "{uri} shows the edit");
            assert_ne!(&etag(&page), tag, "{uri}: a new ETag");
            assert!(page.body.contains("Rivers in a dry spring"), "{uri}");
        } else {
            assert_eq!(page.status, StatusCode::NOT_MODIFIED, "{uri} unchanged");
        }
    }
    let post_page = app.get("/en/posts/108").await;
    assert_eq!(
        post_page.header("last-modified"),
        Some("Sun, 29 Nov 2026 11:00:00 GMT")
    );
    // Publishing a new post changes the home page again.
    let home = app.get("/en/").await;
    let mut news = herald_core::SiteBundle::default();
    news.posts.push(fixture_post(
        500,
        "en",
        "Breaking river news",
        NOW - 60,
        vec![WATER],
    ));
    herald_render::body::prepare_bundle(&mut news);
    app.store.insert_bundle(&news).await.expect("publish");
    let after = conditional(&app, "/en/", &etag(&home)).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(after.body.contains("Breaking river news"));
    assert_eq!(
        conditional(&app, "/en/about/", &before[7].1).await.status,
        StatusCode::NOT_MODIFIED
    );
}

async fn cache_control_per_class(app: TestApp) {
    for (uri, status, expected) in [
        ("/en/", StatusCode::OK, LISTING),
        ("/en/page/2/", StatusCode::OK, LISTING),
        ("/en/topic/water/", StatusCode::OK, LISTING),
        ("/en/tag/rivers/", StatusCode::OK, LISTING),
        ("/en/search?q=river", StatusCode::OK, LISTING),
        ("/", StatusCode::FOUND, LISTING),
        ("/en/feed/", StatusCode::OK, LISTING),
        ("/en/feed/atom/", StatusCode::OK, LISTING),
        ("/en/posts/108", StatusCode::OK, POST),
        ("/en/about/", StatusCode::OK, POST),
        ("/en/posts/108/amp", StatusCode::MOVED_PERMANENTLY, POST),
        ("/en", StatusCode::MOVED_PERMANENTLY, POST),
        ("/en/posts/99999", StatusCode::NOT_FOUND, NOT_FOUND),
        ("/en/nowhere/", StatusCode::NOT_FOUND, NOT_FOUND),
        ("/en/page/99/", StatusCode::NOT_FOUND, NOT_FOUND),
        ("/favicon.ico", StatusCode::NOT_FOUND, NOT_FOUND),
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, status, "{uri}");
        assert_eq!(page.header("cache-control"), Some(expected), "{uri}");
    }
    let home = app.get("/en/").await;
    let css = home.attrs("link[rel=stylesheet]", "href");
    let css = app.get(&css[0]).await;
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=31536000, immutable"),
        "a handler's own Cache-Control stays"
    );
    assert!(css.header("etag").is_some());
    let health = app.get("/healthz").await;
    assert_eq!(health.header("cache-control"), Some("no-store"));
    assert_eq!(health.header("etag"), None);
}

async fn cache_control_follows_the_settings(app: TestApp) {
    let longer = Configured::new(
        &app,
        CachePolicy {
            listing_seconds: 5,
            post_seconds: 7200,
        },
    );
    let cache_control = |answer: &Answer| answer.header("cache-control").to_owned();
    let home = longer.get("/en/", &[]).await;
    assert_eq!(
        cache_control(&home),
        "public, max-age=5, stale-while-revalidate=600"
    );
    let post = longer.get("/en/posts/108", &[]).await;
    assert_eq!(
        cache_control(&post),
        "public, max-age=7200, stale-while-revalidate=86400"
    );
    let missing = longer.get("/en/posts/99999", &[]).await;
    assert_eq!(
        cache_control(&missing),
        "public, max-age=5",
        "never above listings"
    );
    let off = Configured::new(
        &app,
        CachePolicy {
            listing_seconds: 0,
            post_seconds: 0,
        },
    );
    for uri in ["/en/", "/en/posts/108", "/en/posts/99999"] {
        let answer = off.get(uri, &[]).await;
        assert_eq!(cache_control(&answer), "public, no-cache", "{uri}");
    }
    let home = off.get("/en/", &[]).await;
    let again = off
        .get("/en/", &[("if-none-match", Some(home.header("etag")))])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED, "still revalidated");
}

async fn a_session_cookie_makes_answers_private(app: TestApp) {
    for uri in ["/en/", "/en/posts/108", "/en/posts/99999"] {
        let page = app
            .send(Call::get(uri).cookie("theme=dark; herald_session=abc"))
            .await;
        assert_eq!(
            page.header("cache-control"),
            Some("private, no-store"),
            "{uri}"
        );
        let other = app.send(Call::get(uri).cookie("theme=dark")).await;
        assert!(
            other
                .header("cache-control")
                .is_some_and(|v| v.starts_with("public")),
            "{uri}: another cookie changes nothing"
        );
    }
}

async fn brotli_and_gzip_share_one_etag(app: TestApp) {
    let site = Configured::new(&app, CachePolicy::default());
    for uri in ["/en/topic/water/", "/en/posts/108", "/fa/"] {
        let plain = site
            .get(uri, &[("accept-encoding", Some("identity"))])
            .await;
        let gzip = site.get(uri, &[("accept-encoding", Some("gzip"))]).await;
        let brotli = site
            .get(uri, &[("accept-encoding", Some("gzip, deflate, br"))])
            .await;
        assert_eq!(plain.headers.get("content-encoding"), None);
        assert_eq!(gzip.header("content-encoding"), "gzip", "{uri}");
        assert_eq!(brotli.header("content-encoding"), "br", "{uri}");
        assert_eq!(gunzip(&gzip.body), plain.body, "{uri}: gzip decodes");
        assert_eq!(unbrotli(&brotli.body), plain.body, "{uri}: brotli decodes");
        assert!(brotli.body.len() < plain.body.len() / 2, "{uri}");
        let tag = plain.header("etag");
        assert_eq!(gzip.header("etag"), tag, "{uri}");
        assert_eq!(brotli.header("etag"), tag, "{uri}");
        for answer in [&plain, &gzip, &brotli] {
            assert_eq!(answer.headers.get_all("vary").iter().count(), 1, "{uri}");
            assert_eq!(answer.header("vary"), "accept-encoding", "{uri}");
        }
        let fresh = site
            .get(
                uri,
                &[
                    ("accept-encoding", Some("br, gzip")),
                    ("if-none-match", Some(tag)),
                ],
            )
            .await;
        assert_eq!(fresh.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(fresh.body.is_empty(), "{uri}");
        assert_eq!(fresh.headers.get("content-encoding"), None, "{uri}");
        assert_eq!(fresh.header("etag"), tag, "{uri}");
    }
}

async fn head_is_get_without_a_body(app: TestApp) {
    let site = Configured::new(&app, CachePolicy::default());
    for uri in ["/en/", "/en/posts/108"] {
        let get = app.get(uri).await;
        let head = app.request("HEAD", uri).await;
        assert_eq!(head.status, StatusCode::OK, "{uri}");
        assert!(head.body.is_empty(), "{uri}");
        for name in [
            "etag",
            "cache-control",
            "last-modified",
            "vary",
            "content-type",
        ] {
            assert_eq!(head.header(name), get.header(name), "{uri}: {name}");
        }
        let tag = etag(&get);
        let fresh = site
            .request("HEAD", uri, &[("if-none-match", Some(&tag))])
            .await;
        assert_eq!(fresh.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(fresh.header("etag"), tag, "{uri}");
    }
}

async fn not_found_pages_are_short_lived_and_never_304(app: TestApp) {
    let page = app.get("/en/posts/99999").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.header("cache-control"), Some(NOT_FOUND));
    assert_eq!(page.header("vary"), Some("accept-encoding"));
    assert_eq!(page.header("etag"), None);
    let star = conditional(&app, "/en/posts/99999", "*").await;
    assert_eq!(star.status, StatusCode::NOT_FOUND, "nothing there to match");
    assert_eq!(star.body, page.body);
}

async fn post_and_admin_are_left_alone(app: TestApp) {
    let post = app.send(Call::post("/en/", &[("a", "b")])).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.header("etag"), None);
    assert_eq!(post.header("cache-control"), None);
    for uri in ["/admin/login", "/admin/"] {
        let page = app.get(uri).await;
        assert_eq!(page.header("cache-control"), Some("no-store"), "{uri}");
        assert_eq!(page.header("etag"), None, "{uri}");
        let signed_in = app.send(Call::get(uri).cookie("herald_session=abc")).await;
        assert_eq!(signed_in.header("cache-control"), Some("no-store"), "{uri}");
        let star = conditional(&app, uri, "*").await;
        assert_ne!(star.status, StatusCode::NOT_MODIFIED, "{uri}");
    }
}

on_both_backends!(
    etag_then_not_modified,
    if_modified_since_on_posts_and_pages,
    an_edit_changes_the_pages_that_show_the_post,
    cache_control_per_class,
    cache_control_follows_the_settings,
    a_session_cookie_makes_answers_private,
    brotli_and_gzip_share_one_etag,
    head_is_get_without_a_body,
    not_found_pages_are_short_lived_and_never_304,
    post_and_admin_are_left_alone,
);

/// The fixture site's store behind a router with other cache settings, whose
/// answers keep their bytes (compressed bodies are not text).
struct Configured {
    router: axum::Router,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("a {name} header"))
    }
}

impl Configured {
    fn new(app: &TestApp, cache: CachePolicy) -> Self {
        let state = AppState::new(
            app.store.clone(),
            Theme::embedded(),
            app.clock.clone(),
            Arc::new(SeededRandom::new(7)),
            WebConfig {
                cache,
                ..WebConfig::new("https://news.example")
            },
        );
        Self {
            router: herald_web::router(state),
        }
    }

    /// GET `uri` with `headers` (a `None` value sends nothing).
    async fn get(&self, uri: &str, headers: &[(&str, Option<&str>)]) -> Answer {
        self.request("GET", uri, headers).await
    }

    async fn request(&self, method: &str, uri: &str, headers: &[(&str, Option<&str>)]) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            if let Some(value) = value {
                request = request.header(*name, *value);
            }
        }
        let request = request.body(Body::empty()).expect("request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let (parts, body) = response.into_parts();
        Answer {
            status: parts.status,
            headers: parts.headers,
            body: body.collect().await.expect("body").to_bytes(),
        }
    }
}

fn gunzip(bytes: &[u8]) -> Bytes {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out.into()
}

fn unbrotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::new();
    brotli_decompressor::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("brotli");
    out.into()
}
