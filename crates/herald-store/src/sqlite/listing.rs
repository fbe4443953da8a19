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
    let only = "(:post IS NULL OR p.id = :post)";
    tx.execute(
        "DELETE FROM listing WHERE (:post IS NULL OR post_id = :post)",
        rusqlite::named_params! {":post": post},
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
        tx.execute(&sql, rusqlite::named_params! {":post": post})?;
    }
    Ok(())
}
