//! The post editor: `GET /admin/posts/new` and `GET /admin/posts/{id}/edit`
//! show the form; `POST /admin/posts/new` and `POST /admin/posts/{id}` save it.
//! A form with mistakes comes back (422) with a message at each field and
//! everything the user typed; a save of a post someone else saved meanwhile
//! comes back too (409) and never overwrites their text. Authors and
//! contributors edit only their own posts, and only roles that may publish
//! can choose a public status.

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
use herald_render::dates::{Tz, local_input, parse_local_input, time_zone};
use serde::Deserialize;

use super::posts::{form_fields, status_label};
use super::terms::topic_tree;
use super::{Text, escape, forbidden, page, store_failed, to_login};
use crate::AppState;
use crate::auth::csrf;
use crate::auth::session::{self, SignedIn};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// The longest name of a tag made in the editor, in characters.
const MAX_TAG_CHARS: usize = 100;

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

/// The editor's words for authors, parent pages, translations and revisions.
#[derive(Debug)]
pub struct LinksText {
    pub author: &'static str,
    pub bad_author: &'static str,
    pub parent: &'static str,
    pub no_parent: &'static str,
    pub parent_hint: &'static str,
    pub bad_parent: &'static str,
    pub translations: &'static str,
    pub translation_of: &'static str,
    pub translation_hint: &'static str,
    pub bad_translation: &'static str,
    pub unlink: &'static str,
    pub tag_invalid: &'static str,
    pub page_kind: &'static str,
}

impl LinksText {
    pub const EN: Self = Self {
        author: "Author",
        bad_author: "Choose one of the site's users.",
        parent: "Parent page",
        no_parent: "None (a top-level page)",
        parent_hint: "Pages only: the page this one sits under.",
        bad_parent: "Choose one of the listed pages.",
        translations: "Published translations",
        translation_of: "Translation of post number",
        translation_hint: "The number of the same story in another language (shown in the posts list); leave empty to keep the links as they are.",
        bad_translation: "Give a post number, like 120.",
        unlink: "Remove this post from its translations",
        tag_invalid: "This tag has no letters or digits: {tags}.",
        page_kind: "Page",
    };

    pub const FA: Self = Self {
        author: "نویسنده",
        bad_author: "یکی از کاربران سایت را انتخاب کنید.",
        parent: "صفحهٔ والد",
        no_parent: "هیچ (صفحهٔ اصلی)",
        parent_hint: "فقط برای صفحه‌ها: صفحه‌ای که این صفحه زیر آن است.",
        bad_parent: "یکی از صفحه‌های فهرست‌شده را انتخاب کنید.",
        translations: "ترجمه‌های منتشرشده",
        translation_of: "ترجمهٔ نوشتهٔ شمارهٔ",
        translation_hint: "شمارهٔ همین خبر به زبانی دیگر (در فهرست نوشته‌ها)؛ برای نگه‌داشتن پیوندها خالی بگذارید.",
        bad_translation: "شمارهٔ یک نوشته را بنویسید، مانند ۱۲۰.",
        unlink: "جدا کردن این نوشته از ترجمه‌هایش",
        tag_invalid: "این برچسب حرف یا رقمی ندارد: {tags}.",
        page_kind: "صفحه",
    };
}

/// A valid form: the post to write and what goes with it.
struct Checked {
    post: Post,
    new_tags: Vec<NewTag>,
    translation_of: Option<PostId>,
}

/// The form's fields exactly as typed.
#[derive(Debug, Clone, Default)]
struct Input {
    title: String,
    slug: String,
    language: String,
    kind: String,
    body: String,
    excerpt: String,
    topics: Vec<String>,
    tags: String,
    status: String,
    publish_at: String,
    sticky: bool,
    comments_open: bool,
    updated_at: String,
    /// The chosen author's id; `None` when the form did not send the field.
    author: Option<String>,
    parent: String,
    translation_of: String,
    unlink: bool,
}

impl Input {
    fn from_post(post: &Post, terms: &[Term], tz: Tz) -> Self {
        let tags: Vec<&str> = terms
            .iter()
            .filter(|t| t.taxonomy == Taxonomy::Tag)
            .map(|t| t.name.as_str())
            .collect();
        Self {
            title: post.title.clone(),
            slug: post.slug.clone(),
            language: post.language.clone(),
            kind: post.kind.clone(),
            body: post.body.clone(),
            excerpt: post.excerpt.clone(),
            topics: terms
                .iter()
                .filter(|t| t.taxonomy == Taxonomy::Topic)
                .map(|t| t.id.to_string())
                .collect(),
            tags: tags.join(", "),
            status: post.status.as_str().to_owned(),
            publish_at: local_input(post.publish_at, tz),
            sticky: post.sticky,
            comments_open: post.comments_open,
            updated_at: post.updated_at.to_string(),
            author: Some(post.author.map_or_else(String::new, |a| a.to_string())),
            parent: post.parent.map_or_else(String::new, |p| p.to_string()),
            translation_of: String::new(),
            unlink: false,
        }
    }

    fn from_form(fields: &[(String, String)]) -> Self {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map_or(String::new(), |(_, v)| v.clone())
        };
        let checked = |name: &str| fields.iter().any(|(k, _)| k == name);
        Self {
            title: field("title"),
            slug: field("slug"),
            language: field("language"),
            kind: field("kind"),
            body: field("body"),
            excerpt: field("excerpt"),
            topics: fields
                .iter()
                .filter(|(k, _)| k == "topics")
                .map(|(_, v)| v.clone())
                .collect(),
            tags: field("tags"),
            status: field("status"),
            publish_at: field("publish_at"),
            sticky: checked("sticky"),
            comments_open: checked("comments_open"),
            updated_at: field("updated_at"),
            author: fields
                .iter()
                .find(|(k, _)| k == "author")
                .map(|(_, v)| v.clone()),
            parent: field("parent"),
            translation_of: field("translation_of"),
            unlink: checked("unlink"),
        }
    }
}

/// Messages per field name.
type Problems = Vec<(&'static str, String)>;

/// The signed-in user allowed into the admin, or the response refusing them.
async fn admin_user(
    state: &AppState,
    headers: &HeaderMap,
    text: &'static Text,
) -> Result<SignedIn, Response> {
    let mut signed_in = match session::current(state, headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return Err(to_login(text)),
        Err(e) => return Err(store_failed(e)),
    };
    if !allows(signed_in.user.role, Action::ViewAdmin) {
        return Err(forbidden(state, text));
    }
    session::touch(state, &mut signed_in)
        .await
        .map_err(store_failed)?;
    Ok(signed_in)
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
    let signed_in = match admin_user(&state, &headers, text).await {
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

/// `GET /admin/posts/{id}/edit`: the form filled with the stored post.
pub async fn edit_form(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<EditorQuery>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match admin_user(&state, &headers, text).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<PostId>() else {
        return not_found(&state, text);
    };
    let post = match state.store.post(id).await {
        Ok(Some(post)) => post,
        Ok(None) => return not_found(&state, text),
        Err(e) => return store_failed(e),
    };
    let own = post.author == Some(signed_in.user.id);
    if !can_edit(signed_in.user.role, own) {
        return forbidden(&state, text);
    }
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
    if !csrf::from_this_site(&headers, &state.config.base_url) {
        return forbidden(&state, text);
    }
    let signed_in = match session::current(&state, &headers).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => return to_login(text),
        Err(e) => return store_failed(e),
    };
    let fields = form_fields(&body);
    let token = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map_or("", |(_, v)| v.as_str());
    if !csrf::token_matches(&signed_in.session.csrf_token, token) {
        return forbidden(&state, text);
    }
    if !allows(signed_in.user.role, Action::ViewAdmin) {
        return forbidden(&state, text);
    }
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

/// What the form shows beside the post: users to choose an author from,
/// pages to choose a parent from, and the post's published translations.
struct Related {
    users: Vec<User>,
    pages: Vec<AdminPost>,
    translations: Vec<Translation>,
}

/// The most pages offered as a parent.
const MAX_PARENT_CHOICES: u32 = 500;

/// Everything the form page shows.
struct Form<'a> {
    text: &'static Text,
    signed_in: &'a SignedIn,
    config: &'a SiteConfig,
    existing: Option<&'a Post>,
    input: &'a Input,
    problems: &'a Problems,
    /// Why the form came back, shown at the top.
    alert: Option<&'a str>,
    notice: Option<&'a str>,
    can_publish: bool,
    now: Timestamp,
}

impl Form<'_> {
    fn tz(&self) -> Tz {
        time_zone(&self.config.settings.time_zone)
    }

    fn language_known(&self) -> bool {
        self.config
            .languages
            .iter()
            .any(|l| l.code == self.input.language)
    }

    fn kinds(&self) -> Vec<(String, String)> {
        let lang = self.text.lang;
        let mut kinds = vec![(POST_KIND.to_owned(), self.text.editor.post_kind.to_owned())];
        for kind in &self.config.kinds {
            if kind.slug != POST_KIND && kind.slug != PAGE_KIND {
                kinds.push((kind.slug.clone(), kind.label(lang).to_owned()));
            }
        }
        if allows(self.signed_in.user.role, Action::ManagePages) {
            kinds.push((PAGE_KIND.to_owned(), self.text.links.page_kind.to_owned()));
        }
        if let Some(post) = self.existing
            && !kinds.iter().any(|(slug, _)| *slug == post.kind)
        {
            kinds.push((post.kind.clone(), post.kind.clone()));
        }
        kinds
    }

    fn statuses(&self) -> Vec<Status> {
        EDITOR_STATUSES
            .into_iter()
            .filter(|s| self.can_publish || matches!(s, Status::Draft | Status::Pending))
            .collect()
    }

    /// Whether the user may choose a post's author (editors and admins).
    fn chooses_author(&self) -> bool {
        allows(self.signed_in.user.role, Action::EditAnyPost)
    }

    /// The post the input describes, or what is wrong with it. Only reads.
    async fn validate(&self, state: &AppState) -> Result<Result<Checked, Problems>, StoreError> {
        let e = &self.text.editor;
        let input = self.input;
        let mut problems: Problems = Vec::new();
        let title = input.title.trim();
        if title.is_empty() {
            problems.push(("title", e.title_required.into()));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            let max = MAX_TITLE_CHARS.to_string();
            problems.push(("title", e.title_too_long.replace("{max}", &max)));
        }
        let language_known = self.language_known();
        if !language_known {
            problems.push(("language", e.bad_language.into()));
        }
        if !self.kinds().iter().any(|(slug, _)| *slug == input.kind) {
            problems.push(("kind", e.bad_kind.into()));
        }
        let typed = input.slug.trim();
        let slug = if typed.is_empty() {
            let made = slugify(title);
            if made.is_empty() && !title.is_empty() {
                problems.push(("slug", e.slug_from_title.into()));
            }
            made
        } else if typed.len() > MAX_SLUG_BYTES {
            let max = MAX_SLUG_BYTES.to_string();
            problems.push(("slug", e.slug_too_long.replace("{max}", &max)));
            String::new()
        } else if slugify(typed) != typed {
            problems.push(("slug", e.slug_invalid.into()));
            String::new()
        } else {
            typed.to_owned()
        };
        let status = match Status::parse(input.status.trim()).filter(|s| *s != Status::Trash) {
            None => {
                problems.push(("status", e.bad_status.into()));
                Status::Draft
            }
            Some(status) => {
                if !self.statuses().contains(&status) {
                    problems.push(("status", e.status_not_allowed.into()));
                }
                status
            }
        };
        let publish_at = if input.publish_at.trim().is_empty() {
            Some(self.now)
        } else {
            parse_local_input(&input.publish_at, self.tz())
        };
        match publish_at {
            None => problems.push(("publish_at", e.bad_date.into())),
            Some(at) if status == Status::Scheduled && at <= self.now => {
                problems.push(("publish_at", e.schedule_in_past.into()));
            }
            Some(_) => {}
        }
        let text_links = &self.text.links;
        let mut terms: Vec<TermId> = Vec::new();
        let mut new_tags: Vec<NewTag> = Vec::new();
        if language_known {
            let topics = state.store.topics(&input.language).await?;
            for typed in &input.topics {
                match typed.trim().parse::<TermId>() {
                    Ok(id) if topics.iter().any(|t| t.id == id) => terms.push(id),
                    _ => {
                        if !problems.iter().any(|(f, _)| *f == "topics") {
                            problems.push(("topics", e.unknown_topic.into()));
                        }
                    }
                }
            }
            let mut unusable: Vec<&str> = Vec::new();
            for name in input.tags.split([',', '،']).map(str::trim) {
                if name.is_empty() {
                    continue;
                }
                let slug = slugify(name);
                if slug.is_empty() || name.chars().count() > MAX_TAG_CHARS {
                    unusable.push(name);
                    continue;
                }
                let tag = state
                    .store
                    .term_by_slug(&input.language, Taxonomy::Tag, &slug)
                    .await?;
                match tag {
                    Some(tag) => terms.push(tag.id),
                    // A tag not there yet is made with the post.
                    None if !new_tags.iter().any(|t: &NewTag| t.slug == slug) => {
                        new_tags.push(NewTag {
                            slug,
                            name: name.to_owned(),
                        });
                    }
                    None => {}
                }
            }
            if !unusable.is_empty() {
                let list = unusable.join(", ");
                problems.push(("tags", text_links.tag_invalid.replace("{tags}", &list)));
            }
        }
        let author = self.author(state, &mut problems).await?;
        let parent = if input.kind == PAGE_KIND {
            match input.parent.trim() {
                "" => None,
                typed => match typed.parse::<PostId>() {
                    Ok(id) => Some(id),
                    Err(_) => {
                        problems.push(("parent", text_links.bad_parent.into()));
                        None
                    }
                },
            }
        } else {
            None
        };
        let translation_of = match input.translation_of.trim() {
            "" => None,
            typed => match typed.parse::<PostId>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    problems.push(("translation_of", text_links.bad_translation.into()));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let existing = self.existing;
        let translation_group = if input.unlink {
            None
        } else {
            existing.and_then(|p| p.translation_group)
        };
        let post = Post {
            id: existing.map_or(0, |p| p.id),
            kind: input.kind.clone(),
            language: input.language.clone(),
            status,
            title: title.to_owned(),
            slug,
            body: input.body.clone(),
            format: existing.map_or(BodyFormat::Markdown, |p| p.format),
            excerpt: input.excerpt.trim().to_owned(),
            author,
            parent,
            publish_at: publish_at.unwrap_or(self.now),
            // Always later than what was read, so a second save made with the
            // same form is seen as stale even within one second.
            updated_at: existing.map_or(self.now, |p| self.now.max(p.updated_at + 1)),
            sticky: input.sticky,
            comments_open: input.comments_open,
            featured_image: existing.and_then(|p| p.featured_image.clone()),
            featured_alt: existing.map_or_else(String::new, |p| p.featured_alt.clone()),
            terms,
            translation_group,
            body_html: String::new(),
            excerpt_text: String::new(),
        };
        Ok(Ok(Checked {
            post,
            new_tags,
            translation_of,
        }))
    }

    /// The author the post gets: the chosen user for editors and admins,
    /// else the stored author (or the user, for a new post).
    async fn author(
        &self,
        state: &AppState,
        problems: &mut Problems,
    ) -> Result<Option<UserId>, StoreError> {
        let keep = self
            .existing
            .map_or(Some(self.signed_in.user.id), |p| p.author);
        let Some(typed) = self.input.author.as_deref().map(str::trim) else {
            return Ok(keep);
        };
        if !self.chooses_author() {
            return Ok(keep);
        }
        if typed.is_empty() {
            return Ok(None);
        }
        let chosen = match typed.parse::<UserId>() {
            Ok(id) => state.store.user(id).await?.map(|u| u.id),
            Err(_) => None,
        };
        if chosen.is_none() {
            problems.push(("author", self.text.links.bad_author.into()));
        }
        Ok(chosen.or(keep))
    }

    /// The page with `status`.
    async fn respond(&self, state: &AppState, status: StatusCode) -> Response {
        let topics = if self.language_known() {
            match state.store.topics(&self.input.language).await {
                Ok(topics) => topics,
                Err(e) => return store_failed(e),
            }
        } else {
            Vec::new()
        };
        let related = match self.related(state).await {
            Ok(related) => related,
            Err(e) => return store_failed(e),
        };
        let e = &self.text.editor;
        let title = if self.existing.is_some() {
            e.edit_post
        } else {
            e.new_post
        };
        let main = self.render(title, &topics, &related);
        (status, Html(page(state, self.text, title, &main))).into_response()
    }

    /// Users, candidate parent pages and published translations, as far as
    /// the form shows them.
    async fn related(&self, state: &AppState) -> Result<Related, StoreError> {
        let users = if self.chooses_author() {
            state.store.users().await?
        } else {
            Vec::new()
        };
        let pages = if self.language_known() && self.input.kind == PAGE_KIND {
            let filter = AdminPostFilter {
                language: Some(self.input.language.clone()),
                kind_pages: true,
                page: 1,
                per_page: MAX_PARENT_CHOICES,
                ..AdminPostFilter::default()
            };
            let own = self.existing.map(|p| p.id);
            let mut pages = state.store.admin_posts(&filter).await?.posts;
            pages.retain(|p| Some(p.id) != own);
            pages.sort_by(|a, b| a.title.cmp(&b.title));
            pages
        } else {
            Vec::new()
        };
        let translations = match self.existing {
            Some(post) if post.translation_group.is_some() => {
                state.store.translations(post, self.now).await?
            }
            _ => Vec::new(),
        };
        Ok(Related {
            users,
            pages,
            translations,
        })
    }

    /// The author, parent page and translation fields, and the link to the
    /// revisions.
    fn links(&self, related: &Related) -> String {
        let text = self.text;
        let l = &text.links;
        let input = self.input;
        let selected = |yes: bool| if yes { " selected" } else { "" };
        let mut html = String::from("<div class=\"admin-editor-links\">");
        if self.chooses_author() {
            let options: String = related
                .users
                .iter()
                .map(|u| {
                    format!(
                        "<option value=\"{id}\"{s}>{name} ({login})</option>",
                        id = u.id,
                        s = selected(Some(u.id.to_string().as_str()) == input.author.as_deref()),
                        name = escape(&u.display_name),
                        login = escape(&u.login),
                    )
                })
                .collect();
            html.push_str(&format!(
                "<p><label for=\"author\">{label}</label> <select id=\"author\" name=\"author\"{invalid}><option value=\"\">—</option>{options}</select> \
                 {errors}</p>",
                label = escape(l.author),
                invalid = self.invalid("author"),
                errors = self.errors("author"),
            ));
        }
        if input.kind == PAGE_KIND {
            let options: String = related
                .pages
                .iter()
                .map(|p| {
                    format!(
                        "<option value=\"{id}\"{s}>{title}</option>",
                        id = p.id,
                        s = selected(p.id.to_string() == input.parent.trim()),
                        title = escape(&p.title),
                    )
                })
                .collect();
            html.push_str(&format!(
                "<p><label for=\"parent\">{label}</label> <select id=\"parent\" name=\"parent\"{invalid}><option value=\"\">{none}</option>{options}</select> \
                 <small>{hint}</small> {errors}</p>",
                label = escape(l.parent),
                none = escape(l.no_parent),
                hint = escape(l.parent_hint),
                invalid = self.invalid("parent"),
                errors = self.errors("parent"),
            ));
        }
        if !related.translations.is_empty() {
            let items: String = related
                .translations
                .iter()
                .map(|t| {
                    format!(
                        "<li><a href=\"/admin/posts/{id}/edit{query}\" lang=\"{lang}\">{title}</a> \
                         ({lang}, {id})</li>",
                        id = t.id,
                        query = text.query,
                        lang = escape(&t.language),
                        title = escape(&t.title),
                    )
                })
                .collect();
            html.push_str(&format!(
                "<h2>{}</h2><ul>{items}</ul>",
                escape(l.translations)
            ));
        }
        html.push_str(&format!(
            "<p><label for=\"translation_of\">{label}</label> <input id=\"translation_of\" \
             name=\"translation_of\" inputmode=\"numeric\" size=\"8\" \
             value=\"{value}\"{invalid}> \
             <small id=\"translation-hint\">{hint}</small> {errors}</p>",
            label = escape(l.translation_of),
            value = escape(&input.translation_of),
            hint = escape(l.translation_hint),
            invalid = if self.problems.iter().any(|(f, _)| *f == "translation_of") {
                " aria-invalid=\"true\" aria-describedby=\"translation-hint translation_of-error\""
            } else {
                " aria-describedby=\"translation-hint\""
            },
            errors = self.errors("translation_of"),
        ));
        if self.existing.is_some_and(|p| p.translation_group.is_some()) {
            html.push_str(&format!(
                "<p><label><input type=\"checkbox\" name=\"unlink\" value=\"on\" \
{c}> {label}</label></p>",
                c = if input.unlink { " checked" } else { "" },
                label = escape(l.unlink),
            ));
        }
        if let Some(post) = self.existing {
            html.push_str(&format!(
                "<p><a href=\"/admin/posts/{id}/revisions{query}\">{label}</a></p>",
                id = post.id,
                query = text.query,
                label = escape(text.revisions.revisions),
            ));
        }
        html.push_str("</div>");
        html
    }

    fn errors(&self, field: &str) -> String {
        let messages: Vec<String> = self
            .problems
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| escape(m))
            .collect();
        if messages.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"admin-field-error\" id=\"{field}-error\">{}</span>",
                messages.join(" ")
            )
        }
    }

    /// `aria-invalid` and the link to the message of a field with problems.
    fn invalid(&self, field: &str) -> String {
        if self.problems.iter().any(|(f, _)| *f == field) {
            format!(" aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }

    fn render(&self, heading: &str, topics: &[Term], related: &Related) -> String {
        let text = self.text;
        let e = &text.editor;
        let input = self.input;
        let selected = |yes: bool| if yes { " selected" } else { "" };
        let checked = |yes: bool| if yes { " checked" } else { "" };
        let mut view = String::new();
        if let Some(post) = self.existing
            && post.status.is_public(post.publish_at, self.now)
        {
            view = format!(
                " · <a href=\"{}\">{}</a>",
                escape(&permalink::post(&post.language, post.id)),
                escape(e.view)
            );
        }
        let notice = self.notice.map_or_else(String::new, |n| {
            format!(
                "<p role=\"status\" class=\"admin-notice\">{}</p>",
                escape(n)
            )
        });
        let alert = self.alert.map_or_else(String::new, |a| {
            format!("<p role=\"alert\" class=\"admin-error\">{}</p>", escape(a))
        });
        let action = match self.existing {
            Some(post) => format!("/admin/posts/{}", post.id),
            None => "/admin/posts/new".to_owned(),
        };
        let languages: String = self
            .config
            .languages
            .iter()
            .map(|l| {
                format!(
                    "<option value=\"{code}\"{s}>{name}</option>",
                    code = escape(&l.code),
                    s = selected(l.code == input.language),
                    name = escape(&l.name),
                )
            })
            .collect();
        let kinds: String = self
            .kinds()
            .iter()
            .map(|(slug, label)| {
                format!(
                    "<option value=\"{v}\"{s}>{label}</option>",
                    v = escape(slug),
                    s = selected(*slug == input.kind),
                    label = escape(label),
                )
            })
            .collect();
        let statuses: String = self
            .statuses()
            .into_iter()
            .map(|status| {
                format!(
                    "<option value=\"{v}\"{s}>{label}</option>",
                    v = status.as_str(),
                    s = selected(status.as_str() == input.status),
                    label = escape(status_label(text, status)),
                )
            })
            .collect();
        let topic_boxes: String = if topics.is_empty() {
            format!("<p>{}</p>", escape(e.no_topics))
        } else {
            topic_tree(topics)
                .into_iter()
                .map(|(depth, topic)| {
                    let id = topic.id.to_string();
                    format!(
                        "<label class=\"admin-topic\"><input type=\"checkbox\" name=\"topics\" \
                         value=\"{id}\"{c}> {indent}{name}</label><br>",
                        c = checked(input.topics.contains(&id)),
                        indent = "— ".repeat(depth),
                        name = escape(&topic.name),
                    )
                })
                .collect()
        };
        let date_type = if self.problems.iter().any(|(f, _)| *f == "publish_at") {
            "text"
        } else {
            "datetime-local"
        };
        format!(
            "<h1>{heading}</h1><p><a href=\"/admin/posts{query}\">{posts}</a>{view}</p>\
             {notice}{alert}\
             <form method=\"post\" action=\"{action}{query}\" class=\"admin-editor\" \
             id=\"post-form\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"updated_at\" value=\"{updated_at}\">\
             <p><label for=\"title\">{title_label}</label> <input id=\"title\" name=\"title\" dir=\"auto\" \
             value=\"{title}\" maxlength=\"{max_title}\" required{title_invalid}> {title_errors}</p>\
             <p><label for=\"slug\">{slug_label}</label> <input id=\"slug\" name=\"slug\" dir=\"auto\" \
             value=\"{slug}\"{slug_invalid}> <small>{slug_hint}</small> {slug_errors}</p>\
             <p><label for=\"language\">{language_label}</label> <select id=\"language\" \
             name=\"language\"{language_invalid}>{languages}</select> {language_errors}</p>\
             <p><label for=\"kind\">{kind_label}</label> <select id=\"kind\" name=\"kind\"\
             {kind_invalid}>{kinds}</select> {kind_errors}</p>\
             <p><label for=\"body\">{body_label}</label><br><textarea id=\"body\" name=\"body\" dir=\"auto\" \
             rows=\"20\" cols=\"80\">\n{body}</textarea></p>\
             <p><label for=\"excerpt\">{excerpt_label}</label><br><textarea id=\"excerpt\" dir=\"auto\" \
             name=\"excerpt\" rows=\"3\" cols=\"80\">\n{excerpt}</textarea></p>\
             <fieldset><legend>{topics_label}</legend>{topic_boxes} {topics_errors}</fieldset>\
             <p><label for=\"tags\">{tags_label}</label> <input id=\"tags\" name=\"tags\" dir=\"auto\" \
             value=\"{tags}\"{tags_invalid}> {tags_errors}</p>\
             <p><label for=\"status\">{status_label}</label> <select id=\"status\" \
             name=\"status\"{status_invalid}>{statuses}</select> {status_errors}</p>\
             <p><label for=\"publish_at\">{publish_label}</label> <input type=\"{date_type}\" \
             id=\"publish_at\" name=\"publish_at\" value=\"{publish_at}\"{publish_invalid}> \
             <small>{publish_hint}</small> {publish_errors}</p>\
             <p><label><input type=\"checkbox\" name=\"sticky\" value=\"on\"{sticky}> \
             {sticky_label}</label></p>\
             <p><label><input type=\"checkbox\" name=\"comments_open\" value=\"on\"{comments}> \
             {comments_label}</label></p>\
             {links}<p><button type=\"submit\">{save}</button> {preview}</p></form>{preview_panel}",
            heading = escape(heading),
            query = text.query,
            posts = escape(text.posts),
            csrf = escape(&self.signed_in.session.csrf_token),
            updated_at = escape(&input.updated_at),
            title_label = escape(text.title),
            title = escape(&input.title),
            max_title = MAX_TITLE_CHARS,
            title_invalid = self.invalid("title"),
            title_errors = self.errors("title"),
            slug_label = escape(e.slug),
            slug = escape(&input.slug),
            slug_invalid = self.invalid("slug"),
            slug_hint = escape(e.slug_hint),
            slug_errors = self.errors("slug"),
            language_label = escape(text.language),
            language_invalid = self.invalid("language"),
            language_errors = self.errors("language"),
            kind_label = escape(e.kind),
            kind_invalid = self.invalid("kind"),
            kind_errors = self.errors("kind"),
            body_label = escape(e.body),
            body = escape(&input.body),
            excerpt_label = escape(e.excerpt),
            excerpt = escape(&input.excerpt),
            topics_label = escape(e.topics),
            topics_errors = self.errors("topics"),
            tags_label = escape(e.tags),
            tags = escape(&input.tags),
            tags_invalid = self.invalid("tags"),
            tags_errors = self.errors("tags"),
            status_label = escape(text.status),
            status_invalid = self.invalid("status"),
            status_errors = self.errors("status"),
            publish_label = escape(e.publish_at),
            publish_at = escape(&input.publish_at),
            publish_invalid = self.invalid("publish_at"),
            publish_hint = escape(e.publish_hint),
            publish_errors = self.errors("publish_at"),
            sticky = checked(input.sticky),
            sticky_label = escape(e.sticky),
            comments = checked(input.comments_open),
            comments_label = escape(e.comments_open),
            links = self.links(related),
            save = escape(e.save),
            preview = super::preview::button(text, self.existing.map(|p| p.id)),
            preview_panel = super::preview::panel(text),
        )
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
