//! Sessions and login failures: small rows written on every sign-in and read
//! on every admin request.

use herald_core::store::StoreResult;
use herald_core::{Session, StoreError, Timestamp, UserId};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::map_err;

/// Failures older than this are forgotten whenever a new one is counted.
const FORGET_FAILURES_AFTER: i64 = 24 * 60 * 60;

pub(super) fn create(tx: &Transaction<'_>, s: &Session) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            s.token_hash,
            s.user_id,
            s.csrf_token,
            s.created_at,
            s.last_seen_at
        ],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Invalid(format!(
            "session for user {}: the user does not exist or the session is already stored",
            s.user_id
        )),
        _ => map_err(e),
    })?;
    Ok(())
}

pub(super) fn get(conn: &Connection, token_hash: &str) -> rusqlite::Result<Option<Session>> {
    conn.prepare_cached(
        "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at \
         FROM sessions WHERE token_hash = ?1",
    )?
    .query_row([token_hash], |row| {
        Ok(Session {
            token_hash: row.get(0)?,
            user_id: row.get(1)?,
            csrf_token: row.get(2)?,
            created_at: row.get(3)?,
            last_seen_at: row.get(4)?,
        })
    })
    .optional()
}

pub(super) fn touch(tx: &Transaction<'_>, token_hash: &str, now: Timestamp) -> StoreResult<()> {
    tx.execute(
        "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now],
    )
    .map_err(map_err)?;
    Ok(())
}

pub(super) fn delete(tx: &Transaction<'_>, token_hash: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])
        .map_err(map_err)?;
    Ok(())
}

pub(super) fn delete_for_user(tx: &Transaction<'_>, user: UserId) -> StoreResult<()> {
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user])
        .map_err(map_err)?;
    Ok(())
}

pub(super) fn record_failure(tx: &Transaction<'_>, key: &str, now: Timestamp) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM login_failures WHERE at < ?1",
        [now - FORGET_FAILURES_AFTER],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO login_failures (key, at) VALUES (?1, ?2)",
        params![key, now],
    )
    .map_err(map_err)?;
    Ok(())
}

pub(super) fn failures(conn: &Connection, key: &str, since: Timestamp) -> rusqlite::Result<u32> {
    conn.prepare_cached("SELECT COUNT(*) FROM login_failures WHERE key = ?1 AND at >= ?2")?
        .query_row(params![key, since], |row| row.get(0))
}

pub(super) fn clear_failures(tx: &Transaction<'_>, key: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM login_failures WHERE key = ?1", [key])
        .map_err(map_err)?;
    Ok(())
}
