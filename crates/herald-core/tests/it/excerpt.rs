//! Excerpt properties: total on any input, cut only between words, "…" exactly
//! when something was left out.

use herald_core::excerpt::{
    DEFAULT_EXCERPT_WORDS, ELLIPSIS, MORE_MARKER, cut_words, excerpt, plain_text, split_at_more,
    word_count, words,
};
use proptest::prelude::*;

use crate::strategies::{html_soup, prose};

const TRAILING_PUNCTUATION: &[char] = &[
    ',', ';', ':', '.', '،', '؛', '۔', '，', '；', '：', '、', '。',
];

/// `out` is `cut_words(text, max)` done right: the first words of `text`
/// (the last one possibly without trailing punctuation), whitespace collapsed,
/// and "…" exactly when words were left out.
fn check_cut(text: &str, max: usize, out: &str) -> Result<(), TestCaseError> {
    let max = if max == 0 { DEFAULT_EXCERPT_WORDS } else { max };
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let all: Vec<&str> = words(text).collect();
    if all.len() <= max {
        prop_assert_eq!(out, collapsed.as_str());
        return Ok(());
    }
    let body = out.strip_suffix(ELLIPSIS);
    prop_assert!(body.is_some(), "cut without ellipsis: {out:?}");
    let body = body.unwrap_or_default();
    let kept: Vec<&str> = words(body).collect();
    prop_assert_eq!(kept.len(), max);
    prop_assert_eq!(&kept[..max - 1], &all[..max - 1]);
    let (last_kept, last_all) = (kept[max - 1], all[max - 1]);
    let dropped = last_all.strip_prefix(last_kept);
    prop_assert!(dropped.is_some(), "cut inside {last_all:?}: {last_kept:?}");
    let only_punctuation = dropped
        .unwrap_or_default()
        .chars()
        .all(|c| TRAILING_PUNCTUATION.contains(&c));
    prop_assert!(only_punctuation, "cut inside {last_all:?}: {last_kept:?}");
    prop_assert!(
        collapsed.starts_with(body),
        "{body:?} is not a prefix of {collapsed:?}"
    );
    Ok(())
}

fn check_plain(text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(text.trim(), text);
    prop_assert!(!text.contains("  "), "{text:?}");
    prop_assert!(
        !text.chars().any(|c| c.is_whitespace() && c != ' '),
        "{text:?}"
    );
    prop_assert!(!text.chars().any(char::is_control), "{text:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn plain_text_is_total_on_arbitrary_strings(html in any::<String>()) {
        check_plain(&plain_text(&html))?;
    }

    #[test]
    fn plain_text_is_total_on_html_soup(html in html_soup(40)) {
        check_plain(&plain_text(&html))?;
    }

    #[test]
    fn plain_text_of_plain_words_is_the_words(text in "[a-z ]{0,40}") {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(plain_text(&text), collapsed);
    }

    #[test]
    fn cut_words_cuts_between_words(text in prose(30), max in 0usize..12) {
        check_cut(&text, max, &cut_words(&text, max))?;
    }

    #[test]
    fn cut_words_on_arbitrary_strings(text in any::<String>(), max in 0usize..8) {
        check_cut(&text, max, &cut_words(&text, max))?;
    }

    #[test]
    fn excerpt_without_marker_cuts_the_plain_text(html in html_soup(40), max in 0usize..12) {
        if split_at_more(&html).is_some() {
            return Ok(());
        }
        let text = plain_text(&html);
        let out = excerpt("", &html, max);
        check_cut(&text, max, &out)?;
        let limit = if max == 0 { DEFAULT_EXCERPT_WORDS } else { max };
        prop_assert!(word_count(out.strip_suffix(ELLIPSIS).unwrap_or(&out)) <= limit);
    }

    #[test]
    fn excerpt_of_prose_paragraphs(text in prose(80), max in 1usize..60) {
        let html = format!("<p>{}</p>", text.replace('&', "&amp;").replace('<', "&lt;"));
        check_cut(&plain_text(&html), max, &excerpt("", &html, max))?;
    }

    #[test]
    fn excerpt_is_total(manual in html_soup(10), html in html_soup(40), max in any::<usize>()) {
        let out = excerpt(&manual, &html, max);
        check_plain(&out)?;
    }

    #[test]
    fn manual_excerpt_wins(manual in "[a-z]{1,8}( [a-z]{1,8}){0,80}", html in html_soup(20)) {
        prop_assert_eq!(excerpt(&manual, &html, 3), manual);
    }

    #[test]
    fn more_marker_keeps_the_teaser(teaser in "[a-z]{1,8}( [a-z]{1,8}){0,80}", rest in "[a-z]{1,8}( [a-z]{1,8}){0,5}") {
        let html = format!("<p>{teaser}</p>\n{MORE_MARKER}\n<p>{rest}</p>");
        prop_assert_eq!(excerpt("", &html, 2), format!("{teaser}…"));
    }
}

#[test]
fn default_is_fifty_five_words() {
    let html = format!("<p>{}</p>", "word ".repeat(80));
    let out = excerpt("", &html, 0);
    assert_eq!(word_count(&out), DEFAULT_EXCERPT_WORDS);
    assert!(out.ends_with('…'));
}

#[test]
fn persian_with_zwnj() {
    let html = "<p>دولت می\u{200C}خواهد قیمت\u{200C}ها را&nbsp;کنترل کند.</p>";
    assert_eq!(
        excerpt("", html, 4),
        "دولت می\u{200C}خواهد قیمت\u{200C}ها را…"
    );
    assert_eq!(
        excerpt("", html, 40),
        "دولت می\u{200C}خواهد قیمت\u{200C}ها را کنترل کند."
    );
}

#[test]
fn arabic_with_entities() {
    let html = "<p>قال الوزير&nbsp;&laquo;نحن مستعدون&raquo;، وأضاف</p>";
    assert_eq!(excerpt("", html, 4), "قال الوزير «نحن مستعدون»…");
}

#[test]
fn cjk_is_cut_by_character() {
    assert_eq!(
        excerpt("", "<p>東京都は今日、晴れです。</p>", 5),
        "東京都は今…"
    );
    assert_eq!(
        excerpt("", "<p>東京都は今日、晴れです。</p>", 6),
        "東京都は今日…"
    );
}

#[test]
fn entities_decode_and_broken_ones_stay() {
    assert_eq!(
        excerpt(
            "",
            "<p>R&amp;D &#x2014; AT&T &copy; &unknown; &#8230;</p>",
            55
        ),
        "R&D — AT&T © &unknown; …"
    );
}

#[test]
fn more_marker_examples() {
    let html = "<p>Lead paragraph.</p>\n<!--more-->\n<p>Body.</p>";
    assert_eq!(excerpt("", html, 55), "Lead paragraph…");
    let fa = "<p>مقدمه\u{200C}ی خبر</p><!--more Continue reading--><p>متن</p>";
    assert_eq!(excerpt("", fa, 1), "مقدمه\u{200C}ی خبر…");
    assert_eq!(excerpt("Manual one", html, 55), "Manual one");
}

#[test]
fn scripts_and_styles_never_leak() {
    let html = "<style>.a{}</style><script>alert('x < y')</script><p>Visible</p>";
    assert_eq!(excerpt("", html, 55), "Visible");
}
