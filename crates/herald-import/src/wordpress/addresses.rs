//! Every address the old WordPress site answered, mapped to Herald's page for
//! the same thing: the permalink the export records for each post, the
//! forms WordPress also accepts (`?p=`, `?page_id=`, date and slug
//! permalinks, `/archives/{id}`, old slugs), category, tag and author
//! archives, attachment pages and uploaded files. Suffixes (`/page/2/`,
//! `/feed/`, `/amp/`) are not stored: the lookup peels them off (see
//! [`herald_core::redirect`]).

use std::collections::HashMap;

use herald_core::redirect::{candidates, normalise};
use herald_core::{PostId, Redirect, Taxonomy, Timestamp, permalink};

use super::Options;
use super::plan::PlannedPost;
use crate::wxr::{SiteInfo, WxrTerm};

/// A piece of one of the text arenas: start and length in bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Span(u32, u32);

impl Span {
    /// Append `text` to `arena`; its span.
    fn push(arena: &mut String, text: &str) -> Self {
        let start = u32::try_from(arena.len()).unwrap_or(u32::MAX);
        arena.push_str(text);
        Self(start, u32::try_from(text.len()).unwrap_or(0))
    }

    fn of(self, arena: &str) -> &str {
        let start = self.0 as usize;
        arena
            .get(start..start + self.1 as usize)
            .unwrap_or_default()
    }
}

/// How sure a mapping is: what the export says beats what WordPress would
/// also have accepted.
const RECORDED: u8 = 2;
const ACCEPTED: u8 = 1;

/// Old addresses (normalised) and where each leads, kept compact: an import
/// of a million posts records several million. While planning, entries are
/// appended; [`Addresses::freeze`] sorts them once (the surest kept per
/// address) for binary search, and the targets are stored once each.
#[derive(Debug, Default)]
pub struct Addresses {
    /// `(old address, target index, priority)`, the address a span of
    /// `keys`; sorted by address once frozen.
    entries: Vec<(Span, u32, u8)>,
    /// Every old address, one after the other.
    keys: String,
    /// Every target, as spans of `target_text`.
    targets: Vec<Span>,
    target_text: String,
    frozen: bool,
    /// Path prefixes the old site lived under: `""`, `/blog`, `/en`…
    prefixes: Vec<String>,
    category_base: String,
    tag_base: String,
    /// Each imported page's slug and parent, to build page paths.
    pages: HashMap<PostId, (String, Option<PostId>)>,
}

impl Addresses {
    pub fn new(site: &SiteInfo, options: &Options) -> Self {
        let mut prefixes = vec![String::new()];
        let bases = [&site.base_site_url, &site.base_blog_url, &site.link];
        for url in bases.into_iter().chain(options.old_urls.iter()) {
            if let Some(path) = normalise(url).filter(|p| p != "/") {
                let path = path.split('?').next().unwrap_or_default().to_owned();
                if !prefixes.contains(&path) {
                    prefixes.push(path);
                }
            }
        }
        Self {
            entries: Vec::new(),
            keys: String::new(),
            targets: Vec::new(),
            target_text: String::new(),
            frozen: false,
            prefixes,
            category_base: base_segment(&options.category_base, "category"),
            tag_base: base_segment(&options.tag_base, "tag"),
            pages: HashMap::new(),
        }
    }

    /// Remember every imported page's slug and parent, for page paths.
    pub fn know_pages(&mut self, posts: &HashMap<i64, PlannedPost>) {
        self.pages = posts
            .values()
            .filter(|p| p.page)
            .map(|p| (p.id, (p.slug.clone(), p.parent)))
            .collect();
    }

    /// Herald's address of a planned post or page.
    pub fn post_target(&self, post: &PlannedPost) -> String {
        if !post.page {
            return permalink::post(&post.language, post.id);
        }
        let mut path = vec![post.slug.clone()];
        let mut current = post.parent;
        while let Some(id) = current {
            let Some((slug, parent)) = self.pages.get(&id) else {
                break;
            };
            if path.len() > 64 {
                break;
            }
            path.insert(0, slug.clone());
            current = *parent;
        }
        permalink::page(&post.language, &path)
    }

    fn add(&mut self, from: &str, to: &str, priority: u8) {
        let Some(from) = normalise(from) else { return };
        if from == "/" {
            return;
        }
        let same = self
            .targets
            .last()
            .is_some_and(|last| last.of(&self.target_text) == to);
        if !same {
            let span = Span::push(&mut self.target_text, to);
            self.targets.push(span);
        }
        let target = u32::try_from(self.targets.len() - 1).unwrap_or(u32::MAX);
        let key = Span::push(&mut self.keys, &from);
        self.entries.push((key, target, priority));
        self.frozen = false;
    }

    /// Sort the addresses for lookups, keeping for each the surest target
    /// (the first recorded among equals).
    pub fn freeze(&mut self) {
        let keys = &self.keys;
        // Stable: among equal addresses and priorities, the first added stays first.
        self.entries
            .sort_by(|a, b| a.0.of(keys).cmp(b.0.of(keys)).then(b.2.cmp(&a.2)));
        self.entries
            .dedup_by(|later, kept| later.0.of(keys) == kept.0.of(keys));
        self.entries.shrink_to_fit();
        self.targets.shrink_to_fit();
        self.frozen = true;
    }

    fn target_of(&self, from: &str) -> Option<&str> {
        if self.frozen {
            let at = self
                .entries
                .binary_search_by(|(key, ..)| key.of(&self.keys).cmp(from))
                .ok()?;
            self.entries.get(at).map(|(_, t, _)| self.target(*t))
        } else {
            self.entries
                .iter()
                .filter(|(key, ..)| key.of(&self.keys) == from)
                .max_by_key(|(.., p)| *p)
                .map(|(_, t, _)| self.target(*t))
        }
    }

    fn target(&self, index: u32) -> &str {
        self.targets
            .get(index as usize)
            .map_or("/", |t| t.of(&self.target_text))
    }

    fn add_everywhere(&mut self, path: &str, to: &str, priority: u8) {
        for prefix in self.prefixes.clone() {
            self.add(&format!("{prefix}{path}"), to, priority);
        }
    }

    /// A post or page: its recorded permalink and the other forms.
    pub fn post(
        &mut self,
        wp_id: i64,
        post: &PlannedPost,
        link: &str,
        local_date: Option<Timestamp>,
        old_slug: &str,
        to: &str,
    ) {
        if !link.trim().is_empty() {
            self.add(link, to, RECORDED);
        }
        self.add_everywhere(&format!("/?p={wp_id}"), to, RECORDED);
        if post.page {
            self.add_everywhere(&format!("/?page_id={wp_id}"), to, RECORDED);
        } else {
            self.add_everywhere(&format!("/archives/{wp_id}"), to, ACCEPTED);
        }
        let slug = if old_slug.trim().is_empty() {
            &post.slug
        } else {
            old_slug
        };
        self.slug_forms(post, local_date, slug, to);
    }

    /// A slug the post had before (WordPress's `_wp_old_slug`).
    pub fn old_slug(
        &mut self,
        post: &PlannedPost,
        local_date: Option<Timestamp>,
        slug: &str,
        to: &str,
    ) {
        self.slug_forms(post, local_date, slug, to);
    }

    fn slug_forms(
        &mut self,
        post: &PlannedPost,
        local_date: Option<Timestamp>,
        slug: &str,
        to: &str,
    ) {
        if slug.trim().is_empty() {
            return;
        }
        self.add_everywhere(&format!("/{slug}"), to, ACCEPTED);
        if !post.page
            && let Some(at) = local_date
        {
            let (y, m, d) = civil_date(at);
            self.add_everywhere(&format!("/{y:04}/{m:02}/{d:02}/{slug}"), to, ACCEPTED);
            self.add_everywhere(&format!("/{y:04}/{m:02}/{slug}"), to, ACCEPTED);
        }
    }

    /// A category or tag archive; `path` is the category with its ancestors.
    pub fn term(
        &mut self,
        taxonomy: Taxonomy,
        term: &WxrTerm,
        path: &[String],
        lang: &str,
        herald_slug: &str,
    ) {
        let to = match taxonomy {
            Taxonomy::Topic => permalink::topic(lang, herald_slug, 1),
            Taxonomy::Tag => permalink::tag(lang, herald_slug, 1),
        };
        match taxonomy {
            Taxonomy::Topic => {
                let base = self.category_base.clone();
                self.add_everywhere(&format!("/{base}/{}", path.join("/")), &to, RECORDED);
                self.add_everywhere(&format!("/{base}/{}", term.slug), &to, ACCEPTED);
                self.add_everywhere(&format!("/?category_name={}", term.slug), &to, RECORDED);
                if let Some(id) = term.id {
                    self.add_everywhere(&format!("/?cat={id}"), &to, RECORDED);
                }
            }
            Taxonomy::Tag => {
                let base = self.tag_base.clone();
                self.add_everywhere(&format!("/{base}/{}", term.slug), &to, RECORDED);
                self.add_everywhere(&format!("/?tag={}", term.slug), &to, RECORDED);
            }
        }
    }

    /// An author archive (WordPress's `/author/{nicename}/`).
    pub fn author(&mut self, login: &str, lang: &str, slug: &str) {
        let to = permalink::author(lang, slug, 1);
        let nicename = herald_core::slug::slugify(login);
        self.add_everywhere(&format!("/author/{nicename}"), &to, RECORDED);
        self.add_everywhere(&format!("/author/{login}"), &to, ACCEPTED);
    }

    /// An attachment: its page leads to the post it belongs to (or the
    /// file); the old file address to the copied file.
    pub fn attachment(&mut self, wp_id: i64, original_url: &str, url: &str, page_target: &str) {
        self.add_everywhere(&format!("/?attachment_id={wp_id}"), page_target, RECORDED);
        self.add_everywhere(&format!("/?p={wp_id}"), page_target, ACCEPTED);
        if url != original_url {
            self.add(original_url, url, RECORDED);
        }
    }

    /// An attachment page's recorded address.
    pub fn attachment_page(&mut self, link: &str, page_target: &str) {
        if !link.trim().is_empty() {
            self.add(link, page_target, RECORDED);
        }
    }

    /// A copied upload: its old address under `wp-content/uploads/`.
    pub fn upload(&mut self, rel: &str, url: &str) {
        self.add_everywhere(&format!("/wp-content/uploads/{rel}"), url, RECORDED);
    }

    /// How many addresses are known (after [`Addresses::freeze`]).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none are known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where an old address (a path with its query, or a whole URL) leads,
    /// suffixes included.
    pub fn resolve(&self, old: &str) -> Option<String> {
        let normalised = normalise(old)?;
        candidates(&normalised)
            .into_iter()
            .find_map(|(candidate, suffix)| {
                self.target_of(&candidate)
                    .map(|target| suffix.apply(target))
            })
    }

    /// The `index`th redirect in address order (once frozen).
    pub fn redirect(&self, index: usize) -> Option<Redirect> {
        self.entries.get(index).map(|(from, target, _)| Redirect {
            from: from.of(&self.keys).to_owned(),
            to: self.target(*target).to_owned(),
        })
    }
}

/// A permalink base as a path segment (`/topics/` becomes `topics`).
fn base_segment(raw: &str, default: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        default.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The Gregorian date of a time (UTC seconds as WordPress's local time).
fn civil_date(at: Timestamp) -> (i64, u32, u32) {
    let days = at.div_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(1_551_700_800), (2019, 3, 4));
        assert_eq!(civil_date(951_782_400), (2000, 2, 29));
    }

    #[test]
    fn bases_are_segments() {
        assert_eq!(base_segment("/topics/", "category"), "topics");
        assert_eq!(base_segment("", "category"), "category");
    }
}
