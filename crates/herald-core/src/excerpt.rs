//! Excerpts. PLACEHOLDER: being implemented.

pub const MORE_MARKER: &str = "<!--more-->";

pub fn excerpt(manual: &str, html: &str, max_words: usize) -> String {
    let _ = max_words;
    if manual.is_empty() { html.chars().take(100).collect() } else { manual.to_string() }
}
