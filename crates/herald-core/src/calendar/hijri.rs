//! The tabular Islamic (Hijri) calendar.
//!
//! The religious Hijri calendar follows sightings of the new moon and cannot be
//! computed ahead; printed news dates conventionally use an arithmetic version.
//! Herald uses the *civil* (Friday) epoch — 1 Muharram 1 AH is Julian 16 July
//! 622 (Gregorian 19 July 622, Julian Day Number 1 948 440) — and the most
//! common leap rule (type II, the one in Fourmilab's converter, ICU's
//! `islamic-civil` and .NET's `HijriCalendar`): in each 30-year cycle, years 2, 5,
//! 7, 10, 13, 16, 18, 21, 24, 26 and 29 have 355 days, the others 354. Odd
//! months have 30 days, even months 29, and Dhu al-Hijjah 30 in leap years.
//! The result may differ by a day or two from a sighted calendar such as Umm
//! al-Qura.

use super::CivilDate;
use super::gregorian::civil_date;

/// Days since 1970-01-01 of 1 Muharram 1 AH (JDN 1 948 440 − JDN 2 440 588).
const EPOCH: i64 = 1_948_440 - 2_440_588;

/// Days since 1970-01-01 of 1 Muharram of `year`.
fn year_start(year: i64) -> i64 {
    EPOCH + 354 * (year - 1) + (3 + 11 * year).div_euclid(30)
}

/// Days from 1 Muharram to the first day of `month` (1–12): ⌈29.5 × (month − 1)⌉.
fn month_offset(month: i64) -> i64 {
    (59 * (month - 1) + 1) / 2
}

/// The Hijri date of a day count.
pub(super) fn from_days(days: i64) -> CivilDate {
    let mut year = (30 * (days - EPOCH) + 10_646).div_euclid(10_631);
    while year_start(year + 1) <= days {
        year += 1;
    }
    while year_start(year) > days {
        year -= 1;
    }
    let day_of_year = days - year_start(year);
    let month = (1..=12)
        .rev()
        .find(|&m| month_offset(m) <= day_of_year)
        .unwrap_or(1);
    civil_date(year, month, day_of_year - month_offset(month) + 1)
}

/// The day count of a Hijri date; out-of-range months and days roll over.
pub(super) fn to_days(date: CivilDate) -> i64 {
    let months = i64::from(date.month) - 1;
    let year = i64::from(date.year) + months.div_euclid(12);
    let month = months.rem_euclid(12) + 1;
    year_start(year) + month_offset(month) + i64::from(date.day) - 1
}

/// Days in `month` of Hijri `year`.
pub(super) fn month_length(year: i64, month: u32) -> u32 {
    match month {
        12 if year_start(year + 1) - year_start(year) == 355 => 30,
        1..=12 if month % 2 == 1 => 30,
        1..=12 => 29,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::super::gregorian::days_from_civil;
    use super::*;

    fn hijri(year: i32, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    fn from_gregorian(year: i32, month: u32, day: u32) -> CivilDate {
        from_days(days_from_civil(year, month, day))
    }

    #[test]
    fn epoch_is_16_july_622_julian() {
        assert_eq!(from_gregorian(622, 7, 19), hijri(1, 1, 1));
        assert_eq!(from_gregorian(622, 7, 18), hijri(0, 12, 29));
    }

    #[test]
    fn known_dates() {
        // Fourmilab's converter agrees; sighted calendars may be a day or two ahead.
        assert_eq!(from_gregorian(2026, 11, 29), hijri(1448, 6, 18));
        assert_eq!(from_gregorian(2026, 2, 18), hijri(1447, 9, 1));
        assert_eq!(from_gregorian(2026, 6, 16), hijri(1447, 12, 30));
        assert_eq!(from_gregorian(2000, 1, 1), hijri(1420, 9, 24));
        assert_eq!(from_gregorian(2023, 7, 19), hijri(1445, 1, 1));
    }

    #[test]
    fn leap_rule() {
        let leap: Vec<i64> = (1..=30).filter(|&y| month_length(y, 12) == 30).collect();
        assert_eq!(leap, [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]);
        assert_eq!(year_start(31) - year_start(1), 10_631);
    }

    #[test]
    fn days_run_continuously_from_1800_to_2300() {
        let start = days_from_civil(1800, 1, 1);
        let end = days_from_civil(2300, 12, 31);
        let mut previous = from_days(start - 1);
        for days in start..=end {
            let date = from_days(days);
            assert_eq!(to_days(date), days, "{date:?}");
            let next_day = previous.day + 1 == date.day && previous.month == date.month;
            let next_month = date.day == 1
                && previous.day == month_length(i64::from(previous.year), previous.month)
                && (date.month == previous.month + 1 || (date.month == 1 && previous.month == 12));
            assert!(next_day || next_month, "{previous:?} then {date:?}");
            previous = date;
        }
    }

    #[test]
    fn extreme_days_do_not_panic() {
        let _ = to_days(hijri(i32::MAX, u32::MAX, u32::MAX));
        let _ = to_days(hijri(i32::MIN, 0, 0));
    }
}
