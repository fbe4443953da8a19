//! Writes. Each public operation runs inside the one transaction it is given, so a
//! failure anywhere leaves the database exactly as it was.

use deadpool_postgres::GenericClient;
use herald_core::{Language, NewUser, Post, SiteBundle, StoreError, Term, User, UserId};

use super::error::{PgResult, context};
use crate::bundle;

/// A `u32` setting as PostgreSQL's INTEGER; out of range is the caller's fault.
fn integer(value: u32, what: impl FnOnce() -> String) -> PgResult<i32> {
    i32::try_from(value)
        .map_err(|_| StoreError::Invalid(format!("{}: {value} is out of range", what())).into())
}

pub(super) async fn insert_bundle<C: GenericClient>(tx: &C, bundle: &SiteBundle) -> PgResult<()> {
    if let Some(settings) = &bundle.settings {
        write_settings(tx, settings).await?;
    }
    for language in &bundle.languages {
        insert_language(tx, language).await?;
    }
    for (position, kind) in bundle.kinds.iter().enumerate() {
        let what = || format!("kind `{}`", kind.slug);
        let labels = serde_json::to_string(&kind.labels)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", what())))?;
        let position = i32::try_from(position)
            .map_err(|_| StoreError::Invalid(format!("{}: too many kinds", what())))?;
        let statement = tx
            .prepare_cached("INSERT INTO kinds (slug, labels, position) VALUES ($1, $2, $3)")
            .await
            .map_err(context(what()))?;
        tx.execute(&statement, &[&kind.slug, &labels, &position])
            .await
            .map_err(context(what()))?;
    }
    for user in &bundle.users {
        insert_user(tx, user).await?;
    }
    for (id, hash) in &bundle.password_hashes {
        let what = || format!("password of user {id}");
        let changed = tx
            .execute(
                "UPDATE users SET password_hash = $1 WHERE id = $2",
                &[hash, id],
            )
            .await
            .map_err(context(what()))?;
        if changed == 0 {
            return Err(
                StoreError::Invalid(format!("{}: no such user in the bundle", what())).into(),
            );
        }
    }
    for term in bundle::terms_parents_first(&bundle.terms)? {
        insert_term(tx, term).await?;
    }
    for post in bundle::posts_parents_first(&bundle.posts)? {
        insert_post(tx, post).await?;
    }
    for revision in &bundle.revisions {
        super::edit::insert_revision(tx, revision).await?;
    }
    insert_imported(tx, bundle).await?;
    // Only the bundle's own posts' listings are new (see the SQLite backend).
    let (first, last) = crate::bundle::id_span(bundle);
    super::listing::rebuild_range(tx, first, last)
        .await
        .map_err(context("listings".into()))?;
    next_ids_after_largest(tx).await
}

/// Comments (replies after their parents), media, metadata, redirects and
/// import origins of a bundle.
async fn insert_imported<C: GenericClient>(tx: &C, bundle: &SiteBundle) -> PgResult<()> {
    use super::import;
    for comment in bundle::comments_parents_first(&bundle.comments)? {
        import::upsert_comment(tx, comment).await?;
    }
    for media in &bundle.media {
        import::upsert_media(tx, media).await?;
    }
    for (post, meta) in bundle::meta_by_post(&bundle.post_meta) {
        import::replace_meta(tx, post, &meta).await?;
    }
    for redirect in &bundle.redirects {
        import::upsert_redirect(tx, redirect).await?;
    }
    for origin in &bundle.import_origins {
        import::upsert_origin(tx, origin).await?;
    }
    Ok(())
}

/// Move the id generators of users, terms, posts and revisions past the largest id
/// written, so a row later written without an id never collides (as SQLite's
/// rowids behave).
pub(super) async fn next_ids_after_largest<C: GenericClient>(tx: &C) -> PgResult<()> {
    for table in ["users", "terms", "posts", "revisions", "comments", "media"] {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
        );
        tx.execute(sql.as_str(), &[])
            .await
            .map_err(context(format!("{table} ids")))?;
    }
    Ok(())
}

/// Write every site-wide setting, replacing what is stored.
pub(super) async fn write_settings<C: GenericClient>(
    tx: &C,
    settings: &herald_core::SiteSettings,
) -> PgResult<()> {
    let statement = tx
        .prepare_cached(
            "INSERT INTO site_settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .await
        .map_err(context("settings".into()))?;
    for (key, value) in [
        ("default_language", &settings.default_language),
        ("time_zone", &settings.time_zone),
    ] {
        tx.execute(&statement, &[&key, value])
            .await
            .map_err(context(format!("setting {key}")))?;
    }
    Ok(())
}

pub(super) async fn insert_language<C: GenericClient>(tx: &C, l: &Language) -> PgResult<()> {
    let what = || format!("language `{}`", l.code);
    let menu = serde_json::to_string(&l.menu)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", what())))?;
    let posts_per_page = integer(l.posts_per_page, what)?;
    let excerpt_words = integer(l.excerpt_words, what)?;
    let statement = tx
        .prepare_cached(
            "INSERT INTO languages (code, name, direction, calendar, digits, date_format, \
             site_name, tagline, read_more, posts_per_page, excerpt_words, menu, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .await
        .map_err(context(what()))?;
    tx.execute(
        &statement,
        &[
            &l.code,
            &l.name,
            &l.direction.as_str(),
            &l.calendar.as_str(),
            &l.digits.as_str(),
            &l.date_format,
            &l.site_name,
            &l.tagline,
            &l.read_more,
            &posts_per_page,
            &excerpt_words,
            &menu,
            &l.position,
        ],
    )
    .await
    .map_err(context(what()))?;
    Ok(())
}

async fn insert_user<C: GenericClient>(tx: &C, u: &User) -> PgResult<()> {
    let what = || format!("user `{}`", u.login);
    let statement = tx
        .prepare_cached(
            "INSERT INTO users (id, login, slug, display_name, email, role, bio) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .await
        .map_err(context(what()))?;
    tx.execute(
        &statement,
        &[
            &u.id,
            &u.login,
            &u.slug,
            &u.display_name,
            &u.email,
            &u.role.as_str(),
            &u.bio,
        ],
    )
    .await
    .map_err(context(what()))?;
    Ok(())
}

/// Create a user unless its login or slug is taken; the database picks the id.
/// The insert skips a clash instead of failing, so a concurrent creation of the
/// same login gets the same message.
pub(super) async fn create_user<C: GenericClient>(tx: &C, u: &NewUser) -> PgResult<UserId> {
    let what = || format!("user `{}`", u.login);
    let statement = tx
        .prepare_cached(
            "INSERT INTO users (login, slug, display_name, email, role, password_hash) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
        )
        .await
        .map_err(context(what()))?;
    let inserted = tx
        .query_opt(
            &statement,
            &[
                &u.login,
                &u.slug,
                &u.display_name,
                &u.email,
                &u.role.as_str(),
                &u.password_hash,
            ],
        )
        .await
        .map_err(context(what()))?;
    if let Some(row) = inserted {
        return Ok(row.try_get(0)?);
    }
    let taken = tx
        .query_opt(
            "SELECT login FROM users WHERE login = $1 OR slug = $2 LIMIT 1",
            &[&u.login, &u.slug],
        )
        .await
        .map_err(context(what()))?;
    let login: String = match taken {
        Some(row) => row.try_get(0)?,
        None => u.login.clone(),
    };
    Err(bundle::user_taken(u, &login).into())
}

/// Replace the password hash of user `id`.
pub(super) async fn set_password_hash<C: GenericClient>(
    tx: &C,
    id: UserId,
    hash: &str,
) -> PgResult<()> {
    let changed = tx
        .execute(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            &[&hash, &id],
        )
        .await
        .map_err(context(format!("user {id}")))?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!("there is no user with id {id}")).into());
    }
    Ok(())
}

async fn insert_term<C: GenericClient>(tx: &C, t: &Term) -> PgResult<()> {
    let what = || format!("{} `{}`", t.taxonomy.as_str(), t.slug);
    let statement = tx
        .prepare_cached(
            "INSERT INTO terms (id, language, taxonomy, slug, name, description, parent) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .await
        .map_err(context(what()))?;
    tx.execute(
        &statement,
        &[
            &t.id,
            &t.language,
            &t.taxonomy.as_str(),
            &t.slug,
            &t.name,
            &t.description,
            &t.parent,
        ],
    )
    .await
    .map_err(context(what()))?;
    Ok(())
}

async fn insert_post<C: GenericClient>(tx: &C, p: &Post) -> PgResult<()> {
    write_post_row(tx, p, "").await?;
    insert_post_terms(tx, p).await
}

/// What an existing post row takes from a newer one (all but the id), as
/// the SQLite backend's.
pub(super) const UPDATE_POST: &str = "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, \
     language = excluded.language, status = excluded.status, title = excluded.title, \
     slug = excluded.slug, body = excluded.body, format = excluded.format, \
     excerpt = excluded.excerpt, author = excluded.author, parent = excluded.parent, \
     publish_at = excluded.publish_at, updated_at = excluded.updated_at, \
     sticky = excluded.sticky, comments_open = excluded.comments_open, \
     featured_image = excluded.featured_image, featured_alt = excluded.featured_alt, \
     translation_group = excluded.translation_group, body_html = excluded.body_html, \
     excerpt_text = excluded.excerpt_text";

/// Insert a post's row (every column), followed by `on_conflict` (empty, or
/// [`UPDATE_POST`] to update a row with the same id).
pub(super) async fn write_post_row<C: GenericClient>(
    tx: &C,
    p: &Post,
    on_conflict: &str,
) -> PgResult<()> {
    let what = || format!("post {} (`{}`)", p.id, p.slug);
    let sql = format!(
        "INSERT INTO posts (id, kind, language, status, title, slug, body, format, excerpt, \
         author, parent, publish_at, updated_at, sticky, comments_open, featured_image, \
         featured_alt, translation_group, body_html, excerpt_text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
         $17, $18, $19, $20) {on_conflict}"
    );
    let insert = tx.prepare_cached(&sql).await.map_err(context(what()))?;
    tx.execute(
        &insert,
        &[
            &p.id,
            &p.kind,
            &p.language,
            &p.status.as_str(),
            &p.title,
            &p.slug,
            &p.body,
            &p.format.as_str(),
            &p.excerpt,
            &p.author,
            &p.parent,
            &p.publish_at,
            &p.updated_at,
            &p.sticky,
            &p.comments_open,
            &p.featured_image,
            &p.featured_alt,
            &p.translation_group,
            &p.body_html,
            &p.excerpt_text,
        ],
    )
    .await
    .map_err(context(what()))?;
    Ok(())
}

/// Link a post to its terms, all in one statement (one round trip).
pub(super) async fn insert_post_terms<C: GenericClient>(tx: &C, p: &Post) -> PgResult<()> {
    if p.terms.is_empty() {
        return Ok(());
    }
    let what = || format!("post {}: topics and tags", p.id);
    let link = tx
        .prepare_cached(
            "INSERT INTO post_terms (post_id, term_id) SELECT $1, unnest($2::bigint[]) \
             ON CONFLICT DO NOTHING",
        )
        .await
        .map_err(context(what()))?;
    tx.execute(&link, &[&p.id, &p.terms])
        .await
        .map_err(context(what()))?;
    Ok(())
}

/// Delete all content, children before parents; the schema stays and the id
/// generators start again from 1.
pub(super) async fn clear<C: GenericClient>(tx: &C) -> PgResult<()> {
    for table in [
        "import_origins",
        "redirects",
        "post_meta",
        "comments",
        "media",
        "revisions",
        "sessions",
        "login_failures",
        "listing",
        "post_terms",
        "posts",
        "terms",
        "users",
        "kinds",
        "languages",
        "site_settings",
    ] {
        tx.execute(format!("DELETE FROM {table}").as_str(), &[])
            .await
            .map_err(context(format!("clearing {table}")))?;
    }
    next_ids_after_largest(tx).await
}

/// Set the status of the posts in `ids` that exist and rebuild their listings.
pub(super) async fn set_status<C: GenericClient>(
    tx: &C,
    ids: &[herald_core::PostId],
    status: herald_core::Status,
    updated_at: herald_core::Timestamp,
) -> PgResult<usize> {
    let statement = tx
        .prepare_cached("UPDATE posts SET status = $1, updated_at = $2 WHERE id = $3")
        .await
        .map_err(context("post status".into()))?;
    let mut changed = 0;
    let mut seen = std::collections::HashSet::new();
    for &id in ids {
        if !seen.insert(id) {
            continue;
        }
        let n = tx
            .execute(&statement, &[&status.as_str(), &updated_at, &id])
            .await
            .map_err(context(format!("post {id}")))?;
        if n > 0 {
            changed += 1;
            super::listing::rebuild(tx, Some(id))
                .await
                .map_err(context(format!("post {id}")))?;
        }
    }
    Ok(changed)
}
