//! What every backend's listing table shares: the key naming each archive and
//! the window of one page. Archive keys: `home:{lang}`, `topic:{id}` (the topic
//! and every ancestor), `tag:{id}`, `author:{lang}:{id}`, `kind:{lang}:{kind}`.

use herald_core::{Archive, ListQuery};

/// The listing key of an archive in a language; `None` for search, which reads
/// posts directly.
pub(crate) fn key(language: &str, archive: &Archive) -> Option<String> {
    Some(match archive {
        Archive::Home => format!("home:{language}"),
        Archive::Topic(id) => format!("topic:{id}"),
        Archive::Tag(id) => format!("tag:{id}"),
        Archive::Author(id) => format!("author:{language}:{id}"),
        Archive::Kind(kind) => format!("kind:{language}:{kind}"),
        Archive::Search(_) => return None,
    })
}

/// `LIMIT`/`OFFSET` of a page; absurd pages become an offset past any data.
pub(crate) fn limits(query: &ListQuery) -> (i64, i64) {
    let per_page = i64::from(query.per_page.max(1));
    let offset = i64::from(query.page.saturating_sub(1)).saturating_mul(per_page);
    (per_page, offset)
}
