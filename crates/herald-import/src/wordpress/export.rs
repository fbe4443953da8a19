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
use herald_core::{
    BodyFormat, Comment, CommentStatus, Media, PAGE_KIND, Post, PostId, PostMeta, SiteBundle,
    Status, Taxonomy, Term, TermId, permalink,
};

use crate::wxr::writer::{
    XmlOut, cdata, escape, php_int_map, php_str_map, rss_date, wp_slug, wxr_date,
};

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

    fn attachment<W: Write>(&self, xml: &mut XmlOut<W>, media: &Media) -> io::Result<()> {
        let id = self.media_ids.get(&media.id).copied().unwrap_or(media.id);
        let url = self.absolute(&media.url);
        xml.open(1, "item")?;
        xml.text(2, "title", &media.title)?;
        xml.plain(2, "link", &url)?;
        xml.plain(2, "pubDate", &rss_date(media.uploaded_at))?;
        xml.text(2, "dc:creator", "")?;
        xml.raw(&format!(
            "\t\t<guid isPermaLink=\"false\">{}</guid>\n",
            escape(&url)
        ))?;
        xml.text(2, "description", "")?;
        xml.text(2, "content:encoded", &media.description)?;
        xml.text(2, "excerpt:encoded", &media.caption)?;
        xml.plain(2, "wp:post_id", &id.to_string())?;
        self.dates(xml, media.uploaded_at, media.uploaded_at)?;
        xml.text(2, "wp:comment_status", "closed")?;
        xml.text(2, "wp:ping_status", "closed")?;
        xml.text(2, "wp:post_name", &wp_slug(&attachment_slug(media)))?;
        xml.text(2, "wp:status", "inherit")?;
        xml.plain(2, "wp:post_parent", &media.post_id.unwrap_or(0).to_string())?;
        xml.plain(2, "wp:menu_order", "0")?;
        xml.text(2, "wp:post_type", "attachment")?;
        xml.text(2, "wp:post_password", "")?;
        xml.plain(2, "wp:is_sticky", "0")?;
        xml.text(2, "wp:attachment_url", &url)?;
        if let Some(rel) = media.url.strip_prefix("/uploads/") {
            xml.meta(2, "wp:postmeta", "_wp_attached_file", rel)?;
        }
        if !media.alt.is_empty() {
            xml.meta(2, "wp:postmeta", "_wp_attachment_image_alt", &media.alt)?;
        }
        if !media.original_url.is_empty() {
            xml.meta(
                2,
                "wp:postmeta",
                "_herald_original_url",
                &media.original_url,
            )?;
        }
        xml.close(1, "item")
    }

    fn dates<W: Write>(&self, xml: &mut XmlOut<W>, at: i64, updated: i64) -> io::Result<()> {
        xml.text(2, "wp:post_date", &wxr_date(at, self.tz))?;
        xml.text(2, "wp:post_date_gmt", &wxr_date(at, Tz::UTC))?;
        xml.text(2, "wp:post_modified", &wxr_date(updated, self.tz))?;
        xml.text(2, "wp:post_modified_gmt", &wxr_date(updated, Tz::UTC))
    }

    /// The post's public address (pages by their slug path).
    fn link(&self, post: &Post) -> String {
        if post.kind != PAGE_KIND {
            return self.absolute(&permalink::post(&post.language, post.id));
        }
        let mut path = vec![post.slug.as_str()];
        let mut current = post.parent;
        while let Some(parent) = current.and_then(|id| self.posts.get(&id)) {
            if path.len() > 64 {
                break;
            }
            path.insert(0, parent.slug.as_str());
            current = parent.parent;
        }
        self.absolute(&permalink::page(&post.language, &path))
    }

    /// One post or page with its terms, metadata and comments; how many
    /// comments it carried.
    fn item<W: Write>(&self, xml: &mut XmlOut<W>, post: &Post) -> io::Result<u64> {
        let (content, markdown) = match post.format {
            BodyFormat::Html => (post.body.as_str(), None),
            BodyFormat::Markdown => (post.body_html.as_str(), Some(post.body.as_str())),
        };
        xml.open(1, "item")?;
        xml.text(2, "title", &post.title)?;
        xml.plain(2, "link", &self.link(post))?;
        xml.plain(2, "pubDate", &rss_date(post.publish_at))?;
        let login = post.author.and_then(|id| self.logins.get(&id)).copied();
        xml.text(2, "dc:creator", login.unwrap_or_default())?;
        xml.raw(&format!(
            "\t\t<guid isPermaLink=\"false\">{}</guid>\n",
            escape(&format!("{}/?p={}", self.base, post.id))
        ))?;
        xml.text(2, "description", "")?;
        xml.text(2, "content:encoded", content)?;
        xml.text(2, "excerpt:encoded", &post.excerpt)?;
        xml.plain(2, "wp:post_id", &post.id.to_string())?;
        self.dates(xml, post.publish_at, post.updated_at)?;
        let open = if post.comments_open { "open" } else { "closed" };
        xml.text(2, "wp:comment_status", open)?;
        xml.text(2, "wp:ping_status", "closed")?;
        xml.text(2, "wp:post_name", &wp_slug(&post.slug))?;
        xml.text(2, "wp:status", wp_status(post.status))?;
        xml.plain(2, "wp:post_parent", &post.parent.unwrap_or(0).to_string())?;
        xml.plain(2, "wp:menu_order", "0")?;
        let post_type = if post.kind == PAGE_KIND {
            "page"
        } else {
            "post"
        };
        xml.text(2, "wp:post_type", post_type)?;
        xml.text(2, "wp:post_password", "")?;
        xml.plain(2, "wp:is_sticky", if post.sticky { "1" } else { "0" })?;
        self.item_terms(xml, post)?;
        self.item_meta(xml, post, markdown)?;
        let comments = self
            .comments
            .get(&post.id)
            .map_or(&[][..], |c| c.as_slice());
        for comment in comments {
            self.comment(xml, comment)?;
        }
        xml.close(1, "item")?;
        Ok(comments.len() as u64)
    }

    fn item_terms<W: Write>(&self, xml: &mut XmlOut<W>, post: &Post) -> io::Result<()> {
        let category = |xml: &mut XmlOut<W>, domain: &str, slug: &str, name: &str| {
            xml.raw(&format!(
                "\t\t<category domain=\"{domain}\" nicename=\"{}\">{}</category>\n",
                escape(slug),
                cdata(name)
            ))
        };
        for id in &post.terms {
            let (Some(term), Some(slug)) = (self.terms.get(id), self.term_slugs.get(id)) else {
                continue;
            };
            let domain = match term.taxonomy {
                Taxonomy::Topic => "category",
                Taxonomy::Tag => "post_tag",
            };
            category(xml, domain, &wp_slug(slug), &term.name)?;
        }
        let language = self
            .bundle
            .languages
            .iter()
            .find(|l| l.code == post.language)
            .map_or(post.language.as_str(), |l| l.name.as_str());
        category(xml, "language", &post.language, language)?;
        if let Some(group) = post.translation_group {
            let slug = group_slug(group);
            category(xml, "post_translations", &slug, &slug)?;
        }
        Ok(())
    }

    fn item_meta<W: Write>(
        &self,
        xml: &mut XmlOut<W>,
        post: &Post,
        markdown: Option<&str>,
    ) -> io::Result<()> {
        let rows = self.meta.get(&post.id).map_or(&[][..], |m| m.as_slice());
        for row in rows {
            xml.meta(2, "wp:postmeta", &row.key, &row.value)?;
        }
        xml.meta(2, "wp:postmeta", "_herald_format", post.format.as_str())?;
        if post.kind != PAGE_KIND && post.kind != herald_core::POST_KIND {
            xml.meta(2, "wp:postmeta", "_herald_kind", &post.kind)?;
        }
        if let Some(markdown) = markdown {
            xml.meta(2, "wp:postmeta", "_herald_markdown", markdown)?;
        }
        if let Some(image) = &post.featured_image {
            xml.meta(2, "wp:postmeta", "_herald_featured_image", image)?;
            xml.meta(2, "wp:postmeta", "_herald_featured_alt", &post.featured_alt)?;
            let thumbnail = self.media_by_url.get(image.as_str());
            if let Some(id) = thumbnail
                && !rows.iter().any(|r| r.key == "_thumbnail_id")
            {
                xml.meta(2, "wp:postmeta", "_thumbnail_id", &id.to_string())?;
            }
        }
        Ok(())
    }

    fn comment<W: Write>(&self, xml: &mut XmlOut<W>, comment: &Comment) -> io::Result<()> {
        xml.open(2, "wp:comment")?;
        xml.plain(3, "wp:comment_id", &comment.id.to_string())?;
        xml.text(3, "wp:comment_author", &comment.author_name)?;
        xml.text(3, "wp:comment_author_email", &comment.author_email)?;
        xml.text(3, "wp:comment_author_url", &comment.author_url)?;
        xml.text(3, "wp:comment_author_IP", &comment.author_ip)?;
        xml.text(3, "wp:comment_date", &wxr_date(comment.created_at, self.tz))?;
        xml.text(
            3,
            "wp:comment_date_gmt",
            &wxr_date(comment.created_at, Tz::UTC),
        )?;
        xml.text(3, "wp:comment_content", &comment.body)?;
        let approved = match comment.status {
            CommentStatus::Approved => "1",
            CommentStatus::Pending => "0",
            CommentStatus::Spam => "spam",
            CommentStatus::Trash => "trash",
        };
        xml.text(3, "wp:comment_approved", approved)?;
        xml.text(3, "wp:comment_type", &comment.kind)?;
        xml.plain(
            3,
            "wp:comment_parent",
            &comment.parent.unwrap_or(0).to_string(),
        )?;
        xml.plain(
            3,
            "wp:comment_user_id",
            &comment.user_id.unwrap_or(0).to_string(),
        )?;
        xml.close(2, "wp:comment")
    }
}

/// WordPress's word for a status.
fn wp_status(status: Status) -> &'static str {
    match status {
        Status::Published => "publish",
        Status::Scheduled => "future",
        Status::Draft => "draft",
        Status::Pending => "pending",
        Status::Private => "private",
        Status::Trash => "trash",
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

/// An attachment's slug: its title, else its file name.
fn attachment_slug(media: &Media) -> String {
    let title = herald_core::slug::slugify(&media.title);
    if !title.is_empty() {
        return title;
    }
    let name = media.url.rsplit('/').next().unwrap_or_default();
    let slug = herald_core::slug::slugify(name);
    if slug.is_empty() {
        format!("media-{}", media.id)
    } else {
        slug
    }
}
