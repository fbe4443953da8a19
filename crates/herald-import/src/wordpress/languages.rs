//! Language sections an import creates when the site lacks them, with the
//! settings a reader of that language expects: direction, calendar, digits.

use herald_core::Language;
use herald_core::calendar::{Calendar, Digits};

/// Languages written right to left.
const RTL: &[&str] = &["ar", "fa", "he", "ur", "ps", "ckb", "sd", "ug", "yi", "dv"];

/// A language code as Herald uses it in URLs: WordPress's `en-US` or
/// `fa_IR` becomes `en` or `fa`. `None` for something that is not a code.
pub fn normalise_code(raw: &str) -> Option<String> {
    let primary = raw.trim().split(['-', '_']).next().unwrap_or_default();
    let code = primary.to_ascii_lowercase();
    let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    valid.then_some(code)
}

/// A new language section for `code` at `position`, named in its own
/// language where Herald knows it.
pub fn new_language(code: &str, position: i32, site_name: &str) -> Language {
    let (name, calendar, digits, date_format, read_more) = match code {
        "en" => (
            "English",
            Calendar::Gregorian,
            Digits::Latin,
            "{month} {d}, {y}",
            "",
        ),
        "fa" => (
            "فارسی",
            Calendar::SolarHijri,
            Digits::Persian,
            "{d} {month} {y}",
            "",
        ),
        "ar" => (
            "العربية",
            Calendar::Gregorian,
            Digits::Arabic,
            "{d} {month} {y}",
            "",
        ),
        _ => (
            code,
            Calendar::Gregorian,
            Digits::Latin,
            "{d} {month} {y}",
            "",
        ),
    };
    Language {
        code: code.to_owned(),
        name: name.to_owned(),
        direction: if RTL.contains(&code) {
            herald_core::Direction::Rtl
        } else {
            herald_core::Direction::Ltr
        },
        calendar,
        digits,
        date_format: date_format.to_owned(),
        site_name: site_name.to_owned(),
        tagline: String::new(),
        read_more: read_more.to_owned(),
        posts_per_page: 10,
        excerpt_words: 55,
        menu: Vec::new(),
        position,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_primary_subtags() {
        assert_eq!(normalise_code("en-US").as_deref(), Some("en"));
        assert_eq!(normalise_code("fa_IR").as_deref(), Some("fa"));
        assert_eq!(normalise_code("ckb").as_deref(), Some("ckb"));
        assert_eq!(normalise_code(""), None);
        assert_eq!(normalise_code("english"), None);
        assert_eq!(normalise_code("e1"), None);
    }

    #[test]
    fn persian_is_right_to_left_with_its_calendar() {
        let fa = new_language("fa", 1, "سایت");
        assert_eq!(fa.direction, herald_core::Direction::Rtl);
        assert_eq!(fa.calendar, Calendar::SolarHijri);
        assert_eq!(
            new_language("de", 2, "x").direction,
            herald_core::Direction::Ltr
        );
    }
}
