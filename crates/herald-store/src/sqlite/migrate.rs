//! Versioned migrations embedded in the binary, tracked with `PRAGMA user_version`
//! and applied at start in one transaction each.

use herald_core::StoreError;
use herald_core::store::StoreResult;
use rusqlite::Connection;

use super::map_err;

/// Every migration, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_content.sql"),
    include_str!("../../migrations/sqlite/0002_listing.sql"),
    include_str!("../../migrations/sqlite/0003_sessions.sql"),
    include_str!("../../migrations/sqlite/0004_revisions.sql"),
    include_str!("../../migrations/sqlite/0005_import.sql"),
    include_str!("../../migrations/sqlite/0006_content_notify.sql"),
    include_str!("../../migrations/sqlite/0007_listing_counts.sql"),
];

/// The schema version that introduced the listing table.
const LISTING_VERSION: usize = 2;

/// Bring the database up to this Herald's schema.
///
/// # Errors
/// [`StoreError::Incompatible`] when the database is newer than this Herald.
pub(super) fn apply(conn: &mut Connection) -> StoreResult<()> {
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(map_err)?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        return Err(StoreError::Incompatible(format!(
            "the database was written by a newer Herald (schema {current}, this Herald knows {}); \
             upgrade Herald to open it",
            MIGRATIONS.len()
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction().map_err(map_err)?;
        tx.execute_batch(sql).map_err(map_err)?;
        if index + 1 == LISTING_VERSION {
            // Fill the new listing table from the posts already there.
            super::listing::rebuild(&tx, None).map_err(map_err)?;
        }
        tx.pragma_update(None, "user_version", (index + 1) as i64)
            .map_err(map_err)?;
        tx.commit().map_err(map_err)?;
        tracing::info!(version = index + 1, "applied database migration");
    }
    Ok(())
}
