//! What both backends' sitemap queries share: the SQL conditions (written
//! with a placeholder for "now", as each backend binds it differently) and
//! the assembly of rows into sitemap values.

use herald_core::sitemap::{SitemapEntry, SitemapFile, SitemapSection};
use herald_core::{PAGE_KIND, PostId, Timestamp};

/// Posts (`pages` false) or pages (`true`) of the table aliased `p`.
pub(crate) fn kind_condition(pages: bool) -> String {
    if pages {
        format!("p.kind = '{PAGE_KIND}'")
    } else {
        format!("p.kind <> '{PAGE_KIND}'")
    }
}

/// The listing key of a term (`t`) in SQL: `topic:{id}` or `tag:{id}`, as
/// [`crate::archive::key`] writes it.
pub(crate) const TERM_ARCHIVE_KEY: &str = "t.taxonomy || ':' || t.id";

/// Fill each entry's translations from `(post id, language, translation id)`
/// rows ordered by post id, keeping the first of each language.
pub(crate) fn attach_translations(
    entries: &mut [SitemapEntry],
    rows: impl IntoIterator<Item = (PostId, String, PostId)>,
) {
    let mut rows = rows.into_iter().peekable();
    for entry in entries.iter_mut() {
        while let Some((post, _, _)) = rows.peek() {
            if *post < entry.id {
                rows.next();
                continue;
            }
            if *post > entry.id {
                break;
            }
            if let Some((_, language, id)) = rows.next()
                && !entry.translations.iter().any(|(l, _)| *l == language)
            {
                entry.translations.push((language, id));
            }
        }
    }
}

/// A file for the index when it has URLs: the latest of its update and
/// publication times is its `lastmod`.
pub(crate) fn file(
    section: SitemapSection,
    urls: i64,
    updated: Option<Timestamp>,
    published: Option<Timestamp>,
) -> Option<SitemapFile> {
    (urls > 0).then(|| SitemapFile {
        section,
        urls: u64::try_from(urls).unwrap_or(0),
        last_modified: updated.unwrap_or(0).max(published.unwrap_or(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: PostId) -> SitemapEntry {
        SitemapEntry {
            id,
            language: "en".into(),
            title: String::new(),
            slug: String::new(),
            parent: None,
            publish_at: 0,
            updated_at: 0,
            translations: Vec::new(),
        }
    }

    #[test]
    fn translations_attach_once_per_language() {
        let mut entries = vec![entry(1), entry(3), entry(5)];
        attach_translations(
            &mut entries,
            [
                (1, "fa".into(), 10),
                (1, "fa".into(), 11),
                (2, "ar".into(), 12),
                (5, "ar".into(), 13),
                (5, "fa".into(), 14),
            ],
        );
        assert_eq!(entries[0].translations, vec![("fa".into(), 10)]);
        assert!(entries[1].translations.is_empty());
        assert_eq!(
            entries[2].translations,
            vec![("ar".into(), 13), ("fa".into(), 14)]
        );
    }
}
