//! Integration tests of herald-core's pure logic, mostly properties checked
//! with proptest on arbitrary and adversarial input.
//!
//! One test binary for the whole crate: linking is the slow part of a test
//! build, and each module below is just a file in it.

mod calendar;
mod excerpt;
mod pagination;
mod slug;
mod strategies;
