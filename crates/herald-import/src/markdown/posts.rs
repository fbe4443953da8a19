//! From files to import steps: each readable file becomes one post or page
//! with its id (kept from an earlier run), a slug unique in its language,
//! topics and tags, a translation group, a parent page, and redirects from
//! its old addresses.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use herald_core::slug::slugify;
use herald_core::{
    BodyFormat, ImportOp, ImportOrigin, ImportState, PAGE_KIND, POST_KIND, Post, Redirect,
    SiteSettings, Status, Taxonomy, Term, TermId, Timestamp, permalink, redirect,
};

use super::Options;
use super::files::{Index, SourceFile};
use super::front_matter::{FrontMatter, split};
use crate::wordpress::{Prepare, Report, new_language, normalise_code};

/// A file read and understood, before ids are given.
struct Entry {
    file: SourceFile,
    front: FrontMatter,
    body_start: usize,
    language: String,
    page: bool,
    slug: String,
    title: String,
    publish_at: Timestamp,
    updated_at: Timestamp,
    status: Status,
    id: i64,
    group: Option<i64>,
    parent: Option<i64>,
}

pub(super) struct Planner<'a> {
    state: &'a ImportState,
    options: &'a Options,
    source: &'a str,
    report: &'a mut Report,
    default_language: String,
    tz: Tz,
    origins: HashMap<(String, String), i64>,
    ops: Vec<ImportOp>,
    new_origins: Vec<ImportOrigin>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(
        state: &'a ImportState,
        options: &'a Options,
        source: &'a str,
        report: &'a mut Report,
    ) -> Self {
        let default_language = options
            .language
            .clone()
            .or_else(|| state.settings.as_ref().map(|s| s.default_language.clone()))
            .unwrap_or_else(|| "en".to_owned());
        let tz = state
            .settings
            .as_ref()
            .and_then(|s| s.time_zone.parse().ok())
            .unwrap_or(Tz::UTC);
        let origins = state
            .origins
            .iter()
            .map(|o| ((o.kind.clone(), o.old_id.clone()), o.new_id))
            .collect();
        Self {
            state,
            options,
            source,
            report,
            default_language,
            tz,
            origins,
            ops: Vec::new(),
            new_origins: Vec::new(),
        }
    }

    fn origin(&mut self, kind: &str, old_id: String, new_id: i64) {
        self.new_origins.push(ImportOrigin {
            source: self.source.to_owned(),
            kind: kind.to_owned(),
            old_id,
            new_id,
        });
    }

    pub(super) fn run(mut self, files: Vec<SourceFile>, prepare: &Prepare) -> Vec<ImportOp> {
        let mut entries: Vec<Entry> = files
            .into_iter()
            .filter_map(|file| self.entry(file))
            .collect();
        self.languages(&entries);
        self.ids(&mut entries);
        self.slugs(&mut entries);
        self.groups(&mut entries);
        self.parents(&mut entries);
        let terms = self.terms(&entries);
        for entry in &entries {
            let post = self.post(entry, &terms, prepare);
            self.report
                .count(if entry.page { "pages" } else { "posts" });
            self.ops.push(ImportOp::Post {
                post: Box::new(post),
                meta: Vec::new(),
            });
        }
        for entry in entries.iter().filter(|e| e.page) {
            self.ops.push(ImportOp::Parent {
                post: entry.id,
                parent: entry.parent,
            });
        }
        self.redirects(&entries);
        let origins = std::mem::take(&mut self.new_origins);
        self.ops.extend(origins.into_iter().map(ImportOp::Origin));
        self.ops
    }

    /// Read one file; `None` (reported) when it cannot be imported.
    fn entry(&mut self, file: SourceFile) -> Option<Entry> {
        match self.understand(file) {
            Ok(entry) => Some(entry),
            Err((rel, reason, why)) => {
                self.report.skip(reason);
                self.report.warn(format!("{rel}: {why}"));
                None
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn understand(&self, file: SourceFile) -> Result<Entry, (String, &'static str, String)> {
        let fail = |reason, why: String| (file.rel.clone(), reason, why);
        if file.index == Index::Section && file.folders.is_empty() {
            return Err(fail(
                "the home page's _index.md (Herald's home lists the latest posts)",
                "the home page's text is not imported".to_owned(),
            ));
        }
        let (front, body) =
            split(&file.text).map_err(|e| fail("files whose front matter does not parse", e))?;
        let body_start = file.text.len() - body.len();
        let language = match (&front.lang, &file.lang_suffix) {
            (Some(lang), _) => normalise_code(lang).ok_or_else(|| {
                fail(
                    "files with an unknown language",
                    format!("`lang: {lang}` is not a language code such as en or fa"),
                )
            })?,
            (None, Some(code)) => code.clone(),
            (None, None) => self.default_language.clone(),
        };
        let date = |field: &Option<String>, name: &str| match field {
            None => Ok(None),
            Some(text) => parse_date(text, self.tz).map(Some).ok_or_else(|| {
                fail(
                    "files with an invalid date",
                    format!(
                        "`{name}: {text}` is not a date such as 2024-03-01 or 2024-03-01T09:30:00Z"
                    ),
                )
            }),
        };
        let publish_at = date(&front.date, "date")?.unwrap_or(self.options.now);
        let updated_at = date(&front.updated, "lastmod")?
            .unwrap_or(publish_at)
            .max(publish_at);
        let page = file.index == Index::Section
            || front.page
            || file.folders.first().is_some_and(|f| f == "pages");
        let named = match file.index {
            Index::None => file.stem.clone(),
            Index::Leaf | Index::Section => file.folders.last().cloned().unwrap_or_default(),
        };
        let title = front
            .title
            .clone()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| named.replace(['-', '_'], " "));
        let slug = [front.slug.as_deref().unwrap_or_default(), &named, &title]
            .into_iter()
            .map(slugify)
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "untitled".to_owned());
        let status = if front.draft {
            Status::Draft
        } else if publish_at > self.options.now {
            Status::Scheduled
        } else {
            Status::Published
        };
        Ok(Entry {
            file,
            front,
            body_start,
            language,
            page,
            slug,
            title,
            publish_at,
            updated_at,
            status,
            id: 0,
            group: None,
            parent: None,
        })
    }

    /// Settings when the site has none; languages it lacks.
    fn languages(&mut self, entries: &[Entry]) {
        if self.state.settings.is_none() {
            self.ops.push(ImportOp::Settings(SiteSettings {
                default_language: self.default_language.clone(),
                time_zone: "UTC".into(),
            }));
        }
        let mut position = self.state.languages.iter().map(|l| l.position).max();
        let known: HashSet<&str> = self
            .state
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let mut wanted = vec![self.default_language.clone()];
        wanted.extend(entries.iter().map(|e| e.language.clone()));
        let mut added = HashSet::new();
        let site_name = self
            .state
            .languages
            .first()
            .map_or("Herald", |l| l.site_name.as_str())
            .to_owned();
        for code in wanted {
            if known.contains(code.as_str()) || !added.insert(code.clone()) {
                continue;
            }
            let next = position.map_or(0, |p| p + 1);
            position = Some(next);
            self.report.count("languages");
            self.ops
                .push(ImportOp::Language(new_language(&code, next, &site_name)));
        }
    }

    /// Ids: an earlier run's for the same file, else after the largest in use.
    fn ids(&mut self, entries: &mut [Entry]) {
        let mut next = self.state.post_ids.iter().copied().max().unwrap_or(0);
        for entry in entries.iter_mut() {
            let key = ("post".to_owned(), entry.file.rel.clone());
            entry.id = match self.origins.get(&key) {
                Some(id) => *id,
                None => {
                    next += 1;
                    next
                }
            };
            self.origin("post", entry.file.rel.clone(), entry.id);
        }
    }

    /// Slugs unique per language and kind: the oldest file keeps a slug,
    /// a later one with the same gets `-2`, `-3`… and is reported.
    fn slugs(&mut self, entries: &mut [Entry]) {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&n| entries[n].publish_at);
        let ours: HashSet<i64> = entries.iter().map(|e| e.id).collect();
        let mut taken: HashMap<(String, bool, String), String> = self
            .state
            .post_slugs
            .iter()
            .filter(|(id, ..)| !ours.contains(id))
            .map(|(id, lang, page, _, slug)| {
                ((lang.clone(), *page, slug.clone()), format!("post {id}"))
            })
            .collect();
        for n in order {
            let entry = &mut entries[n];
            let key = |s: &str| (entry.language.clone(), entry.page, s.to_owned());
            if let Some(holder) = taken.get(&key(&entry.slug)).cloned() {
                let chosen = (2..)
                    .map(|n| format!("{}-{n}", entry.slug))
                    .find(|s| !taken.contains_key(&key(s)))
                    .unwrap_or_else(|| format!("{}-{}", entry.slug, entry.id));
                self.report.warn(format!(
                    "{}: the slug `{}` is already used by {holder}, so it is `{chosen}`",
                    entry.file.rel, entry.slug
                ));
                entry.slug = chosen;
            }
            taken.insert(key(&entry.slug), entry.file.rel.clone());
        }
    }

    /// Files sharing a `translationKey`, or the same name in other
    /// languages (`post.md`, `post.fa.md`), are translations.
    fn groups(&mut self, entries: &mut [Entry]) {
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (n, entry) in entries.iter().enumerate() {
            let key = entry.front.translation_key.clone().unwrap_or_else(|| {
                let mut parts = entry.file.folders.clone();
                parts.push(entry.file.stem.clone());
                parts.join("/")
            });
            members.entry(key).or_default().push(n);
        }
        let mut next = self.state.max_translation_group;
        for (key, group) in members {
            if group.len() < 2 {
                continue;
            }
            let id = match self.origins.get(&("group".to_owned(), key.clone())) {
                Some(id) => *id,
                None => {
                    next += 1;
                    next
                }
            };
            let mut languages = HashSet::new();
            for n in group {
                let entry = &mut entries[n];
                if languages.insert(entry.language.clone()) {
                    entry.group = Some(id);
                } else {
                    self.report.warn(format!(
                        "{}: its translation group already has a file in `{}`; not linked",
                        entry.file.rel, entry.language
                    ));
                }
            }
            if languages.len() > 1 {
                self.origin("group", key, id);
            }
        }
    }

    /// A page's parent is the page of the folder it sits in, in its language.
    fn parents(&mut self, entries: &mut [Entry]) {
        let own_key = |e: &Entry| match e.file.index {
            Index::None => [e.file.folders.clone(), vec![e.file.stem.clone()]].concat(),
            _ => e.file.folders.clone(),
        };
        let by_key: HashMap<(String, Vec<String>), i64> = entries
            .iter()
            .filter(|e| e.page)
            .map(|e| ((e.language.clone(), own_key(e)), e.id))
            .collect();
        for entry in entries.iter_mut().filter(|e| e.page) {
            let mut folder = own_key(entry);
            folder.pop();
            entry.parent = by_key
                .get(&(entry.language.clone(), folder))
                .copied()
                .filter(|p| *p != entry.id);
        }
    }

    /// Topic and tag ids by (taxonomy, language, name as written); new
    /// terms are queued.
    fn terms(&mut self, entries: &[Entry]) -> HashMap<(Taxonomy, String, String), TermId> {
        let mut next = self.state.term_ids.iter().copied().max().unwrap_or(0);
        let mut ids = HashMap::new();
        let mut by_slug: HashMap<(Taxonomy, String, String), TermId> = HashMap::new();
        for entry in entries {
            let named = [
                (Taxonomy::Topic, &entry.front.topics),
                (Taxonomy::Tag, &entry.front.tags),
            ];
            for (taxonomy, names) in named {
                for name in names {
                    let name = name.trim();
                    let slug = slugify(name);
                    if slug.is_empty() {
                        continue;
                    }
                    let slug_key = (taxonomy, entry.language.clone(), slug.clone());
                    let id = match by_slug.get(&slug_key) {
                        Some(id) => *id,
                        None => {
                            let id =
                                self.term_id(taxonomy, &entry.language, &slug, name, &mut next);
                            by_slug.insert(slug_key, id);
                            id
                        }
                    };
                    ids.insert((taxonomy, entry.language.clone(), name.to_owned()), id);
                }
            }
        }
        ids
    }

    fn term_id(
        &mut self,
        taxonomy: Taxonomy,
        lang: &str,
        slug: &str,
        name: &str,
        next: &mut i64,
    ) -> TermId {
        let old_id = format!("{}:{slug}:{lang}", taxonomy.as_str());
        let earlier = self
            .origins
            .get(&("term".to_owned(), old_id.clone()))
            .copied();
        if earlier.is_none()
            && let Some(existing) = self
                .state
                .terms
                .iter()
                .find(|t| t.language == lang && t.taxonomy == taxonomy && t.slug == slug)
        {
            return existing.id;
        }
        let id = earlier.unwrap_or_else(|| {
            *next += 1;
            *next
        });
        self.report.count(match taxonomy {
            Taxonomy::Topic => "topics",
            Taxonomy::Tag => "tags",
        });
        self.ops.push(ImportOp::Term(Term {
            id,
            language: lang.to_owned(),
            taxonomy,
            slug: slug.to_owned(),
            name: name.to_owned(),
            description: String::new(),
            parent: None,
        }));
        self.origin("term", old_id, id);
        id
    }

    fn post(
        &self,
        entry: &Entry,
        terms: &HashMap<(Taxonomy, String, String), TermId>,
        prepare: &Prepare,
    ) -> Post {
        let mut term_ids: Vec<TermId> = [
            (Taxonomy::Topic, &entry.front.topics),
            (Taxonomy::Tag, &entry.front.tags),
        ]
        .into_iter()
        .flat_map(|(taxonomy, names)| {
            names.iter().filter_map(move |name| {
                terms
                    .get(&(taxonomy, entry.language.clone(), name.trim().to_owned()))
                    .copied()
            })
        })
        .collect();
        term_ids.sort_unstable();
        term_ids.dedup();
        let mut post = Post {
            id: entry.id,
            kind: if entry.page { PAGE_KIND } else { POST_KIND }.to_owned(),
            language: entry.language.clone(),
            status: entry.status,
            title: entry.title.clone(),
            slug: entry.slug.clone(),
            body: entry.file.text[entry.body_start..].trim().to_owned(),
            format: BodyFormat::Markdown,
            excerpt: entry
                .front
                .summary
                .clone()
                .unwrap_or_default()
                .trim()
                .to_owned(),
            author: None,
            parent: None,
            publish_at: entry.publish_at,
            updated_at: entry.updated_at,
            sticky: false,
            comments_open: true,
            featured_image: None,
            featured_alt: String::new(),
            terms: term_ids,
            translation_group: entry.group,
            body_html: String::new(),
            excerpt_text: String::new(),
        };
        let words = self
            .state
            .languages
            .iter()
            .find(|l| l.code == entry.language)
            .map_or(55, |l| l.excerpt_words);
        prepare(&mut post, words);
        post
    }

    /// Each file's old addresses → its new permalink.
    fn redirects(&mut self, entries: &[Entry]) {
        let by_id: HashMap<i64, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
        let mut seen = HashSet::new();
        // When two files had the same address, the older one keeps it.
        let mut ordered: Vec<&Entry> = entries.iter().collect();
        ordered.sort_by_key(|e| e.publish_at);
        for entry in ordered {
            let target = if entry.page {
                let mut path = vec![entry.slug.as_str()];
                let mut current = entry.parent;
                while let Some(parent) = current.and_then(|id| by_id.get(&id)) {
                    if path.len() > 32 {
                        break;
                    }
                    path.insert(0, parent.slug.as_str());
                    current = parent.parent;
                }
                permalink::page(&entry.language, &path)
            } else {
                permalink::post(&entry.language, entry.id)
            };
            let canonical = redirect::normalise(&target);
            for old in self.old_addresses(entry) {
                let Some(from) = redirect::normalise(&old) else {
                    continue;
                };
                if Some(&from) == canonical.as_ref() || !seen.insert(from.clone()) {
                    continue;
                }
                self.report.count("redirects");
                self.ops.push(ImportOp::Redirect(Redirect {
                    from,
                    to: target.clone(),
                }));
            }
        }
    }

    /// Where the file was on the old site: `/{folders}/{slug}/` (with
    /// `/{lang}` in front for another language than the default), Hugo's
    /// `url`, and each alias (relative ones below the file's folder).
    fn old_addresses(&self, entry: &Entry) -> Vec<String> {
        let file = &entry.file;
        let mut folders = file.folders.clone();
        if matches!(file.index, Index::Leaf | Index::Section) {
            folders.pop();
        }
        let prefix = if entry.language == self.default_language {
            String::new()
        } else {
            format!("/{}", entry.language)
        };
        let folder_path: String = folders.iter().map(|f| format!("/{f}")).collect();
        let last = match (&file.index, &entry.front.slug) {
            (Index::Section, _) => file.folders.last().cloned().unwrap_or_default(),
            (_, Some(slug)) => slug.clone(),
            (Index::Leaf, None) => file.folders.last().cloned().unwrap_or_default(),
            (Index::None, None) => file.stem.clone(),
        };
        let mut out = vec![format!("{prefix}{folder_path}/{last}/")];
        for alias in &entry.front.aliases {
            let alias = alias.trim();
            if alias.starts_with('/')
                || alias.starts_with("http://")
                || alias.starts_with("https://")
            {
                out.push(alias.to_owned());
            } else if !alias.is_empty() {
                out.push(format!("{prefix}{folder_path}/{alias}"));
            }
        }
        out
    }
}

/// A front-matter date: RFC 3339, or a local date and time (in the site's
/// time zone) such as `2024-03-01`, `2024-03-01 09:30` or `2024-03-01T09:30:00`.
pub(super) fn parse_date(text: &str, tz: Tz) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.timestamp());
    }
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
        return Some(at.timestamp());
    }
    let local = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|at| at.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_usual_shape() {
        assert_eq!(parse_date("1970-01-02", Tz::UTC), Some(86_400));
        assert_eq!(parse_date("1970-01-01T01:00:00Z", Tz::UTC), Some(3600));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00", Tz::UTC), Some(0));
        assert_eq!(parse_date("1970-01-01 03:30", Tz::Asia__Tehran), Some(0));
        assert_eq!(parse_date("2024-02-30", Tz::UTC), None);
        assert_eq!(parse_date("yesterday", Tz::UTC), None);
    }
}
