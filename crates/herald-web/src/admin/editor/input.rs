//! The editor form's fields as typed, and what a valid form gives.

use herald_core::{NewTag, Post, PostId, Taxonomy, Term};
use herald_render::dates::{Tz, local_input};

/// A valid form: the post to write and what goes with it.
pub(super) struct Checked {
    pub(super) post: Post,
    pub(super) new_tags: Vec<NewTag>,
    pub(super) translation_of: Option<PostId>,
}

/// The form's fields exactly as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct Input {
    pub(super) title: String,
    pub(super) slug: String,
    pub(super) language: String,
    pub(super) kind: String,
    pub(super) body: String,
    pub(super) excerpt: String,
    pub(super) topics: Vec<String>,
    pub(super) tags: String,
    pub(super) status: String,
    pub(super) publish_at: String,
    pub(super) sticky: bool,
    pub(super) comments_open: bool,
    pub(super) updated_at: String,
    /// The chosen author's id; `None` when the form did not send the field.
    pub(super) author: Option<String>,
    pub(super) parent: String,
    pub(super) translation_of: String,
    pub(super) unlink: bool,
}

impl Input {
    pub(super) fn from_post(post: &Post, terms: &[Term], tz: Tz) -> Self {
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

    pub(super) fn from_form(fields: &[(String, String)]) -> Self {
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
