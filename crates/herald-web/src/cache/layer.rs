//! The middleware: answer from the cache, or let the request through and keep
//! the answer. It sits inside compression (which leaves an answer that already
//! has a `Content-Encoding` alone, and compresses what the cache passes by)
//! and outside the HTTP caching layer (so a kept page carries its ETag and
//! `Cache-Control`, and HEAD is filled as the GET it stands for).

use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use herald_core::{Clock, Store, Timestamp};

use super::page::{Asked, CachedPage, Encoding};
use super::{NotKept, PageCache, key};
use crate::caching;

/// What the middleware needs: the cache, and the store and clock it follows.
#[derive(Clone)]
pub(crate) struct PageCacheState {
    pub(crate) pages: Arc<PageCache>,
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
}

/// The middleware: see the module documentation.
pub(crate) async fn layer(
    State(state): State<PageCacheState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key::of(request.method(), request.uri(), request.headers()) else {
        return next.run(request).await;
    };
    let Some(generation) = state.store.content_generation() else {
        return next.run(request).await;
    };
    let now = state.clock.now();
    let asked = asked(request.method(), request.headers());
    if let Some(page) = state.pages.lookup(&key, generation, now) {
        return page.respond(&asked);
    }
    if !state.pages.admits(&key) {
        return next.run(request).await;
    }
    let Some(_filling) = state.pages.start_fill(&key) else {
        return next.run(request).await;
    };
    let fill = Fill {
        state: &state,
        key,
        generation,
        now,
        asked,
    };
    fill.run(request, next).await
}

/// What a request asks of a page besides its key.
fn asked(method: &Method, headers: &HeaderMap) -> Asked {
    let text = |name| {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    Asked {
        head: method == Method::HEAD,
        encoding: Some(Encoding::negotiate(
            text(header::ACCEPT_ENCODING).as_deref(),
        )),
        if_none_match: text(header::IF_NONE_MATCH),
        if_modified_since: headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(caching::parse_http_date),
    }
}

/// One page being rendered to be kept.
struct Fill<'a> {
    state: &'a PageCacheState,
    key: String,
    generation: u64,
    /// When the request came, before rendering began.
    now: Timestamp,
    asked: Asked,
}

impl Fill<'_> {
    async fn run(self, mut request: Request, next: Next) -> Response {
        *request.method_mut() = Method::GET;
        let response = next.run(request).await;
        if !keepable(&response, self.state.pages.capacity()) {
            return self.passed_on(response);
        }
        let (parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            tracing::error!("cannot read a response body to cache");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let (status, headers) = (parts.status, parts.headers);
        let page = match tokio::task::spawn_blocking(move || {
            CachedPage::new(status, headers, bytes)
        })
        .await
        {
            Ok(page) => page,
            Err(e) => {
                tracing::error!(error = %e, "compressing a page to cache failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let response = page.respond(&self.asked);
        self.keep(page).await;
        response
    }

    /// Keep `page` when nothing was written while it was rendered.
    async fn keep(&self, page: CachedPage) {
        let store = &self.state.store;
        let next_change = match store.next_publish_after(self.now).await {
            Ok(at) => at,
            Err(e) => {
                tracing::warn!(error = %e, "cannot tell the next scheduled post; page not cached");
                return;
            }
        };
        if store.content_generation() != Some(self.generation) {
            return;
        }
        let (key, generation) = (&self.key, self.generation);
        self.state
            .pages
            .insert(key, page, generation, self.now, next_change);
    }

    /// An answer not to keep, as a HEAD request expects it when it was one.
    fn passed_on(&self, response: Response) -> Response {
        if !self.asked.head {
            return response;
        }
        let (mut parts, body) = response.into_parts();
        if let Some(length) = body.size_hint().exact()
            && !parts.headers.contains_key(header::CONTENT_LENGTH)
        {
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        }
        Response::from_parts(parts, Body::empty())
    }
}

/// Whether an answer may be kept: a 200 or 301 with a whole body (not a
/// stream) small enough, no cookie set, not private or `no-store`, not
/// marked [`NotKept`].
fn keepable(response: &Response, capacity: usize) -> bool {
    let headers = response.headers();
    matches!(
        response.status(),
        StatusCode::OK | StatusCode::MOVED_PERMANENTLY
    ) && response.extensions().get::<NotKept>().is_none()
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !cache_control_forbids(headers)
        && response
            .body()
            .size_hint()
            .exact()
            .is_some_and(|n| usize::try_from(n).is_ok_and(|n| n <= capacity / 4))
}

fn cache_control_forbids(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|d| d.eq_ignore_ascii_case("no-store") || d.eq_ignore_ascii_case("private"))
}
