//! The Solar Hijri (Jalali) calendar, official in Iran and Afghanistan.
//!
//! The real calendar starts each year at the vernal equinox as observed in
//! Tehran, so no simple leap rule matches it. Kazimierz Borkowski's arithmetic
//! ("The Persian calendar for 3000 years", Earth, Moon and Planets 74, 1996),
//! the algorithm behind jalaali-js and most Jalali libraries, reproduces the
//! astronomical calendar with a table of the years where its 33-year leap
//! pattern breaks. It is exact for Jalali years −61 to 3177 (Gregorian 560 to
//! 3798); outside that range the nearest 33-year pattern is extended.
//!
//! Months 1–6 have 31 days, months 7–11 have 30, Esfand has 29 or 30.

use super::CivilDate;
use super::gregorian::{civil_date, civil_from_days, days_from_civil};

/// Jalali years at which the 33-year leap pattern restarts (Borkowski).
const BREAKS: [i64; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// Days in the first six months (6 × 31).
const FIRST_HALF: i64 = 186;

/// Days since 1970-01-01 of Nowruz (1 Farvardin) of Jalali year `year`.
pub(super) fn nowruz(year: i64) -> i64 {
    let gregorian_year = year + 621;
    let march_day = 20 + jalali_leaps_before(year) - gregorian_leaps_before(gregorian_year);
    first_of_march(gregorian_year) + march_day - 1
}

/// Borkowski's count of Jalali leap days up to `year`, offset to line up with
/// [`gregorian_leaps_before`]. Uses truncating division, like the original.
fn jalali_leaps_before(year: i64) -> i64 {
    let mut leaps = -14;
    let mut start = BREAKS[0];
    let mut jump = 0;
    for &next in &BREAKS[1..] {
        jump = next - start;
        if year < next {
            break;
        }
        leaps += jump / 33 * 8 + jump % 33 / 4;
        start = next;
    }
    let n = year - start;
    leaps += n / 33 * 8 + (n % 33 + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leaps += 1;
    }
    leaps
}

/// Gregorian leap days up to `year`, offset as in Borkowski's algorithm.
fn gregorian_leaps_before(year: i64) -> i64 {
    year / 4 - (year / 100 + 1) * 3 / 4 - 150
}

fn first_of_march(gregorian_year: i64) -> i64 {
    let year = i32::try_from(gregorian_year).unwrap_or(if gregorian_year < 0 {
        i32::MIN
    } else {
        i32::MAX
    });
    days_from_civil(year, 3, 1)
}

/// Days from Nowruz to the first day of `month` (1–12).
fn month_offset(month: i64) -> i64 {
    if month <= 6 {
        (month - 1) * 31
    } else {
        FIRST_HALF + (month - 7) * 30
    }
}

/// The Jalali date of a day count.
pub(super) fn from_days(days: i64) -> CivilDate {
    let mut year = i64::from(civil_from_days(days).year) - 621;
    let mut start = nowruz(year);
    if days < start {
        year -= 1;
        start = nowruz(year);
    }
    let day_of_year = days - start;
    let (month, day) = if day_of_year < FIRST_HALF {
        (1 + day_of_year / 31, 1 + day_of_year % 31)
    } else {
        let rest = day_of_year - FIRST_HALF;
        (7 + rest / 30, 1 + rest % 30)
    };
    civil_date(year, month, day)
}

/// The day count of a Jalali date; out-of-range months and days roll over.
pub(super) fn to_days(date: CivilDate) -> i64 {
    let months = i64::from(date.month) - 1;
    let year = i64::from(date.year) + months.div_euclid(12);
    let month = months.rem_euclid(12) + 1;
    nowruz(year) + month_offset(month) + i64::from(date.day) - 1
}

/// Days in `month` of Jalali `year`.
pub(super) fn month_length(year: i64, month: u32) -> u32 {
    match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if nowruz(year + 1) - nowruz(year) == 366 => 30,
        12 => 29,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jalali(year: i32, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    fn from_gregorian(year: i32, month: u32, day: u32) -> CivilDate {
        from_days(days_from_civil(year, month, day))
    }

    #[test]
    fn known_dates() {
        assert_eq!(from_gregorian(2026, 3, 21), jalali(1405, 1, 1));
        assert_eq!(from_gregorian(2026, 3, 20), jalali(1404, 12, 29));
        assert_eq!(from_gregorian(2025, 3, 21), jalali(1404, 1, 1));
        assert_eq!(from_gregorian(2025, 3, 20), jalali(1403, 12, 30));
        assert_eq!(from_gregorian(2024, 3, 20), jalali(1403, 1, 1));
        assert_eq!(from_gregorian(2024, 3, 19), jalali(1402, 12, 29));
        assert_eq!(from_gregorian(2026, 11, 29), jalali(1405, 9, 8));
        assert_eq!(from_gregorian(1979, 2, 11), jalali(1357, 11, 22));
        assert_eq!(from_gregorian(1981, 8, 17), jalali(1360, 5, 26));
        assert_eq!(from_gregorian(2013, 1, 10), jalali(1391, 10, 21));
        assert_eq!(from_gregorian(2014, 8, 4), jalali(1393, 5, 13));
        assert_eq!(from_gregorian(2016, 3, 20), jalali(1395, 1, 1));
        assert_eq!(from_gregorian(1925, 3, 21), jalali(1304, 1, 1));
    }

    #[test]
    fn leap_years() {
        let leap = |year| month_length(year, 12) == 30;
        for year in [1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408] {
            assert!(leap(year), "{year} is leap");
        }
        for year in [1371, 1392, 1393, 1394, 1396, 1400, 1402, 1404, 1405, 1407] {
            assert!(!leap(year), "{year} is common");
        }
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
    fn nowruz_stays_near_the_equinox() {
        for year in 1179..=1679 {
            let date = civil_from_days(nowruz(year));
            assert_eq!(date.month, 3, "{year}");
            assert!((19..=22).contains(&date.day), "{year}: {date:?}");
        }
    }

    #[test]
    fn extreme_years_do_not_panic() {
        let _ = from_days(i64::MAX);
        let _ = from_days(i64::MIN);
        let _ = to_days(jalali(i32::MAX, u32::MAX, u32::MAX));
        let _ = to_days(jalali(i32::MIN, 0, 0));
    }
}
