//! Shortcode attributes (WordPress's `shortcode_parse_atts`) and the HTML
//! escaping of the values written back out.

/// Parsed attributes: `name="value"`, `name='value'`, `name=value`, and
/// positional values (kept under their index, "0", "1"…). Names are
/// lowercased, as WordPress does.
#[derive(Debug, Default)]
pub(crate) struct Attributes(Vec<(String, String)>);

impl Attributes {
    pub fn parse(text: &str) -> Self {
        let mut pairs = Vec::new();
        let mut positional = 0;
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            let name_len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                .count();
            let after_name = rest[name_len..].trim_start();
            if name_len > 0 && after_name.starts_with('=') {
                let (value, remaining) = value(after_name[1..].trim_start());
                pairs.push((rest[..name_len].to_ascii_lowercase(), value.to_owned()));
                rest = remaining.trim_start();
            } else {
                let (value, remaining) = value(rest);
                pairs.push((positional.to_string(), value.to_owned()));
                positional += 1;
                rest = remaining.trim_start();
            }
        }
        Self(pairs)
    }

    /// The value of `name`; the last one wins when repeated.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A quoted or bare value at the start of `text`, and what follows it.
fn value(text: &str) -> (&str, &str) {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            return match inner.find(quote) {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            };
        }
    }
    let end = text
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(text.len());
    let end = if end == 0 {
        text.chars().next().map_or(0, char::len_utf8)
    } else {
        end
    };
    (&text[..end], &text[end..])
}

/// Escape text for an HTML attribute value or text node.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Undo the escaping WordPress's editor applies to URLs in post HTML
/// (`&amp;`, `&#038;`, quotes), so [`escape`] does not double it.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&#038;", "&")
        .replace("&#38;", "&")
        .replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_attributes() {
        let attributes =
            Attributes::parse(r#" id="attachment_5" Align='alignright' width=300 "loose" bare"#);
        assert_eq!(attributes.get("id"), Some("attachment_5"));
        assert_eq!(attributes.get("align"), Some("alignright"));
        assert_eq!(attributes.get("width"), Some("300"));
        assert_eq!(attributes.get("0"), Some("loose"));
        assert_eq!(attributes.get("1"), Some("bare"));
        assert_eq!(Attributes::parse("a=\"unclosed").get("a"), Some("unclosed"));
    }

    #[test]
    fn escaping_round_trip() {
        assert_eq!(escape("a&b\"<"), "a&amp;b&quot;&lt;");
        assert_eq!(unescape("a&amp;b&#038;c"), "a&b&c");
    }
}
