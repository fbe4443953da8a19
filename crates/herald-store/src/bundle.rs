//! Rules for writing a [`herald_core::SiteBundle`] that every backend shares:
//! parents are written before their children, whatever order the bundle lists
//! them in, and a loop of parents is refused before anything is written.

use std::collections::HashSet;

use herald_core::store::StoreResult;
use herald_core::{Post, StoreError, Term};

/// Terms in an order where each parent comes before its children. A parent
/// that is not in the bundle is left to the database to find (or refuse).
///
/// # Errors
/// [`StoreError::Invalid`] when topics' parents form a loop.
pub(crate) fn terms_parents_first(terms: &[Term]) -> StoreResult<Vec<&Term>> {
    let in_bundle: HashSet<i64> = terms.iter().map(|t| t.id).collect();
    parents_first(terms, &in_bundle, |t| t.id, |t| t.parent).map_err(|stuck| {
        StoreError::Invalid(format!("topic `{}`: its parents form a loop", stuck.slug))
    })
}

/// Posts in an order where each parent page comes before its children.
///
/// # Errors
/// [`StoreError::Invalid`] when pages' parents form a loop.
pub(crate) fn posts_parents_first(posts: &[Post]) -> StoreResult<Vec<&Post>> {
    let in_bundle: HashSet<i64> = posts.iter().map(|p| p.id).collect();
    parents_first(posts, &in_bundle, |p| p.id, |p| p.parent)
        .map_err(|stuck| StoreError::Invalid(format!("page {}: its parents form a loop", stuck.id)))
}

/// Comments in an order where each reply comes after the comment it answers.
///
/// # Errors
/// [`StoreError::Invalid`] when replies form a loop.
pub(crate) fn comments_parents_first(
    comments: &[herald_core::Comment],
) -> StoreResult<Vec<&herald_core::Comment>> {
    let in_bundle: HashSet<i64> = comments.iter().map(|c| c.id).collect();
    parents_first(comments, &in_bundle, |c| c.id, |c| c.parent).map_err(|stuck| {
        StoreError::Invalid(format!("comment {}: its replies form a loop", stuck.id))
    })
}

/// Post metadata grouped by post, each post's pairs in their order.
pub(crate) fn meta_by_post(meta: &[herald_core::PostMeta]) -> Vec<(i64, Vec<(String, String)>)> {
    let mut grouped: Vec<(i64, Vec<(String, String)>)> = Vec::new();
    for m in meta {
        match grouped.last_mut() {
            Some((post, pairs)) if *post == m.post_id => {
                pairs.push((m.key.clone(), m.value.clone()));
            }
            _ => grouped.push((m.post_id, vec![(m.key.clone(), m.value.clone())])),
        }
    }
    grouped
}

/// Order `items` parents first; on a loop, the first item that cannot be placed.
fn parents_first<'a, T>(
    items: &'a [T],
    in_bundle: &HashSet<i64>,
    id: impl Fn(&T) -> i64,
    parent: impl Fn(&T) -> Option<i64>,
) -> Result<Vec<&'a T>, &'a T> {
    let mut placed: HashSet<i64> = HashSet::with_capacity(items.len());
    let mut ordered = Vec::with_capacity(items.len());
    let mut pending: Vec<&T> = items.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for item in pending {
            let ready = parent(item).is_none_or(|p| placed.contains(&p) || !in_bundle.contains(&p));
            if ready {
                placed.insert(id(item));
                ordered.push(item);
            } else {
                waiting.push(item);
            }
        }
        if waiting.len() == before {
            return Err(waiting[0]);
        }
        pending = waiting;
    }
    Ok(ordered)
}

/// Why a new user cannot be created: `taken_login` is the login of the existing
/// user whose login or slug clashes with `user`'s. Shared so both backends say
/// the same thing.
pub(crate) fn user_taken(user: &herald_core::NewUser, taken_login: &str) -> StoreError {
    if taken_login == user.login {
        StoreError::Invalid(format!("a user with login `{}` already exists", user.login))
    } else {
        StoreError::Invalid(format!(
            "a user with login `{}` already exists: its author slug `{}` is the same; \
             choose another login",
            taken_login, user.slug
        ))
    }
}

/// Saving a post whose id is not stored.
pub(crate) fn no_such_post(id: herald_core::PostId) -> StoreError {
    StoreError::Invalid(format!("there is no post with id {id}"))
}

/// Saving a post someone else saved since the caller read it.
pub(crate) fn stale_post(id: herald_core::PostId) -> StoreError {
    StoreError::Conflict(format!(
        "post {id} was saved by someone else since it was opened"
    ))
}

/// Saving a post by an author who does not exist.
pub(crate) fn no_such_author(id: herald_core::UserId) -> StoreError {
    StoreError::Invalid(format!("there is no user with id {id}"))
}

/// A post's term ids without repeats, in their first order.
pub(crate) fn unique_terms(terms: &[herald_core::TermId]) -> Vec<herald_core::TermId> {
    let mut seen = std::collections::HashSet::new();
    terms.iter().copied().filter(|t| seen.insert(*t)).collect()
}

/// Check that term `term` (stored in `language`, `None` when unknown) may be
/// given to `post`.
pub(crate) fn check_term(
    post: &Post,
    term: herald_core::TermId,
    language: Option<&str>,
) -> StoreResult<()> {
    match language {
        None => Err(StoreError::Invalid(format!(
            "there is no topic or tag with id {term}"
        ))),
        Some(language) if language != post.language => Err(StoreError::Invalid(format!(
            "topic or tag {term} is in {language}, not in {}",
            post.language
        ))),
        Some(_) => Ok(()),
    }
}

/// Saving a post whose slug another post of its language and kind class uses.
pub(crate) fn slug_taken(post: &Post, other: herald_core::PostId) -> StoreError {
    StoreError::Invalid(format!(
        "the slug `{}` is already used by post {other} in {}",
        post.slug, post.language
    ))
}

/// The smallest and largest post id of a bundle (an empty span when it has
/// no posts): the posts whose listings writing it creates.
pub(crate) fn id_span(bundle: &herald_core::SiteBundle) -> (i64, i64) {
    let ids = bundle.posts.iter().map(|p| p.id);
    (ids.clone().min().unwrap_or(0), ids.max().unwrap_or(-1))
}
