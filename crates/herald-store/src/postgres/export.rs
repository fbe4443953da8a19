//! The whole site out as one [`SiteBundle`], read in one repeatable-read
//! transaction so the copy is a consistent snapshot even while writers go on.
//! All eight queries are sent at once.

use deadpool_postgres::GenericClient;
use herald_core::SiteBundle;

use super::error::PgResult;
use super::import;
use super::read::{self, query};
use super::rows::{self, POST_COLUMNS, TERM_COLUMNS, TERM_IDS, USER_COLUMNS};

/// Everything in the database, in the canonical order described on
/// [`herald_core::Store::export_bundle`]. `tx` should be a snapshot.
///
/// # Errors
/// A database error, or a stored value this Herald cannot read.
pub(super) async fn export<C: GenericClient>(tx: &C) -> PgResult<SiteBundle> {
    let languages_sql = read::languages_sql();
    let users_sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY id");
    let terms_sql = format!("SELECT {TERM_COLUMNS} FROM terms ORDER BY id");
    let posts_sql = format!("SELECT {POST_COLUMNS}, {TERM_IDS} FROM posts p ORDER BY p.id");
    let hashes_sql =
        "SELECT id, password_hash FROM users WHERE password_hash IS NOT NULL ORDER BY id";
    let revisions_sql = format!(
        "SELECT {} FROM revisions ORDER BY id",
        crate::rules::REVISION_COLUMNS
    );
    let (settings, languages, kinds, users, terms, posts, hashes, revisions) = tokio::try_join!(
        query(tx, "SELECT key, value FROM site_settings", &[]),
        query(tx, &languages_sql, &[]),
        query(tx, read::KINDS_SQL, &[]),
        query(tx, &users_sql, &[]),
        query(tx, &terms_sql, &[]),
        query(tx, &posts_sql, &[]),
        query(tx, hashes_sql, &[]),
        query(tx, &revisions_sql, &[]),
    )?;
    let settings = if settings.is_empty() {
        None
    } else {
        Some(read::settings_from(&settings)?)
    };
    Ok(SiteBundle {
        settings,
        languages: rows::all(&languages, rows::language)?,
        kinds: rows::all(&kinds, rows::kind)?,
        users: rows::all(&users, rows::user)?,
        terms: rows::all(&terms, rows::term)?,
        posts: rows::all(&posts, rows::post)?,
        password_hashes: hashes
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<PgResult<_>>()?,
        revisions: rows::all(&revisions, rows::revision)?,
        comments: import::comments(tx, None, None).await?,
        media: import::media(tx).await?,
        post_meta: import::post_meta(tx).await?,
        redirects: import::redirects(tx).await?,
        import_origins: import::origins(tx, None).await?,
    })
}
