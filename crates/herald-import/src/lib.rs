//! WordPress in: the pure foundation of `herald import wordpress`.
//!
//! - [`wxr`] reads WordPress export files (WXR 1.0–1.2) as a stream of
//!   authors, terms and items, with memory bounded by the largest item and
//!   without ever expanding entities or fetching anything.
//! - [`content`] turns WordPress post HTML into the HTML WordPress would have
//!   shown: paragraphs (`wpautop`), block comments removed, the common
//!   shortcodes converted, and links to the old site rewritten.
//!
//! Nothing here touches a database or the network: mapping these types into
//! Herald's posts, users, terms and redirects happens in the layers above.

pub mod content;
pub mod markdown;
pub mod wordpress;
pub mod wxr;
