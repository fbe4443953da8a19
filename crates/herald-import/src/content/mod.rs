//! WordPress post HTML as WordPress displays it.
//!
//! WordPress stores post bodies half-formatted: classic-editor posts keep
//! paragraphs as blank lines (the theme's `the_content` runs `wpautop`),
//! block-editor posts wrap HTML in `<!-- wp:… -->` comments, and both may
//! hold shortcodes that plugins expand at display time. [`to_html`] runs
//! the same steps in WordPress's order so the imported body reads as it did,
//! and [`rewrite_links`] points links to the old site at the new permalinks.
//!
//! Everything here is total: any input gives some output, never a panic.

mod attributes;
mod autop;
mod blocks;
mod links;
mod shortcodes;
mod slug;

pub use autop::autop;
pub use blocks::{has_blocks, strip_block_comments};
pub use links::rewrite_links;
pub use shortcodes::{Attachment, Converted, convert_shortcodes};
pub use slug::decode_slug;

use std::sync::LazyLock;

use regex::Regex;

/// The whole pipeline, in WordPress's order: a web address alone on its
/// line becomes an embed (WordPress's `autoembed`, here a plain link), block
/// content has its block comments removed (WordPress skips `wpautop` for
/// it), classic content goes through [`autop`]; then shortcodes are
/// converted.
///
/// `attachments` looks up an attachment by its WordPress id (for
/// `[gallery ids=…]`).
pub fn to_html(content: &str, attachments: &dyn Fn(i64) -> Option<Attachment>) -> Converted {
    let content = autoembed(content);
    let html = if has_blocks(&content) {
        strip_block_comments(&content)
    } else {
        autop(&content)
    };
    convert_shortcodes(&html, attachments)
}

static LONE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^([ \t]*)(https?://[^\s<>"\[\]]+)([ \t]*)$"#).expect("a valid pattern")
});

/// A web address alone on its line is shown as an embed by WordPress.
fn autoembed(content: &str) -> std::borrow::Cow<'_, str> {
    if content.contains("http") {
        LONE_URL.replace_all(content, "$1[embed]$2[/embed]$3")
    } else {
        std::borrow::Cow::Borrowed(content)
    }
}
