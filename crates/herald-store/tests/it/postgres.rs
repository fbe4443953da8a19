//! PostgreSQL-specific behaviour: several instances on one database, concurrent
//! migrations, schema versions, connection errors and lost connections. Each
//! test takes a fresh schema and returns early when no server is reachable
//! (see `herald_store::test_support`).

use std::str::FromStr;
use std::time::Duration;

use herald_core::{Store, StoreError};
use herald_store::test_support::fresh_postgres_schema;
use tokio_postgres::{Client, NoTls};

use crate::conformance::bundle;

/// A plain connection for the test's own queries.
async fn connect(url: &str) -> Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls)
        .await
        .expect("test connection");
    tokio::spawn(async move {
        let _ = connection.await;
    });
    client
}

/// `url` pointing at another database, query string kept.
fn with_database(url: &str, database: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let query = path.find('?').map_or("", |i| &path[i..]);
    format!("{scheme}://{authority}/{database}{query}")
}

/// `url` with a password, unless it has one already; and that password.
fn with_password(url: &str) -> (String, String) {
    let config = tokio_postgres::Config::from_str(url).expect("a valid URL");
    if let Some(password) = config.get_password() {
        return (
            url.to_owned(),
            String::from_utf8_lossy(password).into_owned(),
        );
    }
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let url = match rest.split_once('@') {
        Some((user, host)) => format!("{scheme}://{user}:sekrit-pw@{host}"),
        None => url.to_owned(),
    };
    (url, "sekrit-pw".into())
}

fn open_error(result: Result<std::sync::Arc<dyn Store>, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("opened a store that should fail"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn two_instances_see_each_others_writes_at_once() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let a = herald_store::open(schema.url()).await.unwrap();
    let b = herald_store::open(schema.url()).await.unwrap();
    assert!(b.is_empty().await.unwrap());
    a.insert_bundle(&bundle()).await.unwrap();
    assert!(!b.is_empty().await.unwrap(), "b sees a's bundle");
    assert_eq!(b.post(5).await.unwrap(), a.post(5).await.unwrap());
    b.clear().await.unwrap();
    assert!(a.is_empty().await.unwrap(), "a sees b's clear");
    assert!(a.languages().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_together_migrate_once() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let url = schema.url();
    let (a, b, c, d) = tokio::join!(
        herald_store::open(url),
        herald_store::open(url),
        herald_store::open(url),
        herald_store::open(url),
    );
    for store in [a, b, c, d] {
        assert!(store.unwrap().is_empty().await.unwrap());
    }
    let client = connect(url).await;
    let rows = client
        .query("SELECT version FROM herald_schema", &[])
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<_, i32>(0), 5);
}

#[tokio::test]
async fn a_newer_schema_is_refused_with_a_clear_message() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    herald_store::open(schema.url()).await.unwrap();
    connect(schema.url())
        .await
        .execute("UPDATE herald_schema SET version = 999", &[])
        .await
        .unwrap();
    let err = open_error(herald_store::open(schema.url()).await);
    assert!(matches!(err, StoreError::Incompatible(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("newer Herald (schema 999"), "{text}");
    assert!(text.contains("upgrade Herald"), "{text}");
}

#[tokio::test]
async fn a_missing_database_is_reported_in_one_line_without_the_password() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let (url, password) = with_password(&with_database(
        schema.server_url(),
        "herald_no_such_database",
    ));
    let err = open_error(herald_store::open(&url).await);
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("`herald_no_such_database`"), "{text}");
    assert!(text.contains("does not exist"), "{text}");
    assert!(text.contains("createdb"), "{text}");
    assert!(!text.contains(&password), "{text}");
    assert!(!text.contains('\n'), "{text}");
}

#[tokio::test]
async fn an_unreachable_server_is_reported_with_its_address() {
    // Needs no server: nothing listens on port 1.
    let url = "postgres://herald:sekrit-pw@127.0.0.1:1/site";
    let err = open_error(herald_store::open(url).await);
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("127.0.0.1:1"), "{text}");
    assert!(text.contains("`site`"), "{text}");
    assert!(text.contains("PostgreSQL is running"), "{text}");
    assert!(!text.contains("sekrit"), "{text}");
}

#[tokio::test]
async fn urls_herald_cannot_use_are_refused() {
    for (url, expected) in [
        ("postgres://127.0.0.1/site", "names no user"),
        ("postgres://u@127.0.0.1/site?sslmode=require", "TLS"),
        ("postgres://u@127.0.0.1:notaport/site", "not valid"),
        (
            "mysql://u:sekrit@h/db",
            "unknown database URL scheme `mysql://`",
        ),
    ] {
        let err = open_error(herald_store::open(url).await);
        assert!(matches!(err, StoreError::Invalid(_)), "{url}: {err:?}");
        assert!(err.to_string().contains(expected), "{url}: {err}");
        assert!(!err.to_string().contains("sekrit"), "{url}: {err}");
    }
}

#[tokio::test]
async fn a_url_selecting_no_schema_is_refused() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let url = schema.url().replace(schema.name(), "herald_no_such_schema");
    let err = open_error(herald_store::open(&url).await);
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("no existing schema"), "{err}");
}

#[tokio::test]
async fn a_failed_bundle_leaves_every_table_empty() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let store = herald_store::open(schema.url()).await.unwrap();
    let mut bad = bundle();
    bad.posts[3].terms = vec![2, 9999];
    let err = store.insert_bundle(&bad).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("post 4"), "{err}");
    assert!(err.to_string().contains("9999"), "{err}");
    let client = connect(schema.url()).await;
    for table in [
        "site_settings",
        "languages",
        "kinds",
        "users",
        "terms",
        "posts",
        "post_terms",
        "listing",
    ] {
        let count: i64 = client
            .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await
            .unwrap()
            .get(0);
        assert_eq!(count, 0, "{table} rolled back");
    }
    store.insert_bundle(&bundle()).await.unwrap();
}

#[tokio::test]
async fn rows_written_without_an_id_come_after_the_bundle() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let url = schema.url().replacen("postgres://", "postgresql://", 1);
    let store = herald_store::open(&url).await.unwrap();
    store.insert_bundle(&bundle()).await.unwrap();
    let client = connect(schema.url()).await;
    let next_post = "INSERT INTO posts (kind, language, status, title, slug, body, format, \
                     publish_at, updated_at) VALUES ('post', 'en', 'draft', 't', 's', 'b', \
                     'markdown', 0, 0) RETURNING id";
    let id: i64 = client.query_one(next_post, &[]).await.unwrap().get(0);
    assert_eq!(id, 31, "after the largest post id");
    store.clear().await.unwrap();
    client
        .execute("INSERT INTO languages (code, name, direction, calendar, digits, date_format, site_name, tagline, read_more, posts_per_page, excerpt_words) VALUES ('en', 'en', 'ltr', 'gregorian', 'latin', '', '', '', '', 10, 55)", &[])
        .await
        .unwrap();
    let id: i64 = client.query_one(next_post, &[]).await.unwrap().get(0);
    assert_eq!(id, 1, "clear starts ids again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_connection_fails_one_call_and_the_pool_reconnects() {
    let Some(schema) = fresh_postgres_schema().await else {
        return;
    };
    let store = herald_store::open(schema.url()).await.unwrap();
    store.insert_bundle(&bundle()).await.unwrap();
    // Hold the store's next query on a lock, then kill its session midway.
    let locker = connect(schema.server_url()).await;
    let watcher = connect(schema.server_url()).await;
    locker
        .batch_execute(&format!(
            "BEGIN; LOCK TABLE {}.posts IN ACCESS EXCLUSIVE MODE",
            schema.name()
        ))
        .await
        .unwrap();
    let call = tokio::spawn({
        let store = store.clone();
        async move { store.post(5).await }
    });
    let mut killed = 0;
    for _ in 0..250 {
        killed = watcher
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE application_name = $1 AND wait_event_type = 'Lock'",
                &[&schema.name()],
            )
            .await
            .unwrap()
            .len();
        if killed > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(killed, 1, "the store's query waited on the lock");
    let result = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .expect("the call returned")
        .expect("the task ran");
    match result {
        Err(StoreError::Unavailable(message)) => {
            assert!(
                message.contains("connection to PostgreSQL was lost"),
                "{message}"
            );
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
    locker.batch_execute("ROLLBACK").await.unwrap();
    assert_eq!(store.post(5).await.unwrap().map(|p| p.id), Some(5));
    // Every idle connection killed at once: the next call still succeeds.
    watcher
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            &[&schema.name()],
        )
        .await
        .unwrap();
    assert!(!store.is_empty().await.unwrap());
}
