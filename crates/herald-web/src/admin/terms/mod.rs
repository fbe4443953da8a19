//! Topics and tags in the admin, one language at a time (`?language=`, the
//! site's default language otherwise):
//!
//! - `GET /admin/topics`, `GET /admin/tags`: the language's topics (as a
//!   tree) or tags with their post counts, and a form for a new one, which
//!   `POST`s to the same address;
//! - `GET …/{id}/edit` and `POST …/{id}`: change one;
//! - `GET …/{id}/delete` and `POST …/{id}/delete`: confirm, then delete.
//!
//! Topics and tags share every handler: which one a request is about comes
//! from its path ([`Which`]). A form with mistakes comes back (422) with a
//! message at each field and what was typed, and nothing is written. Only
//! roles allowed [`Action::ManageTerms`](herald_core::permission::Action)
//! (admins and editors) get in.

mod delete;
mod edit;
mod form;
mod list;
mod strings;
mod tree;

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use herald_core::{SiteConfig, Taxonomy};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use super::{Text, escape, page};
use crate::AppState;

pub use delete::{confirm, delete};
pub use edit::{edit_form, update};
pub use list::{create, list};
pub use strings::TermsText;
pub(super) use strings::{EN as TERMS_EN, FA as TERMS_FA};
pub(super) use tree::topic_tree;

/// Whether a request is about topics or tags: `/admin/tags…` is about tags,
/// every other path routed here (`/admin/topics…`) about topics.
#[derive(Debug, Clone, Copy)]
pub struct Which(Taxonomy);

impl<S: Send + Sync> FromRequestParts<S> for Which {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let tags = parts.uri.path().starts_with("/admin/tags");
        Ok(Self(if tags { Taxonomy::Tag } else { Taxonomy::Topic }))
    }
}

/// `?lang=` (the admin's language), `?language=` (the terms' language) and,
/// after a change, `?done=created|saved|deleted`.
#[derive(Debug, Default, Deserialize)]
pub struct TermsQuery {
    lang: Option<String>,
    language: Option<String>,
    done: Option<String>,
}

impl TermsQuery {
    fn text(&self) -> &'static Text {
        Text::for_lang(self.lang.as_deref())
    }
}

/// The words that differ between topics and tags.
struct Labels {
    plural: &'static str,
    /// `{language}` is replaced.
    in_language: &'static str,
    new: &'static str,
    edit: &'static str,
    delete: &'static str,
    none: &'static str,
}

fn labels(text: &Text, taxonomy: Taxonomy) -> Labels {
    let t = &text.terms;
    match taxonomy {
        Taxonomy::Topic => Labels {
            plural: t.topics,
            in_language: t.topics_in,
            new: t.new_topic,
            edit: t.edit_topic,
            delete: t.delete_topic,
            none: t.no_topics,
        },
        Taxonomy::Tag => Labels {
            plural: t.tags,
            in_language: t.tags_in,
            new: t.new_tag,
            edit: t.edit_tag,
            delete: t.delete_tag,
            none: t.no_tags,
        },
    }
}

/// `/admin/topics` or `/admin/tags`.
fn base(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Topic => "/admin/topics",
        Taxonomy::Tag => "/admin/tags",
    }
}

/// `?k=v&…` of the non-empty pairs, keeping the admin language; raw `&`, so
/// escape it inside HTML.
fn query(text: &Text, pairs: &[(&str, &str)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if text.lang != "en" {
        parts.push(format!("lang={}", text.lang));
    }
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        let value = utf8_percent_encode(value, NON_ALPHANUMERIC);
        parts.push(format!("{key}={value}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The list of `taxonomy` in `language`, with `done` for its notice.
fn list_href(text: &Text, taxonomy: Taxonomy, language: &str, done: &str) -> String {
    let query = query(text, &[("language", language), ("done", done)]);
    format!("{}{query}", base(taxonomy))
}

/// The site's default language, or its first when the default is not one of them.
fn default_language(config: &SiteConfig) -> String {
    let default = &config.settings.default_language;
    if config.languages.iter().any(|l| &l.code == default) {
        default.clone()
    } else {
        config
            .languages
            .first()
            .map_or_else(String::new, |l| l.code.clone())
    }
}

/// `typed` (trimmed) when it is one of the site's languages.
fn site_language(config: &SiteConfig, typed: Option<&str>) -> Option<String> {
    let typed = typed?.trim();
    let known = config.languages.iter().any(|l| l.code == typed);
    known.then(|| typed.to_owned())
}

/// The name of language `code`, or the code.
fn language_name<'a>(config: &'a SiteConfig, code: &'a str) -> &'a str {
    config
        .languages
        .iter()
        .find(|l| l.code == code)
        .map_or(code, |l| l.name.as_str())
}

/// 404: no topic (or tag) with that id.
fn not_found(state: &AppState, text: &Text, taxonomy: Taxonomy) -> Response {
    let labels = labels(text, taxonomy);
    let main = format!(
        "<h1>{title}</h1><p role=\"alert\">{message}</p><p><a href=\"{list}\">{plural}</a></p>",
        title = escape(labels.plural),
        message = escape(text.terms.not_found),
        list = escape(&format!("{}{}", base(taxonomy), query(text, &[]))),
        plural = escape(labels.plural),
    );
    (
        StatusCode::NOT_FOUND,
        Html(page(state, text, labels.plural, &main)),
    )
        .into_response()
}

/// A `<p role=status>` for `?done=`, if it is one we know.
fn notice(text: &Text, done: Option<&str>) -> String {
    let t = &text.terms;
    let message = match done {
        Some("created") => t.created,
        Some("saved") => t.saved,
        Some("deleted") => t.deleted,
        _ => return String::new(),
    };
    format!(
        "<p role=\"status\" class=\"admin-notice\">{}</p>",
        escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_the_admin_language_and_skip_empty_values() {
        let en = Text::for_lang(None);
        let fa = Text::for_lang(Some("fa"));
        assert_eq!(query(en, &[]), "");
        assert_eq!(
            query(en, &[("language", "fa"), ("done", "")]),
            "?language=fa"
        );
        assert_eq!(
            list_href(fa, Taxonomy::Tag, "en", "saved"),
            "/admin/tags?lang=fa&language=en&done=saved"
        );
    }
}
