//! Static pages (About, Contact), nestable: `/{lang}/about/team/`.

use axum::http::StatusCode;
use axum::response::Response;
use herald_core::permalink;
use herald_render::PageHead;
use herald_render::context::{Link, PageContext};
use herald_render::strings::strings;

use super::{SiteData, html};
use crate::error::WebError;
use crate::state::AppState;

/// A static page by its slug path.
pub async fn show(
    state: &AppState,
    site: &SiteData,
    code: &str,
    path: &[String],
) -> Result<Response, WebError> {
    let lang = site.language(code)?;
    let page = state
        .store
        .page_by_path(&lang.code, path, site.now)
        .await?
        .ok_or_else(|| WebError::not_found(&lang.code))?;
    let modified = super::post::last_modified(&page);
    let url = permalink::page(&lang.code, path);
    let view = site.view(state);
    let mut breadcrumbs = vec![Link {
        label: strings(&lang.code).home.to_owned(),
        url: permalink::home(&lang.code, 1),
    }];
    for depth in 1..path.len() {
        let ancestor = state
            .store
            .page_by_path(&lang.code, &path[..depth], site.now)
            .await?;
        if let Some(ancestor) = ancestor {
            breadcrumbs.push(Link {
                label: ancestor.title,
                url: permalink::page(&lang.code, &path[..depth]),
            });
        }
    }
    breadcrumbs.push(Link {
        label: page.title.clone(),
        url: String::new(),
    });
    let chrome = view.chrome(
        lang,
        PageHead {
            title: Some(&page.title),
            description: &page.excerpt_text,
            path: &url,
            alternates: Vec::new(),
            noindex: false,
            extras: herald_render::context::HeadExtras {
                feeds: super::feed::discovery(state, lang, None),
                ..Default::default()
            },
        },
    );
    let mut chrome = chrome;
    chrome.extras.social = Some(super::seo::website(&page.title, &page.excerpt_text, lang));
    let canonical = view.absolute(&url);
    chrome
        .extras
        .json_ld
        .extend(super::seo::breadcrumb_list(&view, &breadcrumbs, &canonical));
    let children = state
        .store
        .child_pages(page.id, site.now)
        .await?
        .into_iter()
        .map(|child| {
            let mut child_path = path.to_vec();
            child_path.push(child.slug);
            Link {
                label: child.title,
                url: permalink::page(&lang.code, &child_path),
            }
        })
        .collect();
    let context = PageContext {
        chrome,
        title: page.title,
        body_html: page.body_html,
        breadcrumbs,
        children,
    };
    let body = state.theme.render("page.html", &context)?;
    let mut response = html(StatusCode::OK, &lang.code, body);
    response.extensions_mut().insert(modified);
    Ok(response)
}
