//! The checks every admin handler makes first, in one place: a live session,
//! the role's permission and, for a form, a request from this site carrying
//! the session's CSRF token. Each returns the response refusing the request,
//! so handlers read `let user = match guard::page(…).await { … }`.

use axum::http::HeaderMap;
use axum::response::Response;
use herald_core::permission::{Action, allows};

use super::posts::form_fields;
use super::{Text, forbidden, store_failed, to_login};
use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{self, SignedIn};

/// A form's fields in order, repeated names kept.
pub type Fields = Vec<(String, String)>;

/// The value of the first field called `name`, or "".
pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A page view: the signed-in user allowed `action` (the session is marked
/// used), or 303 to sign in / 403.
pub async fn page(
    state: &AppState,
    headers: &HeaderMap,
    text: &'static Text,
    action: Action,
) -> Result<SignedIn, Response> {
    let mut signed_in = match session::current(state, headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return Err(to_login(text)),
        Err(e) => return Err(store_failed(e)),
    };
    if !allows(signed_in.user.role, action) {
        return Err(forbidden(state, text));
    }
    session::touch(state, &mut signed_in)
        .await
        .map_err(store_failed)?;
    Ok(signed_in)
}

/// A form post: the request comes from this site, the session is live and
/// its CSRF token is in the form, and the user is allowed `action`; with the
/// form's fields. Anything else is refused before anything is read or written.
pub async fn form(
    state: &AppState,
    headers: &HeaderMap,
    text: &'static Text,
    body: &str,
    action: Action,
) -> Result<(SignedIn, Fields), Response> {
    if !csrf::from_this_site(headers, &state.config.base_url) {
        return Err(forbidden(state, text));
    }
    let signed_in = match session::current(state, headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return Err(to_login(text)),
        Err(e) => return Err(store_failed(e)),
    };
    let fields = form_fields(body);
    if !csrf::token_matches(&signed_in.session.csrf_token, field(&fields, "csrf")) {
        return Err(forbidden(state, text));
    }
    if !allows(signed_in.user.role, action) {
        return Err(forbidden(state, text));
    }
    Ok((signed_in, fields))
}
