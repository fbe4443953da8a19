//! `GET /admin/posts`: the posts list with filters and paging, and
//! `POST /admin/posts/bulk`: trash or restore the checked posts. Authors and
//! contributors see and change only their own posts (so they get no topic or
//! author filter); contributors cannot trash what readers can see. A refused
//! post refuses the whole request.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use herald_core::pagination::{PageLink, Pagination};
use herald_core::permission::{Action, allows, can_trash};
use herald_core::{
    AdminPostFilter, AdminPostPage, PAGE_KIND, PostId, SiteConfig, Status, StoreError, Term,
    TermId, User, UserId, permalink,
};
use herald_render::dates::{machine_date, time_zone};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::Deserialize;

use super::terms::topic_tree;
use super::{Text, escape, forbidden, guard, page, store_failed};
use crate::AppState;
use crate::auth::session::SignedIn;

/// Posts per page of the list.
const PER_PAGE: u32 = 20;

/// The list's GET parameters, taken as text so bad values get a message.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    lang: Option<String>,
    status: Option<String>,
    language: Option<String>,
    q: Option<String>,
    page: Option<String>,
    topic: Option<String>,
    author: Option<String>,
}

/// The filter read from the parameters, and what was wrong with them.
struct Parsed {
    status: Option<Status>,
    language: Option<String>,
    text: Option<String>,
    page: u32,
    /// A topic (or tag) of the chosen language, or of any language.
    topic: Option<TermId>,
    author: Option<UserId>,
    problems: Vec<&'static str>,
}

fn non_empty(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

fn parse(params: &ListParams, text: &Text, languages: &[String]) -> Parsed {
    let mut problems = Vec::new();
    let status = non_empty(params.status.as_ref()).and_then(|s| {
        let parsed = Status::parse(s);
        if parsed.is_none() {
            problems.push(text.bad_status);
        }
        parsed
    });
    let language = non_empty(params.language.as_ref()).and_then(|l| {
        if languages.iter().any(|code| code == l) {
            Some(l.to_owned())
        } else {
            problems.push(text.bad_language);
            None
        }
    });
    let page = match non_empty(params.page.as_ref()).map(str::parse::<u32>) {
        None => 1,
        Some(Ok(n)) if n >= 1 => n,
        Some(_) => {
            problems.push(text.bad_page);
            1
        }
    };
    Parsed {
        status,
        language,
        text: non_empty(params.q.as_ref()).map(str::to_owned),
        page,
        topic: None,
        author: None,
        problems,
    }
}

/// What the topic and author selects offer, for roles that may list every post.
struct Choices {
    /// One group of topics per language, labelled with the language's name;
    /// one unlabelled group when a language is chosen.
    topics: Vec<(Option<String>, Vec<Term>)>,
    /// The chosen term when it is not among `topics` (a tag).
    other_term: Option<Term>,
    users: Vec<User>,
}

impl Choices {
    /// The topics of the chosen language, or of every language, and the users.
    async fn load(
        state: &AppState,
        config: &SiteConfig,
        language: Option<&str>,
    ) -> Result<Self, StoreError> {
        let mut topics = Vec::new();
        match language {
            Some(code) => topics.push((None, state.store.topics(code).await?)),
            None => {
                for language in &config.languages {
                    let terms = state.store.topics(&language.code).await?;
                    if !terms.is_empty() {
                        topics.push((Some(language.name.clone()), terms));
                    }
                }
            }
        }
        Ok(Self {
            topics,
            other_term: None,
            users: state.store.users().await?,
        })
    }

    /// Check `?topic=` and `?author=` into `parsed`: a term must exist (in the
    /// chosen language, if any) and an author must be a user; anything else
    /// is ignored with a message.
    async fn check(
        &mut self,
        state: &AppState,
        params: &ListParams,
        text: &Text,
        parsed: &mut Parsed,
    ) -> Result<(), StoreError> {
        if let Some(typed) = non_empty(params.topic.as_ref()) {
            let term = match typed.parse::<TermId>() {
                Ok(id) => state.store.terms_by_ids(&[id]).await?.into_iter().next(),
                Err(_) => None,
            };
            let language = parsed.language.as_deref();
            match term.filter(|t| language.is_none_or(|l| t.language == l)) {
                Some(term) => {
                    parsed.topic = Some(term.id);
                    let mut listed = self.topics.iter().flat_map(|(_, terms)| terms);
                    if !listed.any(|t| t.id == term.id) {
                        self.other_term = Some(term);
                    }
                }
                None => parsed.problems.push(text.bad_topic),
            }
        }
        if let Some(typed) = non_empty(params.author.as_ref()) {
            match typed.parse::<UserId>() {
                Ok(id) if self.users.iter().any(|u| u.id == id) => parsed.author = Some(id),
                _ => parsed.problems.push(text.bad_author),
            }
        }
        Ok(())
    }
}

/// `?k=v&…` of the non-empty pairs, keeping the admin language.
fn query_string(text: &Text, pairs: &[(&str, &str)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if text.lang != "en" {
        parts.push(format!("lang={}", text.lang));
    }
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        parts.push(format!(
            "{key}={}",
            utf8_percent_encode(value, NON_ALPHANUMERIC)
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&amp;"))
    }
}

/// The words of the pages list and of deleting for good.
#[derive(Debug)]
pub struct TrashText {
    pub new_page: &'static str,
    pub delete_for_good: &'static str,
    pub confirm_heading: &'static str,
    /// `{n}` is replaced by the number of posts.
    pub confirm: &'static str,
    pub cancel: &'static str,
    pub nothing_to_delete: &'static str,
}

impl TrashText {
    pub const EN: Self = Self {
        new_page: "New page",
        delete_for_good: "Delete for good",
        confirm_heading: "Delete for good?",
        confirm: "These {n} posts will be deleted with all their revisions. This cannot be undone.",
        cancel: "Cancel",
        nothing_to_delete: "Only posts in the trash can be deleted for good; none of the selected ones is.",
    };

    pub const FA: Self = Self {
        new_page: "صفحهٔ تازه",
        delete_for_good: "حذف همیشگی",
        confirm_heading: "برای همیشه حذف شود؟",
        confirm: "این {n} نوشته با همهٔ نسخه‌هایشان حذف می‌شوند. این کار بازگشت‌پذیر نیست.",
        cancel: "انصراف",
        nothing_to_delete: "فقط نوشته‌های زباله‌دان را می‌توان برای همیشه حذف کرد؛ هیچ‌یک از نوشته‌های انتخاب‌شده در زباله‌دان نیست.",
    };
}

/// `GET /admin/posts`: the posts list, or 303 to the sign-in page without a
/// live session.
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
    headers: HeaderMap,
) -> Response {
    list_of(state, params, headers, false).await
}

/// `GET /admin/pages`: the same list for static pages (editors and admins).
pub async fn list_pages(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
    headers: HeaderMap,
) -> Response {
    list_of(state, params, headers, true).await
}

async fn list_of(state: AppState, params: ListParams, headers: HeaderMap, pages: bool) -> Response {
    let text = Text::for_lang(params.lang.as_deref());
    let action = if pages {
        Action::ManagePages
    } else {
        Action::ViewAdmin
    };
    let signed_in = match guard::page(&state, &headers, text, action).await {
        Ok(signed_in) => signed_in,
        Err(response) => return response,
    };
    let config = match state.store.site_config().await {
        Ok(config) => config,
        Err(e) => return store_failed(e),
    };
    let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut parsed = parse(&params, text, &languages);
    let sees_all = allows(signed_in.user.role, Action::ListAllPosts);
    let choices = if sees_all {
        let loaded = Choices::load(&state, &config, parsed.language.as_deref()).await;
        let mut choices = match loaded {
            Ok(choices) => choices,
            Err(e) => return store_failed(e),
        };
        if let Err(e) = choices.check(&state, &params, text, &mut parsed).await {
            return store_failed(e);
        }
        Some(choices)
    } else {
        None
    };
    let filter = AdminPostFilter {
        status: parsed.status,
        language: parsed.language.clone(),
        topic: parsed.topic,
        author: if sees_all {
            parsed.author
        } else {
            Some(signed_in.user.id)
        },
        text: parsed.text.clone(),
        kind_pages: pages,
        page: parsed.page,
        per_page: PER_PAGE,
        include_trash: false,
    };
    let posts = match state.store.admin_posts(&filter).await {
        Ok(posts) => posts,
        Err(e) => return store_failed(e),
    };
    let tz = time_zone(&config.settings.time_zone);
    let now = state.clock.now();
    let view = View {
        text,
        signed_in: &signed_in,
        parsed: &parsed,
        languages: &languages,
        choices: choices.as_ref(),
        posts: &posts,
        date: &|at| machine_date(at, tz),
        now,
        pages,
    };
    let title = if pages { text.pages } else { text.posts };
    Html(page(&state, text, title, &view.render())).into_response()
}

struct View<'a> {
    text: &'static Text,
    signed_in: &'a SignedIn,
    parsed: &'a Parsed,
    languages: &'a [String],
    /// The topic and author selects, for roles that may list every post.
    choices: Option<&'a Choices>,
    posts: &'a AdminPostPage,
    date: &'a dyn Fn(i64) -> String,
    now: i64,
    /// Static pages rather than posts.
    pages: bool,
}

impl View<'_> {
    fn render(&self) -> String {
        let text = self.text;
        let problems: String = self
            .parsed
            .problems
            .iter()
            .map(|p| format!("<p role=\"alert\" class=\"admin-error\">{}</p>", escape(p)))
            .collect();
        let (title, new_query, new_label) = if self.pages {
            let mut query = query_string(text, &[("kind", PAGE_KIND)]);
            if query.is_empty() {
                query = format!("?kind={PAGE_KIND}");
            }
            (text.pages, query, text.trash_text.new_page)
        } else {
            (text.posts, query_string(text, &[]), text.editor.new_post)
        };
        format!(
            "<h1 id=\"list-heading\">{title}</h1><p><a href=\"/admin/{home}\">{dashboard}</a> · \
             <a href=\"/admin/posts/new{new_query}\" class=\"admin-new\">{new_label}</a></p>\
             {problems}{filters}{table}{paging}",
            title = escape(title),
            home = query_string(text, &[]),
            new_label = escape(new_label),
            dashboard = escape(text.dashboard),
            filters = self.filters(),
            table = self.table(),
            paging = self.paging(),
        )
    }

    fn filters(&self) -> String {
        let text = self.text;
        let selected = |yes: bool| if yes { " selected" } else { "" };
        let mut statuses = format!("<option value=\"\">{}</option>", escape(text.all_statuses));
        for status in ALL_STATUSES {
            statuses.push_str(&format!(
                "<option value=\"{v}\"{s}>{label}</option>",
                v = status.as_str(),
                s = selected(self.parsed.status == Some(status)),
                label = escape(status_label(text, status)),
            ));
        }
        let mut languages = format!("<option value=\"\">{}</option>", escape(text.all_languages));
        for code in self.languages {
            languages.push_str(&format!(
                "<option value=\"{v}\"{s}>{v}</option>",
                v = escape(code),
                s = selected(self.parsed.language.as_deref() == Some(code.as_str())),
            ));
        }
        let lang_field = if text.lang == "en" {
            String::new()
        } else {
            format!(
                "<input type=\"hidden\" name=\"lang\" value=\"{}\">",
                text.lang
            )
        };
        format!(
            "<form method=\"get\" action=\"/admin/{list}\" class=\"admin-filters\">{lang_field}\
             <label>{status_label} <select name=\"status\">{statuses}</select></label> \
             <label>{language_label} <select name=\"language\">{languages}</select></label> \
             {choices}<label>{search_label} <input type=\"search\" name=\"q\" value=\"{q}\"></label> \
             <button type=\"submit\">{filter}</button></form>",
            list = if self.pages { "pages" } else { "posts" },
            status_label = escape(text.status),
            language_label = escape(text.language),
            choices = self
                .choices
                .map_or_else(String::new, |c| self.choice_selects(c)),
            search_label = escape(text.search),
            q = escape(self.parsed.text.as_deref().unwrap_or("")),
            filter = escape(text.filter),
        )
    }

    /// The topic select (a tree per language) and the author select.
    fn choice_selects(&self, choices: &Choices) -> String {
        let text = self.text;
        let selected = |yes: bool| if yes { " selected" } else { "" };
        let option = |id: i64, chosen: Option<i64>, label: &str| {
            format!(
                "<option value=\"{id}\"{s}>{label}</option>",
                s = selected(chosen == Some(id)),
                label = escape(label),
            )
        };
        let mut topics = format!("<option value=\"\">{}</option>", escape(text.all_topics));
        for (group, terms) in &choices.topics {
            let options: String = topic_tree(terms)
                .into_iter()
                .map(|(depth, t)| {
                    let label = format!("{}{}", "\u{2014} ".repeat(depth), t.name);
                    option(t.id, self.parsed.topic, &label)
                })
                .collect();
            match group {
                Some(name) => topics.push_str(&format!(
                    "<optgroup label=\"{}\">{options}</optgroup>",
                    escape(name)
                )),
                None => topics.push_str(&options),
            }
        }
        if let Some(term) = &choices.other_term {
            topics.push_str(&option(
                term.id,
                self.parsed.topic,
                &format!("#{}", term.name),
            ));
        }
        let mut authors = format!("<option value=\"\">{}</option>", escape(text.all_authors));
        for user in &choices.users {
            authors.push_str(&option(user.id, self.parsed.author, &user.display_name));
        }
        format!(
            "<label>{topic_label} <select name=\"topic\">{topics}</select></label> \
             <label>{author_label} <select name=\"author\">{authors}</select></label> ",
            topic_label = escape(text.topic),
            author_label = escape(text.author),
        )
    }

    fn table(&self) -> String {
        let text = self.text;
        if self.posts.posts.is_empty() {
            return format!("<p class=\"admin-empty\">{}</p>", escape(text.no_posts));
        }
        let mut rows = String::new();
        for post in &self.posts.posts {
            let title = if post.title.is_empty() {
                format!("#{}", post.id)
            } else {
                post.title.clone()
            };
            let shown = if post.status.is_public(post.publish_at, self.now) {
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&permalink::post(&post.language, post.id)),
                    escape(&title)
                )
            } else {
                escape(&title)
            };
            let date = (self.date)(post.updated_at);
            rows.push_str(&format!(
                "<tr data-id=\"{id}\"><td><input type=\"checkbox\" name=\"ids\" value=\"{id}\" \
                 aria-label=\"{select} {title_attr}\"></td><td class=\"admin-title\">{shown}</td>\
                 <td>{language}</td><td class=\"admin-status\">{status}</td><td>{author}</td>\
                 <td><time datetime=\"{date}\">{date}</time></td>\
                 <td><a href=\"/admin/posts/{id}/edit{query}\" class=\"admin-edit\">{edit}</a></td></tr>",
                id = post.id,
                query = query_string(text, &[]),
                edit = escape(text.editor.edit),
                select = escape(text.select),
                title_attr = escape(&title),
                language = escape(&post.language),
                status = escape(status_label(text, post.status)),
                author = escape(post.author_name.as_deref().unwrap_or("")),
                date = escape(&date),
            ));
        }
        format!(
            "<form method=\"post\" action=\"/admin/posts/bulk{query}\" class=\"admin-bulk\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <div class=\"admin-scroll\" role=\"region\" aria-labelledby=\"list-heading\" tabindex=\"0\">\
             <table class=\"admin-posts\"><thead><tr><th scope=\"col\">{select}</th>\
             <th scope=\"col\">{title}</th><th scope=\"col\">{language}</th>\
             <th scope=\"col\">{status}</th><th scope=\"col\">{author}</th>\
             <th scope=\"col\">{updated}</th><th scope=\"col\">{edit}</th></tr></thead><tbody>{rows}</tbody></table></div>\
             <p><button type=\"submit\" name=\"action\" value=\"trash\">{trash}</button> \
             <button type=\"submit\" name=\"action\" value=\"restore\">{restore}</button>{delete}\
             </p></form>",
            delete = if self.parsed.status == Some(Status::Trash) {
                format!(
                    " <button type=\"submit\" name=\"action\" value=\"delete\" \
                     class=\"admin-danger\">{}</button>",
                    escape(text.trash_text.delete_for_good)
                )
            } else {
                String::new()
            },
            query = text.query,
            csrf = escape(&self.signed_in.session.csrf_token),
            select = escape(text.select),
            title = escape(text.title),
            language = escape(text.language),
            status = escape(text.status),
            author = escape(text.author),
            updated = escape(text.updated),
            edit = escape(text.editor.edit),
            trash = escape(text.trash),
            restore = escape(text.restore),
        )
    }

    fn paging(&self) -> String {
        let pages = self.posts.total.div_ceil(u64::from(PER_PAGE));
        if pages <= 1 {
            return String::new();
        }
        let status = self.parsed.status.map_or("", Status::as_str);
        let language = self.parsed.language.as_deref().unwrap_or("");
        let q = self.parsed.text.as_deref().unwrap_or("");
        let topic = self
            .parsed
            .topic
            .map(|id| id.to_string())
            .unwrap_or_default();
        let author = self
            .parsed
            .author
            .map(|id| id.to_string())
            .unwrap_or_default();
        let list = if self.pages { "pages" } else { "posts" };
        let pagination = Pagination::new(self.parsed.page, self.posts.total, PER_PAGE);
        let mut links = String::new();
        for link in pagination.links() {
            let PageLink::Page(n) = link else {
                links.push_str("<li aria-hidden=\"true\">…</li>");
                continue;
            };
            let number = n.to_string();
            if n == self.parsed.page {
                links.push_str(&format!("<li><span aria-current=\"page\">{n}</span></li>"));
            } else {
                let query = query_string(
                    self.text,
                    &[
                        ("status", status),
                        ("language", language),
                        ("q", q),
                        ("topic", &topic),
                        ("author", &author),
                        ("page", &number),
                    ],
                );
                links.push_str(&format!(
                    "<li><a href=\"/admin/{list}{query}\">{n}</a></li>"
                ));
            }
        }
        format!(
            "<nav class=\"admin-paging\" aria-label=\"{label}\"><ol>{links}</ol></nav>",
            label = escape(self.text.pages),
        )
    }
}

const ALL_STATUSES: [Status; 6] = [
    Status::Draft,
    Status::Pending,
    Status::Scheduled,
    Status::Published,
    Status::Private,
    Status::Trash,
];

pub(super) fn status_label(text: &Text, status: Status) -> &'static str {
    let index = ALL_STATUSES.iter().position(|s| *s == status).unwrap_or(0);
    text.statuses.get(index).copied().unwrap_or("")
}

/// What a bulk form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bulk {
    Trash,
    Restore,
    /// Delete trashed posts for good: first a confirmation page, then, with
    /// `confirm=yes`, the deletion.
    Delete,
}

/// The fields of an urlencoded body, in order, repeated names kept.
pub(super) fn form_fields(body: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

fn bad_request(state: &AppState, text: &Text, message: &str) -> Response {
    let main = format!("<p role=\"alert\">{}</p>", escape(message));
    (
        StatusCode::BAD_REQUEST,
        Html(page(state, text, text.posts, &main)),
    )
        .into_response()
}

/// Trash or restore the checked posts, then back to the list.
pub async fn bulk(
    State(state): State<AppState>,
    Query(lang): Query<super::LangQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let text = lang.text();
    let (signed_in, fields) =
        match guard::form(&state, &headers, text, &body, Action::ViewAdmin).await {
            Ok(checked) => checked,
            Err(response) => return response,
        };
    let field = |name: &str| guard::field(&fields, name);
    let action = match field("action") {
        "trash" => Bulk::Trash,
        "restore" => Bulk::Restore,
        "delete" => Bulk::Delete,
        _ => return bad_request(&state, text, text.bad_action),
    };
    let mut ids: Vec<PostId> = Vec::new();
    for (_, value) in fields.iter().filter(|(k, _)| k == "ids") {
        match value.parse::<PostId>() {
            Ok(id) => ids.push(id),
            Err(_) => return bad_request(&state, text, text.bad_ids),
        }
    }
    let role = signed_in.user.role;
    let mut changing = Vec::new();
    let mut titles = Vec::new();
    for id in ids {
        let post = match state.store.post(id).await {
            Ok(Some(post)) => post,
            Ok(None) => continue,
            Err(e) => return store_failed(e),
        };
        let own = post.author == Some(signed_in.user.id);
        let allowed = match action {
            Bulk::Trash => can_trash(role, own, post.status),
            Bulk::Restore | Bulk::Delete => can_trash(role, own, Status::Trash),
        };
        if !allowed {
            return forbidden(&state, text);
        }
        let applies = match action {
            Bulk::Trash => post.status != Status::Trash,
            Bulk::Restore | Bulk::Delete => post.status == Status::Trash,
        };
        if applies && !changing.contains(&id) {
            changing.push(id);
            titles.push(post.title);
        }
    }
    if action == Bulk::Delete {
        return delete_for_good(
            &state,
            text,
            &signed_in,
            &changing,
            &titles,
            field("confirm"),
        )
        .await;
    }
    let status = match action {
        Bulk::Trash => Status::Trash,
        _ => Status::Draft,
    };
    if !changing.is_empty()
        && let Err(e) = state
            .store
            .set_status(&changing, status, state.clock.now())
            .await
    {
        return store_failed(e);
    }
    Redirect::to(&format!("/admin/posts{}", text.query)).into_response()
}

/// The confirmation page of a deletion for good, or (confirmed) the deletion.
async fn delete_for_good(
    state: &AppState,
    text: &'static Text,
    signed_in: &SignedIn,
    ids: &[PostId],
    titles: &[String],
    confirm: &str,
) -> Response {
    let t = &text.trash_text;
    let back = format!(
        "/admin/posts{}",
        query_string(text, &[("status", Status::Trash.as_str())]).replace("&amp;", "&")
    );
    if ids.is_empty() {
        return bad_request(state, text, t.nothing_to_delete);
    }
    if confirm == "yes" {
        return match state.store.delete_posts(ids).await {
            Ok(_) => Redirect::to(&back).into_response(),
            Err(e) => store_failed(e),
        };
    }
    let items: String = titles
        .iter()
        .zip(ids)
        .map(|(title, id)| format!("<li>{} (#{id})</li>", escape(title)))
        .collect();
    let hidden: String = ids
        .iter()
        .map(|id| format!("<input type=\"hidden\" name=\"ids\" value=\"{id}\">"))
        .collect();
    let main = format!(
        "<h1>{heading}</h1><p role=\"alert\">{warning}</p><ul>{items}</ul>\
         <form method=\"post\" action=\"/admin/posts/bulk{query}\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">{hidden}\
         <input type=\"hidden\" name=\"action\" value=\"delete\">\
         <input type=\"hidden\" name=\"confirm\" value=\"yes\">\
         <p><button type=\"submit\" class=\"admin-danger\">{delete}</button> \
         <a href=\"{back}\">{cancel}</a></p></form>",
        heading = escape(t.confirm_heading),
        warning = escape(&t.confirm.replace("{n}", &ids.len().to_string())),
        query = text.query,
        csrf = escape(&signed_in.session.csrf_token),
        delete = escape(t.delete_for_good),
        back = escape(&back),
        cancel = escape(t.cancel),
    );
    Html(page(state, text, t.confirm_heading, &main)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_keep_repeated_names() {
        assert_eq!(
            form_fields("ids=1&ids=2&q=a+b%26c&flag"),
            [
                ("ids".into(), "1".into()),
                ("ids".into(), "2".into()),
                ("q".into(), "a b&c".into()),
                ("flag".into(), String::new()),
            ]
        );
    }
}
