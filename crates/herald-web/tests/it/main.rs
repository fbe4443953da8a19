//! Integration tests of the public site: the real router over a real database
//! (a SQLite file, and a PostgreSQL schema when PostgreSQL is reachable) filled
//! with fixture content, asserting on parsed HTML.

mod accounts;
mod admin;
mod admin_editor;
mod admin_matrix;
mod admin_pages;
mod admin_posts;
mod admin_preview;
mod admin_revisions;
mod admin_settings;
mod admin_terms;
mod admin_users;
mod caching;
mod feeds;
mod fixture;
mod instances;
mod listing;
mod page_cache;
mod page_cache_instances;
mod post;
mod seo;
mod support;
