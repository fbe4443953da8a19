//! The editors' writes: saving posts with their revisions, deleting from the
//! trash, topics and tags, users and settings. Each runs inside the one
//! transaction it is given; the rules come from [`crate::rules`].

use herald_core::store::StoreResult;
use herald_core::{
    Language, Post, PostId, PostSave, Revision, SiteSettings, StoreError, Taxonomy, Term, TermId,
    User, UserId,
};
use rusqlite::{OptionalExtension, Transaction, params};

use super::write::context;
use crate::{bundle, rules};

/// Whether `ancestor` is `start` or above it in `table`'s parent chain.
fn in_chain(tx: &Transaction<'_>, table: &str, start: i64, ancestor: i64) -> StoreResult<bool> {
    let sql = format!(
        "WITH RECURSIVE up(id, depth) AS (
             SELECT ?1, 0
             UNION
             SELECT t.parent, up.depth + 1 FROM {table} t JOIN up ON t.id = up.id
             WHERE t.parent IS NOT NULL AND up.depth < ?3
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)"
    );
    tx.query_row(&sql, params![start, ancestor, rules::MAX_DEPTH], |row| {
        row.get(0)
    })
    .map_err(context(format!("{table} parents")))
}

/// See [`herald_core::Store::write_post`].
pub(super) fn write_post(tx: &Transaction<'_>, save: &PostSave<'_>) -> StoreResult<PostId> {
    let mut post = save.post.clone();
    let what = || format!("post {} (`{}`)", save.post.id, save.post.slug);
    let mut first_update = false;
    if post.id != 0 {
        let stored: Option<i64> = tx
            .query_row(
                "SELECT updated_at FROM posts WHERE id = ?1",
                params![post.id],
                |row| row.get(0),
            )
            .optional()
            .map_err(context(what()))?;
        match stored {
            None => return Err(bundle::no_such_post(post.id)),
            Some(at) if Some(at) != save.expected_updated_at => {
                return Err(bundle::stale_post(post.id));
            }
            Some(_) => {}
        }
        first_update = !tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM revisions WHERE post_id = ?1)",
                params![post.id],
                |row| row.get::<_, bool>(0),
            )
            .map_err(context(what()))?;
    }
    if let Some(author) = post.author {
        let known: Option<i64> = tx
            .query_row(
                "SELECT id FROM users WHERE id = ?1",
                params![author],
                |row| row.get(0),
            )
            .optional()
            .map_err(context(what()))?;
        if known.is_none() {
            return Err(bundle::no_such_author(author));
        }
    }
    if let Some(parent) = post.parent {
        let stored: Option<(String, String)> = tx
            .query_row(
                "SELECT language, kind FROM posts WHERE id = ?1",
                params![parent],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(context(what()))?;
        let makes_loop = post.id != 0 && in_chain(tx, "posts", parent, post.id)?;
        let stored = stored.as_ref().map(|(l, k)| (l.as_str(), k.as_str()));
        rules::check_page_parent(&post, parent, stored, makes_loop)?;
    }
    for tag in save.new_tags {
        let existing: Option<TermId> = tx
            .query_row(
                "SELECT id FROM terms WHERE language = ?1 AND taxonomy = 'tag' AND slug = ?2",
                params![post.language, tag.slug],
                |row| row.get(0),
            )
            .optional()
            .map_err(context(format!("tag `{}`", tag.slug)))?;
        let id = match existing {
            Some(id) => id,
            None => {
                let term = Term {
                    id: 0,
                    language: post.language.clone(),
                    taxonomy: Taxonomy::Tag,
                    slug: tag.slug.clone(),
                    name: tag.name.clone(),
                    description: String::new(),
                    parent: None,
                };
                rules::check_term_fields(&term)?;
                insert_term(tx, &term)?
            }
        };
        post.terms.push(id);
    }
    let terms = bundle::unique_terms(&post.terms);
    for &term in &terms {
        let language: Option<String> = tx
            .query_row(
                "SELECT language FROM terms WHERE id = ?1",
                params![term],
                |row| row.get(0),
            )
            .optional()
            .map_err(context(what()))?;
        bundle::check_term(&post, term, language.as_deref())?;
    }
    let clash: Option<i64> = tx
        .query_row(
            "SELECT id FROM posts WHERE language = ?1 AND slug = ?2 \
             AND (kind = 'page') = (?3 = 'page') AND id <> ?4 ORDER BY id LIMIT 1",
            params![post.language, post.slug, post.kind, post.id],
            |row| row.get(0),
        )
        .optional()
        .map_err(context(what()))?;
    if let Some(other) = clash {
        return Err(bundle::slug_taken(&post, other));
    }
    if let Some(target) = save.translation_of {
        post.translation_group = Some(join_translation(tx, &post, target)?);
    }
    if first_update {
        // An imported post's text before its first edit is its first revision.
        tx.execute(
            "INSERT INTO revisions (post_id, saved_at, saved_by, title, slug, body, format, \
             excerpt) SELECT id, updated_at, author, title, slug, body, format, excerpt \
             FROM posts WHERE id = ?1",
            params![post.id],
        )
        .map_err(context(what()))?;
    }
    let values = params![
        post.kind,
        post.language,
        post.status.as_str(),
        post.title,
        post.slug,
        post.body,
        post.format.as_str(),
        post.excerpt,
        post.author,
        post.parent,
        post.publish_at,
        post.updated_at,
        post.sticky,
        post.comments_open,
        post.featured_image,
        post.featured_alt,
        post.translation_group,
        post.body_html,
        post.excerpt_text,
        post.id
    ];
    let id = if post.id == 0 {
        tx.execute(
            "INSERT INTO posts (kind, language, status, title, slug, body, format, excerpt, \
             author, parent, publish_at, updated_at, sticky, comments_open, featured_image, \
             featured_alt, translation_group, body_html, excerpt_text) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19 WHERE ?20 = 0",
            values,
        )
        .map_err(context(what()))?;
        tx.last_insert_rowid()
    } else {
        tx.execute(
            "UPDATE posts SET kind = ?1, language = ?2, status = ?3, title = ?4, slug = ?5, \
             body = ?6, format = ?7, excerpt = ?8, author = ?9, parent = ?10, publish_at = ?11, \
             updated_at = ?12, sticky = ?13, comments_open = ?14, featured_image = ?15, \
             featured_alt = ?16, translation_group = ?17, body_html = ?18, excerpt_text = ?19 \
             WHERE id = ?20",
            values,
        )
        .map_err(context(what()))?;
        tx.execute(
            "DELETE FROM post_terms WHERE post_id = ?1",
            params![post.id],
        )
        .map_err(context(what()))?;
        post.id
    };
    let mut stmt = tx
        .prepare_cached("INSERT INTO post_terms (post_id, term_id) VALUES (?1, ?2)")
        .map_err(context(what()))?;
    for term in &terms {
        stmt.execute(params![id, term])
            .map_err(context(format!("post {id}: topic or tag {term}")))?;
    }
    tx.execute(
        "INSERT INTO revisions (post_id, saved_at, saved_by, title, slug, body, format, excerpt) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            post.updated_at,
            save.saved_by,
            post.title,
            post.slug,
            post.body,
            post.format.as_str(),
            post.excerpt
        ],
    )
    .map_err(context(format!("post {id}: revision")))?;
    super::listing::rebuild(tx, Some(id)).map_err(context(format!("post {id}")))?;
    Ok(id)
}

/// The translation group of `target`, made (and given to `target`) when it
/// has none, after checking `post` may join it.
fn join_translation(tx: &Transaction<'_>, post: &Post, target: PostId) -> StoreResult<i64> {
    let what = || format!("translation of post {target}");
    let stored: Option<(String, Option<i64>)> = tx
        .query_row(
            "SELECT language, translation_group FROM posts WHERE id = ?1",
            params![target],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(context(what()))?;
    rules::check_translation_target(post, target, stored.as_ref().map(|(l, _)| l.as_str()))?;
    let group = match stored.and_then(|(_, group)| group) {
        Some(group) => group,
        None => {
            let group: i64 = tx
                .query_row(
                    "SELECT COALESCE(MAX(translation_group), 0) + 1 FROM posts",
                    [],
                    |row| row.get(0),
                )
                .map_err(context(what()))?;
            tx.execute(
                "UPDATE posts SET translation_group = ?1 WHERE id = ?2",
                params![group, target],
            )
            .map_err(context(what()))?;
            group
        }
    };
    let other: Option<PostId> = tx
        .query_row(
            "SELECT id FROM posts WHERE translation_group = ?1 AND language = ?2 AND id <> ?3 \
             ORDER BY id LIMIT 1",
            params![group, post.language, post.id],
            |row| row.get(0),
        )
        .optional()
        .map_err(context(what()))?;
    match other {
        Some(other) => Err(rules::translation_taken(post, target, other)),
        None => Ok(group),
    }
}

/// Write a revision as it is (bundles keep their ids).
pub(super) fn insert_revision(tx: &Transaction<'_>, r: &Revision) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO revisions (id, post_id, saved_at, saved_by, title, slug, body, format, \
         excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.id,
            r.post_id,
            r.saved_at,
            r.saved_by,
            r.title,
            r.slug,
            r.body,
            r.format.as_str(),
            r.excerpt
        ],
    )
    .map_err(context(format!("revision {} of post {}", r.id, r.post_id)))?;
    Ok(())
}

/// See [`herald_core::Store::delete_posts`].
pub(super) fn delete_posts(tx: &Transaction<'_>, ids: &[PostId]) -> StoreResult<usize> {
    let mut deleted = 0;
    for &id in ids {
        let what = || format!("post {id}");
        let parent: Option<Option<PostId>> = tx
            .query_row(
                "SELECT parent FROM posts WHERE id = ?1 AND status = 'trash'",
                params![id],
                |row| row.get(0),
            )
            .optional()
            .map_err(context(what()))?;
        let Some(parent) = parent else { continue };
        tx.execute(
            "UPDATE posts SET parent = ?1 WHERE parent = ?2",
            params![parent, id],
        )
        .map_err(context(what()))?;
        tx.execute("DELETE FROM posts WHERE id = ?1", params![id])
            .map_err(context(what()))?;
        deleted += 1;
    }
    Ok(deleted)
}

fn insert_term(tx: &Transaction<'_>, term: &Term) -> StoreResult<TermId> {
    tx.execute(
        "INSERT INTO terms (language, taxonomy, slug, name, description, parent) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            term.language,
            term.taxonomy.as_str(),
            term.slug,
            term.name,
            term.description,
            term.parent
        ],
    )
    .map_err(context(format!(
        "{} `{}`",
        term.taxonomy.as_str(),
        term.slug
    )))?;
    Ok(tx.last_insert_rowid())
}

/// See [`herald_core::Store::save_term`].
pub(super) fn save_term(tx: &Transaction<'_>, term: &Term) -> StoreResult<TermId> {
    let what = || format!("{} `{}`", term.taxonomy.as_str(), term.slug);
    rules::check_term_fields(term)?;
    let mut old_parent = None;
    if term.id != 0 {
        let stored: Option<(String, String, Option<TermId>)> = tx
            .query_row(
                "SELECT language, taxonomy, parent FROM terms WHERE id = ?1",
                params![term.id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .map_err(context(what()))?;
        let facts = stored
            .as_ref()
            .map(|(l, t, _)| (l.as_str(), Taxonomy::parse(t).unwrap_or(Taxonomy::Tag)));
        rules::check_term_stored(term, facts)?;
        old_parent = stored.and_then(|(_, _, parent)| parent);
    }
    let language_known: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM languages WHERE code = ?1)",
            params![term.language],
            |row| row.get(0),
        )
        .map_err(context(what()))?;
    if !language_known {
        return Err(rules::no_such_language(&term.language));
    }
    if let Some(parent) = term.parent {
        let stored: Option<(String, String)> = tx
            .query_row(
                "SELECT language, taxonomy FROM terms WHERE id = ?1",
                params![parent],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(context(what()))?;
        let makes_loop = term.id != 0 && in_chain(tx, "terms", parent, term.id)?;
        let facts = stored
            .as_ref()
            .map(|(l, t)| (l.as_str(), Taxonomy::parse(t).unwrap_or(Taxonomy::Tag)));
        rules::check_term_parent(term, parent, facts, makes_loop)?;
    }
    let clash: Option<TermId> = tx
        .query_row(
            "SELECT id FROM terms WHERE language = ?1 AND taxonomy = ?2 AND slug = ?3 \
             AND id <> ?4",
            params![term.language, term.taxonomy.as_str(), term.slug, term.id],
            |row| row.get(0),
        )
        .optional()
        .map_err(context(what()))?;
    if let Some(other) = clash {
        return Err(rules::term_slug_taken(term, other));
    }
    if term.id == 0 {
        return insert_term(tx, term);
    }
    tx.execute(
        "UPDATE terms SET slug = ?1, name = ?2, description = ?3, parent = ?4 WHERE id = ?5",
        params![term.slug, term.name, term.description, term.parent, term.id],
    )
    .map_err(context(what()))?;
    if old_parent != term.parent {
        // Topic archives include descendants' posts: a move changes them.
        super::listing::rebuild(tx, None).map_err(context(what()))?;
    }
    Ok(term.id)
}

/// See [`herald_core::Store::delete_term`].
pub(super) fn delete_term(tx: &Transaction<'_>, id: TermId) -> StoreResult<bool> {
    let what = || format!("topic or tag {id}");
    let stored: Option<(String, Option<TermId>)> = tx
        .query_row(
            "SELECT taxonomy, parent FROM terms WHERE id = ?1",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(context(what()))?;
    let Some((taxonomy, parent)) = stored else {
        return Ok(false);
    };
    let children = tx
        .execute(
            "UPDATE terms SET parent = ?1 WHERE parent = ?2",
            params![parent, id],
        )
        .map_err(context(what()))?;
    let posts: Vec<PostId> = tx
        .prepare("SELECT post_id FROM post_terms WHERE term_id = ?1")
        .and_then(|mut stmt| stmt.query_map(params![id], |row| row.get(0))?.collect())
        .map_err(context(what()))?;
    tx.execute("DELETE FROM terms WHERE id = ?1", params![id])
        .map_err(context(what()))?;
    tx.execute(
        "DELETE FROM listing WHERE archive = ?1",
        params![format!("{taxonomy}:{id}")],
    )
    .map_err(context(what()))?;
    if children > 0 {
        super::listing::rebuild(tx, None).map_err(context(what()))?;
    } else {
        for post in posts {
            super::listing::rebuild(tx, Some(post)).map_err(context(what()))?;
        }
    }
    Ok(true)
}

/// How many admins there are, and the stored login and role of user `id`.
fn admin_facts(tx: &Transaction<'_>, id: UserId) -> StoreResult<(i64, Option<(String, String)>)> {
    let what = || format!("user {id}");
    let admins: i64 = tx
        .query_row(
            "SELECT COUNT(*) FROM users WHERE role = 'admin'",
            [],
            |row| row.get(0),
        )
        .map_err(context(what()))?;
    let stored = tx
        .query_row(
            "SELECT login, role FROM users WHERE id = ?1",
            params![id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(context(what()))?;
    Ok((admins, stored))
}

/// See [`herald_core::Store::update_user`].
pub(super) fn update_user(tx: &Transaction<'_>, user: &User) -> StoreResult<()> {
    let what = || format!("user `{}`", user.login);
    let (admins, stored) = admin_facts(tx, user.id)?;
    let Some((login, role)) = stored else {
        return Err(rules::no_such_user(user.id));
    };
    let role = herald_core::Role::parse(&role).unwrap_or(herald_core::Role::Contributor);
    rules::check_admin_left(&login, role, Some(user.role), admins)?;
    let clash: Option<(String, String)> = tx
        .query_row(
            "SELECT login, slug FROM users WHERE (login = ?1 OR slug = ?2) AND id <> ?3 LIMIT 1",
            params![user.login, user.slug, user.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(context(what()))?;
    if let Some((login, slug)) = clash {
        return Err(rules::user_clash(user, &login, &slug));
    }
    tx.execute(
        "UPDATE users SET login = ?1, slug = ?2, display_name = ?3, email = ?4, role = ?5, \
         bio = ?6 WHERE id = ?7",
        params![
            user.login,
            user.slug,
            user.display_name,
            user.email,
            user.role.as_str(),
            user.bio,
            user.id
        ],
    )
    .map_err(context(what()))?;
    Ok(())
}

/// See [`herald_core::Store::delete_user`].
pub(super) fn delete_user(
    tx: &Transaction<'_>,
    id: UserId,
    reassign_to: Option<UserId>,
) -> StoreResult<()> {
    let what = || format!("user {id}");
    let (admins, stored) = admin_facts(tx, id)?;
    let Some((login, role)) = stored else {
        return Err(rules::no_such_user(id));
    };
    let heir_known = match reassign_to {
        None => false,
        Some(heir) => tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1)",
                params![heir],
                |row| row.get(0),
            )
            .map_err(context(what()))?,
    };
    rules::check_heir(id, reassign_to, heir_known)?;
    let role = herald_core::Role::parse(&role).unwrap_or(herald_core::Role::Contributor);
    rules::check_admin_left(&login, role, None, admins)?;
    let posts: Vec<PostId> = tx
        .prepare("SELECT id FROM posts WHERE author = ?1")
        .and_then(|mut stmt| stmt.query_map(params![id], |row| row.get(0))?.collect())
        .map_err(context(what()))?;
    tx.execute(
        "UPDATE posts SET author = ?1 WHERE author = ?2",
        params![reassign_to, id],
    )
    .map_err(context(what()))?;
    tx.execute("DELETE FROM users WHERE id = ?1", params![id])
        .map_err(context(what()))?;
    for post in posts {
        super::listing::rebuild(tx, Some(post)).map_err(context(what()))?;
    }
    Ok(())
}

/// See [`herald_core::Store::save_settings`].
pub(super) fn save_settings(tx: &Transaction<'_>, settings: &SiteSettings) -> StoreResult<()> {
    let known: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM languages WHERE code = ?1)",
            params![settings.default_language],
            |row| row.get(0),
        )
        .map_err(context("settings".into()))?;
    if !known {
        return Err(rules::no_such_language(&settings.default_language));
    }
    super::write::write_settings(tx, settings)
}

/// See [`herald_core::Store::save_language`].
pub(super) fn save_language(tx: &Transaction<'_>, l: &Language) -> StoreResult<()> {
    let what = || format!("language `{}`", l.code);
    let menu = serde_json::to_string(&l.menu)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", what())))?;
    let changed = tx
        .execute(
            "UPDATE languages SET name = ?2, direction = ?3, calendar = ?4, digits = ?5, \
             date_format = ?6, site_name = ?7, tagline = ?8, read_more = ?9, \
             posts_per_page = ?10, excerpt_words = ?11, menu = ?12, position = ?13 \
             WHERE code = ?1",
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
        .map_err(context(what()))?;
    if changed == 0 {
        return Err(rules::no_such_language(&l.code));
    }
    Ok(())
}
