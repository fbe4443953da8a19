//! User management, for administrators only: `GET /admin/users` lists every
//! user; `/admin/users/new` and `/admin/users/{id}/edit` show and save the
//! form; `POST /admin/users/{id}/logout-everywhere` ends every session of the
//! user; deleting is in the `delete` module.
//! A form with mistakes comes back (422) with a message at each field and
//! what was typed, passwords apart, and nothing is written. A new password
//! ends the user's other sessions, so a stolen session dies with the old one.

mod check;
mod delete;
mod text;
mod view;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{NewUser, Role, StoreError, User, UserId};
use serde::Deserialize;

use super::guard;
use super::problems::{Problems, href_query, query_with};
use super::{Text, escape, page, store_failed, to_login};
use crate::AppState;
use crate::auth::password::hash_password;
use crate::auth::session::{self, SignedIn};
use check::{Input, check};
use view::FormPage;

pub use delete::{delete, delete_form};
pub use text::{EN as ENGLISH, FA as PERSIAN, UsersText};

/// `?lang=` and, after a change, `?done=` naming it.
#[derive(Debug, Default, Deserialize)]
pub struct UserQuery {
    lang: Option<String>,
    done: Option<String>,
}

impl UserQuery {
    fn text(&self) -> &'static Text {
        Text::for_lang(self.lang.as_deref())
    }

    fn notice(&self) -> Option<&'static str> {
        let t = &self.text().users;
        match self.done.as_deref()? {
            "created" => Some(t.created),
            "saved" => Some(t.saved),
            "deleted" => Some(t.deleted),
            "logged-out" => Some(t.logged_out),
            _ => None,
        }
    }
}

fn not_found(state: &AppState, text: &Text) -> Response {
    let main = format!(
        "<p role=\"alert\">{}</p><p><a href=\"/admin/users{}\">{}</a></p>",
        escape(text.users.not_found),
        href_query(text, ""),
        escape(text.users.users)
    );
    let html = page(state, text, text.users.users, &main);
    (StatusCode::NOT_FOUND, Html(html)).into_response()
}

/// The user with the id in the path, or the 404 page.
async fn find(state: &AppState, text: &Text, id: &str) -> Result<User, Response> {
    let Ok(id) = id.parse::<UserId>() else {
        return Err(not_found(state, text));
    };
    match state.store.user(id).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(not_found(state, text)),
        Err(e) => Err(store_failed(e)),
    }
}

async fn all_users(state: &AppState) -> Result<Vec<User>, Response> {
    state.store.users().await.map_err(store_failed)
}

/// Argon2 takes tens of milliseconds of CPU: off the async workers.
async fn hash(state: &AppState, password: String) -> Result<String, Response> {
    let random = Arc::clone(&state.random);
    let hashed = tokio::task::spawn_blocking(move || hash_password(&password, random.as_ref()))
        .await
        .map_err(|e| e.to_string())
        .and_then(|result| result.map_err(|e| e.to_string()));
    hashed.map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side. Please try again later.\n",
        )
            .into_response()
    })
}

fn form_response(state: &AppState, form: &FormPage<'_>, status: StatusCode) -> Response {
    let html = page(state, form.text, form.heading(), &form.render());
    (status, Html(html)).into_response()
}

/// The form again (422) with `problems`.
fn refused(state: &AppState, form: FormPage<'_>, problems: &Problems) -> Response {
    let form = FormPage {
        problems,
        alert: Some(form.text.users.not_saved),
        ..form
    };
    form_response(state, &form, StatusCode::UNPROCESSABLE_ENTITY)
}

/// A store refusal (two admins saving at once) at the field it concerns.
fn store_problems(text: &Text, message: &str) -> Problems {
    let t = &text.users;
    if message.contains("only admin") {
        vec![("role", t.last_admin_role.into())]
    } else if message.contains("login") {
        vec![("login", t.login_taken.into())]
    } else if message.contains("slug") {
        vec![("slug", t.slug_taken.into())]
    } else {
        vec![("login", message.to_owned())]
    }
}

/// `GET /admin/users`.
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
) -> Response {
    let text = query.text();
    if let Err(response) = guard::page(&state, &headers, text, Action::ManageUsers).await {
        return response;
    }
    let users = match all_users(&state).await {
        Ok(users) => users,
        Err(response) => return response,
    };
    let main = view::list(text, &users, query.notice());
    Html(page(&state, text, text.users.users, &main)).into_response()
}

/// `GET /admin/users/new`: an empty form for an author.
pub async fn new_form(
    State(state): State<AppState>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
) -> Response {
    let text = query.text();
    let signed_in = match guard::page(&state, &headers, text, Action::ManageUsers).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let input = Input {
        role: Role::Author.as_str().into(),
        ..Input::default()
    };
    let form = FormPage {
        text,
        signed_in: &signed_in,
        existing: None,
        input: &input,
        problems: &Vec::new(),
        notice: None,
        alert: None,
    };
    form_response(&state, &form, StatusCode::OK)
}

/// `POST /admin/users/new`: check, hash the password, create.
pub async fn create(
    State(state): State<AppState>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = query.text();
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ManageUsers).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let users = match all_users(&state).await {
        Ok(users) => users,
        Err(response) => return response,
    };
    let input = Input::from_form(&fields);
    let form = FormPage {
        text,
        signed_in: &signed_in,
        existing: None,
        input: &input,
        problems: &Vec::new(),
        notice: None,
        alert: None,
    };
    let checked = match check(&input, &text.users, &users, None) {
        Ok(checked) => checked,
        Err(problems) => return refused(&state, form, &problems),
    };
    let password_hash = match hash(&state, checked.password.clone().unwrap_or_default()).await {
        Ok(hash) => hash,
        Err(response) => return response,
    };
    let user = NewUser {
        login: checked.login,
        slug: checked.slug,
        display_name: checked.display_name,
        email: checked.email,
        role: checked.role,
        password_hash: Some(password_hash),
    };
    match state.store.create_user(&user).await {
        Ok(_) => Redirect::to(&format!("/admin/users{}", query_with(text, "done=created")))
            .into_response(),
        Err(StoreError::Invalid(message)) => refused(&state, form, &store_problems(text, &message)),
        Err(e) => store_failed(e),
    }
}

/// `GET /admin/users/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
) -> Response {
    let text = query.text();
    let signed_in = match guard::page(&state, &headers, text, Action::ManageUsers).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let user = match find(&state, text, &id).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let input = Input::from_user(&user);
    let form = FormPage {
        text,
        signed_in: &signed_in,
        existing: Some(&user),
        input: &input,
        problems: &Vec::new(),
        notice: query.notice(),
        alert: None,
    };
    form_response(&state, &form, StatusCode::OK)
}

/// `POST /admin/users/{id}/edit`: check, save, and with a new password end
/// the user's other sessions.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = query.text();
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ManageUsers).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let (user, users) = match tokio::try_join!(find(&state, text, &id), all_users(&state)) {
        Ok(both) => both,
        Err(response) => return response,
    };
    let input = Input::from_form(&fields);
    let form = FormPage {
        text,
        signed_in: &signed_in,
        existing: Some(&user),
        input: &input,
        problems: &Vec::new(),
        notice: None,
        alert: None,
    };
    let checked = match check(&input, &text.users, &users, Some(&user)) {
        Ok(checked) => checked,
        Err(problems) => return refused(&state, form, &problems),
    };
    let password_hash = match checked.password.clone() {
        Some(password) => match hash(&state, password).await {
            Ok(hash) => Some(hash),
            Err(response) => return response,
        },
        None => None,
    };
    match state.store.update_user(&checked.onto(&user)).await {
        Ok(()) => {}
        Err(StoreError::Invalid(message)) => {
            return refused(&state, form, &store_problems(text, &message));
        }
        Err(e) => return store_failed(e),
    }
    let itself = user.id == signed_in.user.id;
    let mut cookie = None;
    if let Some(password_hash) = password_hash {
        match new_password(&state, &user, itself, &password_hash).await {
            Ok(token) => cookie = token.map(|token| session::cookie(&state, &token)),
            Err(e) => return store_failed(e),
        }
    }
    let to = if itself && checked.role != Role::Admin {
        format!("/admin/{}", text.query)
    } else {
        format!(
            "/admin/users/{}/edit{}",
            user.id,
            query_with(text, "done=saved")
        )
    };
    match cookie {
        Some(cookie) => ([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response(),
        None => Redirect::to(&to).into_response(),
    }
}

/// Store the new hash and end every session of the user; an admin changing
/// their own password gets a fresh session (its id is returned) so only
/// their other sessions end.
async fn new_password(
    state: &AppState,
    user: &User,
    itself: bool,
    password_hash: &str,
) -> Result<Option<String>, StoreError> {
    state
        .store
        .set_password_hash(user.id, password_hash)
        .await?;
    state.store.delete_user_sessions(user.id).await?;
    if itself {
        return Ok(Some(session::start(state, user.id).await?));
    }
    Ok(None)
}

/// `POST /admin/users/{id}/logout-everywhere`.
pub async fn log_out(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = query.text();
    let (signed_in, _) = match guard::form(&state, &headers, text, &body, Action::ManageUsers).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let user = match find(&state, text, &id).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    if let Err(e) = state.store.delete_user_sessions(user.id).await {
        return store_failed(e);
    }
    gone_or(&state, text, &signed_in, &user, || {
        format!(
            "/admin/users/{}/edit{}",
            user.id,
            query_with(text, "done=logged-out")
        )
    })
}

/// After ending `user`'s sessions: back to sign in when that was the
/// signed-in admin, else to the page `to` gives.
fn gone_or(
    state: &AppState,
    text: &Text,
    signed_in: &SignedIn,
    user: &User,
    to: impl FnOnce() -> String,
) -> Response {
    if user.id == signed_in.user.id {
        let removal = session::removal_cookie(state);
        return ([(header::SET_COOKIE, removal)], to_login(text)).into_response();
    }
    Redirect::to(&to()).into_response()
}
