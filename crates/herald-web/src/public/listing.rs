//! Listings: the language home, topic, tag, author and kind archives, and search.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::Response;
use herald_core::pagination::{Pagination, parse_page_number};
use herald_core::{Archive, Language, ListPage, ListQuery, Taxonomy, Term, TermId, permalink};
use herald_render::PageHead;
use herald_render::context::{Link, ListingContext};
use herald_render::strings::strings;

use super::{SiteData, html};
use crate::error::WebError;
use crate::route::{ArchiveBase, query_value};
use crate::state::AppState;

/// Longest search text accepted; longer is cut (searching a novel helps nobody).
const MAX_QUERY_CHARS: usize = 200;

/// What a listing page shows above its posts.
struct Heading {
    archive: &'static str,
    heading: String,
    label: String,
    description: String,
    subtopics: Vec<Link>,
    breadcrumbs: Vec<Link>,
    /// Canonical path of page `n`.
    url: Box<dyn Fn(u32) -> String + Send + Sync>,
    alternates: Vec<(String, String)>,
    /// The search text, on search pages.
    query: String,
    /// Feeds offered for autodiscovery.
    feeds: Vec<herald_render::context::FeedLink>,
}

/// One page of posts and the language's topics (for the topic links of each item).
struct Fetched {
    list: ListPage,
    topics: HashMap<TermId, Term>,
}

async fn fetch(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    archive: Archive,
    page: u32,
) -> Result<Fetched, WebError> {
    let query = ListQuery {
        language: lang.code.clone(),
        archive,
        page,
        per_page: lang.posts_per_page,
        now: site.now,
    };
    let (list, topics) = tokio::try_join!(
        state.store.list_posts(&query),
        state.store.topics(&lang.code)
    )?;
    Ok(Fetched {
        list,
        topics: topics.into_iter().map(|t| (t.id, t)).collect(),
    })
}

fn render(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    heading: Heading,
    fetched: &Fetched,
    page: u32,
) -> Result<Response, WebError> {
    let (list, topics) = (&fetched.list, &fetched.topics);
    let pagination = Pagination::new(page, list.total, lang.posts_per_page);
    if page > pagination.total_pages {
        return Err(WebError::not_found(&lang.code));
    }
    let view = site.view(state);
    let path = (heading.url)(page);
    let page_label = view.page_label(lang, page);
    let title = match (heading.archive, page_label.is_empty()) {
        ("home", true) => None,
        ("home", false) => Some(format!("{} – {page_label}", lang.site_name)),
        (_, true) => Some(heading.heading.clone()),
        (_, false) => Some(format!("{} – {page_label}", heading.heading)),
    };
    let chrome = view.chrome(
        lang,
        PageHead {
            title: title.as_deref(),
            description: &heading.description,
            path: &path,
            alternates: heading.alternates,
            noindex: heading.archive == "search",
            extras: herald_render::context::HeadExtras {
                feeds: heading.feeds,
                ..Default::default()
            },
        },
    );
    let mut chrome = chrome;
    let social_title = title.as_deref().unwrap_or(&lang.site_name);
    chrome.extras.social = Some(super::seo::website(
        social_title,
        &heading.description,
        lang,
    ));
    let canonical = view.absolute(&path);
    chrome.extras.json_ld.extend(super::seo::breadcrumb_list(
        &view,
        &heading.breadcrumbs,
        &canonical,
    ));
    let context = ListingContext {
        chrome,
        archive: heading.archive,
        heading: heading.heading,
        label: heading.label,
        description: heading.description,
        subtopics: heading.subtopics,
        breadcrumbs: heading.breadcrumbs,
        items: list
            .posts
            .iter()
            .map(|post| view.item(lang, post, topics))
            .collect(),
        page_label,
        pager: view.pager(lang, &pagination, &*heading.url),
        query: heading.query,
    };
    let body = state.theme.render("listing.html", &context)?;
    Ok(html(StatusCode::OK, &lang.code, body))
}

/// `/{lang}/` and `/{lang}/page/{n}/`.
pub async fn home(
    state: &AppState,
    site: &SiteData,
    code: &str,
    page: u32,
) -> Result<Response, WebError> {
    let lang = site.language(code)?;
    let fetched = fetch(state, site, lang, Archive::Home, page).await?;
    let code = lang.code.clone();
    let heading = Heading {
        archive: "home",
        heading: lang.site_name.clone(),
        label: String::new(),
        description: lang.tagline.clone(),
        subtopics: Vec::new(),
        breadcrumbs: Vec::new(),
        url: Box::new(move |n| permalink::home(&code, n)),
        alternates: if page == 1 {
            site.languages
                .iter()
                .map(|l| (l.code.clone(), permalink::home(&l.code, 1)))
                .collect()
        } else {
            Vec::new()
        },
        query: String::new(),
        feeds: super::feed::discovery(state, lang, None),
    };
    render(state, site, lang, heading, &fetched, page)
}

/// `/{lang}/{topic|tag|author|kind}/{slug}/…`.
pub async fn archive(
    state: &AppState,
    site: &SiteData,
    code: &str,
    base: ArchiveBase,
    slug: &str,
    page: u32,
) -> Result<Response, WebError> {
    let lang = site.language(code)?;
    let not_found = || WebError::not_found(&lang.code);
    let t = strings(&lang.code);
    let (archive, name, label, description) = match base {
        ArchiveBase::Topic | ArchiveBase::Tag => {
            let taxonomy = if base == ArchiveBase::Topic {
                Taxonomy::Topic
            } else {
                Taxonomy::Tag
            };
            let term = state
                .store
                .term_by_slug(&lang.code, taxonomy, slug)
                .await?
                .ok_or_else(not_found)?;
            let archive = if taxonomy == Taxonomy::Topic {
                Archive::Topic(term.id)
            } else {
                Archive::Tag(term.id)
            };
            let label = if taxonomy == Taxonomy::Topic {
                t.topic
            } else {
                t.tag
            };
            (archive, term.name, label, term.description)
        }
        ArchiveBase::Author => {
            let user = state
                .store
                .user_by_slug(slug)
                .await?
                .ok_or_else(not_found)?;
            (
                Archive::Author(user.id),
                user.display_name,
                t.author,
                user.bio,
            )
        }
        ArchiveBase::Kind => {
            let kind = site
                .kinds
                .iter()
                .find(|k| k.slug == slug)
                .ok_or_else(not_found)?;
            let name = kind.label(&lang.code).to_owned();
            (Archive::Kind(kind.slug.clone()), name, "", String::new())
        }
    };
    let fetched = fetch(state, site, lang, archive, page).await?;
    let (subtopics, breadcrumbs) = topic_context(lang, base, slug, &name, &fetched.topics);
    let feeds = super::feed::discovery(state, lang, Some((base, slug, &name)));
    let (code, base_str, slug_owned) = (lang.code.clone(), base.as_str(), slug.to_owned());
    let heading = Heading {
        archive: base_str,
        heading: name,
        label: label.to_owned(),
        description,
        subtopics,
        breadcrumbs,
        url: Box::new(move |n| permalink::archive(&code, base_str, &slug_owned, n)),
        alternates: Vec::new(),
        query: String::new(),
        feeds,
    };
    render(state, site, lang, heading, &fetched, page)
}

/// Child topics and breadcrumbs (Home » Parent » Topic) of a topic archive.
fn topic_context(
    lang: &Language,
    base: ArchiveBase,
    slug: &str,
    name: &str,
    topics: &HashMap<TermId, Term>,
) -> (Vec<Link>, Vec<Link>) {
    let home = Link {
        label: strings(&lang.code).home.to_owned(),
        url: permalink::home(&lang.code, 1),
    };
    let mut crumbs = vec![home];
    let mut children = Vec::new();
    if base == ArchiveBase::Topic
        && let Some(topic) = topics.values().find(|t| t.slug == slug)
    {
        let mut ancestors = Vec::new();
        let mut parent = topic.parent;
        while let Some(p) = parent.and_then(|id| topics.get(&id)) {
            if ancestors.len() > 16 {
                break;
            }
            ancestors.push(Link {
                label: p.name.clone(),
                url: permalink::topic(&lang.code, &p.slug, 1),
            });
            parent = p.parent;
        }
        crumbs.extend(ancestors.into_iter().rev());
        let mut kids: Vec<&Term> = topics
            .values()
            .filter(|t| t.parent == Some(topic.id))
            .collect();
        kids.sort_by(|a, b| a.name.cmp(&b.name));
        children = kids
            .into_iter()
            .map(|t| Link {
                label: t.name.clone(),
                url: permalink::topic(&lang.code, &t.slug, 1),
            })
            .collect();
    }
    crumbs.push(Link {
        label: name.to_owned(),
        url: String::new(),
    });
    (children, crumbs)
}

/// `/{lang}/search?q=…&page=n`.
pub async fn search(
    state: &AppState,
    site: &SiteData,
    code: &str,
    query: Option<&str>,
) -> Result<Response, WebError> {
    let lang = site.language(code)?;
    let text: String = query_value(query, "q")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let page = match query_value(query, "page") {
        Some(n) => parse_page_number(&n).ok_or_else(|| WebError::not_found(&lang.code))?,
        None => 1,
    };
    let t = strings(&lang.code);
    let fetched = if text.is_empty() {
        Fetched {
            list: ListPage {
                posts: Vec::new(),
                total: 0,
            },
            topics: HashMap::new(),
        }
    } else {
        fetch(state, site, lang, Archive::Search(text.clone()), page).await?
    };
    let (code, q) = (lang.code.clone(), text.clone());
    let heading = Heading {
        archive: "search",
        heading: if text.is_empty() {
            t.search.to_owned()
        } else {
            format!("{} «{text}»", t.search_results_for)
        },
        label: String::new(),
        description: String::new(),
        subtopics: Vec::new(),
        breadcrumbs: Vec::new(),
        url: Box::new(move |n| permalink::search(&code, &q, n)),
        alternates: Vec::new(),
        query: text,
        feeds: super::feed::discovery(state, lang, None),
    };
    render(state, site, lang, heading, &fetched, page)
}
