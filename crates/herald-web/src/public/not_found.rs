//! The localised 404 page: a search box and recent posts, never a dead end.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::Response;
use herald_core::{Archive, ListQuery};
use herald_render::PageHead;
use herald_render::context::NotFoundContext;
use herald_render::strings::strings;

use super::{SiteData, html};
use crate::error::WebError;
use crate::state::AppState;

/// How many recent posts the 404 page suggests.
const RECENT: u32 = 6;

/// Render the 404 page in `lang` (or the default language).
///
/// # Errors
/// A store or template error.
pub async fn render(
    state: &AppState,
    site: &SiteData,
    lang: Option<&str>,
) -> Result<Response, WebError> {
    let Some(lang) = site.fallback_language(lang) else {
        return Ok(html(
            StatusCode::NOT_FOUND,
            "en",
            "<!DOCTYPE html><title>Not found</title><p>Not found.</p>".into(),
        ));
    };
    let recent = state
        .store
        .list_posts(&ListQuery {
            language: lang.code.clone(),
            archive: Archive::Home,
            page: 1,
            per_page: RECENT,
            now: site.now,
        })
        .await?;
    let view = site.view(state);
    let path = format!("/{}/404", lang.code);
    let chrome = view.chrome(
        lang,
        PageHead {
            title: Some(strings(&lang.code).not_found_title),
            description: "",
            path: &path,
            alternates: Vec::new(),
            noindex: true,
            extras: herald_render::context::HeadExtras::default(),
        },
    );
    let topics = HashMap::new();
    let context = NotFoundContext {
        chrome,
        recent: recent
            .posts
            .iter()
            .map(|p| view.item(lang, p, &topics))
            .collect(),
    };
    let body = state.theme.render("not_found.html", &context)?;
    Ok(html(StatusCode::NOT_FOUND, &lang.code, body))
}
