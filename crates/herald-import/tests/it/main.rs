//! Integration tests of herald-import: the WXR reader on hand-written and
//! generated exports, the content conversion against WordPress's own
//! results, properties on arbitrary input, and an ignored streaming figure.
//!
//! One test binary for the whole crate: linking is the slow part of a test
//! build, and each module below is just a file in it.

mod content;
mod export;
mod props;
mod streaming;
mod wxr;
