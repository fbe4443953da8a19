//! The public site. One fallback handler resolves the path with [`crate::route`]
//! and hands it to the page's module; errors meet their response here.

mod discovery;
mod feed;
mod listing;
mod not_found;
mod old_address;
mod page;
mod post;
mod seo;
mod site;
mod sitemap;

use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::cache::NotKept;
use crate::caching::CacheClass;
use crate::error::{WebError, plain_error};
use crate::route::{Discovery, Route, resolve};
use crate::state::AppState;

pub(crate) use post::render as render_post;
pub use site::SiteData;

/// Every public page.
pub async fn dispatch(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "Only GET and HEAD are allowed here.\n",
        )
            .into_response();
    }
    let route = resolve(uri.path(), uri.query());
    let mut class = cache_class(&route);
    let kept = kept_in_memory(&route);
    let site = match SiteData::load(&state).await {
        Ok(site) => site,
        Err(e) => return plain_error(&e),
    };
    // An imported post whose WordPress id was taken keeps its old `?p=` link
    // in the redirect table, which wins over the post that has the id here;
    // `/?page_id=…`, `/?cat=…` and the like are only in the table.
    if matches!(route, Route::PostById(_) | Route::Root)
        && uri.query().is_some()
        && let Some(to) = old_address::find(&state, uri.path(), uri.query()).await
    {
        let mut response = moved(&to);
        response.extensions_mut().insert(class);
        return response;
    }
    let mut response = match answer(&state, &site, route, uri.query()).await {
        Ok(response) => response,
        Err(WebError::NotFound { lang }) => {
            match old_address::find(&state, uri.path(), uri.query()).await {
                Some(to) => {
                    class = CacheClass::Post;
                    moved(&to)
                }
                None => not_found::render(&state, &site, lang.as_deref())
                    .await
                    .unwrap_or_else(|e| plain_error(&e)),
            }
        }
        Err(e) => plain_error(&e),
    };
    response.extensions_mut().insert(class);
    if !kept {
        response.extensions_mut().insert(NotKept);
    }
    response
}

/// Whether the page cache may keep the answer to `route`: not search results
/// (endless distinct queries, each rarely asked twice) nor the sitemaps that
/// list the last two days' news (they change with the time, not only with
/// writes and scheduled publications).
fn kept_in_memory(route: &Route) -> bool {
    !matches!(
        route,
        Route::Search { .. } | Route::Discovery(Discovery::News | Discovery::SitemapIndex)
    )
}

/// How long shared caches may keep the answer to `route` (see
/// [`crate::caching`]); an answer that turns out not found is told apart by
/// its status. Routes not named here are cached as listings.
fn cache_class(route: &Route) -> CacheClass {
    match route {
        Route::Post { .. } | Route::PostById(_) | Route::Page { .. } | Route::Redirect(_) => {
            CacheClass::Post
        }
        Route::Feed { .. } | Route::RootFeed(_) => CacheClass::Feed,
        Route::NotFound { .. } => CacheClass::NotFound,
        _ => CacheClass::Listing,
    }
}

async fn answer(
    state: &AppState,
    site: &SiteData,
    route: Route,
    query: Option<&str>,
) -> Result<Response, WebError> {
    match route {
        Route::Root => Ok(redirect(
            StatusCode::FOUND,
            &herald_core::permalink::home(&site.settings.default_language, 1),
        )),
        Route::Redirect(to) => Ok(moved(&to)),
        Route::Home { lang, page } => listing::home(state, site, &lang, page).await,
        Route::Archive {
            lang,
            base,
            slug,
            page,
        } => listing::archive(state, site, &lang, base, &slug, page).await,
        Route::Search { lang } => listing::search(state, site, &lang, query).await,
        Route::Post {
            lang,
            id,
            canonical,
        } => post::show(state, site, &lang, id, canonical).await,
        Route::PostById(id) => post::by_id(state, site, id).await,
        Route::Feed {
            lang,
            archive,
            format,
        } => {
            let archive = archive.as_ref().map(|(base, slug)| (*base, slug.as_str()));
            feed::show(state, site, &lang, archive, format).await
        }
        Route::RootFeed(format) => Ok(moved(&format.path(&herald_core::permalink::home(
            &site.settings.default_language,
            1,
        )))),
        Route::Page { lang, path } => page::show(state, site, &lang, &path).await,
        Route::Discovery(file) => discovery::answer(state, site, file).await,
        Route::NotFound { lang } => Err(WebError::NotFound { lang }),
    }
}

/// A permanent redirect (301, what search engines and old links expect) to `to`.
pub(crate) fn moved(to: &str) -> Response {
    redirect(StatusCode::MOVED_PERMANENTLY, to)
}

fn redirect(status: StatusCode, to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => (status, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// An HTML response in `lang`.
pub(crate) fn html(status: StatusCode, lang: &str, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(lang) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    response
}
