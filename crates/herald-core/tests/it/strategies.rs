//! Input generators shared by the property tests: arbitrary Unicode mixed with
//! the characters and fragments that make slugs, excerpts and HTML tricky.

use proptest::prelude::*;

/// Characters that exercise the edge cases: Persian and Arabic letters and
/// digits, ZWNJ and friends, tatweel, combining marks, CJK, emoji parts,
/// case-changing letters, whitespace of several kinds, punctuation.
const TRICKY_CHARS: &[char] = &[
    'a', 'Z', '0', '9', ' ', '-', '_', '.', ',', ';', ':', '!', '\'', '"', '\t', '\n', '\u{A0}',
    'م', 'ی', 'خ', 'و', 'ا', 'ه', 'ك', 'ي', 'ـ', '۱', '۴', '٠', '٩', '،', '؛', '\u{200C}',
    '\u{200D}', '\u{200E}', '\u{200F}', '\u{FEFF}', '\u{00AD}', '\u{0301}', '\u{0302}', '\u{064E}',
    '\u{0651}', '\u{094D}', '東', '京', 'か', '\u{3099}', 'ー', '한', '\u{1100}', '\u{1161}',
    '\u{11A8}', '。', '，', '🎉', '👩', '\u{FE0F}', '\u{20E3}', '🇮', '🇷', 'İ', 'Σ', 'ß', 'ǅ', 'Å',
    '\u{212B}', '\u{0958}', '\u{0}', '\u{7F}', '…', '²', 'Ⅻ', '\u{2028}',
];

/// One character: usually tricky, sometimes anything at all.
pub fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(TRICKY_CHARS),
        1 => any::<char>(),
    ]
}

/// Text of up to `max` tricky characters.
pub fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

/// Fragments that HTML scanners stumble on.
const HTML_PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<p>",
    "</p>",
    "<br>",
    "<b>",
    "</b>",
    "<a href=\"",
    "\">",
    "'",
    "=",
    "<!--",
    "-->",
    "--!>",
    "<!--more-->",
    "<!-- more -->",
    "<script>",
    "</script>",
    "<style>",
    "</style >",
    "<template>",
    "</template>",
    "<!DOCTYPE html>",
    "<?",
    "&",
    "&amp;",
    "&amp",
    "&nbsp;",
    "&zwnj;",
    "&#",
    "&#x",
    "&#1601;",
    "&#x200C;",
    "&#0;",
    "&#xD800;",
    "&#150;",
    ";",
    "x",
    "1",
    "F",
    " ",
    "\n",
    "word",
    "سلام",
    "می\u{200C}خواهم",
    "东京",
    "日本語",
    "، ",
];

/// HTML-ish text: a soup of markup fragments, words and tricky characters.
pub fn html_soup(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(HTML_PIECES).prop_map(str::to_owned),
        1 => tricky_text(4),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|pieces| pieces.concat())
}

/// Plain text made of words of every script, separated by assorted whitespace.
pub fn prose(max_words: usize) -> impl Strategy<Value = String> {
    let word = prop_oneof![
        prop::sample::select(
            &[
                "news",
                "Tehran,",
                "report:",
                "خبر",
                "می\u{200C}خواهم",
                "کتاب\u{200C}ها،",
                "الحكومة",
                "اليوم؛",
                "東京",
                "天気です。",
                "한국어",
                "café",
                "e\u{0301}",
                "—",
                ",",
                "2026",
                "۱۴۰۵",
                "…",
            ][..]
        )
        .prop_map(str::to_owned),
        tricky_text(6),
    ];
    let gap = prop::sample::select(&[" ", "  ", "\n", "\t", "\u{A0}", " \u{A0} "][..]);
    prop::collection::vec((word, gap), 0..max_words).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(w, g)| [w, g.to_owned()])
            .collect()
    })
}
