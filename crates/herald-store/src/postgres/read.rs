//! Read queries, the same as the SQLite backend's in meaning and order.
//! Visibility is decided in SQL with the caller's `now`: only published or
//! scheduled posts whose time has come are public. Text is ordered byte-wise
//! (`COLLATE "C"`), as SQLite does, so both backends list in the same order
//! whatever the database's locale. Queries a page needs together are sent at
//! once (tokio-postgres pipelines concurrent queries on one connection), so a
//! listing costs one round trip.

use std::collections::HashMap;

use deadpool_postgres::GenericClient;
use herald_core::{
    Archive, Kind, Language, ListPage, ListQuery, PAGE_KIND, Post, PostId, PostSummary,
    SiteSettings, Taxonomy, Term, TermId, Timestamp, Translation, User, UserId,
};
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

use super::error::PgResult;
use super::rows::{
    self, ADMIN_POST_COLUMNS, POST_COLUMNS, SUMMARY_COLUMNS, TERM_COLUMNS, TERM_IDS, USER_COLUMNS,
};
use crate::archive;

/// Statement parameters.
pub(super) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// Run a statement, prepared once per connection.
pub(super) async fn query<C: GenericClient>(
    c: &C,
    sql: &str,
    params: Params<'_>,
) -> Result<Vec<Row>, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.query(&statement, params).await
}

async fn query_opt<C: GenericClient>(
    c: &C,
    sql: &str,
    params: Params<'_>,
) -> Result<Option<Row>, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.query_opt(&statement, params).await
}

/// A `COUNT(*)`.
async fn count<C: GenericClient>(
    c: &C,
    sql: &str,
    params: Params<'_>,
) -> Result<u64, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    let total: i64 = c.query_one(&statement, params).await?.try_get(0)?;
    Ok(u64::try_from(total).unwrap_or(0))
}

/// "A reader may see this post", with `now` bound to parameter `now`.
fn public(now: &str) -> String {
    format!("p.status IN ('published', 'scheduled') AND p.publish_at <= {now}")
}

pub(super) async fn settings<C: GenericClient>(c: &C) -> PgResult<SiteSettings> {
    let rows = query(c, "SELECT key, value FROM site_settings", &[]).await?;
    settings_from(&rows)
}

pub(super) fn settings_from(rows: &[Row]) -> PgResult<SiteSettings> {
    let mut settings = SiteSettings::default();
    for row in rows {
        let (key, value): (&str, String) = (row.try_get(0)?, row.try_get(1)?);
        match key {
            "default_language" => settings.default_language = value,
            "time_zone" => settings.time_zone = value,
            _ => {}
        }
    }
    Ok(settings)
}

pub(super) fn languages_sql() -> String {
    format!(
        "SELECT {} FROM languages ORDER BY position, code COLLATE \"C\"",
        rows::LANGUAGE_COLUMNS
    )
}

pub(super) const KINDS_SQL: &str =
    "SELECT slug, labels FROM kinds ORDER BY position, slug COLLATE \"C\"";

pub(super) async fn languages<C: GenericClient>(c: &C) -> PgResult<Vec<Language>> {
    rows::all(&query(c, &languages_sql(), &[]).await?, rows::language)
}

pub(super) async fn kinds<C: GenericClient>(c: &C) -> PgResult<Vec<Kind>> {
    rows::all(&query(c, KINDS_SQL, &[]).await?, rows::kind)
}

/// Settings, languages and kinds in one round trip.
pub(super) async fn site_config<C: GenericClient>(
    c: &C,
) -> PgResult<(SiteSettings, Vec<Language>, Vec<Kind>)> {
    let languages_sql = languages_sql();
    let (settings, languages, kinds) = tokio::try_join!(
        query(c, "SELECT key, value FROM site_settings", &[]),
        query(c, &languages_sql, &[]),
        query(c, KINDS_SQL, &[]),
    )?;
    Ok((
        settings_from(&settings)?,
        rows::all(&languages, rows::language)?,
        rows::all(&kinds, rows::kind)?,
    ))
}

pub(super) async fn list_posts<C: GenericClient>(
    c: &C,
    query: &ListQuery,
    bookmarks: &archive::BookmarkCache,
) -> PgResult<ListPage> {
    match (
        &query.archive,
        archive::key(&query.language, &query.archive),
    ) {
        (Archive::Search(text), _) => search(c, query, text).await,
        (_, Some(key)) => super::paging::archive_page(c, query, &key, bookmarks).await,
        (_, None) => Ok(ListPage {
            posts: Vec::new(),
            total: 0,
        }),
    }
}

/// Search: public posts of the language whose title or body contains the text.
async fn search<C: GenericClient>(c: &C, query: &ListQuery, text: &str) -> PgResult<ListPage> {
    let filter = format!(
        "WHERE p.language = $1 AND p.kind <> '{PAGE_KIND}' AND {} \
         AND (strpos(lower(p.title), lower($3::text)) > 0 \
              OR strpos(lower(p.body), lower($3::text)) > 0)",
        public("$2")
    );
    let (limit, offset) = archive::limits(query);
    let count_sql = format!("SELECT COUNT(*) FROM posts p {filter}");
    let page_sql = format!(
        "SELECT {SUMMARY_COLUMNS}, {TERM_IDS} FROM posts p LEFT JOIN users u ON u.id = p.author \
         {filter} ORDER BY p.publish_at DESC, p.id DESC LIMIT $4 OFFSET $5"
    );
    let count_params: Params<'_> = &[&query.language, &query.now, &text];
    let page_params: Params<'_> = &[&query.language, &query.now, &text, &limit, &offset];
    let (total, rows) = tokio::try_join!(
        count(c, &count_sql, count_params),
        self::query(c, &page_sql, page_params),
    )?;
    Ok(ListPage {
        posts: rows::all(&rows, rows::summary)?,
        total,
    })
}

pub(super) async fn post<C: GenericClient>(c: &C, id: PostId) -> PgResult<Option<Post>> {
    let sql = format!("SELECT {POST_COLUMNS}, {TERM_IDS} FROM posts p WHERE p.id = $1");
    query_opt(c, &sql, &[&id])
        .await?
        .map(|row| rows::post(&row))
        .transpose()
}

pub(super) async fn page_by_path<C: GenericClient>(
    c: &C,
    language: &str,
    path: &[String],
    now: Timestamp,
) -> PgResult<Option<Post>> {
    // Two statements rather than `IS NOT DISTINCT FROM`, which no index serves.
    let find = |parent: &str| {
        format!(
            "SELECT p.id FROM posts p WHERE p.language = $1 AND p.kind = '{PAGE_KIND}' \
             AND p.slug = $2 AND {} AND {parent}",
            public("$3")
        )
    };
    let (root, child) = (find("p.parent IS NULL"), find("p.parent = $4"));
    let mut parent: Option<PostId> = None;
    for slug in path {
        let row = match parent {
            None => query_opt(c, &root, &[&language, slug, &now]).await?,
            Some(id) => query_opt(c, &child, &[&language, slug, &now, &id]).await?,
        };
        match row {
            Some(row) => parent = Some(row.try_get(0)?),
            None => return Ok(None),
        }
    }
    match parent {
        Some(id) => post(c, id).await,
        None => Ok(None),
    }
}

pub(super) async fn child_pages<C: GenericClient>(
    c: &C,
    parent: PostId,
    now: Timestamp,
) -> PgResult<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind = '{PAGE_KIND}' AND p.parent = $1 AND {} \
         ORDER BY p.title COLLATE \"C\", p.id",
        public("$2")
    );
    rows::all(&query(c, &sql, &[&parent, &now]).await?, rows::summary)
}

pub(super) async fn page_path<C: GenericClient>(c: &C, id: PostId) -> PgResult<Vec<String>> {
    let rows = query(
        c,
        "WITH RECURSIVE chain(id, parent, slug, depth) AS (
             SELECT id, parent, slug, 0 FROM posts WHERE id = $1
             UNION ALL
             SELECT p.id, p.parent, p.slug, chain.depth + 1
             FROM posts p JOIN chain ON p.id = chain.parent WHERE chain.depth < 32
         )
         SELECT slug FROM chain ORDER BY depth DESC",
        &[&id],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?)
}

/// Public posts (pages excluded) matching `filter`; `$1` is the language and
/// `$2` the time, further parameters are the filter's.
async fn summaries<C: GenericClient>(
    c: &C,
    filter: &str,
    order: &str,
    limit: u32,
    params: Params<'_>,
) -> PgResult<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, {TERM_IDS} FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.language = $1 AND p.kind <> '{PAGE_KIND}' AND {} AND {filter} \
         ORDER BY {order} LIMIT {limit}",
        public("$2")
    );
    rows::all(&query(c, &sql, params).await?, rows::summary)
}

pub(super) async fn adjacent_posts<C: GenericClient>(
    c: &C,
    post: &Post,
    now: Timestamp,
) -> PgResult<(Option<PostSummary>, Option<PostSummary>)> {
    let params: Params<'_> = &[&post.language, &now, &post.publish_at, &post.id];
    let (older, newer) = tokio::try_join!(
        summaries(
            c,
            "(p.publish_at, p.id) < ($3, $4)",
            "p.publish_at DESC, p.id DESC",
            1,
            params,
        ),
        summaries(
            c,
            "(p.publish_at, p.id) > ($3, $4)",
            "p.publish_at ASC, p.id ASC",
            1,
            params,
        ),
    )?;
    Ok((older.into_iter().next(), newer.into_iter().next()))
}

pub(super) async fn related_posts<C: GenericClient>(
    c: &C,
    post: &Post,
    limit: u32,
    now: Timestamp,
) -> PgResult<Vec<PostSummary>> {
    if post.terms.is_empty() {
        return Ok(Vec::new());
    }
    let counts = format!(
        "SELECT COALESCE(SUM(posts) FILTER (WHERE archive <> 'home:' || $1), 0)::bigint, \
         COALESCE(SUM(posts) FILTER (WHERE archive = 'home:' || $1), 0)::bigint \
         FROM listing_counts WHERE archive = 'home:' || $1 OR archive IN ({})",
        archive::term_keys_sql(&post.terms)
    );
    let found = query(c, &counts, &[&post.language]).await?;
    let count = |i| -> PgResult<u64> {
        let n: i64 = found.first().map_or(Ok(0), |row| row.try_get(i))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let params: Params<'_> = &[&post.language, &now, &post.id, &post.terms];
    if archive::related_newest_first(count(0)?, count(1)?, limit) {
        return summaries(
            c,
            "p.id <> $3 AND EXISTS (SELECT 1 FROM post_terms pt \
             WHERE pt.post_id = p.id AND pt.term_id = ANY($4))",
            "p.publish_at DESC, p.id DESC",
            limit,
            params,
        )
        .await;
    }
    // Few posts share these terms: read them by id and sort them.
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, {TERM_IDS} \
         FROM (SELECT DISTINCT post_id FROM post_terms WHERE term_id = ANY($4)) r \
         JOIN posts p ON p.id = r.post_id LEFT JOIN users u ON u.id = p.author \
         WHERE p.language = $1 AND p.kind <> '{PAGE_KIND}' AND {} AND p.id <> $3 \
         ORDER BY p.publish_at DESC, p.id DESC LIMIT {limit}",
        public("$2")
    );
    rows::all(&query(c, &sql, params).await?, rows::summary)
}

pub(super) async fn translations<C: GenericClient>(
    c: &C,
    post: &Post,
    now: Timestamp,
) -> PgResult<Vec<Translation>> {
    let Some(group) = post.translation_group else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT p.language, p.id, p.title FROM posts p JOIN languages l ON l.code = p.language \
         WHERE p.translation_group = $1 AND p.id <> $2 AND p.language <> $3 AND {} \
         ORDER BY l.position, p.language COLLATE \"C\", p.id",
        public("$4")
    );
    let rows = query(c, &sql, &[&group, &post.id, &post.language, &now]).await?;
    let mut out: Vec<Translation> = Vec::new();
    for row in &rows {
        let language: String = row.try_get(0)?;
        if !out.iter().any(|t| t.language == language) {
            out.push(Translation {
                language,
                id: row.try_get(1)?,
                title: row.try_get(2)?,
            });
        }
    }
    Ok(out)
}

pub(super) async fn term_by_slug<C: GenericClient>(
    c: &C,
    language: &str,
    taxonomy: Taxonomy,
    slug: &str,
) -> PgResult<Option<Term>> {
    let sql = format!(
        "SELECT {TERM_COLUMNS} FROM terms WHERE language = $1 AND taxonomy = $2 AND slug = $3"
    );
    query_opt(c, &sql, &[&language, &taxonomy.as_str(), &slug])
        .await?
        .map(|row| rows::term(&row))
        .transpose()
}

pub(super) async fn terms_by_ids<C: GenericClient>(c: &C, ids: &[TermId]) -> PgResult<Vec<Term>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {TERM_COLUMNS} FROM terms WHERE id = ANY($1)");
    let mut found: HashMap<TermId, Term> = rows::all(&query(c, &sql, &[&ids]).await?, rows::term)?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

pub(super) async fn topics<C: GenericClient>(c: &C, language: &str) -> PgResult<Vec<Term>> {
    let sql = format!(
        "SELECT {TERM_COLUMNS} FROM terms WHERE language = $1 AND taxonomy = 'topic' \
         ORDER BY name COLLATE \"C\", id"
    );
    rows::all(&query(c, &sql, &[&language]).await?, rows::term)
}

pub(super) async fn user<C: GenericClient>(c: &C, id: UserId) -> PgResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    query_opt(c, &sql, &[&id])
        .await?
        .map(|row| rows::user(&row))
        .transpose()
}

pub(super) async fn user_by_slug<C: GenericClient>(c: &C, slug: &str) -> PgResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE slug = $1");
    query_opt(c, &sql, &[&slug])
        .await?
        .map(|row| rows::user(&row))
        .transpose()
}

pub(super) async fn users<C: GenericClient>(c: &C) -> PgResult<Vec<User>> {
    // Byte order, as SQLite's default collation sorts.
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY login COLLATE \"C\"");
    rows::all(&query(c, &sql, &[]).await?, rows::user)
}

pub(super) async fn user_by_login<C: GenericClient>(c: &C, login: &str) -> PgResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE login = $1");
    query_opt(c, &sql, &[&login])
        .await?
        .map(|row| rows::user(&row))
        .transpose()
}

pub(super) async fn password_hash<C: GenericClient>(
    c: &C,
    login: &str,
) -> PgResult<Option<(UserId, String)>> {
    let row = query_opt(
        c,
        "SELECT id, password_hash FROM users WHERE login = $1 AND password_hash IS NOT NULL",
        &[&login],
    )
    .await?;
    match row {
        Some(row) => Ok(Some((row.try_get(0)?, row.try_get(1)?))),
        None => Ok(None),
    }
}

pub(super) async fn is_empty<C: GenericClient>(c: &C) -> PgResult<bool> {
    let rows = query(c, "SELECT NOT EXISTS (SELECT 1 FROM posts)", &[]).await?;
    match rows.first() {
        Some(row) => Ok(row.try_get(0)?),
        None => Ok(true),
    }
}

/// One page of the admin posts list (any status; trash only when asked for).
pub(super) async fn admin_posts<C: GenericClient>(
    c: &C,
    filter: &herald_core::AdminPostFilter,
) -> PgResult<herald_core::AdminPostPage> {
    let kind = if filter.kind_pages { "=" } else { "<>" };
    let where_sql = format!(
        "FROM posts p LEFT JOIN users u ON u.id = p.author \
         WHERE p.kind {kind} '{PAGE_KIND}' \
         AND (($1::text IS NULL AND ($2::boolean OR p.status <> 'trash')) OR p.status = $1) \
         AND ($3::text IS NULL OR p.language = $3) \
         AND ($4::bigint IS NULL OR EXISTS (SELECT 1 FROM post_terms pt \
              WHERE pt.post_id = p.id AND pt.term_id = $4)) \
         AND ($5::bigint IS NULL OR p.author = $5) \
         AND ($6::text IS NULL OR strpos(lower(p.title), lower($6)) > 0 \
              OR strpos(lower(p.body), lower($6)) > 0)"
    );
    let status = filter.status.map(herald_core::Status::as_str);
    let text = filter.text.as_deref().filter(|t| !t.is_empty());
    let per_page = i64::from(filter.per_page.max(1));
    let offset = i64::from(filter.page.saturating_sub(1)).saturating_mul(per_page);
    let count_sql = format!("SELECT COUNT(*) {where_sql}");
    let page_sql = format!(
        "SELECT {ADMIN_POST_COLUMNS} {where_sql} ORDER BY p.updated_at DESC, p.id DESC \
         LIMIT $7 OFFSET $8"
    );
    let count_params: Params<'_> = &[
        &status,
        &filter.include_trash,
        &filter.language,
        &filter.topic,
        &filter.author,
        &text,
    ];
    let page_params: Params<'_> = &[
        &status,
        &filter.include_trash,
        &filter.language,
        &filter.topic,
        &filter.author,
        &text,
        &per_page,
        &offset,
    ];
    let (total, rows) = tokio::try_join!(
        count(c, &count_sql, count_params),
        self::query(c, &page_sql, page_params),
    )?;
    Ok(herald_core::AdminPostPage {
        posts: rows::all(&rows, rows::admin_post)?,
        total,
    })
}

/// A post's revisions, newest first (`post` = `None`: every revision by id).
pub(super) async fn revisions<C: GenericClient>(
    c: &C,
    post: Option<herald_core::PostId>,
) -> PgResult<Vec<herald_core::Revision>> {
    let sql = format!(
        "SELECT {} FROM revisions WHERE $1::bigint IS NULL OR post_id = $1 \
         ORDER BY CASE WHEN $1::bigint IS NULL THEN id ELSE -id END",
        crate::rules::REVISION_COLUMNS
    );
    rows::all(&query(c, &sql, &[&post]).await?, rows::revision)
}

pub(super) async fn revision<C: GenericClient>(
    c: &C,
    id: herald_core::RevisionId,
) -> PgResult<Option<herald_core::Revision>> {
    let sql = format!(
        "SELECT {} FROM revisions WHERE id = $1",
        crate::rules::REVISION_COLUMNS
    );
    query_opt(c, &sql, &[&id])
        .await?
        .map(|row| rows::revision(&row))
        .transpose()
}

/// Every term of a language and taxonomy with its number of posts, by name.
pub(super) async fn term_counts<C: GenericClient>(
    c: &C,
    language: &str,
    taxonomy: herald_core::Taxonomy,
) -> PgResult<Vec<herald_core::TermCount>> {
    let sql = format!(
        "SELECT {TERM_COLUMNS}, (SELECT COUNT(*) FROM post_terms pt JOIN posts p \
         ON p.id = pt.post_id WHERE pt.term_id = terms.id AND p.status <> 'trash') \
         FROM terms WHERE language = $1 AND taxonomy = $2 ORDER BY name COLLATE \"C\", id"
    );
    query(c, &sql, &[&language, &taxonomy.as_str()])
        .await?
        .iter()
        .map(|row| {
            let posts: i64 = row.try_get(7)?;
            Ok(herald_core::TermCount {
                term: rows::term(row)?,
                posts: u64::try_from(posts).unwrap_or(0),
            })
        })
        .collect()
}

/// The earliest `publish_at` after `now` of a published or scheduled post or
/// page (the `posts_publish_at` index answers it in one seek).
pub(super) async fn next_publish_after<C: GenericClient>(
    c: &C,
    now: Timestamp,
) -> PgResult<Option<Timestamp>> {
    let rows = query(
        c,
        "SELECT MIN(publish_at) FROM posts \
         WHERE status IN ('published', 'scheduled') AND publish_at > $1",
        &[&now],
    )
    .await?;
    match rows.first() {
        Some(row) => Ok(row.try_get(0)?),
        None => Ok(None),
    }
}
