//! `POST /admin/posts/preview`: the editor's form shown as readers would see
//! the post, rendered by the same code and theme as the public post page, with
//! a "not published" banner. Nothing is saved: the post is built in memory
//! from the fields and the store is only read. Unfinished input (no title, a
//! tag that does not exist yet, a slug still being typed) is previewed as it
//! is; only a language the site lacks cannot be, since the page is that
//! language's.
//!
//! The editor's Preview button posts here into a new tab, which needs no
//! script; with `admin.js` the same request fills a sandboxed frame beside the
//! form as the user types.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use herald_core::permission::{Action, allows, can_edit};
use herald_core::slug::slugify;
use herald_core::{BodyFormat, Language, POST_KIND, Post, PostId, Status, Taxonomy, TermId};
use herald_render::body::prepare_post;
use herald_render::dates::parse_local_input;
use serde::Deserialize;

use super::guard::{Fields, field};
use super::posts::form_fields;
use super::{Text, escape, forbidden, page, store_failed};
use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{self, SignedIn};
use crate::error::{WebError, plain_error};
use crate::public::{SiteData, render_post};

/// `?lang=` (the admin's language) and, when editing, `?post=` (the stored
/// post whose format, author and translations the preview keeps).
#[derive(Debug, Default, Deserialize)]
pub struct PreviewQuery {
    lang: Option<String>,
    post: Option<String>,
}

/// The preview page, or 403 without a session allowed into the admin and
/// the session's form token; 422 for a language the site lacks.
pub async fn show(
    State(state): State<AppState>,
    Query(query): Query<PreviewQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let fields = form_fields(&body);
    let signed_in = match allowed_user(&state, &headers, &fields, text).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let existing = match stored_post(&state, query.post.as_deref(), &signed_in, text).await {
        Ok(existing) => existing,
        Err(response) => return response,
    };
    let site = match SiteData::load(&state).await {
        Ok(site) => site,
        Err(e) => return plain_error(&e),
    };
    let Some(lang) = site
        .languages
        .iter()
        .find(|l| l.code == field(&fields, "language"))
    else {
        let main = format!("<p role=\"alert\">{}</p>", escape(text.editor.bad_language));
        let page = page(&state, text, text.editor.preview, &main);
        return (StatusCode::UNPROCESSABLE_ENTITY, Html(page)).into_response();
    };
    let post = match unsaved_post(&state, &site, lang, &fields, existing.as_ref(), &signed_in).await
    {
        Ok(post) => post,
        Err(e) => return plain_error(&e),
    };
    match render_post(&state, &site, lang, &post, true).await {
        Ok(html) => respond(&with_banner(&html, text), &lang.code),
        Err(e) => plain_error(&e),
    }
}

/// The signed-in user when the request comes from this site with the
/// session's token and the user may use the admin; 403 otherwise. Unlike
/// [`super::guard::form`], no session is 403 too, not a redirect to sign in
/// (a preview frame cannot sign in; the page around it can, once reloaded),
/// and the session is not touched: a preview writes nothing.
async fn allowed_user(
    state: &AppState,
    headers: &HeaderMap,
    fields: &Fields,
    text: &'static Text,
) -> Result<SignedIn, Response> {
    if !csrf::from_this_site(headers, &state.config.base_url) {
        return Err(forbidden(state, text));
    }
    let signed_in = match session::current(state, headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return Err(forbidden(state, text)),
        Err(e) => return Err(store_failed(e)),
    };
    if !csrf::token_matches(&signed_in.session.csrf_token, field(fields, "csrf"))
        || !allows(signed_in.user.role, Action::ViewAdmin)
    {
        return Err(forbidden(state, text));
    }
    Ok(signed_in)
}

/// The stored post named by `?post=`, which the user must be allowed to edit.
async fn stored_post(
    state: &AppState,
    id: Option<&str>,
    signed_in: &SignedIn,
    text: &'static Text,
) -> Result<Option<Post>, Response> {
    let Some(id) = id.filter(|id| !id.is_empty()) else {
        return Ok(None);
    };
    let not_found = || {
        let main = format!("<p role=\"alert\">{}</p>", escape(text.editor.not_found));
        let page = page(state, text, text.editor.preview, &main);
        (StatusCode::NOT_FOUND, Html(page)).into_response()
    };
    let Ok(id) = id.parse::<PostId>() else {
        return Err(not_found());
    };
    let post = match state.store.post(id).await {
        Ok(Some(post)) => post,
        Ok(None) => return Err(not_found()),
        Err(e) => return Err(store_failed(e)),
    };
    if !can_edit(signed_in.user.role, post.author == Some(signed_in.user.id)) {
        return Err(forbidden(state, text));
    }
    Ok(Some(post))
}

/// The post the fields describe, prepared for display as a save would
/// prepare it. Topics and tags that do not exist in `lang` are left out.
async fn unsaved_post(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    fields: &Fields,
    existing: Option<&Post>,
    signed_in: &SignedIn,
) -> Result<Post, WebError> {
    let field = |name: &str| field(fields, name);
    let title = field("title").trim();
    let typed_slug = field("slug").trim();
    let kind = field("kind").trim();
    let mut post = Post {
        id: existing.map_or(0, |p| p.id),
        kind: if kind.is_empty() { POST_KIND } else { kind }.to_owned(),
        language: lang.code.clone(),
        status: Status::parse(field("status")).unwrap_or(Status::Draft),
        title: title.to_owned(),
        slug: slugify(if typed_slug.is_empty() {
            title
        } else {
            typed_slug
        }),
        body: field("body").to_owned(),
        format: existing.map_or(BodyFormat::Markdown, |p| p.format),
        excerpt: field("excerpt").trim().to_owned(),
        author: existing.map_or(Some(signed_in.user.id), |p| p.author),
        parent: existing.and_then(|p| p.parent),
        publish_at: parse_local_input(field("publish_at"), site.tz).unwrap_or(site.now),
        updated_at: site.now,
        sticky: fields.iter().any(|(k, _)| k == "sticky"),
        comments_open: fields.iter().any(|(k, _)| k == "comments_open"),
        featured_image: existing.and_then(|p| p.featured_image.clone()),
        featured_alt: existing.map_or_else(String::new, |p| p.featured_alt.clone()),
        terms: terms(state, lang, fields, field("tags")).await?,
        translation_group: existing.and_then(|p| p.translation_group),
        body_html: String::new(),
        excerpt_text: String::new(),
    };
    prepare_post(&mut post, lang.excerpt_words);
    Ok(post)
}

/// The chosen topics of `lang`, then the tags named in `tags` that exist.
async fn terms(
    state: &AppState,
    lang: &Language,
    fields: &Fields,
    tags: &str,
) -> Result<Vec<TermId>, WebError> {
    let topics = state.store.topics(&lang.code).await?;
    let mut terms: Vec<TermId> = fields
        .iter()
        .filter(|(k, _)| k == "topics")
        .filter_map(|(_, v)| v.trim().parse::<TermId>().ok())
        .filter(|id| topics.iter().any(|t| t.id == *id))
        .collect();
    for name in tags.split([',', '،']) {
        let slug = slugify(name);
        if slug.is_empty() {
            continue;
        }
        let tag = state
            .store
            .term_by_slug(&lang.code, Taxonomy::Tag, &slug)
            .await?;
        if let Some(tag) = tag.filter(|t| !terms.contains(&t.id)) {
            terms.push(tag.id);
        }
    }
    Ok(terms)
}

/// `html` with the preview banner first in its body (in the admin's
/// language, which may differ from the post's).
fn with_banner(html: &str, text: &Text) -> String {
    let banner = format!(
        "<p class=\"preview-banner\" role=\"status\" lang=\"{lang}\" dir=\"{dir}\">{label}</p>",
        lang = text.lang,
        dir = text.dir,
        label = escape(text.editor.not_published),
    );
    let body_open = html
        .find("<body")
        .and_then(|start| html[start..].find('>').map(|end| start + end + 1));
    match body_open {
        Some(at) => format!("{}{banner}{}", &html[..at], &html[at..]),
        None => format!("{banner}{html}"),
    }
}

/// 200 with the page, kept out of search engines.
fn respond(html: &str, lang: &str) -> Response {
    let mut response = Html(html.to_owned()).into_response();
    let headers = response.headers_mut();
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    if let Ok(value) = HeaderValue::from_str(lang) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    response
}

/// The editor's Preview button: a second submit button that sends the form
/// here, into a new tab, so previewing needs no script.
pub(super) fn button(text: &Text, existing: Option<PostId>) -> String {
    let mut params: Vec<String> = Vec::new();
    if let Some(id) = existing {
        params.push(format!("post={id}"));
    }
    if text.lang != "en" {
        params.push(format!("lang={}", text.lang));
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&amp;"))
    };
    format!(
        "<button type=\"submit\" formaction=\"/admin/posts/preview{query}\" formtarget=\"_blank\" \
         formnovalidate class=\"admin-preview-button\">{label}</button>",
        label = escape(text.editor.preview),
    )
}

/// The live preview panel, hidden until `admin.js` runs and fills its frame,
/// and the script itself.
pub(super) fn panel(text: &Text) -> String {
    let e = &text.editor;
    format!(
        "<section class=\"admin-preview\" aria-labelledby=\"preview-heading\" \
         data-failed=\"{failed}\" hidden>\
         <h2 id=\"preview-heading\">{heading}</h2>\
         <p class=\"admin-preview-status\" aria-live=\"polite\"></p>\
         <iframe class=\"admin-preview-frame\" sandbox=\"allow-same-origin\" title=\"{frame}\">\
         </iframe></section><script src=\"{script}\" defer></script>",
        failed = escape(e.preview_failed),
        heading = escape(e.preview),
        frame = escape(e.preview_frame),
        script = escape(super::script_path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_opens_the_body() {
        let text = Text::for_lang(Some("fa"));
        let page = "<html><body id=\"top\"><main>x</main></body></html>";
        let shown = with_banner(page, text);
        assert!(
            shown.starts_with("<html><body id=\"top\"><p class=\"preview-banner\""),
            "{shown}"
        );
        assert!(shown.contains("dir=\"rtl\""), "{shown}");
        assert!(shown.ends_with("<main>x</main></body></html>"), "{shown}");
        assert!(with_banner("<p>bare</p>", text).starts_with("<p class=\"preview-banner\""));
    }
}
