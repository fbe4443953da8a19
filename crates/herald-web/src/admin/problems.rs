//! What the admin forms share when they come back with mistakes: each message
//! names its field, and the field gets `aria-invalid` and `aria-describedby`
//! pointing at the message, so a screen reader reads the two together (the
//! post editor does the same). Also the notice and alert at the top of a page,
//! and query strings that keep the admin language.

use herald_core::calendar::{Digits, localise_digits};

use super::{Text, escape};

/// Messages per field name, in the order found.
pub type Problems = Vec<(&'static str, String)>;

/// The messages of `field`, in a span the field points at; "" when none.
pub fn errors(problems: &Problems, field: &str) -> String {
    let messages: Vec<String> = problems
        .iter()
        .filter(|(f, _)| *f == field)
        .map(|(_, m)| escape(m))
        .collect();
    if messages.is_empty() {
        return String::new();
    }
    format!(
        " <span class=\"admin-field-error\" id=\"{field}-error\">{}</span>",
        messages.join(" ")
    )
}

/// `aria-invalid` and the link to the message, for a field with problems.
pub fn invalid(problems: &Problems, field: &str) -> String {
    if problems.iter().any(|(f, _)| *f == field) {
        format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
    } else {
        String::new()
    }
}

/// A status line (after a save) and an alert (why a form came back).
pub fn notice_and_alert(notice: Option<&str>, alert: Option<&str>) -> String {
    let notice = notice.map_or_else(String::new, |n| {
        format!(
            "<p role=\"status\" class=\"admin-notice\">{}</p>",
            escape(n)
        )
    });
    let alert = alert.map_or_else(String::new, |a| {
        format!("<p role=\"alert\" class=\"admin-error\">{}</p>", escape(a))
    });
    notice + &alert
}

/// `?lang=fa&k=v` for a `Location` header: the admin language's query
/// followed by `pairs` (already encoded, joined with `&`); "" when both are empty.
pub fn query_with(text: &Text, pairs: &str) -> String {
    match (text.query.is_empty(), pairs.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("?{pairs}"),
        (false, true) => text.query.to_owned(),
        (false, false) => format!("{}&{pairs}", text.query),
    }
}

/// A number in the admin language's digits ("۱۲" on Persian pages).
pub fn number(text: &Text, n: impl std::fmt::Display) -> String {
    let n = n.to_string();
    if text.lang == "fa" {
        localise_digits(&n, Digits::Persian)
    } else {
        n
    }
}

/// [`query_with`] for an HTML attribute (`&` escaped).
pub fn href_query(text: &Text, pairs: &str) -> String {
    escape(&query_with(text, pairs))
}

/// Every `{name}` placeholder in `text` (ASCII letters and `_`), sorted: the
/// English and Persian strings of a page must have the same ones.
#[cfg(test)]
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_the_admin_language() {
        let en = Text::for_lang(None);
        let fa = Text::for_lang(Some("fa"));
        assert_eq!(query_with(en, ""), "");
        assert_eq!(query_with(en, "saved=1"), "?saved=1");
        assert_eq!(query_with(fa, ""), "?lang=fa");
        assert_eq!(query_with(fa, "saved=1"), "?lang=fa&saved=1");
        assert_eq!(href_query(fa, "a=1"), "?lang=fa&amp;a=1");
    }

    #[test]
    fn a_field_points_at_its_message() {
        let problems: Problems = vec![("login", "Bad <login>".into())];
        assert_eq!(
            invalid(&problems, "login"),
            " aria-invalid=\"true\" aria-describedby=\"login-error\""
        );
        assert_eq!(invalid(&problems, "email"), "");
        assert_eq!(
            errors(&problems, "login"),
            " <span class=\"admin-field-error\" id=\"login-error\">Bad &lt;login&gt;</span>"
        );
        assert_eq!(errors(&problems, "email"), "");
    }
}
