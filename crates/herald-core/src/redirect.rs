//! Old addresses: how a path from a previous site is written down so that the
//! same page is found however a link spells it, and which shorter forms are
//! tried when the exact one is not known.
//!
//! An import records one [`crate::Redirect`] per old permalink; a request that
//! Herald does not serve is normalised the same way and looked up. WordPress
//! adds suffixes to any archive or post (`/page/2/`, `/feed/`, `/amp/`), so
//! those are peeled off, the rest looked up, and the matching Herald suffix
//! put back on the target.

/// Query keys that choose a page on a WordPress site; every other key
/// (tracking tags, `amp`, reply links) is dropped when normalising. Old
/// addresses are looked up by these, so the page cache keys on them too.
pub const MEANINGFUL_KEYS: &[&str] = &[
    "p",
    "page_id",
    "attachment_id",
    "cat",
    "tag",
    "author",
    "m",
    "lang",
    "name",
    "pagename",
    "category_name",
];

/// Longest old address kept or looked up, in bytes.
pub const MAX_PATH_BYTES: usize = 2048;

/// The normal form of an old address: scheme and host dropped, the path
/// percent-decoded, lowercased (ASCII), without repeated or trailing slashes
/// (`/` alone stays), and only the query keys that choose a page, sorted.
/// `None` for something that is not a path (empty, too long, not UTF-8).
pub fn normalise(address: &str) -> Option<String> {
    let address = address.trim();
    let address = strip_origin(address);
    // `https://example.org?p=1` is the root's query.
    let rooted;
    let address = if address.starts_with('?') {
        rooted = format!("/{address}");
        rooted.as_str()
    } else {
        address
    };
    let address = address.split('#').next().unwrap_or_default();
    let (path, query) = match address.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (address, None),
    };
    if path.len() > MAX_PATH_BYTES || !path.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding_decode(path)?;
    let mut out = String::with_capacity(decoded.len() + 8);
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.extend(segment.chars().map(|c| c.to_ascii_lowercase()));
    }
    if out.is_empty() {
        out.push('/');
    }
    let mut pairs: Vec<(String, String)> = query
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_encoding_decode(key)?.to_ascii_lowercase();
            MEANINGFUL_KEYS.contains(&key.as_str()).then_some(())?;
            let value = percent_encoding_decode(&value.replace('+', " "))?;
            Some((key, value.trim().to_lowercase()))
        })
        .filter(|(_, value)| !value.is_empty())
        .collect();
    pairs.sort();
    pairs.dedup_by(|a, b| a.0 == b.0);
    for (i, (key, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    Some(out)
}

/// What a peeled-off suffix asks for on the page the rest of the path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suffix {
    /// The address itself.
    None,
    /// Page `n` of an archive (`/page/3/`).
    Page(u32),
    /// The archive's feed (`/feed/`, `/feed/rss2/`, `/feed/atom/`).
    Feed(&'static str),
}

impl Suffix {
    /// Put the suffix back on a Herald target: `page/n/` and `feed/` apply to
    /// archives (targets ending in `/`); a post answers for its own page.
    pub fn apply(&self, target: &str) -> String {
        match self {
            Suffix::Page(n) if target.ends_with('/') && *n > 1 => format!("{target}page/{n}/"),
            Suffix::Feed(form) if target.ends_with('/') => format!("{target}{form}"),
            _ => target.to_owned(),
        }
    }
}

/// The addresses to look up for a normalised old address, most exact first,
/// each with what its peeled suffix asks for. `/amp` is dropped (the page is
/// the same), then one `/page/{n}` or `/feed[/…]` ending, then a trailing
/// number WordPress uses for pages of a long post (`/slug/2/`).
pub fn candidates(normalised: &str) -> Vec<(String, Suffix)> {
    let (path, query) = match normalised.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (normalised, None),
    };
    let with_query = |path: &str| match query {
        Some(q) => format!("{}?{q}", if path.is_empty() { "/" } else { path }),
        None => if path.is_empty() { "/" } else { path }.to_owned(),
    };
    let mut out = vec![(with_query(path), Suffix::None)];
    let mut path = path;
    if let Some(rest) = path.strip_suffix("/amp") {
        path = rest;
        out.push((with_query(path), Suffix::None));
    }
    let segments: Vec<&str> = path.rsplitn(3, '/').collect();
    match segments.as_slice() {
        [n, "page", rest] => {
            if let Some(n) = page_number(n) {
                out.push((with_query(rest), Suffix::Page(n)));
            }
        }
        [form, "feed", rest] if FEED_FORMS.contains(form) => {
            out.push((with_query(rest), Suffix::Feed(feed_suffix(form))));
        }
        ["feed", rest, ..] => {
            let rest = path.strip_suffix("/feed").unwrap_or(rest);
            out.push((with_query(rest), Suffix::Feed("feed/")));
        }
        [n, rest, ..] if page_number(n).is_some() => {
            let rest = path.strip_suffix(&format!("/{n}")).unwrap_or(rest);
            out.push((with_query(rest), Suffix::None));
        }
        _ => {}
    }
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Feed names WordPress accepts after `/feed/`.
const FEED_FORMS: &[&str] = &["rss2", "rss", "rdf", "atom"];

fn feed_suffix(form: &str) -> &'static str {
    if form == "atom" {
        "feed/atom/"
    } else {
        "feed/"
    }
}

fn page_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n > 0)
}

/// Drop `scheme://host[:port]` from an absolute URL.
fn strip_origin(address: &str) -> &str {
    let Some((scheme, rest)) = address.split_once("://") else {
        return address;
    };
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphabetic()) {
        return address;
    }
    match rest.find(['/', '?']) {
        Some(at) if rest.as_bytes()[at] == b'/' => &rest[at..],
        Some(at) => {
            // `https://example.org?p=1`: the root's query.
            let query = &rest[at..];
            if query.is_empty() { "/" } else { query }
        }
        None => "/",
    }
}

/// Percent-decode into UTF-8; `None` when the bytes are not UTF-8.
fn percent_encoding_decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalise(s).unwrap_or_else(|| panic!("{s} should normalise"))
    }

    #[test]
    fn normalises_origin_case_slashes_and_encoding() {
        assert_eq!(
            n("https://Example.org/2019/03/04/Hello-World/"),
            "/2019/03/04/hello-world"
        );
        assert_eq!(n("//x//y///"), "/x/y");
        assert_eq!(n("/%D8%B3%D9%84%D8%A7%D9%85/"), "/سلام");
        assert_eq!(n("/سلام"), "/سلام");
        assert_eq!(n("http://example.org"), "/");
        assert_eq!(n("http://example.org?p=12"), "/?p=12");
        assert_eq!(n("/#top"), "/");
    }

    #[test]
    fn keeps_only_meaningful_query_keys_sorted() {
        assert_eq!(n("/?p=12&utm_source=x&amp=1"), "/?p=12");
        assert_eq!(n("/?page_id=3&P=1"), "/?p=1&page_id=3");
        assert_eq!(n("/?replytocom=5"), "/");
        assert_eq!(n("/index.php?p=7"), "/index.php?p=7");
    }

    #[test]
    fn refuses_what_is_not_a_path() {
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("hello"), None);
        assert_eq!(normalise("/%FF%FE"), None);
        assert_eq!(normalise(&format!("/{}", "a".repeat(MAX_PATH_BYTES))), None);
    }

    #[test]
    fn peels_wordpress_suffixes() {
        let c = candidates("/category/news/page/3");
        assert_eq!(c[1], ("/category/news".into(), Suffix::Page(3)));
        let c = candidates("/category/news/feed");
        assert_eq!(c[1], ("/category/news".into(), Suffix::Feed("feed/")));
        let c = candidates("/tag/x/feed/atom");
        assert_eq!(c[1], ("/tag/x".into(), Suffix::Feed("feed/atom/")));
        let c = candidates("/2019/03/04/slug/amp");
        assert_eq!(c[1], ("/2019/03/04/slug".into(), Suffix::None));
        let c = candidates("/slug/2");
        assert_eq!(c[1], ("/slug".into(), Suffix::None));
        let c = candidates("/feed");
        assert_eq!(c[1], ("/".into(), Suffix::Feed("feed/")));
        assert_eq!(candidates("/?p=3"), vec![("/?p=3".into(), Suffix::None)]);
    }

    #[test]
    fn suffixes_go_back_on_archives_only() {
        assert_eq!(
            Suffix::Page(2).apply("/en/topic/news/"),
            "/en/topic/news/page/2/"
        );
        assert_eq!(
            Suffix::Feed("feed/").apply("/en/topic/news/"),
            "/en/topic/news/feed/"
        );
        assert_eq!(Suffix::Page(2).apply("/en/posts/4"), "/en/posts/4");
    }
}
