//! The last step: ids in publication order, "Read also" targets, and the
//! rendered posts.

use herald_core::{BodyFormat, Post, PostId, Status, TermId, Timestamp, UserId};

use super::languages::{tag_id, topic_id};
use super::render::{Link, Spec};
use super::{BANKS, slug};

#[derive(Debug, Clone)]
pub(crate) enum Story {
    Welcome,
    Spec(Spec),
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub lang: usize,
    pub story: Story,
    pub topics: Vec<usize>,
    pub tags: Vec<usize>,
    pub kind: &'static str,
    pub status: Status,
    pub publish_at: Timestamp,
    pub updated_at: Timestamp,
    pub sticky: bool,
    pub comments_open: bool,
    pub author: UserId,
    pub group: Option<i64>,
    pub html: bool,
}

/// Give ids in publication order, pick the targets of "Read also" links among
/// earlier public posts of the same language, and render every body.
pub(crate) fn finish(plans: Vec<Plan>, now: Timestamp, first_id: PostId) -> Vec<Post> {
    // Earlier public posts per language: (id, title, first topic).
    let mut earlier: Vec<Vec<(PostId, String, usize)>> = vec![Vec::new(); BANKS.len()];
    let mut out = Vec::with_capacity(plans.len());
    for (i, plan) in plans.into_iter().enumerate() {
        let id = first_id + i as PostId;
        let bank = BANKS[plan.lang];
        let (title, body, excerpt) = match &plan.story {
            Story::Welcome => (
                bank.welcome.title.to_string(),
                bank.welcome.body.to_string(),
                String::new(),
            ),
            Story::Spec(spec) => {
                let topic = plan.topics.first().copied().unwrap_or(0);
                let seen = &earlier[plan.lang];
                let target = seen
                    .iter()
                    .rev()
                    .find(|(_, _, t)| *t == topic)
                    .or_else(|| seen.last());
                let link = target.map(|(id, title, _)| Link { id: *id, title });
                let body = if plan.html {
                    spec.html(bank)
                } else {
                    spec.markdown(bank, link)
                };
                (spec.title(bank), body, spec.excerpt(bank))
            }
        };
        if plan.status.is_public(plan.publish_at, now) {
            let topic = plan.topics.first().copied().unwrap_or(0);
            earlier[plan.lang].push((id, title.clone(), topic));
        }
        let terms: Vec<TermId> = plan
            .topics
            .iter()
            .map(|&t| topic_id(plan.lang, t))
            .chain(plan.tags.iter().map(|&t| tag_id(plan.lang, t)))
            .collect();
        out.push(Post {
            id,
            kind: plan.kind.into(),
            language: bank.code.into(),
            status: plan.status,
            slug: slug(&title),
            title,
            body,
            format: if plan.html {
                BodyFormat::Html
            } else {
                BodyFormat::Markdown
            },
            excerpt,
            author: Some(plan.author),
            parent: None,
            publish_at: plan.publish_at,
            updated_at: plan.updated_at,
            sticky: plan.sticky,
            comments_open: plan.comments_open,
            featured_image: None,
            featured_alt: String::new(),
            terms,
            translation_group: plan.group,
            body_html: String::new(),
            excerpt_text: String::new(),
        });
    }
    out
}
