//! The editors' writes: saving posts with their revisions, deleting from the
//! trash, topics and tags, users and settings, as the SQLite backend's
//! `edit` module. Each runs inside the transaction it is given; the rules come
//! from [`crate::rules`]. Rows about to be checked and changed are locked first.

use deadpool_postgres::GenericClient;
use herald_core::{
    Language, Post, PostId, PostSave, Revision, Role, SiteSettings, StoreError, Taxonomy, Term,
    TermId, User, UserId,
};
use tokio_postgres::types::ToSql;

use super::error::{PgResult, context};
use crate::{bundle, rules};

type Param<'a> = &'a (dyn ToSql + Sync);

/// The first row of `sql`, if any.
async fn one<C: GenericClient>(
    tx: &C,
    sql: &str,
    params: &[Param<'_>],
    what: String,
) -> PgResult<Option<tokio_postgres::Row>> {
    tx.query_opt(sql, params).await.map_err(context(what))
}

/// Whether `ancestor` is `start` or above it in `table`'s parent chain.
async fn in_chain<C: GenericClient>(
    tx: &C,
    table: &str,
    start: i64,
    ancestor: i64,
) -> PgResult<bool> {
    let sql = format!(
        "WITH RECURSIVE up(id, depth) AS (
             SELECT $1::bigint, 0
             UNION
             SELECT t.parent, up.depth + 1 FROM {table} t JOIN up ON t.id = up.id
             WHERE t.parent IS NOT NULL AND up.depth < $3
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE id = $2)"
    );
    let depth = rules::MAX_DEPTH as i32;
    let row = tx
        .query_one(sql.as_str(), &[&start, &ancestor, &depth])
        .await
        .map_err(context(format!("{table} parents")))?;
    Ok(row.try_get(0)?)
}

/// See [`herald_core::Store::write_post`].
pub(super) async fn write_post<C: GenericClient>(tx: &C, save: &PostSave<'_>) -> PgResult<PostId> {
    let mut post = save.post.clone();
    let what = || format!("post {} (`{}`)", save.post.id, save.post.slug);
    let mut first_update = false;
    if post.id != 0 {
        let stored = one(
            tx,
            "SELECT updated_at, EXISTS (SELECT 1 FROM revisions WHERE post_id = $1) \
             FROM posts WHERE id = $1 FOR UPDATE",
            &[&post.id],
            what(),
        )
        .await?;
        let Some(row) = stored else {
            return Err(bundle::no_such_post(post.id).into());
        };
        let at: i64 = row.try_get(0)?;
        if Some(at) != save.expected_updated_at {
            return Err(bundle::stale_post(post.id).into());
        }
        first_update = !row.try_get::<_, bool>(1)?;
    }
    if let Some(author) = post.author {
        let known = one(tx, "SELECT id FROM users WHERE id = $1", &[&author], what()).await?;
        if known.is_none() {
            return Err(bundle::no_such_author(author).into());
        }
    }
    if let Some(parent) = post.parent {
        let stored = one(
            tx,
            "SELECT language, kind FROM posts WHERE id = $1",
            &[&parent],
            what(),
        )
        .await?;
        let stored: Option<(String, String)> = match stored {
            Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
            None => None,
        };
        let makes_loop = post.id != 0 && in_chain(tx, "posts", parent, post.id).await?;
        let stored = stored.as_ref().map(|(l, k)| (l.as_str(), k.as_str()));
        rules::check_page_parent(&post, parent, stored, makes_loop)?;
    }
    for tag in save.new_tags {
        let existing = one(
            tx,
            "SELECT id FROM terms WHERE language = $1 AND taxonomy = 'tag' AND slug = $2",
            &[&post.language, &tag.slug],
            format!("tag `{}`", tag.slug),
        )
        .await?;
        let id = match existing {
            Some(row) => row.try_get(0)?,
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
                insert_term(tx, &term).await?
            }
        };
        post.terms.push(id);
    }
    let terms = bundle::unique_terms(&post.terms);
    for &term in &terms {
        let row = one(
            tx,
            "SELECT language FROM terms WHERE id = $1",
            &[&term],
            what(),
        )
        .await?;
        let language: Option<String> = match row {
            Some(row) => Some(row.try_get(0)?),
            None => None,
        };
        bundle::check_term(&post, term, language.as_deref())?;
    }
    let clash = one(
        tx,
        "SELECT id FROM posts WHERE language = $1 AND slug = $2 \
         AND (kind = 'page') = ($3 = 'page') AND id <> $4 ORDER BY id LIMIT 1",
        &[&post.language, &post.slug, &post.kind, &post.id],
        what(),
    )
    .await?;
    if let Some(row) = clash {
        let other: i64 = row.try_get(0)?;
        return Err(bundle::slug_taken(&post, other).into());
    }
    if let Some(target) = save.translation_of {
        post.translation_group = Some(join_translation(tx, &post, target).await?);
    }
    if first_update {
        // An imported post's text before its first edit is its first revision.
        tx.execute(
            "INSERT INTO revisions (post_id, saved_at, saved_by, title, slug, body, format, \
             excerpt) SELECT id, updated_at, author, title, slug, body, format, excerpt \
             FROM posts WHERE id = $1",
            &[&post.id],
        )
        .await
        .map_err(context(what()))?;
    }
    let status = post.status.as_str();
    let format = post.format.as_str();
    let values: [Param<'_>; 19] = [
        &post.kind,
        &post.language,
        &status,
        &post.title,
        &post.slug,
        &post.body,
        &format,
        &post.excerpt,
        &post.author,
        &post.parent,
        &post.publish_at,
        &post.updated_at,
        &post.sticky,
        &post.comments_open,
        &post.featured_image,
        &post.featured_alt,
        &post.translation_group,
        &post.body_html,
        &post.excerpt_text,
    ];
    let id: i64 = if post.id == 0 {
        let row = tx
            .query_one(
                "INSERT INTO posts (kind, language, status, title, slug, body, format, excerpt, \
                 author, parent, publish_at, updated_at, sticky, comments_open, featured_image, \
                 featured_alt, translation_group, body_html, excerpt_text) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                 $17, $18, $19) RETURNING id",
                &values,
            )
            .await
            .map_err(context(what()))?;
        row.try_get(0)?
    } else {
        let mut with_id: Vec<Param<'_>> = values.to_vec();
        with_id.push(&post.id);
        tx.execute(
            "UPDATE posts SET kind = $1, language = $2, status = $3, title = $4, slug = $5, \
             body = $6, format = $7, excerpt = $8, author = $9, parent = $10, publish_at = $11, \
             updated_at = $12, sticky = $13, comments_open = $14, featured_image = $15, \
             featured_alt = $16, translation_group = $17, body_html = $18, excerpt_text = $19 \
             WHERE id = $20",
            &with_id,
        )
        .await
        .map_err(context(what()))?;
        tx.execute("DELETE FROM post_terms WHERE post_id = $1", &[&post.id])
            .await
            .map_err(context(what()))?;
        post.id
    };
    if !terms.is_empty() {
        tx.execute(
            "INSERT INTO post_terms (post_id, term_id) SELECT $1, unnest($2::bigint[])",
            &[&id, &terms],
        )
        .await
        .map_err(context(format!("post {id}: topics and tags")))?;
    }
    tx.execute(
        "INSERT INTO revisions (post_id, saved_at, saved_by, title, slug, body, format, excerpt) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &id,
            &post.updated_at,
            &save.saved_by,
            &post.title,
            &post.slug,
            &post.body,
            &format,
            &post.excerpt,
        ],
    )
    .await
    .map_err(context(format!("post {id}: revision")))?;
    super::listing::rebuild(tx, Some(id))
        .await
        .map_err(context(format!("post {id}")))?;
    Ok(id)
}

/// The translation group of `target`, made (and given to `target`) when it
/// has none, after checking `post` may join it.
async fn join_translation<C: GenericClient>(tx: &C, post: &Post, target: PostId) -> PgResult<i64> {
    let what = || format!("translation of post {target}");
    let stored = one(
        tx,
        "SELECT language, translation_group FROM posts WHERE id = $1 FOR UPDATE",
        &[&target],
        what(),
    )
    .await?;
    let stored: Option<(String, Option<i64>)> = match stored {
        Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
        None => None,
    };
    rules::check_translation_target(post, target, stored.as_ref().map(|(l, _)| l.as_str()))?;
    let group = match stored.and_then(|(_, group)| group) {
        Some(group) => group,
        None => {
            // Serialise group creation: two saves must not pick the same number.
            tx.execute("LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE", &[])
                .await
                .map_err(context(what()))?;
            let row = tx
                .query_one(
                    "SELECT COALESCE(MAX(translation_group), 0) + 1 FROM posts",
                    &[],
                )
                .await
                .map_err(context(what()))?;
            let group: i64 = row.try_get(0)?;
            tx.execute(
                "UPDATE posts SET translation_group = $1 WHERE id = $2",
                &[&group, &target],
            )
            .await
            .map_err(context(what()))?;
            group
        }
    };
    let other = one(
        tx,
        "SELECT id FROM posts WHERE translation_group = $1 AND language = $2 AND id <> $3 \
         ORDER BY id LIMIT 1",
        &[&group, &post.language, &post.id],
        what(),
    )
    .await?;
    match other {
        Some(row) => Err(rules::translation_taken(post, target, row.try_get(0)?).into()),
        None => Ok(group),
    }
}

/// Write a revision as it is (bundles keep their ids).
pub(super) async fn insert_revision<C: GenericClient>(tx: &C, r: &Revision) -> PgResult<()> {
    tx.execute(
        "INSERT INTO revisions (id, post_id, saved_at, saved_by, title, slug, body, format, \
         excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &r.id,
            &r.post_id,
            &r.saved_at,
            &r.saved_by,
            &r.title,
            &r.slug,
            &r.body,
            &r.format.as_str(),
            &r.excerpt,
        ],
    )
    .await
    .map_err(context(format!("revision {} of post {}", r.id, r.post_id)))?;
    Ok(())
}

/// See [`herald_core::Store::delete_posts`].
pub(super) async fn delete_posts<C: GenericClient>(tx: &C, ids: &[PostId]) -> PgResult<usize> {
    let mut deleted = 0;
    for &id in ids {
        let what = || format!("post {id}");
        let row = one(
            tx,
            "SELECT parent FROM posts WHERE id = $1 AND status = 'trash' FOR UPDATE",
            &[&id],
            what(),
        )
        .await?;
        let Some(row) = row else { continue };
        let parent: Option<PostId> = row.try_get(0)?;
        tx.execute(
            "UPDATE posts SET parent = $1 WHERE parent = $2",
            &[&parent, &id],
        )
        .await
        .map_err(context(what()))?;
        tx.execute("DELETE FROM posts WHERE id = $1", &[&id])
            .await
            .map_err(context(what()))?;
        deleted += 1;
    }
    Ok(deleted)
}

async fn insert_term<C: GenericClient>(tx: &C, term: &Term) -> PgResult<TermId> {
    let row = tx
        .query_one(
            "INSERT INTO terms (language, taxonomy, slug, name, description, parent) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                &term.language,
                &term.taxonomy.as_str(),
                &term.slug,
                &term.name,
                &term.description,
                &term.parent,
            ],
        )
        .await
        .map_err(context(format!(
            "{} `{}`",
            term.taxonomy.as_str(),
            term.slug
        )))?;
    Ok(row.try_get(0)?)
}

/// A stored taxonomy word; an unknown one reads as a tag (never a parent).
fn taxonomy(word: &str) -> Taxonomy {
    Taxonomy::parse(word).unwrap_or(Taxonomy::Tag)
}

/// See [`herald_core::Store::save_term`].
pub(super) async fn save_term<C: GenericClient>(tx: &C, term: &Term) -> PgResult<TermId> {
    let what = || format!("{} `{}`", term.taxonomy.as_str(), term.slug);
    rules::check_term_fields(term)?;
    let mut old_parent = None;
    if term.id != 0 {
        let stored = one(
            tx,
            "SELECT language, taxonomy, parent FROM terms WHERE id = $1 FOR UPDATE",
            &[&term.id],
            what(),
        )
        .await?;
        let stored: Option<(String, String, Option<TermId>)> = match stored {
            Some(row) => Some((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)),
            None => None,
        };
        let facts = stored.as_ref().map(|(l, t, _)| (l.as_str(), taxonomy(t)));
        rules::check_term_stored(term, facts)?;
        old_parent = stored.and_then(|(_, _, parent)| parent);
    }
    let known = one(
        tx,
        "SELECT 1 FROM languages WHERE code = $1",
        &[&term.language],
        what(),
    )
    .await?;
    if known.is_none() {
        return Err(rules::no_such_language(&term.language).into());
    }
    if let Some(parent) = term.parent {
        let stored = one(
            tx,
            "SELECT language, taxonomy FROM terms WHERE id = $1",
            &[&parent],
            what(),
        )
        .await?;
        let stored: Option<(String, String)> = match stored {
            Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
            None => None,
        };
        let makes_loop = term.id != 0 && in_chain(tx, "terms", parent, term.id).await?;
        let facts = stored.as_ref().map(|(l, t)| (l.as_str(), taxonomy(t)));
        rules::check_term_parent(term, parent, facts, makes_loop)?;
    }
    let clash = one(
        tx,
        "SELECT id FROM terms WHERE language = $1 AND taxonomy = $2 AND slug = $3 AND id <> $4",
        &[
            &term.language,
            &term.taxonomy.as_str(),
            &term.slug,
            &term.id,
        ],
        what(),
    )
    .await?;
    if let Some(row) = clash {
        return Err(rules::term_slug_taken(term, row.try_get(0)?).into());
    }
    if term.id == 0 {
        return insert_term(tx, term).await;
    }
    tx.execute(
        "UPDATE terms SET slug = $1, name = $2, description = $3, parent = $4 WHERE id = $5",
        &[
            &term.slug,
            &term.name,
            &term.description,
            &term.parent,
            &term.id,
        ],
    )
    .await
    .map_err(context(what()))?;
    if old_parent != term.parent {
        // Topic archives include descendants' posts: a move changes them.
        super::listing::rebuild(tx, None)
            .await
            .map_err(context(what()))?;
    }
    Ok(term.id)
}

/// See [`herald_core::Store::delete_term`].
pub(super) async fn delete_term<C: GenericClient>(tx: &C, id: TermId) -> PgResult<bool> {
    let what = || format!("topic or tag {id}");
    let stored = one(
        tx,
        "SELECT taxonomy, parent FROM terms WHERE id = $1 FOR UPDATE",
        &[&id],
        what(),
    )
    .await?;
    let Some(row) = stored else {
        return Ok(false);
    };
    let taxonomy: String = row.try_get(0)?;
    let parent: Option<TermId> = row.try_get(1)?;
    let children = tx
        .execute(
            "UPDATE terms SET parent = $1 WHERE parent = $2",
            &[&parent, &id],
        )
        .await
        .map_err(context(what()))?;
    let posts: Vec<PostId> = tx
        .query("SELECT post_id FROM post_terms WHERE term_id = $1", &[&id])
        .await
        .map_err(context(what()))?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM terms WHERE id = $1", &[&id])
        .await
        .map_err(context(what()))?;
    tx.execute(
        "DELETE FROM listing WHERE archive = $1",
        &[&format!("{taxonomy}:{id}")],
    )
    .await
    .map_err(context(what()))?;
    if children > 0 {
        super::listing::rebuild(tx, None)
            .await
            .map_err(context(what()))?;
    } else {
        for post in posts {
            super::listing::rebuild(tx, Some(post))
                .await
                .map_err(context(what()))?;
        }
    }
    Ok(true)
}

/// How many admins there are, and the stored login and role of user `id`.
/// Admin rows are locked, so two demotions cannot both see another admin.
async fn admin_facts<C: GenericClient>(
    tx: &C,
    id: UserId,
) -> PgResult<(i64, Option<(String, Role)>)> {
    let what = || format!("user {id}");
    let admins = tx
        .query("SELECT id FROM users WHERE role = 'admin' FOR UPDATE", &[])
        .await
        .map_err(context(what()))?
        .len();
    let stored = one(
        tx,
        "SELECT login, role FROM users WHERE id = $1 FOR UPDATE",
        &[&id],
        what(),
    )
    .await?;
    let stored = match stored {
        Some(row) => {
            let role: String = row.try_get(1)?;
            Some((
                row.try_get(0)?,
                Role::parse(&role).unwrap_or(Role::Contributor),
            ))
        }
        None => None,
    };
    Ok((i64::try_from(admins).unwrap_or(i64::MAX), stored))
}

/// See [`herald_core::Store::update_user`].
pub(super) async fn update_user<C: GenericClient>(tx: &C, user: &User) -> PgResult<()> {
    let what = || format!("user `{}`", user.login);
    let (admins, stored) = admin_facts(tx, user.id).await?;
    let Some((login, role)) = stored else {
        return Err(rules::no_such_user(user.id).into());
    };
    rules::check_admin_left(&login, role, Some(user.role), admins)?;
    let clash = one(
        tx,
        "SELECT login, slug FROM users WHERE (login = $1 OR slug = $2) AND id <> $3 LIMIT 1",
        &[&user.login, &user.slug, &user.id],
        what(),
    )
    .await?;
    if let Some(row) = clash {
        let (login, slug): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        return Err(rules::user_clash(user, &login, &slug).into());
    }
    tx.execute(
        "UPDATE users SET login = $1, slug = $2, display_name = $3, email = $4, role = $5, \
         bio = $6 WHERE id = $7",
        &[
            &user.login,
            &user.slug,
            &user.display_name,
            &user.email,
            &user.role.as_str(),
            &user.bio,
            &user.id,
        ],
    )
    .await
    .map_err(context(what()))?;
    Ok(())
}

/// See [`herald_core::Store::delete_user`].
pub(super) async fn delete_user<C: GenericClient>(
    tx: &C,
    id: UserId,
    reassign_to: Option<UserId>,
) -> PgResult<()> {
    let what = || format!("user {id}");
    let (admins, stored) = admin_facts(tx, id).await?;
    let Some((login, role)) = stored else {
        return Err(rules::no_such_user(id).into());
    };
    let heir_known = match reassign_to {
        None => false,
        Some(heir) => one(tx, "SELECT 1 FROM users WHERE id = $1", &[&heir], what())
            .await?
            .is_some(),
    };
    rules::check_heir(id, reassign_to, heir_known)?;
    rules::check_admin_left(&login, role, None, admins)?;
    let posts: Vec<PostId> = tx
        .query("SELECT id FROM posts WHERE author = $1", &[&id])
        .await
        .map_err(context(what()))?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    tx.execute(
        "UPDATE posts SET author = $1 WHERE author = $2",
        &[&reassign_to, &id],
    )
    .await
    .map_err(context(what()))?;
    tx.execute("DELETE FROM users WHERE id = $1", &[&id])
        .await
        .map_err(context(what()))?;
    for post in posts {
        super::listing::rebuild(tx, Some(post))
            .await
            .map_err(context(what()))?;
    }
    Ok(())
}

/// See [`herald_core::Store::save_settings`].
pub(super) async fn save_settings<C: GenericClient>(
    tx: &C,
    settings: &SiteSettings,
) -> PgResult<()> {
    let known = one(
        tx,
        "SELECT 1 FROM languages WHERE code = $1",
        &[&settings.default_language],
        "settings".into(),
    )
    .await?;
    if known.is_none() {
        return Err(rules::no_such_language(&settings.default_language).into());
    }
    super::write::write_settings(tx, settings).await
}

/// See [`herald_core::Store::save_language`].
pub(super) async fn save_language<C: GenericClient>(tx: &C, l: &Language) -> PgResult<()> {
    let what = || format!("language `{}`", l.code);
    let menu = serde_json::to_string(&l.menu)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", what())))?;
    let number = |value: u32| {
        i32::try_from(value)
            .map_err(|_| StoreError::Invalid(format!("{}: {value} is out of range", what())))
    };
    let posts_per_page = number(l.posts_per_page)?;
    let excerpt_words = number(l.excerpt_words)?;
    let changed = tx
        .execute(
            "UPDATE languages SET name = $2, direction = $3, calendar = $4, digits = $5, \
             date_format = $6, site_name = $7, tagline = $8, read_more = $9, \
             posts_per_page = $10, excerpt_words = $11, menu = $12, position = $13 \
             WHERE code = $1",
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
    if changed == 0 {
        return Err(rules::no_such_language(&l.code).into());
    }
    Ok(())
}
