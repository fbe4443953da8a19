//! Front-matter dates as Hugo and Zola write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use herald_core::Timestamp;

/// A front-matter date: RFC 3339, or a local date and time (in the site's
/// time zone) such as `2024-03-01`, `2024-03-01 09:30` or `2024-03-01T09:30:00`.
pub(super) fn parse_date(text: &str, tz: Tz) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.timestamp());
    }
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
        return Some(at.timestamp());
    }
    let local = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|at| at.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_usual_shape() {
        assert_eq!(parse_date("1970-01-02", Tz::UTC), Some(86_400));
        assert_eq!(parse_date("1970-01-01T01:00:00Z", Tz::UTC), Some(3600));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00", Tz::UTC), Some(0));
        assert_eq!(parse_date("1970-01-01 03:30", Tz::Asia__Tehran), Some(0));
        assert_eq!(parse_date("2024-02-30", Tz::UTC), None);
        assert_eq!(parse_date("yesterday", Tz::UTC), None);
    }
}
