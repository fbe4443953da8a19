//! Read queries. Visibility is decided here in SQL with the caller's `now`:
//! only published or scheduled posts whose time has come are public.

use std::collections::HashMap;

use herald_core::{
    Archive, Kind, Language, ListPage, ListQuery, PAGE_KIND, Post, PostId, PostSummary,
    SiteSettings, Taxonomy, Term, TermId, Timestamp, Translation, User, UserId,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::{listing, rows};
use crate::archive::{BookmarkCache, limits};

/// The SQL condition for "a reader may see this post" (`?now` is bound by name).
const PUBLIC: &str = "p.status IN ('published', 'scheduled') AND p.publish_at <= :now";

pub(super) fn settings(conn: &Connection) -> rusqlite::Result<SiteSettings> {
    let mut settings = SiteSettings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM site_settings")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (key, value): (String, String) = (row.get(0)?, row.get(1)?);
        match key.as_str() {
            "default_language" => settings.default_language = value,
            "time_zone" => settings.time_zone = value,
            _ => {}
        }
    }
    Ok(settings)
}

pub(super) fn languages(conn: &Connection) -> rusqlite::Result<Vec<Language>> {
    let sql = format!(
        "SELECT {} FROM languages ORDER BY position, code",
        rows::LANGUAGE_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([], rows::language)?.collect()
}

pub(super) fn kinds(conn: &Connection) -> rusqlite::Result<Vec<Kind>> {
    let mut stmt = conn.prepare_cached("SELECT slug, labels FROM kinds ORDER BY position, slug")?;
    stmt.query_map([], rows::kind)?.collect()
}

/// Integer ids as a JSON array, for `json_each(?)` in one cached statement.
fn json_ids(ids: &[i64]) -> String {
    format!("[{}]", id_list(ids))
}

/// Integer ids written into SQL text: safe (they are numbers) and lets the
/// statement cache key on the list.
fn id_list(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    list.join(",")
}

pub(super) fn list_posts(
    conn: &Connection,
    query: &ListQuery,
    bookmarks: &BookmarkCache,
) -> rusqlite::Result<ListPage> {
    match (
        &query.archive,
        listing::key(&query.language, &query.archive),
    ) {
        (Archive::Search(text), _) => search(conn, query, text),
        (_, Some(key)) => {
            let mut page = super::paging::archive_page(conn, query, &key, bookmarks)?;
            attach_terms(conn, &mut page.posts)?;
            Ok(page)
        }
        (_, None) => Ok(ListPage {
            posts: Vec::new(),
            total: 0,
        }),
    }
}

/// Search: public posts of the language whose title or body contains the text.
fn search(conn: &Connection, query: &ListQuery, text: &str) -> rusqlite::Result<ListPage> {
    let filter = format!(
        "FROM posts p WHERE p.language = :lang AND p.kind <> '{PAGE_KIND}' AND {PUBLIC} \
         AND (instr(lower(p.title), lower(:text)) > 0 OR instr(lower(p.body), lower(:text)) > 0)"
    );
    let args = rusqlite::named_params! {":lang": query.language, ":now": query.now, ":text": text};
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {filter}"))?
        .query_row(args, |row| row.get(0))?;
    let (limit, offset) = limits(query);
    let sql = format!(
        "SELECT {} {} ORDER BY p.publish_at DESC, p.id DESC LIMIT {limit} OFFSET {offset}",
        rows::SUMMARY_COLUMNS,
        filter.replacen(
            "FROM posts p",
            "FROM posts p LEFT JOIN users u ON u.id = p.author",
            1
        )
    );
    let mut posts: Vec<PostSummary> = conn
        .prepare_cached(&sql)?
        .query_map(args, rows::summary)?
        .collect::<Result<_, _>>()?;
    attach_terms(conn, &mut posts)?;
    Ok(ListPage {
        posts,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// Fill `terms` of each summary with one query.
fn attach_terms(conn: &Connection, posts: &mut [PostSummary]) -> rusqlite::Result<()> {
    if posts.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    // One statement for any list (a JSON array parameter), parsed once and
    // kept in the statement cache, instead of new SQL text per page.
    let mut stmt = conn.prepare_cached(
        "SELECT post_id, term_id FROM post_terms \
         WHERE post_id IN (SELECT value FROM json_each(?1)) ORDER BY post_id, term_id",
    )?;
    let mut by_post: HashMap<PostId, Vec<TermId>> = HashMap::new();
    let mut rows = stmt.query([json_ids(&ids)])?;
    while let Some(row) = rows.next()? {
        by_post.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    for post in posts {
        post.terms = by_post.remove(&post.id).unwrap_or_default();
    }
    Ok(())
}

fn post_terms(conn: &Connection, id: PostId) -> rusqlite::Result<Vec<TermId>> {
    let mut stmt =
        conn.prepare_cached("SELECT term_id FROM post_terms WHERE post_id = ?1 ORDER BY term_id")?;
    stmt.query_map([id], |row| row.get(0))?.collect()
}

pub(super) fn post(conn: &Connection, id: PostId) -> rusqlite::Result<Option<Post>> {
    let sql = format!("SELECT {} FROM posts p WHERE p.id = ?1", rows::POST_COLUMNS);
    let found = conn
        .prepare_cached(&sql)?
        .query_row([id], rows::post)
        .optional()?;
    match found {
        Some(mut post) => {
            post.terms = post_terms(conn, id)?;
            Ok(Some(post))
        }
        None => Ok(None),
    }
}

pub(super) fn page_by_path(
    conn: &Connection,
    language: &str,
    path: &[String],
    now: Timestamp,
) -> rusqlite::Result<Option<Post>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id FROM posts p WHERE p.language = :lang AND p.kind = '{PAGE_KIND}' \
         AND p.slug = :slug AND p.parent IS :parent AND {PUBLIC}"
    ))?;
    let mut parent: Option<PostId> = None;
    for slug in path {
        let id: Option<PostId> = stmt
            .query_row(
                rusqlite::named_params! {":lang": language, ":slug": slug, ":parent": parent, ":now": now},
                |row| row.get(0),
            )
            .optional()?;
        match id {
            Some(id) => parent = Some(id),
            None => return Ok(None),
        }
    }
    match parent {
        Some(id) => post(conn, id),
        None => Ok(None),
    }
}

pub(super) fn child_pages(
    conn: &Connection,
    parent: PostId,
    now: Timestamp,
) -> rusqlite::Result<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {} FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind = '{PAGE_KIND}' AND p.parent = :parent AND {PUBLIC} ORDER BY p.title, p.id",
        rows::SUMMARY_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map(
        rusqlite::named_params! {":parent": parent, ":now": now},
        rows::summary,
    )?
    .collect()
}

pub(super) fn page_path(conn: &Connection, id: PostId) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE chain(id, parent, slug, depth) AS (
             SELECT id, parent, slug, 0 FROM posts WHERE id = ?1
             UNION ALL
             SELECT p.id, p.parent, p.slug, chain.depth + 1
             FROM posts p JOIN chain ON p.id = chain.parent WHERE chain.depth < 32
         )
         SELECT slug FROM chain ORDER BY depth DESC",
    )?;
    stmt.query_map([id], |row| row.get(0))?.collect()
}

fn summaries(
    conn: &Connection,
    filter: &str,
    order: &str,
    limit: u32,
    args: &[(&str, &dyn rusqlite::ToSql)],
) -> rusqlite::Result<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {} FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind <> '{PAGE_KIND}' AND {PUBLIC} AND {filter} ORDER BY {order} LIMIT {limit}",
        rows::SUMMARY_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut posts: Vec<PostSummary> = stmt
        .query_map(args, rows::summary)?
        .collect::<Result<_, _>>()?;
    attach_terms(conn, &mut posts)?;
    Ok(posts)
}

pub(super) fn adjacent_posts(
    conn: &Connection,
    post: &Post,
    now: Timestamp,
) -> rusqlite::Result<(Option<PostSummary>, Option<PostSummary>)> {
    let args: &[(&str, &dyn rusqlite::ToSql)] = &[
        (":lang", &post.language),
        (":now", &now),
        (":at", &post.publish_at),
        (":id", &post.id),
    ];
    let older = summaries(
        conn,
        "p.language = :lang AND (p.publish_at < :at OR (p.publish_at = :at AND p.id < :id))",
        "p.publish_at DESC, p.id DESC",
        1,
        args,
    )?;
    let newer = summaries(
        conn,
        "p.language = :lang AND (p.publish_at > :at OR (p.publish_at = :at AND p.id > :id))",
        "p.publish_at ASC, p.id ASC",
        1,
        args,
    )?;
    Ok((older.into_iter().next(), newer.into_iter().next()))
}

pub(super) fn related_posts(
    conn: &Connection,
    post: &Post,
    limit: u32,
    now: Timestamp,
) -> rusqlite::Result<Vec<PostSummary>> {
    if post.terms.is_empty() {
        return Ok(Vec::new());
    }
    let (term_posts, language_posts): (i64, i64) = conn.query_row(
        &format!(
            "SELECT COALESCE(SUM(CASE WHEN archive = 'home:' || :lang THEN 0 ELSE posts END), 0), \
             COALESCE(SUM(CASE WHEN archive = 'home:' || :lang THEN posts ELSE 0 END), 0) \
             FROM listing_counts WHERE archive = 'home:' || :lang OR archive IN ({})",
            crate::archive::term_keys_sql(&post.terms)
        ),
        rusqlite::named_params! {":lang": post.language},
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let ids = id_list(&post.terms);
    let args: &[(&str, &dyn rusqlite::ToSql)] =
        &[(":lang", &post.language), (":now", &now), (":id", &post.id)];
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    if crate::archive::related_newest_first(count(term_posts), count(language_posts), limit) {
        let filter = format!(
            "p.language = :lang AND p.id <> :id AND EXISTS \
             (SELECT 1 FROM post_terms pt WHERE pt.post_id = p.id AND pt.term_id IN ({ids}))"
        );
        return summaries(conn, &filter, "p.publish_at DESC, p.id DESC", limit, args);
    }
    // Few posts share these terms: read them by id (CROSS JOIN keeps that
    // order of the loops) and sort them.
    let sql = format!(
        "SELECT {} FROM (SELECT DISTINCT post_id FROM post_terms WHERE term_id IN ({ids})) r \
         CROSS JOIN posts p ON p.id = r.post_id LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind <> '{PAGE_KIND}' AND {PUBLIC} AND p.language = :lang AND p.id <> :id \
         ORDER BY p.publish_at DESC, p.id DESC LIMIT {limit}",
        rows::SUMMARY_COLUMNS
    );
    let mut posts: Vec<PostSummary> = conn
        .prepare_cached(&sql)?
        .query_map(args, rows::summary)?
        .collect::<Result<_, _>>()?;
    attach_terms(conn, &mut posts)?;
    Ok(posts)
}

pub(super) fn translations(
    conn: &Connection,
    post: &Post,
    now: Timestamp,
) -> rusqlite::Result<Vec<Translation>> {
    let Some(group) = post.translation_group else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.language, p.id, p.title FROM posts p JOIN languages l ON l.code = p.language \
         WHERE p.translation_group = :group AND p.id <> :id AND p.language <> :lang AND {PUBLIC} \
         ORDER BY l.position, p.language, p.id"
    ))?;
    let rows = stmt.query_map(
        rusqlite::named_params! {":group": group, ":id": post.id, ":lang": post.language, ":now": now},
        |row| {
            Ok(Translation {
                language: row.get(0)?,
                id: row.get(1)?,
                title: row.get(2)?,
            })
        },
    )?;
    let mut seen = Vec::<String>::new();
    let mut out = Vec::new();
    for translation in rows {
        let translation = translation?;
        if !seen.contains(&translation.language) {
            seen.push(translation.language.clone());
            out.push(translation);
        }
    }
    Ok(out)
}

pub(super) fn term_by_slug(
    conn: &Connection,
    language: &str,
    taxonomy: Taxonomy,
    slug: &str,
) -> rusqlite::Result<Option<Term>> {
    let sql = format!(
        "SELECT {} FROM terms WHERE language = ?1 AND taxonomy = ?2 AND slug = ?3",
        rows::TERM_COLUMNS
    );
    conn.prepare_cached(&sql)?
        .query_row(params![language, taxonomy.as_str(), slug], rows::term)
        .optional()
}

pub(super) fn terms_by_ids(conn: &Connection, ids: &[TermId]) -> rusqlite::Result<Vec<Term>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {} FROM terms WHERE id IN (SELECT value FROM json_each(?1))",
        rows::TERM_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found: HashMap<TermId, Term> = stmt
        .query_map([json_ids(ids)], rows::term)?
        .map(|t| t.map(|t| (t.id, t)))
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

pub(super) fn topics(conn: &Connection, language: &str) -> rusqlite::Result<Vec<Term>> {
    let sql = format!(
        "SELECT {} FROM terms WHERE language = ?1 AND taxonomy = 'topic' ORDER BY name, id",
        rows::TERM_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([language], rows::term)?.collect()
}

pub(super) fn user(conn: &Connection, id: UserId) -> rusqlite::Result<Option<User>> {
    let sql = format!("SELECT {} FROM users WHERE id = ?1", rows::USER_COLUMNS);
    conn.prepare_cached(&sql)?
        .query_row([id], rows::user)
        .optional()
}

pub(super) fn user_by_slug(conn: &Connection, slug: &str) -> rusqlite::Result<Option<User>> {
    let sql = format!("SELECT {} FROM users WHERE slug = ?1", rows::USER_COLUMNS);
    conn.prepare_cached(&sql)?
        .query_row([slug], rows::user)
        .optional()
}

pub(super) fn users(conn: &Connection) -> rusqlite::Result<Vec<User>> {
    let sql = format!("SELECT {} FROM users ORDER BY login", rows::USER_COLUMNS);
    conn.prepare_cached(&sql)?
        .query_map([], rows::user)?
        .collect()
}

pub(super) fn user_by_login(conn: &Connection, login: &str) -> rusqlite::Result<Option<User>> {
    let sql = format!("SELECT {} FROM users WHERE login = ?1", rows::USER_COLUMNS);
    conn.prepare_cached(&sql)?
        .query_row([login], rows::user)
        .optional()
}

pub(super) fn password_hash(
    conn: &Connection,
    login: &str,
) -> rusqlite::Result<Option<(UserId, String)>> {
    conn.prepare_cached(
        "SELECT id, password_hash FROM users WHERE login = ?1 AND password_hash IS NOT NULL",
    )?
    .query_row([login], |row| Ok((row.get(0)?, row.get(1)?)))
    .optional()
}

pub(super) fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM posts)", [], |row| {
        row.get(0)
    })
}

/// One page of the admin posts list (any status; trash only when asked for).
pub(super) fn admin_posts(
    conn: &Connection,
    filter: &herald_core::AdminPostFilter,
) -> rusqlite::Result<herald_core::AdminPostPage> {
    let kind = if filter.kind_pages { "=" } else { "<>" };
    let where_sql = format!(
        "FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind {kind} '{PAGE_KIND}' \
         AND ((:status IS NULL AND (:trash OR p.status <> 'trash')) OR p.status = :status) \
         AND (:lang IS NULL OR p.language = :lang) \
         AND (:topic IS NULL OR EXISTS (SELECT 1 FROM post_terms pt \
              WHERE pt.post_id = p.id AND pt.term_id = :topic)) \
         AND (:author IS NULL OR p.author = :author) \
         AND (:text IS NULL OR instr(lower(p.title), lower(:text)) > 0 \
              OR instr(lower(p.body), lower(:text)) > 0)"
    );
    let status = filter.status.map(herald_core::Status::as_str);
    let text = filter.text.as_deref().filter(|t| !t.is_empty());
    let args = rusqlite::named_params! {
        ":status": status,
        ":trash": filter.include_trash,
        ":lang": filter.language,
        ":topic": filter.topic,
        ":author": filter.author,
        ":text": text,
    };
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {where_sql}"))?
        .query_row(args, |row| row.get(0))?;
    let per_page = i64::from(filter.per_page.max(1));
    let offset = i64::from(filter.page.saturating_sub(1)).saturating_mul(per_page);
    let sql = format!(
        "SELECT {} {where_sql} ORDER BY p.updated_at DESC, p.id DESC \
         LIMIT {per_page} OFFSET {offset}",
        rows::ADMIN_POST_COLUMNS
    );
    let posts = conn
        .prepare_cached(&sql)?
        .query_map(args, rows::admin_post)?
        .collect::<Result<_, _>>()?;
    Ok(herald_core::AdminPostPage {
        posts,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// A post's revisions, newest first (`post` = `None`: every revision by id).
pub(super) fn revisions(
    conn: &Connection,
    post: Option<herald_core::PostId>,
) -> rusqlite::Result<Vec<herald_core::Revision>> {
    let sql = format!(
        "SELECT {} FROM revisions WHERE ?1 IS NULL OR post_id = ?1 \
         ORDER BY CASE WHEN ?1 IS NULL THEN id ELSE -id END",
        crate::rules::REVISION_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([post], rows::revision)?.collect()
}

pub(super) fn revision(
    conn: &Connection,
    id: herald_core::RevisionId,
) -> rusqlite::Result<Option<herald_core::Revision>> {
    let sql = format!(
        "SELECT {} FROM revisions WHERE id = ?1",
        crate::rules::REVISION_COLUMNS
    );
    conn.prepare_cached(&sql)?
        .query_row([id], rows::revision)
        .optional()
}

/// Every term of a language and taxonomy with its number of posts, by name.
pub(super) fn term_counts(
    conn: &Connection,
    language: &str,
    taxonomy: Taxonomy,
) -> rusqlite::Result<Vec<herald_core::TermCount>> {
    let sql = format!(
        "SELECT {}, (SELECT COUNT(*) FROM post_terms pt JOIN posts p ON p.id = pt.post_id \
         WHERE pt.term_id = terms.id AND p.status <> 'trash') \
         FROM terms WHERE language = ?1 AND taxonomy = ?2 ORDER BY name, id",
        rows::TERM_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map(rusqlite::params![language, taxonomy.as_str()], |row| {
        Ok(herald_core::TermCount {
            term: rows::term(row)?,
            posts: u64::try_from(row.get::<_, i64>(7)?).unwrap_or(0),
        })
    })?
    .collect()
}

/// The earliest `publish_at` after `now` of a published or scheduled post or
/// page (the `posts_publish_at` index answers it in one seek).
pub(super) fn next_publish_after(
    conn: &Connection,
    now: Timestamp,
) -> rusqlite::Result<Option<Timestamp>> {
    conn.prepare_cached(
        "SELECT MIN(publish_at) FROM posts \
         WHERE status IN ('published', 'scheduled') AND publish_at > ?1",
    )?
    .query_row([now], |row| row.get(0))
}
