//! A port of WordPress's `wpautop`: the filter that turns a classic-editor
//! post's blank lines into paragraphs and single line breaks into `<br />`
//! when the post is shown. Imported posts must read as they did, so the
//! steps below follow WordPress's (formatting.php) one by one, in order;
//! PHP's patterns run without the `u` flag, so `\s` is made ASCII here too.
//!
//! One addition: `<!--more-->` is put on its own line, outside any
//! paragraph, where Herald's excerpt looks for it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Block-level elements: WordPress's `$allblocks`.
const BLOCKS: &str = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";

/// A pattern with `BLOCKS` expanded and `\s` made ASCII, as in PHP.
fn pattern(source: &str) -> Regex {
    let source = source
        .replace("BLOCKS", BLOCKS)
        .replace(r"\s", r"[\t\n\x0B\x0C\r ]");
    Regex::new(&source).expect("a valid pattern")
}

macro_rules! regex {
    ($name:ident = $source:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| pattern($source));
    };
}

regex!(DOUBLE_BR = r"<br\s*/?>\s*<br\s*/?>");
regex!(BLOCK_OPEN = r"(<BLOCKS[\s/>])");
regex!(BLOCK_CLOSE = r"(</BLOCKS>)");
regex!(HR = r"(<hr\s*?/?>)");
regex!(MORE = r"<!--more.*?-->");
regex!(MORE_PARAGRAPH = r"<p>(<!--more.*?-->)</p>");
regex!(OPTION_BEFORE = r"\s*<option");
regex!(OPTION_AFTER = r"</option>\s*");
regex!(OBJECT_OPEN = r"(<object[^>]*>)\s*");
regex!(OBJECT_CLOSE = r"\s*</object>");
regex!(PARAM_EMBED = r"\s*(</?(?:param|embed)[^>]*>)\s*");
regex!(MEDIA_OPEN = r"([<\[](?:audio|video)[^>\]]*[>\]])\s*");
regex!(MEDIA_CLOSE = r"\s*([<\[]/(?:audio|video)[>\]])");
regex!(SOURCE_TRACK = r"\s*(<(?:source|track)[^>]*>)\s*");
regex!(FIGCAPTION_OPEN = r"\s*(<figcaption[^>]*>)");
regex!(FIGCAPTION_CLOSE = r"</figcaption>\s*");
regex!(MANY_NEWLINES = r"\n\n+");
regex!(PARAGRAPH_SPLIT = r"\n\s*\n");
regex!(EMPTY_P = r"<p>\s*</p>");
regex!(UNCLOSED_P = r"<p>([^<]+)</(div|address|form)>");
regex!(P_AROUND_BLOCK = r"<p>\s*(</?BLOCKS[^>]*>)\s*</p>");
regex!(P_AROUND_LI = r"<p>(<li.+?)</p>");
regex!(P_BLOCKQUOTE = r"(?i)<p><blockquote([^>]*)>");
regex!(P_BEFORE_BLOCK = r"<p>\s*(</?BLOCKS[^>]*>)");
regex!(P_AFTER_BLOCK = r"(</?BLOCKS[^>]*>)\s*</p>");
regex!(PRESERVED = r"(?s)<(?:script|style|svg|math)\b.*?</(?:script|style|svg|math)>");
regex!(LINE_END = r"\s*\n");
regex!(PRE_PLACEHOLDER = r"<pre wp-pre-tag-([0-9]+)></pre>");
regex!(BR_AFTER_BLOCK = r"(</?BLOCKS[^>]*>)\s*<br />");
regex!(BR_BEFORE_BLOCK = r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)");

const NEWLINE_IN_TAG: &str = " <!-- wpnl --> ";
const KEPT_NEWLINE: &str = "<WPPreserveNewline />";

/// WordPress's `wpautop` (with `$br = true`): paragraphs from blank lines,
/// `<br />` from single newlines, nothing added inside or around block
/// elements, `<pre>` left untouched.
pub fn autop(html: &str) -> String {
    if html.trim().is_empty() {
        return String::new();
    }
    let (text, pre_blocks) = hide_pre(&format!("{html}\n"));
    let text = DOUBLE_BR.replace_all(&text, "\n\n");
    let text = MORE.replace_all(&text, "\n\n$0\n\n");
    let text = BLOCK_OPEN.replace_all(&text, "\n\n$1");
    let text = BLOCK_CLOSE.replace_all(&text, "$1\n\n");
    let text = HR.replace_all(&text, "$1\n\n");
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = newlines_in_tags(&text);
    let text = collapse_around_inline_blocks(text);
    let text = MANY_NEWLINES.replace_all(&text, "\n\n");
    let text = paragraphs(&text);
    let text = tidy_paragraphs(&text);
    let text = line_breaks(&text);
    let text = BR_AFTER_BLOCK.replace_all(&text, "$1");
    let mut text = BR_BEFORE_BLOCK.replace_all(&text, "$1").into_owned();
    if text.ends_with("\n</p>\n") || text.ends_with("\n</p>") {
        let at = text.rfind("\n</p>").unwrap_or(0);
        text.replace_range(at..at + 5, "</p>");
    }
    let text = MORE_PARAGRAPH.replace_all(&text, "$1").into_owned();
    let text = restore_pre(text, &pre_blocks);
    if text.contains("<!-- wpnl -->") {
        text.replace(NEWLINE_IN_TAG, "\n")
            .replace("<!-- wpnl -->", "\n")
    } else {
        text
    }
}

/// `<pre>` blocks are replaced by placeholders and put back at the end.
fn hide_pre(text: &str) -> (String, Vec<String>) {
    if !text.contains("<pre") {
        return (text.to_owned(), Vec::new());
    }
    let mut parts: Vec<&str> = text.split("</pre>").collect();
    let last = parts.pop().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut blocks = Vec::new();
    for part in parts {
        match part.find("<pre") {
            None => out.push_str(part),
            Some(start) => {
                out.push_str(&part[..start]);
                out.push_str(&format!("<pre wp-pre-tag-{}></pre>", blocks.len()));
                blocks.push(format!("{}</pre>", &part[start..]));
            }
        }
    }
    out.push_str(last);
    (out, blocks)
}

fn restore_pre(text: String, blocks: &[String]) -> String {
    if blocks.is_empty() {
        return text;
    }
    PRE_PLACEHOLDER
        .replace_all(&text, |caps: &Captures<'_>| {
            let index: Option<usize> = caps[1].parse().ok();
            match index.and_then(|index| blocks.get(index)) {
                Some(block) => block.clone(),
                None => caps[0].to_owned(),
            }
        })
        .into_owned()
}

/// Newlines inside tags and comments become placeholders (WordPress's
/// `wp_replace_in_html_tags`), so they are not taken for line breaks.
fn newlines_in_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let end = if tag.starts_with("<!--") {
            tag.find("-->").map(|at| at + 3)
        } else {
            tag[1..].find(['>', '<']).map(|at| {
                if tag.as_bytes()[at + 1] == b'>' {
                    at + 2
                } else {
                    at + 1
                }
            })
        };
        let end = end.unwrap_or(tag.len());
        out.push_str(&tag[..end].replace('\n', NEWLINE_IN_TAG));
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

fn collapse_around_inline_blocks(mut text: String) -> String {
    if text.contains("<option") {
        text = OPTION_BEFORE.replace_all(&text, "<option").into_owned();
        text = OPTION_AFTER.replace_all(&text, "</option>").into_owned();
    }
    if text.contains("</object>") {
        text = OBJECT_OPEN.replace_all(&text, "$1").into_owned();
        text = OBJECT_CLOSE.replace_all(&text, "</object>").into_owned();
        text = PARAM_EMBED.replace_all(&text, "$1").into_owned();
    }
    if text.contains("<source") || text.contains("<track") {
        text = MEDIA_OPEN.replace_all(&text, "$1").into_owned();
        text = MEDIA_CLOSE.replace_all(&text, "$1").into_owned();
        text = SOURCE_TRACK.replace_all(&text, "$1").into_owned();
    }
    if text.contains("<figcaption") {
        text = FIGCAPTION_OPEN.replace_all(&text, "$1").into_owned();
        text = FIGCAPTION_CLOSE
            .replace_all(&text, "</figcaption>")
            .into_owned();
    }
    text
}

fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for paragraph in PARAGRAPH_SPLIT.split(text).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        out.push_str(paragraph.trim_matches('\n'));
        out.push_str("</p>\n");
    }
    out
}

fn tidy_paragraphs(text: &str) -> String {
    let text = EMPTY_P.replace_all(text, "");
    let text = UNCLOSED_P.replace_all(&text, "<p>$1</p></$2>");
    let text = P_AROUND_BLOCK.replace_all(&text, "$1");
    let text = P_AROUND_LI.replace_all(&text, "$1");
    let text = P_BLOCKQUOTE.replace_all(&text, "<blockquote$1><p>");
    let text = text.replace("</blockquote></p>", "</p></blockquote>");
    let text = P_BEFORE_BLOCK.replace_all(&text, "$1");
    P_AFTER_BLOCK.replace_all(&text, "$1").into_owned()
}

/// Single newlines become `<br />` (outside script, style, svg and math).
fn line_breaks(text: &str) -> String {
    let text = PRESERVED.replace_all(text, |caps: &Captures<'_>| {
        caps[0].replace('\n', KEPT_NEWLINE)
    });
    let text = text.replace("<br>", "<br />").replace("<br/>", "<br />");
    // PHP: preg_replace('|(?<!<br />)\s*\n|', "<br />\n"). No look-behind
    // here, so a match right after `<br />` is retried one character later,
    // as PCRE does.
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    while let Some(found) = LINE_END.find_at(&text, at) {
        let start = found.start();
        if text[..start].ends_with("<br />") {
            let skip = text[start..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[at..start + skip]);
            at = start + skip;
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str("<br />\n");
        at = found.end();
    }
    out.push_str(&text[at..]);
    out.replace(KEPT_NEWLINE, "\n")
}

#[cfg(test)]
mod tests {
    use super::autop;

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(
            autop("One\ntwo\n\nThree"),
            "<p>One<br />\ntwo</p>\n<p>Three</p>\n"
        );
        assert_eq!(autop("  \n "), "");
    }
}
