//! The listing table: which archives each post appears in, kept in step with
//! posts and terms inside the same transaction as the write that changes them.
//! Archive keys: `home:{lang}`, `topic:{id}` (the topic and every ancestor),
//! `tag:{id}`, `author:{lang}:{id}`, `kind:{lang}:{kind}`.

use rusqlite::Transaction;

pub(super) use crate::archive::key;

/// Posts that belong in listings (`p` is the posts table).
const LISTED: &str = "p.kind <> 'page' AND p.status IN ('published', 'scheduled')";

/// Recompute the listing rows of every post (`post` = `None`) or of one post.
///
/// # Errors
/// A database error; the caller's transaction is then rolled back.
pub(super) fn rebuild(tx: &Transaction<'_>, post: Option<i64>) -> rusqlite::Result<()> {
    match post {
        Some(id) => rebuild_range(tx, id, id),
        None => rebuild_range(tx, i64::MIN, i64::MAX),
    }
}

/// Recompute the listing rows of the posts whose ids are in `first..=last`
/// (an index range: a few posts of a large site cost a few posts' work).
///
/// # Errors
/// A database error; the caller's transaction is then rolled back.
pub(super) fn rebuild_range(tx: &Transaction<'_>, first: i64, last: i64) -> rusqlite::Result<()> {
    let only = "p.id BETWEEN :first AND :last";
    let range = rusqlite::named_params! {":first": first, ":last": last};
    tx.execute(
        "DELETE FROM listing WHERE post_id BETWEEN :first AND :last",
        range,
    )?;
    let statements = [
        format!(
            "INSERT OR IGNORE INTO listing (archive, sticky, publish_at, post_id)
             SELECT 'home:' || p.language, p.sticky, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND {only}"
        ),
        format!(
            "INSERT OR IGNORE INTO listing (archive, sticky, publish_at, post_id)
             SELECT 'kind:' || p.language || ':' || p.kind, 0, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND {only}"
        ),
        format!(
            "INSERT OR IGNORE INTO listing (archive, sticky, publish_at, post_id)
             SELECT 'author:' || p.language || ':' || p.author, 0, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND p.author IS NOT NULL AND {only}"
        ),
        format!(
            "INSERT OR IGNORE INTO listing (archive, sticky, publish_at, post_id)
             SELECT 'tag:' || t.id, 0, p.publish_at, p.id
             FROM posts p JOIN post_terms pt ON pt.post_id = p.id
             JOIN terms t ON t.id = pt.term_id AND t.taxonomy = 'tag'
             WHERE {LISTED} AND {only}"
        ),
        format!(
            "WITH RECURSIVE lineage(term_id, ancestor, depth) AS (
                 SELECT id, id, 0 FROM terms WHERE taxonomy = 'topic'
                 UNION
                 SELECT lineage.term_id, t.parent, lineage.depth + 1
                 FROM lineage JOIN terms t ON t.id = lineage.ancestor
                 WHERE t.parent IS NOT NULL AND lineage.depth < 32
             )
             INSERT OR IGNORE INTO listing (archive, sticky, publish_at, post_id)
             SELECT 'topic:' || lineage.ancestor, 0, p.publish_at, p.id
             FROM posts p JOIN post_terms pt ON pt.post_id = p.id
             JOIN lineage ON lineage.term_id = pt.term_id
             WHERE {LISTED} AND {only}"
        ),
    ];
    for sql in statements {
        tx.execute(&sql, range)?;
    }
    Ok(())
}
