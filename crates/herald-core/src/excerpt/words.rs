//! Words, as an excerpt counts and cuts them.
//!
//! English, Persian and Arabic separate words with whitespace (a ZWNJ inside a
//! Persian word is *not* a separator; a no-break space is). Chinese and Japanese
//! do not separate words at all, so each ideograph, kana or hangul syllable
//! counts as a word of its own and a cut may fall between any two of them; the
//! punctuation that follows one (`。`) stays with it. Counting by grapheme
//! keeps combining marks, variation selectors and jamo with their base.

use unicode_segmentation::UnicodeSegmentation;

/// How many words an excerpt keeps when the language does not say.
pub const DEFAULT_EXCERPT_WORDS: usize = 55;

/// Appended to a text that was cut.
pub const ELLIPSIS: char = '…';

/// Punctuation that reads badly right before "…" and is dropped there.
pub(crate) const TRAILING_PUNCTUATION: &[char] = &[
    ',', ';', ':', '.', '،', '؛', '۔', '，', '；', '：', '、', '。',
];

/// One word and whether whitespace came before it in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word<'a> {
    text: &'a str,
    spaced: bool,
}

/// The words of `text` in order (see the module docs for what a word is).
///
/// # Examples
///
/// ```
/// use herald_core::excerpt::words;
///
/// let w: Vec<_> = words("می\u{200C}خواهم  بروم東京").collect();
/// assert_eq!(w, ["می\u{200C}خواهم", "بروم", "東", "京"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    spaced_words(text).map(|w| w.text)
}

/// How many words `text` has.
pub fn word_count(text: &str) -> usize {
    spaced_words(text).count()
}

fn spaced_words(text: &str) -> impl Iterator<Item = Word<'_>> {
    text.split_whitespace().flat_map(|token| {
        TokenWords { rest: token }
            .enumerate()
            .map(|(i, text)| Word {
                text,
                spaced: i == 0,
            })
    })
}

/// Splits one whitespace-free token into words: itself, unless it holds CJK.
struct TokenWords<'a> {
    rest: &'a str,
}

impl<'a> Iterator for TokenWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut graphemes = self.rest.grapheme_indices(true);
        let (_, first) = graphemes.next()?;
        let cjk = first.chars().next().is_some_and(is_cjk);
        let end = graphemes
            .find(|(_, g)| g.chars().next().is_some_and(|c| starts_word(c, cjk)))
            .map_or(self.rest.len(), |(pos, _)| pos);
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(word)
    }
}

/// Whether a grapheme starting with `c` begins a new word inside a token,
/// given whether the current word is a CJK character.
fn starts_word(c: char, in_cjk_word: bool) -> bool {
    is_cjk(c) || (in_cjk_word && c.is_alphanumeric())
}

/// Ideographs, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{1100}'..='\u{11FF}'      // Hangul jamo
            | '\u{2E80}'..='\u{2FDF}' // CJK and Kangxi radicals
            | '\u{3005}'..='\u{3007}' // 々 〆 〇
            | '\u{3021}'..='\u{3029}' // Hangzhou numerals
            | '\u{3031}'..='\u{3035}' // kana repeat marks
            | '\u{3038}'..='\u{303C}'
            | '\u{3040}'..='\u{31FF}' // kana, bopomofo, compatibility jamo
            | '\u{3400}'..='\u{4DBF}' // extension A
            | '\u{4E00}'..='\u{9FFF}' // unified ideographs
            | '\u{A960}'..='\u{A97F}' // hangul jamo extended-A
            | '\u{AC00}'..='\u{D7FF}' // hangul syllables, jamo extended-B
            | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
            | '\u{FF66}'..='\u{FFDC}' // halfwidth katakana and hangul
            | '\u{1B000}'..='\u{1B16F}' // kana supplement and extensions
            | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

/// The first `max_words` words of `text` (0 means [`DEFAULT_EXCERPT_WORDS`]),
/// with whitespace collapsed, followed by "…" only when words were left out.
///
/// A cut never falls inside a word; a comma, semicolon or colon right before
/// the "…" is dropped.
///
/// # Examples
///
/// ```
/// use herald_core::excerpt::cut_words;
///
/// assert_eq!(cut_words("one two, three", 2), "one two…");
/// assert_eq!(cut_words("one  two", 2), "one two");
/// assert_eq!(cut_words("東京は晴れ", 3), "東京は…");
/// ```
pub fn cut_words(text: &str, max_words: usize) -> String {
    let max = if max_words == 0 {
        DEFAULT_EXCERPT_WORDS
    } else {
        max_words
    };
    let mut all = spaced_words(text);
    let kept: Vec<Word<'_>> = all.by_ref().take(max).collect();
    let cut = all.next().is_some();
    let mut out = String::with_capacity(text.len().min(max.saturating_mul(16)));
    for (i, word) in kept.iter().enumerate() {
        if word.spaced && i > 0 {
            out.push(' ');
        }
        let last = i + 1 == kept.len();
        out.push_str(if cut && last {
            trim_trailing_punctuation(word.text)
        } else {
            word.text
        });
    }
    if cut {
        out.push(ELLIPSIS);
    }
    out
}

/// `word` without trailing commas, semicolons or colons, unless that leaves nothing.
fn trim_trailing_punctuation(word: &str) -> &str {
    match word.trim_end_matches(TRAILING_PUNCTUATION) {
        "" => word,
        trimmed => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<&str> {
        words(text).collect()
    }

    #[test]
    fn whitespace_separates_words() {
        assert_eq!(
            all(" one\ttwo\nthree\u{A0}four "),
            ["one", "two", "three", "four"]
        );
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("   "), 0);
    }

    #[test]
    fn zwnj_does_not_separate_words() {
        assert_eq!(
            all("می\u{200C}خواهم کتاب\u{200C}ها"),
            ["می\u{200C}خواهم", "کتاب\u{200C}ها"]
        );
    }

    #[test]
    fn each_cjk_character_is_a_word() {
        assert_eq!(all("東京タワー"), ["東", "京", "タ", "ワ", "ー"]);
        assert_eq!(all("你好。世界"), ["你", "好。", "世", "界"]);
        assert_eq!(all("Hello世界abc"), ["Hello", "世", "界", "abc"]);
        assert_eq!(all("한국어 뉴스"), ["한", "국", "어", "뉴", "스"]);
    }

    #[test]
    fn marks_stay_with_their_base() {
        assert_eq!(all("か\u{3099}き"), ["か\u{3099}", "き"]);
        assert_eq!(
            all("\u{1100}\u{1161}\u{11A8}\u{1100}"),
            ["\u{1100}\u{1161}\u{11A8}", "\u{1100}"]
        );
    }

    #[test]
    fn cut_only_when_needed() {
        assert_eq!(cut_words("one two three", 3), "one two three");
        assert_eq!(cut_words("one two three", 5), "one two three");
        assert_eq!(cut_words("one two three", 2), "one two…");
        assert_eq!(cut_words("", 2), "");
    }

    #[test]
    fn zero_means_default() {
        let text = "w ".repeat(100);
        let cut = cut_words(&text, 0);
        assert_eq!(word_count(&cut), DEFAULT_EXCERPT_WORDS);
        assert!(cut.ends_with(ELLIPSIS));
    }

    #[test]
    fn trailing_punctuation_before_ellipsis() {
        assert_eq!(cut_words("one, two", 1), "one…");
        assert_eq!(cut_words("یک، دو", 1), "یک…");
        assert_eq!(cut_words("one: two", 1), "one…");
        assert_eq!(cut_words("one. two", 1), "one…");
        assert_eq!(cut_words(", two", 1), ",…");
    }

    #[test]
    fn persian_and_arabic_cut_at_spaces() {
        assert_eq!(
            cut_words("من می\u{200C}خواهم کتاب بخوانم", 2),
            "من می\u{200C}خواهم…"
        );
        assert_eq!(cut_words("هذا نص عربي طويل", 3), "هذا نص عربي…");
    }

    #[test]
    fn cjk_cut_between_characters() {
        assert_eq!(cut_words("東京は晴れ", 3), "東京は…");
        assert_eq!(cut_words("日本 語", 2), "日本…");
        assert_eq!(cut_words("日本 語", 3), "日本 語");
    }
}
