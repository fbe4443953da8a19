//! Month and weekday names in the site's languages (English, Persian, Arabic).
//!
//! Each calendar has its own month names in each language: an Arabic reader of
//! a Gregorian date sees "نوفمبر", a Persian reader "نوامبر"; Jalali months in
//! English are the usual transliterations ("Azar"). Languages without their
//! own table read English.

use super::Calendar;

const GREGORIAN_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const GREGORIAN_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];
const GREGORIAN_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const JALALI_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];
const JALALI_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];
const JALALI_AR: [&str; 12] = [
    "فروردين",
    "أرديبهشت",
    "خرداد",
    "تير",
    "مرداد",
    "شهريور",
    "مهر",
    "آبان",
    "آذر",
    "دي",
    "بهمن",
    "إسفند",
];
const HIJRI_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
];
const HIJRI_FA: [&str; 12] = [
    "محرم",
    "صفر",
    "ربیع‌الاول",
    "ربیع‌الثانی",
    "جمادی‌الاول",
    "جمادی‌الثانی",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذی‌القعده",
    "ذی‌الحجه",
];
const HIJRI_AR: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

const WEEKDAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const WEEKDAYS_FA: [&str; 7] = [
    "یکشنبه",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
];
const WEEKDAYS_AR: [&str; 7] = [
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
];

/// The languages with their own names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    English,
    Persian,
    Arabic,
}

/// `fa`, `fa-IR`, `FA_af` are Persian; `ar…` Arabic; anything else English.
fn lang(code: &str) -> Lang {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("fa") {
        Lang::Persian
    } else if primary.eq_ignore_ascii_case("ar") {
        Lang::Arabic
    } else {
        Lang::English
    }
}

/// The name of `month` (1–12) of `calendar` in language `lang` (a BCP 47 code;
/// unknown languages get English); empty for a month outside 1–12.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::{Calendar, month_name};
///
/// assert_eq!(month_name(Calendar::SolarHijri, 9, "fa"), "آذر");
/// assert_eq!(month_name(Calendar::Gregorian, 11, "ar"), "نوفمبر");
/// assert_eq!(month_name(Calendar::Hijri, 9, "en"), "Ramadan");
/// assert_eq!(month_name(Calendar::Gregorian, 1, "de"), "January");
/// ```
pub fn month_name(calendar: Calendar, month: u32, lang_code: &str) -> &'static str {
    let table = match (calendar, lang(lang_code)) {
        (Calendar::Gregorian, Lang::English) => &GREGORIAN_EN,
        (Calendar::Gregorian, Lang::Persian) => &GREGORIAN_FA,
        (Calendar::Gregorian, Lang::Arabic) => &GREGORIAN_AR,
        (Calendar::SolarHijri, Lang::English) => &JALALI_EN,
        (Calendar::SolarHijri, Lang::Persian) => &JALALI_FA,
        (Calendar::SolarHijri, Lang::Arabic) => &JALALI_AR,
        (Calendar::Hijri, Lang::English) => &HIJRI_EN,
        (Calendar::Hijri, Lang::Persian) => &HIJRI_FA,
        (Calendar::Hijri, Lang::Arabic) => &HIJRI_AR,
    };
    name_at(table, month.checked_sub(1))
}

/// The name of a weekday (0 = Sunday … 6 = Saturday) in language `lang_code`;
/// empty outside 0–6.
///
/// # Examples
///
/// ```
/// use herald_core::calendar::weekday_name;
///
/// assert_eq!(weekday_name(6, "fa"), "شنبه");
/// assert_eq!(weekday_name(5, "ar"), "الجمعة");
/// ```
pub fn weekday_name(weekday: u32, lang_code: &str) -> &'static str {
    let table = match lang(lang_code) {
        Lang::English => &WEEKDAYS_EN,
        Lang::Persian => &WEEKDAYS_FA,
        Lang::Arabic => &WEEKDAYS_AR,
    };
    name_at(table, Some(weekday))
}

fn name_at(table: &[&'static str], index: Option<u32>) -> &'static str {
    index
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| table.get(i).copied())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_calendar_and_language_has_twelve_distinct_names() {
        for calendar in [Calendar::Gregorian, Calendar::SolarHijri, Calendar::Hijri] {
            for lang in ["en", "fa", "ar"] {
                let names: Vec<_> = (1..=12).map(|m| month_name(calendar, m, lang)).collect();
                assert!(names.iter().all(|n| !n.is_empty()));
                let mut unique = names.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), 12, "{calendar:?} {lang}");
            }
        }
    }

    #[test]
    fn names_per_language() {
        assert_eq!(month_name(Calendar::Gregorian, 11, "en"), "November");
        assert_eq!(month_name(Calendar::Gregorian, 11, "fa"), "نوامبر");
        assert_eq!(month_name(Calendar::Gregorian, 8, "fa"), "اوت");
        assert_eq!(month_name(Calendar::Gregorian, 8, "ar"), "أغسطس");
        assert_eq!(month_name(Calendar::SolarHijri, 1, "en"), "Farvardin");
        assert_eq!(month_name(Calendar::SolarHijri, 12, "fa"), "اسفند");
        assert_eq!(month_name(Calendar::Hijri, 6, "ar"), "جمادى الآخرة");
        assert_eq!(month_name(Calendar::Hijri, 12, "fa"), "ذی‌الحجه");
    }

    #[test]
    fn language_subtags_and_fallback() {
        assert_eq!(month_name(Calendar::SolarHijri, 9, "fa-IR"), "آذر");
        assert_eq!(month_name(Calendar::Gregorian, 1, "AR_eg"), "يناير");
        assert_eq!(month_name(Calendar::Gregorian, 1, "fr"), "January");
        assert_eq!(month_name(Calendar::Gregorian, 1, ""), "January");
    }

    #[test]
    fn months_out_of_range_are_empty() {
        assert_eq!(month_name(Calendar::Gregorian, 0, "en"), "");
        assert_eq!(month_name(Calendar::Hijri, 13, "ar"), "");
        assert_eq!(weekday_name(7, "en"), "");
    }
}
