//! Pass one: read the whole export once, keeping only what choosing ids,
//! slugs, languages and old addresses needs, and decide all of them before
//! anything is written. Bodies are not kept, so memory grows with the number
//! of items (a few hundred bytes each), not with the size of the file.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::path::PathBuf;

use herald_core::slug::slugify;
use herald_core::{
    CommentId, ImportState, Language, MediaId, PostId, Role, SiteSettings, Status, Taxonomy, Term,
    TermId, Timestamp, User, UserId,
};

use super::Options;
use super::addresses::Addresses;
use super::languages::{new_language, normalise_code};
use super::report::Report;
use crate::wxr::{SiteInfo, WxrEntry, WxrError, WxrItem, WxrReader, WxrTerm};

/// Finds an uploaded file the import wants: given its old URL and its path
/// under `wp-content/uploads/`, a local copy (from `--uploads`, or fetched
/// with `--fetch-attachments`), or `None` to keep the old URL.
pub type Locate<'a> = dyn FnMut(&str, &str) -> Option<PathBuf> + 'a;

/// Largest id kept from an export; larger ones (which no URL of Herald's can
/// carry) get a new id.
const MAX_KEPT_ID: i64 = 999_999_999_999_999;

/// A post or page as planned: its Herald id and what its neighbours need.
#[derive(Debug, Clone)]
pub struct PlannedPost {
    pub id: PostId,
    pub language: String,
    pub page: bool,
    pub slug: String,
    pub status: Status,
    pub parent: Option<PostId>,
    pub group: Option<i64>,
}

/// An attachment as planned.
#[derive(Debug, Clone)]
pub struct PlannedMedia {
    pub id: MediaId,
    /// The file's address on the old site.
    pub original_url: Box<str>,
    /// Where Herald serves its copy (`/uploads/…`), when it has one.
    pub local_url: Option<Box<str>>,
    pub parent_wp: i64,
    /// The attachment page's address on the old site.
    pub link: Box<str>,
    pub alt: Box<str>,
    pub caption: Box<str>,
    pub title: Box<str>,
    pub mime: &'static str,
    pub uploaded_at: Timestamp,
}

impl PlannedMedia {
    /// Where the file is served from now.
    pub fn url(&self) -> &str {
        self.local_url.as_deref().unwrap_or(&self.original_url)
    }
}

/// Everything decided before writing.
#[derive(Debug, Default)]
pub struct Plan {
    /// The old site's address, which names this import's rows.
    pub source: String,
    pub site: SiteInfo,
    pub default_language: String,
    /// Settings to write when the site has none.
    pub settings: Option<SiteSettings>,
    /// Languages to add.
    pub new_languages: Vec<Language>,
    /// Excerpt length of every language the import writes in.
    pub excerpt_words: HashMap<String, u32>,
    /// Users to write (new ones, and those an earlier run of this import wrote).
    pub users: Vec<User>,
    /// Herald id of each WordPress login.
    pub user_ids: HashMap<String, UserId>,
    /// Herald id of each WordPress user id (comments name their writer by id).
    pub author_ids: HashMap<i64, UserId>,
    /// Terms to write, parents first.
    pub terms: Vec<Term>,
    /// Herald id per (taxonomy, WordPress slug, language).
    pub term_ids: HashMap<(Taxonomy, String, String), TermId>,
    /// Herald id per WordPress post id (posts and pages that are imported).
    pub posts: HashMap<i64, PlannedPost>,
    /// Attachments by WordPress id.
    pub media: HashMap<i64, PlannedMedia>,
    /// Herald ids of the WordPress comments that could not keep theirs (see
    /// [`Plan::comment_id`]).
    pub comment_changes: HashMap<i64, CommentId>,
    /// Translation group per WordPress translation term.
    pub groups: HashMap<String, i64>,
    /// Old addresses and where they lead.
    pub addresses: Addresses,
    /// Files to copy into the site's uploads: `(source file, path under uploads)`.
    pub uploads: Vec<(PathBuf, String)>,
    /// Paths under `wp-content/uploads/` that attachments or bodies use.
    pub wanted_uploads: BTreeSet<String>,
    /// Items pass two will read (for the progress bar).
    pub items: u64,
    pub report: Report,
}

/// What pass one keeps of an item.
struct Facts {
    wp_id: i64,
    page: bool,
    status: Status,
    protected: bool,
    /// The title, kept only where a report names it (protected posts) or
    /// the slug comes from it; empty otherwise.
    title: Box<str>,
    slug: Box<str>,
    language: Box<str>,
    parent_wp: i64,
    link: Box<str>,
    local_date: Option<Timestamp>,
    old_slugs: Box<[String]>,
    group: Option<Box<str>>,
    terms: Box<[(Taxonomy, String, String)]>,
    comment_ids: Box<[i64]>,
    /// Written by `herald export wordpress` (`_herald_format` meta): its
    /// post slug is kept even when another post has it (Herald's posts live
    /// at `/{lang}/posts/{id}`), and its trash stays trash.
    from_herald: bool,
}

/// What pass one keeps of an attachment.
struct AttachmentFacts {
    id: i64,
    parent: i64,
    /// The file's address (`wp:attachment_url`, else the GUID).
    url: Box<str>,
    link: Box<str>,
    alt: Box<str>,
    caption: Box<str>,
    title: Box<str>,
    uploaded_at: Timestamp,
}

/// Read the export and decide every id, slug and address.
///
/// # Errors
/// The reader's error for a file that is not WXR or not well-formed XML;
/// nothing has been written then.
pub fn plan<R: BufRead>(
    reader: WxrReader<R>,
    state: &ImportState,
    options: &Options,
    locate: &mut Locate<'_>,
) -> Result<Plan, WxrError> {
    let mut plan = Plan::default();
    let mut authors = Vec::new();
    let mut terms: Vec<WxrTerm> = Vec::new();
    let mut items: Vec<Facts> = Vec::new();
    let mut attachments: Vec<AttachmentFacts> = Vec::new();
    let mut site_seen = false;
    for entry in reader {
        match entry? {
            WxrEntry::Site(site) => {
                plan.default_language = default_language(&site, state, options);
                plan.site = site;
                site_seen = true;
            }
            WxrEntry::Author(author) => authors.push(author),
            WxrEntry::Term(term) => terms.push(term),
            WxrEntry::Item(item) => {
                plan.items += 1;
                if !site_seen {
                    plan.default_language = default_language(&plan.site, state, options);
                    site_seen = true;
                }
                take_item(&mut plan, *item, &mut items, &mut attachments, options);
            }
            WxrEntry::Skipped(skipped) => {
                plan.report.skip("entries the reader could not take");
                plan.report.warn(format!(
                    "item {} `{}`: {}",
                    skipped
                        .id
                        .map_or_else(|| "?".to_owned(), |id| id.to_string()),
                    skipped.title,
                    skipped.reason
                ));
            }
        }
    }
    if plan.default_language.is_empty() {
        plan.default_language = default_language(&plan.site, state, options);
    }
    plan.source = source_of(&plan.site);
    let origins = Origins::new(state);
    plan_languages(&mut plan, state, &items);
    plan_users(&mut plan, state, &origins, &authors);
    plan_terms(&mut plan, state, &origins, &terms, &items);
    plan_posts(&mut plan, state, &origins, &items);
    plan_comments(&mut plan, state, &origins, &items);
    plan_uploads(&mut plan, &attachments, locate);
    plan_media(&mut plan, state, &origins, attachments);
    plan_addresses(&mut plan, &terms, items, &authors, options);
    Ok(plan)
}

/// The export's own address, without a trailing slash: it names the rows
/// an import writes, so running it again finds them.
pub fn source_of(site: &SiteInfo) -> String {
    [&site.base_blog_url, &site.link, &site.base_site_url]
        .into_iter()
        .map(|url| url.trim().trim_end_matches('/'))
        .find(|url| !url.is_empty())
        .unwrap_or("wordpress")
        .to_owned()
}

fn default_language(site: &SiteInfo, state: &ImportState, options: &Options) -> String {
    options
        .language
        .clone()
        .or_else(|| normalise_code(&site.language))
        .or_else(|| state.settings.as_ref().map(|s| s.default_language.clone()))
        .unwrap_or_else(|| "en".to_owned())
}

/// Map WordPress's status words; `None` for entries that are not content.
fn status_of(item: &WxrItem) -> Result<Status, &'static str> {
    match item.status.as_str() {
        "publish" => Ok(Status::Published),
        "future" => Ok(Status::Scheduled),
        "draft" => Ok(Status::Draft),
        "pending" => Ok(Status::Pending),
        "private" => Ok(Status::Private),
        "trash" => Err("posts in WordPress's trash"),
        "auto-draft" => Err("automatic drafts"),
        "inherit" => Err("revisions"),
        _ => Err("posts with an unknown status"),
    }
}

fn take_item(
    plan: &mut Plan,
    item: WxrItem,
    items: &mut Vec<Facts>,
    attachments: &mut Vec<AttachmentFacts>,
    options: &Options,
) {
    for warning in &item.warnings {
        plan.report
            .warn(format!("item {} `{}`: {warning}", item.id, item.title));
    }
    scan_uploads(&item.content, &mut plan.wanted_uploads);
    let page = match item.post_type.as_str() {
        "post" => false,
        "page" => true,
        "attachment" => {
            // Only what the media row and the body's figures need.
            let url = item
                .attachment_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .unwrap_or(item.guid.trim());
            let alt = item
                .meta
                .iter()
                .find(|(k, _)| k == "_wp_attachment_image_alt")
                .map_or("", |(_, v)| v.trim());
            attachments.push(AttachmentFacts {
                id: item.id,
                parent: item.parent,
                url: url.into(),
                link: item.link.as_str().into(),
                alt: alt.into(),
                caption: item.excerpt.trim().into(),
                title: item.title.trim().into(),
                uploaded_at: item.post_date_gmt.or(item.post_date).unwrap_or(0),
            });
            return;
        }
        other => {
            plan.report.skip(format!(
                "`{other}` entries (menus, templates and other non-content)"
            ));
            return;
        }
    };
    let from_herald = item.meta.iter().any(|(key, _)| key == "_herald_format");
    let status = match status_of(&item) {
        Ok(status) => status,
        Err(_) if from_herald && item.status == "trash" => Status::Trash,
        Err(reason) => {
            plan.report.skip(reason);
            return;
        }
    };
    let protected = !item.password.is_empty();
    let language = item_language(&item, &plan.default_language, options);
    let mut terms = Vec::new();
    let mut group = None;
    for term in &item.terms {
        match term.domain.as_str() {
            "category" => terms.push((Taxonomy::Topic, term.slug.clone(), term.name.clone())),
            "post_tag" => terms.push((Taxonomy::Tag, term.slug.clone(), term.name.clone())),
            "post_translations" => group = Some(term.slug.clone()),
            _ => {}
        }
    }
    let old_slugs = item
        .meta
        .iter()
        .filter(|(key, _)| key == "_wp_old_slug")
        .map(|(_, value)| crate::content::decode_slug(value))
        .collect();
    let keep_title = protected || page || item.slug.trim().is_empty();
    items.push(Facts {
        wp_id: item.id,
        page,
        status: if protected { Status::Private } else { status },
        protected,
        title: if keep_title {
            item.title.into()
        } else {
            Box::default()
        },
        slug: item.slug.into(),
        language: language.into(),
        parent_wp: item.parent,
        link: item.link.into(),
        local_date: item.post_date.or(item.post_date_gmt),
        old_slugs: Vec::into_boxed_slice(old_slugs),
        group: group.map(String::into_boxed_str),
        terms: terms.into_boxed_slice(),
        comment_ids: item.comments.iter().map(|c| c.id).collect(),
        from_herald,
    });
}

/// The item's language: a language taxonomy (Polylang) wins, then `--lang`,
/// then the export's.
pub(crate) fn item_language(item: &WxrItem, default: &str, options: &Options) -> String {
    item.terms
        .iter()
        .filter(|t| t.domain == "language")
        .find_map(|t| normalise_code(&t.slug))
        .or_else(|| options.language.clone())
        .unwrap_or_else(|| default.to_owned())
}

/// Ids an earlier run of the same import gave, by kind and old id.
struct Origins {
    by_key: HashMap<(String, String), i64>,
}

impl Origins {
    fn new(state: &ImportState) -> Self {
        Self {
            by_key: state
                .origins
                .iter()
                .map(|o| ((o.kind.clone(), o.old_id.clone()), o.new_id))
                .collect(),
        }
    }

    fn get(&self, kind: &str, old_id: &str) -> Option<i64> {
        self.by_key
            .get(&(kind.to_owned(), old_id.to_owned()))
            .copied()
    }

    /// The ids of `kind` this import owns.
    fn owned(&self, kind: &str) -> HashSet<i64> {
        self.by_key
            .iter()
            .filter(|((k, _), _)| k == kind)
            .map(|(_, id)| *id)
            .collect()
    }
}

/// Hands out ids: an old id when nobody holds it, else the next free one.
struct Ids {
    taken: HashSet<i64>,
    next: i64,
}

impl Ids {
    fn new(existing: &[i64], owned: &HashSet<i64>, wanted: impl Iterator<Item = i64>) -> Self {
        let taken: HashSet<i64> = existing
            .iter()
            .copied()
            .filter(|id| !owned.contains(id))
            .collect();
        let largest = existing
            .iter()
            .copied()
            .chain(wanted.filter(|id| *id <= MAX_KEPT_ID))
            .max()
            .unwrap_or(0);
        Self {
            taken,
            next: largest.max(0) + 1,
        }
    }

    /// `earlier` (from a previous run) or `wanted` when free, else a new id;
    /// the flag says whether `wanted` had to change.
    fn give(&mut self, earlier: Option<i64>, wanted: i64) -> (i64, bool) {
        if let Some(id) = earlier
            && self.taken.insert(id)
        {
            return (id, id != wanted);
        }
        if (1..=MAX_KEPT_ID).contains(&wanted) && self.taken.insert(wanted) {
            return (wanted, false);
        }
        while !self.taken.insert(self.next) {
            self.next += 1;
        }
        (self.next, true)
    }
}

fn plan_languages(plan: &mut Plan, state: &ImportState, items: &[Facts]) {
    let mut used: BTreeSet<String> = items.iter().map(|i| i.language.to_string()).collect();
    used.insert(plan.default_language.clone());
    for language in &state.languages {
        plan.excerpt_words
            .insert(language.code.clone(), language.excerpt_words);
    }
    let mut position = state
        .languages
        .iter()
        .map(|l| l.position)
        .max()
        .unwrap_or(-1);
    // The default language first, so a new site lists it first.
    let ordered = std::iter::once(plan.default_language.clone())
        .chain(used.into_iter().filter(|c| *c != plan.default_language));
    for code in ordered {
        if plan.excerpt_words.contains_key(&code) {
            continue;
        }
        position += 1;
        let name = if plan.site.title.trim().is_empty() {
            "Herald"
        } else {
            plan.site.title.trim()
        };
        let language = new_language(&code, position, name);
        plan.excerpt_words.insert(code, language.excerpt_words);
        plan.report.count("languages");
        plan.new_languages.push(language);
    }
    if state.settings.is_none() {
        plan.settings = Some(SiteSettings {
            default_language: plan.default_language.clone(),
            time_zone: "UTC".into(),
        });
    }
}

fn plan_users(
    plan: &mut Plan,
    state: &ImportState,
    origins: &Origins,
    authors: &[crate::wxr::WxrAuthor],
) {
    let existing: Vec<i64> = state.users.iter().map(|u| u.id).collect();
    let owned = origins.owned("user");
    let mut ids = Ids::new(&existing, &owned, authors.iter().filter_map(|a| a.id));
    let mut logins: HashSet<String> = state
        .users
        .iter()
        .filter(|u| !owned.contains(&u.id))
        .map(|u| u.login.clone())
        .collect();
    let mut slugs: HashSet<String> = state
        .users
        .iter()
        .filter(|u| !owned.contains(&u.id))
        .map(|u| u.slug.clone())
        .collect();
    for author in authors {
        if plan.user_ids.contains_key(&author.login) {
            continue;
        }
        let earlier = origins.get("user", &author.login);
        if earlier.is_none()
            && let Some(user) = state.users.iter().find(|u| u.login == author.login)
        {
            // A user of this site with the same login: the posts become theirs.
            plan.user_ids.insert(author.login.clone(), user.id);
            if let Some(wp) = author.id {
                plan.author_ids.insert(wp, user.id);
            }
            continue;
        }
        let (id, changed) = ids.give(earlier, author.id.unwrap_or(0));
        if changed && earlier.is_none() && author.id.is_some() {
            plan.report
                .id_changes
                .push(("user", author.id.unwrap_or(0), id));
        }
        let base = {
            let s = slugify(&author.login);
            if s.is_empty() {
                format!("author-{id}")
            } else {
                s
            }
        };
        let login = unique(&login_of(&author.login, &base), &mut logins);
        let slug = unique(&base, &mut slugs);
        let display_name = [
            author.display_name.trim().to_owned(),
            format!("{} {}", author.first_name.trim(), author.last_name.trim())
                .trim()
                .to_owned(),
            author.login.clone(),
        ]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| login.clone());
        plan.user_ids.insert(author.login.clone(), id);
        if let Some(wp) = author.id {
            plan.author_ids.insert(wp, id);
        }
        plan.report.count("users");
        plan.users.push(User {
            id,
            login,
            slug,
            display_name,
            email: author.email.trim().to_owned(),
            role: Role::Author,
            bio: String::new(),
        });
    }
}

/// A Herald login for a WordPress one: kept when Herald accepts it, else
/// its slug with the characters logins cannot hold left out.
fn login_of(wordpress: &str, slug: &str) -> String {
    if herald_core::account::check_login(wordpress).is_ok() {
        return wordpress.to_owned();
    }
    let cleaned: String = slug
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(herald_core::account::MAX_LOGIN_CHARS - 4)
        .collect();
    if cleaned.is_empty() {
        "author".to_owned()
    } else {
        cleaned
    }
}

/// `base`, or `base-2`, `base-3`… the first not in `taken` (which takes it).
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.to_owned()) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap_or_else(|| base.to_owned())
}

/// A WordPress slug as a Herald slug (native script kept).
fn herald_slug(raw: &str, fallback: &str) -> String {
    let slug = slugify(raw);
    if slug.is_empty() {
        let fallback = slugify(fallback);
        if fallback.is_empty() {
            "untitled".to_owned()
        } else {
            fallback
        }
    } else {
        slug
    }
}

/// The value of a term's `wp:termmeta` `key`.
fn term_meta<'t>(term: &'t WxrTerm, key: &str) -> Option<&'t str> {
    term.meta
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn taxonomy_of(wp: &str) -> Option<Taxonomy> {
    match wp {
        "category" => Some(Taxonomy::Topic),
        "post_tag" => Some(Taxonomy::Tag),
        _ => None,
    }
}

fn plan_terms(
    plan: &mut Plan,
    state: &ImportState,
    origins: &Origins,
    terms: &[WxrTerm],
    items: &[Facts],
) {
    // Every (taxonomy, slug) with its declared name, description and parent.
    let mut declared: HashMap<(Taxonomy, String), &WxrTerm> = HashMap::new();
    for term in terms {
        if let Some(taxonomy) = taxonomy_of(&term.taxonomy) {
            declared
                .entry((taxonomy, term.slug.clone()))
                .or_insert(term);
        }
    }
    // Which languages need each term: where items use it, else the default.
    let mut needed: Vec<(Taxonomy, String, String, String)> = Vec::new();
    let mut seen: HashSet<(Taxonomy, String, String)> = HashSet::new();
    let mut used: HashSet<(Taxonomy, String)> = HashSet::new();
    for item in items {
        for (taxonomy, slug, name) in &item.terms {
            used.insert((*taxonomy, slug.clone()));
            need(
                &mut needed,
                &mut seen,
                &declared,
                (*taxonomy, slug, name),
                &item.language,
            );
        }
    }
    for term in terms {
        if let Some(taxonomy) = taxonomy_of(&term.taxonomy)
            && !used.contains(&(taxonomy, term.slug.clone()))
        {
            // A Herald export names the term's language.
            let lang = term_meta(term, "_herald_language")
                .and_then(normalise_code)
                .unwrap_or_else(|| plan.default_language.clone());
            need(
                &mut needed,
                &mut seen,
                &declared,
                (taxonomy, &term.slug, &term.name),
                &lang,
            );
        }
    }
    let existing: Vec<i64> = state.term_ids.clone();
    let owned = origins.owned("term");
    let wanted = terms.iter().filter_map(|t| t.id);
    let mut ids = Ids::new(&existing, &owned, wanted);
    let mut slugs: HashSet<(String, Taxonomy, String)> = state
        .terms
        .iter()
        .filter(|t| !owned.contains(&t.id))
        .map(|t| (t.language.clone(), t.taxonomy, t.slug.clone()))
        .collect();
    let mut first_use: HashSet<(Taxonomy, String)> = HashSet::new();
    let mut planned: Vec<(Term, usize, String)> = Vec::new();
    for (taxonomy, slug, name, lang) in &needed {
        let key = format!("{}:{slug}:{lang}", taxonomy.as_str());
        let earlier = origins.get("term", &key);
        let declared_term = declared.get(&(*taxonomy, slug.clone()));
        // A Herald export keeps the slug it had to change for WordPress.
        let herald = match declared_term.and_then(|t| term_meta(t, "_herald_slug")) {
            Some(own) => herald_slug(own, name),
            None => herald_slug(slug, name),
        };
        if earlier.is_none()
            && let Some(existing) = state
                .terms
                .iter()
                .find(|t| t.language == *lang && t.taxonomy == *taxonomy && t.slug == herald)
        {
            plan.term_ids
                .insert((*taxonomy, slug.clone(), lang.clone()), existing.id);
            continue;
        }
        let wp_id = if first_use.insert((*taxonomy, slug.clone())) {
            declared_term.and_then(|t| t.id).unwrap_or(0)
        } else {
            0
        };
        let (id, changed) = ids.give(earlier, wp_id);
        if changed && earlier.is_none() && wp_id > 0 {
            plan.report.id_changes.push(("term", wp_id, id));
        }
        let slug_here = if earlier.is_some() {
            herald.clone()
        } else {
            let mut taken: HashSet<String> = slugs
                .iter()
                .filter(|(l, t, _)| l == lang && t == taxonomy)
                .map(|(_, _, s)| s.clone())
                .collect();
            let chosen = unique(&herald, &mut taken);
            if chosen != herald {
                plan.report.warn(format!(
                    "{} `{slug}` ({lang}): the slug is taken here, so it is `{chosen}`",
                    taxonomy.as_str()
                ));
            }
            chosen
        };
        slugs.insert((lang.clone(), *taxonomy, slug_here.clone()));
        plan.term_ids
            .insert((*taxonomy, slug.clone(), lang.clone()), id);
        let depth = depth_of(&declared, *taxonomy, slug);
        planned.push((
            Term {
                id,
                language: lang.clone(),
                taxonomy: *taxonomy,
                slug: slug_here,
                name: if name.trim().is_empty() {
                    slug.clone()
                } else {
                    name.trim().to_owned()
                },
                description: declared_term
                    .map(|t| t.description.trim().to_owned())
                    .unwrap_or_default(),
                parent: None,
            },
            depth,
            slug.clone(),
        ));
    }
    // Parents, now that every id is known; loops are cut where found.
    for (term, _, wp_slug) in &mut planned {
        if term.taxonomy != Taxonomy::Topic {
            continue;
        }
        let parent_slug = declared
            .get(&(Taxonomy::Topic, wp_slug.clone()))
            .and_then(|t| t.parent_slug.clone());
        if let Some(parent_slug) = parent_slug {
            term.parent = plan
                .term_ids
                .get(&(Taxonomy::Topic, parent_slug, term.language.clone()))
                .copied()
                .filter(|p| *p != term.id);
        }
    }
    planned.sort_by_key(|(term, depth, _)| (*depth, term.id));
    for (term, ..) in planned {
        plan.report.count(match term.taxonomy {
            Taxonomy::Topic => "topics",
            Taxonomy::Tag => "tags",
        });
        plan.terms.push(term);
    }
}

/// How deep a category sits (0 for a top-level one); loops count as top level.
fn depth_of(
    declared: &HashMap<(Taxonomy, String), &WxrTerm>,
    taxonomy: Taxonomy,
    slug: &str,
) -> usize {
    let mut depth = 0;
    let mut current = slug.to_owned();
    let mut seen = HashSet::new();
    while let Some(parent) = declared
        .get(&(taxonomy, current.clone()))
        .and_then(|t| t.parent_slug.clone())
    {
        if !seen.insert(parent.clone()) || depth > 64 {
            break;
        }
        depth += 1;
        current = parent;
    }
    depth
}

/// Mark `(taxonomy, slug)` as needed in `lang`, with its ancestors.
fn need(
    needed: &mut Vec<(Taxonomy, String, String, String)>,
    seen: &mut HashSet<(Taxonomy, String, String)>,
    declared: &HashMap<(Taxonomy, String), &WxrTerm>,
    (taxonomy, slug, name): (Taxonomy, &str, &str),
    lang: &str,
) {
    let mut current = Some((slug.to_owned(), name.to_owned()));
    let mut guard = 0;
    while let Some((slug, name)) = current.take() {
        if !seen.insert((taxonomy, slug.clone(), lang.to_owned())) || guard > 64 {
            break;
        }
        guard += 1;
        let declared_term = declared.get(&(taxonomy, slug.clone()));
        let name = declared_term.map_or(name, |t| t.name.clone());
        current = declared_term
            .and_then(|t| t.parent_slug.clone())
            .map(|parent| {
                let parent_name = declared
                    .get(&(taxonomy, parent.clone()))
                    .map_or_else(|| parent.clone(), |t| t.name.clone());
                (parent, parent_name)
            });
        needed.push((taxonomy, slug, name, lang.to_owned()));
    }
}

fn plan_posts(plan: &mut Plan, state: &ImportState, origins: &Origins, items: &[Facts]) {
    let owned = origins.owned("post");
    let mut ids = Ids::new(&state.post_ids, &owned, items.iter().map(|i| i.wp_id));
    let mut slugs: HashSet<(String, bool, String)> = state
        .post_slugs
        .iter()
        .filter(|(id, ..)| !owned.contains(id))
        .map(|(_, lang, page, _, slug)| (lang.clone(), *page, slug.clone()))
        .collect();
    let mut next_group = state.max_translation_group;
    let mut group_languages: HashMap<i64, HashSet<String>> = HashMap::new();
    for item in items {
        let earlier = origins.get("post", &item.wp_id.to_string());
        let (id, changed) = ids.give(earlier, item.wp_id);
        if changed && earlier.is_none() {
            plan.report
                .id_changes
                .push((if item.page { "page" } else { "post" }, item.wp_id, id));
        }
        let base = herald_slug(&item.slug, &item.title);
        let key_slug = |s: &str| (item.language.to_string(), item.page, s.to_owned());
        let slug = if slugs.insert(key_slug(&base)) || (item.from_herald && !item.page) {
            base
        } else {
            let chosen = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|candidate| slugs.insert(key_slug(candidate)))
                .unwrap_or_else(|| format!("{base}-{id}"));
            plan.report.warn(format!(
                "{} {} `{}`: the slug `{base}` is used by another one, so it is `{chosen}`",
                if item.page { "page" } else { "post" },
                item.wp_id,
                item.title
            ));
            chosen
        };
        let group = item.group.as_ref().and_then(|name| {
            let group = *plan.groups.entry(name.to_string()).or_insert_with(|| {
                origins.get("group", name).unwrap_or_else(|| {
                    next_group += 1;
                    next_group
                })
            });
            let languages = group_languages.entry(group).or_default();
            if languages.insert(item.language.to_string()) {
                Some(group)
            } else {
                plan.report.warn(format!(
                    "post {}: its translation group already has a post in `{}`; not linked",
                    item.wp_id, item.language
                ));
                None
            }
        });
        if item.protected {
            plan.report.protected.push((id, item.title.to_string()));
        }
        plan.report.count(if item.page { "pages" } else { "posts" });
        plan.posts.insert(
            item.wp_id,
            PlannedPost {
                id,
                language: item.language.to_string(),
                page: item.page,
                slug,
                status: item.status,
                parent: None,
                group,
            },
        );
    }
    plan_parents(plan, items);
}

/// Pages keep their parent page when it is imported too, in the same
/// language; a loop of parents is cut at the page that closes it.
fn plan_parents(plan: &mut Plan, items: &[Facts]) {
    let mut by_id: HashMap<PostId, Option<PostId>> =
        plan.posts.values().map(|p| (p.id, p.parent)).collect();
    for item in items.iter().filter(|i| i.page && i.parent_wp > 0) {
        let parent = match plan.posts.get(&item.parent_wp) {
            Some(p) if p.page && *p.language == *item.language => p.id,
            _ => {
                plan.report.warn(format!(
                    "page {} `{}`: its parent {} is not an imported page of the same language; \
                     it becomes a top-level page",
                    item.wp_id, item.title, item.parent_wp
                ));
                continue;
            }
        };
        // Would this link close a loop?
        let mut current = Some(parent);
        let mut steps = 0;
        let id = plan.posts.get(&item.wp_id).map(|p| p.id);
        let mut loops = false;
        while let Some(p) = current {
            if Some(p) == id || steps > 256 {
                loops = true;
                break;
            }
            current = by_id.get(&p).copied().flatten();
            steps += 1;
        }
        if loops {
            plan.report.warn(format!(
                "page {} `{}`: its parents form a loop; it becomes a top-level page",
                item.wp_id, item.title
            ));
            continue;
        }
        if let Some(planned) = plan.posts.get_mut(&item.wp_id) {
            planned.parent = Some(parent);
            by_id.insert(planned.id, Some(parent));
        }
    }
}

fn plan_comments(plan: &mut Plan, state: &ImportState, origins: &Origins, items: &[Facts]) {
    let owned = origins.owned("comment");
    let wanted = items.iter().flat_map(|i| i.comment_ids.iter().copied());
    let mut ids = Ids::new(&state.comment_ids, &owned, wanted);
    let mut seen = HashSet::new();
    for item in items {
        for wp in item.comment_ids.iter().copied() {
            if !seen.insert(wp) {
                continue;
            }
            let earlier = origins.get("comment", &wp.to_string());
            let (id, changed) = ids.give(earlier, wp);
            if changed && earlier.is_none() {
                plan.report.id_changes.push(("comment", wp, id));
            }
            if id != wp {
                plan.comment_changes.insert(wp, id);
            }
        }
    }
}

impl Plan {
    /// The Herald id of a WordPress comment of an imported post: its own id,
    /// unless that was taken.
    pub fn comment_id(&self, wp: i64) -> CommentId {
        self.comment_changes.get(&wp).copied().unwrap_or(wp)
    }
}

/// A file's type from its name, for the media library.
fn mime_of(url: &str) -> &'static str {
    let name = url.rsplit('/').next().unwrap_or_default();
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        Some("mp3") => "audio/mpeg",
        Some("ogg" | "oga") => "audio/ogg",
        Some("wav") => "audio/wav",
        Some("m4a") => "audio/mp4",
        Some("mp4" | "m4v") => "video/mp4",
        Some("webm") => "video/webm",
        Some("ogv") => "video/ogg",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The path of an uploaded file under `wp-content/uploads/`, when `url` is one.
pub(crate) fn upload_path(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("/wp-content/uploads/")?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .map_or_else(|_| rest.to_owned(), std::borrow::Cow::into_owned);
    let safe = !decoded.is_empty()
        && decoded
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    safe.then_some(decoded)
}

fn plan_media(
    plan: &mut Plan,
    state: &ImportState,
    origins: &Origins,
    attachments: Vec<AttachmentFacts>,
) {
    let owned = origins.owned("media");
    let mut ids = Ids::new(&state.media_ids, &owned, attachments.iter().map(|a| a.id));
    let kept_old = attachments
        .iter()
        .filter(|a| !upload_path(&a.url).is_some_and(|rel| plan.available(&rel)))
        .count();
    if kept_old > 0 {
        plan.report.warn(format!(
            "{kept_old} media files keep their old addresses (not in an --uploads folder, or not \
             fetched): they show only while the old server still serves them"
        ));
    }
    for item in attachments {
        if item.url.is_empty() {
            plan.report.skip("attachments without a file address");
            continue;
        }
        let earlier = origins.get("media", &item.id.to_string());
        let (id, changed) = ids.give(earlier, item.id);
        if changed && earlier.is_none() {
            plan.report.id_changes.push(("media", item.id, id));
        }
        let local_url = upload_path(&item.url)
            .filter(|rel| plan.available(rel))
            .map(|rel| format!("/uploads/{}", encode_path(&rel)).into_boxed_str());
        plan.report.count("media");
        plan.media.insert(
            item.id,
            PlannedMedia {
                id,
                mime: mime_of(&item.url),
                original_url: item.url,
                local_url,
                parent_wp: item.parent,
                link: item.link,
                alt: item.alt,
                caption: item.caption,
                title: item.title,
                uploaded_at: item.uploaded_at,
            },
        );
    }
}

/// Every `wp-content/uploads/` path an item's body links to.
fn scan_uploads(html: &str, wanted: &mut BTreeSet<String>) {
    const MARK: &str = "/wp-content/uploads/";
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let tail = &rest[at + MARK.len()..];
        let end = tail
            .find(['"', '\'', ' ', '<', '>', ')', '\n', '\t', ','])
            .unwrap_or(tail.len());
        if let Some(rel) = upload_path(&format!("{MARK}{}", &tail[..end])) {
            wanted.insert(rel);
        }
        rest = &tail[end..];
    }
}

/// Find a local copy of every wanted upload (attachments' files and the
/// files bodies link to); what is found is copied in after the import.
fn plan_uploads(plan: &mut Plan, attachments: &[AttachmentFacts], locate: &mut Locate<'_>) {
    for item in attachments {
        if let Some(rel) = upload_path(&item.url) {
            plan.wanted_uploads.insert(rel);
        }
    }
    let base = source_of(&plan.site);
    let wanted = std::mem::take(&mut plan.wanted_uploads);
    for rel in &wanted {
        let url = format!("{base}/wp-content/uploads/{}", encode_path(rel));
        if let Some(file) = locate(&url, rel) {
            plan.uploads.push((file, rel.clone()));
        }
    }
    plan.wanted_uploads = wanted;
    plan.uploads.sort_by(|a, b| a.1.cmp(&b.1));
}

impl Plan {
    /// Whether a copy of the upload at `rel` will be served from `/uploads/`.
    pub fn available(&self, rel: &str) -> bool {
        self.uploads
            .binary_search_by(|(_, r)| r.as_str().cmp(rel))
            .is_ok()
    }
}

/// Percent-encode each segment of a relative path.
pub(crate) fn encode_path(rel: &str) -> String {
    rel.split('/')
        .map(herald_core::permalink::encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

fn plan_addresses(
    plan: &mut Plan,
    terms: &[WxrTerm],
    items: Vec<Facts>,
    authors: &[crate::wxr::WxrAuthor],
    options: &Options,
) {
    let mut addresses = Addresses::new(&plan.site, options);
    addresses.know_pages(&plan.posts);
    // Each item's facts are dropped once its addresses are in.
    for item in items {
        if let Some(post) = plan.posts.get(&item.wp_id) {
            let target = addresses.post_target(post);
            addresses.post(
                item.wp_id,
                post,
                &item.link,
                item.local_date,
                &item.slug,
                &target,
            );
            for old in &item.old_slugs {
                addresses.old_slug(post, item.local_date, old, &target);
            }
        }
    }
    for term in terms {
        let Some(taxonomy) = taxonomy_of(&term.taxonomy) else {
            continue;
        };
        // The archive in the default language, or the first language that has it.
        let planned = plan
            .term_ids
            .get(&(taxonomy, term.slug.clone(), plan.default_language.clone()))
            .map(|id| (plan.default_language.clone(), *id))
            .or_else(|| {
                plan.term_ids
                    .iter()
                    .find(|((t, s, _), _)| *t == taxonomy && *s == term.slug)
                    .map(|((_, _, lang), id)| (lang.clone(), *id))
            });
        let Some((lang, id)) = planned else { continue };
        let herald_slug = plan
            .terms
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| term.slug.clone(), |t| t.slug.clone());
        let path = category_path(terms, term);
        addresses.term(taxonomy, term, &path, &lang, &herald_slug);
    }
    for author in authors {
        if let Some(id) = plan.user_ids.get(&author.login) {
            let slug = plan
                .users
                .iter()
                .find(|u| u.id == *id)
                .map_or_else(|| slugify(&author.login), |u| u.slug.clone());
            addresses.author(&author.login, &plan.default_language, &slug);
        }
    }
    for (wp, media) in &plan.media {
        let parent = plan.posts.get(&media.parent_wp);
        let target = match parent {
            Some(post) => addresses.post_target(post),
            None => media.url().to_owned(),
        };
        addresses.attachment(*wp, &media.original_url, media.url(), &target);
        addresses.attachment_page(&media.link, &target);
    }
    for (_, rel) in &plan.uploads {
        addresses.upload(rel, &format!("/uploads/{}", encode_path(rel)));
    }
    addresses.freeze();
    plan.report
        .counts
        .insert("redirects", addresses.len() as u64);
    plan.addresses = addresses;
}

/// The slug path of a category with its ancestors (`parent/child`).
fn category_path(terms: &[WxrTerm], term: &WxrTerm) -> Vec<String> {
    let mut path = vec![term.slug.clone()];
    let mut current = term.parent_slug.clone();
    while let Some(parent) = current {
        if path.contains(&parent) || path.len() > 32 {
            break;
        }
        current = terms
            .iter()
            .find(|t| t.taxonomy == term.taxonomy && t.slug == parent)
            .and_then(|t| t.parent_slug.clone());
        path.insert(0, parent);
    }
    path
}
