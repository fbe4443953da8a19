//! A post's revisions: `GET /admin/posts/{id}/revisions` lists every saved
//! state, `GET …/revisions/compare?from=A&to=B` shows what changed between
//! two (`to` empty: the post as it is now), and
//! `POST …/revisions/{rev}/restore` brings a revision's text back as a new
//! save (itself a revision, so a restore can be undone). Whoever may edit
//! the post may see and restore its revisions.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::permission::Action;
use herald_core::{Post, PostSave, Revision, RevisionId, StoreError, User};
use herald_render::body::prepare_post;
use herald_render::dates::{local_input, time_zone};
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};

use super::{Text, escape, guard, page, store_failed};
use crate::AppState;
use crate::auth::session::SignedIn;

/// The revisions pages' words.
#[derive(Debug)]
pub struct RevisionsText {
    pub revisions: &'static str,
    pub saved_at: &'static str,
    pub saved_by: &'static str,
    pub unknown_user: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub compare: &'static str,
    pub restore: &'static str,
    pub current: &'static str,
    pub none: &'static str,
    pub no_changes: &'static str,
    pub back_to_post: &'static str,
    pub bad_choice: &'static str,
    /// `{n}` is replaced by the revision's number.
    pub revision_n: &'static str,
    pub restored: &'static str,
    /// `{reason}` is replaced by the store's words.
    pub restore_failed: &'static str,
    pub removed: &'static str,
    pub added: &'static str,
}

impl RevisionsText {
    pub const EN: Self = Self {
        revisions: "Revisions",
        saved_at: "Saved",
        saved_by: "By",
        unknown_user: "someone no longer here",
        from: "From",
        to: "To",
        compare: "Compare",
        restore: "Restore this revision",
        current: "the post as it is now",
        none: "This post has no revisions yet: every save from now on keeps one.",
        no_changes: "No differences.",
        back_to_post: "Back to the post",
        bad_choice: "Choose two revisions of this post to compare.",
        revision_n: "Revision {n}",
        restored: "The revision was restored and saved as a new revision.",
        restore_failed: "The revision could not be restored: {reason}",
        removed: "Removed",
        added: "Added",
    };

    pub const FA: Self = Self {
        revisions: "نسخه‌ها",
        saved_at: "ذخیره",
        saved_by: "توسط",
        unknown_user: "کاربری که دیگر نیست",
        from: "از",
        to: "تا",
        compare: "مقایسه",
        restore: "بازگرداندن این نسخه",
        current: "نوشته در حال حاضر",
        none: "این نوشته هنوز نسخه‌ای ندارد: از این پس هر ذخیره یک نسخه نگه می‌دارد.",
        no_changes: "تفاوتی نیست.",
        back_to_post: "بازگشت به نوشته",
        bad_choice: "دو نسخه از همین نوشته را برای مقایسه انتخاب کنید.",
        revision_n: "نسخهٔ {n}",
        restored: "نسخه بازگردانده شد و به‌عنوان نسخه‌ای تازه ذخیره شد.",
        restore_failed: "بازگرداندن نسخه ممکن نشد: {reason}",
        removed: "حذف‌شده",
        added: "افزوده",
    };
}

/// `?lang=`, and the two revisions to compare.
#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    lang: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// `?lang=` only.
#[derive(Debug, Default, Deserialize)]
pub struct LangOnly {
    lang: Option<String>,
}

/// `GET /admin/posts/{id}/revisions`.
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangOnly>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::page(&state, &headers, text, Action::ViewAdmin).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let post = match super::editor::editable(&state, text, &signed_in, &id).await {
        Ok(post) => post,
        Err(response) => return response,
    };
    let (revisions, users, settings) = match tokio::try_join!(
        state.store.revisions(post.id),
        state.store.users(),
        state.store.settings()
    ) {
        Ok(all) => all,
        Err(e) => return store_failed(e),
    };
    let main = list_html(
        text,
        &signed_in,
        &post,
        &revisions,
        &users,
        &settings.time_zone,
    );
    Html(page(&state, text, text.revisions.revisions, &main)).into_response()
}

fn heading(text: &Text, post: &Post) -> String {
    let r = &text.revisions;
    format!(
        "<h1 id=\"revisions-heading\">{revisions}: {title}</h1><p><a href=\"/admin/posts/{id}/edit{query}\">{back}</a></p>",
        revisions = escape(r.revisions),
        title = escape(&post.title),
        id = post.id,
        query = text.query,
        back = escape(r.back_to_post),
    )
}

fn who(text: &Text, users: &[User], id: Option<herald_core::UserId>) -> String {
    id.and_then(|id| users.iter().find(|u| u.id == id))
        .map_or_else(
            || text.revisions.unknown_user.to_owned(),
            |u| u.display_name.clone(),
        )
}

fn list_html(
    text: &Text,
    signed_in: &SignedIn,
    post: &Post,
    revisions: &[Revision],
    users: &[User],
    zone: &str,
) -> String {
    let r = &text.revisions;
    let mut html = heading(text, post);
    if revisions.is_empty() {
        html.push_str(&format!("<p>{}</p>", escape(r.none)));
        return html;
    }
    let tz = time_zone(zone);
    let csrf = escape(&signed_in.session.csrf_token);
    let rows: String = revisions
        .iter()
        .enumerate()
        .map(|(index, rev)| {
            let number = revisions.len() - index;
            let label = r.revision_n.replace("{n}", &number.to_string());
            format!(
                "<tr><td><input type=\"radio\" name=\"from\" value=\"{id}\" \
                 aria-label=\"{from}: {label}\"{from_checked}> \
                 <input type=\"radio\" name=\"to\" value=\"{id}\" aria-label=\"{to}: {label}\">\
                 </td><td>{label}</td><td><time>{at}</time></td><td>{by}</td><td>{title}</td>\
                 <td><button type=\"submit\" form=\"restore-{id}\">{restore}</button></td></tr>",
                id = rev.id,
                from = escape(r.from),
                to = escape(r.to),
                label = escape(&label),
                from_checked = if index == 0 { " checked" } else { "" },
                at = escape(&local_input(rev.saved_at, tz).replace('T', " ")),
                by = escape(&who(text, users, rev.saved_by)),
                title = escape(&rev.title),
                restore = escape(r.restore),
            )
        })
        .collect();
    let restore_forms: String = revisions
        .iter()
        .map(|rev| {
            format!(
                "<form id=\"restore-{rid}\" method=\"post\" \
                 action=\"/admin/posts/{pid}/revisions/{rid}/restore{query}\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"></form>",
                rid = rev.id,
                pid = post.id,
                query = text.query,
            )
        })
        .collect();
    let lang_field = if text.query.is_empty() {
        String::new()
    } else {
        format!(
            "<input type=\"hidden\" name=\"lang\" value=\"{}\">",
            text.lang
        )
    };
    html.push_str(&format!(
        "<form method=\"get\" action=\"/admin/posts/{id}/revisions/compare\">{lang_field}\
         <p>{hint}</p>\
         <div class=\"admin-scroll\" role=\"region\" \
         aria-labelledby=\"revisions-heading\" tabindex=\"0\"><table class=\"admin-table\"><thead><tr>\
         <th scope=\"col\">{from} / {to}</th><th scope=\"col\">#</th>\
         <th scope=\"col\">{saved_at}</th><th scope=\"col\">{saved_by}</th>\
         <th scope=\"col\">{title}</th><th scope=\"col\">{restore}</th></tr></thead>\
         <tbody><tr><td><input type=\"radio\" name=\"to\" value=\"\" checked \
         aria-label=\"{to}: {current}\"></td><td colspan=\"5\">{current}</td></tr>{rows}</tbody>\
         </table></div><p><button type=\"submit\">{compare}</button></p></form>{restore_forms}",
        id = post.id,
        hint = escape(r.bad_choice),
        from = escape(r.from),
        to = escape(r.to),
        saved_at = escape(r.saved_at),
        saved_by = escape(r.saved_by),
        title = escape(text.title),
        current = escape(r.current),
        compare = escape(r.compare),
        restore = escape(text.restore),
    ));
    html
}

/// The text a revision (or the post now) shows, field by field.
struct Side {
    label: String,
    title: String,
    slug: String,
    excerpt: String,
    body: String,
}

impl Side {
    fn of_revision(text: &Text, revisions: &[Revision], rev: &Revision) -> Self {
        let number = revisions.len() - revisions.iter().position(|r| r.id == rev.id).unwrap_or(0);
        Self {
            label: text
                .revisions
                .revision_n
                .replace("{n}", &number.to_string()),
            title: rev.title.clone(),
            slug: rev.slug.clone(),
            excerpt: rev.excerpt.clone(),
            body: rev.body.clone(),
        }
    }

    fn of_post(text: &Text, post: &Post) -> Self {
        Self {
            label: text.revisions.current.to_owned(),
            title: post.title.clone(),
            slug: post.slug.clone(),
            excerpt: post.excerpt.clone(),
            body: post.body.clone(),
        }
    }
}

/// `GET /admin/posts/{id}/revisions/compare?from=A&to=B`.
pub async fn compare(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CompareQuery>,
    headers: HeaderMap,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::page(&state, &headers, text, Action::ViewAdmin).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let post = match super::editor::editable(&state, text, &signed_in, &id).await {
        Ok(post) => post,
        Err(response) => return response,
    };
    let revisions = match state.store.revisions(post.id).await {
        Ok(revisions) => revisions,
        Err(e) => return store_failed(e),
    };
    let pick = |value: Option<&String>| -> Option<Option<&Revision>> {
        let value = value.map_or("", |v| v.trim());
        if value.is_empty() {
            return Some(None);
        }
        let id = value.parse::<RevisionId>().ok()?;
        revisions.iter().find(|r| r.id == id).map(Some)
    };
    let (Some(Some(from)), Some(to)) = (pick(query.from.as_ref()), pick(query.to.as_ref())) else {
        let main = format!(
            "{}<p role=\"alert\" class=\"admin-error\">{}</p>",
            heading(text, &post),
            escape(text.revisions.bad_choice)
        );
        return (
            StatusCode::BAD_REQUEST,
            Html(page(&state, text, text.revisions.revisions, &main)),
        )
            .into_response();
    };
    let old = Side::of_revision(text, &revisions, from);
    let new = to.map_or_else(
        || Side::of_post(text, &post),
        |to| Side::of_revision(text, &revisions, to),
    );
    let main = format!(
        "{heading}<h2>{old} → {new}</h2>{fields}<p><a href=\"/admin/posts/{id}/revisions{query}\">\
         {revisions}</a></p>",
        heading = heading(text, &post),
        old = escape(&old.label),
        new = escape(&new.label),
        fields = [
            (text.title, &old.title, &new.title),
            (text.editor.slug, &old.slug, &new.slug),
            (text.editor.excerpt, &old.excerpt, &new.excerpt),
            (text.editor.body, &old.body, &new.body),
        ]
        .into_iter()
        .map(|(label, a, b)| diff_html(text, label, a, b))
        .collect::<String>(),
        id = post.id,
        query = text.query,
        revisions = escape(text.revisions.revisions),
    );
    Html(page(&state, text, text.revisions.compare, &main)).into_response()
}

/// One field's line-by-line differences: removed lines in `<del>`, added
/// ones in `<ins>`, unchanged ones plain; labelled for screen readers.
fn diff_html(text: &Text, label: &str, old: &str, new: &str) -> String {
    let r = &text.revisions;
    if old == new {
        return format!(
            "<h3>{}</h3><p class=\"admin-diff-same\">{}</p>",
            escape(label),
            escape(r.no_changes)
        );
    }
    let diff = TextDiff::from_lines(old, new);
    let lines: String = diff
        .iter_all_changes()
        .map(|change| {
            let line = escape(change.value().trim_end_matches(['\n', '\r']));
            match change.tag() {
                ChangeTag::Delete => {
                    format!("<del aria-label=\"{}\">- {line}</del>\n", escape(r.removed))
                }
                ChangeTag::Insert => {
                    format!("<ins aria-label=\"{}\">+ {line}</ins>\n", escape(r.added))
                }
                ChangeTag::Equal => format!("<span>  {line}</span>\n"),
            }
        })
        .collect();
    format!(
        "<h3>{}</h3><pre class=\"admin-diff\" dir=\"auto\">{lines}</pre>",
        escape(label)
    )
}

/// `POST /admin/posts/{id}/revisions/{rev}/restore`.
pub async fn restore(
    State(state): State<AppState>,
    Path((id, rev)): Path<(String, String)>,
    Query(query): Query<LangOnly>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = Text::for_lang(query.lang.as_deref());
    let signed_in = match guard::form(&state, &headers, text, &body, Action::ViewAdmin).await {
        Ok((signed_in, _)) => signed_in,
        Err(response) => return response,
    };
    let post = match super::editor::editable(&state, text, &signed_in, &id).await {
        Ok(post) => post,
        Err(response) => return response,
    };
    let revision = match rev.parse::<RevisionId>() {
        Ok(rev) => match state.store.revision(rev).await {
            Ok(found) => found.filter(|r| r.post_id == post.id),
            Err(e) => return store_failed(e),
        },
        Err(_) => None,
    };
    let Some(revision) = revision else {
        return super::editor::not_found(&state, text);
    };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let read_at = post.updated_at;
    let mut restored = post;
    restored.title = revision.title;
    restored.slug = revision.slug;
    restored.body = revision.body;
    restored.format = revision.format;
    restored.excerpt = revision.excerpt;
    restored.updated_at = state.clock.now().max(read_at + 1);
    let excerpt_words = config
        .languages
        .iter()
        .find(|l| l.code == restored.language)
        .map_or(55, |l| l.excerpt_words);
    prepare_post(&mut restored, excerpt_words);
    let save = PostSave {
        saved_by: Some(signed_in.user.id),
        ..PostSave::new(&restored, Some(read_at))
    };
    match state.store.write_post(&save).await {
        Ok(id) => {
            let sep = if text.query.is_empty() { "?" } else { "&" };
            Redirect::to(&format!(
                "/admin/posts/{id}/edit{}{sep}restored=1",
                text.query
            ))
            .into_response()
        }
        Err(StoreError::Invalid(reason) | StoreError::Conflict(reason)) => {
            let main = format!(
                "{}<p role=\"alert\" class=\"admin-error\">{}</p>",
                heading(text, &restored),
                escape(&text.revisions.restore_failed.replace("{reason}", &reason))
            );
            (
                StatusCode::CONFLICT,
                Html(page(&state, text, text.revisions.revisions, &main)),
            )
                .into_response()
        }
        Err(e) => store_failed(e),
    }
}
