//! WordPress post HTML as WordPress displays it.
//!
//! WordPress stores post bodies half-formatted: classic-editor posts keep
//! paragraphs as blank lines (the theme's `the_content` runs `wpautop`),
//! block-editor posts wrap HTML in `<!-- wp:… -->` comments, and both may
//! hold shortcodes that plugins expand at display time.
//!
//! Everything here is total: any input gives some output, never a panic.

mod blocks;
mod slug;

pub use blocks::{has_blocks, strip_block_comments};
pub use slug::decode_slug;
