//! Imports and what they bring: comments, media, post metadata, old
//! addresses. An import is one transaction fed step by step from a reader of
//! the export file (see [`herald_core::Store::import`]); every step writes by
//! id, so the same import run twice updates rows instead of adding them.

use herald_core::store::StoreResult;
use herald_core::{
    Comment, CommentStatus, ImportFeed, ImportOp, ImportOrigin, ImportState, Media, Post, PostMeta,
    Redirect, StoreError, Term, User,
};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::write::{context, insert_language, write_settings};
use super::{read, rows};

/// The target recorded for a normalised old address.
pub(super) fn redirect(conn: &Connection, from: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT target FROM redirects WHERE old_path = ?1")?
        .query_row([from], |row| row.get(0))
        .optional()
}

const COMMENT_COLUMNS: &str = "id, post_id, parent, author_name, author_email, author_url, \
     author_ip, user_id, created_at, body, status, kind";

fn comment(row: &Row<'_>) -> rusqlite::Result<Comment> {
    let status: String = row.get(10)?;
    Ok(Comment {
        id: row.get(0)?,
        post_id: row.get(1)?,
        parent: row.get(2)?,
        author_name: row.get(3)?,
        author_email: row.get(4)?,
        author_url: row.get(5)?,
        author_ip: row.get(6)?,
        user_id: row.get(7)?,
        created_at: row.get(8)?,
        body: row.get(9)?,
        status: CommentStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                10,
                rusqlite::types::Type::Text,
                format!("unexpected comment status `{status}`").into(),
            )
        })?,
        kind: row.get(11)?,
    })
}

/// A post's comments (of one status, or all), oldest first.
pub(super) fn comments(
    conn: &Connection,
    post: Option<herald_core::PostId>,
    status: Option<CommentStatus>,
) -> rusqlite::Result<Vec<Comment>> {
    conn.prepare_cached(&format!(
        "SELECT {COMMENT_COLUMNS} FROM comments \
         WHERE (?1 IS NULL OR post_id = ?1) AND (?2 IS NULL OR status = ?2) \
         ORDER BY post_id, created_at, id"
    ))?
    .query_map(params![post, status.map(CommentStatus::as_str)], comment)?
    .collect()
}

/// Every media file by id.
pub(super) fn media(conn: &Connection) -> rusqlite::Result<Vec<Media>> {
    conn.prepare(
        "SELECT id, post_id, url, original_url, title, alt, caption, description, mime, \
         uploaded_at FROM media ORDER BY id",
    )?
    .query_map([], |row| {
        Ok(Media {
            id: row.get(0)?,
            post_id: row.get(1)?,
            url: row.get(2)?,
            original_url: row.get(3)?,
            title: row.get(4)?,
            alt: row.get(5)?,
            caption: row.get(6)?,
            description: row.get(7)?,
            mime: row.get(8)?,
            uploaded_at: row.get(9)?,
        })
    })?
    .collect()
}

/// Every post's metadata, by post and position.
pub(super) fn post_meta(conn: &Connection) -> rusqlite::Result<Vec<PostMeta>> {
    conn.prepare("SELECT post_id, key, value FROM post_meta ORDER BY post_id, position")?
        .query_map([], |row| {
            Ok(PostMeta {
                post_id: row.get(0)?,
                key: row.get(1)?,
                value: row.get(2)?,
            })
        })?
        .collect()
}

/// Every redirect by old address.
pub(super) fn redirects(conn: &Connection) -> rusqlite::Result<Vec<Redirect>> {
    conn.prepare("SELECT old_path, target FROM redirects ORDER BY old_path")?
        .query_map([], |row| {
            Ok(Redirect {
                from: row.get(0)?,
                to: row.get(1)?,
            })
        })?
        .collect()
}

/// The origins of one import source, or of every source (`None`).
pub(super) fn origins(
    conn: &Connection,
    source: Option<&str>,
) -> rusqlite::Result<Vec<ImportOrigin>> {
    conn.prepare(
        "SELECT source, kind, old_id, new_id FROM import_origins \
         WHERE ?1 IS NULL OR source = ?1 ORDER BY source, kind, old_id",
    )?
    .query_map([source], |row| {
        Ok(ImportOrigin {
            source: row.get(0)?,
            kind: row.get(1)?,
            old_id: row.get(2)?,
            new_id: row.get(3)?,
        })
    })?
    .collect()
}

fn ids(conn: &Connection, table: &str) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
        .query_map([], |row| row.get(0))?
        .collect()
}

/// What an import must know before choosing ids, in one snapshot.
pub(super) fn state(conn: &Connection, source: &str) -> rusqlite::Result<ImportState> {
    let tx = conn.unchecked_transaction()?;
    let has_settings: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM site_settings)", [], |row| {
            row.get(0)
        })?;
    let state = ImportState {
        origins: origins(&tx, Some(source))?,
        post_ids: ids(&tx, "posts")?,
        term_ids: ids(&tx, "terms")?,
        comment_ids: ids(&tx, "comments")?,
        media_ids: ids(&tx, "media")?,
        users: read::users(&tx)?,
        terms: tx
            .prepare(&format!(
                "SELECT {} FROM terms ORDER BY id",
                rows::TERM_COLUMNS
            ))?
            .query_map([], rows::term)?
            .collect::<Result<_, _>>()?,
        post_slugs: tx
            .prepare("SELECT id, language, kind = 'page', parent, slug FROM posts ORDER BY id")?
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })?
            .collect::<Result<_, _>>()?,
        languages: read::languages(&tx)?,
        settings: if has_settings {
            Some(read::settings(&tx)?)
        } else {
            None
        },
        max_translation_group: tx.query_row(
            "SELECT COALESCE(max(translation_group), 0) FROM posts",
            [],
            |row| row.get(0),
        )?,
    };
    tx.finish()?;
    Ok(state)
}

/// Apply every step of `feed` inside `tx`, then rebuild the listings.
pub(super) fn apply(tx: &Transaction<'_>, feed: &mut dyn ImportFeed) -> StoreResult<()> {
    while let Some(op) = feed.next_op() {
        let op = op.map_err(StoreError::Invalid)?;
        apply_op(tx, &op)?;
    }
    super::listing::rebuild(tx, None).map_err(context("listings".into()))
}

fn apply_op(tx: &Transaction<'_>, op: &ImportOp) -> StoreResult<()> {
    match op {
        ImportOp::Settings(settings) => {
            let has: bool = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM site_settings)", [], |row| {
                    row.get(0)
                })
                .map_err(context("settings".into()))?;
            if !has {
                write_settings(tx, settings)?;
            }
            Ok(())
        }
        ImportOp::Language(language) => {
            let has: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM languages WHERE code = ?1)",
                    [&language.code],
                    |row| row.get(0),
                )
                .map_err(context(format!("language `{}`", language.code)))?;
            if has {
                Ok(())
            } else {
                insert_language(tx, language)
            }
        }
        ImportOp::User(user) => upsert_user(tx, user),
        ImportOp::Term(term) => upsert_term(tx, term),
        ImportOp::Post { post, meta } => upsert_post(tx, post, meta),
        ImportOp::Parent { post, parent } => {
            tx.execute(
                "UPDATE posts SET parent = ?1 WHERE id = ?2",
                params![parent, post],
            )
            .map_err(context(format!("parent of page {post}")))?;
            Ok(())
        }
        ImportOp::Comment(comment) => upsert_comment(tx, comment),
        ImportOp::Media(media) => upsert_media(tx, media),
        ImportOp::Redirect(redirect) => upsert_redirect(tx, redirect),
        ImportOp::Origin(origin) => upsert_origin(tx, origin),
    }
}

/// Add a user, or update the name and email of one written before; the role
/// and password an administrator gave since are kept.
fn upsert_user(tx: &Transaction<'_>, u: &User) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO users (id, login, slug, display_name, email, role, bio) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, \
         email = excluded.email, bio = excluded.bio",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            u.id,
            u.login,
            u.slug,
            u.display_name,
            u.email,
            u.role.as_str(),
            u.bio
        ])
    })
    .map_err(context(format!("user `{}`", u.login)))?;
    Ok(())
}

fn upsert_term(tx: &Transaction<'_>, t: &Term) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO terms (id, language, taxonomy, slug, name, description, parent) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name, \
         description = excluded.description, parent = excluded.parent",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            t.id,
            t.language,
            t.taxonomy.as_str(),
            t.slug,
            t.name,
            t.description,
            t.parent
        ])
    })
    .map_err(context(format!("{} `{}`", t.taxonomy.as_str(), t.slug)))?;
    Ok(())
}

fn upsert_post(tx: &Transaction<'_>, p: &Post, meta: &[(String, String)]) -> StoreResult<()> {
    super::write::write_post_row(tx, p, super::write::UPDATE_POST)?;
    tx.execute("DELETE FROM post_terms WHERE post_id = ?1", [p.id])
        .map_err(context(format!("post {} (`{}`)", p.id, p.slug)))?;
    super::write::insert_post_terms(tx, p)?;
    replace_meta(tx, p.id, meta)
}

/// Replace a post's metadata, keeping the given order.
pub(super) fn replace_meta(
    tx: &Transaction<'_>,
    post: herald_core::PostId,
    meta: &[(String, String)],
) -> StoreResult<()> {
    let what = || format!("metadata of post {post}");
    tx.execute("DELETE FROM post_meta WHERE post_id = ?1", [post])
        .map_err(context(what()))?;
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO post_meta (post_id, position, key, value) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(context(what()))?;
    for (position, (key, value)) in meta.iter().enumerate() {
        stmt.execute(params![post, position as i64, key, value])
            .map_err(context(what()))?;
    }
    Ok(())
}

pub(super) fn upsert_comment(tx: &Transaction<'_>, c: &Comment) -> StoreResult<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO comments ({COMMENT_COLUMNS}) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
         ON CONFLICT (id) DO UPDATE SET post_id = excluded.post_id, parent = excluded.parent, \
         author_name = excluded.author_name, author_email = excluded.author_email, \
         author_url = excluded.author_url, author_ip = excluded.author_ip, \
         user_id = excluded.user_id, created_at = excluded.created_at, body = excluded.body, \
         status = excluded.status, kind = excluded.kind"
    ))
    .and_then(|mut stmt| {
        stmt.execute(params![
            c.id,
            c.post_id,
            c.parent,
            c.author_name,
            c.author_email,
            c.author_url,
            c.author_ip,
            c.user_id,
            c.created_at,
            c.body,
            c.status.as_str(),
            c.kind
        ])
    })
    .map_err(context(format!("comment {} on post {}", c.id, c.post_id)))?;
    Ok(())
}

pub(super) fn upsert_media(tx: &Transaction<'_>, m: &Media) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO media (id, post_id, url, original_url, title, alt, caption, description, \
         mime, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO UPDATE SET post_id = excluded.post_id, url = excluded.url, \
         original_url = excluded.original_url, title = excluded.title, alt = excluded.alt, \
         caption = excluded.caption, description = excluded.description, \
         mime = excluded.mime, uploaded_at = excluded.uploaded_at",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            m.id,
            m.post_id,
            m.url,
            m.original_url,
            m.title,
            m.alt,
            m.caption,
            m.description,
            m.mime,
            m.uploaded_at
        ])
    })
    .map_err(context(format!("media file {}", m.id)))?;
    Ok(())
}

pub(super) fn upsert_redirect(tx: &Transaction<'_>, r: &Redirect) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO redirects (old_path, target) VALUES (?1, ?2) \
         ON CONFLICT (old_path) DO UPDATE SET target = excluded.target",
    )
    .and_then(|mut stmt| stmt.execute(params![r.from, r.to]))
    .map_err(context(format!("redirect from `{}`", r.from)))?;
    Ok(())
}

pub(super) fn upsert_origin(tx: &Transaction<'_>, o: &ImportOrigin) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO import_origins (source, kind, old_id, new_id) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (source, kind, old_id) DO UPDATE SET new_id = excluded.new_id",
    )
    .and_then(|mut stmt| stmt.execute(params![o.source, o.kind, o.old_id, o.new_id]))
    .map_err(context(format!("origin of {} {}", o.kind, o.old_id)))?;
    Ok(())
}
