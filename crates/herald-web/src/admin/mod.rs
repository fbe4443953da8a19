//! The admin interface at `/admin/`: sign in, the dashboard, posts, log out.
//! Pages are server-rendered HTML that works without script, styled by the
//! theme's stylesheet; one script file of this site's own (`admin.js`) adds
//! the editor's live preview. Every response carries strict security headers
//! (no inline script or style may run, no framing, no referrer leaving the
//! site, no caching).

mod dashboard;
mod editor;
mod guard;
mod login;
mod logout;
mod posts;
mod preview;
mod problems;
mod revisions;
mod settings;
mod strings;
mod terms;
mod users;

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::LazyLock;

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::map_response;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::AppState;
use crate::error::{WebError, plain_error};
pub use strings::Text;

/// The admin routes, to merge into the site's router before its fallback.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/", get(dashboard::show))
        .route("/admin/login", get(login::show).post(login::submit))
        .route("/admin/posts", get(posts::list))
        .route("/admin/posts/bulk", post(posts::bulk))
        .route("/admin/pages", get(posts::list_pages))
        .route(
            "/admin/posts/new",
            get(editor::new_form).post(editor::create),
        )
        .route("/admin/posts/preview", post(preview::show))
        .route("/admin/posts/{id}/edit", get(editor::edit_form))
        .route("/admin/posts/{id}", post(editor::update))
        .route("/admin/posts/{id}/revisions", get(revisions::list))
        .route(
            "/admin/posts/{id}/revisions/compare",
            get(revisions::compare),
        )
        .route(
            "/admin/posts/{id}/revisions/{rev}/restore",
            post(revisions::restore),
        )
        .route("/admin/topics", get(terms::list).post(terms::create))
        .route("/admin/topics/{id}/edit", get(terms::edit_form))
        .route("/admin/topics/{id}", post(terms::update))
        .route(
            "/admin/topics/{id}/delete",
            get(terms::confirm).post(terms::delete),
        )
        .route("/admin/tags", get(terms::list).post(terms::create))
        .route("/admin/tags/{id}/edit", get(terms::edit_form))
        .route("/admin/tags/{id}", post(terms::update))
        .route(
            "/admin/tags/{id}/delete",
            get(terms::confirm).post(terms::delete),
        )
        .route("/admin/users", get(users::list))
        .route("/admin/users/new", get(users::new_form).post(users::create))
        .route(
            "/admin/users/{id}/edit",
            get(users::edit_form).post(users::update),
        )
        .route(
            "/admin/users/{id}/delete",
            get(users::delete_form).post(users::delete),
        )
        .route("/admin/users/{id}/logout-everywhere", post(users::log_out))
        .route("/admin/settings", get(settings::show).post(settings::save))
        .route("/admin/logout", post(logout::here))
        .route("/admin/logout-everywhere", post(logout::everywhere))
        .layer(map_response(security_headers))
        // After the layer: cacheable files, not pages.
        .route(script_path(), get(script))
        .route(style_path(), get(style))
}

/// The admin pages' own styles, on top of the theme's stylesheet.
const STYLE: &str = include_str!("admin.css");

static STYLE_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/admin/static/admin.{:016x}.css", fnv1a(STYLE.as_bytes())));

/// Where pages find `admin.css`.
fn style_path() -> &'static str {
    &STYLE_PATH
}

/// `admin.css`, cacheable forever (its name changes with its content).
async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        STYLE,
    )
        .into_response()
}

/// The admin script, served under a name that changes with its content.
const SCRIPT: &str = include_str!("admin.js");

static SCRIPT_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/admin/static/admin.{:016x}.js", fnv1a(SCRIPT.as_bytes())));

/// Where pages find `admin.js`.
fn script_path() -> &'static str {
    &SCRIPT_PATH
}

/// `admin.js`, cacheable forever (its name changes with its content).
async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// 64-bit FNV-1a, for content-addressed file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Only this site's own files may load: `admin.js` (`script-src`), its
/// preview requests (`connect-src`) and the stylesheet. The live preview's
/// frame is a `srcdoc` document, which inherits this policy.
const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; \
         img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::CACHE_CONTROL, "no-store"),
];

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// `?lang=` on admin pages.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    fn text(&self) -> &'static Text {
        Text::for_lang(self.lang.as_deref())
    }
}

/// The client's address: the TCP peer, or the unspecified address when the
/// server was not started with connection info (as in tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Self(
            peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()),
        ))
    }
}

/// Escape text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole admin page around `main` (already HTML).
fn page(state: &AppState, text: &Text, title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {admin}</title><link rel=\"stylesheet\" href=\"{css}\">\
         <link rel=\"stylesheet\" href=\"{admin_css}\"></head>\
         <body class=\"admin\"><main class=\"admin-main\">{main}</main></body></html>\n",
        lang = text.lang,
        dir = text.dir,
        title = escape(title),
        admin = escape(text.admin),
        css = escape(state.theme.css_path()),
        admin_css = escape(style_path()),
    )
}

/// 403: a request that may come from another site, or without its token.
fn forbidden(state: &AppState, text: &Text) -> Response {
    let main = format!("<p role=\"alert\">{}</p>", escape(text.forbidden));
    (
        StatusCode::FORBIDDEN,
        Html(page(state, text, text.admin, &main)),
    )
        .into_response()
}

/// 303 to the sign-in page.
fn to_login(text: &Text) -> Response {
    Redirect::to(&format!("/admin/login{}", text.query)).into_response()
}

/// The response for a store failure.
fn store_failed(error: herald_core::StoreError) -> Response {
    plain_error(&WebError::Store(error))
}
