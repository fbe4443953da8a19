//! Sitemap reads, the same as the SQLite backend's (`crate::sqlite`) in
//! meaning and order: public posts of a language by id range (keyset paging
//! on the primary key), the non-empty files of a language, and the topics and
//! tags with public posts (through the listing table).

use deadpool_postgres::GenericClient;
use herald_core::sitemap::{
    SITEMAP_MAX_URLS, SitemapEntry, SitemapFile, SitemapQuery, SitemapSection, SitemapTerm,
};
use herald_core::{Taxonomy, Timestamp};
use tokio_postgres::types::ToSql;

use super::error::PgResult;
use super::read::query;
use crate::sitemap::{TERM_ARCHIVE_KEY, attach_translations, file, kind_condition};

/// "A reader may see this post", with "now" bound to `$2`.
const PUBLIC: &str = "p.status IN ('published', 'scheduled') AND p.publish_at <= $2";

/// The range of [`SitemapQuery`]: language `$1`, now `$2`, after `$3`,
/// through `$4`, since `$5`.
fn filter(pages: bool) -> String {
    format!(
        "p.language = $1 AND {} AND p.id > $3 AND p.id <= $4 \
         AND ($5::BIGINT IS NULL OR p.publish_at >= $5) AND {PUBLIC}",
        kind_condition(pages)
    )
}

pub(super) async fn entries<C: GenericClient>(
    c: &C,
    q: &SitemapQuery,
) -> PgResult<Vec<SitemapEntry>> {
    let sql = format!(
        "SELECT p.id, p.language, p.title, p.slug, p.parent, p.publish_at, p.updated_at \
         FROM posts p WHERE {} ORDER BY p.id LIMIT $6",
        filter(q.pages)
    );
    let limit = i64::from(q.limit);
    let rows = query(
        c,
        &sql,
        &[&q.language, &q.now, &q.after, &q.through, &q.since, &limit],
    )
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        entries.push(SitemapEntry {
            id: row.try_get(0)?,
            language: row.try_get(1)?,
            title: row.try_get(2)?,
            slug: row.try_get(3)?,
            parent: row.try_get(4)?,
            publish_at: row.try_get(5)?,
            updated_at: row.try_get(6)?,
            translations: Vec::new(),
        });
    }
    drop(rows);
    let Some(last) = entries.last().map(|e| e.id) else {
        return Ok(entries);
    };
    let sql = format!(
        "SELECT p.id, t.language, t.id FROM posts p \
         JOIN posts t ON t.translation_group = p.translation_group \
         JOIN languages l ON l.code = t.language \
         WHERE {} AND p.translation_group IS NOT NULL AND t.id <> p.id \
         AND t.language <> p.language \
         AND t.status IN ('published', 'scheduled') AND t.publish_at <= $2 \
         ORDER BY p.id, l.position, t.language COLLATE \"C\", t.id",
        filter(q.pages)
    );
    let rows = query(c, &sql, &[&q.language, &q.now, &q.after, &last, &q.since]).await?;
    let mut links = Vec::with_capacity(rows.len());
    for row in &rows {
        links.push((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?));
    }
    attach_translations(&mut entries, links);
    Ok(entries)
}

pub(super) async fn files<C: GenericClient>(
    c: &C,
    language: &str,
    now: Timestamp,
) -> PgResult<Vec<SitemapFile>> {
    let size = i64::from(SITEMAP_MAX_URLS);
    let posts_sql = format!(
        "SELECT (p.id - 1) / {size} + 1 AS n, COUNT(*), MAX(p.updated_at), MAX(p.publish_at) \
         FROM posts p WHERE p.language = $1 AND {} AND {PUBLIC} GROUP BY n ORDER BY n",
        kind_condition(false)
    );
    let pages_sql = format!(
        "SELECT COUNT(*), MAX(p.updated_at), MAX(p.publish_at) FROM posts p \
         WHERE p.language = $1 AND {} AND {PUBLIC}",
        kind_condition(true)
    );
    let terms_sql = format!(
        "SELECT COUNT(DISTINCT t.id), MAX(p.updated_at), MAX(p.publish_at) FROM terms t \
         JOIN listing l ON l.archive = {TERM_ARCHIVE_KEY} JOIN posts p ON p.id = l.post_id \
         WHERE t.language = $1 AND l.publish_at <= $2 AND t.taxonomy = $3"
    );
    let (topic, tag) = (Taxonomy::Topic.as_str(), Taxonomy::Tag.as_str());
    let two: [&(dyn ToSql + Sync); 2] = [&language, &now];
    let topic_args: [&(dyn ToSql + Sync); 3] = [&language, &now, &topic];
    let tag_args: [&(dyn ToSql + Sync); 3] = [&language, &now, &tag];
    let (posts, pages, topics, tags) = tokio::try_join!(
        query(c, &posts_sql, &two),
        query(c, &pages_sql, &two),
        query(c, &terms_sql, &topic_args),
        query(c, &terms_sql, &tag_args),
    )?;
    let mut out = Vec::new();
    for row in &posts {
        let n: i64 = row.try_get(0)?;
        let section = SitemapSection::Posts(u32::try_from(n).unwrap_or(u32::MAX));
        out.extend(file(
            section,
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
        ));
    }
    for (rows, section) in [
        (&pages, SitemapSection::Pages),
        (&topics, SitemapSection::Topics),
        (&tags, SitemapSection::Tags),
    ] {
        for row in rows {
            out.extend(file(
                section,
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
            ));
        }
    }
    Ok(out)
}

pub(super) async fn terms<C: GenericClient>(
    c: &C,
    language: &str,
    taxonomy: Taxonomy,
    limit: u32,
    now: Timestamp,
) -> PgResult<Vec<SitemapTerm>> {
    let sql = format!(
        "SELECT t.slug, MAX(p.updated_at), MAX(p.publish_at) FROM terms t \
         JOIN listing l ON l.archive = {TERM_ARCHIVE_KEY} JOIN posts p ON p.id = l.post_id \
         WHERE t.language = $1 AND t.taxonomy = $2 AND l.publish_at <= $3 \
         GROUP BY t.id, t.slug ORDER BY t.slug COLLATE \"C\", t.id LIMIT $4"
    );
    let limit = i64::from(limit);
    let rows = query(c, &sql, &[&language, &taxonomy.as_str(), &now, &limit]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let (updated, published): (i64, i64) = (row.try_get(1)?, row.try_get(2)?);
        out.push(SitemapTerm {
            taxonomy,
            slug: row.try_get(0)?,
            last_modified: updated.max(published),
        });
    }
    Ok(out)
}
