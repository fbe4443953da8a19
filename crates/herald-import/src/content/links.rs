//! Links to the old WordPress site, pointed at Herald's permalinks.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::attributes::{escape, unescape};

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[A-Za-z][^>]*>").expect("valid"));
static LINK_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid")
});

/// Rewrite `href` and `src` values that point into one of `old_bases`
/// (e.g. `https://example.org/en`; `http` and `https`, with or without
/// `www.`, with or without a trailing slash, all match). `resolve` gets the
/// remainder — path and query such as `/2019/03/04/slug/`, `/?p=12` or
/// `/wp-content/uploads/2019/03/a.jpg` — and its answer replaces the whole
/// value; values it returns `None` for, and all other links, are untouched.
pub fn rewrite_links(
    html: &str,
    old_bases: &[String],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut bases: Vec<String> = old_bases
        .iter()
        .map(|base| normalise(base).trim_end_matches('/').to_owned())
        .filter(|base| !base.is_empty())
        .collect();
    // Longest first: `example.org/en` before `example.org`.
    bases.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    bases.dedup();
    if bases.is_empty() {
        return html.to_owned();
    }
    TAG.replace_all(html, |tag: &Captures<'_>| {
        LINK_ATTRIBUTE
            .replace_all(&tag[0], |attribute: &Captures<'_>| {
                let raw = attribute
                    .get(2)
                    .or_else(|| attribute.get(3))
                    .or_else(|| attribute.get(4))
                    .map_or("", |m| m.as_str());
                let url = normalise(&unescape(raw.trim()));
                let new = bases
                    .iter()
                    .filter_map(|base| remainder(&url, base))
                    .find_map(|rest| resolve(&rest));
                match new {
                    Some(new) => format!("{}\"{}\"", &attribute[1], escape(&new)),
                    None => attribute[0].to_owned(),
                }
            })
            .into_owned()
    })
    .into_owned()
}

/// `https://www.Example.org/a` → `example.org/a` (scheme and `www.` gone,
/// host lowercased); `None`-like empty string for values without a host.
fn normalise(url: &str) -> String {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let without_scheme = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else if let Some(rest) = url.strip_prefix("//") {
        rest
    } else {
        return String::new();
    };
    let host_end = without_scheme
        .find(['/', '?', '#'])
        .unwrap_or(without_scheme.len());
    let host = without_scheme[..host_end].to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}{}", &without_scheme[host_end..])
}

/// The part of a normalised `url` after `base`, as a path.
fn remainder(url: &str, base: &str) -> Option<String> {
    let rest = url.strip_prefix(base)?;
    match rest.chars().next() {
        None => Some("/".to_owned()),
        Some('/') => Some(rest.to_owned()),
        Some('?' | '#') => Some(format!("/{rest}")),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_forms() {
        assert_eq!(normalise("https://WWW.Example.org/En/"), "example.org/En/");
        assert_eq!(normalise("/relative"), "");
        assert_eq!(
            remainder("example.org/en?p=3", "example.org/en"),
            Some("/?p=3".to_owned())
        );
        assert_eq!(remainder("example.org/english", "example.org/en"), None);
    }
}
