//! `GET /admin/topics/{id}/delete` (and tags): what deleting would change,
//! and a button to do it; `POST …/{id}/delete` deletes. Posts lose the term
//! but are kept; a topic's children move up to its parent.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{StoreError, Taxonomy, Term};

use super::edit::stored;
use super::{TermsQuery, Which, base, labels, list_href, not_found, query};
use crate::AppState;
use crate::admin::{escape, guard, page, store_failed};

/// How many posts carry `term`, and how many topics sit directly in it.
async fn reach(state: &AppState, term: &Term) -> Result<(u64, usize), StoreError> {
    let counts = state
        .store
        .term_counts(&term.language, term.taxonomy)
        .await?;
    let posts = counts
        .iter()
        .find(|c| c.term.id == term.id)
        .map_or(0, |c| c.posts);
    let children = counts
        .iter()
        .filter(|c| c.term.parent == Some(term.id))
        .count();
    Ok((posts, children))
}

/// The confirmation page.
pub async fn confirm(
    State(state): State<AppState>,
    Which(taxonomy): Which,
    Path(id): Path<String>,
    Query(params): Query<TermsQuery>,
    headers: HeaderMap,
) -> Response {
    let text = params.text();
    let signed_in = match guard::page(&state, &headers, text, Action::ManageTerms).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let term = match stored(&state, taxonomy, &id).await {
        Ok(Some(term)) => term,
        Ok(None) => return not_found(&state, text, taxonomy),
        Err(e) => return store_failed(e),
    };
    let (posts, children) = match reach(&state, &term).await {
        Ok(reach) => reach,
        Err(e) => return store_failed(e),
    };
    let t = &text.terms;
    let labels = labels(text, taxonomy);
    let children = if taxonomy == Taxonomy::Topic {
        let line = t.delete_children.replace("{count}", &children.to_string());
        format!("<p>{}</p>", escape(&line))
    } else {
        String::new()
    };
    let question = t.confirm_delete.replace("{name}", &term.name);
    let main = format!(
        "<h1>{heading}</h1><p class=\"admin-question\"><bdi>{question}</bdi></p><p>{posts}</p>{children}\
         <form method=\"post\" action=\"{action}\" class=\"admin-delete-form\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <p><button type=\"submit\">{delete}</button> <a href=\"{cancel_href}\">{cancel}</a></p></form>",
        heading = escape(labels.delete),
        question = escape(&question),
        posts = escape(&t.delete_posts.replace("{count}", &posts.to_string())),
        action = escape(&format!(
            "{}/{}/delete{}",
            base(taxonomy),
            term.id,
            query(text, &[])
        )),
        csrf = escape(&signed_in.session.csrf_token),
        delete = escape(t.delete_for_good),
        cancel_href = escape(&list_href(text, taxonomy, &term.language, "")),
        cancel = escape(t.cancel),
    );
    Html(page(&state, text, labels.delete, &main)).into_response()
}

/// Delete, then back to the language's list.
pub async fn delete(
    State(state): State<AppState>,
    Which(taxonomy): Which,
    Path(id): Path<String>,
    Query(params): Query<TermsQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = params.text();
    if let Err(response) = guard::form(&state, &headers, text, &body, Action::ManageTerms).await {
        return response;
    }
    let term = match stored(&state, taxonomy, &id).await {
        Ok(Some(term)) => term,
        Ok(None) => return not_found(&state, text, taxonomy),
        Err(e) => return store_failed(e),
    };
    match state.store.delete_term(term.id).await {
        Ok(true) => {
            let to = list_href(text, taxonomy, &term.language, "deleted");
            Redirect::to(&to).into_response()
        }
        Ok(false) => not_found(&state, text, taxonomy),
        Err(e) => store_failed(e),
    }
}
