//! Archive pages at any depth (see `crate::archive`): the archive's census from
//! `listing_counts`, its bookmarks built in one pass over its index, and the
//! page read as a seek to the nearest bookmark. All in one read transaction,
//! so the census, the bookmarks and the page see the same rows.

use herald_core::{ListPage, ListQuery, PostSummary};
use rusqlite::{Connection, OptionalExtension};

use super::rows;
use crate::archive::{self, BOOKMARK_EVERY, BookmarkCache, Bookmarks, Census, Plan, RowKey, Seek};

/// The listing order, on `listing` or on a CTE of its columns.
const ORDER: &str = "sticky DESC, publish_at DESC, post_id DESC";

/// One page of the archive `key`, and its number of visible posts.
pub(super) fn archive_page(
    conn: &Connection,
    query: &ListQuery,
    key: &str,
    cache: &BookmarkCache,
) -> rusqlite::Result<ListPage> {
    let tx = conn.unchecked_transaction()?;
    let census = census(&tx, key, query.now)?;
    let mut plan = archive::plan(query, &census, cache.get(key).as_deref());
    if plan == Plan::NeedsBookmarks {
        plan = match cache.claim(key) {
            Some(_building) => {
                let built = cache.put(key, bookmarks(&tx, key, census.version)?);
                archive::plan(query, &census, Some(&built))
            }
            // Another reader is building them: this once, the slow way.
            None => Plan::Read(archive::from_start(query)),
        };
    }
    let posts = match plan {
        Plan::Read(seek) => page(&tx, key, query.now, &seek)?,
        Plan::NeedsBookmarks => page(&tx, key, query.now, &archive::from_start(query))?,
        Plan::Empty => Vec::new(),
    };
    tx.commit()?;
    Ok(ListPage {
        posts,
        total: census.visible(),
    })
}

/// The archive's size and version, and its rows still hidden at `now` (an
/// index range over scheduled rows only).
fn census(conn: &Connection, key: &str, now: i64) -> rusqlite::Result<Census> {
    let found = conn
        .prepare_cached(
            "SELECT c.posts, c.sticky_posts, c.version,
                 (SELECT COUNT(*) FROM listing
                  WHERE archive = :key AND sticky = 1 AND publish_at > :now),
                 (SELECT COUNT(*) FROM listing
                  WHERE archive = :key AND sticky = 0 AND publish_at > :now)
             FROM listing_counts c WHERE c.archive = :key",
        )?
        .query_row(rusqlite::named_params! {":key": key, ":now": now}, |row| {
            let count = |i| row.get::<_, i64>(i).map(|n| u64::try_from(n).unwrap_or(0));
            Ok(Census {
                rows: count(0)?,
                sticky: count(1)?,
                version: row.get(2)?,
                hidden_sticky: count(3)?,
                hidden_plain: count(4)?,
            })
        })
        .optional()?;
    Ok(found.unwrap_or_default())
}

/// Every [`BOOKMARK_EVERY`]-th row key of the archive: one pass over its index.
fn bookmarks(conn: &Connection, key: &str, version: i64) -> rusqlite::Result<Bookmarks> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT sticky, publish_at, post_id FROM listing WHERE archive = ?1 ORDER BY {ORDER}"
    ))?;
    let mut rows = stmt.query([key])?;
    let mut keys = Vec::new();
    // Rows to pass before the next bookmark.
    let mut until_next: u64 = 0;
    while let Some(row) = rows.next()? {
        if until_next == 0 {
            until_next = BOOKMARK_EVERY;
            keys.push(RowKey {
                sticky: row.get(0)?,
                publish_at: row.get(1)?,
                post_id: row.get(2)?,
            });
        }
        until_next -= 1;
    }
    Ok(Bookmarks { version, keys })
}

/// The page's summaries: visible rows from the seek's key on, skipping
/// `seek.skip` of them.
fn page(conn: &Connection, key: &str, now: i64, seek: &Seek) -> rusqlite::Result<Vec<PostSummary>> {
    let from = if seek.from.is_some() {
        "AND (sticky, publish_at, post_id) <= (:sticky, :at, :id)"
    } else {
        ""
    };
    let sql = format!(
        "WITH page AS (
             SELECT post_id, sticky, publish_at FROM listing
             WHERE archive = :key AND publish_at <= :now {from}
             ORDER BY {ORDER} LIMIT :limit OFFSET :skip
         )
         SELECT {} FROM page JOIN posts p ON p.id = page.post_id
         LEFT JOIN users u ON u.id = p.author
         ORDER BY page.sticky DESC, page.publish_at DESC, page.post_id DESC",
        rows::SUMMARY_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (limit, skip) = (seek.limit, seek.skip);
    let rows = match seek.from {
        Some(k) => stmt.query_map(
            rusqlite::named_params! {":key": key, ":now": now, ":limit": limit, ":skip": skip,
            ":sticky": k.sticky, ":at": k.publish_at, ":id": k.post_id},
            rows::summary,
        )?,
        None => stmt.query_map(
            rusqlite::named_params! {":key": key, ":now": now, ":limit": limit, ":skip": skip},
            rows::summary,
        )?,
    };
    rows.collect()
}
