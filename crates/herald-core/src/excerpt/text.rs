//! HTML to plain text, for excerpts, feeds and meta descriptions.
//!
//! This is not a full HTML parser, and does not need to be: it only has to find
//! the words a reader would see, from bodies that may be hand-written, imported
//! from a decade-old WordPress, or broken. It follows the HTML tokenizer where
//! it matters (what starts a tag, quoted `>` inside attributes, comments,
//! raw-text elements) and otherwise keeps going: it never fails and never panics.

use super::entity::decode_entity;

/// Elements whose end (or start) separates words: "<p>a</p><p>b</p>" reads "a b".
const BREAKING_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
    "audio",
    "iframe",
    "picture",
];

/// Elements whose content is never shown as text.
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style"];

/// The plain text a reader sees in `html`: tags and comments removed, the
/// contents of `<script>`, `<style>` and `<template>` skipped, block elements
/// and `<br>` read as spaces, character references decoded (unknown or broken
/// ones kept as written), all whitespace collapsed to single spaces and trimmed.
///
/// # Examples
///
/// ```
/// use herald_core::excerpt::plain_text;
///
/// assert_eq!(plain_text("<p>Tom &amp; Jerry</p><p>in  <b>Paris</b></p>"), "Tom & Jerry in Paris");
/// assert_eq!(plain_text("<p>می&zwnj;خواهم</p>"), "می\u{200C}خواهم");
/// assert_eq!(plain_text("AT&T <3 you &bogus;"), "AT&T <3 you &bogus;");
/// ```
pub fn plain_text(html: &str) -> String {
    let mut scanner = Scanner::default();
    let mut rest = html;
    while let Some(pos) = rest.find(['<', '&']) {
        let (text, markup) = rest.split_at(pos);
        scanner.push_str(text);
        rest = if markup.starts_with('&') {
            scanner.reference(markup)
        } else {
            scanner.markup(markup)
        };
    }
    scanner.push_str(rest);
    scanner.text.finish()
}

/// Walks the markup, writing visible text into a [`Collapsed`] buffer.
#[derive(Default)]
struct Scanner {
    text: Collapsed,
    /// How many `<template>` elements we are inside; their content is inert.
    hidden: usize,
}

impl Scanner {
    fn push_str(&mut self, s: &str) {
        if self.hidden == 0 {
            s.chars().for_each(|c| self.text.push(c));
        }
    }

    fn push(&mut self, c: char) {
        if self.hidden == 0 {
            self.text.push(c);
        }
    }

    /// Handle the `&` at the start of `s`; returns what follows it.
    fn reference<'a>(&mut self, s: &'a str) -> &'a str {
        let (c, len) = decode_entity(s).unwrap_or(('&', 1));
        self.push(c);
        s.get(len..).unwrap_or_default()
    }

    /// Handle the `<` at the start of `s`; returns what follows the markup.
    fn markup<'a>(&mut self, s: &'a str) -> &'a str {
        let (markup, len) = parse_markup(s);
        let rest = s.get(len..).unwrap_or_default();
        match markup {
            Markup::Literal => {
                self.push('<');
                rest
            }
            Markup::Comment => rest,
            Markup::Tag { name, closing } => self.tag(&name, closing, rest),
        }
    }

    fn tag<'a>(&mut self, name: &str, closing: bool, rest: &'a str) -> &'a str {
        if BREAKING_ELEMENTS.contains(&name) {
            self.text.space();
        }
        match (name, closing) {
            ("template", false) => self.hidden += 1,
            ("template", true) => self.hidden = self.hidden.saturating_sub(1),
            (_, false) if RAW_TEXT_ELEMENTS.contains(&name) => return skip_raw_text(rest, name),
            _ => {}
        }
        rest
    }
}

/// Text with every run of whitespace collapsed to one space, trimmed at both
/// ends, and control characters dropped.
#[derive(Default)]
struct Collapsed {
    out: String,
    space_pending: bool,
}

impl Collapsed {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space();
        } else if !c.is_control() {
            if self.space_pending && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.space_pending = false;
            self.out.push(c);
        }
    }

    fn space(&mut self) {
        self.space_pending = true;
    }

    fn finish(self) -> String {
        self.out
    }
}

/// What a `<` turned out to start.
#[derive(Debug, PartialEq, Eq)]
enum Markup {
    /// Not markup at all ("a < b", "<3"): the `<` is text.
    Literal,
    /// A comment, doctype, processing instruction or other ignorable markup.
    Comment,
    /// A start or end tag; `name` is lowercased.
    Tag { name: String, closing: bool },
}

/// Classify the markup at the start of `s` (which starts with `<`) and measure it in bytes.
fn parse_markup(s: &str) -> (Markup, usize) {
    let bytes = s.as_bytes();
    match bytes.get(1) {
        Some(b) if b.is_ascii_alphabetic() => tag(s, 1, false),
        Some(b'/') => match bytes.get(2) {
            Some(b) if b.is_ascii_alphabetic() => tag(s, 2, true),
            Some(b'>') => (Markup::Comment, 3),
            None => (Markup::Literal, 1),
            Some(_) => (Markup::Comment, bogus_comment_len(s)),
        },
        Some(b'!') if s.starts_with("<!--") => (Markup::Comment, comment_len(s)),
        Some(b'!' | b'?') => (Markup::Comment, bogus_comment_len(s)),
        _ => (Markup::Literal, 1),
    }
}

/// `<!-- … -->`, including the abrupt `<!-->` and `<!--->`; an unclosed comment runs to the end.
fn comment_len(s: &str) -> usize {
    let body = s.get(4..).unwrap_or_default();
    if body.starts_with('>') {
        return 5;
    }
    if body.starts_with("->") {
        return 6;
    }
    let ends = [("-->", 3), ("--!>", 4)];
    ends.iter()
        .filter_map(|(end, len)| body.find(end).map(|pos| 4 + pos + len))
        .min()
        .unwrap_or(s.len())
}

/// `<!DOCTYPE …>`, `<?xml …?>`, `</ 3>`: everything up to the first `>`.
fn bogus_comment_len(s: &str) -> usize {
    s.find('>').map_or(s.len(), |pos| pos + 1)
}

/// A tag whose name starts at byte `name_start`; an unclosed tag runs to the end.
fn tag(s: &str, name_start: usize, closing: bool) -> (Markup, usize) {
    let after = s.get(name_start..).unwrap_or_default();
    let name_len = after
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(after.len());
    let name = after
        .get(..name_len)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let len = name_start + name_len + attributes_len(after.get(name_len..).unwrap_or_default());
    (Markup::Tag { name, closing }, len)
}

/// Bytes up to and including the `>` that closes a tag, skipping quoted attribute values.
fn attributes_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'>' => return i,
            b'=' => i = after_attribute_value(bytes, i),
            _ => {}
        }
    }
    bytes.len()
}

/// Where scanning resumes after `=`: past a quoted value, or at the value's first byte.
fn after_attribute_value(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    match bytes.get(i) {
        Some(&quote @ (b'"' | b'\'')) => {
            let value = bytes.get(i + 1..).unwrap_or_default();
            value
                .iter()
                .position(|&b| b == quote)
                .map_or(bytes.len(), |end| i + 1 + end + 1)
        }
        _ => i,
    }
}

/// Skip the content of a raw-text element up to its end tag (`</script`, any case).
fn skip_raw_text<'a>(s: &'a str, name: &str) -> &'a str {
    let end = s.match_indices("</").map(|(pos, _)| pos).find(|&pos| {
        let after = s.get(pos + 2..).unwrap_or_default();
        let is_name = after
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let delimiter = after.as_bytes().get(name.len());
        is_name && delimiter.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
    });
    s.get(end.unwrap_or(s.len())..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_collapses_whitespace() {
        assert_eq!(
            plain_text("  <p>Hello,\n\t<em>dear</em>   world</p>  "),
            "Hello, dear world"
        );
        assert_eq!(plain_text("<b>Hel</b>lo"), "Hello");
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text("<p></p>"), "");
    }

    #[test]
    fn block_elements_and_br_separate_words() {
        assert_eq!(plain_text("<p>one</p><p>two</p>"), "one two");
        assert_eq!(
            plain_text("one<br>two<br/>three<BR />four"),
            "one two three four"
        );
        assert_eq!(plain_text("<ul><li>a</li><li>b</li></ul>"), "a b");
        assert_eq!(plain_text("<td>1</td><td>2</td>"), "1 2");
    }

    #[test]
    fn skips_script_style_and_template() {
        assert_eq!(plain_text("a<script>var x = '<p>no</p>';</script>b"), "ab");
        assert_eq!(plain_text("a<SCRIPT type=x>if (a</b) {}</SCRIPT >b"), "ab");
        assert_eq!(plain_text("a<style>p { color: red }</style> b"), "a b");
        assert_eq!(
            plain_text("a <template><p>x</p><template>y</template>z</template>b"),
            "a b"
        );
        assert_eq!(plain_text("a<script>never closed"), "a");
        assert_eq!(plain_text("a<scripts>b</scripts>"), "ab");
    }

    #[test]
    fn comments_and_declarations_vanish() {
        assert_eq!(
            plain_text("<!DOCTYPE html>a<!-- hidden <p>x</p> -->b"),
            "ab"
        );
        assert_eq!(plain_text("a<!-->b<!--->c"), "abc");
        assert_eq!(plain_text("a<!-- x --!>b"), "ab");
        assert_eq!(plain_text("a<?php echo 1 ?>b"), "ab");
        assert_eq!(plain_text("a<!-- never closed"), "a");
        assert_eq!(plain_text("a</>b"), "ab");
    }

    #[test]
    fn quoted_angle_brackets_stay_inside_attributes() {
        assert_eq!(plain_text(r#"<a title="x > y" href='>'>link</a>"#), "link");
        assert_eq!(plain_text(r#"<img alt = "a>b">after"#), "after");
    }

    #[test]
    fn lone_angle_brackets_are_text() {
        assert_eq!(plain_text("a < b > c"), "a < b > c");
        assert_eq!(plain_text("I <3 Rust"), "I <3 Rust");
        assert_eq!(plain_text("x </"), "x </");
        assert_eq!(plain_text("<"), "<");
    }

    #[test]
    fn unclosed_tag_is_dropped() {
        assert_eq!(plain_text("text <a href=\"x"), "text");
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            plain_text("&lt;p&gt; &quot;hi&quot; &amp;amp;"),
            "<p> \"hi\" &amp;"
        );
        assert_eq!(plain_text("a&nbsp;&nbsp;b"), "a b");
        assert_eq!(plain_text("&laquo;سلام&raquo; &#1587;&#x644;"), "«سلام» سل");
        assert_eq!(plain_text("wait&hellip; &mdash; ok"), "wait… — ok");
    }

    #[test]
    fn keeps_broken_references() {
        assert_eq!(
            plain_text("AT&T &amp &bogus; &#xZZ; &"),
            "AT&T &amp &bogus; &#xZZ; &"
        );
    }

    #[test]
    fn keeps_zwnj_and_persian() {
        let html = "<p>من می\u{200C}خواهم <strong>کتاب\u{200C}ها</strong> را بخوانم.</p>";
        assert_eq!(
            plain_text(html),
            "من می\u{200C}خواهم کتاب\u{200C}ها را بخوانم."
        );
    }

    #[test]
    fn drops_control_characters() {
        assert_eq!(plain_text("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn markup_classification() {
        assert_eq!(
            parse_markup("<DIV class=x>"),
            (
                Markup::Tag {
                    name: "div".into(),
                    closing: false
                },
                13
            )
        );
        assert_eq!(
            parse_markup("</p>"),
            (
                Markup::Tag {
                    name: "p".into(),
                    closing: true
                },
                4
            )
        );
        assert_eq!(parse_markup("< p>"), (Markup::Literal, 1));
    }
}
