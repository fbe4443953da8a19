//! The post editor: `GET /admin/posts/new` and `GET /admin/posts/{id}/edit`
//! show the form; `POST /admin/posts/new` and `POST /admin/posts/{id}` save it.
//! A form with mistakes comes back (422) with a message at each field and
//! everything the user typed; a save of a post someone else saved meanwhile
//! comes back too (409) and never overwrites their text. Authors and
//! contributors edit only their own posts, and only roles that may publish
//! can choose a public status.

mod check;
mod form;
mod input;
mod text;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::{Action, allows, can_edit};
use herald_core::slug::{MAX_SLUG_BYTES, slugify};
use herald_core::{
    AdminPost, AdminPostFilter, BodyFormat, NewTag, PAGE_KIND, POST_KIND, Post, PostId, PostSave,
    SiteConfig, Status, StoreError, Taxonomy, Term, TermId, Timestamp, Translation, User, UserId,
    permalink,
};
use herald_render::body::prepare_post;
use herald_render::dates::{Tz, parse_local_input, time_zone};
use serde::Deserialize;

use super::posts::status_label;
use super::problems::{self, Problems};
use super::terms::topic_tree;
use super::{Text, escape, forbidden, guard, page, store_failed};
use crate::AppState;
use crate::auth::session::SignedIn;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// The statuses the editor offers, in order.
const EDITOR_STATUSES: [Status; 5] = [
    Status::Draft,
    Status::Pending,
    Status::Scheduled,
    Status::Published,
    Status::Private,
];

/// Excerpt length when the post's language is unknown.
const DEFAULT_EXCERPT_WORDS: u32 = 55;

/// `?lang=` and, after a save or a restore, `?saved=1` or `?restored=1`.
#[derive(Debug, Default, Deserialize)]
pub struct EditorQuery {
    lang: Option<String>,
    saved: Option<String>,
    restored: Option<String>,
    /// `?kind=page` starts a new page.
    kind: Option<String>,
}

pub(super) fn not_found(state: &AppState, text: &Text) -> Response {
    let main = format!(
        "<p role=\"alert\">{}</p><p><a href=\"/admin/posts{}\">{}</a></p>",
        escape(text.editor.not_found),
        text.query,
        escape(text.posts)
    );
    (
        StatusCode::NOT_FOUND,
        Html(page(state, text, text.posts, &main)),
    )
        .into_response()
}

/// Whether the user may give `post` (theirs when `own`) a public status.
fn can_publish(signed_in: &SignedIn, own: bool) -> bool {
    let role = signed_in.user.role;
    allows(role, Action::PublishAnyPost) || (own && allows(role, Action::PublishOwnPost))
}

/// `GET /admin/posts/new`: an empty form.
pub async fn new_form(
    State(state): State<AppState>,
    Query(query): Query<EditorQuery>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::page(&state, &headers, text, Action::ViewAdmin).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let default = &config.settings.default_language;
    let language = if config.languages.iter().any(|l| &l.code == default) {
        default.clone()
    } else {
        config
            .languages
            .first()
            .map_or_else(String::new, |l| l.code.clone())
    };
    let wants_page = query.kind.as_deref() == Some(PAGE_KIND)
        && allows(signed_in.user.role, Action::ManagePages);
    let input = Input {
        language,
        kind: if wants_page { PAGE_KIND } else { POST_KIND }.into(),
        status: Status::Draft.as_str().into(),
        comments_open: true,
        author: Some(signed_in.user.id.to_string()),
        ..Input::default()
    };
    let form = Form {
        text,
        signed_in: &signed_in,
        config: &config,
        existing: None,
        input: &input,
        problems: &Vec::new(),
        alert: None,
        notice: None,
        can_publish: can_publish(&signed_in, true),
        now: state.clock.now(),
    };
    form.respond(&state, StatusCode::OK).await
}

/// The post `id` names, when the signed-in user may edit it; else the
/// refusal (not found, forbidden, or the store's failure).
pub(crate) async fn editable(
    state: &AppState,
    text: &'static Text,
    signed_in: &SignedIn,
    id: &str,
) -> Result<Post, Response> {
    let Ok(id) = id.parse::<PostId>() else {
        return Err(not_found(state, text));
    };
    let post = match state.store.post(id).await {
        Ok(Some(post)) => post,
        Ok(None) => return Err(not_found(state, text)),
        Err(e) => return Err(store_failed(e)),
    };
    if !can_edit(signed_in.user.role, post.author == Some(signed_in.user.id)) {
        return Err(forbidden(state, text));
    }
    Ok(post)
}

/// `GET /admin/posts/{id}/edit`: the form filled with the stored post.
pub async fn edit_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<EditorQuery>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::page(&state, &headers, text, Action::ViewAdmin).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let post = match editable(&state, text, &signed_in, &id).await {
        Ok(post) => post,
        Err(response) => return response,
    };
    let own = post.author == Some(signed_in.user.id);
    let (config, terms) = match tokio::try_join!(
        state.store.site_config(),
        state.store.terms_by_ids(&post.terms)
    ) {
        Ok(both) => both,
        Err(e) => return store_failed(e),
    };
    let tz = time_zone(&config.settings.time_zone);
    let input = Input::from_post(&post, &terms, tz);
    let form = Form {
        text,
        signed_in: &signed_in,
        config: &config,
        existing: Some(&post),
        input: &input,
        problems: &Vec::new(),
        alert: None,
        notice: if query.restored.is_some() {
            Some(text.revisions.restored)
        } else {
            query.saved.is_some().then_some(text.editor.saved)
        },
        can_publish: can_publish(&signed_in, own),
        now: state.clock.now(),
    };
    form.respond(&state, StatusCode::OK).await
}

/// `POST /admin/posts/new`: create a post.
pub async fn create(
    State(state): State<AppState>,
    Query(query): Query<EditorQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    save(state, query, headers, body, None).await
}

/// `POST /admin/posts/{id}`: save an existing post.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<EditorQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let Ok(id) = id.parse::<PostId>() else {
        let text = Text::for_lang(query.lang.as_deref());
        return not_found(&state, text);
    };
    save(state, query, headers, body, Some(id)).await
}

async fn save(
    state: AppState,
    query: EditorQuery,
    headers: HeaderMap,
    body: String,
    id: Option<PostId>,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ViewAdmin).await {
            Ok(checked) => checked,
            Err(response) => return response,
        };
    let existing = match id {
        None => None,
        Some(id) => match state.store.post(id).await {
            Ok(Some(post)) => Some(post),
            Ok(None) => return not_found(&state, text),
            Err(e) => return store_failed(e),
        },
    };
    let own = existing
        .as_ref()
        .is_none_or(|p| p.author == Some(signed_in.user.id));
    if !can_edit(signed_in.user.role, own) {
        return forbidden(&state, text);
    }
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let input = Input::from_form(&fields);
    let now = state.clock.now();
    let mut form = Form {
        text,
        signed_in: &signed_in,
        config: &config,
        existing: existing.as_ref(),
        input: &input,
        problems: &Vec::new(),
        alert: None,
        notice: None,
        can_publish: can_publish(&signed_in, own),
        now,
    };
    let Checked {
        mut post,
        new_tags,
        translation_of,
    } = match form.validate(&state).await {
        Ok(Ok(checked)) => checked,
        Ok(Err(problems)) => {
            form.problems = &problems;
            form.alert = Some(text.editor.not_saved);
            return form.respond(&state, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(e) => return store_failed(e),
    };
    let excerpt_words = config
        .languages
        .iter()
        .find(|l| l.code == post.language)
        .map_or(DEFAULT_EXCERPT_WORDS, |l| l.excerpt_words);
    prepare_post(&mut post, excerpt_words);
    let expected = existing
        .as_ref()
        .and_then(|_| input.updated_at.trim().parse::<Timestamp>().ok());
    let save = PostSave {
        post: &post,
        expected_updated_at: expected,
        saved_by: Some(signed_in.user.id),
        new_tags: &new_tags,
        translation_of,
    };
    match state.store.write_post(&save).await {
        Ok(id) => {
            let query = if text.query.is_empty() {
                "?saved=1".to_owned()
            } else {
                format!("{}&saved=1", text.query)
            };
            Redirect::to(&format!("/admin/posts/{id}/edit{query}")).into_response()
        }
        Err(StoreError::Conflict(_)) => {
            form.alert = Some(text.editor.stale);
            form.respond(&state, StatusCode::CONFLICT).await
        }
        Err(StoreError::Invalid(message)) => {
            let field = store_problem_field(&message);
            let problems = vec![(field, message)];
            form.problems = &problems;
            form.alert = Some(text.editor.not_saved);
            form.respond(&state, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => store_failed(e),
    }
}

/// The form field a store refusal is about, from its words.
fn store_problem_field(message: &str) -> &'static str {
    if message.starts_with("the slug") {
        "slug"
    } else if message.contains("translat") {
        "translation_of"
    } else if message.contains("page") {
        "parent"
    } else if message.contains("user") {
        "author"
    } else if message.contains("tag") {
        "tags"
    } else {
        "title"
    }
}

use form::Form;
use input::{Checked, Input};
pub use text::LinksText;
