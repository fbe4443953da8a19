//! Reading WXR field values: dates, ids, flags and text.

use herald_core::Timestamp;

/// Largest id accepted: beyond 2^53 an id no longer survives JSON or a
/// JavaScript client, and no WordPress site gets there.
pub(crate) const MAX_ID: i64 = 1 << 53;

/// A WordPress date (`2019-03-04 12:00:00`) as seconds since the epoch,
/// reading it as UTC. `Ok(None)` for an empty or zero date
/// (`0000-00-00 00:00:00`, how WordPress writes "not set"); `Err(())` for
/// anything else that is not a real date and time.
pub(crate) fn parse_date(raw: &str) -> Result<Option<Timestamp>, ()> {
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with("0000-00-00") {
        return Ok(None);
    }
    let bytes = raw.as_bytes();
    let shape_ok = bytes.len() == 19
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes[10] == b' ' || bytes[10] == b'T')
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !shape_ok {
        return Err(());
    }
    let number = |from: usize, to: usize| -> Result<i64, ()> {
        let digits = &raw[from..to];
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            digits.parse().map_err(|_| ())
        } else {
            Err(())
        }
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60
        && second < 60;
    if !valid {
        return Err(());
    }
    Ok(Some(
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second,
    ))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// An id WordPress could have given: 1 ..= 2^53.
pub(crate) fn parse_id(raw: &str) -> Option<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| (1..=MAX_ID).contains(id))
}

/// A reference to another id where 0 means none (`post_parent`,
/// `comment_parent`, `comment_user_id`).
pub(crate) fn parse_reference(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(0);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| (0..=MAX_ID).contains(id))
}

/// Field bytes as text: line ends normalised to `\n` as XML requires;
/// invalid UTF-8 replaced (and reported by the caller).
pub(crate) fn to_text(bytes: Vec<u8>) -> (String, bool) {
    let (mut text, valid) = match String::from_utf8(bytes) {
        Ok(text) => (text, true),
        Err(error) => (
            String::from_utf8_lossy(error.as_bytes()).into_owned(),
            false,
        ),
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    (text, valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01 00:00:00"), Ok(Some(0)));
        assert_eq!(parse_date("2019-03-04 12:00:00"), Ok(Some(1_551_700_800)));
        assert_eq!(parse_date("2024-02-29 23:59:59"), Ok(Some(1_709_251_199)));
        assert_eq!(parse_date("0000-00-00 00:00:00"), Ok(None));
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2019-13-45 00:00:00"), Err(()));
        assert_eq!(parse_date("2023-02-29 00:00:00"), Err(()));
        assert_eq!(parse_date("2019-03-04"), Err(()));
        assert_eq!(parse_date("2019-03-04 1a:00:00"), Err(()));
    }

    #[test]
    fn ids() {
        assert_eq!(parse_id("12"), Some(12));
        assert_eq!(parse_id("0"), None);
        assert_eq!(parse_id("-3"), None);
        assert_eq!(parse_id("9007199254740993"), None);
        assert_eq!(parse_reference(""), Some(0));
        assert_eq!(parse_reference("-1"), None);
    }
}
