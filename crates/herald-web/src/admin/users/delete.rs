//! `GET /admin/users/{id}/delete` asks who inherits the user's posts (another
//! user, or nobody) and says how many there are; `POST` deletes the user with
//! their sessions. The last admin is never deleted, and an admin deleting
//! themselves is signed out.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use herald_core::permission::Action;
use herald_core::{AdminPostFilter, Role, StoreError, UserId};

use super::super::guard::{self, field};
use super::super::problems::{Problems, query_with};
use super::super::{page, store_failed};
use super::view::DeletePage;
use super::{UserQuery, all_users, find, gone_or};
use crate::AppState;

/// Posts and pages of any status written by `user`.
async fn post_count(state: &AppState, user: UserId) -> Result<u64, StoreError> {
    let mut total = 0;
    for kind_pages in [false, true] {
        let filter = AdminPostFilter {
            author: Some(user),
            kind_pages,
            include_trash: true,
            page: 1,
            per_page: 1,
            ..AdminPostFilter::default()
        };
        total += state.store.admin_posts(&filter).await?.total;
    }
    Ok(total)
}

/// The confirmation page with `status`.
async fn delete_page(state: &AppState, page_view: DeletePage<'_>, status: StatusCode) -> Response {
    let posts = match post_count(state, page_view.user.id).await {
        Ok(posts) => posts,
        Err(e) => return store_failed(e),
    };
    let view = DeletePage { posts, ..page_view };
    let text = view.text;
    let html = page(state, text, text.users.delete_user, &view.render());
    (status, Html(html)).into_response()
}

/// `GET /admin/users/{id}/delete`.
pub async fn delete_form(
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
    let (user, users) = match tokio::try_join!(find(&state, text, &id), all_users(&state)) {
        Ok(both) => both,
        Err(response) => return response,
    };
    let view = DeletePage {
        text,
        signed_in: &signed_in,
        user: &user,
        users: &users,
        heir: "",
        posts: 0,
        problems: &Vec::new(),
        alert: None,
    };
    delete_page(&state, view, StatusCode::OK).await
}

/// `POST /admin/users/{id}/delete`: give the posts to the chosen heir (or
/// nobody) and delete the user with their sessions.
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<UserQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = query.text();
    let t = &text.users;
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ManageUsers).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let (user, users) = match tokio::try_join!(find(&state, text, &id), all_users(&state)) {
        Ok(both) => both,
        Err(response) => return response,
    };
    let typed = field(&fields, "heir").trim();
    let mut problems: Problems = Vec::new();
    let heir = match typed.parse::<UserId>() {
        _ if typed.is_empty() => None,
        Ok(heir) if heir != user.id && users.iter().any(|u| u.id == heir) => Some(heir),
        _ => {
            problems.push(("heir", t.bad_heir.into()));
            None
        }
    };
    let admins = users.iter().filter(|u| u.role == Role::Admin).count();
    let mut last_admin = user.role == Role::Admin && admins <= 1;
    if problems.is_empty() && !last_admin {
        match state.store.delete_user(user.id, heir).await {
            Ok(()) => {
                return gone_or(&state, text, &signed_in, &user, || {
                    format!("/admin/users{}", query_with(text, "done=deleted"))
                });
            }
            // Someone changed the users meanwhile: say which rule broke.
            Err(StoreError::Invalid(message)) if message.contains("only admin") => {
                last_admin = true;
            }
            Err(StoreError::Invalid(_)) => problems.push(("heir", t.bad_heir.into())),
            Err(e) => return store_failed(e),
        }
    }
    let view = DeletePage {
        text,
        signed_in: &signed_in,
        user: &user,
        users: &users,
        heir: typed,
        posts: 0,
        problems: &problems,
        alert: Some(if last_admin {
            t.last_admin_delete
        } else {
            t.not_deleted
        }),
    };
    delete_page(&state, view, StatusCode::UNPROCESSABLE_ENTITY).await
}
