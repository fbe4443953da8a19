//! Imports and what they bring, as `crate::sqlite::import`: comments, media,
//! post metadata, old addresses, and the one-transaction import fed step by
//! step. The feed is a blocking reader, so its steps are pulled in batches on
//! the blocking pool and written between pulls.

use deadpool_postgres::GenericClient;
use herald_core::{
    Comment, CommentStatus, ImportFeed, ImportOp, ImportOrigin, ImportState, Media, Post, PostMeta,
    Redirect, StoreError, Term, User,
};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

use super::error::{Error, PgResult, context, unreadable};
use super::read::{self, query};
use super::rows::{self, TERM_COLUMNS};
use super::write::{insert_language, write_settings};

/// How many steps are pulled from the feed between writes.
const BATCH: usize = 256;

async fn exec<C: GenericClient>(
    tx: &C,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
    what: impl Fn() -> String,
) -> PgResult<u64> {
    let statement = tx.prepare_cached(sql).await.map_err(context(what()))?;
    tx.execute(&statement, params)
        .await
        .map_err(context(what()))
}

/// The target recorded for a normalised old address.
pub(super) async fn redirect<C: GenericClient>(c: &C, from: &str) -> PgResult<Option<String>> {
    let rows = query(
        c,
        "SELECT target FROM redirects WHERE old_path = $1",
        &[&from],
    )
    .await?;
    Ok(match rows.first() {
        Some(row) => Some(row.try_get(0)?),
        None => None,
    })
}

const COMMENT_COLUMNS: &str = "id, post_id, parent, author_name, author_email, author_url, \
     author_ip, user_id, created_at, body, status, kind";

fn comment(row: &Row) -> PgResult<Comment> {
    let status: &str = row.try_get(10)?;
    Ok(Comment {
        id: row.try_get(0)?,
        post_id: row.try_get(1)?,
        parent: row.try_get(2)?,
        author_name: row.try_get(3)?,
        author_email: row.try_get(4)?,
        author_url: row.try_get(5)?,
        author_ip: row.try_get(6)?,
        user_id: row.try_get(7)?,
        created_at: row.try_get(8)?,
        body: row.try_get(9)?,
        status: CommentStatus::parse(status).ok_or_else(|| unreadable("status", status))?,
        kind: row.try_get(11)?,
    })
}

/// Comments of one post (or every post), of one status (or all), oldest first.
pub(super) async fn comments<C: GenericClient>(
    c: &C,
    post: Option<herald_core::PostId>,
    status: Option<CommentStatus>,
) -> PgResult<Vec<Comment>> {
    let sql = format!(
        "SELECT {COMMENT_COLUMNS} FROM comments \
         WHERE ($1::bigint IS NULL OR post_id = $1) AND ($2::text IS NULL OR status = $2) \
         ORDER BY post_id, created_at, id"
    );
    let status = status.map(CommentStatus::as_str);
    rows::all(&query(c, &sql, &[&post, &status]).await?, comment)
}

fn media_row(row: &Row) -> PgResult<Media> {
    Ok(Media {
        id: row.try_get(0)?,
        post_id: row.try_get(1)?,
        url: row.try_get(2)?,
        original_url: row.try_get(3)?,
        title: row.try_get(4)?,
        alt: row.try_get(5)?,
        caption: row.try_get(6)?,
        description: row.try_get(7)?,
        mime: row.try_get(8)?,
        uploaded_at: row.try_get(9)?,
    })
}

/// Every media file by id.
pub(super) async fn media<C: GenericClient>(c: &C) -> PgResult<Vec<Media>> {
    let sql = "SELECT id, post_id, url, original_url, title, alt, caption, description, mime, \
               uploaded_at FROM media ORDER BY id";
    rows::all(&query(c, sql, &[]).await?, media_row)
}

/// Every post's metadata, by post and position.
pub(super) async fn post_meta<C: GenericClient>(c: &C) -> PgResult<Vec<PostMeta>> {
    let sql = "SELECT post_id, key, value FROM post_meta ORDER BY post_id, position";
    rows::all(&query(c, sql, &[]).await?, |row| {
        Ok(PostMeta {
            post_id: row.try_get(0)?,
            key: row.try_get(1)?,
            value: row.try_get(2)?,
        })
    })
}

/// Every redirect by old address (byte order, as SQLite sorts).
pub(super) async fn redirects<C: GenericClient>(c: &C) -> PgResult<Vec<Redirect>> {
    let sql = "SELECT old_path, target FROM redirects ORDER BY old_path COLLATE \"C\"";
    rows::all(&query(c, sql, &[]).await?, |row| {
        Ok(Redirect {
            from: row.try_get(0)?,
            to: row.try_get(1)?,
        })
    })
}

/// The origins of one import source, or of every source (`None`).
pub(super) async fn origins<C: GenericClient>(
    c: &C,
    source: Option<&str>,
) -> PgResult<Vec<ImportOrigin>> {
    let sql = "SELECT source, kind, old_id, new_id FROM import_origins \
               WHERE $1::text IS NULL OR source = $1 \
               ORDER BY source COLLATE \"C\", kind COLLATE \"C\", old_id COLLATE \"C\"";
    rows::all(&query(c, sql, &[&source]).await?, |row| {
        Ok(ImportOrigin {
            source: row.try_get(0)?,
            kind: row.try_get(1)?,
            old_id: row.try_get(2)?,
            new_id: row.try_get(3)?,
        })
    })
}

async fn ids<C: GenericClient>(c: &C, table: &str) -> PgResult<Vec<i64>> {
    let rows = query(c, &format!("SELECT id FROM {table} ORDER BY id"), &[]).await?;
    rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
}

/// What an import must know before choosing ids; `tx` should be a snapshot.
pub(super) async fn state<C: GenericClient>(tx: &C, source: &str) -> PgResult<ImportState> {
    let settings = query(tx, "SELECT key, value FROM site_settings", &[]).await?;
    let terms_sql = format!("SELECT {TERM_COLUMNS} FROM terms ORDER BY id");
    let slugs = query(
        tx,
        "SELECT id, language, kind = 'page', parent, slug FROM posts ORDER BY id",
        &[],
    )
    .await?;
    let max_group = query(
        tx,
        "SELECT COALESCE(max(translation_group), 0)::bigint FROM posts",
        &[],
    )
    .await?;
    Ok(ImportState {
        origins: origins(tx, Some(source)).await?,
        post_ids: ids(tx, "posts").await?,
        term_ids: ids(tx, "terms").await?,
        comment_ids: ids(tx, "comments").await?,
        media_ids: ids(tx, "media").await?,
        users: read::users(tx).await?,
        terms: rows::all(&query(tx, &terms_sql, &[]).await?, rows::term)?,
        post_slugs: slugs
            .iter()
            .map(|row| {
                Ok((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                ))
            })
            .collect::<PgResult<_>>()?,
        languages: rows::all(
            &query(tx, &read::languages_sql(), &[]).await?,
            rows::language,
        )?,
        settings: if settings.is_empty() {
            None
        } else {
            Some(read::settings_from(&settings)?)
        },
        max_translation_group: match max_group.first() {
            Some(row) => row.try_get(0)?,
            None => 0,
        },
    })
}

/// Pull up to [`BATCH`] steps on the blocking pool.
async fn pull(
    mut feed: Box<dyn ImportFeed>,
) -> PgResult<(Box<dyn ImportFeed>, Vec<ImportOp>, bool)> {
    tokio::task::spawn_blocking(move || {
        let mut ops = Vec::with_capacity(BATCH);
        let mut done = false;
        while ops.len() < BATCH {
            match feed.next_op() {
                Some(Ok(op)) => ops.push(op),
                Some(Err(message)) => return Err(Error::from(StoreError::Invalid(message))),
                None => {
                    done = true;
                    break;
                }
            }
        }
        Ok((feed, ops, done))
    })
    .await
    .map_err(|e| Error::from(StoreError::Unavailable(format!("the import stopped: {e}"))))?
}

/// Apply every step of `feed` inside `tx`, then rebuild the listings and move
/// the id generators past the ids written.
pub(super) async fn apply<C: GenericClient>(tx: &C, feed: Box<dyn ImportFeed>) -> PgResult<()> {
    let mut feed = feed;
    loop {
        let (back, ops, done) = pull(feed).await?;
        feed = back;
        for op in &ops {
            apply_op(tx, op).await?;
        }
        if done {
            break;
        }
    }
    super::listing::rebuild(tx, None)
        .await
        .map_err(context("listings".into()))?;
    super::write::next_ids_after_largest(tx).await
}

async fn apply_op<C: GenericClient>(tx: &C, op: &ImportOp) -> PgResult<()> {
    match op {
        ImportOp::Settings(settings) => {
            let has = query(tx, "SELECT 1 FROM site_settings LIMIT 1", &[]).await?;
            if has.is_empty() {
                write_settings(tx, settings).await?;
            }
        }
        ImportOp::Language(language) => {
            let has = query(
                tx,
                "SELECT 1 FROM languages WHERE code = $1",
                &[&language.code],
            )
            .await?;
            if has.is_empty() {
                insert_language(tx, language).await?;
            }
        }
        ImportOp::User(user) => upsert_user(tx, user).await?,
        ImportOp::Term(term) => upsert_term(tx, term).await?,
        ImportOp::Post { post, meta } => upsert_post(tx, post, meta).await?,
        ImportOp::Parent { post, parent } => {
            exec(
                tx,
                "UPDATE posts SET parent = $1 WHERE id = $2",
                &[parent, post],
                || format!("parent of page {post}"),
            )
            .await?;
        }
        ImportOp::Comment(comment) => upsert_comment(tx, comment).await?,
        ImportOp::Media(media) => upsert_media(tx, media).await?,
        ImportOp::Redirect(redirect) => upsert_redirect(tx, redirect).await?,
        ImportOp::Origin(origin) => upsert_origin(tx, origin).await?,
    }
    Ok(())
}

async fn upsert_user<C: GenericClient>(tx: &C, u: &User) -> PgResult<()> {
    exec(
        tx,
        "INSERT INTO users (id, login, slug, display_name, email, role, bio) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, \
         email = excluded.email, bio = excluded.bio",
        &[
            &u.id,
            &u.login,
            &u.slug,
            &u.display_name,
            &u.email,
            &u.role.as_str(),
            &u.bio,
        ],
        || format!("user `{}`", u.login),
    )
    .await?;
    Ok(())
}

async fn upsert_term<C: GenericClient>(tx: &C, t: &Term) -> PgResult<()> {
    exec(
        tx,
        "INSERT INTO terms (id, language, taxonomy, slug, name, description, parent) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name, \
         description = excluded.description, parent = excluded.parent",
        &[
            &t.id,
            &t.language,
            &t.taxonomy.as_str(),
            &t.slug,
            &t.name,
            &t.description,
            &t.parent,
        ],
        || format!("{} `{}`", t.taxonomy.as_str(), t.slug),
    )
    .await?;
    Ok(())
}

async fn upsert_post<C: GenericClient>(
    tx: &C,
    p: &Post,
    meta: &[(String, String)],
) -> PgResult<()> {
    super::write::write_post_row(tx, p, super::write::UPDATE_POST).await?;
    exec(
        tx,
        "DELETE FROM post_terms WHERE post_id = $1",
        &[&p.id],
        || format!("post {} (`{}`)", p.id, p.slug),
    )
    .await?;
    super::write::insert_post_terms(tx, p).await?;
    replace_meta(tx, p.id, meta).await
}

/// Replace a post's metadata, keeping the given order.
pub(super) async fn replace_meta<C: GenericClient>(
    tx: &C,
    post: herald_core::PostId,
    meta: &[(String, String)],
) -> PgResult<()> {
    let what = || format!("metadata of post {post}");
    exec(
        tx,
        "DELETE FROM post_meta WHERE post_id = $1",
        &[&post],
        what,
    )
    .await?;
    if meta.is_empty() {
        return Ok(());
    }
    let keys: Vec<&str> = meta.iter().map(|(k, _)| k.as_str()).collect();
    let values: Vec<&str> = meta.iter().map(|(_, v)| v.as_str()).collect();
    exec(
        tx,
        "INSERT INTO post_meta (post_id, position, key, value) \
         SELECT $1, m.position - 1, m.key, m.value \
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS m (key, value, position)",
        &[&post, &keys, &values],
        what,
    )
    .await?;
    Ok(())
}

pub(super) async fn upsert_comment<C: GenericClient>(tx: &C, c: &Comment) -> PgResult<()> {
    let sql = format!(
        "INSERT INTO comments ({COMMENT_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (id) DO UPDATE SET post_id = excluded.post_id, parent = excluded.parent, \
         author_name = excluded.author_name, author_email = excluded.author_email, \
         author_url = excluded.author_url, author_ip = excluded.author_ip, \
         user_id = excluded.user_id, created_at = excluded.created_at, body = excluded.body, \
         status = excluded.status, kind = excluded.kind"
    );
    exec(
        tx,
        &sql,
        &[
            &c.id,
            &c.post_id,
            &c.parent,
            &c.author_name,
            &c.author_email,
            &c.author_url,
            &c.author_ip,
            &c.user_id,
            &c.created_at,
            &c.body,
            &c.status.as_str(),
            &c.kind,
        ],
        || format!("comment {} on post {}", c.id, c.post_id),
    )
    .await?;
    Ok(())
}

pub(super) async fn upsert_media<C: GenericClient>(tx: &C, m: &Media) -> PgResult<()> {
    exec(
        tx,
        "INSERT INTO media (id, post_id, url, original_url, title, alt, caption, description, \
         mime, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (id) DO UPDATE SET post_id = excluded.post_id, url = excluded.url, \
         original_url = excluded.original_url, title = excluded.title, alt = excluded.alt, \
         caption = excluded.caption, description = excluded.description, \
         mime = excluded.mime, uploaded_at = excluded.uploaded_at",
        &[
            &m.id,
            &m.post_id,
            &m.url,
            &m.original_url,
            &m.title,
            &m.alt,
            &m.caption,
            &m.description,
            &m.mime,
            &m.uploaded_at,
        ],
        || format!("media file {}", m.id),
    )
    .await?;
    Ok(())
}

pub(super) async fn upsert_redirect<C: GenericClient>(tx: &C, r: &Redirect) -> PgResult<()> {
    exec(
        tx,
        "INSERT INTO redirects (old_path, target) VALUES ($1, $2) \
         ON CONFLICT (old_path) DO UPDATE SET target = excluded.target",
        &[&r.from, &r.to],
        || format!("redirect from `{}`", r.from),
    )
    .await?;
    Ok(())
}

pub(super) async fn upsert_origin<C: GenericClient>(tx: &C, o: &ImportOrigin) -> PgResult<()> {
    exec(
        tx,
        "INSERT INTO import_origins (source, kind, old_id, new_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (source, kind, old_id) DO UPDATE SET new_id = excluded.new_id",
        &[&o.source, &o.kind, &o.old_id, &o.new_id],
        || format!("origin of {} {}", o.kind, o.old_id),
    )
    .await?;
    Ok(())
}
