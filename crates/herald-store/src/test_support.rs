//! Helpers for tests of crates that use a store (feature `test-support`): an
//! empty PostgreSQL schema of its own for each test, so tests run in parallel
//! on one database without seeing each other's rows.
//!
//! The server comes from `HERALD_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`). When it cannot be reached the
//! helpers print once why PostgreSQL tests are skipped and return `None`,
//! unless `HERALD_REQUIRE_POSTGRES=1` (as CI sets), which makes them panic.
//!
//! The URL handed out selects the schema with `options=-c search_path=…` and
//! names it as the connections' `application_name`, so a test can find its own
//! server sessions in `pg_stat_activity`.

use std::hash::BuildHasher;
use std::io::Write;
use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use tokio_postgres::{Client, Config, NoTls};

use crate::postgres::describe;

/// The variable naming the test server.
pub const URL_VAR: &str = "HERALD_TEST_POSTGRES_URL";
/// The variable that turns "skip without PostgreSQL" into a failure.
pub const REQUIRE_VAR: &str = "HERALD_REQUIRE_POSTGRES";
/// The test server when [`URL_VAR`] is not set.
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Test schemas left behind longer than this (a killed test run) are dropped
/// by the next test process.
const STALE_AFTER_SECONDS: i64 = 24 * 60 * 60;

/// The test server's URL.
pub fn postgres_test_url() -> String {
    std::env::var(URL_VAR)
        .ok()
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_owned())
}

/// Whether PostgreSQL tests must run (`HERALD_REQUIRE_POSTGRES=1`).
pub fn postgres_required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1")
}

/// A fresh, empty schema on the test server, dropped when this is dropped.
#[derive(Debug)]
pub struct PostgresSchema {
    name: String,
    url: String,
    server: String,
}

impl PostgresSchema {
    /// A database URL that selects this schema (for `herald_store::open`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema's name (also the `application_name` of its connections).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The URL of the server itself, without the schema selected (for a test's
    /// own administrative connection).
    pub fn server_url(&self) -> &str {
        &self.server
    }

    /// Keep the schema after this is dropped (the next test process sweeps it
    /// once stale); returns its URL.
    pub fn keep(mut self) -> String {
        self.name.clear();
        std::mem::take(&mut self.url)
    }
}

impl Drop for PostgresSchema {
    fn drop(&mut self) {
        if self.name.is_empty() {
            return;
        }
        let (server, name) = (self.server.clone(), self.name.clone());
        // Drop may run inside a test's runtime, which must not be blocked on
        // itself: a short-lived thread with its own runtime does the work.
        let _ = std::thread::spawn(move || drop_schema(&server, &name)).join();
    }
}

/// A fresh, empty schema on the test server, or `None` (after a one-time notice
/// on stderr) when the server cannot be reached.
///
/// # Panics
/// When the server cannot be reached and `HERALD_REQUIRE_POSTGRES=1`, or it can
/// be reached but refuses to create a schema.
pub async fn fresh_postgres_schema() -> Option<PostgresSchema> {
    static UNREACHABLE: OnceLock<String> = OnceLock::new();
    let server = postgres_test_url();
    if let Some(cause) = UNREACHABLE.get() {
        return unreachable(&server, cause);
    }
    let client = match connect(&server).await {
        Ok(client) => client,
        Err(cause) => {
            let cause = UNREACHABLE.get_or_init(|| cause);
            return unreachable(&server, cause);
        }
    };
    sweep_stale(&client).await;
    let name = schema_name();
    let created = client
        .batch_execute(&format!(
            "CREATE SCHEMA {name};
             DO $$ BEGIN
                 EXECUTE format('COMMENT ON SCHEMA %I IS %L', '{name}',
                                extract(epoch FROM now())::bigint::text);
             END $$;"
        ))
        .await;
    if let Err(e) = created {
        panic!(
            "cannot create test schema {name} on {}: {}",
            redact(&server),
            describe(&e)
        );
    }
    let separator = if server.contains('?') { '&' } else { '?' };
    Some(PostgresSchema {
        url: format!(
            "{server}{separator}options=-c%20search_path%3D{name}&application_name={name}"
        ),
        name,
        server,
    })
}

/// Like [`fresh_postgres_schema`], but the schema outlives the test (swept by
/// a later test process once stale): for tests that only need a URL.
///
/// # Panics
/// As [`fresh_postgres_schema`].
pub async fn fresh_postgres_url() -> Option<String> {
    fresh_postgres_schema().await.map(PostgresSchema::keep)
}

fn unreachable(server: &str, cause: &str) -> Option<PostgresSchema> {
    let shown = redact(server);
    if postgres_required() {
        panic!(
            "{REQUIRE_VAR}=1 but cannot connect to {shown} ({cause}); start PostgreSQL or set \
             {URL_VAR}"
        );
    }
    static NOTICE: std::sync::Once = std::sync::Once::new();
    NOTICE.call_once(|| {
        // Written to the handle itself: the test harness captures `eprintln!`.
        let _ = writeln!(
            std::io::stderr(),
            "skipping PostgreSQL store tests: cannot connect to {shown} ({cause}); set {URL_VAR}"
        );
    });
    None
}

/// A name no other test (in this or another process) uses.
fn schema_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let noise = std::collections::hash_map::RandomState::new().hash_one(n) & 0xff_ffff;
    format!("herald_t_{}_{n}_{noise:06x}", std::process::id())
}

/// Connect with a short timeout, driving the connection on the current runtime.
async fn connect(url: &str) -> Result<Client, String> {
    let mut config = Config::from_str(url).map_err(|e| describe(&e))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(5));
    }
    let (client, connection) = config.connect(NoTls).await.map_err(|e| describe(&e))?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// Drop test schemas a killed test run left behind (once per process).
async fn sweep_stale(client: &Client) {
    static SWEPT: AtomicBool = AtomicBool::new(false);
    if SWEPT.swap(true, Ordering::Relaxed) {
        return;
    }
    let _ = client
        .batch_execute(&format!(
            "DO $$ DECLARE stale text; BEGIN
                 FOR stale IN
                     SELECT nspname FROM pg_namespace
                     WHERE nspname LIKE 'herald\\_t\\_%'
                       AND obj_description(oid, 'pg_namespace') ~ '^[0-9]+$'
                       AND obj_description(oid, 'pg_namespace')::bigint
                           < extract(epoch FROM now()) - {STALE_AFTER_SECONDS}
                 LOOP
                     EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', stale);
                 END LOOP;
             END $$;"
        ))
        .await;
}

fn drop_schema(server: &str, name: &str) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    runtime.block_on(async {
        if let Ok(client) = connect(server).await {
            let _ = client
                .batch_execute(&format!(
                    "SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS {name} CASCADE"
                ))
                .await;
        }
    });
}

/// The URL with any password hidden, for messages.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }
}
