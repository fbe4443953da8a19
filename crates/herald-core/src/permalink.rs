//! Permalinks: the one place that knows the shape of every public URL (see the
//! URL map in DESIGN.md). Listing URLs end in `/`; post URLs and search do not.
//! Slugs are percent-encoded so native-script slugs travel safely in any header.

use crate::model::PostId;

/// Percent-encode one path segment (everything but RFC 3986 unreserved bytes).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Append `page/{n}/` when `page` is past the first.
fn paged(mut base: String, page: u32) -> String {
    if page > 1 {
        base.push_str("page/");
        base.push_str(&page.to_string());
        base.push('/');
    }
    base
}

/// `/{lang}/` or `/{lang}/page/{n}/`.
pub fn home(lang: &str, page: u32) -> String {
    paged(format!("/{}/", encode_segment(lang)), page)
}

/// `/{lang}/posts/{id}`.
pub fn post(lang: &str, id: PostId) -> String {
    format!("/{}/posts/{id}", encode_segment(lang))
}

/// An archive: `/{lang}/{base}/{slug}/` with paging; `base` is `topic`, `tag`, `author` or `kind`.
pub fn archive(lang: &str, base: &str, slug: &str, page: u32) -> String {
    paged(
        format!("/{}/{base}/{}/", encode_segment(lang), encode_segment(slug)),
        page,
    )
}

/// `/{lang}/topic/{slug}/`.
pub fn topic(lang: &str, slug: &str, page: u32) -> String {
    archive(lang, "topic", slug, page)
}

/// `/{lang}/tag/{slug}/`.
pub fn tag(lang: &str, slug: &str, page: u32) -> String {
    archive(lang, "tag", slug, page)
}

/// `/{lang}/author/{slug}/`.
pub fn author(lang: &str, slug: &str, page: u32) -> String {
    archive(lang, "author", slug, page)
}

/// `/{lang}/kind/{kind}/`.
pub fn kind(lang: &str, kind: &str, page: u32) -> String {
    archive(lang, "kind", kind, page)
}

/// A static page from its slug path: `/{lang}/about/team/`.
pub fn page<S: AsRef<str>>(lang: &str, path: &[S]) -> String {
    let mut url = format!("/{}/", encode_segment(lang));
    for segment in path {
        url.push_str(&encode_segment(segment.as_ref()));
        url.push('/');
    }
    url
}

/// `/{lang}/search?q=…` (page > 1 adds `&page=n`).
pub fn search(lang: &str, query: &str, page: u32) -> String {
    let mut url = format!(
        "/{}/search?q={}",
        encode_segment(lang),
        encode_segment(query)
    );
    if page > 1 {
        url.push_str(&format!("&page={page}"));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(home("en", 1), "/en/");
        assert_eq!(home("en", 3), "/en/page/3/");
        assert_eq!(post("fa", 42), "/fa/posts/42");
        assert_eq!(topic("en", "water", 2), "/en/topic/water/page/2/");
        assert_eq!(page("en", &["about", "team"]), "/en/about/team/");
        assert_eq!(topic("fa", "آب", 1), "/fa/topic/%D8%A2%D8%A8/");
        assert_eq!(search("en", "a b", 1), "/en/search?q=a%20b");
    }
}
