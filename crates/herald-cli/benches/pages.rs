//! Rendering public pages from the store, through the real router, on a
//! 10,000-post SQLite site: `cargo bench -p herald-cli`. The page cache is off
//! for these (they measure rendering), except in the `cached_*` benches,
//! which measure a page cache hit through the whole router.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use herald_core::{Archive, FixedClock, ListQuery, SeededRandom, Store};
use herald_render::Theme;
use herald_web::cache::PageCacheConfig;
use herald_web::{AppState, WebConfig, router};
use tower::ServiceExt;

const NOW: i64 = 1_795_953_600;

fn main() {
    divan::main();
}

struct Site {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    /// The same site with the page cache on.
    cached: axum::Router,
    topic_page_2: String,
    post: String,
    _dir: tempfile::TempDir,
}

fn site() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let dir = tempfile::tempdir().expect("temp dir");
        let store = herald_store::SqliteStore::open(&dir.path().join("bench.db")).expect("open");
        let bundle = herald_cli::generate::large_site(NOW, 10_000);
        let (topic_page_2, post) = runtime.block_on(async {
            store.insert_bundle(&bundle).await.expect("write site");
            let topic = store.topics("en").await.expect("topics")[0].clone();
            let list = store
                .list_posts(&ListQuery {
                    language: "en".into(),
                    archive: Archive::Home,
                    page: 1,
                    per_page: 10,
                    now: NOW,
                })
                .await
                .expect("list");
            (
                herald_core::permalink::topic("en", &topic.slug, 2),
                herald_core::permalink::post("en", list.posts[0].id),
            )
        });
        let store: Arc<dyn Store> = Arc::new(store);
        let state = |page_cache| {
            AppState::new(
                Arc::clone(&store),
                Theme::embedded(),
                Arc::new(FixedClock::new(NOW)),
                Arc::new(SeededRandom::new(1)),
                WebConfig {
                    page_cache,
                    ..WebConfig::new("http://127.0.0.1:8080")
                },
            )
        };
        let off = PageCacheConfig {
            bytes: 0,
            ..PageCacheConfig::default()
        };
        Site {
            router: router(state(off)),
            cached: runtime.block_on(async { router(state(PageCacheConfig::default())) }),
            runtime,
            topic_page_2,
            post,
            _dir: dir,
        }
    })
}

fn get(site: &Site, uri: &str) -> usize {
    send(site, &site.router, uri, "identity")
}

fn send(site: &Site, router: &axum::Router, uri: &str, encodings: &str) -> usize {
    site.runtime.block_on(async {
        let request = Request::builder()
            .uri(uri)
            .header("accept-encoding", encodings)
            .body(Body::empty())
            .expect("request");
        let response = router.clone().oneshot(request).await.expect("response");
        assert!(
            response.status().is_success(),
            "{uri}: {}",
            response.status()
        );
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        body.len()
    })
}

#[divan::bench]
fn topic_page_2(bencher: divan::Bencher) {
    let site = site();
    bencher.bench(|| get(site, &site.topic_page_2));
}

#[divan::bench]
fn post_page(bencher: divan::Bencher) {
    let site = site();
    bencher.bench(|| get(site, &site.post));
}

#[divan::bench]
fn home_page(bencher: divan::Bencher) {
    let site = site();
    bencher.bench(|| get(site, "/en/"));
}

/// A page cache hit through the whole router (middleware, lookup, answer).
#[divan::bench]
fn cached_topic_page_2(bencher: divan::Bencher) {
    let site = site();
    let uri = &site.topic_page_2;
    let br = "gzip, deflate, br";
    send(site, &site.cached, uri, br);
    send(site, &site.cached, uri, br);
    bencher.bench(|| send(site, &site.cached, uri, br));
}
