//! The settings page's HTML: the site-wide form, then the form of one
//! language with links to the others. The language's own texts (site name,
//! tagline, menu) get `dir="auto"`, so Persian reads right on an English page.

use herald_core::Language;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::super::problems::{Problems, errors, href_query, invalid, notice_and_alert};
use super::super::{Text, escape};
use super::check::{
    CALENDARS, DIGITS, LanguageInput, MAX_DATE_FORMAT_CHARS, MAX_READ_MORE_CHARS,
    MAX_SITE_NAME_CHARS, MAX_TAGLINE_CHARS, SiteInput,
};
use crate::auth::session::SignedIn;

/// `language=xx`, encoded, for a query string.
pub fn language_pair(code: &str) -> String {
    format!("language={}", utf8_percent_encode(code, NON_ALPHANUMERIC))
}

/// Everything the page shows.
pub struct SettingsPage<'a> {
    pub text: &'static Text,
    pub signed_in: &'a SignedIn,
    pub languages: &'a [Language],
    /// The language whose form is shown.
    pub current: &'a Language,
    pub site: &'a SiteInput,
    pub language: &'a LanguageInput,
    /// Field names differ between the two forms, so one list serves both.
    pub problems: &'a Problems,
    pub notice: Option<&'a str>,
    pub alert: Option<&'a str>,
}

impl SettingsPage<'_> {
    fn hidden(&self, section: &str) -> String {
        format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <input type=\"hidden\" name=\"section\" value=\"{section}\">",
            escape(&self.signed_in.session.csrf_token)
        )
    }

    /// A labelled one-line input with an optional hint.
    fn line(
        &self,
        name: &'static str,
        label: &str,
        value: &str,
        attrs: &str,
        hint: &str,
    ) -> String {
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!(" <small>{}</small>", escape(hint))
        };
        format!(
            "<p><label for=\"{name}\">{label}</label> <input id=\"{name}\" name=\"{name}\" \
             value=\"{value}\"{attrs}{invalid}>{hint}{errors}</p>",
            label = escape(label),
            value = escape(value),
            invalid = invalid(self.problems, name),
            errors = errors(self.problems, name),
        )
    }

    /// A labelled select of `(value, label)` options.
    fn select(
        &self,
        name: &'static str,
        label: &str,
        options: &[(&str, &str)],
        chosen: &str,
    ) -> String {
        let options: String = options
            .iter()
            .map(|(value, label)| {
                format!(
                    "<option value=\"{v}\"{s}>{l}</option>",
                    v = escape(value),
                    s = if *value == chosen { " selected" } else { "" },
                    l = escape(label),
                )
            })
            .collect();
        format!(
            "<p><label for=\"{name}\">{label}</label> <select id=\"{name}\" name=\"{name}\"\
             {invalid}>{options}</select>{errors}</p>",
            label = escape(label),
            invalid = invalid(self.problems, name),
            errors = errors(self.problems, name),
        )
    }

    fn site_form(&self) -> String {
        let t = &self.text.settings;
        let languages: Vec<(&str, &str)> = self
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.name.as_str()))
            .collect();
        format!(
            "<section class=\"admin-settings\"><h2>{heading}</h2>\
             <form method=\"post\" action=\"/admin/settings{query}\" class=\"admin-settings-site\">\
             {hidden}{default_language}{time_zone}<p><button type=\"submit\">{save}</button></p>\
             </form></section>",
            heading = escape(t.site),
            query = href_query(self.text, &language_pair(&self.current.code)),
            hidden = self.hidden("site"),
            default_language = self.select(
                "default_language",
                t.default_language,
                &languages,
                &self.site.default_language
            ),
            time_zone = self.line(
                "time_zone",
                t.time_zone,
                &self.site.time_zone,
                " required autocomplete=\"off\" dir=\"ltr\"",
                t.time_zone_hint
            ),
            save = escape(t.save),
        )
    }

    fn switcher(&self) -> String {
        let links: String = self
            .languages
            .iter()
            .map(|l| {
                let current = if l.code == self.current.code {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                format!(
                    "<li><a href=\"/admin/settings{query}\"{current}>{name}</a></li>",
                    query = href_query(self.text, &language_pair(&l.code)),
                    name = escape(&l.name),
                )
            })
            .collect();
        format!(
            "<nav class=\"admin-languages\" aria-label=\"{label}\"><ul>{links}</ul></nav>",
            label = escape(self.text.settings.languages),
        )
    }

    fn language_form(&self) -> String {
        let t = &self.text.settings;
        let input = self.language;
        let calendars: Vec<(&str, &str)> = CALENDARS
            .iter()
            .zip(t.calendars)
            .map(|(c, label)| (c.as_str(), label))
            .collect();
        let digits: Vec<(&str, &str)> = DIGITS
            .iter()
            .zip(t.digit_names)
            .map(|(d, label)| (d.as_str(), label))
            .collect();
        let max = |n: usize| format!(" maxlength=\"{n}\" dir=\"auto\"");
        // A number field showing a mistake is plain text, so the browser
        // shows what was typed instead of an empty box.
        let number = |name: &str, top: u32| {
            if self.problems.iter().any(|(f, _)| *f == name) {
                " required".to_owned()
            } else {
                format!(" type=\"number\" min=\"1\" max=\"{top}\" required")
            }
        };
        format!(
            "<section class=\"admin-settings\"><h2>{heading}</h2>{switcher}\
             <form method=\"post\" action=\"/admin/settings{query}\" class=\"admin-settings-language\">\
             {hidden}{site_name}{tagline}{posts_per_page}{excerpt_words}{read_more}{calendar}{digits}\
             {date_format}<p><label for=\"menu\">{menu_label}</label> <small>{menu_hint}</small><br>\
             <textarea id=\"menu\" name=\"menu\" rows=\"8\" cols=\"60\" dir=\"auto\"{menu_invalid}>\n\
             {menu}</textarea>{menu_errors}</p><p><button type=\"submit\">{save}</button></p>\
             </form></section>",
            heading = escape(&t.language_heading.replace("{language}", &self.current.name)),
            switcher = self.switcher(),
            query = href_query(self.text, &language_pair(&self.current.code)),
            hidden = self.hidden("language"),
            site_name = self.line(
                "site_name",
                t.site_name,
                &input.site_name,
                &format!("{} required", max(MAX_SITE_NAME_CHARS)),
                ""
            ),
            tagline = self.line(
                "tagline",
                t.tagline,
                &input.tagline,
                &max(MAX_TAGLINE_CHARS),
                ""
            ),
            posts_per_page = self.line(
                "posts_per_page",
                t.posts_per_page,
                &input.posts_per_page,
                &number("posts_per_page", 100),
                ""
            ),
            excerpt_words = self.line(
                "excerpt_words",
                t.excerpt_words,
                &input.excerpt_words,
                &number("excerpt_words", 1000),
                ""
            ),
            read_more = self.line(
                "read_more",
                t.read_more,
                &input.read_more,
                &max(MAX_READ_MORE_CHARS),
                t.read_more_hint
            ),
            calendar = self.select("calendar", t.calendar, &calendars, &input.calendar),
            digits = self.select("digits", t.digits, &digits, &input.digits),
            date_format = self.line(
                "date_format",
                t.date_format,
                &input.date_format,
                &format!("{} required", max(MAX_DATE_FORMAT_CHARS)),
                t.date_format_hint
            ),
            menu_label = escape(t.menu),
            menu_hint = escape(t.menu_hint),
            menu_invalid = invalid(self.problems, "menu"),
            menu = escape(&input.menu),
            menu_errors = errors(self.problems, "menu"),
            save = escape(t.save),
        )
    }

    pub fn render(&self) -> String {
        let text = self.text;
        format!(
            "<h1>{title}</h1><p><a href=\"/admin/{q}\">{dashboard}</a></p>{top}{site}{language}",
            title = escape(text.settings.settings),
            q = href_query(text, ""),
            dashboard = escape(text.dashboard),
            top = notice_and_alert(self.notice, self.alert),
            site = self.site_form(),
            language = self.language_form(),
        )
    }
}
