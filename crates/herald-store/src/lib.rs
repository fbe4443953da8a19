//! Storage for Herald: the [`herald_core::Store`] port implemented over SQLite
//! (embedded, the default) and PostgreSQL (many instances over one database).
//! This is the only crate that speaks SQL. The backend is chosen at run time
//! from a database URL, so one binary carries every backend; both pass one
//! conformance suite (`tests/it`).

mod archive;
mod bundle;
mod columns;
mod generation;
mod postgres;
mod rules;
mod sitemap;
mod sqlite;
#[cfg(feature = "test-support")]
pub mod test_support;

use std::path::PathBuf;
use std::sync::Arc;

use herald_core::{Store, StoreError};

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Open the store named by `url`: `sqlite://path/to/file.db` (or a bare path),
/// or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (`postgresql://` too).
/// Migrations are applied before it is returned.
///
/// # Errors
/// [`StoreError::Unavailable`] when the database cannot be opened or reached,
/// [`StoreError::Incompatible`] when it is corrupt, not a database or written by a
/// newer Herald, [`StoreError::Invalid`] for a URL Herald cannot use.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        return open_sqlite(PathBuf::from(path)).await;
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Arc::new(PostgresStore::open(url).await?));
    }
    if let Some((scheme, _)) = url.split_once("://") {
        // Only the scheme is repeated: the rest may hold a password.
        return Err(StoreError::Invalid(format!(
            "unknown database URL scheme `{scheme}://`: use sqlite://PATH or \
             postgres://USER@HOST/DATABASE"
        )));
    }
    open_sqlite(PathBuf::from(url)).await
}

/// Open a SQLite file off the async threads: migrating a large file takes a while.
async fn open_sqlite(path: PathBuf) -> Result<Arc<dyn Store>, StoreError> {
    let store = tokio::task::spawn_blocking(move || SqliteStore::open(&path))
        .await
        .map_err(|e| StoreError::Unavailable(format!("opening the database failed: {e}")))??;
    Ok(Arc::new(store))
}
