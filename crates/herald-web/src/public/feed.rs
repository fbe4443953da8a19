//! Feeds of the language's latest posts and of each topic, tag, author and kind
//! archive (see [`crate::feed`] for the formats), and the autodiscovery links
//! pages carry for them.

use std::collections::HashMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_core::{
    Archive, Language, ListQuery, Post, PostSummary, Taxonomy, Term, TermId, permalink,
};
use herald_render::context::FeedLink;

use super::SiteData;
use crate::error::WebError;
use crate::feed::{Enclosure, Entry, Feed, FeedContent, FeedFormat, Person, image_type};
use crate::route::ArchiveBase;
use crate::state::AppState;

/// The archive a feed follows: what it lists, its name and description.
struct Source {
    archive: Archive,
    name: Option<String>,
    description: String,
    /// Canonical path of the listing's first page.
    listing: String,
}

/// A feed: `/{lang}/feed/`, `/{lang}/topic/{slug}/feed/atom/`, `…/feed.json`.
///
/// # Errors
/// Not found for an unknown language or archive; a store error.
pub async fn show(
    state: &AppState,
    site: &SiteData,
    code: &str,
    archive: Option<(ArchiveBase, &str)>,
    format: FeedFormat,
) -> Result<Response, WebError> {
    let lang = site.language(code)?;
    let source = match archive {
        None => Source {
            archive: Archive::Home,
            name: None,
            description: lang.tagline.clone(),
            listing: permalink::home(&lang.code, 1),
        },
        Some((base, slug)) => find_archive(state, site, lang, base, slug).await?,
    };
    let summaries = latest(state, site, lang, &source.archive).await?;
    let feed = build(state, site, lang, &source, &summaries).await?;
    let mut response = (StatusCode::OK, feed.render(format)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&lang.code) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    Ok(response)
}

/// The topic, tag, author or kind archive named in the URL, as the HTML
/// archive finds it (so an unknown one is not found in both).
async fn find_archive(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    base: ArchiveBase,
    slug: &str,
) -> Result<Source, WebError> {
    let not_found = || WebError::not_found(&lang.code);
    let (archive, name, description) = match base {
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
            let archive = match taxonomy {
                Taxonomy::Topic => Archive::Topic(term.id),
                Taxonomy::Tag => Archive::Tag(term.id),
            };
            (archive, term.name, term.description)
        }
        ArchiveBase::Author => {
            let user = state
                .store
                .user_by_slug(slug)
                .await?
                .ok_or_else(not_found)?;
            (Archive::Author(user.id), user.display_name, user.bio)
        }
        ArchiveBase::Kind => {
            let kind = site
                .kinds
                .iter()
                .find(|k| k.slug == slug)
                .ok_or_else(not_found)?;
            let name = kind.label(&lang.code).to_owned();
            (Archive::Kind(kind.slug.clone()), name, String::new())
        }
    };
    Ok(Source {
        archive,
        name: Some(name),
        description,
        listing: permalink::archive(&lang.code, base.as_str(), slug, 1),
    })
}

/// The newest public posts of an archive, newest first. Listings put sticky
/// posts first on the home page; a feed does not, so when sticky posts come
/// back the page is asked for again, large enough to hold them and the
/// newest others, and sorted by date.
async fn latest(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    archive: &Archive,
) -> Result<Vec<PostSummary>, WebError> {
    let items = state.config.feeds.items.max(1);
    let want = usize::try_from(items).unwrap_or(usize::MAX);
    let mut per_page = items;
    loop {
        let page = state
            .store
            .list_posts(&ListQuery {
                language: lang.code.clone(),
                archive: archive.clone(),
                page: 1,
                per_page,
                now: site.now,
            })
            .await?;
        let sticky = page.posts.iter().filter(|p| p.sticky).count();
        let complete = page.posts.len() as u64 >= page.total;
        if *archive != Archive::Home
            || page.posts.len() - sticky >= want
            || complete
            || per_page >= items.saturating_mul(16)
        {
            let mut posts = page.posts;
            posts.sort_by_key(|p| std::cmp::Reverse((p.publish_at, p.id)));
            posts.truncate(want);
            return Ok(posts);
        }
        per_page = items.saturating_add(u32::try_from(sticky).unwrap_or(u32::MAX));
    }
}

/// The feed of `summaries`: each post read whole (for its update time and,
/// in full-content feeds, its body), with its topics and tags named.
async fn build(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    source: &Source,
    summaries: &[PostSummary],
) -> Result<Feed, WebError> {
    let mut posts = Vec::with_capacity(summaries.len());
    for summary in summaries {
        if let Some(post) = state.store.post(summary.id).await?
            && post.status.is_public(post.publish_at, site.now)
        {
            posts.push((summary, post));
        }
    }
    let mut ids: Vec<TermId> = posts.iter().flat_map(|(_, p)| p.terms.clone()).collect();
    ids.sort_unstable();
    ids.dedup();
    let terms: HashMap<TermId, Term> = state
        .store
        .terms_by_ids(&ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let base_url = state.config.base_url.clone();
    let full = state.config.feeds.content == FeedContent::Full;
    let entries = posts
        .iter()
        .map(|(summary, post)| entry(&base_url, lang, summary, post, &terms, full))
        .collect();
    Ok(Feed {
        title: feed_title(lang, source.name.as_deref()),
        description: source.description.clone(),
        lang: lang.code.clone(),
        rtl: lang.direction == herald_core::Direction::Rtl,
        home: format!("{base_url}{}", source.listing),
        listing_path: source.listing.clone(),
        tz: site.tz,
        publisher: lang.site_name.clone(),
        base_url,
        entries,
    })
}

fn entry(
    base_url: &str,
    lang: &Language,
    summary: &PostSummary,
    post: &Post,
    terms: &HashMap<TermId, Term>,
    full: bool,
) -> Entry {
    let named = |taxonomy| {
        post.terms
            .iter()
            .filter_map(|id| terms.get(id))
            .filter(move |t| t.taxonomy == taxonomy)
            .map(|t| t.name.clone())
    };
    Entry {
        url: format!("{base_url}{}", permalink::post(&post.language, post.id)),
        title: post.title.clone(),
        published: post.publish_at,
        // A post scheduled after it was written was not updated before it appeared.
        updated: post.updated_at.max(post.publish_at),
        author: summary
            .author_name
            .clone()
            .zip(summary.author_slug.as_deref())
            .map(|(name, slug)| Person {
                name,
                url: format!("{base_url}{}", permalink::author(&lang.code, slug, 1)),
            }),
        categories: named(Taxonomy::Topic).chain(named(Taxonomy::Tag)).collect(),
        summary: post.excerpt_text.clone(),
        content_html: full.then(|| post.body_html.clone()),
        image: post.featured_image.as_deref().map(|image| Enclosure {
            url: absolute(base_url, image),
            media_type: image_type(image),
        }),
    }
}

/// A stored image address made absolute: a site path gets the base URL.
fn absolute(base_url: &str, url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else if url.starts_with('/') {
        format!("{base_url}{url}")
    } else {
        format!("{base_url}/{url}")
    }
}

/// "Site" for the language's feed, "Archive – Site" for an archive's.
fn feed_title(lang: &Language, archive: Option<&str>) -> String {
    match archive {
        Some(name) => format!("{name} – {}", lang.site_name),
        None => lang.site_name.clone(),
    }
}

/// Autodiscovery links for a page of `lang`: the language's feeds, then, on an
/// archive (`(base, slug, name)`), the archive's own.
pub(crate) fn discovery(
    state: &AppState,
    lang: &Language,
    archive: Option<(ArchiveBase, &str, &str)>,
) -> Vec<FeedLink> {
    let base_url = &state.config.base_url;
    let mut listings = vec![(permalink::home(&lang.code, 1), feed_title(lang, None))];
    if let Some((base, slug, name)) = archive {
        listings.push((
            permalink::archive(&lang.code, base.as_str(), slug, 1),
            feed_title(lang, Some(name)),
        ));
    }
    listings
        .iter()
        .flat_map(|(listing, title)| {
            FeedFormat::ALL.into_iter().map(move |format| FeedLink {
                media_type: format.media_type(),
                title: format!("{title} ({})", format.label()),
                href: format!("{base_url}{}", format.path(listing)),
            })
        })
        .collect()
}
