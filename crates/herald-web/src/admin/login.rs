//! `GET /admin/login` shows the sign-in form; `POST /admin/login` checks it.
//! A wrong password and an unknown login get the same answer after the same
//! Argon2 work; too many failures for the account or the client address get
//! 429 before any password is checked.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::StoreError;
use serde::Deserialize;

use super::{ClientAddr, LangQuery, Text, escape, forbidden, page, store_failed};
use crate::AppState;
use crate::auth::password::{verify_for_unknown_login, verify_password};
use crate::auth::{csrf, session, throttle};

/// The sign-in form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

/// What a sign-in attempt came to.
enum Outcome {
    /// Signed in: the new session's id.
    SignedIn(String),
    Wrong,
    /// Refused unchecked: seconds to wait.
    Throttled(i64),
}

/// `GET /admin/login`: the form, or the dashboard when already signed in.
pub async fn show(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let text = lang.text();
    match session::current(&state, &headers).await {
        Ok(Some(_)) => Redirect::to(&format!("/admin/{}", text.query)).into_response(),
        Ok(None) => form(&state, text, StatusCode::OK, "", None),
        Err(e) => store_failed(e),
    }
}

/// `POST /admin/login`.
pub async fn submit(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    ClientAddr(address): ClientAddr,
    headers: HeaderMap,
    Form(input): Form<LoginForm>,
) -> Response {
    let text = lang.text();
    if !csrf::from_this_site(&headers, &state.config.base_url) {
        return forbidden(&state, text);
    }
    let login = input.login.clone();
    match attempt(&state, address, input).await {
        Ok(Outcome::SignedIn(token)) => (
            [(header::SET_COOKIE, session::cookie(&state, &token))],
            Redirect::to(&format!("/admin/{}", text.query)),
        )
            .into_response(),
        Ok(Outcome::Wrong) => form(
            &state,
            text,
            StatusCode::UNAUTHORIZED,
            &login,
            Some(text.wrong),
        ),
        Ok(Outcome::Throttled(seconds)) => throttled(&state, text, &login, seconds),
        Err(e) => store_failed(e),
    }
}

async fn attempt(
    state: &AppState,
    address: std::net::IpAddr,
    input: LoginForm,
) -> Result<Outcome, StoreError> {
    let store = state.store.as_ref();
    let now = state.clock.now();
    let account = throttle::account_key(&input.login);
    let keys = [account.clone(), throttle::address_key(address)];
    if let Some(wait) = throttle::check(store, &keys, now).await? {
        throttle::record(store, &keys, now).await?;
        return Ok(Outcome::Throttled(wait));
    }
    let stored = store.password_hash(&input.login).await?;
    let hash = stored.as_ref().map(|(_, hash)| hash.clone());
    let password = input.password;
    // Argon2 takes tens of milliseconds of CPU: off the async workers.
    let verified = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => verify_for_unknown_login(&password),
    })
    .await
    .unwrap_or(false);
    match stored {
        Some((user, _)) if verified => {
            store.clear_login_failures(&account).await?;
            Ok(Outcome::SignedIn(session::start(state, user).await?))
        }
        _ => {
            throttle::record(store, &keys, now).await?;
            Ok(Outcome::Wrong)
        }
    }
}

/// The sign-in form with `status`, the login typed so far and a message.
fn form(
    state: &AppState,
    text: &Text,
    status: StatusCode,
    login: &str,
    message: Option<&str>,
) -> Response {
    let alert = message
        .map(|m| format!("<p class=\"admin-error\" role=\"alert\">{}</p>", escape(m)))
        .unwrap_or_default();
    let main = format!(
        "<h1>{sign_in}</h1>{alert}\
         <form method=\"post\" action=\"/admin/login{query}\">\
         <p><label for=\"login\">{login_label}</label> \
         <input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"{login}\"></p>\
         <p><label for=\"password\">{password_label}</label> \
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">{sign_in}</button></p></form>",
        sign_in = escape(text.sign_in),
        query = text.query,
        login_label = escape(text.login),
        login = escape(login),
        password_label = escape(text.password),
    );
    (status, Html(page(state, text, text.sign_in, &main))).into_response()
}

/// 429 with the form, the wait in words and in `Retry-After`.
fn throttled(state: &AppState, text: &Text, login: &str, seconds: i64) -> Response {
    let minutes = (seconds + 59) / 60;
    let message = text.throttled.replace("{minutes}", &minutes.to_string());
    let mut response = form(
        state,
        text,
        StatusCode::TOO_MANY_REQUESTS,
        login,
        Some(&message),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, seconds.into());
    response
}
