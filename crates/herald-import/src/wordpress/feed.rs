//! Pass two: read the export again and turn each entry into the store's
//! import steps, in an order the database accepts (languages, users and
//! terms first; pages' parents, media, redirects and origins last), with
//! every id, slug and address already decided by the plan.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::BufRead;
use std::sync::{Arc, Mutex};

use herald_core::{
    BodyFormat, Comment, CommentStatus, ImportOp, ImportOrigin, Media, PAGE_KIND, POST_KIND, Post,
    Taxonomy,
};

use super::plan::{Plan, PlannedPost, encode_path, upload_path};
use super::report::Report;
use super::{Options, Prepare};
use crate::content::{self, Attachment};
use crate::wxr::{WxrEntry, WxrItem, WxrReader};

/// What pass two learns while it converts: more of the report.
#[derive(Debug, Default)]
pub struct Outcome {
    pub report: Report,
}

/// Called with (items read, items in all) as the import goes.
pub type Progress = Box<dyn FnMut(u64, u64) + Send>;

/// Where the feed is. After the items, the rest is handed out in slices,
/// so even a million redirects never sit in the queue at once.
enum Phase {
    Items,
    Parents,
    Media(usize),
    Redirects(usize),
    Origins,
    Done,
}

/// How many steps the tail queues at a time.
const SLICE: usize = 512;

/// The steps of one import, pulled by the store (see
/// [`herald_core::Store::import`]).
pub struct Feed<R: BufRead> {
    reader: WxrReader<R>,
    plan: Arc<Plan>,
    options: Options,
    prepare: Prepare,
    outcome: Arc<Mutex<Outcome>>,
    progress: Option<Progress>,
    queue: VecDeque<ImportOp>,
    phase: Phase,
    read: u64,
    media_order: Vec<i64>,
    /// The old site's addresses whose links bodies rewrite (known once).
    old_bases: Vec<String>,
}

impl<R: BufRead> Feed<R> {
    pub fn new(
        reader: WxrReader<R>,
        plan: Arc<Plan>,
        options: Options,
        prepare: Prepare,
        progress: Option<Progress>,
    ) -> (Self, Arc<Mutex<Outcome>>) {
        let outcome = Arc::new(Mutex::new(Outcome::default()));
        let mut queue = VecDeque::new();
        if let Some(settings) = &plan.settings {
            queue.push_back(ImportOp::Settings(settings.clone()));
        }
        queue.extend(plan.new_languages.iter().cloned().map(ImportOp::Language));
        queue.extend(plan.users.iter().cloned().map(ImportOp::User));
        queue.extend(plan.terms.iter().cloned().map(ImportOp::Term));
        let old_bases = old_bases(&plan, &options);
        let feed = Self {
            reader,
            plan,
            options,
            prepare,
            outcome: Arc::clone(&outcome),
            progress,
            queue,
            phase: Phase::Items,
            read: 0,
            media_order: Vec::new(),
            old_bases,
        };
        (feed, outcome)
    }

    fn with_outcome(&self, f: impl FnOnce(&mut Outcome)) {
        if let Ok(mut outcome) = self.outcome.lock() {
            f(&mut outcome);
        }
    }

    /// Read entries until some steps are queued or the file ends.
    fn fill(&mut self) -> Result<(), String> {
        while self.queue.is_empty() {
            match self.phase {
                Phase::Items => match self.reader.next() {
                    Some(Ok(WxrEntry::Item(item))) => {
                        self.read += 1;
                        if let Some(progress) = &mut self.progress {
                            progress(self.read, self.plan.items);
                        }
                        self.item(*item);
                    }
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(e.to_string()),
                    None => self.phase = Phase::Parents,
                },
                Phase::Parents => {
                    self.parents();
                    self.media_order = self.plan.media.keys().copied().collect();
                    let plan = Arc::clone(&self.plan);
                    self.media_order
                        .sort_by_key(|wp| plan.media.get(wp).map(|m| m.id));
                    self.phase = Phase::Media(0);
                }
                Phase::Media(at) => {
                    let end = (at + SLICE).min(self.media_order.len());
                    self.media(at..end);
                    self.phase = if end == self.media_order.len() {
                        Phase::Redirects(0)
                    } else {
                        Phase::Media(end)
                    };
                }
                Phase::Redirects(at) => {
                    let end = (at + SLICE).min(self.plan.addresses.len());
                    for i in at..end {
                        if let Some(redirect) = self.plan.addresses.redirect(i) {
                            self.queue.push_back(ImportOp::Redirect(redirect));
                        }
                    }
                    self.phase = if end == self.plan.addresses.len() {
                        Phase::Origins
                    } else {
                        Phase::Redirects(end)
                    };
                }
                Phase::Origins => {
                    self.origins();
                    self.phase = Phase::Done;
                }
                Phase::Done => return Ok(()),
            }
        }
        Ok(())
    }

    fn item(&mut self, item: WxrItem) {
        if !matches!(item.post_type.as_str(), "post" | "page") {
            return;
        }
        let Some(planned) = self.plan.posts.get(&item.id).cloned() else {
            return;
        };
        let (post, meta) = self.post(&item, &planned);
        self.queue.push_back(ImportOp::Post {
            post: Box::new(post),
            meta,
        });
        self.queue
            .push_back(self.origin("post", item.id.to_string(), planned.id));
        self.comments(&item, &planned);
    }

    fn post(&mut self, item: &WxrItem, planned: &PlannedPost) -> (Post, Vec<(String, String)>) {
        let plan = Arc::clone(&self.plan);
        let lookup = |id: i64| {
            plan.media.get(&id).map(|m| Attachment {
                url: m.url().to_owned(),
                alt: m.alt.to_string(),
                caption: m.caption.to_string(),
                mime: m.mime.to_owned(),
            })
        };
        let own = HeraldMeta::of(item);
        if let Some((body, format)) = own.body(item) {
            return self.own_post(item, planned, &own, body, format);
        }
        let converted = content::to_html(&item.content, &lookup);
        if !converted.unknown_shortcodes.is_empty() || !converted.notes.is_empty() {
            self.with_outcome(|o| {
                for name in &converted.unknown_shortcodes {
                    *o.report.unknown_shortcodes.entry(name.clone()).or_default() += 1;
                }
                for note in &converted.notes {
                    o.report.warn(format!("post {}: {note}", item.id));
                }
            });
        }
        let body = self.rewrite_links(&converted.html);
        let publish_at = item
            .post_date_gmt
            .or(item.post_date)
            .unwrap_or(self.options.now);
        let author = self.plan.user_ids.get(&item.creator).copied();
        if author.is_none() && !item.creator.trim().is_empty() {
            let warning = format!(
                "post {}: its author `{}` is not in the export; it has no author",
                item.id, item.creator
            );
            self.with_outcome(|o| o.report.warn(warning));
        }
        let terms = self.item_terms(item, planned);
        let featured = item
            .meta
            .iter()
            .find(|(k, _)| k == "_thumbnail_id")
            .and_then(|(_, v)| v.trim().parse::<i64>().ok())
            .and_then(|id| self.plan.media.get(&id));
        let title = item.title.trim();
        let mut post = Post {
            id: planned.id,
            kind: if planned.page { PAGE_KIND } else { POST_KIND }.to_owned(),
            language: planned.language.clone(),
            status: planned.status,
            title: if title.is_empty() {
                "(no title)".to_owned()
            } else {
                title.to_owned()
            },
            slug: planned.slug.clone(),
            body,
            format: BodyFormat::Html,
            excerpt: item.excerpt.trim().to_owned(),
            author,
            parent: None,
            publish_at,
            updated_at: item.modified_gmt.unwrap_or(publish_at).max(publish_at),
            sticky: item.sticky && !planned.page,
            comments_open: item.comment_status == "open",
            featured_image: featured.map(|m| m.url().to_owned()),
            featured_alt: featured.map(|m| m.alt.to_string()).unwrap_or_default(),
            terms,
            translation_group: planned.group,
            body_html: String::new(),
            excerpt_text: String::new(),
        };
        self.prepare_post(&mut post);
        (post, item.meta.clone())
    }

    fn prepare_post(&self, post: &mut Post) {
        let words = self
            .plan
            .excerpt_words
            .get(&post.language)
            .copied()
            .unwrap_or(55);
        (self.prepare)(post, words);
    }

    /// A post a Herald export wrote: its body, format, dates and featured
    /// image as Herald had them, and the `_herald_*` keys left out of its
    /// metadata.
    fn own_post(
        &mut self,
        item: &WxrItem,
        planned: &PlannedPost,
        own: &HeraldMeta,
        body: String,
        format: BodyFormat,
    ) -> (Post, Vec<(String, String)>) {
        let publish_at = item
            .post_date_gmt
            .or(item.post_date)
            .unwrap_or(self.options.now);
        let author = self.plan.user_ids.get(&item.creator).copied();
        let kind = match (&own.kind, planned.page) {
            (_, true) => PAGE_KIND,
            (Some(kind), false) => kind.as_str(),
            (None, false) => POST_KIND,
        };
        let mut post = Post {
            id: planned.id,
            kind: kind.to_owned(),
            language: planned.language.clone(),
            status: planned.status,
            title: item.title.clone(),
            slug: planned.slug.clone(),
            body,
            format,
            excerpt: item.excerpt.clone(),
            author,
            parent: None,
            publish_at,
            updated_at: item.modified_gmt.unwrap_or(publish_at),
            sticky: item.sticky && !planned.page,
            comments_open: item.comment_status == "open",
            featured_image: own.featured_image.clone(),
            featured_alt: own.featured_alt.clone(),
            terms: self.item_terms(item, planned),
            translation_group: planned.group,
            body_html: String::new(),
            excerpt_text: String::new(),
        };
        self.prepare_post(&mut post);
        let meta = item
            .meta
            .iter()
            .filter(|(k, _)| !k.starts_with("_herald_"))
            .cloned()
            .collect();
        (post, meta)
    }

    /// The ids of the item's topics and tags in its language.
    fn item_terms(&self, item: &WxrItem, planned: &PlannedPost) -> Vec<i64> {
        item.terms
            .iter()
            .filter_map(|t| {
                let taxonomy = match t.domain.as_str() {
                    "category" => Taxonomy::Topic,
                    "post_tag" => Taxonomy::Tag,
                    _ => return None,
                };
                self.plan
                    .term_ids
                    .get(&(taxonomy, t.slug.clone(), planned.language.clone()))
                    .copied()
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// Links to the old site become links to the same page here; uploaded
    /// files found in the uploads folder are copied and linked there.
    fn rewrite_links(&mut self, html: &str) -> String {
        if self.old_bases.is_empty() {
            return html.to_owned();
        }
        let plan = Arc::clone(&self.plan);
        let resolve = |rest: &str| -> Option<String> {
            if let Some(target) = plan.addresses.resolve(rest) {
                return Some(target);
            }
            let rel = upload_path(rest)?;
            plan.available(&rel)
                .then(|| format!("/uploads/{}", encode_path(&rel)))
        };
        content::rewrite_links(html, &self.old_bases, &resolve)
    }

    fn comments(&mut self, item: &WxrItem, planned: &PlannedPost) {
        let mut kept: Vec<Comment> = Vec::new();
        let mut skipped: Vec<&'static str> = Vec::new();
        let mut warnings: Vec<String> = Vec::new();
        for c in &item.comments {
            let status = match c.approved.as_str() {
                "1" | "approve" | "approved" => CommentStatus::Approved,
                "0" | "hold" => CommentStatus::Pending,
                "spam" => CommentStatus::Spam,
                "trash" | "post-trashed" => CommentStatus::Trash,
                _ => CommentStatus::Pending,
            };
            if matches!(status, CommentStatus::Spam | CommentStatus::Trash)
                && !self.options.include_spam
            {
                skipped.push(if status == CommentStatus::Spam {
                    "spam comments"
                } else {
                    "trashed comments"
                });
                continue;
            }
            let id = self.plan.comment_id(c.id);
            let kind = match c.comment_type.as_str() {
                "" | "comment" => "comment",
                "pingback" => "pingback",
                "trackback" => "trackback",
                other => other,
            };
            kept.push(Comment {
                id,
                post_id: planned.id,
                parent: (c.parent > 0).then_some(c.parent),
                author_name: c.author.trim().to_owned(),
                author_email: c.author_email.trim().to_owned(),
                author_url: c.author_url.trim().to_owned(),
                author_ip: c.author_ip.trim().to_owned(),
                user_id: (c.user_id > 0)
                    .then(|| self.plan.author_ids.get(&c.user_id).copied())
                    .flatten(),
                created_at: c.date_gmt.or(c.date).unwrap_or(self.options.now),
                body: c.content.clone(),
                status,
                kind: kind.to_owned(),
            });
        }
        // Replies point at their parent's new id, once it is written.
        let ids_here: HashMap<i64, i64> = item
            .comments
            .iter()
            .map(|c| (c.id, self.plan.comment_id(c.id)))
            .collect();
        let kept_ids: HashSet<i64> = kept.iter().map(|c| c.id).collect();
        for comment in &mut kept {
            if let Some(wp_parent) = comment.parent {
                let parent = ids_here.get(&wp_parent).copied();
                match parent {
                    Some(p) if kept_ids.contains(&p) && p != comment.id => {
                        comment.parent = Some(p);
                    }
                    _ => {
                        warnings.push(format!(
                            "comment {} on post {}: the comment it answers is not imported; \
                             it is shown on its own",
                            comment.id, planned.id
                        ));
                        comment.parent = None;
                    }
                }
            }
        }
        let ordered = parents_first(kept, &mut warnings);
        let count = ordered.len();
        let wp_of: HashMap<i64, i64> = ids_here.iter().map(|(wp, id)| (*id, *wp)).collect();
        for comment in ordered {
            let origin = wp_of
                .get(&comment.id)
                .map(|wp| self.origin("comment", wp.to_string(), comment.id));
            self.queue.push_back(ImportOp::Comment(comment));
            self.queue.extend(origin);
        }
        self.with_outcome(|o| {
            for reason in skipped {
                o.report.skip(reason);
            }
            for warning in warnings {
                o.report.warn(warning);
            }
            for _ in 0..count {
                o.report.count("comments");
            }
        });
    }

    fn origin(&self, kind: &str, old_id: String, new_id: i64) -> ImportOp {
        ImportOp::Origin(ImportOrigin {
            source: self.plan.source.clone(),
            kind: kind.to_owned(),
            old_id,
            new_id,
        })
    }

    fn parents(&mut self) {
        let plan = Arc::clone(&self.plan);
        let mut pages: Vec<&PlannedPost> = plan.posts.values().filter(|p| p.page).collect();
        pages.sort_by_key(|p| p.id);
        for page in pages {
            self.queue.push_back(ImportOp::Parent {
                post: page.id,
                parent: page.parent,
            });
        }
    }

    fn media(&mut self, range: std::ops::Range<usize>) {
        let plan = Arc::clone(&self.plan);
        for wp in &self.media_order[range] {
            let Some(m) = plan.media.get(wp) else {
                continue;
            };
            self.queue.push_back(ImportOp::Media(Media {
                id: m.id,
                post_id: plan.posts.get(&m.parent_wp).map(|p| p.id),
                url: m.url().to_owned(),
                original_url: m.original_url.to_string(),
                title: m.title.to_string(),
                alt: m.alt.to_string(),
                caption: m.caption.to_string(),
                description: String::new(),
                mime: m.mime.to_owned(),
                uploaded_at: m.uploaded_at,
            }));
            self.queue
                .push_back(self.origin("media", wp.to_string(), m.id));
        }
    }

    /// Origins of users, terms and translation groups (those of posts,
    /// comments and media go with their rows).
    fn origins(&mut self) {
        let plan = Arc::clone(&self.plan);
        for (login, id) in &plan.user_ids {
            if plan.users.iter().any(|u| u.id == *id) {
                self.queue
                    .push_back(self.origin("user", login.clone(), *id));
            }
        }
        let written: HashSet<i64> = plan.terms.iter().map(|t| t.id).collect();
        for ((taxonomy, slug, lang), id) in &plan.term_ids {
            if written.contains(id) {
                let key = format!("{}:{slug}:{lang}", taxonomy.as_str());
                self.queue.push_back(self.origin("term", key, *id));
            }
        }
        for (name, group) in &plan.groups {
            self.queue
                .push_back(self.origin("group", name.clone(), *group));
        }
    }
}

/// What a Herald export keeps in `_herald_*` post metadata so the post
/// comes back as it was (see [`super::export`]).
#[derive(Debug, Default)]
struct HeraldMeta {
    /// `_herald_format`: `html` or `markdown`; `None` for WordPress's posts.
    format: Option<BodyFormat>,
    /// `_herald_markdown`: the Markdown the HTML body was rendered from.
    markdown: Option<String>,
    featured_image: Option<String>,
    featured_alt: String,
    /// `_herald_kind`: a content kind other than post and page.
    kind: Option<String>,
}

impl HeraldMeta {
    fn of(item: &WxrItem) -> Self {
        let mut own = Self::default();
        for (key, value) in &item.meta {
            match key.as_str() {
                "_herald_format" => own.format = BodyFormat::parse(value.trim()),
                "_herald_markdown" => own.markdown = Some(value.clone()),
                "_herald_featured_image" => own.featured_image = Some(value.clone()),
                "_herald_featured_alt" => own.featured_alt = value.clone(),
                "_herald_kind" => {
                    own.kind = Some(herald_core::slug::slugify(value)).filter(|k| !k.is_empty());
                }
                _ => {}
            }
        }
        own
    }

    /// The body and format Herald stored, when a Herald export wrote it.
    fn body(&self, item: &WxrItem) -> Option<(String, BodyFormat)> {
        match (self.format?, &self.markdown) {
            (BodyFormat::Markdown, Some(markdown)) => {
                Some((markdown.clone(), BodyFormat::Markdown))
            }
            (BodyFormat::Html, _) => Some((item.content.clone(), BodyFormat::Html)),
            (BodyFormat::Markdown, None) => None,
        }
    }
}

/// Comments ordered so each reply follows the comment it answers; a loop of
/// replies is broken by showing its first comment on its own.
fn parents_first(comments: Vec<Comment>, warnings: &mut Vec<String>) -> Vec<Comment> {
    let mut placed: HashSet<i64> = HashSet::new();
    let mut out = Vec::with_capacity(comments.len());
    let mut pending = comments;
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for comment in pending {
            if comment.parent.is_none_or(|p| placed.contains(&p)) {
                placed.insert(comment.id);
                out.push(comment);
            } else {
                waiting.push(comment);
            }
        }
        if waiting.len() == before
            && let Some(first) = waiting.first_mut()
        {
            warnings.push(format!(
                "comment {}: its replies form a loop; it is shown on its own",
                first.id
            ));
            first.parent = None;
        }
        pending = waiting;
    }
    out
}

impl<R: BufRead + Send> herald_core::ImportFeed for Feed<R> {
    fn next_op(&mut self) -> Option<Result<ImportOp, String>> {
        if let Err(e) = self.fill() {
            return Some(Err(e));
        }
        self.queue.pop_front().map(Ok)
    }
}

/// The addresses the old site answered at, without trailing slashes.
fn old_bases(plan: &Plan, options: &Options) -> Vec<String> {
    let site = &plan.site;
    let mut bases: Vec<String> = [&site.base_site_url, &site.base_blog_url, &site.link]
        .into_iter()
        .chain(options.old_urls.iter())
        .map(|b| b.trim().trim_end_matches('/').to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    bases.sort();
    bases.dedup();
    bases
}
