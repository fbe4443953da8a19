//! `herald export wordpress`: a whole Herald site as a WordPress export
//! (WXR 1.2) that WordPress's own importer accepts, and that `herald import
//! wordpress` reads back without losing posts, pages, topics, tags, authors,
//! comments or translation links.
//!
//! The mapping, in the file's order:
//! - users → `wp:author` (id, login, email, display name);
//! - topics → `wp:category` (parents first, `category_parent` = the parent's
//!   slug), tags → `wp:tag`. WordPress needs a slug unique per taxonomy while
//!   Herald's are unique per language, so a slug used in two languages gets
//!   a `-{lang}` suffix; `wp:termmeta` `_herald_slug` and `_herald_language`
//!   let Herald restore both;
//! - languages → Polylang-style `wp:term`s of the `language` taxonomy, and
//!   each translation group → a `post_translations` term whose description
//!   is the PHP array Polylang keeps (`a:2:{s:2:"en";i:12;s:2:"fa";i:15;}`);
//! - media → `attachment` items (ids moved past the posts' when they clash,
//!   since WordPress shares one id space);
//! - posts and pages → items with their Herald id as `wp:post_id`. WordPress
//!   needs HTML, so `content:encoded` is the stored HTML body, or for
//!   Markdown posts the rendered HTML with the Markdown itself kept in the
//!   `_herald_markdown` meta; `_herald_format` marks a body Herald wrote so
//!   the importer takes it verbatim instead of running WordPress's autop;
//!   a content kind other than post and page goes as a `post` with its kind
//!   in `_herald_kind`.
//!
//! The writer is pure: it takes a [`SiteBundle`] and any `Write`, and writes
//! item by item (the caller reads the bundle, so the site is in memory once).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use chrono_tz::Tz;
use herald_core::{Comment, PAGE_KIND, Post, PostId, PostMeta, SiteBundle, Taxonomy, Term, TermId};

mod items;

use crate::wxr::writer::{XmlOut, php_int_map, php_str_map, wp_slug};

/// What an export needs besides the site.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The site's public address (`https://news.example`), for links and
    /// files under `/uploads/`.
    pub base_url: String,
}

/// How much was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub users: u64,
    pub topics: u64,
    pub tags: u64,
    pub posts: u64,
    pub pages: u64,
    pub media: u64,
    pub comments: u64,
    pub translation_groups: u64,
}

/// The site's lookups, built once before writing.
struct Site<'a> {
    bundle: &'a SiteBundle,
    base: String,
    tz: Tz,
    logins: HashMap<i64, &'a str>,
    terms: HashMap<TermId, &'a Term>,
    term_slugs: HashMap<TermId, String>,
    posts: HashMap<PostId, &'a Post>,
    media_ids: HashMap<i64, i64>,
    media_by_url: HashMap<&'a str, i64>,
    meta: HashMap<PostId, Vec<&'a PostMeta>>,
    comments: HashMap<PostId, Vec<&'a Comment>>,
    groups: BTreeMap<i64, Vec<(String, PostId)>>,
    /// The first id of the `wp:term`s Herald adds (languages, then
    /// translation groups), after every topic's and tag's.
    extra_term_ids: i64,
}

/// Write `bundle` as WXR 1.2 to `out`.
///
/// # Errors
/// The writer's errors; the bundle itself cannot make the export fail.
pub fn write_wxr<W: Write>(
    bundle: &SiteBundle,
    options: &ExportOptions,
    out: W,
) -> io::Result<ExportSummary> {
    let site = Site::new(bundle, options);
    let mut xml = XmlOut::new(out);
    let mut summary = ExportSummary::default();
    site.channel(&mut xml)?;
    for user in &bundle.users {
        site.author(&mut xml, user)?;
        summary.users += 1;
    }
    for term in site.topics_parents_first() {
        site.term(&mut xml, term)?;
        summary.topics += 1;
    }
    for term in bundle.terms.iter().filter(|t| t.taxonomy == Taxonomy::Tag) {
        site.term(&mut xml, term)?;
        summary.tags += 1;
    }
    site.languages(&mut xml)?;
    summary.translation_groups = site.translation_terms(&mut xml)?;
    for media in &bundle.media {
        site.attachment(&mut xml, media)?;
        summary.media += 1;
    }
    for post in &bundle.posts {
        summary.comments += site.item(&mut xml, post)?;
        if post.kind == PAGE_KIND {
            summary.pages += 1;
        } else {
            summary.posts += 1;
        }
    }
    xml.raw("</channel>\n</rss>\n")?;
    xml.finish()?;
    Ok(summary)
}

impl<'a> Site<'a> {
    fn new(bundle: &'a SiteBundle, options: &ExportOptions) -> Self {
        let tz = bundle
            .settings
            .as_ref()
            .and_then(|s| s.time_zone.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC);
        let post_ids: HashSet<i64> = bundle.posts.iter().map(|p| p.id).collect();
        let mut next = bundle
            .posts
            .iter()
            .map(|p| p.id)
            .chain(bundle.media.iter().map(|m| m.id))
            .max()
            .unwrap_or(0);
        let media_ids: HashMap<i64, i64> = bundle
            .media
            .iter()
            .map(|m| {
                let id = if post_ids.contains(&m.id) {
                    next += 1;
                    next
                } else {
                    m.id
                };
                (m.id, id)
            })
            .collect();
        let mut meta: HashMap<PostId, Vec<&PostMeta>> = HashMap::new();
        for row in &bundle.post_meta {
            meta.entry(row.post_id).or_default().push(row);
        }
        let mut comments: HashMap<PostId, Vec<&Comment>> = HashMap::new();
        for comment in &bundle.comments {
            comments.entry(comment.post_id).or_default().push(comment);
        }
        let mut groups: BTreeMap<i64, Vec<(String, PostId)>> = BTreeMap::new();
        for post in &bundle.posts {
            if let Some(group) = post.translation_group {
                groups
                    .entry(group)
                    .or_default()
                    .push((post.language.clone(), post.id));
            }
        }
        Self {
            bundle,
            base: options.base_url.trim().trim_end_matches('/').to_owned(),
            tz,
            logins: bundle
                .users
                .iter()
                .map(|u| (u.id, u.login.as_str()))
                .collect(),
            terms: bundle.terms.iter().map(|t| (t.id, t)).collect(),
            term_slugs: term_slugs(bundle),
            posts: bundle.posts.iter().map(|p| (p.id, p)).collect(),
            media_by_url: bundle
                .media
                .iter()
                .filter_map(|m| media_ids.get(&m.id).map(|id| (m.url.as_str(), *id)))
                .collect(),
            media_ids,
            meta,
            comments,
            groups,
            extra_term_ids: bundle.terms.iter().map(|t| t.id).max().unwrap_or(0) + 1,
        }
    }

    fn default_language(&self) -> String {
        self.bundle
            .settings
            .as_ref()
            .map(|s| s.default_language.clone())
            .or_else(|| self.bundle.languages.first().map(|l| l.code.clone()))
            .unwrap_or_else(|| "en".to_owned())
    }

    fn absolute(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.base)
        } else {
            path.to_owned()
        }
    }

    fn channel<W: Write>(&self, xml: &mut XmlOut<W>) -> io::Result<()> {
        let lang = self.default_language();
        let language = self.bundle.languages.iter().find(|l| l.code == lang);
        xml.raw(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n",
            "<!-- This is a WordPress eXtended RSS file written by Herald. -->\n",
            "<rss version=\"2.0\"\n",
            "\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n",
            "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n",
            "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n",
            "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n",
            "\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n",
            ">\n<channel>\n"
        ))?;
        xml.plain(1, "title", language.map_or("Herald", |l| &l.site_name))?;
        xml.plain(1, "link", &self.base)?;
        xml.plain(1, "description", language.map_or("", |l| &l.tagline))?;
        xml.plain(1, "language", &lang)?;
        xml.plain(1, "wp:wxr_version", "1.2")?;
        xml.plain(1, "wp:base_site_url", &self.base)?;
        xml.plain(1, "wp:base_blog_url", &self.base)?;
        Ok(())
    }

    fn author<W: Write>(&self, xml: &mut XmlOut<W>, user: &herald_core::User) -> io::Result<()> {
        xml.open(1, "wp:author")?;
        xml.plain(2, "wp:author_id", &user.id.to_string())?;
        xml.text(2, "wp:author_login", &user.login)?;
        xml.text(2, "wp:author_email", &user.email)?;
        xml.text(2, "wp:author_display_name", &user.display_name)?;
        xml.text(2, "wp:author_first_name", "")?;
        xml.text(2, "wp:author_last_name", "")?;
        xml.close(1, "wp:author")
    }

    /// Topics ordered so each follows its parent (WordPress's importer
    /// needs the parent first).
    fn topics_parents_first(&self) -> Vec<&'a Term> {
        let depth = |term: &Term| {
            let mut depth = 0;
            let mut current = term.parent;
            while let Some(id) = current {
                depth += 1;
                if depth > 64 {
                    break;
                }
                current = self.terms.get(&id).and_then(|t| t.parent);
            }
            depth
        };
        let mut topics: Vec<&Term> = self
            .bundle
            .terms
            .iter()
            .filter(|t| t.taxonomy == Taxonomy::Topic)
            .collect();
        topics.sort_by_key(|t| (depth(t), t.id));
        topics
    }

    fn term<W: Write>(&self, xml: &mut XmlOut<W>, term: &Term) -> io::Result<()> {
        let slug = self.term_slugs.get(&term.id).cloned().unwrap_or_default();
        let (element, slug_name, name_name, description_name) = match term.taxonomy {
            Taxonomy::Topic => (
                "wp:category",
                "wp:category_nicename",
                "wp:cat_name",
                "wp:category_description",
            ),
            Taxonomy::Tag => ("wp:tag", "wp:tag_slug", "wp:tag_name", "wp:tag_description"),
        };
        xml.open(1, element)?;
        xml.plain(2, "wp:term_id", &term.id.to_string())?;
        xml.text(2, slug_name, &wp_slug(&slug))?;
        if term.taxonomy == Taxonomy::Topic {
            let parent = term
                .parent
                .and_then(|p| self.term_slugs.get(&p))
                .map(|s| wp_slug(s))
                .unwrap_or_default();
            xml.text(2, "wp:category_parent", &parent)?;
        }
        xml.text(2, name_name, &term.name)?;
        xml.text(2, description_name, &term.description)?;
        if slug != term.slug {
            xml.meta(2, "wp:termmeta", "_herald_slug", &term.slug)?;
        }
        xml.meta(2, "wp:termmeta", "_herald_language", &term.language)?;
        xml.close(1, element)
    }

    /// Polylang's `language` terms, one per language.
    fn languages<W: Write>(&self, xml: &mut XmlOut<W>) -> io::Result<()> {
        for (n, language) in self.bundle.languages.iter().enumerate() {
            let rtl = if language.direction == herald_core::Direction::Rtl {
                "1"
            } else {
                "0"
            };
            xml.open(1, "wp:term")?;
            xml.plain(
                2,
                "wp:term_id",
                &(self.extra_term_ids + n as i64).to_string(),
            )?;
            xml.text(2, "wp:term_taxonomy", "language")?;
            xml.text(2, "wp:term_slug", &language.code)?;
            xml.text(2, "wp:term_parent", "")?;
            xml.text(2, "wp:term_name", &language.name)?;
            let description = php_str_map(&[("locale", language.code.as_str()), ("rtl", rtl)]);
            xml.text(2, "wp:term_description", &description)?;
            xml.close(1, "wp:term")?;
        }
        Ok(())
    }

    /// Polylang's `post_translations` terms; how many groups link two or
    /// more posts.
    fn translation_terms<W: Write>(&self, xml: &mut XmlOut<W>) -> io::Result<u64> {
        let mut count = 0;
        for (n, (group, members)) in self.groups.iter().enumerate() {
            xml.open(1, "wp:term")?;
            let id = self.extra_term_ids + (self.bundle.languages.len() + n) as i64;
            xml.plain(2, "wp:term_id", &id.to_string())?;
            xml.text(2, "wp:term_taxonomy", "post_translations")?;
            xml.text(2, "wp:term_slug", &group_slug(*group))?;
            xml.text(2, "wp:term_parent", "")?;
            xml.text(2, "wp:term_name", &group_slug(*group))?;
            xml.text(2, "wp:term_description", &php_int_map(members))?;
            xml.close(1, "wp:term")?;
            count += u64::from(members.len() > 1);
        }
        Ok(count)
    }
}

/// Each term's slug in the export: its own, or `{slug}-{lang}` (then
/// `{slug}-{lang}-{id}`) when another language's term of the same taxonomy
/// already has it. Terms of the default language keep theirs first.
fn term_slugs(bundle: &SiteBundle) -> HashMap<TermId, String> {
    let default = bundle
        .settings
        .as_ref()
        .map(|s| s.default_language.as_str())
        .unwrap_or_default();
    let mut ordered: Vec<&Term> = bundle.terms.iter().collect();
    ordered.sort_by_key(|t| (t.language != default, t.id));
    let mut taken: HashSet<(Taxonomy, String)> = HashSet::new();
    let mut out = HashMap::new();
    for term in ordered {
        let candidates = [
            term.slug.clone(),
            format!("{}-{}", term.slug, term.language),
            format!("{}-{}-{}", term.slug, term.language, term.id),
        ];
        let slug = candidates
            .iter()
            .find(|s| !taken.contains(&(term.taxonomy, (*s).clone())))
            .cloned()
            .unwrap_or_else(|| format!("term-{}", term.id));
        taken.insert((term.taxonomy, slug.clone()));
        out.insert(term.id, slug);
    }
    out
}

/// The slug of a translation group's term.
fn group_slug(group: i64) -> String {
    format!("pll_herald_{group}")
}
