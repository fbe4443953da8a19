//! Topics and tags named in front matter, per language: an existing term
//! with the same slug is reused, an earlier run's term keeps its id.

use std::collections::HashMap;

use herald_core::slug::slugify;
use herald_core::{ImportOp, Taxonomy, Term, TermId};

use super::{Entry, Planner};

impl Planner<'_> {
    /// Topic and tag ids by (taxonomy, language, name as written); new
    /// terms are queued.
    pub(super) fn terms(
        &mut self,
        entries: &[Entry],
    ) -> HashMap<(Taxonomy, String, String), TermId> {
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
}
