//! Mapping between rows and domain types.

pub(super) use crate::columns::*;
use herald_core::calendar::{Calendar, Digits};
use herald_core::{
    BodyFormat, Direction, Kind, Language, MenuItem, Post, PostSummary, Role, Status, Taxonomy,
    Term, User,
};
use rusqlite::Row;
use rusqlite::types::Type;

/// A stored word that does not parse is a corrupt row, reported as such.
fn parse_word<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let word: String = row.get(idx)?;
    parse(&word).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            format!("unexpected value `{word}`").into(),
        )
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, e.into()))
}

pub(super) fn post(row: &Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(0)?,
        kind: row.get(1)?,
        language: row.get(2)?,
        status: parse_word(row, 3, Status::parse)?,
        title: row.get(4)?,
        slug: row.get(5)?,
        body: row.get(6)?,
        format: parse_word(row, 7, BodyFormat::parse)?,
        excerpt: row.get(8)?,
        author: row.get(9)?,
        parent: row.get(10)?,
        publish_at: row.get(11)?,
        updated_at: row.get(12)?,
        sticky: row.get(13)?,
        comments_open: row.get(14)?,
        featured_image: row.get(15)?,
        featured_alt: row.get(16)?,
        translation_group: row.get(17)?,
        body_html: row.get(18)?,
        excerpt_text: row.get(19)?,
        terms: Vec::new(),
    })
}

pub(super) fn summary(row: &Row<'_>) -> rusqlite::Result<PostSummary> {
    Ok(PostSummary {
        id: row.get(0)?,
        kind: row.get(1)?,
        language: row.get(2)?,
        title: row.get(3)?,
        slug: row.get(4)?,
        publish_at: row.get(5)?,
        sticky: row.get(6)?,
        excerpt: row.get(7)?,
        author: row.get(8)?,
        author_name: row.get(9)?,
        author_slug: row.get(10)?,
        featured_image: row.get(11)?,
        featured_alt: row.get(12)?,
        terms: Vec::new(),
    })
}

pub(super) fn term(row: &Row<'_>) -> rusqlite::Result<Term> {
    Ok(Term {
        id: row.get(0)?,
        language: row.get(1)?,
        taxonomy: parse_word(row, 2, Taxonomy::parse)?,
        slug: row.get(3)?,
        name: row.get(4)?,
        description: row.get(5)?,
        parent: row.get(6)?,
    })
}

pub(super) fn user(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        login: row.get(1)?,
        slug: row.get(2)?,
        display_name: row.get(3)?,
        email: row.get(4)?,
        role: parse_word(row, 5, Role::parse)?,
        bio: row.get(6)?,
    })
}

pub(super) fn language(row: &Row<'_>) -> rusqlite::Result<Language> {
    let menu: Vec<MenuItem> = parse_json(row, 11)?;
    Ok(Language {
        code: row.get(0)?,
        name: row.get(1)?,
        direction: parse_word(row, 2, Direction::parse)?,
        calendar: parse_word(row, 3, Calendar::parse)?,
        digits: parse_word(row, 4, Digits::parse)?,
        date_format: row.get(5)?,
        site_name: row.get(6)?,
        tagline: row.get(7)?,
        read_more: row.get(8)?,
        posts_per_page: row.get(9)?,
        excerpt_words: row.get(10)?,
        menu,
        position: row.get(12)?,
    })
}

pub(super) fn kind(row: &Row<'_>) -> rusqlite::Result<Kind> {
    Ok(Kind {
        slug: row.get(0)?,
        labels: parse_json(row, 1)?,
    })
}

pub(super) fn admin_post(row: &Row<'_>) -> rusqlite::Result<herald_core::AdminPost> {
    Ok(herald_core::AdminPost {
        id: row.get(0)?,
        kind: row.get(1)?,
        language: row.get(2)?,
        status: parse_word(row, 3, Status::parse)?,
        title: row.get(4)?,
        slug: row.get(5)?,
        publish_at: row.get(6)?,
        updated_at: row.get(7)?,
        author: row.get(8)?,
        author_name: row.get(9)?,
    })
}

pub(super) fn revision(row: &Row<'_>) -> rusqlite::Result<herald_core::Revision> {
    Ok(herald_core::Revision {
        id: row.get(0)?,
        post_id: row.get(1)?,
        saved_at: row.get(2)?,
        saved_by: row.get(3)?,
        title: row.get(4)?,
        slug: row.get(5)?,
        body: row.get(6)?,
        format: parse_word(row, 7, BodyFormat::parse)?,
        excerpt: row.get(8)?,
    })
}
