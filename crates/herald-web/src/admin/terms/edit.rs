//! `GET /admin/topics/{id}/edit` (and tags): the form filled with the stored
//! topic or tag; `POST /admin/topics/{id}` saves it. A topic's parent may be
//! any other topic of its language except those below it.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{SiteConfig, StoreError, Taxonomy, Term, TermId, permalink};

use super::form::{Check, FormView, Input, Problems, Saved, save};
use super::{TermsQuery, Which, base, labels, language_name, list_href, not_found, query};
use crate::AppState;
use crate::admin::{Text, escape, guard, page, store_failed};
use crate::auth::session::SignedIn;

/// The term `id` of `taxonomy`; `None` for a bad id or another taxonomy.
pub(super) async fn stored(
    state: &AppState,
    taxonomy: Taxonomy,
    id: &str,
) -> Result<Option<Term>, StoreError> {
    let Ok(id) = id.trim().parse::<TermId>() else {
        return Ok(None);
    };
    let found = state.store.terms_by_ids(&[id]).await?;
    Ok(found.into_iter().find(|t| t.taxonomy == taxonomy))
}

/// The edit form.
pub async fn edit_form(
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
    let (term, config) =
        match tokio::try_join!(stored(&state, taxonomy, &id), state.store.site_config()) {
            Ok((Some(term), config)) => (term, config),
            Ok((None, _)) => return not_found(&state, text, taxonomy),
            Err(e) => return store_failed(e),
        };
    let input = Input::from_term(&term);
    let view = EditView {
        text,
        config: &config,
        signed_in: &signed_in,
        term: &term,
        input: &input,
        problems: &Problems::new(),
    };
    view.respond(&state, StatusCode::OK).await
}

/// Save the form, then back to the language's list; a form with mistakes
/// comes back (422).
pub async fn update(
    State(state): State<AppState>,
    Which(taxonomy): Which,
    Path(id): Path<String>,
    Query(params): Query<TermsQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = params.text();
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ManageTerms).await {
            Ok(both) => both,
            Err(response) => return response,
        };
    let (term, config) =
        match tokio::try_join!(stored(&state, taxonomy, &id), state.store.site_config()) {
            Ok((Some(term), config)) => (term, config),
            Ok((None, _)) => return not_found(&state, text, taxonomy),
            Err(e) => return store_failed(e),
        };
    let input = Input::from_form(&fields);
    let check = Check {
        text,
        taxonomy,
        existing: Some(&term),
        languages: &config.languages,
    };
    let problems = match check.term(state.store.as_ref(), &input).await {
        Ok(Ok(changed)) => match save(state.store.as_ref(), text, &changed).await {
            Ok(Saved::Done) => {
                let to = list_href(text, taxonomy, &term.language, "saved");
                return Redirect::to(&to).into_response();
            }
            Ok(Saved::Refused(problems)) => problems,
            Ok(Saved::Gone) => return not_found(&state, text, taxonomy),
            Err(e) => return store_failed(e),
        },
        Ok(Err(problems)) => problems,
        Err(e) => return store_failed(e),
    };
    let view = EditView {
        text,
        config: &config,
        signed_in: &signed_in,
        term: &term,
        input: &input,
        problems: &problems,
    };
    view.respond(&state, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Everything the edit page shows.
struct EditView<'a> {
    text: &'static Text,
    config: &'a SiteConfig,
    signed_in: &'a SignedIn,
    /// As stored.
    term: &'a Term,
    input: &'a Input,
    problems: &'a Problems,
}

impl EditView<'_> {
    async fn respond(&self, state: &AppState, status: StatusCode) -> Response {
        let topics = if self.term.taxonomy == Taxonomy::Topic {
            match state.store.topics(&self.term.language).await {
                Ok(topics) => topics,
                Err(e) => return store_failed(e),
            }
        } else {
            Vec::new()
        };
        let title = labels(self.text, self.term.taxonomy).edit;
        let main = self.render(&topics);
        (status, Html(page(state, self.text, title, &main))).into_response()
    }

    fn render(&self, topics: &[Term]) -> String {
        let text = self.text;
        let t = &text.terms;
        let term = self.term;
        let labels = labels(text, term.taxonomy);
        let here = query(text, &[]);
        let public = match term.taxonomy {
            Taxonomy::Topic => permalink::topic(&term.language, &term.slug, 1),
            Taxonomy::Tag => permalink::tag(&term.language, &term.slug, 1),
        };
        let alert = if self.problems.is_empty() {
            String::new()
        } else {
            format!(
                "<p role=\"alert\" class=\"admin-error\">{}</p>",
                escape(t.not_saved)
            )
        };
        let form = FormView {
            text,
            taxonomy: term.taxonomy,
            input: self.input,
            problems: self.problems,
            action: format!("{}/{}{here}", base(term.taxonomy), term.id),
            csrf: &self.signed_in.session.csrf_token,
            languages: None,
            parents: topics,
            editing: Some(term.id),
            submit: t.save,
        };
        format!(
            "<h1>{heading}</h1><p><a href=\"{list}\">{plural}</a> · <a href=\"{public}\">{view}</a> · \
             <a href=\"{delete_href}\">{delete}</a></p>\
             <p class=\"admin-term-language\">{language_label}: <span lang=\"{code}\">{language}</span></p>\
             {alert}{form}",
            heading = escape(labels.edit),
            list = escape(&list_href(text, term.taxonomy, &term.language, "")),
            plural = escape(labels.plural),
            public = escape(&public),
            view = escape(t.view),
            delete_href = escape(&format!("{}/{}/delete{here}", base(term.taxonomy), term.id)),
            delete = escape(labels.delete),
            language_label = escape(text.language),
            code = escape(&term.language),
            language = escape(language_name(self.config, &term.language)),
            form = form.render(),
        )
    }
}
