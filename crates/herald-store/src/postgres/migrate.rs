//! Versioned migrations embedded in the binary, the same versions as SQLite's,
//! tracked in the `herald_schema` table and applied at open in one transaction.
//! Several instances may start at once, so the transaction first takes an
//! advisory lock (per schema): the first instance migrates, the others wait
//! and then find nothing left to do.

use deadpool_postgres::GenericClient;
use herald_core::StoreError;

use super::error::PgResult;

/// Every migration, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_content.sql"),
    include_str!("../../migrations/postgres/0002_listing.sql"),
    include_str!("../../migrations/postgres/0003_sessions.sql"),
    include_str!("../../migrations/postgres/0004_revisions.sql"),
    include_str!("../../migrations/postgres/0005_import.sql"),
    include_str!("../../migrations/postgres/0006_content_notify.sql"),
    include_str!("../../migrations/postgres/0007_listing_counts.sql"),
];

/// The schema version that introduced the listing table.
const LISTING_VERSION: usize = 2;

/// First key of the advisory lock held while migrating ("HRLD"); the second is
/// the schema's name hashed, so sites in different schemas do not wait on
/// each other.
const LOCK_CLASS: i32 = 0x4852_4c44;

/// Bring the database up to this Herald's schema. `tx` is a fresh transaction;
/// the caller commits it.
///
/// # Errors
/// [`StoreError::Incompatible`] when the database is newer than this Herald or
/// not in UTF-8, [`StoreError::Invalid`] when the URL selects no schema, else a
/// database error.
pub(super) async fn apply<C: GenericClient>(tx: &C) -> PgResult<()> {
    let row = tx
        .query_one(
            "SELECT current_schema(), current_setting('server_encoding'), current_database()",
            &[],
        )
        .await?;
    let (schema, encoding, database): (Option<String>, String, String) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let Some(schema) = schema else {
        return Err(StoreError::Invalid(format!(
            "the database URL selects no existing schema in database `{database}` \
             (see its search_path); create the schema or fix the URL"
        ))
        .into());
    };
    if encoding != "UTF8" {
        return Err(StoreError::Incompatible(format!(
            "database `{database}` uses the {encoding} encoding, but Herald needs UTF8; create \
             it with CREATE DATABASE {database} ENCODING 'UTF8' TEMPLATE template0"
        ))
        .into());
    }
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext($2))",
        &[&LOCK_CLASS, &schema],
    )
    .await?;
    let current = current_version(tx).await?;
    if current > MIGRATIONS.len() {
        return Err(StoreError::Incompatible(format!(
            "the database was written by a newer Herald (schema {current}, this Herald knows {}); \
             upgrade Herald to open it",
            MIGRATIONS.len()
        ))
        .into());
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        tx.batch_execute(sql).await?;
        if index + 1 == LISTING_VERSION {
            // Fill the new listing table from the posts already there.
            super::listing::rebuild(tx, None).await?;
        }
        let version = i32::try_from(index + 1).unwrap_or(i32::MAX);
        tx.execute("UPDATE herald_schema SET version = $1", &[&version])
            .await?;
        tracing::info!(version = index + 1, %schema, "applied database migration");
    }
    Ok(())
}

/// The schema version written, creating the version table (at 0) on first use.
async fn current_version<C: GenericClient>(tx: &C) -> PgResult<usize> {
    let exists: bool = tx
        .query_one(
            "SELECT to_regclass(quote_ident(current_schema()) || '.herald_schema') IS NOT NULL",
            &[],
        )
        .await?
        .try_get(0)?;
    if !exists {
        tx.batch_execute(
            "CREATE TABLE herald_schema (
                 id      INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                 version INTEGER NOT NULL
             );
             INSERT INTO herald_schema (id, version) VALUES (1, 0);",
        )
        .await?;
    }
    let version: i32 = tx
        .query_one("SELECT version FROM herald_schema", &[])
        .await?
        .try_get(0)?;
    Ok(usize::try_from(version).unwrap_or(0))
}
