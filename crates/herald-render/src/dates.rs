//! Showing instants: UTC seconds → the site's time zone → the language's calendar,
//! month names and digits.

use chrono::{Datelike, TimeZone, Utc};
pub use chrono_tz::Tz;
use herald_core::calendar::{CivilDate, format_date};
use herald_core::{Language, Timestamp};

/// A parsed site time zone; UTC when the name is unknown.
pub fn time_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// Whether `name` is a time zone Herald knows.
pub fn is_time_zone(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

/// The local civil (Gregorian) date of an instant in `tz`.
fn local_date(at: Timestamp, tz: Tz) -> CivilDate {
    let utc = Utc.timestamp_opt(at, 0).single().unwrap_or_default();
    let local = utc.with_timezone(&tz);
    CivilDate {
        year: local.year(),
        month: local.month(),
        day: local.day(),
    }
}

/// The date as a reader of `language` expects it: "November 29, 2026", "۸ آذر ۱۴۰۵".
pub fn display_date(at: Timestamp, tz: Tz, language: &Language) -> String {
    format_date(
        &language.date_format,
        local_date(at, tz),
        language.calendar,
        &language.code,
        language.digits,
    )
}

/// RFC 3339 with the site's offset, for `<time datetime>`.
pub fn machine_date(at: Timestamp, tz: Tz) -> String {
    let utc = Utc.timestamp_opt(at, 0).single().unwrap_or_default();
    utc.with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The `YYYY-MM-DDTHH:MM` wall-clock time of an instant in `tz`, as an HTML
/// `datetime-local` input shows it.
pub fn local_input(at: Timestamp, tz: Tz) -> String {
    let utc = Utc.timestamp_opt(at, 0).single().unwrap_or_default();
    utc.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// The instant of a `YYYY-MM-DDTHH:MM` wall-clock time in `tz` (seconds may
/// follow); `None` when it is malformed or does not exist there (a gap when
/// clocks go forward). A time that happens twice is the earlier one.
pub fn parse_local_input(input: &str, tz: Tz) -> Option<Timestamp> {
    let input = input.trim();
    let naive = chrono::NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|at| at.timestamp())
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn local_inputs_round_trip_in_the_zone() {
        let tz = time_zone("Asia/Tehran");
        let at = parse_local_input("2026-11-29T10:30", tz).expect("valid");
        assert_eq!(at, 1_795_953_600 - 5 * 3600);
        assert_eq!(local_input(at, tz), "2026-11-29T10:30");
        assert_eq!(parse_local_input("2026-02-30T10:00", tz), None);
        assert_eq!(parse_local_input("tomorrow", tz), None);
        assert_eq!(parse_local_input("2026-11-29T25:00", tz), None);
    }
}
