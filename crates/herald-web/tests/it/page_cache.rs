//! The page cache on one instance: every kind of write shows at once on pages
//! that were cached, a scheduled post appears when the clock reaches it,
//! signed-in visitors bypass it, each encoding gets the right bytes with the
//! same validators, and a flood of URLs keeps it within its bound.

use std::io::Read;

use axum::http::StatusCode;
use herald_core::{Role, Status, Taxonomy};
use herald_web::cache::DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS;

use crate::accounts;
use crate::fixture::{ECONOMY, FUTURE, NOW, TRANSLATED_EN, WATER};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

/// Ask for `uri` until the cache holds it (a page enters on its second
/// request), and check it is served from there.
async fn warm(app: &TestApp, uri: &str) -> Page {
    watching(app).await;
    let first = app.get(uri).await;
    app.get(uri).await;
    assert!(cached(app, uri), "{uri} is cached after two requests");
    let hit = app.get(uri).await;
    assert_eq!(hit.body, first.body, "{uri}: the hit is the page");
    hit
}

/// Wait until the store watches other processes (PostgreSQL's listener
/// connects on the first request): until then nothing is cached.
pub async fn watching(app: &TestApp) {
    let started = std::time::Instant::now();
    while app.store.content_generation().is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "the store never watches for changes"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// Whether the cache would answer `uri` now.
fn cached(app: &TestApp, uri: &str) -> bool {
    let pages = app.pages.as_ref().expect("page cache on");
    let generation = app.store.content_generation().expect("generation known");
    pages.lookup(uri, generation, app.clock.now()).is_some()
}

use herald_core::Clock;

async fn posts_written_show_at_once(app: TestApp) {
    let post_uri = format!("/en/posts/{TRANSLATED_EN}");
    for uri in ["/en/", "/en/topic/water/", &post_uri, "/en/feed/"] {
        warm(&app, uri).await;
    }
    // Published through the admin editor.
    accounts::add_user(&app, "chief", Role::Editor).await;
    let cookie = accounts::sign_in(&app, "chief").await;
    let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
    let form = [
        ("csrf", csrf.as_str()),
        ("title", "Fresh from the editor"),
        ("slug", ""),
        ("language", "en"),
        ("kind", "post"),
        ("body", "Some *text*."),
        ("excerpt", ""),
        ("tags", ""),
        ("topics", "2"),
        ("status", "published"),
        ("publish_at", ""),
        ("updated_at", ""),
    ];
    let saved = app
        .send(Call::post("/admin/posts/new", &form).cookie(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    for uri in ["/en/", "/en/feed/"] {
        assert!(
            app.get(uri).await.body.contains("Fresh from the editor"),
            "{uri} shows the new post"
        );
    }
    // Edited.
    warm(&app, &post_uri).await;
    let mut post = app.stored(TRANSLATED_EN).await;
    let updated_at = post.updated_at;
    post.title = "A retitled story".into();
    post.updated_at = NOW;
    app.store
        .save_post(&post, Some(updated_at))
        .await
        .expect("edit");
    assert_eq!(app.get(&post_uri).await.texts("h1"), ["A retitled story"]);
    // Trashed.
    warm(&app, &post_uri).await;
    warm(&app, "/en/topic/water/").await;
    app.store
        .set_status(&[TRANSLATED_EN], Status::Trash, NOW)
        .await
        .expect("trash");
    assert_eq!(app.get(&post_uri).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get("/en/").await.body.contains("A retitled story"));
    // Restored, then deleted for good.
    app.store
        .set_status(&[TRANSLATED_EN], Status::Published, NOW)
        .await
        .expect("restore");
    warm(&app, &post_uri).await;
    app.store
        .set_status(&[TRANSLATED_EN], Status::Trash, NOW)
        .await
        .expect("trash");
    assert_eq!(
        app.store
            .delete_posts(&[TRANSLATED_EN])
            .await
            .expect("delete"),
        1
    );
    assert_eq!(app.get(&post_uri).await.status, StatusCode::NOT_FOUND);
}

async fn terms_written_show_at_once(app: TestApp) {
    warm(&app, "/en/topic/water/").await;
    let mut water = app.store.terms_by_ids(&[WATER]).await.expect("terms")[0].clone();
    water.name = "Rivers and lakes".into();
    app.store.save_term(&water).await.expect("rename");
    assert!(
        app.get("/en/topic/water/")
            .await
            .body
            .contains("Rivers and lakes")
    );
    // Moved under another topic: the economy archive now includes its posts.
    let economy = warm(&app, "/en/topic/economy/").await;
    water.parent = Some(ECONOMY);
    app.store.save_term(&water).await.expect("move");
    let moved = app.get("/en/topic/economy/").await;
    assert_ne!(moved.body, economy.body, "the economy archive changed");
    // Deleted.
    warm(&app, "/en/topic/water/").await;
    assert!(app.store.delete_term(WATER).await.expect("delete"));
    assert_eq!(
        app.get("/en/topic/water/").await.status,
        StatusCode::NOT_FOUND
    );
    // Tags too.
    let tag = app
        .store
        .term_by_slug("en", Taxonomy::Tag, "rivers")
        .await
        .expect("store");
    if let Some(mut tag) = tag {
        warm(&app, "/en/tag/rivers/").await;
        tag.name = "Streams".into();
        app.store.save_term(&tag).await.expect("rename tag");
        assert!(app.get("/en/tag/rivers/").await.body.contains("Streams"));
    }
}

async fn users_settings_and_languages_show_at_once(app: TestApp) {
    let post_uri = format!("/en/posts/{TRANSLATED_EN}");
    warm(&app, &post_uri).await;
    let mut author = app.store.user(1).await.expect("store").expect("author");
    author.display_name = "Renamed Reporter".into();
    app.store.update_user(&author).await.expect("rename user");
    assert!(app.get(&post_uri).await.body.contains("Renamed Reporter"));

    warm(&app, "/en/").await;
    let mut en = app.store.languages().await.expect("languages")[0].clone();
    assert_eq!(en.code, "en");
    en.site_name = "The Renamed Courier".into();
    app.store.save_language(&en).await.expect("language");
    assert!(app.get("/en/").await.body.contains("The Renamed Courier"));

    let feed = warm(&app, "/feed/").await;
    assert_eq!(feed.location.as_deref(), Some("/en/feed/"));
    let home = warm(&app, "/en/").await;
    let mut settings = app.store.settings().await.expect("settings");
    settings.default_language = "fa".into();
    settings.time_zone = "Pacific/Kiritimati".into();
    app.store.save_settings(&settings).await.expect("settings");
    assert_eq!(
        app.get("/feed/").await.location.as_deref(),
        Some("/fa/feed/")
    );
    assert_ne!(
        app.get("/en/").await.body,
        home.body,
        "dates in the new zone"
    );
}

async fn a_scheduled_post_appears_when_its_time_comes(app: TestApp) {
    // Due in two minutes: well within a cached page's maximum age, so only
    // the scheduled time can end the cached pages.
    let mut future = app.stored(FUTURE).await;
    let updated_at = future.updated_at;
    future.publish_at = NOW + 120;
    app.store
        .save_post(&future, Some(updated_at))
        .await
        .expect("reschedule");
    let uri = format!("/en/posts/{FUTURE}");
    let home = warm(&app, "/en/").await;
    assert!(!home.body.contains("Future post"));
    app.clock.set(NOW + 119);
    assert!(cached(&app, "/en/"), "still current a second before");
    assert!(!app.get("/en/").await.body.contains("Future post"));
    app.clock.set(NOW + 120);
    assert!(app.get("/en/").await.body.contains("Future post"));
    assert_eq!(app.get(&uri).await.status, StatusCode::OK);
    // And the maximum age ends pages that nothing else ends.
    let page = warm(&app, "/en/topic/economy/").await;
    assert_eq!(page.status, StatusCode::OK);
    app.clock
        .set(NOW + 120 + i64::from(DEFAULT_PAGE_CACHE_MAX_AGE_SECONDS));
    assert!(!cached(&app, "/en/topic/economy/"));
}

async fn signed_in_visitors_bypass_the_cache(app: TestApp) {
    watching(&app).await;
    accounts::add_user(&app, "chief", Role::Editor).await;
    let cookie = accounts::sign_in(&app, "chief").await;
    for _ in 0..3 {
        let page = app
            .send(Call::get("/en/topic/water/").cookie(&cookie))
            .await;
        assert_eq!(page.header("cache-control"), Some("private, no-store"));
    }
    assert!(
        app.pages.as_ref().expect("on").is_empty(),
        "signed-in requests fill nothing"
    );
    warm(&app, "/en/topic/water/").await;
    let page = app
        .send(Call::get("/en/topic/water/").cookie(&cookie))
        .await;
    assert_eq!(
        page.header("cache-control"),
        Some("private, no-store"),
        "never the public copy"
    );
}

on_both_backends!(
    posts_written_show_at_once,
    terms_written_show_at_once,
    users_settings_and_languages_show_at_once,
    a_scheduled_post_appears_when_its_time_comes,
    signed_in_visitors_bypass_the_cache,
);

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("gzip");
    text
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut text = String::new();
    brotli_decompressor::Decompressor::new(bytes, 4096)
        .read_to_string(&mut text)
        .expect("brotli");
    text
}

/// Send `uri` with `Accept-Encoding: accept`; the page with its raw body.
async fn fetch(app: &TestApp, method: &str, uri: &str, accept: &str) -> (Page, Vec<u8>) {
    let call = Call::get(uri).header("accept-encoding", accept);
    let (page, bytes) = app.send_raw(call, method).await;
    (page, bytes)
}

#[tokio::test]
async fn each_encoding_gets_its_bytes_and_the_same_validators() {
    let app = TestApp::sqlite().await;
    let uri = "/en/topic/water/";
    let plain = warm(&app, uri).await;
    let (br, br_bytes) = fetch(&app, "GET", uri, "gzip, deflate, br").await;
    let (gz, gz_bytes) = fetch(&app, "GET", uri, "gzip").await;
    let (id, id_bytes) = fetch(&app, "GET", uri, "identity").await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(id.header("content-encoding"), None);
    assert_eq!(unbrotli(&br_bytes), plain.body);
    assert_eq!(gunzip(&gz_bytes), plain.body);
    assert_eq!(String::from_utf8(id_bytes.clone()).unwrap(), plain.body);
    for (page, bytes) in [(&br, &br_bytes), (&gz, &gz_bytes), (&id, &id_bytes)] {
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.header("etag"), plain.header("etag"));
        assert!(page.header("etag").is_some());
        assert_eq!(page.header("vary"), Some("accept-encoding"));
        assert_eq!(page.header("cache-control"), plain.header("cache-control"));
        assert_eq!(
            page.header("content-length"),
            Some(bytes.len().to_string().as_str())
        );
    }
    assert!(br_bytes.len() < gz_bytes.len() && gz_bytes.len() < id_bytes.len());
    let (head, head_bytes) = fetch(&app, "HEAD", uri, "gzip").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head_bytes.is_empty(), "HEAD has no body");
    assert_eq!(head.header("content-length"), gz.header("content-length"));
    assert_eq!(head.header("content-encoding"), Some("gzip"));
    let etag = plain.header("etag").unwrap();
    let again = app
        .send(
            Call::get(uri)
                .header("if-none-match", etag)
                .header("accept-encoding", "br"),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header("etag"), Some(etag));
    assert_eq!(again.header("content-encoding"), None);
    assert!(again.body.is_empty());
    let post_uri = format!("/en/posts/{TRANSLATED_EN}");
    let post = warm(&app, &post_uri).await;
    let since = post.header("last-modified").expect("last-modified");
    let again = app
        .send(Call::get(&post_uri).header("if-modified-since", since))
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn a_cached_answer_equals_the_uncached_one() {
    let app = TestApp::sqlite().await;
    let off = TestApp::sqlite().await.with_config(herald_web::WebConfig {
        page_cache: herald_web::cache::PageCacheConfig {
            bytes: 0,
            ..Default::default()
        },
        ..herald_web::WebConfig::new("https://news.example")
    });
    assert!(off.pages.is_none(), "size 0 turns the cache off");
    for uri in [
        "/en/",
        "/en/posts/108",
        "/en/feed/",
        "/robots.txt",
        "/en/posts/108/",
    ] {
        let hit = warm(&app, uri).await;
        let plain = off.get(uri).await;
        assert_eq!(hit.status, plain.status, "{uri}");
        assert_eq!(hit.body, plain.body, "{uri}");
        for name in [
            "etag",
            "cache-control",
            "content-type",
            "last-modified",
            "location",
        ] {
            assert_eq!(hit.header(name), plain.header(name), "{uri}: {name}");
        }
    }
}

#[tokio::test]
async fn search_results_are_not_kept() {
    let app = TestApp::sqlite().await;
    for _ in 0..3 {
        app.get("/en/search?q=river").await;
    }
    assert!(!cached(&app, "/en/search?q=river"));
}

#[tokio::test]
async fn a_flood_of_urls_stays_within_bounds_and_keeps_popular_pages() {
    let capacity = 256 * 1024;
    let app = TestApp::sqlite().await.with_config(herald_web::WebConfig {
        page_cache: herald_web::cache::PageCacheConfig {
            bytes: capacity,
            ..Default::default()
        },
        ..herald_web::WebConfig::new("https://news.example")
    });
    let pages = app.pages.clone().expect("on");
    warm(&app, "/en/").await;
    // Random query strings the site does not read: all one page.
    for i in 0..10_000_u32 {
        let uri = format!("/en/?utm_source={:x}", i.wrapping_mul(2_654_435_761));
        assert_eq!(app.get(&uri).await.status, StatusCode::OK);
    }
    assert_eq!(pages.len(), 1, "one page, whatever the query");
    // Distinct pages, each asked for twice so they enter: still bounded,
    // and the page read all along stays.
    for i in 0..2_000_u32 {
        let uri = format!("/en/posts/{TRANSLATED_EN}?amp={i}");
        app.get(&uri).await;
        app.get(&uri).await;
        if i % 10 == 0 {
            app.get("/en/").await;
        }
        assert!(
            pages.bytes() <= capacity,
            "{} bytes after {i}",
            pages.bytes()
        );
    }
    assert!(cached(&app, "/en/"), "the popular page stayed");
    assert!(pages.len() > 10, "the cache was used: {}", pages.len());
}
