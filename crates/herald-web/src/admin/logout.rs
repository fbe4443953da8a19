//! `POST /admin/logout` ends this session, `POST /admin/logout-everywhere`
//! every session of its user. Both need the session's CSRF token and a
//! request from this site; otherwise 403 and nothing changes.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{LangQuery, forbidden, store_failed, to_login};
use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{self, SignedIn};

/// A form that carries only the CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// Which sessions to end.
#[derive(Clone, Copy)]
enum Scope {
    This,
    Everywhere,
}

pub async fn here(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    log_out(&state, &lang, &headers, &form, Scope::This).await
}

pub async fn everywhere(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    log_out(&state, &lang, &headers, &form, Scope::Everywhere).await
}

async fn log_out(
    state: &AppState,
    lang: &LangQuery,
    headers: &HeaderMap,
    form: &CsrfForm,
    scope: Scope,
) -> Response {
    let text = lang.text();
    if !csrf::from_this_site(headers, &state.config.base_url) {
        return forbidden(state, text);
    }
    let signed_in: SignedIn = match session::current(state, headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return to_login(text),
        Err(e) => return store_failed(e),
    };
    if !csrf::token_matches(&signed_in.session.csrf_token, &form.csrf) {
        return forbidden(state, text);
    }
    let ended = match scope {
        Scope::This => {
            state
                .store
                .delete_session(&signed_in.session.token_hash)
                .await
        }
        Scope::Everywhere => state.store.delete_user_sessions(signed_in.user.id).await,
    };
    if let Err(e) = ended {
        return store_failed(e);
    }
    (
        [(header::SET_COOKIE, session::removal_cookie(state))],
        to_login(text),
    )
        .into_response()
}
