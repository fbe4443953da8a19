//! Sitemaps (sitemaps.org 0.9): the index at `/sitemap.xml` and the files it
//! lists (see [`crate::route::Discovery`] for their paths). Each file is
//! written into one `String` while its rows are read in chunks, so memory is
//! bounded by one file however large the site; post files come from id
//! ranges of at most 50,000 ids (see [`herald_core::sitemap`]).

use std::collections::HashMap;
use std::fmt::Write as _;

use herald_core::sitemap::{
    NEWS_MAX_URLS, NEWS_WINDOW_SECONDS, SITEMAP_MAX_URLS, SitemapEntry, SitemapQuery,
    SitemapSection, post_file_ids,
};
use herald_core::{Language, PostId, Taxonomy, Timestamp, permalink};
use herald_render::dates::machine_date;

use super::SiteData;
use crate::error::WebError;
use crate::route::Discovery;
use crate::state::AppState;

/// Rows read from the store at a time while writing a post file.
const CHUNK: u32 = 5_000;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// `text` escaped for XML character data and attribute values (the feeds' rules:
/// characters XML forbids are dropped).
pub(crate) use crate::feed::xml::escape;

/// A W3C datetime (RFC 3339 in the site's time zone).
fn w3c(site: &SiteData, at: Timestamp) -> String {
    machine_date(at, site.tz)
}

fn absolute(state: &AppState, path: &str) -> String {
    escape(&format!("{}{path}", state.config.base_url))
}

/// `/sitemap.xml`: every non-empty file of every language, then the news sitemap.
pub async fn index(state: &AppState, site: &SiteData) -> Result<String, WebError> {
    let mut xml = format!("{XML_HEAD}<sitemapindex xmlns=\"{SITEMAP_NS}\">\n");
    for lang in &site.languages {
        let files = state.store.sitemap_files(&lang.code, site.now).await?;
        let newest = files.iter().map(|f| f.last_modified).max();
        let code = lang.code.clone();
        // The pages file always has the language home.
        let pages = files
            .iter()
            .find(|f| f.section == SitemapSection::Pages)
            .map_or(newest, |f| Some(f.last_modified.max(newest.unwrap_or(0))));
        let mut listed = vec![(Discovery::Pages { lang: code.clone() }, pages)];
        for file in &files {
            let lang = code.clone();
            let entry = match file.section {
                SitemapSection::Posts(file) => Discovery::Posts { lang, file },
                SitemapSection::Pages => continue,
                SitemapSection::Topics => Discovery::Topics { lang },
                SitemapSection::Tags => Discovery::Tags { lang },
            };
            listed.push((entry, Some(file.last_modified)));
        }
        listed.sort_by_key(|(d, _)| !matches!(d, Discovery::Posts { .. }));
        for (file, lastmod) in listed {
            let _ = write!(xml, "<sitemap><loc>{}</loc>", absolute(state, &file.path()));
            if let Some(at) = lastmod {
                let _ = write!(xml, "<lastmod>{}</lastmod>", w3c(site, at));
            }
            xml.push_str("</sitemap>\n");
        }
    }
    if has_news(state, site).await? {
        let path = Discovery::News.path();
        let _ = writeln!(
            xml,
            "<sitemap><loc>{}</loc></sitemap>",
            absolute(state, &path)
        );
    }
    xml.push_str("</sitemapindex>\n");
    Ok(xml)
}

fn news_query(lang: &Language, now: Timestamp, limit: u32) -> SitemapQuery {
    SitemapQuery {
        language: lang.code.clone(),
        pages: false,
        after: 0,
        through: PostId::MAX,
        since: Some(now - NEWS_WINDOW_SECONDS),
        limit,
        now,
    }
}

async fn has_news(state: &AppState, site: &SiteData) -> Result<bool, WebError> {
    for lang in &site.languages {
        let query = news_query(lang, site.now, 1);
        if !state.store.sitemap_entries(&query).await?.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn urlset_open(extra_ns: &str) -> String {
    format!("{XML_HEAD}<urlset xmlns=\"{SITEMAP_NS}\"{extra_ns}>\n")
}

/// One `<url>` with its `lastmod` and, when it has translations, an
/// `xhtml:link` for every language version (itself included).
fn write_url(xml: &mut String, loc: &str, lastmod: &str, alternates: &[(String, String)]) {
    let _ = write!(xml, "<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod>");
    for (lang, href) in alternates {
        let _ = write!(
            xml,
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>",
            escape(lang)
        );
    }
    xml.push_str("</url>\n");
}

fn post_alternates(state: &AppState, entry: &SitemapEntry) -> Vec<(String, String)> {
    if entry.translations.is_empty() {
        return Vec::new();
    }
    let own = (entry.language.clone(), entry.id);
    std::iter::once(&own)
        .chain(&entry.translations)
        .map(|(lang, id)| (lang.clone(), absolute(state, &permalink::post(lang, *id))))
        .collect()
}

/// `/sitemaps/{lang}/posts-{n}.xml`; not found when the file has no posts.
pub async fn posts(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    file: u32,
) -> Result<String, WebError> {
    let not_found = || WebError::not_found(&lang.code);
    let (first, last) = post_file_ids(file).ok_or_else(not_found)?;
    let mut query = SitemapQuery {
        language: lang.code.clone(),
        pages: false,
        after: first - 1,
        through: last,
        since: None,
        limit: CHUNK,
        now: site.now,
    };
    let mut xml = urlset_open(&format!(" xmlns:xhtml=\"{XHTML_NS}\""));
    let mut written = 0u32;
    loop {
        let entries = state.store.sitemap_entries(&query).await?;
        for entry in &entries {
            let loc = absolute(state, &permalink::post(&lang.code, entry.id));
            let lastmod = w3c(site, entry.updated_at.max(entry.publish_at));
            write_url(&mut xml, &loc, &lastmod, &post_alternates(state, entry));
        }
        written += u32::try_from(entries.len()).unwrap_or(0);
        match entries.last() {
            Some(last) if entries.len() == CHUNK as usize && written < SITEMAP_MAX_URLS => {
                query.after = last.id;
            }
            _ => break,
        }
    }
    if written == 0 {
        return Err(not_found());
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// `/sitemaps/{lang}/pages.xml`: the language home (with the other languages'
/// homes as alternates) and every public page whose parents are public too.
pub async fn pages(state: &AppState, site: &SiteData, lang: &Language) -> Result<String, WebError> {
    let query = SitemapQuery {
        language: lang.code.clone(),
        pages: true,
        after: 0,
        through: PostId::MAX,
        since: None,
        limit: SITEMAP_MAX_URLS - 1,
        now: site.now,
    };
    let (entries, files) = tokio::try_join!(
        state.store.sitemap_entries(&query),
        state.store.sitemap_files(&lang.code, site.now)
    )?;
    let mut xml = urlset_open(&format!(" xmlns:xhtml=\"{XHTML_NS}\""));
    let homes: Vec<(String, String)> = if site.languages.len() > 1 {
        site.languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    absolute(state, &permalink::home(&l.code, 1)),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let newest = files
        .iter()
        .map(|f| f.last_modified)
        .max()
        .unwrap_or(site.now);
    let home = absolute(state, &permalink::home(&lang.code, 1));
    write_url(&mut xml, &home, &w3c(site, newest), &homes);
    let by_id: HashMap<PostId, &SitemapEntry> = entries.iter().map(|e| (e.id, e)).collect();
    for entry in &entries {
        if let Some(path) = page_path(entry, &by_id) {
            let loc = absolute(state, &permalink::page(&lang.code, &path));
            let lastmod = w3c(site, entry.updated_at.max(entry.publish_at));
            write_url(&mut xml, &loc, &lastmod, &[]);
        }
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// The slug path of a page from the root, or `None` when a parent is not public.
fn page_path(entry: &SitemapEntry, by_id: &HashMap<PostId, &SitemapEntry>) -> Option<Vec<String>> {
    let mut path = vec![entry.slug.clone()];
    let mut parent = entry.parent;
    while let Some(id) = parent {
        if path.len() > 32 {
            return None;
        }
        let up = by_id.get(&id)?;
        path.push(up.slug.clone());
        parent = up.parent;
    }
    path.reverse();
    Some(path)
}

/// `/sitemaps/{lang}/topics.xml` and `…/tags.xml`; not found when empty.
pub async fn terms(
    state: &AppState,
    site: &SiteData,
    lang: &Language,
    taxonomy: Taxonomy,
) -> Result<String, WebError> {
    let terms = state
        .store
        .sitemap_terms(&lang.code, taxonomy, SITEMAP_MAX_URLS, site.now)
        .await?;
    if terms.is_empty() {
        return Err(WebError::not_found(&lang.code));
    }
    let mut xml = urlset_open("");
    for term in &terms {
        let path = match taxonomy {
            Taxonomy::Topic => permalink::topic(&lang.code, &term.slug, 1),
            Taxonomy::Tag => permalink::tag(&lang.code, &term.slug, 1),
        };
        write_url(
            &mut xml,
            &absolute(state, &path),
            &w3c(site, term.last_modified),
            &[],
        );
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// `/sitemaps/news.xml`: Google News entries for the public posts of the last
/// 48 hours in every language, at most 1,000.
pub async fn news(state: &AppState, site: &SiteData) -> Result<String, WebError> {
    let mut xml = urlset_open(&format!(" xmlns:news=\"{NEWS_NS}\""));
    let mut left = NEWS_MAX_URLS;
    for lang in &site.languages {
        if left == 0 {
            break;
        }
        let entries = state
            .store
            .sitemap_entries(&news_query(lang, site.now, left))
            .await?;
        left -= u32::try_from(entries.len()).unwrap_or(left).min(left);
        for entry in &entries {
            let _ = writeln!(
                xml,
                "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
                 <news:language>{}</news:language></news:publication>\
                 <news:publication_date>{}</news:publication_date>\
                 <news:title>{}</news:title></news:news></url>",
                absolute(state, &permalink::post(&lang.code, entry.id)),
                escape(&lang.site_name),
                escape(&lang.code),
                w3c(site, entry.publish_at),
                escape(&entry.title),
            );
        }
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}
