//! `POST /admin/logout` ends this session, `POST /admin/logout-everywhere`
//! every session of its user. Both need the session's CSRF token and a
//! request from this site; otherwise 403 and nothing changes.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use herald_core::permission::Action;

use super::{LangQuery, guard, store_failed, to_login};
use crate::AppState;
use crate::auth::session;

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
    body: String,
) -> Response {
    log_out(&state, &lang, &headers, &body, Scope::This).await
}

pub async fn everywhere(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    log_out(&state, &lang, &headers, &body, Scope::Everywhere).await
}

async fn log_out(
    state: &AppState,
    lang: &LangQuery,
    headers: &HeaderMap,
    body: &str,
    scope: Scope,
) -> Response {
    let text = lang.text();
    // Anyone signed in may sign out, whatever their role.
    let signed_in = match guard::form(state, headers, text, body, Action::ViewAdmin).await {
        Ok((signed_in, _)) => signed_in,
        Err(response) => return response,
    };
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
