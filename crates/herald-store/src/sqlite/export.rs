//! The whole site out as one [`SiteBundle`], read inside one read transaction so
//! the copy is a consistent snapshot even while writers go on.

use std::collections::HashMap;

use herald_core::{PostId, SiteBundle, TermId};
use rusqlite::Connection;

use super::{import, read, rows};

/// Everything in the database, in the canonical order described on
/// [`herald_core::Store::export_bundle`].
///
/// # Errors
/// A database error.
pub(super) fn export(conn: &Connection) -> rusqlite::Result<SiteBundle> {
    let tx = conn.unchecked_transaction()?;
    let has_settings: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM site_settings)", [], |row| {
            row.get(0)
        })?;
    let settings = if has_settings {
        Some(read::settings(&tx)?)
    } else {
        None
    };
    let users = tx
        .prepare(&format!(
            "SELECT {} FROM users ORDER BY id",
            rows::USER_COLUMNS
        ))?
        .query_map([], rows::user)?
        .collect::<Result<_, _>>()?;
    let terms = tx
        .prepare(&format!(
            "SELECT {} FROM terms ORDER BY id",
            rows::TERM_COLUMNS
        ))?
        .query_map([], rows::term)?
        .collect::<Result<_, _>>()?;
    let bundle = SiteBundle {
        settings,
        languages: read::languages(&tx)?,
        kinds: read::kinds(&tx)?,
        users,
        terms,
        posts: posts(&tx)?,
        password_hashes: tx
            .prepare(
                "SELECT id, password_hash FROM users WHERE password_hash IS NOT NULL ORDER BY id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?,
        revisions: read::revisions(&tx, None)?,
        comments: import::comments(&tx, None, None)?,
        media: import::media(&tx)?,
        post_meta: import::post_meta(&tx)?,
        redirects: import::redirects(&tx)?,
        import_origins: import::origins(&tx, None)?,
    };
    tx.finish()?;
    Ok(bundle)
}

/// Every post by id, each with its term ids ascending.
fn posts(conn: &Connection) -> rusqlite::Result<Vec<herald_core::Post>> {
    let mut terms: HashMap<PostId, Vec<TermId>> = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT post_id, term_id FROM post_terms ORDER BY post_id, term_id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        terms.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    let mut posts: Vec<herald_core::Post> = conn
        .prepare(&format!(
            "SELECT {} FROM posts p ORDER BY p.id",
            rows::POST_COLUMNS
        ))?
        .query_map([], rows::post)?
        .collect::<Result<_, _>>()?;
    for post in &mut posts {
        post.terms = terms.remove(&post.id).unwrap_or_default();
    }
    Ok(posts)
}
