//! Calendar properties: conversions are exact inverses, dates are always
//! valid in their calendar, and formatting is total.

use herald_core::calendar::{
    Calendar, CivilDate, Digits, civil_from_days, date_from_days, days_from_civil, days_from_date,
    days_in_month, format_date, from_gregorian, localise_digits, to_gregorian,
};
use proptest::prelude::*;

const CALENDARS: [Calendar; 3] = [Calendar::Gregorian, Calendar::SolarHijri, Calendar::Hijri];
const DIGITS: [Digits; 3] = [Digits::Latin, Digits::Persian, Digits::Arabic];

/// Days since 1970 covering roughly the years 1 to 5000.
fn days() -> impl Strategy<Value = i64> {
    -719_000i64..1_100_000
}

/// A valid Gregorian date between 1800 and 2300.
fn gregorian_date() -> impl Strategy<Value = CivilDate> {
    (days_from_civil(1800, 1, 1)..days_from_civil(2301, 1, 1)).prop_map(civil_from_days)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn day_counts_round_trip(days in days(), calendar in prop::sample::select(&CALENDARS[..])) {
        let date = date_from_days(calendar, days);
        prop_assert!((1..=12).contains(&date.month), "{date:?}");
        prop_assert!(date.day >= 1 && date.day <= days_in_month(calendar, date.year, date.month), "{date:?}");
        prop_assert_eq!(days_from_date(calendar, date), days);
    }

    #[test]
    fn gregorian_round_trip(date in gregorian_date(), calendar in prop::sample::select(&CALENDARS[..])) {
        prop_assert_eq!(to_gregorian(calendar, from_gregorian(calendar, date)), date);
    }

    #[test]
    fn next_day_is_next_date(date in gregorian_date(), calendar in prop::sample::select(&CALENDARS[..])) {
        let today = from_gregorian(calendar, date);
        let tomorrow = date_from_days(calendar, days_from_civil(date.year, date.month, date.day) + 1);
        prop_assert!(tomorrow > today, "{today:?} then {tomorrow:?}");
    }

    #[test]
    fn nowruz_is_in_march(year in 1800i32..2300) {
        let nowruz = to_gregorian(Calendar::SolarHijri, CivilDate::new(year - 621, 1, 1));
        prop_assert_eq!(nowruz.month, 3);
        prop_assert!((19..=22).contains(&nowruz.day), "{nowruz:?}");
    }

    #[test]
    fn conversions_are_total(year in any::<i32>(), month in any::<u32>(), day in any::<u32>()) {
        let date = CivilDate::new(year, month, day);
        for calendar in CALENDARS {
            let _ = from_gregorian(calendar, date);
            let _ = to_gregorian(calendar, date);
            let _ = days_in_month(calendar, year, month);
        }
    }

    #[test]
    fn format_is_total(pattern in ".{0,40}", date in gregorian_date(), lang in "[a-z]{0,3}") {
        for calendar in CALENDARS {
            for digits in DIGITS {
                let _ = format_date(&pattern, date, calendar, &lang, digits);
            }
        }
    }

    #[test]
    fn patterns_without_placeholders_are_literal(pattern in "[^{]{0,40}", date in gregorian_date()) {
        let out = format_date(&pattern, date, Calendar::SolarHijri, "fa", Digits::Persian);
        prop_assert_eq!(out, pattern);
    }

    #[test]
    fn digits_round_trip(text in ".{0,40}") {
        for digits in DIGITS {
            let there = localise_digits(&text, digits);
            prop_assert_eq!(localise_digits(&there, Digits::Latin), localise_digits(&text, Digits::Latin));
        }
    }

    #[test]
    fn numeric_format_matches_the_date(date in gregorian_date(), calendar in prop::sample::select(&CALENDARS[..])) {
        let shown = from_gregorian(calendar, date);
        let out = format_date("{y}-{mm}-{dd}", date, calendar, "en", Digits::Latin);
        prop_assert_eq!(out, format!("{}-{:02}-{:02}", shown.year, shown.month, shown.day));
    }
}

#[test]
fn examples_from_the_design() {
    let day = CivilDate::new(2026, 11, 29);
    let fa = format_date(
        "{d} {month} {y}",
        day,
        Calendar::SolarHijri,
        "fa",
        Digits::Persian,
    );
    assert_eq!(fa, "۸ آذر ۱۴۰۵");
    let en = format_date(
        "{month} {d}, {y}",
        day,
        Calendar::Gregorian,
        "en",
        Digits::Latin,
    );
    assert_eq!(en, "November 29, 2026");
    let ar = format_date(
        "{d} {month} {y}",
        day,
        Calendar::Gregorian,
        "ar",
        Digits::Arabic,
    );
    assert_eq!(ar, "٢٩ نوفمبر ٢٠٢٦");
}
