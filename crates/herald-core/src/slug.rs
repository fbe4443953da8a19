//! Slugs: the readable last segment of a post or term URL.
//!
//! Herald serves Persian and Arabic sections next to English ones, and a reader
//! of `/fa/` expects `/fa/posts/می‌خواهم-بخوانم`, not a transliteration nor a
//! row of percent-escaped question marks. So a slug keeps the letters and digits
//! of *any* script, in their own script, and only squeezes everything else
//! (spaces, punctuation, symbols, emoji) into single hyphens.
//!
//! The rules, in order:
//! 1. NFC-normalise and lowercase, so that the same title typed on two
//!    keyboards gives the same slug.
//! 2. Keep letters and digits; keep a combining mark when it follows a kept
//!    character; keep a zero-width non-joiner (U+200C) only *between two
//!    letters*, where Persian needs it ("می‌خواهم").
//! 3. Drop invisible presentation characters that do not separate words:
//!    Arabic tatweel (ـ, a pure stretching stroke: "كـتاب" is "كتاب"), soft
//!    hyphen, zero-width joiner, direction marks, variation selectors.
//! 4. Turn every run of anything else into one `-`, never at either end.
//! 5. Cut to at most [`MAX_SLUG_BYTES`] bytes at a grapheme boundary, without a
//!    trailing `-`.
//!
//! The result is idempotent: `slugify(slugify(x)) == slugify(x)`, so a slug an
//! editor typed by hand survives being "slugified" again on save.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::is_nfc;
use unicode_segmentation::UnicodeSegmentation;

/// Longest slug in bytes (UTF-8); a Persian letter takes two, so about a hundred letters.
pub const MAX_SLUG_BYTES: usize = 200;

/// Zero-width non-joiner, part of Persian spelling ("می‌خواهم").
pub const ZWNJ: char = '\u{200C}';

/// How one character takes part in a slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Mark,
    Zwnj,
    Ignorable,
    Separator,
}

fn classify(c: char) -> Class {
    if c == ZWNJ {
        Class::Zwnj
    } else if is_ignorable(c) {
        Class::Ignorable
    } else if is_combining_mark(c) {
        if is_enclosing_mark(c) {
            Class::Separator
        } else {
            Class::Mark
        }
    } else if c.is_alphabetic() {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else {
        Class::Separator
    }
}

/// Invisible characters that shape or direct text but do not separate words.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                    // soft hyphen
            | '\u{061C}'              // Arabic letter mark
            | '\u{0640}'              // Arabic tatweel
            | '\u{200D}'..='\u{200F}' // ZWJ, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'              // word joiner
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}'              // byte order mark
            | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

/// Marks that draw a frame around their base (keycaps, circles): symbols, not spelling.
fn is_enclosing_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0488}' | '\u{0489}' | '\u{1ABE}' | '\u{20DD}'..='\u{20E0}' | '\u{20E2}'..='\u{20E4}'
            | '\u{A670}'..='\u{A672}'
    )
}

/// Builds a slug one character at a time, remembering whether a separator or a
/// ZWNJ is waiting for the next kept character.
#[derive(Default)]
struct SlugWriter {
    out: String,
    last: Option<Class>,
    pending_separator: bool,
    pending_zwnj: bool,
}

impl SlugWriter {
    fn push(&mut self, c: char) {
        match classify(c) {
            Class::Ignorable => {}
            Class::Separator => self.separate(),
            Class::Zwnj => {
                let after_letter = matches!(self.last, Some(Class::Letter | Class::Mark));
                self.pending_zwnj = after_letter && !self.pending_separator;
            }
            Class::Mark if self.last.is_none() || self.pending_separator => self.separate(),
            class => self.keep(c, class),
        }
    }

    fn separate(&mut self) {
        self.pending_separator = true;
        self.pending_zwnj = false;
    }

    fn keep(&mut self, c: char, class: Class) {
        if self.pending_separator && !self.out.is_empty() {
            self.out.push('-');
        } else if self.pending_zwnj && class == Class::Letter {
            self.out.push(ZWNJ);
        }
        self.pending_separator = false;
        self.pending_zwnj = false;
        self.out.push(c);
        self.last = Some(class);
    }
}

/// Turn a title (or a hand-typed slug) into a URL slug that keeps its script.
///
/// See the module documentation for the rules.
///
/// # Examples
///
/// ```
/// use herald_core::slug::slugify;
///
/// assert_eq!(slugify("Hello, World!"), "hello-world");
/// assert_eq!(slugify("می‌خواهم بروم"), "می‌خواهم-بروم");
/// assert_eq!(slugify("  Café — ١٢٣  "), "café-١٢٣");
/// assert_eq!(slugify("🎉🎉"), "");
/// ```
pub fn slugify(input: &str) -> String {
    let lowered: String = input.nfc().collect::<String>().to_lowercase();
    let mut writer = SlugWriter::default();
    lowered.chars().for_each(|c| writer.push(c));
    let composed: String = writer.out.nfc().collect();
    truncate(&composed, MAX_SLUG_BYTES).to_owned()
}

/// Whether `s` is already a slug: non-empty and unchanged by [`slugify`].
///
/// # Examples
///
/// ```
/// use herald_core::slug::is_valid_slug;
///
/// assert!(is_valid_slug("اخبار-اقتصادی"));
/// assert!(!is_valid_slug("Hello World"));
/// assert!(!is_valid_slug(""));
/// ```
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

/// The longest prefix of `slug` within `max` bytes that ends on a grapheme
/// boundary (a char boundary if even the first grapheme is too long), stays in
/// NFC, and does not end in `-` or a ZWNJ.
fn truncate(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let grapheme_end = slug
        .grapheme_indices(true)
        .map(|(start, g)| start + g.len())
        .take_while(|&end| end <= max)
        .last();
    let mut end = grapheme_end.unwrap_or_else(|| floor_char_boundary(slug, max));
    loop {
        let prefix = &slug[..end];
        let clean = prefix.trim_end_matches(['-', ZWNJ]);
        if clean.len() == prefix.len() && is_nfc(prefix) {
            return prefix;
        }
        end = if clean.len() < prefix.len() {
            clean.len()
        } else {
            floor_char_boundary(slug, end - 1)
        };
    }
}

/// The largest char boundary of `s` that is at most `index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    (0..=index.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_titles() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("  --Rust 2024: what's new?--  "),
            "rust-2024-what-s-new"
        );
        assert_eq!(slugify("a_b.c/d\\e"), "a-b-c-d-e");
        assert_eq!(slugify("ÉCOLE Française"), "école-française");
        assert_eq!(slugify("Straße"), "straße");
    }

    #[test]
    fn decomposed_input_is_composed() {
        assert_eq!(slugify("Cafe\u{0301}"), "café");
        assert_eq!(slugify("CAFE\u{0301}"), slugify("café"));
    }

    #[test]
    fn persian_keeps_script_and_zwnj() {
        assert_eq!(slugify("می‌خواهم بروم"), "می‌خواهم-بروم");
        assert_eq!(slugify("کتاب‌ها، دفترها!"), "کتاب‌ها-دفترها");
        assert_eq!(slugify("قیمت نفت ۱۴۰۵"), "قیمت-نفت-۱۴۰۵");
    }

    #[test]
    fn zwnj_only_between_letters() {
        assert_eq!(slugify("\u{200C}سلام"), "سلام");
        assert_eq!(slugify("سلام\u{200C}"), "سلام");
        assert_eq!(slugify("سلام\u{200C} دنیا"), "سلام-دنیا");
        assert_eq!(slugify("سلام \u{200C}دنیا"), "سلام-دنیا");
        assert_eq!(slugify("a\u{200C}\u{200C}b"), "a\u{200C}b");
        assert_eq!(slugify("۱\u{200C}۲"), "۱۲");
    }

    #[test]
    fn arabic_keeps_script_and_drops_tatweel() {
        assert_eq!(slugify("الأخبار العاجلة"), "الأخبار-العاجلة");
        assert_eq!(slugify("كـــتاب"), "كتاب");
        assert_eq!(slugify("عدد ١٢٣"), "عدد-١٢٣");
        assert_eq!(slugify("مُحَمَّد"), "مُحَمَّد");
    }

    #[test]
    fn cjk_is_kept() {
        assert_eq!(slugify("東京 ニュース"), "東京-ニュース");
        assert_eq!(slugify("한국어 뉴스"), "한국어-뉴스");
    }

    #[test]
    fn symbols_emoji_and_controls_become_separators() {
        assert_eq!(slugify("I ❤️ Rust 🦀!"), "i-rust");
        assert_eq!(slugify("tab\there\nnew\u{0}line"), "tab-here-new-line");
        assert_eq!(slugify("1️⃣ first"), "1-first");
        assert_eq!(slugify("👩‍💻"), "");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        assert_eq!(slugify("soft\u{00AD}ware"), "software");
        assert_eq!(slugify("\u{200F}سلام\u{200E}"), "سلام");
        assert_eq!(slugify("\u{FEFF}bom"), "bom");
    }

    #[test]
    fn leading_combining_mark_is_not_kept() {
        assert_eq!(slugify("\u{0301}a"), "a");
        assert_eq!(slugify("a \u{0301}b"), "a-b");
    }

    #[test]
    fn long_titles_are_cut_at_a_boundary() {
        let persian = "خبر ".repeat(100);
        let slug = slugify(&persian);
        assert!(slug.len() <= MAX_SLUG_BYTES);
        assert!(!slug.ends_with('-'));
        assert!(slug.starts_with("خبر-خبر"));
        assert_eq!(slugify(&slug), slug);

        let latin = "a".repeat(199) + "-b";
        assert_eq!(slugify(&latin), "a".repeat(199));
    }

    #[test]
    fn cut_keeps_marks_with_their_letter() {
        let marked = "e\u{0301}\u{0302}".repeat(100);
        let slug = slugify(&marked);
        assert!(slug.len() <= MAX_SLUG_BYTES);
        assert_eq!(slugify(&slug), slug);
        assert!(
            !slug.ends_with('é'),
            "the last grapheme keeps its second mark"
        );
    }

    #[test]
    fn a_single_huge_grapheme_is_cut_by_char() {
        let stacked = format!("a{}", "\u{0301}".repeat(300));
        let slug = slugify(&stacked);
        assert!(!slug.is_empty());
        assert!(slug.len() <= MAX_SLUG_BYTES);
        assert_eq!(slugify(&slug), slug);
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("hello-world"));
        assert!(is_valid_slug("می‌خواهم-بروم"));
        assert!(!is_valid_slug("-hello"));
        assert!(!is_valid_slug("hello--world"));
        assert!(!is_valid_slug("Hello"));
        assert!(!is_valid_slug(""));
    }
}
