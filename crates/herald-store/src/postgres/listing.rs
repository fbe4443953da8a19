//! The listing table (see `crate::archive` for its keys): which archives each
//! post appears in, kept in step with posts and terms inside the same
//! transaction as the write that changes them. The same rows as the SQLite
//! backend's.

use deadpool_postgres::GenericClient;

/// Posts that belong in listings (`p` is the posts table).
const LISTED: &str = "p.kind <> 'page' AND p.status IN ('published', 'scheduled')";

/// Recompute the listing rows of every post (`post` = `None`) or of one post.
///
/// # Errors
/// A database error; the caller's transaction is then rolled back.
pub(super) async fn rebuild<C: GenericClient>(
    tx: &C,
    post: Option<i64>,
) -> Result<(), tokio_postgres::Error> {
    match post {
        Some(id) => rebuild_range(tx, id, id).await,
        None => rebuild_range(tx, i64::MIN, i64::MAX).await,
    }
}

/// Recompute the listing rows of the posts whose ids are in `first..=last`
/// (an index range: a few posts of a large site cost a few posts' work).
///
/// # Errors
/// A database error; the caller's transaction is then rolled back.
pub(super) async fn rebuild_range<C: GenericClient>(
    tx: &C,
    first: i64,
    last: i64,
) -> Result<(), tokio_postgres::Error> {
    let only = "p.id BETWEEN $1 AND $2";
    tx.execute(
        "DELETE FROM listing WHERE post_id BETWEEN $1 AND $2",
        &[&first, &last],
    )
    .await?;
    let insert = "INSERT INTO listing (archive, sticky, publish_at, post_id)";
    let statements = [
        format!(
            "{insert} SELECT 'home:' || p.language, p.sticky, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND {only} ON CONFLICT DO NOTHING"
        ),
        format!(
            "{insert} SELECT 'kind:' || p.language || ':' || p.kind, FALSE, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND {only} ON CONFLICT DO NOTHING"
        ),
        format!(
            "{insert} SELECT 'author:' || p.language || ':' || p.author, FALSE, p.publish_at, p.id
             FROM posts p WHERE {LISTED} AND p.author IS NOT NULL AND {only}
             ON CONFLICT DO NOTHING"
        ),
        format!(
            "{insert} SELECT 'tag:' || t.id, FALSE, p.publish_at, p.id
             FROM posts p JOIN post_terms pt ON pt.post_id = p.id
             JOIN terms t ON t.id = pt.term_id AND t.taxonomy = 'tag'
             WHERE {LISTED} AND {only} ON CONFLICT DO NOTHING"
        ),
        format!(
            "WITH RECURSIVE lineage(term_id, ancestor, depth) AS (
                 SELECT id, id, 0 FROM terms WHERE taxonomy = 'topic'
                 UNION
                 SELECT lineage.term_id, t.parent, lineage.depth + 1
                 FROM lineage JOIN terms t ON t.id = lineage.ancestor
                 WHERE t.parent IS NOT NULL AND lineage.depth < 32
             )
             {insert} SELECT 'topic:' || lineage.ancestor, FALSE, p.publish_at, p.id
             FROM posts p JOIN post_terms pt ON pt.post_id = p.id
             JOIN lineage ON lineage.term_id = pt.term_id
             WHERE {LISTED} AND {only} ON CONFLICT DO NOTHING"
        ),
    ];
    for sql in statements {
        tx.execute(sql.as_str(), &[&first, &last]).await?;
    }
    Ok(())
}
