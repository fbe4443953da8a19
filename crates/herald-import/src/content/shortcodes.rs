//! WordPress shortcodes: the common built-in ones become plain HTML, the
//! rest stay as text and are reported.
//!
//! Parsing follows WordPress's `get_shortcode_regex`: a name of
//! `[A-Za-z0-9_-]`, attributes up to the first `]`, an optional `/]`, and
//! for enclosing shortcodes the content up to the first `[/name]`;
//! `[[name]]` is an escaped shortcode and shows as `[name]`. Like WordPress's
//! `shortcode_unautop`, a paragraph that holds only a shortcode loses its
//! `<p>`. Two deliberate differences: nothing inside `<pre>`, `<code>` or
//! an HTML tag is touched (code samples often show shortcodes), and
//! embeds are plain links, never iframes, so pages stay light.

use std::collections::HashSet;

use super::attributes::{Attributes, escape, unescape};

/// What [`convert_shortcodes`] needs to know about an attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    pub url: String,
    pub alt: String,
    pub caption: String,
    pub mime: String,
}

/// HTML with shortcodes converted, and what could not be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub html: String,
    /// Names of shortcodes left as text, each once, in order of appearance.
    pub unknown_shortcodes: Vec<String>,
    /// Other things worth a line in the import report (a gallery without
    /// ids, a video without a source…), each once.
    pub notes: Vec<String>,
}

/// What the conversion gathers, each thing once (sets keep that linear).
#[derive(Default)]
struct Report {
    converted: Converted,
    seen: HashSet<String>,
}

impl Report {
    fn unknown(&mut self, name: &str) {
        if self.seen.insert(format!("[{name}")) {
            self.converted.unknown_shortcodes.push(name.to_owned());
        }
    }

    fn note(&mut self, note: String) {
        if self.seen.insert(note.clone()) {
            self.converted.notes.push(note);
        }
    }
}

/// A shortcode found in the text.
struct Shortcode<'a> {
    name: &'a str,
    attributes: &'a str,
    content: Option<&'a str>,
    /// Byte length of the whole shortcode, from `[` to its last `]`.
    len: usize,
}

const KNOWN: [&str; 5] = ["caption", "gallery", "embed", "video", "audio"];

/// Convert `[caption]`, `[gallery]`, `[embed]`, `[video]` and `[audio]`;
/// unescape `[[…]]`; keep other shortcodes as text and list their names.
pub fn convert_shortcodes(
    html: &str,
    attachments: &dyn Fn(i64) -> Option<Attachment>,
) -> Converted {
    let mut report = Report::default();
    let html = convert_into(html, attachments, &mut report);
    Converted {
        html,
        ..report.converted
    }
}

/// Searches that failed from one position fail from every later one too:
/// remembering them keeps the scan linear on hostile input (thousands of
/// `<code` or `[name` without an end).
#[derive(Default)]
struct Misses(HashSet<String>);

impl Misses {
    fn find(&mut self, haystack: &str, needle: &str) -> Option<usize> {
        self.search(haystack, needle, |h, n| h.find(n))
    }

    fn find_ignore_case(&mut self, haystack: &str, needle: &str) -> Option<usize> {
        self.search(haystack, needle, find_ignore_case)
    }

    fn search(
        &mut self,
        haystack: &str,
        needle: &str,
        find: impl Fn(&str, &str) -> Option<usize>,
    ) -> Option<usize> {
        if self.0.contains(needle) {
            return None;
        }
        let found = find(haystack, needle);
        if found.is_none() {
            self.0.insert(needle.to_owned());
        }
        found
    }
}

fn convert_into(
    html: &str,
    attachments: &dyn Fn(i64) -> Option<Attachment>,
    report: &mut Report,
) -> String {
    let mut misses = Misses::default();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(found) = html[at..].find(['[', '<']).map(|n| at + n) {
        out.push_str(&html[at..found]);
        at = found;
        if html[at..].starts_with('<') {
            let end = skip_markup(html, at, &mut misses);
            out.push_str(&html[at..end]);
            at = end;
            continue;
        }
        if html[at..].starts_with("[[")
            && let Some(code) = parse(&html[at + 1..], &mut misses)
            && html[at + 1 + code.len..].starts_with(']')
        {
            out.push_str(&html[at + 1..at + 1 + code.len]);
            at += code.len + 2;
            continue;
        }
        match parse(&html[at..], &mut misses) {
            Some(code) if KNOWN.contains(&code.name) => {
                let standalone = out.trim_end().ends_with("<p>")
                    && html[at + code.len..].trim_start().starts_with("</p>");
                let rendered = render(&code, attachments, report);
                if standalone {
                    let keep = out.trim_end().len() - 3;
                    out.truncate(keep);
                    out.push_str(&rendered);
                    let rest = html[at + code.len..].trim_start();
                    at = html.len() - rest.len() + 4;
                } else {
                    out.push_str(&rendered);
                    at += code.len;
                }
            }
            Some(code) => {
                if looks_like_shortcode(&code) {
                    report.unknown(code.name);
                }
                // Only the opening tag: what it encloses is converted as usual.
                out.push_str(&html[at..at + code.len]);
                at += code.len;
            }
            None => {
                out.push('[');
                at += 1;
            }
        }
    }
    out.push_str(&html[at..]);
    out
}

/// The end of the markup starting at `at` (`<`): a comment, a `<pre>` or
/// `<code>` element with its content, or a tag.
fn skip_markup(html: &str, at: usize, misses: &mut Misses) -> usize {
    let rest = &html[at..];
    let lower_start: String = rest
        .chars()
        .take(6)
        .collect::<String>()
        .to_ascii_lowercase();
    let close = if rest.starts_with("<!--") {
        Some("-->")
    } else if lower_start.starts_with("<pre")
        && !lower_start[4..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        Some("</pre>")
    } else if lower_start.starts_with("<code")
        && !lower_start[5..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        Some("</code>")
    } else {
        None
    };
    let end = match close {
        Some(close) => misses
            .find_ignore_case(rest, close)
            .map(|n| n + close.len()),
        None => None,
    };
    let end = end.or_else(|| misses.find(&rest[1..], ">").map(|n| n + 2));
    at + end.unwrap_or(1)
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A shortcode at the start of `text` (which starts with `[`).
fn parse<'a>(text: &'a str, misses: &mut Misses) -> Option<Shortcode<'a>> {
    let body = text.strip_prefix('[')?;
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &body[..name_len];
    let after_name = &body[name_len..];
    if !after_name.starts_with([']', '/', ' ', '\t', '\n', '\r']) {
        return None;
    }
    let close = misses.find(after_name, "]")?;
    let self_closing = after_name[..close].ends_with('/');
    let attributes = after_name[..close]
        .strip_suffix('/')
        .unwrap_or(&after_name[..close]);
    if attributes.contains('[') {
        return None;
    }
    let opening_len = 1 + name_len + close + 1;
    if self_closing {
        return Some(Shortcode {
            name,
            attributes,
            content: None,
            len: opening_len,
        });
    }
    // Only known shortcodes enclose content worth finding; looking for the
    // end of every unknown `[name]` would make the scan quadratic.
    let content = if KNOWN.contains(&name) {
        let rest = &text[opening_len..];
        misses
            .find(rest, &format!("[/{name}]"))
            .map(|end| &rest[..end])
    } else {
        None
    };
    let len = opening_len + content.map_or(0, |c| c.len() + name.len() + 3);
    Some(Shortcode {
        name,
        attributes,
        content,
        len,
    })
}

/// Whether an unknown candidate is worth reporting: `[1]` and
/// `[see above]` are prose, `[note]` and `[contact-form id="3"]` are not.
fn looks_like_shortcode(code: &Shortcode<'_>) -> bool {
    if code.name.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let attributes = code.attributes.trim();
    attributes.is_empty() || attributes.contains('=') || attributes.starts_with(['"', '\''])
}

fn render(
    code: &Shortcode<'_>,
    attachments: &dyn Fn(i64) -> Option<Attachment>,
    report: &mut Report,
) -> String {
    let attributes = Attributes::parse(code.attributes);
    let content = code.content.unwrap_or_default();
    match code.name {
        "caption" => caption(&attributes, content, attachments, report),
        "gallery" => gallery(&attributes, attachments, report),
        "embed" => embed(content, report),
        "video" => media(
            "video",
            &["src", "mp4", "m4v", "webm", "ogv"],
            &attributes,
            report,
        ),
        _ => media(
            "audio",
            &["src", "mp3", "ogg", "wav", "m4a"],
            &attributes,
            report,
        ),
    }
}

fn caption(
    attributes: &Attributes,
    content: &str,
    attachments: &dyn Fn(i64) -> Option<Attachment>,
    report: &mut Report,
) -> String {
    let inner = convert_into(content, attachments, report);
    let (media, text) = match attributes.get("caption") {
        Some(caption) => (inner.trim().to_owned(), caption.to_owned()),
        None => split_caption(&inner),
    };
    let align = attributes.get("align").unwrap_or("alignnone");
    let mut class = format!("wp-caption {align}");
    if let Some(extra) = attributes.get("class") {
        class.push(' ');
        class.push_str(extra);
    }
    let caption = if text.trim().is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", text.trim())
    };
    format!(
        "<figure class=\"{}\">{media}{caption}</figure>",
        escape(class.trim())
    )
}

/// `<a><img></a> Caption` → the image (with its link) and the caption.
fn split_caption(inner: &str) -> (String, String) {
    let trimmed = inner.trim();
    let Some(img) = find_ignore_case(trimmed, "<img") else {
        return (String::new(), trimmed.to_owned());
    };
    let Some(img_end) = trimmed[img..].find('>').map(|n| img + n + 1) else {
        return (trimmed.to_owned(), String::new());
    };
    let after = &trimmed[img_end..];
    let after_link = after.trim_start();
    let end = if find_ignore_case(&trimmed[..img], "<a ").is_some()
        && after_link.to_ascii_lowercase().starts_with("</a>")
    {
        trimmed.len() - after_link.len() + 4
    } else {
        img_end
    };
    (trimmed[..end].to_owned(), trimmed[end..].trim().to_owned())
}

fn gallery(
    attributes: &Attributes,
    attachments: &dyn Fn(i64) -> Option<Attachment>,
    report: &mut Report,
) -> String {
    let ids = attributes
        .get("ids")
        .or_else(|| attributes.get("include"))
        .unwrap_or_default();
    let ids: Vec<i64> = ids
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    if ids.is_empty() {
        report.note(
            "a [gallery] without ids (WordPress showed the post's attached images) was left out"
                .to_owned(),
        );
        return String::new();
    }
    let mut images = String::new();
    for id in ids {
        match attachments(id) {
            Some(found) => images.push_str(&format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                escape(&found.url),
                escape(&found.alt)
            )),
            None => report.note(format!(
                "a [gallery] names attachment {id}, which is not in the export"
            )),
        }
    }
    format!("<figure class=\"gallery\">{images}</figure>")
}

fn embed(content: &str, report: &mut Report) -> String {
    let url = unescape(content.trim());
    if url.is_empty() {
        return String::new();
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        report.note(format!(
            "an [embed] of '{url}', not a web address, was kept as text"
        ));
        return format!("<p class=\"embed\">{}</p>", escape(&url));
    }
    let url = escape(&url);
    format!("<p class=\"embed\"><a href=\"{url}\">{url}</a></p>")
}

fn media(element: &str, sources: &[&str], attributes: &Attributes, report: &mut Report) -> String {
    let Some(src) = sources
        .iter()
        .find_map(|key| attributes.get(key))
        .filter(|s| !s.trim().is_empty())
    else {
        report.note(format!("a [{element}] without a source was left out"));
        return String::new();
    };
    let mut html = format!(
        "<{element} controls preload=\"none\" src=\"{}\"",
        escape(&unescape(src.trim()))
    );
    if element == "video" {
        if let Some(poster) = attributes.get("poster") {
            html.push_str(&format!(" poster=\"{}\"", escape(&unescape(poster.trim()))));
        }
        for size in ["width", "height"] {
            if let Some(value) = attributes
                .get(size)
                .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            {
                html.push_str(&format!(" {size}=\"{value}\""));
            }
        }
    }
    html.push_str(&format!("></{element}>"));
    html
}
