//! Integration tests of the public site: real router, real SQLite file,
//! fixture content, assertions on parsed HTML.

mod fixture;
mod listing;
mod post;
mod support;
