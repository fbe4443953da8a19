//! Several Herald instances over one database serve the same pages, and a post
//! written through one is public on the others at once (no per-process state).

use axum::http::StatusCode;
use herald_core::SiteBundle;

use crate::fixture::{NOW, WATER, post};
use crate::support::TestApp;

async fn two_instances_agree(a: TestApp, b: TestApp) {
    for uri in [
        "/en/",
        "/fa/",
        "/en/topic/water/",
        "/en/posts/108",
        "/en/about/team/",
    ] {
        let (pa, pb) = (a.get(uri).await, b.get(uri).await);
        assert_eq!(pa.status, StatusCode::OK, "{uri}");
        assert_eq!(pa.body, pb.body, "{uri} differs between instances");
    }
    let mut news = SiteBundle::default();
    news.posts.push(post(
        500,
        "en",
        "Breaking river news",
        NOW - 60,
        vec![WATER],
    ));
    herald_render::body::prepare_bundle(&mut news);
    a.store
        .insert_bundle(&news)
        .await
        .expect("publish through a");
    let on_b = b.get("/en/posts/500").await;
    assert_eq!(on_b.status, StatusCode::OK, "visible through b at once");
    assert_eq!(on_b.texts("h1"), vec!["Breaking river news"]);
    let home = b.get("/en/").await;
    assert_eq!(
        home.attrs("article.item h2 a", "href")
            .get(1)
            .map(String::as_str),
        Some("/en/posts/500"),
        "newest after the sticky post, on b"
    );
    assert!(
        b.get("/en/topic/environment/")
            .await
            .body
            .contains("Breaking river news")
    );
}

#[tokio::test]
async fn sqlite_instances_share_one_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("herald.db").display());
    let first = herald_store::open(&url).await.expect("open a");
    let second = herald_store::open(&url).await.expect("open b");
    let a = TestApp::with_store(first, Some(dir), None).await;
    let b = TestApp::over(second, None, None);
    two_instances_agree(a, b).await;
}

#[tokio::test]
async fn postgres_instances_share_one_database() {
    let Some(schema) = herald_store::test_support::fresh_postgres_schema().await else {
        return;
    };
    let first = herald_store::open(schema.url()).await.expect("open a");
    let second = herald_store::open(schema.url()).await.expect("open b");
    let a = TestApp::with_store(first, None, None).await;
    let b = TestApp::over(second, None, Some(schema));
    two_instances_agree(a, b).await;
}
