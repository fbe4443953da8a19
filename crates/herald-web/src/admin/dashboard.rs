//! `GET /admin/`: who is signed in, and the ways to sign out.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use herald_core::permission::{Action, allows};

use super::{LangQuery, Text, escape, guard, page};
use crate::AppState;
use crate::auth::session::SignedIn;

/// The dashboard, or 303 to the sign-in page without a live session.
pub async fn show(
    State(state): State<AppState>,
    Query(lang): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let text = lang.text();
    let signed_in = match guard::page(&state, &headers, text, Action::ViewAdmin).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    Html(page(&state, text, text.dashboard, &main(text, &signed_in))).into_response()
}

fn main(text: &Text, signed_in: &SignedIn) -> String {
    let who = text
        .signed_in_as
        .replace("{name}", &signed_in.user.display_name)
        .replace("{role}", signed_in.user.role.as_str());
    let csrf = escape(&signed_in.session.csrf_token);
    let button = |action: &str, label: &str| {
        format!(
            "<form method=\"post\" action=\"/admin/{action}{query}\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <button type=\"submit\">{label}</button></form>",
            query = text.query,
            label = escape(label),
        )
    };
    let mut links = String::new();
    for (action, path, label) in [
        (Action::ViewAdmin, "posts", text.posts),
        (Action::ManagePages, "pages", text.pages),
        (Action::ManageTerms, "topics", text.terms.topics),
        (Action::ManageTerms, "tags", text.terms.tags),
        (Action::ManageUsers, "users", text.users.users),
        (Action::ManageSettings, "settings", text.settings.settings),
    ] {
        if allows(signed_in.user.role, action) {
            links.push_str(&format!(
                "<li><a href=\"/admin/{path}{query}\">{label}</a></li>",
                query = text.query,
                label = escape(label),
            ));
        }
    }
    format!(
        "<h1>{title}</h1><p class=\"admin-who\">{who}</p>\
         <nav><ul>{links}</ul></nav>{here}{everywhere}",
        title = escape(text.dashboard),
        who = escape(&who),
        here = button("logout", text.log_out),
        everywhere = button("logout-everywhere", text.log_out_everywhere),
    )
}
