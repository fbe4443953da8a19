//! Site settings, for administrators only: `GET /admin/settings` shows the
//! site-wide form (default language, time zone) and the form of one language
//! (`?language=xx`, the default language otherwise); `POST /admin/settings`
//! saves whichever form was sent (its `section` field says which). A form with
//! mistakes comes back (422) with a message at each field and what was typed,
//! and nothing is written. The public site reads the settings on every
//! request, so a save shows at once.

mod check;
mod text;
mod view;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{Language, SiteConfig, StoreError};
use serde::Deserialize;

use super::guard::{self, field};
use super::problems::{Problems, href_query, query_with};
use super::{Text, escape, page, store_failed};
use crate::AppState;
use check::{LanguageInput, SiteInput, check_language, check_site};
use view::{SettingsPage, language_pair};

pub use text::{EN as ENGLISH, FA as PERSIAN, SettingsText};

/// `?lang=` (the admin's language), `?language=` (the language whose form is
/// shown and saved) and, after a save, `?saved=1`.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsQuery {
    lang: Option<String>,
    language: Option<String>,
    saved: Option<String>,
}

/// The language `?language=` names, or the default one (the first when the
/// default is missing); `None` when the site has no such language.
fn chosen<'a>(config: &'a SiteConfig, query: &SettingsQuery) -> Option<&'a Language> {
    let find = |code: &str| config.languages.iter().find(|l| l.code == code);
    match query.language.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => find(code),
        _ => find(&config.settings.default_language).or_else(|| config.languages.first()),
    }
}

/// A page with just a message: 404 for an unknown language, 400 for a form
/// that names no section.
fn message_page(state: &AppState, text: &Text, status: StatusCode, message: &str) -> Response {
    let main = format!(
        "<p role=\"alert\">{}</p><p><a href=\"/admin/settings{}\">{}</a></p>",
        escape(message),
        href_query(text, ""),
        escape(text.settings.settings)
    );
    (
        status,
        Html(page(state, text, text.settings.settings, &main)),
    )
        .into_response()
}

fn respond(state: &AppState, view: &SettingsPage<'_>, status: StatusCode) -> Response {
    let text = view.text;
    let html = page(state, text, text.settings.settings, &view.render());
    (status, Html(html)).into_response()
}

/// `GET /admin/settings`.
pub async fn show(
    State(state): State<AppState>,
    Query(query): Query<SettingsQuery>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::page(&state, &headers, text, Action::ManageSettings).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let Some(current) = chosen(&config, &query) else {
        let not_found = text.settings.not_found;
        return message_page(&state, text, StatusCode::NOT_FOUND, not_found);
    };
    let view = SettingsPage {
        text,
        signed_in: &signed_in,
        languages: &config.languages,
        current,
        site: &SiteInput::from_settings(&config.settings),
        language: &LanguageInput::from_language(current),
        problems: &Vec::new(),
        notice: query.saved.is_some().then_some(text.settings.saved),
        alert: None,
    };
    respond(&state, &view, StatusCode::OK)
}

/// `POST /admin/settings`: check the form that was sent and save it.
pub async fn save(
    State(state): State<AppState>,
    Query(query): Query<SettingsQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let t = &text.settings;
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ManageSettings).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let Some(current) = chosen(&config, &query) else {
        return message_page(&state, text, StatusCode::NOT_FOUND, t.not_found);
    };
    let mut site = SiteInput::from_settings(&config.settings);
    let mut language = LanguageInput::from_language(current);
    let refused = match field(&fields, "section") {
        "site" => {
            site = SiteInput::from_form(&fields);
            match check_site(&site, text, &config.languages) {
                Ok(settings) => refusal(
                    state.store.save_settings(&settings).await,
                    "default_language",
                ),
                Err(problems) => Ok(Some(problems)),
            }
        }
        "language" => {
            language = LanguageInput::from_form(&fields);
            match check_language(&language, text, current) {
                Ok(changed) => refusal(state.store.save_language(&changed).await, "site_name"),
                Err(problems) => Ok(Some(problems)),
            }
        }
        _ => return message_page(&state, text, StatusCode::BAD_REQUEST, t.bad_form),
    };
    let problems = match refused {
        Ok(None) => {
            let pairs = format!("{}&saved=1", language_pair(&current.code));
            return Redirect::to(&format!("/admin/settings{}", query_with(text, &pairs)))
                .into_response();
        }
        Ok(Some(problems)) => problems,
        Err(e) => return store_failed(e),
    };
    let view = SettingsPage {
        text,
        signed_in: &signed_in,
        languages: &config.languages,
        current,
        site: &site,
        language: &language,
        problems: &problems,
        notice: None,
        alert: Some(t.not_saved),
    };
    respond(&state, &view, StatusCode::UNPROCESSABLE_ENTITY)
}

/// A store write as the form sees it: `None` when saved, the problems when
/// refused (a language removed meanwhile: the store's words at `field`).
fn refusal(
    result: Result<(), StoreError>,
    field: &'static str,
) -> Result<Option<Problems>, StoreError> {
    match result {
        Ok(()) => Ok(None),
        Err(StoreError::Invalid(message)) => Ok(Some(vec![(field, message)])),
        Err(e) => Err(e),
    }
}
