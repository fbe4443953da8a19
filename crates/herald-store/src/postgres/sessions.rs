//! Sessions and login failures, as the SQLite backend's `sessions` module.

use deadpool_postgres::GenericClient;
use herald_core::{Session, StoreError, Timestamp, UserId};

use super::error::{Error, PgResult};

/// Failures older than this are forgotten whenever a new one is counted.
const FORGET_FAILURES_AFTER: i64 = 24 * 60 * 60;

pub(super) async fn create<C: GenericClient>(tx: &C, s: &Session) -> PgResult<()> {
    let statement = tx
        .prepare_cached(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .await?;
    tx.execute(
        &statement,
        &[
            &s.token_hash,
            &s.user_id,
            &s.csrf_token,
            &s.created_at,
            &s.last_seen_at,
        ],
    )
    .await
    .map_err(|e| {
        if e.code().is_some_and(|code| code.code().starts_with("23")) {
            Error::Store(StoreError::Invalid(format!(
                "session for user {}: the user does not exist or the session is already stored",
                s.user_id
            )))
        } else {
            Error::Db(e)
        }
    })?;
    Ok(())
}

pub(super) async fn get<C: GenericClient>(c: &C, token_hash: &str) -> PgResult<Option<Session>> {
    let statement = c
        .prepare_cached(
            "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at \
             FROM sessions WHERE token_hash = $1",
        )
        .await?;
    let Some(row) = c.query_opt(&statement, &[&token_hash]).await? else {
        return Ok(None);
    };
    Ok(Some(Session {
        token_hash: row.try_get(0)?,
        user_id: row.try_get(1)?,
        csrf_token: row.try_get(2)?,
        created_at: row.try_get(3)?,
        last_seen_at: row.try_get(4)?,
    }))
}

/// Run one statement (prepared once per connection).
async fn run<C: GenericClient>(
    c: &C,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> PgResult<()> {
    let statement = c.prepare_cached(sql).await?;
    c.execute(&statement, params).await?;
    Ok(())
}

pub(super) async fn touch<C: GenericClient>(
    c: &C,
    token_hash: &str,
    now: Timestamp,
) -> PgResult<()> {
    run(
        c,
        "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
        &[&token_hash, &now],
    )
    .await
}

pub(super) async fn delete<C: GenericClient>(c: &C, token_hash: &str) -> PgResult<()> {
    run(
        c,
        "DELETE FROM sessions WHERE token_hash = $1",
        &[&token_hash],
    )
    .await
}

pub(super) async fn delete_for_user<C: GenericClient>(c: &C, user: UserId) -> PgResult<()> {
    run(c, "DELETE FROM sessions WHERE user_id = $1", &[&user]).await
}

pub(super) async fn record_failure<C: GenericClient>(
    tx: &C,
    key: &str,
    now: Timestamp,
) -> PgResult<()> {
    let forget_before = now - FORGET_FAILURES_AFTER;
    run(
        tx,
        "DELETE FROM login_failures WHERE at < $1",
        &[&forget_before],
    )
    .await?;
    run(
        tx,
        "INSERT INTO login_failures (key, at) VALUES ($1, $2)",
        &[&key, &now],
    )
    .await
}

pub(super) async fn failures<C: GenericClient>(
    c: &C,
    key: &str,
    since: Timestamp,
) -> PgResult<u32> {
    let statement = c
        .prepare_cached("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
        .await?;
    let count: i64 = c.query_one(&statement, &[&key, &since]).await?.try_get(0)?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub(super) async fn clear_failures<C: GenericClient>(c: &C, key: &str) -> PgResult<()> {
    run(c, "DELETE FROM login_failures WHERE key = $1", &[&key]).await
}
