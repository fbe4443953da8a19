//! Sitemap reads: public posts of a language by id range (keyset paging on
//! the primary key), the non-empty files of a language, and the topics and
//! tags that have public posts (through the listing table, so a topic counts
//! its descendants' posts as its archive page does).

use herald_core::sitemap::{
    SITEMAP_MAX_URLS, SitemapEntry, SitemapFile, SitemapQuery, SitemapSection, SitemapTerm,
};
use herald_core::{Taxonomy, Timestamp};
use rusqlite::{Connection, named_params};

use crate::sitemap::{TERM_ARCHIVE_KEY, attach_translations, file, kind_condition};

/// "A reader may see this post" with `:now`.
const PUBLIC: &str = "p.status IN ('published', 'scheduled') AND p.publish_at <= :now";

pub(super) fn entries(
    conn: &Connection,
    query: &SitemapQuery,
) -> rusqlite::Result<Vec<SitemapEntry>> {
    let filter = format!(
        "p.language = :lang AND {} AND p.id > :after AND p.id <= :through \
         AND (:since IS NULL OR p.publish_at >= :since) AND {PUBLIC}",
        kind_condition(query.pages)
    );
    let sql = format!(
        "SELECT p.id, p.language, p.title, p.slug, p.parent, p.publish_at, p.updated_at \
         FROM posts p WHERE {filter} ORDER BY p.id LIMIT :limit"
    );
    let mut entries: Vec<SitemapEntry> = conn
        .prepare_cached(&sql)?
        .query_map(
            named_params! {
                ":lang": query.language, ":after": query.after, ":through": query.through,
                ":since": query.since, ":now": query.now, ":limit": query.limit,
            },
            |row| {
                Ok(SitemapEntry {
                    id: row.get(0)?,
                    language: row.get(1)?,
                    title: row.get(2)?,
                    slug: row.get(3)?,
                    parent: row.get(4)?,
                    publish_at: row.get(5)?,
                    updated_at: row.get(6)?,
                    translations: Vec::new(),
                })
            },
        )?
        .collect::<Result<_, _>>()?;
    let Some(last) = entries.last().map(|e| e.id) else {
        return Ok(entries);
    };
    // The same range again, joined to public translations in other languages.
    let sql = format!(
        "SELECT p.id, t.language, t.id FROM posts p \
         JOIN posts t ON t.translation_group = p.translation_group \
         JOIN languages l ON l.code = t.language \
         WHERE {} AND p.translation_group IS NOT NULL AND t.id <> p.id \
         AND t.language <> p.language \
         AND t.status IN ('published', 'scheduled') AND t.publish_at <= :now \
         ORDER BY p.id, l.position, t.language, t.id",
        filter.replace(":through", ":last")
    );
    let rows: Vec<(i64, String, i64)> = conn
        .prepare_cached(&sql)?
        .query_map(
            named_params! {
                ":lang": query.language, ":after": query.after, ":last": last,
                ":since": query.since, ":now": query.now,
            },
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    attach_translations(&mut entries, rows);
    Ok(entries)
}

pub(super) fn files(
    conn: &Connection,
    language: &str,
    now: Timestamp,
) -> rusqlite::Result<Vec<SitemapFile>> {
    let size = i64::from(SITEMAP_MAX_URLS);
    let sql = format!(
        "SELECT (p.id - 1) / {size} + 1 AS n, COUNT(*), MAX(p.updated_at), MAX(p.publish_at) \
         FROM posts p WHERE p.language = :lang AND {} AND {PUBLIC} GROUP BY n ORDER BY n",
        kind_condition(false)
    );
    let args = named_params! {":lang": language, ":now": now};
    let mut out: Vec<SitemapFile> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(row) = rows.next()? {
        let n: i64 = row.get(0)?;
        let section = SitemapSection::Posts(u32::try_from(n).unwrap_or(u32::MAX));
        out.extend(file(section, row.get(1)?, row.get(2)?, row.get(3)?));
    }
    let sql = format!(
        "SELECT COUNT(*), MAX(p.updated_at), MAX(p.publish_at) FROM posts p \
         WHERE p.language = :lang AND {} AND {PUBLIC}",
        kind_condition(true)
    );
    let pages = conn.prepare_cached(&sql)?.query_row(args, |row| {
        Ok(file(
            SitemapSection::Pages,
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
        ))
    })?;
    out.extend(pages);
    for (taxonomy, section) in [
        (Taxonomy::Topic, SitemapSection::Topics),
        (Taxonomy::Tag, SitemapSection::Tags),
    ] {
        let sql = format!(
            "SELECT COUNT(DISTINCT t.id), MAX(p.updated_at), MAX(p.publish_at) FROM terms t \
             JOIN listing l ON l.archive = {TERM_ARCHIVE_KEY} JOIN posts p ON p.id = l.post_id \
             WHERE t.language = :lang AND t.taxonomy = :taxonomy AND l.publish_at <= :now"
        );
        let terms = conn.prepare_cached(&sql)?.query_row(
            named_params! {":lang": language, ":taxonomy": taxonomy.as_str(), ":now": now},
            |row| Ok(file(section, row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        out.extend(terms);
    }
    Ok(out)
}

pub(super) fn terms(
    conn: &Connection,
    language: &str,
    taxonomy: Taxonomy,
    limit: u32,
    now: Timestamp,
) -> rusqlite::Result<Vec<SitemapTerm>> {
    let sql = format!(
        "SELECT t.slug, MAX(p.updated_at), MAX(p.publish_at) FROM terms t \
         JOIN listing l ON l.archive = {TERM_ARCHIVE_KEY} JOIN posts p ON p.id = l.post_id \
         WHERE t.language = :lang AND t.taxonomy = :taxonomy AND l.publish_at <= :now \
         GROUP BY t.id, t.slug ORDER BY t.slug, t.id LIMIT :limit"
    );
    conn.prepare_cached(&sql)?
        .query_map(
            named_params! {
                ":lang": language, ":taxonomy": taxonomy.as_str(), ":now": now, ":limit": limit,
            },
            |row| {
                let (updated, published): (i64, i64) = (row.get(1)?, row.get(2)?);
                Ok(SitemapTerm {
                    taxonomy,
                    slug: row.get(0)?,
                    last_modified: updated.max(published),
                })
            },
        )?
        .collect()
}
