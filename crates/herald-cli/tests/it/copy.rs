//! `herald copy`: a whole site moves SQLite → PostgreSQL → SQLite and reads the
//! same at the end; a target holding a site is refused without --replace.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use herald_core::{FixedClock, SeededRandom};
use herald_render::Theme;
use herald_web::{AppState, WebConfig, router};
use tower::ServiceExt;

use crate::herald;

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// The bodies of a set of public pages, served from `url` at a fixed time.
async fn pages(url: &str, now: i64) -> Vec<(String, u16, String)> {
    let store = herald_store::open(url).await.expect("open");
    let app = router(AppState::new(
        store,
        Theme::embedded(),
        Arc::new(FixedClock::new(now)),
        Arc::new(SeededRandom::new(1)),
        WebConfig::new("https://news.example"),
    ));
    let mut out = Vec::new();
    for uri in [
        "/en/",
        "/fa/",
        "/ar/",
        "/en/page/3/",
        "/en/topic/environment/",
        "/fa/posts/14",
        "/en/about/team/",
        "/en/kind/news/",
        "/en/search?q=river",
        "/en/posts/999999",
    ] {
        let request = Request::builder()
            .uri(uri)
            .body(Body::empty())
            .expect("request");
        let response = app.clone().oneshot(request).await.expect("response");
        let status = response.status().as_u16();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        out.push((
            uri.to_owned(),
            status,
            String::from_utf8_lossy(&body).into_owned(),
        ));
    }
    out
}

#[tokio::test]
async fn a_site_round_trips_through_postgres_unchanged() {
    let Some(schema) = herald_store::test_support::fresh_postgres_schema().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    assert!(herald(&first, &["demo", "--no-serve"]).status.success());
    let first_url = sqlite_url(&first.join("herald.db"));
    let back_url = sqlite_url(&dir.path().join("back.db"));

    let to_pg = herald(
        dir.path(),
        &["copy", "--from", &first_url, "--to", schema.url()],
    );
    assert!(to_pg.status.success(), "{to_pg:?}");
    assert!(String::from_utf8_lossy(&to_pg.stdout).contains("copied 3 languages"));
    let back = herald(
        dir.path(),
        &["copy", "--from", schema.url(), "--to", &back_url],
    );
    assert!(back.status.success(), "{back:?}");

    let a = herald_store::open(&first_url).await.unwrap();
    let b = herald_store::open(&back_url).await.unwrap();
    assert_eq!(
        a.export_bundle().await.unwrap(),
        b.export_bundle().await.unwrap()
    );
    let now = a
        .export_bundle()
        .await
        .unwrap()
        .posts
        .iter()
        .map(|p| p.publish_at)
        .max()
        .unwrap();
    let (original, copied, on_pg) = (
        pages(&first_url, now).await,
        pages(&back_url, now).await,
        pages(schema.url(), now).await,
    );
    assert_eq!(
        original, copied,
        "SQLite → PostgreSQL → SQLite serves the same pages"
    );
    assert_eq!(original, on_pg, "PostgreSQL serves the same pages");
    assert_eq!(original[0].1, 200);
}

#[test]
fn a_target_with_a_site_is_refused_unless_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(herald(&a, &["demo", "--no-serve"]).status.success());
    assert!(herald(&b, &["demo", "--no-serve"]).status.success());
    let (a_url, b_url) = (
        sqlite_url(&a.join("herald.db")),
        sqlite_url(&b.join("herald.db")),
    );
    let refused = herald(dir.path(), &["copy", "--from", &a_url, "--to", &b_url]);
    crate::assert_one_line_error(&refused, "--replace");
    let replaced = herald(
        dir.path(),
        &["copy", "--from", &a_url, "--to", &b_url, "--replace"],
    );
    assert!(replaced.status.success(), "{replaced:?}");
    let unknown = herald(
        dir.path(),
        &["copy", "--from", "mysql://x/y", "--to", &b_url],
    );
    assert!(!unknown.status.success());
}
