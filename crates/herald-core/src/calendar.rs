//! Calendars and digits: how a date reads on each language section.
//!
//! Posts store UTC instants; the render layer turns one into a local Gregorian
//! date and hands it here to be shown in the language's calendar, month names
//! and digits: "November 29, 2026" on `/en/`, "۸ آذر ۱۴۰۵" on `/fa/`,
//! "١٨ جمادى الآخرة ١٤٤٨" on an Arabic site using the Hijri calendar.
//!
//! - Gregorian: proleptic, via day counts since 1970-01-01 ([`days_from_civil`]).
//! - Solar Hijri (Jalali): Borkowski's arithmetic, exact for Gregorian years
//!   560–3798 (see the `jalali` submodule).
//! - Hijri: the tabular Islamic civil calendar, Friday epoch (16 July 622
//!   Julian), leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30
//!   (see the `hijri` submodule); it may differ by a day or two from a sighted
//!   calendar.
//!
//! Everything is integer arithmetic on day counts, so conversions are exact,
//! fast and never panic; absurd inputs (month 40, year `i32::MAX`) roll over or
//! saturate instead.

mod format;
mod gregorian;
mod hijri;
mod jalali;
mod names;

use serde::{Deserialize, Serialize};

pub use format::{format_date, localise_digits};
pub use gregorian::{civil_from_days, days_from_civil, weekday_from_days};
pub use names::{month_name, weekday_name};

/// The calendar a language shows dates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    SolarHijri,
    Hijri,
}

/// The digits a language writes numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    /// 0123456789
    Latin,
    /// ۰۱۲۳۴۵۶۷۸۹ (Extended Arabic-Indic, U+06F0–U+06F9)
    Persian,
    /// ٠١٢٣٤٥٦٧٨٩ (Arabic-Indic, U+0660–U+0669)
    Arabic,
}

/// A year, month (1–12) and day (1–31) in some calendar; which one is up to
/// the context. Ordering is chronological within one calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CivilDate {
    pub fn new(year: i32, month: u32, day: u32) -> Self {
        Self { year, month, day }
    }
}

impl Calendar {
    /// The word used in configuration and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::SolarHijri => "solar_hijri",
            Calendar::Hijri => "hijri",
        }
    }

    /// The inverse of [`Calendar::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "gregorian" => Some(Calendar::Gregorian),
            "solar_hijri" => Some(Calendar::SolarHijri),
            "hijri" => Some(Calendar::Hijri),
            _ => None,
        }
    }
}

impl Digits {
    /// The word used in configuration and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Latin => "latin",
            Digits::Persian => "persian",
            Digits::Arabic => "arabic",
        }
    }

    /// The inverse of [`Digits::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "latin" => Some(Digits::Latin),
            "persian" => Some(Digits::Persian),
            "arabic" => Some(Digits::Arabic),
            _ => None,
        }
    }

    /// The character for digit `value` (0–9).
    fn digit(self, value: u32) -> Option<char> {
        let zero = match self {
            Digits::Latin => '0',
            Digits::Persian => '\u{06F0}',
            Digits::Arabic => '\u{0660}',
        };
        (value < 10)
            .then(|| char::from_u32(u32::from(zero) + value))
            .flatten()
    }
}

/// The date in `calendar` of a Gregorian date.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Calendar, CivilDate, from_gregorian};
///
/// let day = CivilDate::new(2026, 11, 29);
/// assert_eq!(from_gregorian(Calendar::SolarHijri, day), CivilDate::new(1405, 9, 8));
/// assert_eq!(from_gregorian(Calendar::Hijri, day), CivilDate::new(1448, 6, 18));
/// ```
pub fn from_gregorian(calendar: Calendar, date: CivilDate) -> CivilDate {
    date_from_days(calendar, days_from_civil(date.year, date.month, date.day))
}

/// The Gregorian date of a date in `calendar` (the inverse of [`from_gregorian`]).
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Calendar, CivilDate, to_gregorian};
///
/// let nowruz = CivilDate::new(1405, 1, 1);
/// assert_eq!(to_gregorian(Calendar::SolarHijri, nowruz), CivilDate::new(2026, 3, 21));
/// ```
pub fn to_gregorian(calendar: Calendar, date: CivilDate) -> CivilDate {
    civil_from_days(days_from_date(calendar, date))
}

/// The date in `calendar` that is `days` days after 1970-01-01.
pub fn date_from_days(calendar: Calendar, days: i64) -> CivilDate {
    let days = gregorian::clamp_days(days);
    match calendar {
        Calendar::Gregorian => civil_from_days(days),
        Calendar::SolarHijri => jalali::from_days(days),
        Calendar::Hijri => hijri::from_days(days),
    }
}

/// Days since 1970-01-01 of a date in `calendar`; out-of-range months and days roll over.
pub fn days_from_date(calendar: Calendar, date: CivilDate) -> i64 {
    match calendar {
        Calendar::Gregorian => days_from_civil(date.year, date.month, date.day),
        Calendar::SolarHijri => jalali::to_days(date),
        Calendar::Hijri => hijri::to_days(date),
    }
}

/// How many days `month` (1–12) of `year` has in `calendar`; 0 for other months.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Calendar, days_in_month};
///
/// assert_eq!(days_in_month(Calendar::Gregorian, 2024, 2), 29);
/// assert_eq!(days_in_month(Calendar::SolarHijri, 1403, 12), 30);
/// assert_eq!(days_in_month(Calendar::Hijri, 1448, 1), 30);
/// ```
pub fn days_in_month(calendar: Calendar, year: i32, month: u32) -> u32 {
    match calendar {
        Calendar::Gregorian if (1..=12).contains(&month) => {
            let length = days_from_civil(year, month + 1, 1) - days_from_civil(year, month, 1);
            u32::try_from(length).unwrap_or(0)
        }
        Calendar::Gregorian => 0,
        Calendar::SolarHijri => jalali::month_length(i64::from(year), month),
        Calendar::Hijri => hijri::month_length(i64::from(year), month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in [Calendar::Gregorian, Calendar::SolarHijri, Calendar::Hijri] {
            assert_eq!(Calendar::parse(c.as_str()), Some(c));
        }
        for d in [Digits::Latin, Digits::Persian, Digits::Arabic] {
            assert_eq!(Digits::parse(d.as_str()), Some(d));
        }
        assert_eq!(Calendar::parse("julian"), None);
        assert_eq!(Digits::parse("roman"), None);
    }

    #[test]
    fn conversions_from_the_brief() {
        let pairs = [
            ((2026, 3, 21), (1405, 1, 1)),
            ((2025, 3, 21), (1404, 1, 1)),
            ((2024, 3, 20), (1403, 1, 1)),
            ((2026, 11, 29), (1405, 9, 8)),
            ((1979, 2, 11), (1357, 11, 22)),
        ];
        for ((gy, gm, gd), (jy, jm, jd)) in pairs {
            let gregorian = CivilDate::new(gy, gm, gd);
            let jalali = CivilDate::new(jy, jm, jd);
            assert_eq!(from_gregorian(Calendar::SolarHijri, gregorian), jalali);
            assert_eq!(to_gregorian(Calendar::SolarHijri, jalali), gregorian);
        }
    }

    #[test]
    fn gregorian_normalises() {
        let odd = CivilDate::new(2026, 2, 30);
        assert_eq!(
            from_gregorian(Calendar::Gregorian, odd),
            CivilDate::new(2026, 3, 2)
        );
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(Calendar::Gregorian, 2023, 2), 28);
        assert_eq!(days_in_month(Calendar::Gregorian, 1900, 2), 28);
        assert_eq!(days_in_month(Calendar::Gregorian, 2000, 2), 29);
        assert_eq!(days_in_month(Calendar::Gregorian, 2026, 12), 31);
        assert_eq!(days_in_month(Calendar::Gregorian, 2026, 13), 0);
        assert_eq!(days_in_month(Calendar::SolarHijri, 1404, 12), 29);
        assert_eq!(days_in_month(Calendar::SolarHijri, 1405, 7), 30);
        assert_eq!(days_in_month(Calendar::Hijri, 1448, 2), 29);
        assert_eq!(days_in_month(Calendar::Hijri, 1448, 0), 0);
    }
}
