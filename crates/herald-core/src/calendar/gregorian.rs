//! The proleptic Gregorian calendar as a count of days since 1970-01-01, the
//! common ground every other calendar converts through.
//!
//! The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`
//! (<https://howardhinnant.github.io/date_algorithms.html>): exact for every
//! year, no tables, no floating point.

use super::CivilDate;

/// Days are clamped to this many either side of 1970 (about ±1.9 billion
/// years) so that the year always fits an `i32` and nothing overflows.
const DAY_LIMIT: i64 = 700_000_000_000;

/// Days since 1970-01-01 (negative before) of a Gregorian date.
///
/// Out-of-range months and days roll over like a wall calendar would:
/// month 13 is January of the next year, day 0 the last day of the previous
/// month, 2026-02-30 is 2026-03-02.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::days_from_civil;
///
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2000, 3, 1), 11_017);
/// assert_eq!(days_from_civil(1969, 12, 31), -1);
/// ```
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let months = i64::from(month) - 1;
    let year = i64::from(year) + months.div_euclid(12);
    let month = months.rem_euclid(12) + 1;
    first_of_month(year, month) + i64::from(day) - 1
}

/// Days since 1970-01-01 of the first day of `month` (1–12) in `year`.
fn first_of_month(year: i64, month: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The Gregorian date `days` after 1970-01-01 (the inverse of [`days_from_civil`]).
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{CivilDate, civil_from_days};
///
/// assert_eq!(civil_from_days(0), CivilDate { year: 1970, month: 1, day: 1 });
/// assert_eq!(civil_from_days(20_786), CivilDate { year: 2026, month: 11, day: 29 });
/// ```
pub fn civil_from_days(days: i64) -> CivilDate {
    let z = clamp_days(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    civil_date(year, month, day)
}

/// `days` limited to the range every calendar here can represent.
pub(super) fn clamp_days(days: i64) -> i64 {
    days.clamp(-DAY_LIMIT, DAY_LIMIT)
}

/// Build a [`CivilDate`] from parts already known to be in range.
pub(super) fn civil_date(year: i64, month: i64, day: i64) -> CivilDate {
    let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
    CivilDate {
        year,
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

/// Day of the week of a day count: 0 = Sunday … 6 = Saturday.
pub fn weekday_from_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    u32::try_from((days + 4).rem_euclid(7)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 1, 1), 10_957);
        assert_eq!(days_from_civil(2026, 11, 29), 20_786);
        assert_eq!(days_from_civil(1600, 3, 1), -135_080);
        assert_eq!(civil_from_days(-719_468), date(0, 3, 1));
    }

    #[test]
    fn round_trip_over_centuries() {
        let start = days_from_civil(1600, 1, 1);
        let end = days_from_civil(2500, 1, 1);
        let mut previous = civil_from_days(start - 1);
        for days in start..end {
            let d = civil_from_days(days);
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
            assert!(d > previous, "{d:?} after {previous:?}");
            previous = d;
        }
    }

    #[test]
    fn out_of_range_parts_roll_over() {
        assert_eq!(
            civil_from_days(days_from_civil(2026, 13, 1)),
            date(2027, 1, 1)
        );
        assert_eq!(
            civil_from_days(days_from_civil(2026, 3, 0)),
            date(2026, 2, 28)
        );
        assert_eq!(
            civil_from_days(days_from_civil(2024, 2, 30)),
            date(2024, 3, 1)
        );
        assert_eq!(
            civil_from_days(days_from_civil(2026, 0, 1)),
            date(2025, 12, 1)
        );
    }

    #[test]
    fn extremes_do_not_overflow() {
        let _ = days_from_civil(i32::MAX, u32::MAX, u32::MAX);
        let _ = days_from_civil(i32::MIN, 0, 0);
        assert!(civil_from_days(i64::MAX).year > 1_000_000_000);
        assert!(civil_from_days(i64::MIN).year < -1_000_000_000);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday_from_days(0), 4);
        assert_eq!(weekday_from_days(days_from_civil(2026, 11, 29)), 0);
        assert_eq!(weekday_from_days(-1), 3);
    }
}
