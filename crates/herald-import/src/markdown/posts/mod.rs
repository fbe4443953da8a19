//! From files to import steps: each readable file becomes one post or page
//! with its id (kept from an earlier run), a slug unique in its language,
//! topics and tags, a translation group, a parent page, and redirects from
//! its old addresses.

mod addresses;
mod dates;
mod terms;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono_tz::Tz;
use herald_core::slug::slugify;
use herald_core::{
    BodyFormat, ImportOp, ImportOrigin, ImportState, PAGE_KIND, POST_KIND, Post, SiteSettings,
    Status, Taxonomy, TermId, Timestamp,
};

use super::Options;
use super::files::{Index, SourceFile};
use super::front_matter::{FrontMatter, split};
use crate::wordpress::{Prepare, Report, new_language, normalise_code};
use dates::parse_date;

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
        // Without a date: when the file last changed, so a second run
        // finds the same time.
        let publish_at = date(&front.date, "date")?
            .or(file.modified)
            .unwrap_or(self.options.now);
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
}
