//! Writes. Each public operation runs inside the one transaction it is given, so a
//! failure anywhere leaves the database exactly as it was.

use herald_core::store::StoreResult;
use herald_core::{Language, NewUser, Post, SiteBundle, StoreError, Term, User, UserId};
use rusqlite::{OptionalExtension, Transaction, params};

/// Describe a failed statement with what was being written.
pub(super) fn context(what: String) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            StoreError::Invalid(format!("{what}: {}", constraint_message(&e)))
        }
        _ => StoreError::Unavailable(format!("{what}: {e}")),
    }
}

/// Turn SQLite's constraint wording into words a user can act on.
fn constraint_message(e: &rusqlite::Error) -> String {
    let text = e.to_string();
    if text.contains("FOREIGN KEY") {
        "it refers to a language, user, term or post that does not exist".into()
    } else if text.contains("UNIQUE") || text.contains("PRIMARY KEY") {
        format!("it duplicates an existing one ({text})")
    } else {
        text
    }
}

pub(super) fn insert_bundle(tx: &Transaction<'_>, bundle: &SiteBundle) -> StoreResult<()> {
    if let Some(settings) = &bundle.settings {
        write_settings(tx, settings)?;
    }
    for language in &bundle.languages {
        insert_language(tx, language)?;
    }
    for (position, kind) in bundle.kinds.iter().enumerate() {
        let labels = serde_json::to_string(&kind.labels)
            .map_err(|e| StoreError::Invalid(format!("kind {}: {e}", kind.slug)))?;
        tx.execute(
            "INSERT INTO kinds (slug, labels, position) VALUES (?1, ?2, ?3)",
            params![kind.slug, labels, position as i64],
        )
        .map_err(context(format!("kind `{}`", kind.slug)))?;
    }
    for user in &bundle.users {
        insert_user(tx, user)?;
    }
    for (id, hash) in &bundle.password_hashes {
        let changed = tx
            .execute(
                "UPDATE users SET password_hash = ?1 WHERE id = ?2",
                params![hash, id],
            )
            .map_err(context(format!("password of user {id}")))?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "password of user {id}: no such user in the bundle"
            )));
        }
    }
    insert_terms(tx, &bundle.terms)?;
    insert_posts(tx, &bundle.posts)?;
    for revision in &bundle.revisions {
        super::edit::insert_revision(tx, revision)?;
    }
    insert_imported(tx, bundle)?;
    // A bundle adds posts and terms but changes none already stored, so only
    // its own posts' listings are new: a bundle appended to a large site (the
    // batches of `herald generate`) does not rebuild the site's listings.
    let (first, last) = crate::bundle::id_span(bundle);
    super::listing::rebuild_range(tx, first, last).map_err(context("listings".into()))
}

/// Comments (replies after their parents), media, metadata, redirects and
/// import origins of a bundle.
fn insert_imported(tx: &Transaction<'_>, bundle: &SiteBundle) -> StoreResult<()> {
    use super::import;
    for comment in crate::bundle::comments_parents_first(&bundle.comments)? {
        import::upsert_comment(tx, comment)?;
    }
    for media in &bundle.media {
        import::upsert_media(tx, media)?;
    }
    for (post, meta) in crate::bundle::meta_by_post(&bundle.post_meta) {
        import::replace_meta(tx, post, &meta)?;
    }
    for redirect in &bundle.redirects {
        import::upsert_redirect(tx, redirect)?;
    }
    for origin in &bundle.import_origins {
        import::upsert_origin(tx, origin)?;
    }
    Ok(())
}

/// Write every site-wide setting, replacing what is stored.
pub(super) fn write_settings(
    tx: &Transaction<'_>,
    settings: &herald_core::SiteSettings,
) -> StoreResult<()> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO site_settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .map_err(context("settings".into()))?;
    for (key, value) in [
        ("default_language", &settings.default_language),
        ("time_zone", &settings.time_zone),
    ] {
        stmt.execute(params![key, value])
            .map_err(context(format!("setting {key}")))?;
    }
    Ok(())
}

pub(super) fn insert_language(tx: &Transaction<'_>, l: &Language) -> StoreResult<()> {
    let menu = serde_json::to_string(&l.menu)
        .map_err(|e| StoreError::Invalid(format!("language {}: {e}", l.code)))?;
    tx.execute(
        "INSERT INTO languages (code, name, direction, calendar, digits, date_format, site_name, \
         tagline, read_more, posts_per_page, excerpt_words, menu, position) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            l.code,
            l.name,
            l.direction.as_str(),
            l.calendar.as_str(),
            l.digits.as_str(),
            l.date_format,
            l.site_name,
            l.tagline,
            l.read_more,
            l.posts_per_page,
            l.excerpt_words,
            menu,
            l.position
        ],
    )
    .map_err(context(format!("language `{}`", l.code)))?;
    Ok(())
}

pub(super) fn insert_user(tx: &Transaction<'_>, u: &User) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO users (id, login, slug, display_name, email, role, bio) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            u.id,
            u.login,
            u.slug,
            u.display_name,
            u.email,
            u.role.as_str(),
            u.bio
        ],
    )
    .map_err(context(format!("user `{}`", u.login)))?;
    Ok(())
}

/// Create a user unless its login or slug is taken; the database picks the id.
pub(super) fn create_user(tx: &Transaction<'_>, u: &NewUser) -> StoreResult<UserId> {
    let what = || format!("user `{}`", u.login);
    let taken: Option<(String, String)> = tx
        .query_row(
            "SELECT login, slug FROM users WHERE login = ?1 OR slug = ?2 LIMIT 1",
            params![u.login, u.slug],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(context(what()))?;
    if let Some((login, _)) = taken {
        return Err(crate::bundle::user_taken(u, &login));
    }
    tx.execute(
        "INSERT INTO users (login, slug, display_name, email, role, password_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            u.login,
            u.slug,
            u.display_name,
            u.email,
            u.role.as_str(),
            u.password_hash
        ],
    )
    .map_err(context(what()))?;
    Ok(tx.last_insert_rowid())
}

/// Replace the password hash of user `id`.
pub(super) fn set_password_hash(tx: &Transaction<'_>, id: UserId, hash: &str) -> StoreResult<()> {
    let changed = tx
        .execute(
            "UPDATE users SET password_hash = ?1 WHERE id = ?2",
            params![hash, id],
        )
        .map_err(context(format!("user {id}")))?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!(
            "there is no user with id {id}"
        )));
    }
    Ok(())
}

/// Terms are written parents first, whatever order the bundle lists them in.
fn insert_terms(tx: &Transaction<'_>, terms: &[Term]) -> StoreResult<()> {
    for term in crate::bundle::terms_parents_first(terms)? {
        insert_term(tx, term)?;
    }
    Ok(())
}

fn insert_term(tx: &Transaction<'_>, t: &Term) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO terms (id, language, taxonomy, slug, name, description, parent) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            t.id,
            t.language,
            t.taxonomy.as_str(),
            t.slug,
            t.name,
            t.description,
            t.parent
        ],
    )
    .map_err(context(format!("{} `{}`", t.taxonomy.as_str(), t.slug)))?;
    Ok(())
}

/// Posts are written parents first; a page whose parent is missing is an error.
fn insert_posts(tx: &Transaction<'_>, posts: &[Post]) -> StoreResult<()> {
    for post in crate::bundle::posts_parents_first(posts)? {
        insert_post(tx, post)?;
    }
    Ok(())
}

fn insert_post(tx: &Transaction<'_>, p: &Post) -> StoreResult<()> {
    write_post_row(tx, p, "")?;
    insert_post_terms(tx, p)
}

/// What an existing post row takes from a newer one (all but the id).
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
pub(super) fn write_post_row(tx: &Transaction<'_>, p: &Post, on_conflict: &str) -> StoreResult<()> {
    let what = || format!("post {} (`{}`)", p.id, p.slug);
    let sql = format!(
        "INSERT INTO posts (id, kind, language, status, title, slug, body, format, excerpt, \
         author, parent, publish_at, updated_at, sticky, comments_open, featured_image, \
         featured_alt, translation_group, body_html, excerpt_text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
         ?19, ?20) {on_conflict}"
    );
    tx.prepare_cached(&sql)
        .and_then(|mut stmt| {
            stmt.execute(params![
                p.id,
                p.kind,
                p.language,
                p.status.as_str(),
                p.title,
                p.slug,
                p.body,
                p.format.as_str(),
                p.excerpt,
                p.author,
                p.parent,
                p.publish_at,
                p.updated_at,
                p.sticky,
                p.comments_open,
                p.featured_image,
                p.featured_alt,
                p.translation_group,
                p.body_html,
                p.excerpt_text
            ])
        })
        .map_err(context(what()))?;
    Ok(())
}

/// Link a post to its terms (the post has none yet).
pub(super) fn insert_post_terms(tx: &Transaction<'_>, p: &Post) -> StoreResult<()> {
    let mut stmt = tx
        .prepare_cached("INSERT OR IGNORE INTO post_terms (post_id, term_id) VALUES (?1, ?2)")
        .map_err(context(format!("post {} (`{}`)", p.id, p.slug)))?;
    for term in &p.terms {
        stmt.execute(params![p.id, term])
            .map_err(context(format!("post {}: topic or tag {term}", p.id)))?;
    }
    Ok(())
}

/// Delete all content, children before parents; the schema stays.
pub(super) fn clear(tx: &Transaction<'_>) -> StoreResult<()> {
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
        tx.execute(&format!("DELETE FROM {table}"), [])
            .map_err(context(format!("clearing {table}")))?;
    }
    Ok(())
}

/// Set the status of the posts in `ids` that exist and rebuild their listings.
pub(super) fn set_status(
    tx: &Transaction<'_>,
    ids: &[herald_core::PostId],
    status: herald_core::Status,
    updated_at: herald_core::Timestamp,
) -> StoreResult<usize> {
    let mut changed = 0;
    let mut seen = std::collections::HashSet::new();
    for &id in ids {
        if !seen.insert(id) {
            continue;
        }
        let n = tx
            .execute(
                "UPDATE posts SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![status.as_str(), updated_at, id],
            )
            .map_err(context(format!("post {id}")))?;
        if n > 0 {
            changed += 1;
            super::listing::rebuild(tx, Some(id)).map_err(context(format!("post {id}")))?;
        }
    }
    Ok(changed)
}
