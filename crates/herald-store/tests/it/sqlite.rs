//! SQLite-specific behaviour: migrations, file errors.

use herald_core::StoreError;
use herald_store::SqliteStore;

#[test]
fn opening_twice_keeps_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    SqliteStore::open(&path).unwrap();
    SqliteStore::open(&path).unwrap();
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    SqliteStore::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let Err(err) = SqliteStore::open(&path) else {
        panic!("newer schema accepted")
    };
    assert!(matches!(err, StoreError::Incompatible(_)));
    assert!(err.to_string().contains("newer Herald"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let Err(err) = SqliteStore::open(&path) else {
        panic!("garbage accepted")
    };
    assert!(err.to_string().contains("not a Herald database"), "{err}");
}

#[test]
fn a_missing_folder_is_reported() {
    let Err(err) = SqliteStore::open(std::path::Path::new("/nonexistent/folder/a.db")) else {
        panic!("opened a file in a missing folder")
    };
    assert!(
        err.to_string().contains("/nonexistent/folder/a.db"),
        "{err}"
    );
}

#[tokio::test]
async fn open_takes_sqlite_urls_and_bare_paths() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let by_url = herald_store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    by_url
        .insert_bundle(&crate::conformance::bundle())
        .await
        .unwrap();
    let by_path = herald_store::open(&path.display().to_string())
        .await
        .unwrap();
    assert!(!by_path.is_empty().await.unwrap(), "the same file");
}

/// A database from before `listing_counts` (schema 6) gets it filled from its
/// listing rows when opened.
#[tokio::test]
async fn upgrading_fills_the_archive_counts() {
    use herald_core::{Archive, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let store = SqliteStore::open(&path).unwrap();
    store
        .insert_bundle(&crate::conformance::bundle())
        .await
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE listing_counts;
         DROP TRIGGER IF EXISTS listing_counts_insert;
         DROP TRIGGER IF EXISTS listing_counts_delete;
         DROP TRIGGER IF EXISTS listing_counts_update;
         PRAGMA user_version = 6;",
    )
    .unwrap();
    drop(conn);
    let store = SqliteStore::open(&path).unwrap();
    let page = store
        .list_posts(&crate::conformance::query(Archive::Home, 1))
        .await
        .unwrap();
    assert_eq!(page.total, 25);
    let topic = store
        .list_posts(&crate::conformance::query(Archive::Topic(1), 1))
        .await
        .unwrap();
    assert_eq!(topic.total, 25);
}
