//! Old addresses of each file, redirecting to its new permalink.

use std::collections::{HashMap, HashSet};

use herald_core::{ImportOp, Redirect, permalink, redirect};

use super::super::files::Index;
use super::{Entry, Planner};

impl Planner<'_> {
    /// Each file's old addresses → its new permalink.
    pub(super) fn redirects(&mut self, entries: &[Entry]) {
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
