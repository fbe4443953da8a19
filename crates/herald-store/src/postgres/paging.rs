//! Archive pages at any depth (see `crate::archive`): the archive's census from
//! `listing_counts`, its bookmarks computed by the server in one pass over its
//! index, and the page read as a seek to the nearest bookmark. The first pages
//! need no bookmarks and go with the census in one round trip; deeper pages
//! take two (the census decides where the page starts).

use deadpool_postgres::GenericClient;
use herald_core::{ListPage, ListQuery};
use tokio_postgres::Row;

use super::error::PgResult;
use super::read::{Params, query};
use super::rows::{self, SUMMARY_COLUMNS, TERM_IDS};
use crate::archive::{self, BOOKMARK_EVERY, BookmarkCache, Bookmarks, Census, Plan, RowKey, Seek};

/// The listing order.
const ORDER: &str = "sticky DESC, publish_at DESC, post_id DESC";

/// One page of the archive `key`, and its number of visible posts.
pub(super) async fn archive_page<C: GenericClient>(
    c: &C,
    query: &ListQuery,
    key: &str,
    cache: &BookmarkCache,
) -> PgResult<ListPage> {
    let now = query.now;
    if archive::is_shallow(query) {
        let seek = archive::from_start(query);
        let (census, rows) = tokio::try_join!(census(c, key, now), page(c, key, now, &seek))?;
        return Ok(ListPage {
            posts: rows::all(&rows, rows::summary)?,
            total: census.visible(),
        });
    }
    let census = census(c, key, now).await?;
    let mut plan = archive::plan(query, &census, cache.get(key).as_deref());
    if plan == Plan::NeedsBookmarks {
        plan = match cache.claim(key) {
            Some(_building) => {
                let built = cache.put(key, bookmarks(c, key).await?);
                archive::plan(query, &census, Some(&built))
            }
            // Another reader is building them: this once, the slow way.
            None => Plan::Read(archive::from_start(query)),
        };
    }
    let rows = match plan {
        Plan::Read(seek) => page(c, key, now, &seek).await?,
        // The archive changed between the census and the bookmarks: this once,
        // the slow way.
        Plan::NeedsBookmarks => page(c, key, now, &archive::from_start(query)).await?,
        Plan::Empty => Vec::new(),
    };
    Ok(ListPage {
        posts: rows::all(&rows, rows::summary)?,
        total: census.visible(),
    })
}

/// The archive's size and version, and its rows still hidden at `now` (an
/// index range over scheduled rows only).
async fn census<C: GenericClient>(c: &C, key: &str, now: i64) -> PgResult<Census> {
    let sql = "SELECT c.posts, c.sticky_posts, c.version,
                   (SELECT COUNT(*) FROM listing
                    WHERE archive = $1 AND sticky = TRUE AND publish_at > $2),
                   (SELECT COUNT(*) FROM listing
                    WHERE archive = $1 AND sticky = FALSE AND publish_at > $2)
               FROM listing_counts c WHERE c.archive = $1";
    let params: Params<'_> = &[&key, &now];
    let Some(row) = query(c, sql, params).await?.into_iter().next() else {
        return Ok(Census::default());
    };
    let count = |i| -> PgResult<u64> { Ok(u64::try_from(row.try_get::<_, i64>(i)?).unwrap_or(0)) };
    Ok(Census {
        rows: count(0)?,
        sticky: count(1)?,
        version: row.try_get(2)?,
        hidden_sticky: count(3)?,
        hidden_plain: count(4)?,
    })
}

/// Every [`BOOKMARK_EVERY`]-th row key of the archive, numbered by the server
/// (one statement, so the version is the one of the rows read).
async fn bookmarks<C: GenericClient>(c: &C, key: &str) -> PgResult<Bookmarks> {
    let sql = format!(
        "SELECT (SELECT version FROM listing_counts WHERE archive = $1), sticky, publish_at, post_id
         FROM (SELECT sticky, publish_at, post_id, row_number() OVER (ORDER BY {ORDER}) - 1 AS n
               FROM listing WHERE archive = $1) numbered
         WHERE n % $2 = 0 ORDER BY n"
    );
    let every = i64::try_from(BOOKMARK_EVERY).unwrap_or(i64::MAX);
    let rows = query(c, &sql, &[&key, &every]).await?;
    let mut bookmarks = Bookmarks {
        version: -1,
        keys: Vec::with_capacity(rows.len()),
    };
    for row in &rows {
        bookmarks.version = row.try_get::<_, Option<i64>>(0)?.unwrap_or(-1);
        bookmarks.keys.push(RowKey {
            sticky: row.try_get(1)?,
            publish_at: row.try_get(2)?,
            post_id: row.try_get(3)?,
        });
    }
    Ok(bookmarks)
}

/// The page's rows: visible rows from the seek's key on, skipping `seek.skip`
/// of them.
async fn page<C: GenericClient>(c: &C, key: &str, now: i64, seek: &Seek) -> PgResult<Vec<Row>> {
    // PostgreSQL does not start an index scan at a row comparison over these
    // descending columns (it reads from the archive's first row and filters),
    // so a bookmark among the non-sticky rows is given as an equality and a
    // plain bound, which it seeks to; only ties at the bookmark's time are
    // filtered. Sticky rows are few and come first: for them the row
    // comparison is cheap.
    let from = match seek.from {
        Some(RowKey { sticky: false, .. }) => {
            "AND sticky = $5 AND publish_at <= $6 AND (publish_at < $6 OR post_id <= $7)"
        }
        Some(_) => "AND (sticky, publish_at, post_id) <= ($5, $6, $7)",
        None => "",
    };
    let sql = format!(
        "WITH page AS (
             SELECT post_id, sticky, publish_at FROM listing
             WHERE archive = $1 AND publish_at <= $2 {from}
             ORDER BY {ORDER} LIMIT $3 OFFSET $4
         )
         SELECT {SUMMARY_COLUMNS}, {TERM_IDS} FROM page JOIN posts p ON p.id = page.post_id
         LEFT JOIN users u ON u.id = p.author
         ORDER BY page.sticky DESC, page.publish_at DESC, page.post_id DESC"
    );
    let rows = match seek.from {
        Some(k) => {
            let params: Params<'_> = &[
                &key,
                &now,
                &seek.limit,
                &seek.skip,
                &k.sticky,
                &k.publish_at,
                &k.post_id,
            ];
            query(c, &sql, params).await?
        }
        None => query(c, &sql, &[&key, &now, &seek.limit, &seek.skip]).await?,
    };
    Ok(rows)
}
