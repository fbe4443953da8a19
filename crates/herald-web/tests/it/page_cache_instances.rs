//! The page cache across processes: a write through another store over the
//! same database (another instance over PostgreSQL, `herald import` on the
//! SQLite file) ends the cached pages within the backend's window.

use std::time::{Duration, Instant};

use herald_core::SiteBundle;

use crate::fixture::{NOW, WATER, post};
use crate::support::TestApp;

const URIS: [&str; 3] = ["/en/", "/en/topic/water/", "/en/feed/"];

/// Warm `reader`'s cache, write a new post through `writer`, and wait at most
/// `window` for every cached page of `reader` to show it.
async fn fresh_within(reader: &TestApp, writer: &TestApp, window: Duration) {
    for uri in URIS {
        for _ in 0..3 {
            reader.get(uri).await;
        }
        assert!(!reader.get(uri).await.body.contains("News from elsewhere"));
    }
    assert!(reader.pages.as_ref().expect("on").len() >= URIS.len());
    let mut news = SiteBundle::default();
    news.posts.push(post(
        600,
        "en",
        "News from elsewhere",
        NOW - 60,
        vec![WATER],
    ));
    herald_render::body::prepare_bundle(&mut news);
    writer.store.insert_bundle(&news).await.expect("write");
    let started = Instant::now();
    for uri in URIS {
        loop {
            if reader.get(uri).await.body.contains("News from elsewhere") {
                break;
            }
            assert!(
                started.elapsed() < window,
                "{uri} still stale after {window:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    eprintln!("fresh after {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_instances_drop_each_others_stale_pages() {
    let Some(schema) = herald_store::test_support::fresh_postgres_schema().await else {
        return;
    };
    let first = herald_store::open(schema.url()).await.expect("open a");
    let second = herald_store::open(schema.url()).await.expect("open b");
    let a = TestApp::with_store(first, None, None).await;
    let b = TestApp::over(second, None, Some(schema));
    // b's listener connects on its first request; give it a moment.
    b.get("/en/").await;
    let started = Instant::now();
    while b.store.content_generation().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "b never listens"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    fresh_within(&b, &a, Duration::from_secs(2)).await;
    fresh_within_after_writing_back(&a, &b).await;
}

/// And the other way round, with a post edit.
async fn fresh_within_after_writing_back(a: &TestApp, b: &TestApp) {
    for _ in 0..3 {
        a.get("/en/posts/600").await;
    }
    let mut post = b.stored(600).await;
    let updated_at = post.updated_at;
    post.title = "Edited elsewhere".into();
    post.updated_at = NOW;
    b.store
        .save_post(&post, Some(updated_at))
        .await
        .expect("edit");
    let started = Instant::now();
    while !a
        .get("/en/posts/600")
        .await
        .body
        .contains("Edited elsewhere")
    {
        assert!(started.elapsed() < Duration::from_secs(2), "a still stale");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_sqlite_process_ends_stale_pages_within_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("herald.db").display());
    let first = herald_store::open(&url).await.expect("open a");
    let a = TestApp::with_store(first, Some(dir), None).await;
    // Another process: its own store on the same file, never asked for a
    // generation, so only the file tells `a`.
    let second = herald_store::open(&url).await.expect("open b");
    let b = TestApp::over(second, None, None);
    a.get("/en/").await;
    let started = Instant::now();
    while a.store.content_generation().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a never watches"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The documented window is 250 ms; allow for a loaded machine.
    fresh_within(&a, &b, Duration::from_secs(2)).await;
}
