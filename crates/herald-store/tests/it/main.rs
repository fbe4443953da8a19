//! The store conformance suite: every backend must pass every test here.
//! Each test runs against SQLite always, and against PostgreSQL when the server
//! named by `HERALD_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`) is reachable: each test gets a
//! fresh schema of its own. Without a server the PostgreSQL half is skipped
//! with one notice, unless `HERALD_REQUIRE_POSTGRES=1` makes that a failure.

mod admin_posts;
mod conformance;
mod deep_pages;
mod editing;
mod export;
mod generation;
mod import;
mod postgres;
mod save_post;
mod sessions;
mod sitemap;
mod sqlite;
mod users;

use std::any::Any;
use std::sync::Arc;

use herald_core::Store;
use herald_store::test_support::fresh_postgres_schema;

/// Whatever keeps a test store alive (a temporary folder, a schema).
pub type Keep = Box<dyn Any + Send>;

/// A fresh, empty store of each available backend, with whatever keeps it alive.
pub async fn backends() -> Vec<(&'static str, Arc<dyn Store>, Keep)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = herald_store::SqliteStore::open(&dir.path().join("t.db")).expect("open sqlite");
    let mut stores = vec![(
        "sqlite",
        Arc::new(store) as Arc<dyn Store>,
        Box::new(dir) as Keep,
    )];
    if let Some(schema) = fresh_postgres_schema().await {
        let store = herald_store::open(schema.url())
            .await
            .expect("open postgres");
        stores.push(("postgres", store, Box::new(schema) as Keep));
    }
    stores
}
