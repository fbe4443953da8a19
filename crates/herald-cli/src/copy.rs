//! `herald copy --from URL --to URL`: move a whole site between backends (SQLite
//! to PostgreSQL when a site outgrows one machine, or back), ids and all.

use std::sync::Arc;

use anyhow::{Context, bail};
use herald_core::Store;

/// A database URL fit to print: any password replaced by `***`.
pub fn display_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// What a copy moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub languages: usize,
    pub terms: usize,
    pub users: usize,
    pub posts: usize,
}

/// Copy everything from `from` into `to`. A target that already holds a site is
/// refused unless `replace` is set, in which case it is emptied first. The
/// copy itself is one transaction: it lands whole or not at all.
///
/// # Errors
/// The target is not empty (without `replace`), or either store fails.
pub async fn copy(
    from: &Arc<dyn Store>,
    to: &Arc<dyn Store>,
    replace: bool,
) -> anyhow::Result<Copied> {
    let target_has_site = !to.is_empty().await? || !to.languages().await?.is_empty();
    if target_has_site && !replace {
        bail!("the target already holds a site; add --replace to overwrite it");
    }
    let bundle = from
        .export_bundle()
        .await
        .context("cannot read the source site")?;
    if target_has_site {
        to.clear().await.context("cannot empty the target")?;
    }
    to.insert_bundle(&bundle)
        .await
        .context(if target_has_site {
            "cannot write the site into the target, which is now empty; run the copy again"
        } else {
            "cannot write the site into the target; nothing was written"
        })?;
    Ok(Copied {
        languages: bundle.languages.len(),
        terms: bundle.terms.len(),
        users: bundle.users.len(),
        posts: bundle.posts.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::display_url;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            display_url("postgres://herald:secret@db/herald"),
            "postgres://herald:***@db/herald"
        );
        assert_eq!(
            display_url("postgres://herald@db/h"),
            "postgres://herald@db/h"
        );
        assert_eq!(display_url("sqlite://a/b.db"), "sqlite://a/b.db");
    }
}
