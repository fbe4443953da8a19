//! Rules for the editors' writes (posts, terms, users, settings) that both
//! backends share: each backend reads the facts a rule needs with its own SQL,
//! then asks these functions, so both refuse the same things with the same words.

use herald_core::store::StoreResult;
use herald_core::{Post, PostId, Role, StoreError, Taxonomy, Term, TermId, User, UserId};

/// Column list of a revision, in the row mappers' `revision` order.
pub(crate) const REVISION_COLUMNS: &str =
    "id, post_id, saved_at, saved_by, title, slug, body, format, excerpt";

/// The deepest parent chain walked when looking for loops.
pub(crate) const MAX_DEPTH: i64 = 64;

fn invalid(message: String) -> StoreError {
    StoreError::Invalid(message)
}

/// A page's parent, as stored: its language and kind (`None` when unknown).
/// `makes_loop`: the post is the parent or one of its ancestors.
pub(crate) fn check_page_parent(
    post: &Post,
    parent: PostId,
    stored: Option<(&str, &str)>,
    makes_loop: bool,
) -> StoreResult<()> {
    if post.kind != herald_core::PAGE_KIND {
        return Err(invalid(format!(
            "post {}: only pages have a parent page",
            post.id
        )));
    }
    match stored {
        None => Err(invalid(format!("there is no page with id {parent}"))),
        Some((_, kind)) if kind != herald_core::PAGE_KIND => {
            Err(invalid(format!("post {parent} is not a page")))
        }
        Some((language, _)) if language != post.language => Err(invalid(format!(
            "page {parent} is in {language}, not in {}",
            post.language
        ))),
        Some(_) if makes_loop => Err(invalid(format!(
            "page {parent} is inside this page: a page cannot be its own ancestor"
        ))),
        Some(_) => Ok(()),
    }
}

/// The post `target` to join as a translation, as stored: its language
/// (`None` when unknown).
pub(crate) fn check_translation_target(
    post: &Post,
    target: PostId,
    language: Option<&str>,
) -> StoreResult<()> {
    match language {
        None => Err(invalid(format!(
            "there is no post with id {target} to translate"
        ))),
        Some(language) if language == post.language => Err(invalid(format!(
            "post {target} is in {language} too: a translation is in another language"
        ))),
        Some(_) => Ok(()),
    }
}

/// The translation group already holds `other` in the post's language.
pub(crate) fn translation_taken(post: &Post, target: PostId, other: PostId) -> StoreError {
    invalid(format!(
        "post {target} already has a translation in {}: post {other}",
        post.language
    ))
}

/// What a term must be whatever is stored.
pub(crate) fn check_term_fields(term: &Term) -> StoreResult<()> {
    if term.slug.trim().is_empty() {
        return Err(invalid("a topic or tag needs a slug".into()));
    }
    if term.name.trim().is_empty() {
        return Err(invalid("a topic or tag needs a name".into()));
    }
    if term.taxonomy == Taxonomy::Tag && term.parent.is_some() {
        return Err(invalid(format!("tag `{}`: tags have no parent", term.slug)));
    }
    Ok(())
}

/// An existing term being updated, as stored: language and taxonomy (`None`
/// when unknown).
pub(crate) fn check_term_stored(term: &Term, stored: Option<(&str, Taxonomy)>) -> StoreResult<()> {
    match stored {
        None => Err(no_such_term(term.id)),
        Some((language, taxonomy)) if language != term.language || taxonomy != term.taxonomy => {
            Err(invalid(format!(
                "{} {}: its language and whether it is a topic or a tag cannot change",
                taxonomy.as_str(),
                term.id
            )))
        }
        Some(_) => Ok(()),
    }
}

pub(crate) fn no_such_term(id: TermId) -> StoreError {
    invalid(format!("there is no topic or tag with id {id}"))
}

pub(crate) fn no_such_language(code: &str) -> StoreError {
    invalid(format!("there is no language `{code}`"))
}

/// A topic's parent, as stored: language and taxonomy (`None` when unknown).
/// `makes_loop`: the topic is the parent or one of its ancestors.
pub(crate) fn check_term_parent(
    term: &Term,
    parent: TermId,
    stored: Option<(&str, Taxonomy)>,
    makes_loop: bool,
) -> StoreResult<()> {
    match stored {
        None => Err(invalid(format!("there is no topic with id {parent}"))),
        Some((_, Taxonomy::Tag)) => Err(invalid(format!(
            "{parent} is a tag: only a topic can be a parent"
        ))),
        Some((language, _)) if language != term.language => Err(invalid(format!(
            "topic {parent} is in {language}, not in {}",
            term.language
        ))),
        Some(_) if makes_loop => Err(invalid(format!(
            "topic {parent} is inside `{}`: a topic cannot be its own ancestor",
            term.slug
        ))),
        Some(_) => Ok(()),
    }
}

/// Another term of the same language and taxonomy has the slug.
pub(crate) fn term_slug_taken(term: &Term, other: TermId) -> StoreError {
    invalid(format!(
        "the slug `{}` is already used by {} {other} in {}",
        term.slug,
        term.taxonomy.as_str(),
        term.language
    ))
}

pub(crate) fn no_such_user(id: UserId) -> StoreError {
    invalid(format!("there is no user with id {id}"))
}

/// Another user has the login or slug of `user`.
pub(crate) fn user_clash(user: &User, other_login: &str, other_slug: &str) -> StoreError {
    if other_login == user.login {
        invalid(format!("a user with login `{}` already exists", user.login))
    } else {
        invalid(format!(
            "the author slug `{}` is already used by `{other_login}`",
            other_slug
        ))
    }
}

/// A change that would leave the site with no admin: `stored_role` is the
/// user's role now, `new_role` `None` for a deletion, `admins` how many admins
/// there are now.
pub(crate) fn check_admin_left(
    login: &str,
    stored_role: Role,
    new_role: Option<Role>,
    admins: i64,
) -> StoreResult<()> {
    let loses_admin = stored_role == Role::Admin && new_role != Some(Role::Admin);
    if loses_admin && admins <= 1 {
        return Err(invalid(format!(
            "`{login}` is the only admin: make another user admin first"
        )));
    }
    Ok(())
}

/// The heir of a deleted user's posts.
pub(crate) fn check_heir(id: UserId, heir: Option<UserId>, heir_known: bool) -> StoreResult<()> {
    match heir {
        Some(heir) if heir == id => Err(invalid(
            "a user's posts cannot be given to the user being deleted".into(),
        )),
        Some(heir) if !heir_known => Err(no_such_user(heir)),
        _ => Ok(()),
    }
}
