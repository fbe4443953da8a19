//! Names: the namespaces WXR uses, recognised by URI, and start tags.

use super::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// No namespace: RSS's own elements.
    None,
    /// `http://wordpress.org/export/1.x/`
    Wp,
    /// `http://purl.org/rss/1.0/modules/content/`
    Content,
    /// `http://wordpress.org/export/1.x/excerpt/`
    Excerpt,
    /// `http://purl.org/dc/elements/1.1/`
    Dc,
    /// `http://www.w3.org/2005/Atom`
    Atom,
    Other,
}

impl Ns {
    pub(super) fn from_uri(uri: &[u8]) -> Self {
        let uri = uri.trim_ascii();
        let wp = uri
            .strip_prefix(b"http://wordpress.org/export/")
            .or_else(|| uri.strip_prefix(b"https://wordpress.org/export/"));
        if let Some(rest) = wp {
            let version_end = rest.iter().position(|b| *b == b'/');
            return match version_end.map(|end| (&rest[..end], &rest[end + 1..])) {
                Some((version, b"")) if is_version(version) => Ns::Wp,
                Some((version, b"excerpt/")) if is_version(version) => Ns::Excerpt,
                _ => Ns::Other,
            };
        }
        match uri {
            b"http://purl.org/rss/1.0/modules/content/" => Ns::Content,
            b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
            b"http://www.w3.org/2005/Atom" => Ns::Atom,
            b"" => Ns::None,
            _ => Ns::Other,
        }
    }

    /// The namespace an undeclared prefix conventionally stands for (some
    /// hand-edited exports lose their declarations).
    pub(super) fn conventional(prefix: &[u8]) -> Self {
        match prefix {
            b"wp" => Ns::Wp,
            b"content" => Ns::Content,
            b"excerpt" => Ns::Excerpt,
            b"dc" => Ns::Dc,
            _ => Ns::Other,
        }
    }
}

fn is_version(version: &[u8]) -> bool {
    !version.is_empty() && version.iter().all(|b| b.is_ascii_digit() || *b == b'.')
}

/// A start tag.
#[derive(Debug)]
pub(crate) struct Element {
    pub ns: Ns,
    pub local: String,
    pub attributes: Vec<(String, String)>,
    pub pos: Pos,
}

impl Element {
    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The value of an unprefixed attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_by_uri() {
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/1.2/"), Ns::Wp);
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/1.0/"), Ns::Wp);
        assert_eq!(
            Ns::from_uri(b"http://wordpress.org/export/1.1/excerpt/"),
            Ns::Excerpt
        );
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/x/"), Ns::Other);
        assert_eq!(Ns::from_uri(b"http://purl.org/dc/elements/1.1/"), Ns::Dc);
    }
}
