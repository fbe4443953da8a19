//! The files crawlers and browsers look for at fixed paths: `/robots.txt`
//! (from the `robots_txt` setting, always ending with the sitemap line),
//! `/manifest.webmanifest`, and the sitemaps (see [`super::sitemap`]).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_core::Taxonomy;
use serde_json::json;

use super::{SiteData, sitemap};
use crate::error::WebError;
use crate::route::Discovery;
use crate::state::AppState;

/// Answer a discovery file.
///
/// # Errors
/// A store error, or not found for a language or file that does not exist.
pub async fn answer(
    state: &AppState,
    site: &SiteData,
    file: Discovery,
) -> Result<Response, WebError> {
    let xml = match file {
        Discovery::Robots => return Ok(text("text/plain; charset=utf-8", robots(state, site))),
        Discovery::Manifest => return Ok(manifest(site)),
        Discovery::SitemapIndex => sitemap::index(state, site).await?,
        Discovery::News => sitemap::news(state, site).await?,
        Discovery::Posts { lang, file } => {
            sitemap::posts(state, site, site.language(&lang)?, file).await?
        }
        Discovery::Pages { lang } => sitemap::pages(state, site, site.language(&lang)?).await?,
        Discovery::Topics { lang } => {
            sitemap::terms(state, site, site.language(&lang)?, Taxonomy::Topic).await?
        }
        Discovery::Tags { lang } => {
            sitemap::terms(state, site, site.language(&lang)?, Taxonomy::Tag).await?
        }
    };
    Ok(text("application/xml; charset=utf-8", xml))
}

fn text(media_type: &'static str, body: String) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    response
}

/// The rules when the `robots_txt` setting is not set: everything but the
/// admin and each language's search results.
fn default_rules(site: &SiteData) -> String {
    let mut rules = String::from("User-agent: *\nDisallow: /admin/\n");
    for lang in &site.languages {
        rules.push_str(&format!(
            "Disallow: /{}/search\n",
            herald_core::permalink::encode_segment(&lang.code)
        ));
    }
    rules
}

/// `/robots.txt`: the configured rules (or [`default_rules`]), then the
/// sitemap line, which is never left out nor written twice.
fn robots(state: &AppState, site: &SiteData) -> String {
    let sitemap_line = format!("Sitemap: {}/sitemap.xml", state.config.base_url);
    let rules = match &state.config.robots_txt {
        Some(rules) => rules.clone(),
        None => default_rules(site),
    };
    let mut out = String::new();
    for line in rules.lines().filter(|l| l.trim() != sitemap_line) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(&sitemap_line);
    out.push('\n');
    out
}

/// The longest short name launchers show whole.
const SHORT_NAME_CHARS: usize = 12;

/// `/manifest.webmanifest`, in the default language.
fn manifest(site: &SiteData) -> Response {
    let lang = site.fallback_language(None);
    let code = lang.map_or("en", |l| l.code.as_str());
    let name = lang.map_or("Herald", |l| l.site_name.as_str());
    let short_name = if name.chars().count() <= SHORT_NAME_CHARS {
        name.to_owned()
    } else {
        name.split_whitespace()
            .next()
            .unwrap_or(name)
            .chars()
            .take(SHORT_NAME_CHARS)
            .collect()
    };
    let body = json!({
        "name": name,
        "short_name": short_name,
        "description": lang.map_or("", |l| l.tagline.as_str()),
        "lang": code,
        "dir": lang.map_or("ltr", |l| l.direction.as_str()),
        "start_url": herald_core::permalink::home(code, 1),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#9c1c1c",
        "icons": [{
            "src": "/favicon.svg",
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "any"
        }]
    });
    text("application/manifest+json", body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_fit_a_launcher() {
        let cut: String = "Environmental Herald Daily"
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .chars()
            .take(SHORT_NAME_CHARS)
            .collect();
        assert_eq!(cut, "Environmenta");
    }
}
