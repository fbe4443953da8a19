//! Mapping between PostgreSQL rows and domain types. Column lists match the
//! SQLite backend's, so both read the same fields in the same order.

pub(super) use crate::columns::*;
use herald_core::calendar::{Calendar, Digits};
use herald_core::{
    BodyFormat, Direction, Kind, Language, MenuItem, Post, PostSummary, Role, Status, Taxonomy,
    Term, User,
};
use tokio_postgres::Row;

use super::error::{PgResult, unreadable};

/// A post's term ids, ascending, as one array column after the others: saves
/// the round trip the SQLite backend spends on a second query.
pub(super) const TERM_IDS: &str = "ARRAY(SELECT pt.term_id FROM post_terms pt \
     WHERE pt.post_id = p.id ORDER BY pt.term_id)";

const POST_WIDTH: usize = 20;
const SUMMARY_WIDTH: usize = 13;

/// A stored word that does not parse is reported as unreadable.
fn parse_word<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> PgResult<T> {
    let word: &str = row.try_get(idx)?;
    parse(word).ok_or_else(|| unreadable(column(row, idx), word))
}

fn parse_json<T: serde::de::DeserializeOwned>(row: &Row, idx: usize) -> PgResult<T> {
    let text: &str = row.try_get(idx)?;
    serde_json::from_str(text).map_err(|_| unreadable(column(row, idx), text))
}

/// A non-negative INTEGER column as `u32`.
fn count(row: &Row, idx: usize) -> PgResult<u32> {
    let value: i32 = row.try_get(idx)?;
    u32::try_from(value).map_err(|_| unreadable(column(row, idx), &value.to_string()))
}

fn column(row: &Row, idx: usize) -> &str {
    row.columns().get(idx).map_or("?", |c| c.name())
}

/// The term ids after the first `width` columns, when the query read them.
fn term_ids(row: &Row, width: usize) -> PgResult<Vec<i64>> {
    if row.len() > width {
        Ok(row.try_get(width)?)
    } else {
        Ok(Vec::new())
    }
}

pub(super) fn post(row: &Row) -> PgResult<Post> {
    Ok(Post {
        id: row.try_get(0)?,
        kind: row.try_get(1)?,
        language: row.try_get(2)?,
        status: parse_word(row, 3, Status::parse)?,
        title: row.try_get(4)?,
        slug: row.try_get(5)?,
        body: row.try_get(6)?,
        format: parse_word(row, 7, BodyFormat::parse)?,
        excerpt: row.try_get(8)?,
        author: row.try_get(9)?,
        parent: row.try_get(10)?,
        publish_at: row.try_get(11)?,
        updated_at: row.try_get(12)?,
        sticky: row.try_get(13)?,
        comments_open: row.try_get(14)?,
        featured_image: row.try_get(15)?,
        featured_alt: row.try_get(16)?,
        translation_group: row.try_get(17)?,
        body_html: row.try_get(18)?,
        excerpt_text: row.try_get(19)?,
        terms: term_ids(row, POST_WIDTH)?,
    })
}

pub(super) fn summary(row: &Row) -> PgResult<PostSummary> {
    Ok(PostSummary {
        id: row.try_get(0)?,
        kind: row.try_get(1)?,
        language: row.try_get(2)?,
        title: row.try_get(3)?,
        slug: row.try_get(4)?,
        publish_at: row.try_get(5)?,
        sticky: row.try_get(6)?,
        excerpt: row.try_get(7)?,
        author: row.try_get(8)?,
        author_name: row.try_get(9)?,
        author_slug: row.try_get(10)?,
        featured_image: row.try_get(11)?,
        featured_alt: row.try_get(12)?,
        terms: term_ids(row, SUMMARY_WIDTH)?,
    })
}

/// Map every row with `f`.
pub(super) fn all<T>(rows: &[Row], f: fn(&Row) -> PgResult<T>) -> PgResult<Vec<T>> {
    rows.iter().map(f).collect()
}

pub(super) fn term(row: &Row) -> PgResult<Term> {
    Ok(Term {
        id: row.try_get(0)?,
        language: row.try_get(1)?,
        taxonomy: parse_word(row, 2, Taxonomy::parse)?,
        slug: row.try_get(3)?,
        name: row.try_get(4)?,
        description: row.try_get(5)?,
        parent: row.try_get(6)?,
    })
}

pub(super) fn user(row: &Row) -> PgResult<User> {
    Ok(User {
        id: row.try_get(0)?,
        login: row.try_get(1)?,
        slug: row.try_get(2)?,
        display_name: row.try_get(3)?,
        email: row.try_get(4)?,
        role: parse_word(row, 5, Role::parse)?,
        bio: row.try_get(6)?,
    })
}

pub(super) fn language(row: &Row) -> PgResult<Language> {
    let menu: Vec<MenuItem> = parse_json(row, 11)?;
    Ok(Language {
        code: row.try_get(0)?,
        name: row.try_get(1)?,
        direction: parse_word(row, 2, Direction::parse)?,
        calendar: parse_word(row, 3, Calendar::parse)?,
        digits: parse_word(row, 4, Digits::parse)?,
        date_format: row.try_get(5)?,
        site_name: row.try_get(6)?,
        tagline: row.try_get(7)?,
        read_more: row.try_get(8)?,
        posts_per_page: count(row, 9)?,
        excerpt_words: count(row, 10)?,
        menu,
        position: row.try_get(12)?,
    })
}

pub(super) fn kind(row: &Row) -> PgResult<Kind> {
    Ok(Kind {
        slug: row.try_get(0)?,
        labels: parse_json(row, 1)?,
    })
}

pub(super) fn admin_post(row: &Row) -> PgResult<herald_core::AdminPost> {
    Ok(herald_core::AdminPost {
        id: row.try_get(0)?,
        kind: row.try_get(1)?,
        language: row.try_get(2)?,
        status: parse_word(row, 3, Status::parse)?,
        title: row.try_get(4)?,
        slug: row.try_get(5)?,
        publish_at: row.try_get(6)?,
        updated_at: row.try_get(7)?,
        author: row.try_get(8)?,
        author_name: row.try_get(9)?,
    })
}

pub(super) fn revision(row: &Row) -> PgResult<herald_core::Revision> {
    Ok(herald_core::Revision {
        id: row.try_get(0)?,
        post_id: row.try_get(1)?,
        saved_at: row.try_get(2)?,
        saved_by: row.try_get(3)?,
        title: row.try_get(4)?,
        slug: row.try_get(5)?,
        body: row.try_get(6)?,
        format: parse_word(row, 7, BodyFormat::parse)?,
        excerpt: row.try_get(8)?,
    })
}
