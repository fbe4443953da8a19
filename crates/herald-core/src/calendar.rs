//! Calendars and digits: Gregorian, Solar Hijri (Jalali) and the tabular Islamic
//! (Hijri) calendar, month names per language, and digit shaping.
//! PLACEHOLDER: being implemented.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    SolarHijri,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    Latin,
    Persian,
    Arabic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Calendar {
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::SolarHijri => "solar_hijri",
            Calendar::Hijri => "hijri",
        }
    }
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
    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Latin => "latin",
            Digits::Persian => "persian",
            Digits::Arabic => "arabic",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "latin" => Some(Digits::Latin),
            "persian" => Some(Digits::Persian),
            "arabic" => Some(Digits::Arabic),
            _ => None,
        }
    }
}

pub fn format_date(
    pattern: &str,
    gregorian: CivilDate,
    calendar: Calendar,
    lang: &str,
    digits: Digits,
) -> String {
    let _ = (pattern, calendar, lang, digits);
    format!("{}-{:02}-{:02}", gregorian.year, gregorian.month, gregorian.day)
}
