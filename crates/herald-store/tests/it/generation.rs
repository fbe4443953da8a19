//! The content generation: content writes move it before they return,
//! session writes do not, and writes by other programs over the same database
//! move it within the backend's window (SQLite's watcher, PostgreSQL's
//! notifications), also after the PostgreSQL listener lost its connection.

use std::time::{Duration, Instant};

use herald_core::{Session, Store};
use herald_store::test_support::fresh_postgres_schema;
use tokio_postgres::NoTls;

use crate::conformance::bundle;

/// Wait at most `within` for `store`'s generation to be known and past `after`.
async fn moves_past(store: &dyn Store, after: Option<u64>, within: Duration) -> u64 {
    let started = Instant::now();
    loop {
        if let Some(now) = store.content_generation()
            && after.is_none_or(|after| now > after)
        {
            return now;
        }
        assert!(
            started.elapsed() < within,
            "the generation did not move past {after:?} within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Content writes move the generation before they return; sessions do not.
async fn local_writes(store: &dyn Store) {
    let start = moves_past(store, None, Duration::from_secs(5)).await;
    store.insert_bundle(&bundle()).await.expect("bundle");
    let written = store.content_generation().expect("known");
    assert!(written > start, "a content write moves it at once");
    // PostgreSQL's own notification of that write moves it once more.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let written = store.content_generation().expect("known");
    let session = Session {
        token_hash: "h".repeat(64),
        user_id: 1,
        csrf_token: "c".repeat(43),
        created_at: 1_000,
        last_seen_at: 1_000,
    };
    store.create_session(&session).await.expect("session");
    store
        .touch_session(&session.token_hash, 2_000)
        .await
        .expect("touch");
    store
        .record_login_failure("account:x", 2_000)
        .await
        .expect("throttle");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        store.content_generation(),
        Some(written),
        "session and throttle writes leave it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_generation_follows_local_and_foreign_commits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("herald.db");
    let store = herald_store::SqliteStore::open(&path).expect("open");
    local_writes(&store).await;
    let before = store.content_generation();
    let other = rusqlite::Connection::open(&path).expect("another process");
    other
        .execute("UPDATE languages SET site_name = 'Elsewhere'", [])
        .expect("foreign write");
    moves_past(&store, before, Duration::from_secs(2)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_generation_follows_notifications_and_reconnects() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let store = herald_store::PostgresStore::open(schema.url())
        .await
        .expect("open");
    local_writes(&store).await;
    let (client, connection) = tokio_postgres::connect(schema.url(), NoTls)
        .await
        .expect("another program");
    tokio::spawn(connection);
    let before = store.content_generation();
    client
        .batch_execute("UPDATE languages SET site_name = 'Elsewhere'")
        .await
        .expect("foreign write");
    let notified = moves_past(&store, before, Duration::from_secs(2)).await;
    let killed = client
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = $1 AND query LIKE 'LISTEN%'",
            &[&schema.name()],
        )
        .await
        .expect("terminate the listener");
    assert_eq!(killed, 1, "one listening connection");
    // Unknown while nobody listens (a page cache stands aside meanwhile)…
    let started = Instant::now();
    while store.content_generation().is_some() {
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "the drop went unnoticed"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // …and back within the retry delay, at a generation past anything before.
    moves_past(&store, Some(notified), Duration::from_secs(5)).await;
}
