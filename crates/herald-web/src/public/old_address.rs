//! Old addresses: a request Herald has no page for may be a link to the site
//! it replaced. The redirect table an import wrote is searched with the
//! forms [`herald_core::redirect`] derives (the exact address, then without
//! `/amp/`, `/page/n/` or `/feed/`), and a match answers 301.

use herald_core::redirect::{candidates, normalise};

use crate::state::AppState;

/// Where the old address `path?query` now lives, if an import recorded it.
/// A store error counts as not found: the caller shows its 404 page.
pub async fn find(state: &AppState, path: &str, query: Option<&str>) -> Option<String> {
    let address = match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    let normalised = normalise(&address)?;
    for (candidate, suffix) in candidates(&normalised) {
        match state.store.redirect(&candidate).await {
            Ok(Some(target)) => return Some(suffix.apply(&target)),
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(error = %e, "redirect lookup failed");
                return None;
            }
        }
    }
    None
}
