//! The settings forms' fields as typed and the rules they must meet: a time
//! zone Herald knows (an unknown one is refused, never read as UTC), numbers
//! in range, known date placeholders, and a header menu whose every address
//! is a path on this site or an http(s) address, so no `javascript:` link
//! can reach a reader's page.

use herald_core::calendar::{Calendar, Digits, localise_digits};
use herald_core::{Language, MenuItem, SiteSettings};
use herald_render::dates::{is_time_zone, time_zone};

use super::super::Text;
use super::super::guard::{Fields, field};
use super::super::problems::{Problems, number};

/// Longest site name, in characters.
pub const MAX_SITE_NAME_CHARS: usize = 200;
/// Longest tagline, in characters.
pub const MAX_TAGLINE_CHARS: usize = 300;
/// Longest "Read more" label, in characters.
pub const MAX_READ_MORE_CHARS: usize = 100;
/// Longest date format, in characters.
pub const MAX_DATE_FORMAT_CHARS: usize = 100;
/// Most links in a header menu.
pub const MAX_MENU_ITEMS: usize = 50;
/// Longest menu label, in characters.
pub const MAX_MENU_LABEL_CHARS: usize = 100;
/// Longest menu address, in bytes.
const MAX_MENU_URL_BYTES: usize = 2000;

/// The calendars and digits in the order the form offers them.
pub const CALENDARS: [Calendar; 3] = [Calendar::Gregorian, Calendar::SolarHijri, Calendar::Hijri];
pub const DIGITS: [Digits; 3] = [Digits::Latin, Digits::Persian, Digits::Arabic];

/// The placeholders of [`herald_core::calendar::format_date`].
const PLACEHOLDERS: [&str; 7] = ["d", "dd", "m", "mm", "month", "y", "weekday"];

/// The site-wide form as typed.
#[derive(Debug, Clone, Default)]
pub struct SiteInput {
    pub default_language: String,
    pub time_zone: String,
}

impl SiteInput {
    pub fn from_settings(settings: &SiteSettings) -> Self {
        Self {
            default_language: settings.default_language.clone(),
            time_zone: settings.time_zone.clone(),
        }
    }

    pub fn from_form(fields: &Fields) -> Self {
        Self {
            default_language: field(fields, "default_language").to_owned(),
            time_zone: field(fields, "time_zone").to_owned(),
        }
    }
}

/// Check the site-wide form against the site's languages.
pub fn check_site(
    input: &SiteInput,
    text: &Text,
    languages: &[Language],
) -> Result<SiteSettings, Problems> {
    let t = &text.settings;
    let mut problems: Problems = Vec::new();
    let default_language = input.default_language.trim();
    if !languages.iter().any(|l| l.code == default_language) {
        problems.push(("default_language", t.bad_default_language.into()));
    }
    let zone = input.time_zone.trim();
    if !is_time_zone(zone) {
        problems.push(("time_zone", t.bad_time_zone.into()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SiteSettings {
        default_language: default_language.to_owned(),
        time_zone: time_zone(zone).name().to_owned(),
    })
}

/// One language's form as typed.
#[derive(Debug, Clone, Default)]
pub struct LanguageInput {
    pub site_name: String,
    pub tagline: String,
    pub posts_per_page: String,
    pub excerpt_words: String,
    pub read_more: String,
    pub calendar: String,
    pub digits: String,
    pub date_format: String,
    pub menu: String,
}

impl LanguageInput {
    pub fn from_language(language: &Language) -> Self {
        let menu: Vec<String> = language
            .menu
            .iter()
            .map(|item| format!("{} | {}", item.label, item.url))
            .collect();
        Self {
            site_name: language.site_name.clone(),
            tagline: language.tagline.clone(),
            posts_per_page: language.posts_per_page.to_string(),
            excerpt_words: language.excerpt_words.to_string(),
            read_more: language.read_more.clone(),
            calendar: language.calendar.as_str().to_owned(),
            digits: language.digits.as_str().to_owned(),
            date_format: language.date_format.clone(),
            menu: menu.join("\n"),
        }
    }

    pub fn from_form(fields: &Fields) -> Self {
        let get = |name: &str| field(fields, name).to_owned();
        Self {
            site_name: get("site_name"),
            tagline: get("tagline"),
            posts_per_page: get("posts_per_page"),
            excerpt_words: get("excerpt_words"),
            read_more: get("read_more"),
            calendar: get("calendar"),
            digits: get("digits"),
            date_format: get("date_format"),
            menu: get("menu"),
        }
    }
}

/// `stored` with the checked fields of `input`.
pub fn check_language(
    input: &LanguageInput,
    text: &Text,
    stored: &Language,
) -> Result<Language, Problems> {
    let t = &text.settings;
    let mut problems: Problems = Vec::new();
    let mut short_text = |name: &'static str, value: &str, max: usize, required: bool| {
        let value = value.trim();
        if required && value.is_empty() {
            problems.push((name, t.required.into()));
        } else if value.chars().count() > max {
            problems.push((name, t.too_long.replace("{max}", &number(text, max))));
        }
        value.to_owned()
    };
    let site_name = short_text("site_name", &input.site_name, MAX_SITE_NAME_CHARS, true);
    let tagline = short_text("tagline", &input.tagline, MAX_TAGLINE_CHARS, false);
    let read_more = short_text("read_more", &input.read_more, MAX_READ_MORE_CHARS, false);
    let date_format = short_text(
        "date_format",
        &input.date_format,
        MAX_DATE_FORMAT_CHARS,
        true,
    );
    if let Some(unknown) = unknown_placeholder(&date_format) {
        let message = t.date_format_placeholder.replace("{placeholder}", unknown);
        problems.push(("date_format", message));
    }
    let posts_per_page = whole_number(&input.posts_per_page, 100);
    if posts_per_page.is_none() {
        problems.push(("posts_per_page", t.posts_per_page_range.into()));
    }
    let excerpt_words = whole_number(&input.excerpt_words, 1000);
    if excerpt_words.is_none() {
        problems.push(("excerpt_words", t.excerpt_words_range.into()));
    }
    let calendar = Calendar::parse(input.calendar.trim());
    if calendar.is_none() {
        problems.push(("calendar", t.bad_calendar.into()));
    }
    let digits = Digits::parse(input.digits.trim());
    if digits.is_none() {
        problems.push(("digits", t.bad_digits.into()));
    }
    let menu = match parse_menu(&input.menu, text) {
        Ok(menu) => menu,
        Err(messages) => {
            problems.extend(messages.into_iter().map(|m| ("menu", m)));
            Vec::new()
        }
    };
    match (posts_per_page, excerpt_words, calendar, digits) {
        (Some(posts_per_page), Some(excerpt_words), Some(calendar), Some(digits))
            if problems.is_empty() =>
        {
            Ok(Language {
                site_name,
                tagline,
                read_more,
                date_format,
                posts_per_page,
                excerpt_words,
                calendar,
                digits,
                menu,
                ..stored.clone()
            })
        }
        _ => Err(problems),
    }
}

/// A whole number from 1 to `max`, in any digits ("12", "۱۲").
fn whole_number(typed: &str, max: u32) -> Option<u32> {
    let latin = localise_digits(typed.trim(), Digits::Latin);
    latin.parse::<u32>().ok().filter(|n| (1..=max).contains(n))
}

/// The first `{…}` in `pattern` that is not a known placeholder.
fn unknown_placeholder(pattern: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(open) = pattern[from..].find('{').map(|i| from + i) {
        let close = pattern[open..].find('}').map(|i| open + i)?;
        if !PLACEHOLDERS.contains(&&pattern[open + 1..close]) {
            return Some(&pattern[open..=close]);
        }
        from = close + 1;
    }
    None
}

/// The menu from lines of `Label | address`; blank lines are skipped. The
/// label is everything before the last bar, so a label may hold a bar (an
/// address may not: it would be written `%7C`). Every bad line gets a
/// message naming its number.
pub fn parse_menu(lines: &str, text: &Text) -> Result<Vec<MenuItem>, Vec<String>> {
    let t = &text.settings;
    let mut items = Vec::new();
    let mut messages = Vec::new();
    for (index, line) in lines.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n = number(text, index + 1);
        let Some((label, url)) = line.rsplit_once('|') else {
            messages.push(t.menu_line_shape.replace("{line}", &n));
            continue;
        };
        let (label, url) = (label.trim(), url.trim());
        if label.is_empty() || label.chars().count() > MAX_MENU_LABEL_CHARS {
            let max = number(text, MAX_MENU_LABEL_CHARS);
            let message = t.menu_line_label.replace("{line}", &n);
            messages.push(message.replace("{max}", &max));
        } else if !is_menu_url(url) {
            messages.push(t.menu_line_url.replace("{line}", &n));
        } else {
            items.push(MenuItem {
                label: label.to_owned(),
                url: url.to_owned(),
            });
        }
    }
    if messages.is_empty() && items.len() > MAX_MENU_ITEMS {
        let max = number(text, MAX_MENU_ITEMS);
        messages.push(t.menu_too_many.replace("{max}", &max));
    }
    if messages.is_empty() {
        Ok(items)
    } else {
        Err(messages)
    }
}

/// A path on this site (`/…`, but not `//host`, which leaves the site) or an
/// absolute http(s) address with a host; no spaces, control characters,
/// backslashes (browsers read `/\host` as `//host`) or quotes.
fn is_menu_url(url: &str) -> bool {
    let clean = !url.is_empty()
        && url.len() <= MAX_MENU_URL_BYTES
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>'));
    if !clean {
        return false;
    }
    if let Some(path) = url.strip_prefix('/') {
        return !path.starts_with('/');
    }
    let lower = url.to_ascii_lowercase();
    ["http://", "https://"].iter().any(|scheme| {
        lower.strip_prefix(scheme).is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> &'static Text {
        Text::for_lang(None)
    }

    #[test]
    fn menu_addresses() {
        for ok in [
            "/",
            "/en/topic/environment/",
            "/fa/topic/محیط-زیست/",
            "https://example.org",
            "HTTP://example.org/a?b=c#d",
        ] {
            assert!(is_menu_url(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "/\\evil.example/",
            "https://",
            "https:///path",
            "example.org",
            "/with space",
            "/tab\there",
            "/\"quoted\"",
            "ftp://example.org/",
        ] {
            assert!(!is_menu_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn menus_name_their_bad_lines() {
        let menu = parse_menu("Home | /en/\n\nA | B | https://x.example/\n", en()).expect("ok");
        assert_eq!(menu.len(), 2);
        assert_eq!(menu[1].label, "A | B");
        let errors = parse_menu(
            "Home | /en/\nno bar\n| /x/\nBad | javascript:alert(1)",
            en(),
        )
        .expect_err("bad lines");
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("Line 2:"), "{errors:?}");
        assert!(errors[1].starts_with("Line 3:"), "{errors:?}");
        assert!(errors[2].starts_with("Line 4:"), "{errors:?}");
        let persian = parse_menu("x", Text::for_lang(Some("fa"))).expect_err("bad");
        assert!(persian[0].starts_with("خط ۱:"), "{persian:?}");
        let long: String = (0..=MAX_MENU_ITEMS)
            .map(|i| format!("L{i} | /{i}/\n"))
            .collect();
        assert_eq!(parse_menu(&long, en()).expect_err("too many").len(), 1);
    }

    #[test]
    fn placeholders_and_numbers() {
        assert_eq!(unknown_placeholder("{month} {d}, {y}"), None);
        assert_eq!(unknown_placeholder("{weekday} {dd}/{mm}/{y}"), None);
        assert_eq!(unknown_placeholder("{d} {mon} {y}"), Some("{mon}"));
        assert_eq!(unknown_placeholder("{d} {y"), None);
        assert_eq!(whole_number("10", 100), Some(10));
        assert_eq!(whole_number(" ۱۲ ", 100), Some(12));
        for bad in ["0", "101", "-1", "1.5", "", "ten"] {
            assert_eq!(whole_number(bad, 100), None, "{bad}");
        }
    }

    #[test]
    fn time_zones_are_checked_never_read_as_utc() {
        let languages = [Language {
            code: "en".into(),
            name: "English".into(),
            direction: herald_core::Direction::Ltr,
            calendar: Calendar::Gregorian,
            digits: Digits::Latin,
            date_format: "{d}".into(),
            site_name: "S".into(),
            tagline: String::new(),
            read_more: String::new(),
            posts_per_page: 10,
            excerpt_words: 55,
            menu: Vec::new(),
            position: 0,
        }];
        let input = |zone: &str| SiteInput {
            default_language: "en".into(),
            time_zone: zone.into(),
        };
        let ok = check_site(&input(" Europe/London "), en(), &languages).expect("ok");
        assert_eq!(ok.time_zone, "Europe/London");
        for bad in ["", "Mars/Olympus", "Asia/Tehran; DROP", "utc+3"] {
            let problems = check_site(&input(bad), en(), &languages).expect_err(bad);
            assert_eq!(problems[0].0, "time_zone", "{bad}");
        }
        let wrong_language = SiteInput {
            default_language: "xx".into(),
            time_zone: "UTC".into(),
        };
        let problems = check_site(&wrong_language, en(), &languages).expect_err("xx");
        assert_eq!(problems[0].0, "default_language");
    }
}
