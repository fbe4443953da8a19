//! Writing a date for a reader: date patterns and digit shaping.
//!
//! A language's date format is a small pattern (`{d} {month} {y}`) rather than
//! strftime, because the interesting parts — which calendar, which month
//! names, which digits — come from the language, not the pattern, and editors
//! can read a pattern of words.

use super::{Calendar, CivilDate, Digits, date_from_days, days_from_civil, weekday_from_days};
use super::{month_name, weekday_name};

/// `text` with every digit (Latin, Persian or Arabic-Indic) written in `digits`;
/// everything else is left alone.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Digits, localise_digits};
///
/// assert_eq!(localise_digits("Page 12", Digits::Persian), "Page ۱۲");
/// assert_eq!(localise_digits("2026", Digits::Arabic), "٢٠٢٦");
/// assert_eq!(localise_digits("۱۴۰۵", Digits::Latin), "1405");
/// ```
pub fn localise_digits(text: &str, digits: Digits) -> String {
    text.chars()
        .map(|c| digit_value(c).and_then(|v| digits.digit(v)).unwrap_or(c))
        .collect()
}

/// The value of a Latin, Persian or Arabic-Indic digit.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        _ => None,
    }
}

/// A placeholder in a date pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Day,
    Day2,
    Month,
    Month2,
    MonthName,
    Year,
    Weekday,
}

impl Token {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "d" => Token::Day,
            "dd" => Token::Day2,
            "m" => Token::Month,
            "mm" => Token::Month2,
            "month" => Token::MonthName,
            "y" => Token::Year,
            "weekday" => Token::Weekday,
            _ => return None,
        })
    }
}

/// A Gregorian date written with `pattern` in `calendar`, language `lang` and `digits`.
///
/// Placeholders: `{d}` day, `{dd}` two-digit day, `{m}` month number, `{mm}`
/// two-digit month, `{month}` month name, `{y}` year, `{weekday}` weekday name.
/// Anything else, unknown placeholders included, is copied as written; only
/// the numbers that placeholders produce are written in `digits`.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Calendar, CivilDate, Digits, format_date};
///
/// let day = CivilDate::new(2026, 11, 29);
/// assert_eq!(
///     format_date("{d} {month} {y}", day, Calendar::SolarHijri, "fa", Digits::Persian),
///     "۸ آذر ۱۴۰۵"
/// );
/// assert_eq!(
///     format_date("{month} {d}, {y}", day, Calendar::Gregorian, "en", Digits::Latin),
///     "November 29, 2026"
/// );
/// assert_eq!(
///     format_date("{y}/{mm}/{dd}", day, Calendar::SolarHijri, "fa", Digits::Latin),
///     "1405/09/08"
/// );
/// ```
pub fn format_date(
    pattern: &str,
    gregorian: CivilDate,
    calendar: Calendar,
    lang: &str,
    digits: Digits,
) -> String {
    let days = days_from_civil(gregorian.year, gregorian.month, gregorian.day);
    let date = date_from_days(calendar, days);
    let value = |token| match token {
        Token::Day => localise_digits(&date.day.to_string(), digits),
        Token::Day2 => localise_digits(&format!("{:02}", date.day), digits),
        Token::Month => localise_digits(&date.month.to_string(), digits),
        Token::Month2 => localise_digits(&format!("{:02}", date.month), digits),
        Token::MonthName => month_name(calendar, date.month, lang).to_owned(),
        Token::Year => localise_digits(&date.year.to_string(), digits),
        Token::Weekday => weekday_name(weekday_from_days(days), lang).to_owned(),
    };
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let (literal, from_brace) = rest.split_at(open);
        out.push_str(literal);
        match placeholder(from_brace) {
            Some((token, len)) => {
                out.push_str(&value(token));
                rest = from_brace.get(len..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = from_brace.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder at the start of `s` (which starts with `{`) and its length in bytes.
fn placeholder(s: &str) -> Option<(Token, usize)> {
    let close = s.find('}')?;
    let token = Token::parse(s.get(1..close)?)?;
    Some((token, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: CivilDate = CivilDate {
        year: 2026,
        month: 11,
        day: 29,
    };

    #[test]
    fn digits() {
        assert_eq!(localise_digits("0123456789", Digits::Persian), "۰۱۲۳۴۵۶۷۸۹");
        assert_eq!(localise_digits("0123456789", Digits::Arabic), "٠١٢٣٤٥٦٧٨٩");
        assert_eq!(localise_digits("٠١٢ ۳۴۵", Digits::Latin), "012 345");
        assert_eq!(localise_digits("٠١٢", Digits::Persian), "۰۱۲");
        assert_eq!(
            localise_digits("no digits ²", Digits::Arabic),
            "no digits ²"
        );
    }

    #[test]
    fn formats_each_calendar() {
        let fa = format_date(
            "{d} {month} {y}",
            DAY,
            Calendar::SolarHijri,
            "fa",
            Digits::Persian,
        );
        assert_eq!(fa, "۸ آذر ۱۴۰۵");
        let en = format_date(
            "{month} {d}, {y}",
            DAY,
            Calendar::Gregorian,
            "en",
            Digits::Latin,
        );
        assert_eq!(en, "November 29, 2026");
        let ar = format_date(
            "{d} {month} {y}",
            DAY,
            Calendar::Hijri,
            "ar",
            Digits::Arabic,
        );
        assert_eq!(ar, "١٨ جمادى الآخرة ١٤٤٨");
        let ar_greg = format_date(
            "{d} {month} {y}",
            DAY,
            Calendar::Gregorian,
            "ar",
            Digits::Arabic,
        );
        assert_eq!(ar_greg, "٢٩ نوفمبر ٢٠٢٦");
    }

    #[test]
    fn numeric_and_weekday_tokens() {
        let s = format_date(
            "{weekday} {y}-{mm}-{dd} {m}/{d}",
            DAY,
            Calendar::Gregorian,
            "en",
            Digits::Latin,
        );
        assert_eq!(s, "Sunday 2026-11-29 11/29");
        let jan = CivilDate::new(2026, 1, 5);
        let s = format_date(
            "{dd}.{mm}.{y}",
            jan,
            Calendar::Gregorian,
            "fa",
            Digits::Persian,
        );
        assert_eq!(s, "۰۵.۰۱.۲۰۲۶");
        let s = format_date(
            "{weekday}",
            DAY,
            Calendar::SolarHijri,
            "fa",
            Digits::Persian,
        );
        assert_eq!(s, "یکشنبه");
    }

    #[test]
    fn only_token_digits_are_localised() {
        let s = format_date(
            "2x {d} {}{ {x} {d",
            DAY,
            Calendar::Gregorian,
            "fa",
            Digits::Persian,
        );
        assert_eq!(s, "2x ۲۹ {}{ {x} {d");
        assert_eq!(
            format_date("", DAY, Calendar::Hijri, "ar", Digits::Arabic),
            ""
        );
        assert_eq!(
            format_date("{", DAY, Calendar::Hijri, "ar", Digits::Arabic),
            "{"
        );
    }
}
