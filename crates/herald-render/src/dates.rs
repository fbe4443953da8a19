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
