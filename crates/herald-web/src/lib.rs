//! Herald over HTTP. The router serves the public site (one fallback handler
//! resolving Herald's URL map), the admin interface at `/admin/`, the theme's assets and the operations endpoints,
//! wrapped in request ids, structured request logs, HTTP caching (ETags,
//! conditional requests, `Cache-Control`: see [`caching`]), an in-memory cache
//! of rendered pages (see [`cache`]) and compression.
//! HTTP types stop at this crate's edge.

pub mod admin;
pub mod auth;
pub mod cache;
pub mod caching;
mod error;
pub mod feed;
pub mod public;
pub mod route;
mod state;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::WebError;
pub use state::{AppState, DEFAULT_SESSION_IDLE_SECONDS, WebConfig};

/// gzip/brotli level for responses the page cache does not answer (it keeps
/// its own bodies compressed at high levels once). Measured on a topic page: level 2 gives 3.5 KB (level 3:
/// 3.3 KB, level 1: 4.4 KB) at about 30% more requests per second than level 3.
const COMPRESSION_LEVEL: i32 = 2;

/// The whole site as one router.
pub fn router(state: AppState) -> Router {
    let css_path = state.theme.css_path().to_owned();
    let cache = caching::CacheHeaders::new(&state.config.cache);
    let uploads = uploads(state.config.uploads_dir.as_deref());
    let pages = state.page_cache.clone().map(|pages| cache::PageCacheState {
        pages,
        store: state.store.clone(),
        clock: state.clock.clone(),
    });
    let router = Router::new()
        .merge(uploads)
        .route("/healthz", get(healthz))
        .route("/favicon.svg", get(icon))
        .route(&css_path, get(stylesheet))
        .merge(admin::routes())
        .fallback(public::dispatch)
        .with_state(state)
        .layer(middleware::from_fn_with_state(cache, caching::layer));
    let router = match pages {
        Some(pages) => router.layer(middleware::from_fn_with_state(pages, cache::layer)),
        None => router,
    };
    router
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Precise(COMPRESSION_LEVEL))
                .compress_when(DefaultPredicate::new().and(caching::compressible)),
        )
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id, method = %request.method(), uri = %request.uri())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(RequestIds::default()))
}

/// `/uploads/…`: media files from the data folder, with ranges (video
/// seeking) and conditional requests, cached by browsers for a day. Paths
/// that leave the folder are not found.
fn uploads(dir: Option<&std::path::Path>) -> Router<AppState> {
    let Some(dir) = dir else {
        return Router::new();
    };
    let files = tower_http::services::ServeDir::new(dir)
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(false);
    Router::new()
        .nest_service("/uploads", files)
        .layer(middleware::map_response(
            |mut response: Response| async move {
                response
                    .headers_mut()
                    .entry(header::CACHE_CONTROL)
                    .or_insert(HeaderValue::from_static("public, max-age=86400"));
                let headers = response.headers_mut();
                headers.insert(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                );
                // An uploaded SVG or HTML file must never run script as the site.
                headers.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(
                        "default-src 'none'; style-src 'unsafe-inline'; sandbox",
                    ),
                );
                response
            },
        ))
}

/// Request ids: a per-process prefix and a counter, unique enough to follow one
/// request through the logs.
#[derive(Clone, Default)]
struct RequestIds {
    next: Arc<AtomicU64>,
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let id = format!("{:x}-{n}", std::process::id());
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// `/healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.settings().await {
        Ok(_) => (
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            "ok\n",
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// The site icon: a small SVG, so browsers do not ask for a missing `/favicon.ico`.
async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ICON,
    )
        .into_response()
}

const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
<rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#9c1c1c\"/>\
<path d=\"M9 7h4v7h6V7h4v18h-4v-7h-6v7H9z\" fill=\"#fff\"/></svg>";

/// The theme's stylesheet, cacheable forever (its name changes with its content).
async fn stylesheet(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        state.theme.css().to_owned(),
    )
        .into_response()
}
