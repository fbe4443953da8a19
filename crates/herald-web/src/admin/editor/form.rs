//! The editor page: the form with the stored or typed values, the choices
//! beside it (author, parent page, translations) and every field's messages.

use super::*;

/// What the form shows beside the post: users to choose an author from,
/// pages to choose a parent from, and the post's published translations.
pub(super) struct Related {
    pub(super) users: Vec<User>,
    pub(super) pages: Vec<AdminPost>,
    pub(super) translations: Vec<Translation>,
}

/// The most pages offered as a parent.
const MAX_PARENT_CHOICES: u32 = 500;

/// Everything the form page shows.
pub(super) struct Form<'a> {
    pub(super) text: &'static Text,
    pub(super) signed_in: &'a SignedIn,
    pub(super) config: &'a SiteConfig,
    pub(super) existing: Option<&'a Post>,
    pub(super) input: &'a Input,
    pub(super) problems: &'a Problems,
    /// Why the form came back, shown at the top.
    pub(super) alert: Option<&'a str>,
    pub(super) notice: Option<&'a str>,
    pub(super) can_publish: bool,
    pub(super) now: Timestamp,
}

impl Form<'_> {
    pub(super) fn tz(&self) -> Tz {
        time_zone(&self.config.settings.time_zone)
    }

    pub(super) fn language_known(&self) -> bool {
        self.config
            .languages
            .iter()
            .any(|l| l.code == self.input.language)
    }

    pub(super) fn kinds(&self) -> Vec<(String, String)> {
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

    pub(super) fn statuses(&self) -> Vec<Status> {
        EDITOR_STATUSES
            .into_iter()
            .filter(|s| self.can_publish || matches!(s, Status::Draft | Status::Pending))
            .collect()
    }
    /// Whether the user may choose a post's author (editors and admins).
    pub(super) fn chooses_author(&self) -> bool {
        allows(self.signed_in.user.role, Action::EditAnyPost)
    }
    /// The page with `status`.
    pub(super) async fn respond(&self, state: &AppState, status: StatusCode) -> Response {
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
        problems::errors(self.problems, field)
    }

    /// `aria-invalid` and the link to the message of a field with problems.
    fn invalid(&self, field: &str) -> String {
        problems::invalid(self.problems, field)
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
            preview = super::super::preview::button(text, self.existing.map(|p| p.id)),
            preview_panel = super::super::preview::panel(text),
        )
    }
}
