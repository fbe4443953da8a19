//! Sign-in sessions. The browser keeps a random id (32 bytes, base64url) in an
//! HttpOnly, SameSite=Lax cookie, Secure when the site is served over https;
//! the database keeps only its SHA-256, so a leaked backup signs nobody in.
//! A session ends when logged out or after a while unused, measured with the
//! injected clock.

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use herald_core::{Session, StoreError, User, UserId};
use sha2::{Digest, Sha256};

use crate::AppState;

/// The cookie's name.
pub const COOKIE_NAME: &str = "herald_session";
/// Random bytes in a session id and in a CSRF token.
const TOKEN_BYTES: usize = 32;

/// A signed-in request: its session and its user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session: Session,
    pub user: User,
}

/// A fresh random token, base64url without padding.
pub fn new_token(state: &AppState) -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    state.random.fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a session id.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// The session id the request's cookies carry, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` value that hands `token` to the browser.
pub fn cookie(state: &AppState, token: &str) -> String {
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
        state.config.session_idle_seconds
    )
}

/// The `Set-Cookie` value that makes the browser forget its session id.
pub fn removal_cookie(state: &AppState) -> String {
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    format!("{COOKIE_NAME}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}")
}

/// Start a session for `user`; returns the id for the cookie.
///
/// # Errors
/// The store cannot be written.
pub async fn start(state: &AppState, user: UserId) -> Result<String, StoreError> {
    let token = new_token(state);
    let now = state.clock.now();
    let session = Session {
        token_hash: token_hash(&token),
        user_id: user,
        csrf_token: new_token(state),
        created_at: now,
        last_seen_at: now,
    };
    state.store.create_session(&session).await?;
    Ok(token)
}

/// The request's live session and user, without recording the visit. A
/// session unused for longer than the configured idle time is deleted and
/// treated as absent, as is one whose user is gone.
///
/// # Errors
/// The store cannot be read or written.
pub async fn current(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, StoreError> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    let hash = token_hash(token);
    let Some(session) = state.store.session(&hash).await? else {
        return Ok(None);
    };
    if state.clock.now() - session.last_seen_at > state.config.session_idle_seconds {
        state.store.delete_session(&hash).await?;
        return Ok(None);
    }
    let Some(user) = state.store.user(session.user_id).await? else {
        state.store.delete_session(&hash).await?;
        return Ok(None);
    };
    Ok(Some(SignedIn { session, user }))
}

/// Record that the session was used now, which keeps it alive.
///
/// # Errors
/// The store cannot be written.
pub async fn touch(state: &AppState, signed_in: &mut SignedIn) -> Result<(), StoreError> {
    let now = state.clock.now();
    state
        .store
        .touch_session(&signed_in.session.token_hash, now)
        .await?;
    signed_in.session.last_seen_at = now;
    Ok(())
}
