//! Block-editor content: HTML between `<!-- wp:… -->` comments.
//!
//! WordPress renders static blocks as the HTML they saved, so removing the
//! comments gives what readers saw. (Dynamic blocks such as "latest posts"
//! save nothing and render from the database; they leave no trace here.)

/// Whether the content was written in the block editor.
pub fn has_blocks(html: &str) -> bool {
    html.contains("<!-- wp:")
}

/// Remove block delimiters — `<!-- wp:name {…} -->`, `<!-- /wp:name -->`
/// and self-closing `<!-- wp:name /-->` — keeping everything else as it is.
pub fn strip_block_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let body = after.trim_start_matches([' ', '\t', '\n', '\r']);
        let is_block = body.starts_with("wp:") || body.starts_with("/wp:");
        match after.find("-->") {
            Some(end) if is_block => {
                out.push_str(&rest[..start]);
                rest = &after[end + 3..];
            }
            _ => {
                out.push_str(&rest[..start + 4]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_block_delimiters() {
        let html = "<!-- wp:paragraph {\"align\":\"right\"} -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\
                    <!-- wp:separator /-->\n<!--more-->\n<!-- a note -->";
        assert!(has_blocks(html));
        assert_eq!(
            strip_block_comments(html),
            "\n<p>One</p>\n\n\n<!--more-->\n<!-- a note -->"
        );
        assert_eq!(strip_block_comments("<!-- wp:x"), "<!-- wp:x");
    }
}
