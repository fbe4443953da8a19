//! The words of the settings page, in English and Persian (part of the
//! admin's [`crate::admin::Text`]).

/// The settings page's words. `{…}` placeholders are replaced where noted.
#[derive(Debug)]
pub struct SettingsText {
    pub settings: &'static str,
    pub site: &'static str,
    pub default_language: &'static str,
    pub time_zone: &'static str,
    pub time_zone_hint: &'static str,
    /// `{language}` is replaced by the language's name.
    pub language_heading: &'static str,
    pub languages: &'static str,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub posts_per_page: &'static str,
    pub excerpt_words: &'static str,
    pub read_more: &'static str,
    pub read_more_hint: &'static str,
    pub calendar: &'static str,
    /// Gregorian, solar Hijri, Hijri.
    pub calendars: [&'static str; 3],
    pub digits: &'static str,
    /// Latin, Persian, Arabic.
    pub digit_names: [&'static str; 3],
    pub date_format: &'static str,
    pub date_format_hint: &'static str,
    pub menu: &'static str,
    pub menu_hint: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub not_found: &'static str,
    pub bad_form: &'static str,
    pub bad_default_language: &'static str,
    pub bad_time_zone: &'static str,
    pub required: &'static str,
    /// `{max}` is replaced.
    pub too_long: &'static str,
    pub posts_per_page_range: &'static str,
    pub excerpt_words_range: &'static str,
    pub bad_calendar: &'static str,
    pub bad_digits: &'static str,
    /// `{placeholder}` is replaced.
    pub date_format_placeholder: &'static str,
    /// `{max}` is replaced.
    pub menu_too_many: &'static str,
    /// `{line}` is replaced.
    pub menu_line_shape: &'static str,
    /// `{line}` and `{max}` are replaced.
    pub menu_line_label: &'static str,
    /// `{line}` is replaced.
    pub menu_line_url: &'static str,
}

pub const EN: SettingsText = SettingsText {
    settings: "Settings",
    site: "Whole site",
    default_language: "Default language",
    time_zone: "Time zone",
    time_zone_hint: "An IANA name such as Asia/Tehran, Europe/London or UTC.",
    language_heading: "Settings of {language}",
    languages: "Languages",
    site_name: "Site name",
    tagline: "Tagline",
    posts_per_page: "Posts per page",
    excerpt_words: "Excerpt length (words)",
    read_more: "“Read more” label",
    read_more_hint: "Leave empty for the theme's own label.",
    calendar: "Calendar",
    calendars: ["Gregorian", "Solar Hijri", "Hijri (tabular)"],
    digits: "Digits",
    digit_names: [
        "Latin (0123456789)",
        "Persian (۰۱۲۳۴۵۶۷۸۹)",
        "Arabic (٠١٢٣٤٥٦٧٨٩)",
    ],
    date_format: "Date format",
    date_format_hint: "Placeholders: {d} day, {dd} two-digit day, {m} month, {mm} two-digit month, {month} month name, {y} year, {weekday} day of the week.",
    menu: "Header menu",
    menu_hint: "One link a line: Label | /path/ or Label | https://example.org/",
    save: "Save",
    saved: "Saved. The site shows the change now.",
    not_saved: "The settings were not saved. Correct the fields marked below.",
    not_found: "The site has no such language.",
    bad_form: "This form was not understood. Reload the page and try again.",
    bad_default_language: "Choose one of the site's languages.",
    bad_time_zone: "Unknown time zone: write an IANA name such as Asia/Tehran or Europe/London.",
    required: "Fill this in.",
    too_long: "Too long: at most {max} characters.",
    posts_per_page_range: "Write a whole number from 1 to 100.",
    excerpt_words_range: "Write a whole number from 1 to 1000.",
    bad_calendar: "Choose one of the calendars.",
    bad_digits: "Choose one of the kinds of digits.",
    date_format_placeholder: "Unknown placeholder {placeholder}: use {d}, {dd}, {m}, {mm}, {month}, {y} or {weekday}.",
    menu_too_many: "The menu has too many links: at most {max}.",
    menu_line_shape: "Line {line}: write the label, a vertical bar (|) and the address, as in Label | /path/.",
    menu_line_label: "Line {line}: write a label of at most {max} characters before the bar.",
    menu_line_url: "Line {line}: the address must be a path on this site starting with / or an address starting with http:// or https://.",
};

pub const FA: SettingsText = SettingsText {
    settings: "تنظیمات",
    site: "کل سایت",
    default_language: "زبان پیش‌فرض",
    time_zone: "منطقهٔ زمانی",
    time_zone_hint: "نامی از پایگاه IANA، مانند Asia/Tehran، Europe/London یا UTC.",
    language_heading: "تنظیمات زبان {language}",
    languages: "زبان‌ها",
    site_name: "نام سایت",
    tagline: "شعار سایت",
    posts_per_page: "نوشته در هر صفحه",
    excerpt_words: "طول چکیده (واژه)",
    read_more: "برچسب «ادامهٔ مطلب»",
    read_more_hint: "برای برچسب خود پوسته خالی بگذارید.",
    calendar: "تقویم",
    calendars: ["میلادی", "هجری خورشیدی", "هجری قمری (جدولی)"],
    digits: "رقم‌ها",
    digit_names: [
        "لاتین (0123456789)",
        "فارسی (۰۱۲۳۴۵۶۷۸۹)",
        "عربی (٠١٢٣٤٥٦٧٨٩)",
    ],
    date_format: "قالب تاریخ",
    date_format_hint: "جای‌نگه‌دارها: {d} روز، {dd} روز دورقمی، {m} ماه، {mm} ماه دورقمی، {month} نام ماه، {y} سال، {weekday} روز هفته.",
    menu: "فهرست سرصفحه",
    menu_hint: "هر پیوند در یک خط: برچسب | /path/ یا برچسب | https://example.org/",
    save: "ذخیره",
    saved: "ذخیره شد. سایت اکنون تغییر را نشان می‌دهد.",
    not_saved: "تنظیمات ذخیره نشد. خانه‌های نشان‌داده‌شده را درست کنید.",
    not_found: "سایت چنین زبانی ندارد.",
    bad_form: "این فرم شناخته نشد. صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.",
    bad_default_language: "یکی از زبان‌های سایت را برگزینید.",
    bad_time_zone: "منطقهٔ زمانی ناشناخته است: نامی از پایگاه IANA مانند Asia/Tehran یا Europe/London بنویسید.",
    required: "این خانه را پر کنید.",
    too_long: "بیش از اندازه بلند است: دست‌بالا {max} نویسه.",
    posts_per_page_range: "عددی درست از ۱ تا ۱۰۰ بنویسید.",
    excerpt_words_range: "عددی درست از ۱ تا ۱۰۰۰ بنویسید.",
    bad_calendar: "یکی از تقویم‌ها را برگزینید.",
    bad_digits: "یکی از گونه‌های رقم را برگزینید.",
    date_format_placeholder: "جای‌نگه‌دار ناشناختهٔ {placeholder}: از {d}، {dd}، {m}، {mm}، {month}، {y} یا {weekday} استفاده کنید.",
    menu_too_many: "فهرست پیوندهای بیش از اندازه دارد: دست‌بالا {max}.",
    menu_line_shape: "خط {line}: برچسب، یک خط عمودی (|) و نشانی را بنویسید، مانند برچسب | /path/.",
    menu_line_label: "خط {line}: پیش از خط عمودی برچسبی با دست‌بالا {max} نویسه بنویسید.",
    menu_line_url: "خط {line}: نشانی باید مسیری در همین سایت باشد که با / آغاز می‌شود، یا نشانی‌ای که با http:// یا https:// آغاز می‌شود.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::problems::placeholders;

    #[test]
    fn persian_keeps_the_placeholders() {
        let (en, fa) = (format!("{EN:?}"), format!("{FA:?}"));
        assert_eq!(placeholders(&en), placeholders(&fa));
        assert!(!placeholders(&en).is_empty());
    }
}
