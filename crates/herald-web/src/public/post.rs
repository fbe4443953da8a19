//! A post page, and the legacy forms that lead to it with a 301.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::Response;
use herald_core::permalink::{self, encode_segment};
use herald_core::{Language, PAGE_KIND, Post, PostId, Taxonomy, Term, TermId};
use herald_render::PageHead;
use herald_render::context::{Link, PostContext, PostView, TranslationLink};
use herald_render::strings::strings;
use herald_render::view::term_links;

use super::{SiteData, html, moved};
use crate::caching::LastModified;
use crate::error::WebError;
use crate::state::AppState;

/// How many related posts a post page shows.
const RELATED: u32 = 5;

/// A public post or page by id, or not found.
async fn public_post(
    state: &AppState,
    site: &SiteData,
    id: PostId,
    lang: Option<&str>,
) -> Result<Post, WebError> {
    let not_found = || WebError::NotFound {
        lang: lang.map(str::to_owned),
    };
    let post = state.store.post(id).await?.ok_or_else(not_found)?;
    if !post.status.is_public(post.publish_at, site.now) {
        return Err(not_found());
    }
    Ok(post)
}

/// The canonical URL of a public post or page.
async fn canonical_url(state: &AppState, post: &Post) -> Result<String, WebError> {
    if post.kind == PAGE_KIND {
        let path = state.store.page_path(post.id).await?;
        Ok(permalink::page(&post.language, &path))
    } else {
        Ok(permalink::post(&post.language, post.id))
    }
}

/// `?p={id}`: 301 to wherever the post lives.
pub async fn by_id(state: &AppState, site: &SiteData, id: PostId) -> Result<Response, WebError> {
    let post = public_post(state, site, id, None).await?;
    Ok(moved(&canonical_url(state, &post).await?))
}

/// `/{lang}/posts/{id}` (and its legacy forms when `canonical` is false).
pub async fn show(
    state: &AppState,
    site: &SiteData,
    code: &str,
    id: PostId,
    canonical: bool,
) -> Result<Response, WebError> {
    site.language(code)?;
    let post = public_post(state, site, id, Some(code)).await?;
    if !canonical || post.language != code || post.kind == PAGE_KIND {
        return Ok(moved(&canonical_url(state, &post).await?));
    }
    let lang = site.language(&post.language)?;
    let body = render(state, site, lang, &post, false).await?;
    let mut response = html(StatusCode::OK, &lang.code, body);
    response.extensions_mut().insert(last_modified(&post));
    Ok(response)
}

/// When a post's page last changed: its last edit, or its publication when it
/// was scheduled after that edit.
pub(crate) fn last_modified(post: &Post) -> LastModified {
    LastModified(post.updated_at.max(post.publish_at))
}

/// The page of `post` in `lang`: what [`show`] serves, and what the admin
/// preview shows of a post not saved yet (with `noindex`).
///
/// # Errors
/// A store or template error.
pub(crate) async fn render(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    post: &Post,
    noindex: bool,
) -> Result<String, WebError> {
    let (terms, topics, author, (older, newer), related, translations, comments) = tokio::try_join!(
        state.store.terms_by_ids(&post.terms),
        state.store.topics(&lang.code),
        async {
            match post.author {
                Some(id) => state.store.user(id).await,
                None => Ok(None),
            }
        },
        state.store.adjacent_posts(post, site.now),
        state.store.related_posts(post, RELATED, site.now),
        state.store.translations(post, site.now),
        state
            .store
            .comments(post.id, Some(herald_core::CommentStatus::Approved)),
    )?;
    let terms: HashMap<TermId, Term> = terms.into_iter().map(|t| (t.id, t)).collect();
    let topics: HashMap<TermId, Term> = topics.into_iter().map(|t| (t.id, t)).collect();
    let view = site.view(state);
    let path = permalink::post(&lang.code, post.id);
    let mut alternates: Vec<(String, String)> = vec![(lang.code.clone(), path.clone())];
    alternates.extend(
        translations
            .iter()
            .map(|t| (t.language.clone(), permalink::post(&t.language, t.id))),
    );
    let chrome = view.chrome(
        lang,
        PageHead {
            title: Some(&post.title),
            description: &post.excerpt_text,
            path: &path,
            alternates,
            noindex,
            extras: herald_render::context::HeadExtras {
                feeds: super::feed::discovery(state, lang, None),
                ..Default::default()
            },
        },
    );
    let mut chrome = chrome;
    if !noindex {
        let crumbs = breadcrumbs(lang, post, &terms, &topics);
        super::seo::post_head(
            &mut chrome.extras,
            &view,
            lang,
            post,
            author.as_ref(),
            &crumbs,
        );
    }
    let (date, datetime) = view.dates(post.publish_at, lang);
    let updated =
        (post.updated_at > post.publish_at + 3600).then(|| view.dates(post.updated_at, lang));
    let summary_link = |s: &herald_core::PostSummary| Link {
        label: s.title.clone(),
        url: permalink::post(&s.language, s.id),
    };
    let context = PostContext {
        breadcrumbs: breadcrumbs(lang, post, &terms, &topics),
        share: share_links(lang, &view.absolute(&path), &post.title),
        post: PostView {
            id: post.id,
            title: post.title.clone(),
            url: path.clone(),
            date,
            datetime,
            updated_datetime: updated.as_ref().map(|u| u.1.clone()),
            updated: updated.map(|u| u.0),
            author: author.map(|a| Link {
                url: permalink::author(&lang.code, &a.slug, 1),
                label: a.display_name,
            }),
            kind: view.kind_link(&post.kind, &lang.code),
            topics: term_links(&post.terms, &terms, Taxonomy::Topic),
            tags: term_links(&post.terms, &terms, Taxonomy::Tag),
            body_html: post.body_html.clone(),
        },
        previous: older.as_ref().map(summary_link),
        next: newer.as_ref().map(summary_link),
        related: related
            .iter()
            .map(|r| view.item(lang, r, &topics))
            .collect(),
        translations: translations
            .iter()
            .filter_map(|t| {
                let other = site.languages.iter().find(|l| l.code == t.language)?;
                Some(TranslationLink {
                    lang: other.code.clone(),
                    language_name: other.name.clone(),
                    dir: other.direction.as_str(),
                    title: t.title.clone(),
                    url: permalink::post(&other.code, t.id),
                })
            })
            .collect(),
        comments: comment_views(&comments, |at| view.dates(at, lang)),
        chrome,
    };
    Ok(state.theme.render("post.html", &context)?)
}

/// Comments in thread order: each reply right after the comment it answers
/// (replies to a comment not shown come at the top level), oldest first.
fn comment_views(
    comments: &[herald_core::Comment],
    dates: impl Fn(i64) -> (String, String),
) -> Vec<herald_render::context::CommentView> {
    let shown: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&herald_core::Comment>> = HashMap::new();
    for c in comments {
        let parent = c.parent.filter(|p| shown.contains(p) && *p != c.id);
        children.entry(parent).or_default().push(c);
    }
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(&herald_core::Comment, u32)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|c| (*c, 0)).collect())
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    while let Some((c, depth)) = stack.pop() {
        if !seen.insert(c.id) {
            continue;
        }
        let (date, datetime) = dates(c.created_at);
        let url = c.author_url.trim();
        out.push(herald_render::context::CommentView {
            id: c.id,
            author: c.author_name.clone(),
            url: (url.starts_with("https://") || url.starts_with("http://"))
                .then(|| url.to_owned()),
            date,
            datetime,
            body_html: herald_render::body::comment_html(&c.body),
            depth: depth.min(4),
        });
        if let Some(replies) = children.get(&Some(c.id)) {
            stack.extend(replies.iter().rev().map(|r| (*r, depth + 1)));
        }
    }
    out
}

/// Home » Parent topic » Topic » Title, through the post's first topic.
fn breadcrumbs(
    lang: &Language,
    post: &Post,
    terms: &HashMap<TermId, Term>,
    topics: &HashMap<TermId, Term>,
) -> Vec<Link> {
    let mut crumbs = vec![Link {
        label: strings(&lang.code).home.to_owned(),
        url: permalink::home(&lang.code, 1),
    }];
    let first_topic = post
        .terms
        .iter()
        .filter_map(|id| terms.get(id))
        .find(|t| t.taxonomy == Taxonomy::Topic);
    if let Some(topic) = first_topic {
        let mut chain = vec![topic];
        while let Some(parent) = chain
            .last()
            .and_then(|t| t.parent)
            .and_then(|id| topics.get(&id))
        {
            if chain.len() > 16 {
                break;
            }
            chain.push(parent);
        }
        crumbs.extend(chain.into_iter().rev().map(|t| Link {
            label: t.name.clone(),
            url: permalink::topic(&lang.code, &t.slug, 1),
        }));
    }
    crumbs.push(Link {
        label: post.title.clone(),
        url: String::new(),
    });
    crumbs
}

/// Plain share links: no third-party script, nothing loads until clicked.
fn share_links(lang: &Language, url: &str, title: &str) -> Vec<Link> {
    let (u, t) = (encode_segment(url), encode_segment(title));
    let link = |label: &str, url: String| Link {
        label: label.to_owned(),
        url,
    };
    vec![
        link(
            strings(&lang.code).share_email,
            format!("mailto:?subject={t}&body={u}"),
        ),
        link(
            "Telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
        link("WhatsApp", format!("https://wa.me/?text={t}%20{u}")),
        link("X", format!("https://x.com/intent/post?url={u}&text={t}")),
        link(
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
    ]
}
