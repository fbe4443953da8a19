//! Writing WXR: the small pieces every element of an export needs, so the
//! mapping in [`crate::wordpress::export`] reads as the document it makes.
//!
//! Text goes into CDATA sections (as WordPress writes it), with `]]>` split
//! across two sections; attributes are escaped; characters XML 1.0 does not
//! allow (most control characters, U+FFFE, U+FFFF) are dropped, since no
//! parser would read the file otherwise.

use std::io::{self, Write};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use herald_core::Timestamp;

/// Whether XML 1.0 allows `c` in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `text` without the characters XML 1.0 does not allow.
pub fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// `text` as one or more CDATA sections: `]]>` inside is written as
/// `]]]]><![CDATA[>`, which a parser reads back as `]]>`.
pub fn cdata(text: &str) -> String {
    let text = xml_text(text);
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// `text` escaped for an attribute value in double quotes (or element text).
pub fn escape(text: &str) -> String {
    let text = xml_text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// A WXR date, `YYYY-MM-DD HH:MM:SS`, in `tz` (UTC for the `_gmt` fields).
pub fn wxr_date(at: Timestamp, tz: Tz) -> String {
    match DateTime::<Utc>::from_timestamp(at, 0) {
        Some(utc) => tz
            .from_utc_datetime(&utc.naive_utc())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        None => "0000-00-00 00:00:00".to_owned(),
    }
}

/// An RSS date (RFC 2822) for `pubDate`.
pub fn rss_date(at: Timestamp) -> String {
    DateTime::<Utc>::from_timestamp(at, 0)
        .map(|d| d.format("%a, %d %b %Y %H:%M:%S +0000").to_string())
        .unwrap_or_default()
}

/// A PHP-serialised array of string keys and integer values, as Polylang
/// keeps a translation group: `a:2:{s:2:"en";i:12;s:2:"fa";i:15;}`.
/// String lengths count bytes, as PHP does.
pub fn php_int_map(pairs: &[(String, i64)]) -> String {
    let mut out = format!("a:{}:{{", pairs.len());
    for (key, value) in pairs {
        out.push_str(&format!("s:{}:\"{key}\";i:{value};", key.len()));
    }
    out.push('}');
    out
}

/// A PHP-serialised array of string keys and string values.
pub fn php_str_map(pairs: &[(&str, &str)]) -> String {
    let mut out = format!("a:{}:{{", pairs.len());
    for (key, value) in pairs {
        out.push_str(&format!(
            "s:{}:\"{key}\";s:{}:\"{value}\";",
            key.len(),
            value.len()
        ));
    }
    out.push('}');
    out
}

/// A slug as WordPress stores it: ASCII as is, everything else
/// percent-encoded with lower-case hex (`سلام` → `%d8%b3%d9%84%d8%a7%d9%85`).
pub fn wp_slug(slug: &str) -> String {
    herald_core::permalink::encode_segment(slug)
        .split('%')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 || part.len() < 2 {
                part.to_owned()
            } else {
                format!("{}{}", part[..2].to_ascii_lowercase(), &part[2..])
            }
        })
        .collect::<Vec<_>>()
        .join("%")
}

/// An element writer over any `Write`, indenting with tabs as WordPress does.
pub struct XmlOut<W: Write> {
    out: W,
}

impl<W: Write> XmlOut<W> {
    pub fn new(out: W) -> Self {
        Self { out }
    }

    /// Write `raw` as is (markup the caller built).
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn raw(&mut self, raw: &str) -> io::Result<()> {
        self.out.write_all(raw.as_bytes())
    }

    /// `<name><![CDATA[text]]></name>` on its own line at `depth`.
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn text(&mut self, depth: usize, name: &str, text: &str) -> io::Result<()> {
        let indent = "\t".repeat(depth);
        writeln!(self.out, "{indent}<{name}>{}</{name}>", cdata(text))
    }

    /// `<name>value</name>` for a value that needs no CDATA (numbers, codes).
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn plain(&mut self, depth: usize, name: &str, value: &str) -> io::Result<()> {
        let indent = "\t".repeat(depth);
        writeln!(self.out, "{indent}<{name}>{}</{name}>", escape(value))
    }

    /// `<name>` opening a group at `depth`.
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn open(&mut self, depth: usize, name: &str) -> io::Result<()> {
        writeln!(self.out, "{}<{name}>", "\t".repeat(depth))
    }

    /// `</name>` closing a group at `depth`.
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn close(&mut self, depth: usize, name: &str) -> io::Result<()> {
        writeln!(self.out, "{}</{name}>", "\t".repeat(depth))
    }

    /// A `wp:postmeta` or `wp:termmeta` pair.
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn meta(&mut self, depth: usize, name: &str, key: &str, value: &str) -> io::Result<()> {
        self.open(depth, name)?;
        self.text(depth + 1, "wp:meta_key", key)?;
        self.text(depth + 1, "wp:meta_value", value)?;
        self.close(depth, name)
    }

    /// Flush and hand back the writer.
    ///
    /// # Errors
    /// The underlying writer's.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_splits_its_end_marker() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(cdata("x\u{1}\u{FFFF}y"), "<![CDATA[xy]]>");
    }

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(escape("a\"<&>'"), "a&quot;&lt;&amp;&gt;&apos;");
    }

    #[test]
    fn php_arrays_count_bytes() {
        let pairs = vec![("en".to_owned(), 12), ("fa".to_owned(), 15)];
        assert_eq!(
            php_int_map(&pairs),
            "a:2:{s:2:\"en\";i:12;s:2:\"fa\";i:15;}"
        );
        assert_eq!(php_str_map(&[("a", "ب")]), "a:1:{s:1:\"a\";s:2:\"ب\";}");
    }

    #[test]
    fn dates_in_a_time_zone() {
        assert_eq!(wxr_date(0, Tz::UTC), "1970-01-01 00:00:00");
        assert_eq!(wxr_date(0, Tz::Asia__Tehran), "1970-01-01 03:30:00");
    }

    #[test]
    fn native_slugs_are_encoded_in_lower_case() {
        assert_eq!(wp_slug("سلام"), "%d8%b3%d9%84%d8%a7%d9%85");
        assert_eq!(wp_slug("plain-slug"), "plain-slug");
    }
}
