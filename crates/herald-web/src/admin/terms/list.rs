//! `GET /admin/topics` and `GET /admin/tags`: one language's topics (as a
//! tree) or tags with their post counts, a language switcher, and the form
//! for a new one; `POST` to the same address creates it.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{SiteConfig, Taxonomy, Term, TermCount};

use super::form::{Check, FormView, Input, Problems, Saved, save};
use super::tree::topic_tree;
use super::{
    TermsQuery, Which, base, default_language, labels, language_name, list_href, notice, query,
    site_language,
};
use crate::AppState;
use crate::admin::{Text, escape, guard, page, store_failed};
use crate::auth::session::SignedIn;

/// The list page of one language.
pub async fn list(
    State(state): State<AppState>,
    Which(taxonomy): Which,
    Query(params): Query<TermsQuery>,
    headers: HeaderMap,
) -> Response {
    let text = params.text();
    let signed_in = match guard::page(&state, &headers, text, Action::ManageTerms).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let chosen = site_language(&config, params.language.as_deref());
    let unknown = chosen.is_none()
        && params
            .language
            .as_deref()
            .is_some_and(|l| !l.trim().is_empty());
    let language = chosen.unwrap_or_else(|| default_language(&config));
    let input = Input {
        language: language.clone(),
        ..Input::default()
    };
    let view = ListView {
        text,
        taxonomy,
        config: &config,
        signed_in: &signed_in,
        language: &language,
        input: &input,
        problems: &Problems::new(),
        alert: unknown.then_some(text.terms.unknown_language),
        notice: params.done.as_deref(),
    };
    view.respond(&state, StatusCode::OK).await
}

/// Create a topic or tag, then back to its language's list; a form with
/// mistakes comes back on the list page (422).
pub async fn create(
    State(state): State<AppState>,
    Which(taxonomy): Which,
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
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let input = Input::from_form(&fields);
    let check = Check {
        text,
        taxonomy,
        existing: None,
        languages: &config.languages,
    };
    let problems = match check.term(state.store.as_ref(), &input).await {
        Ok(Ok(term)) => match save(state.store.as_ref(), text, &term).await {
            Ok(Saved::Done) => {
                let to = list_href(text, taxonomy, &term.language, "created");
                return Redirect::to(&to).into_response();
            }
            Ok(Saved::Refused(problems)) => problems,
            Ok(Saved::Gone) => Problems::new(),
            Err(e) => return store_failed(e),
        },
        Ok(Err(problems)) => problems,
        Err(e) => return store_failed(e),
    };
    // The list shown around the form is of the language chosen in it.
    let language = site_language(&config, Some(&input.language))
        .or_else(|| site_language(&config, params.language.as_deref()))
        .unwrap_or_else(|| default_language(&config));
    let view = ListView {
        text,
        taxonomy,
        config: &config,
        signed_in: &signed_in,
        language: &language,
        input: &input,
        problems: &problems,
        alert: Some(text.terms.not_saved),
        notice: None,
    };
    view.respond(&state, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Everything the list page shows.
struct ListView<'a> {
    text: &'static Text,
    taxonomy: Taxonomy,
    config: &'a SiteConfig,
    signed_in: &'a SignedIn,
    /// The language listed.
    language: &'a str,
    /// The new-term form.
    input: &'a Input,
    problems: &'a Problems,
    alert: Option<&'static str>,
    /// `?done=`.
    notice: Option<&'a str>,
}

impl ListView<'_> {
    async fn respond(&self, state: &AppState, status: StatusCode) -> Response {
        let counts = match state.store.term_counts(self.language, self.taxonomy).await {
            Ok(counts) => counts,
            Err(e) => return store_failed(e),
        };
        let labels = labels(self.text, self.taxonomy);
        let main = self.render(&counts);
        (status, Html(page(state, self.text, labels.plural, &main))).into_response()
    }

    fn render(&self, counts: &[TermCount]) -> String {
        let text = self.text;
        let labels = labels(text, self.taxonomy);
        let (other, other_label) = match self.taxonomy {
            Taxonomy::Topic => (Taxonomy::Tag, text.terms.tags),
            Taxonomy::Tag => (Taxonomy::Topic, text.terms.topics),
        };
        let heading = labels
            .in_language
            .replace("{language}", language_name(self.config, self.language));
        // The form is below the table: a refused one is a link away.
        let to_form = if self.problems.is_empty() {
            String::new()
        } else {
            format!(" <a href=\"#new\">{}</a>", escape(labels.new))
        };
        let alert = self.alert.map_or_else(String::new, |a| {
            format!(
                "<p role=\"alert\" class=\"admin-error\">{}{to_form}</p>",
                escape(a)
            )
        });
        let topics: Vec<Term> = if self.taxonomy == Taxonomy::Topic {
            counts.iter().map(|c| c.term.clone()).collect()
        } else {
            Vec::new()
        };
        let form = FormView {
            text,
            taxonomy: self.taxonomy,
            input: self.input,
            problems: self.problems,
            action: format!("{}{}", base(self.taxonomy), query(text, &[])),
            csrf: &self.signed_in.session.csrf_token,
            languages: Some(&self.config.languages),
            parents: &topics,
            editing: None,
            submit: text.terms.add,
        };
        format!(
            "<h1 id=\"terms-heading\">{heading}</h1><p><a href=\"/admin/{home}\">{dashboard}</a> · \
             <a href=\"{other_href}\">{other_label}</a></p>{languages}{notice}{alert}{table}\
             <h2 id=\"new\">{new}</h2>{form}",
            heading = escape(&heading),
            home = escape(&query(text, &[])),
            dashboard = escape(text.dashboard),
            other_href = escape(&list_href(text, other, self.language, "")),
            other_label = escape(other_label),
            languages = self.languages(),
            notice = notice(text, self.notice),
            table = self.table(counts),
            new = escape(labels.new),
            form = form.render(),
        )
    }

    /// Links to the same list in each of the site's languages.
    fn languages(&self) -> String {
        let items: String = self
            .config
            .languages
            .iter()
            .map(|l| {
                let current = if l.code == self.language {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                format!(
                    "<li><a href=\"{href}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{name}</a></li>",
                    href = escape(&list_href(self.text, self.taxonomy, &l.code, "")),
                    code = escape(&l.code),
                    name = escape(&l.name),
                )
            })
            .collect();
        format!(
            "<nav class=\"admin-languages\" aria-label=\"{label}\"><ul>{items}</ul></nav>",
            label = escape(self.text.terms.languages),
        )
    }

    fn table(&self, counts: &[TermCount]) -> String {
        let text = self.text;
        let t = &text.terms;
        let labels = labels(text, self.taxonomy);
        if counts.is_empty() {
            return format!("<p class=\"admin-empty\">{}</p>", escape(labels.none));
        }
        let terms: Vec<Term> = counts.iter().map(|c| c.term.clone()).collect();
        let ordered: Vec<(usize, &Term)> = match self.taxonomy {
            Taxonomy::Topic => topic_tree(&terms),
            Taxonomy::Tag => terms.iter().map(|t| (0, t)).collect(),
        };
        let here = query(text, &[]);
        let mut rows = String::new();
        for (depth, term) in ordered {
            let posts = counts
                .iter()
                .find(|c| c.term.id == term.id)
                .map_or(0, |c| c.posts);
            let indent = if depth == 0 {
                String::new()
            } else {
                format!(
                    "<span aria-hidden=\"true\">{}</span>",
                    "\u{2014} ".repeat(depth)
                )
            };
            rows.push_str(&format!(
                "<tr data-id=\"{id}\" data-depth=\"{depth}\"><td class=\"admin-term-name\">{indent}\
                 <bdi>{name}</bdi></td><td class=\"admin-term-slug\"><bdi>{slug}</bdi></td>\
                 <td class=\"admin-term-description\"><bdi>{description}</bdi></td>\
                 <td class=\"admin-term-posts\">{posts}</td><td class=\"admin-term-actions\">\
                 <a href=\"{edit_href}\" class=\"admin-edit\">{edit}<span class=\"visually-hidden\"> \
                 {name}</span></a> <a href=\"{delete_href}\" class=\"admin-delete\">{delete}\
                 <span class=\"visually-hidden\"> {name}</span></a></td></tr>",
                id = term.id,
                name = escape(&term.name),
                slug = escape(&term.slug),
                description = escape(&term.description),
                edit_href = escape(&format!("{}/{}/edit{here}", base(self.taxonomy), term.id)),
                edit = escape(t.edit),
                delete_href = escape(&format!("{}/{}/delete{here}", base(self.taxonomy), term.id)),
                delete = escape(t.delete),
            ));
        }
        format!(
            "<div class=\"admin-scroll\" role=\"region\" aria-labelledby=\"terms-heading\" \
             tabindex=\"0\"><table class=\"admin-terms\"><thead><tr>\
             <th scope=\"col\">{name}</th><th scope=\"col\">{slug}</th>\
             <th scope=\"col\">{description}</th><th scope=\"col\">{posts}</th>\
             <th scope=\"col\">{actions}</th></tr></thead><tbody>{rows}</tbody></table></div>",
            name = escape(t.name),
            slug = escape(t.slug),
            description = escape(t.description),
            posts = escape(t.posts),
            actions = escape(t.actions),
        )
    }
}
