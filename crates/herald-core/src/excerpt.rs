//! Excerpts: the short plain text shown in lists, feeds and link previews.
//!
//! DESIGN.md fixes the rule: the manual excerpt if there is one; else the
//! content before `<!--more-->`; else the first N words (default 55) of the
//! plain text. An excerpt is always plain text and is only ever cut between
//! words — never inside a word, a tag or a character reference — and ends with
//! "…" when something was left out. Persian and Arabic words are separated by
//! whitespace like English ones; CJK text is cut between characters.
//!
//! The pieces are public because other places need the same reading of HTML:
//! [`plain_text`] for feeds and meta descriptions, [`cut_words`] and
//! [`word_count`] for search snippets and reading time.

mod entity;
mod text;
mod words;

pub use text::plain_text;
pub use words::{DEFAULT_EXCERPT_WORDS, ELLIPSIS, cut_words, is_cjk, word_count, words};

/// The WordPress marker that ends a post's teaser.
pub const MORE_MARKER: &str = "<!--more-->";

/// The excerpt of a post from its manual excerpt, its body HTML and the
/// language's word limit (0 means [`DEFAULT_EXCERPT_WORDS`]).
///
/// - A manual excerpt with any visible text wins, as plain text, never cut.
/// - Else, if the body has a more marker (`<!--more-->`, `<!-- more -->`,
///   `<!--more Read on-->`) with visible text before it, that text, followed
///   by "…" when visible text follows the marker.
/// - Else the first `max_words` words of the body's plain text, with "…" only
///   when words were left out.
///
/// # Examples
///
/// ```
/// use herald_core::excerpt::excerpt;
///
/// assert_eq!(excerpt("", "<p>One two three four</p>", 2), "One two…");
/// assert_eq!(excerpt("", "<p>Intro &amp; more</p><!--more--><p>Rest</p>", 2), "Intro & more…");
/// assert_eq!(excerpt(" <b>Mine</b> ", "<p>Body</p>", 55), "Mine");
/// ```
pub fn excerpt(manual: &str, html: &str, max_words: usize) -> String {
    let manual = plain_text(manual);
    if !manual.is_empty() {
        return manual;
    }
    if let Some(teaser) = teaser(html) {
        return teaser;
    }
    cut_words(&plain_text(html), max_words)
}

/// The text before the more marker, with "…" if text follows it; `None` when
/// there is no marker or nothing visible before it.
fn teaser(html: &str) -> Option<String> {
    let (before, after) = split_at_more(html)?;
    let mut teaser = plain_text(before);
    if teaser.is_empty() {
        return None;
    }
    if !plain_text(after).is_empty() {
        let kept = teaser
            .trim_end_matches(words::TRAILING_PUNCTUATION)
            .trim_end();
        teaser.truncate(if kept.is_empty() {
            teaser.len()
        } else {
            kept.len()
        });
        teaser.push(ELLIPSIS);
    }
    Some(teaser)
}

/// Split `html` around its first more marker: `<!--more-->`, with optional
/// whitespace before `more` and optional text after it (`<!--more Read on-->`),
/// any case. `<!--moreover-->` is not a marker.
///
/// # Examples
///
/// ```
/// use herald_core::excerpt::split_at_more;
///
/// assert_eq!(split_at_more("a<!-- more -->b"), Some(("a", "b")));
/// assert_eq!(split_at_more("a<!--more Continue…-->b"), Some(("a", "b")));
/// assert_eq!(split_at_more("a<!--moreover-->b"), None);
/// ```
pub fn split_at_more(html: &str) -> Option<(&str, &str)> {
    html.match_indices("<!--").find_map(|(start, open)| {
        let body = html.get(start + open.len()..)?;
        let close = body.find("-->")?;
        let inside = body.get(..close)?.trim_start();
        let word = inside.get(..4)?;
        let label = inside.get(4..)?;
        let is_more = word.eq_ignore_ascii_case("more")
            && (label.is_empty() || label.starts_with(char::is_whitespace));
        let end = start + open.len() + close + "-->".len();
        is_more
            .then(|| (html.get(..start), html.get(end..)))
            .and_then(|(b, a)| b.zip(a))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_excerpt_wins_and_is_not_cut() {
        let manual = "A <em>hand-written</em> summary &mdash; with many many many words";
        assert_eq!(
            excerpt(manual, "<p>Body</p>", 2),
            "A hand-written summary — with many many many words"
        );
    }

    #[test]
    fn blank_manual_excerpt_is_ignored() {
        assert_eq!(excerpt("  \n ", "<p>Body text</p>", 55), "Body text");
        assert_eq!(excerpt("<p> </p>", "<p>Body text</p>", 55), "Body text");
    }

    #[test]
    fn more_marker_variants() {
        for marker in [
            "<!--more-->",
            "<!-- more -->",
            "<!--more Read on-->",
            "<!--MORE-->",
        ] {
            let html = format!("<p>Teaser here</p>{marker}<p>The rest</p>");
            assert_eq!(excerpt("", &html, 1), "Teaser here…", "{marker}");
        }
    }

    #[test]
    fn not_a_more_marker() {
        assert_eq!(split_at_more("a<!--moreover-->b"), None);
        assert_eq!(split_at_more("a<!--mor-->b"), None);
        assert_eq!(split_at_more("a<!--more"), None);
        assert_eq!(
            split_at_more("a<!-- note --><!--more-->b"),
            Some(("a<!-- note -->", "b"))
        );
    }

    #[test]
    fn more_marker_with_nothing_after_adds_no_ellipsis() {
        assert_eq!(
            excerpt("", "<p>All of it</p><!--more--><p> </p>", 55),
            "All of it"
        );
    }

    #[test]
    fn more_marker_at_start_falls_back_to_words() {
        assert_eq!(
            excerpt("", "<!--more--><p>one two three</p>", 2),
            "one two…"
        );
    }

    #[test]
    fn more_marker_drops_trailing_comma() {
        assert_eq!(
            excerpt("", "<p>First part,</p><!--more-->rest", 55),
            "First part…"
        );
    }

    #[test]
    fn word_limit() {
        let html = "<p>one two</p><p>three four five</p>";
        assert_eq!(excerpt("", html, 3), "one two three…");
        assert_eq!(excerpt("", html, 5), "one two three four five");
        assert_eq!(excerpt("", html, 0), "one two three four five");
    }

    #[test]
    fn persian_body_with_zwnj() {
        let html = "<p>ما می\u{200C}خواهیم کتاب\u{200C}های تازه را بخوانیم</p>";
        assert_eq!(excerpt("", html, 3), "ما می\u{200C}خواهیم کتاب\u{200C}های…");
    }

    #[test]
    fn arabic_body() {
        let html = "<p>أعلنت الحكومة اليوم، عن خطة جديدة</p>";
        assert_eq!(excerpt("", html, 3), "أعلنت الحكومة اليوم…");
    }

    #[test]
    fn cjk_body() {
        assert_eq!(excerpt("", "<p>今日は良い天気です</p>", 4), "今日は良…");
    }

    #[test]
    fn entities_are_never_cut() {
        assert_eq!(
            excerpt("", "<p>Tom&nbsp;&amp;&nbsp;Jerry go</p>", 3),
            "Tom & Jerry…"
        );
    }
}
