//! Storage for Herald: the [`herald_core::Store`] port implemented over SQLite
//! (embedded, the default) — and, next, PostgreSQL. This is the only crate that
//! speaks SQL. The backend is chosen at run time from a database URL, so one
//! binary carries every backend.

mod sqlite;

use std::path::Path;
use std::sync::Arc;

use herald_core::{Store, StoreError};

pub use sqlite::SqliteStore;

/// Open the store named by `url`: `sqlite://path/to/file.db` (or a bare path).
/// Migrations are applied before it is returned.
///
/// # Errors
/// [`StoreError::Unavailable`] when the database cannot be opened,
/// [`StoreError::Incompatible`] when it is corrupt, not a database or written by a
/// newer Herald, [`StoreError::Invalid`] for a URL scheme Herald does not know.
pub fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        return Ok(Arc::new(SqliteStore::open(Path::new(path))?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(StoreError::Invalid(
            "PostgreSQL support is not built yet; use sqlite://PATH".into(),
        ));
    }
    if url.contains("://") {
        return Err(StoreError::Invalid(format!(
            "unknown database URL `{url}`: use sqlite://PATH"
        )));
    }
    Ok(Arc::new(SqliteStore::open(Path::new(url))?))
}
