//! The store conformance suite: every backend must pass every test here.
//! Each test runs against SQLite always (PostgreSQL joins when it exists).

mod conformance;
mod sqlite;

use std::sync::Arc;

use herald_core::Store;

/// A fresh, empty store of each available backend, with whatever keeps it alive.
pub async fn backends() -> Vec<(&'static str, Arc<dyn Store>, tempfile::TempDir)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = herald_store::SqliteStore::open(&dir.path().join("t.db")).expect("open sqlite");
    vec![("sqlite", Arc::new(store) as Arc<dyn Store>, dir)]
}
