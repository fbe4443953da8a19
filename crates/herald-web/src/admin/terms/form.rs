//! The topic and tag form: what was typed, how it is checked, and how it is
//! shown (empty on the list page, filled on the edit page, and again with a
//! message at each wrong field when a save is refused).

use herald_core::slug::{MAX_SLUG_BYTES, slugify};
use herald_core::{Language, Store, StoreError, Taxonomy, Term, TermId};

use super::tree::{topic_tree, with_descendants};
use super::{Text, escape};
use crate::admin::guard::{Fields, field};

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// The form's fields exactly as typed.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub name: String,
    pub slug: String,
    pub description: String,
    /// Only a new term's form has a language field.
    pub language: String,
    /// A topic id, or "" for none.
    pub parent: String,
}

impl Input {
    pub fn from_term(term: &Term) -> Self {
        Self {
            name: term.name.clone(),
            slug: term.slug.clone(),
            description: term.description.clone(),
            language: term.language.clone(),
            parent: term.parent.map(|id| id.to_string()).unwrap_or_default(),
        }
    }

    pub fn from_form(fields: &Fields) -> Self {
        Self {
            name: field(fields, "name").to_owned(),
            slug: field(fields, "slug").to_owned(),
            description: field(fields, "description").to_owned(),
            language: field(fields, "language").to_owned(),
            parent: field(fields, "parent").to_owned(),
        }
    }
}

/// Messages per field name.
pub type Problems = Vec<(&'static str, String)>;

/// What a form is checked against.
pub struct Check<'a> {
    pub text: &'static Text,
    pub taxonomy: Taxonomy,
    /// The term being changed; `None` for a new one.
    pub existing: Option<&'a Term>,
    pub languages: &'a [Language],
}

impl Check<'_> {
    /// The term to save, or what is wrong with `input`.
    ///
    /// # Errors
    /// The store failed while looking up topics or slugs.
    pub async fn term(
        &self,
        store: &dyn Store,
        input: &Input,
    ) -> Result<Result<Term, Problems>, StoreError> {
        let t = &self.text.terms;
        let mut problems = Problems::new();
        let name = input.name.trim();
        if name.is_empty() {
            problems.push(("name", t.name_required.into()));
        } else if name.chars().count() > MAX_NAME_CHARS {
            let max = MAX_NAME_CHARS.to_string();
            problems.push(("name", t.name_too_long.replace("{max}", &max)));
        }
        let slug = self.slug(input, &mut problems);
        let description = input.description.trim();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            let max = MAX_DESCRIPTION_CHARS.to_string();
            let message = t.description_too_long.replace("{max}", &max);
            problems.push(("description", message));
        }
        let language = match self.existing {
            Some(term) => term.language.clone(),
            None => input.language.trim().to_owned(),
        };
        let mut parent = None;
        if self.languages.iter().any(|l| l.code == language) {
            if self.taxonomy == Taxonomy::Topic {
                parent = self.parent(store, &language, input, &mut problems).await?;
            }
            if !slug.is_empty() && !problems.iter().any(|(f, _)| *f == "slug") {
                let taken = store.term_by_slug(&language, self.taxonomy, &slug).await?;
                let own = self.existing.map(|t| t.id);
                if taken.is_some_and(|other| Some(other.id) != own) {
                    problems.push(("slug", t.slug_taken.into()));
                }
            }
        } else {
            problems.push(("language", t.bad_language.into()));
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        Ok(Ok(Term {
            id: self.existing.map_or(0, |t| t.id),
            language,
            taxonomy: self.taxonomy,
            slug,
            name: name.to_owned(),
            description: description.to_owned(),
            parent,
        }))
    }

    /// The slug typed, or one made from the name; "" with a problem.
    fn slug(&self, input: &Input, problems: &mut Problems) -> String {
        let t = &self.text.terms;
        let typed = input.slug.trim();
        let name = input.name.trim();
        if typed.is_empty() {
            let made = slugify(name);
            if made.is_empty() && !name.is_empty() {
                problems.push(("slug", t.slug_from_name.into()));
            }
            made
        } else if typed.len() > MAX_SLUG_BYTES {
            let max = MAX_SLUG_BYTES.to_string();
            problems.push(("slug", t.slug_too_long.replace("{max}", &max)));
            String::new()
        } else if slugify(typed) != typed {
            problems.push(("slug", t.slug_invalid.into()));
            String::new()
        } else {
            typed.to_owned()
        }
    }

    /// The chosen parent: a topic of `language` that is not the topic itself
    /// nor below it.
    async fn parent(
        &self,
        store: &dyn Store,
        language: &str,
        input: &Input,
        problems: &mut Problems,
    ) -> Result<Option<TermId>, StoreError> {
        let t = &self.text.terms;
        let typed = input.parent.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let topics = store.topics(language).await?;
        let Some(id) = typed
            .parse::<TermId>()
            .ok()
            .filter(|id| topics.iter().any(|t| t.id == *id))
        else {
            problems.push(("parent", t.unknown_parent.into()));
            return Ok(None);
        };
        if let Some(term) = self.existing
            && with_descendants(&topics, term.id).contains(&id)
        {
            problems.push(("parent", t.parent_loop.into()));
            return Ok(None);
        }
        Ok(Some(id))
    }
}

/// A form on the page: the fields, filled with `input`, and messages.
pub struct FormView<'a> {
    pub text: &'static Text,
    pub taxonomy: Taxonomy,
    pub input: &'a Input,
    pub problems: &'a Problems,
    /// Where the form posts (with the query).
    pub action: String,
    pub csrf: &'a str,
    /// The language select of a new term's form; `None` on an edit form.
    pub languages: Option<&'a [Language]>,
    /// The topics a topic may sit in (ignored for tags).
    pub parents: &'a [Term],
    /// The topic being edited: it and its descendants are no parent choice.
    pub editing: Option<TermId>,
    pub submit: &'static str,
}

impl FormView<'_> {
    fn errors(&self, name: &str) -> String {
        let messages: Vec<String> = self
            .problems
            .iter()
            .filter(|(f, _)| *f == name)
            .map(|(_, m)| escape(m))
            .collect();
        if messages.is_empty() {
            return String::new();
        }
        format!(
            " <span class=\"admin-field-error\" id=\"{name}-error\">{}</span>",
            messages.join(" ")
        )
    }

    /// `aria-invalid` and the link to the message of a field with problems.
    fn invalid(&self, name: &str) -> String {
        if self.problems.iter().any(|(f, _)| *f == name) {
            format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
        } else {
            String::new()
        }
    }

    pub fn render(&self) -> String {
        let t = &self.text.terms;
        let input = self.input;
        format!(
            "<form method=\"post\" action=\"{action}\" class=\"admin-term-form\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <p><label for=\"name\">{name_label}</label> <input id=\"name\" name=\"name\" \
             value=\"{name}\" maxlength=\"{max_name}\" required dir=\"auto\"{name_invalid}>{name_errors}</p>\
             <p><label for=\"slug\">{slug_label}</label> <input id=\"slug\" name=\"slug\" \
             value=\"{slug}\" dir=\"auto\"{slug_invalid}> <small>{slug_hint}</small>{slug_errors}</p>\
             <p><label for=\"description\">{description_label}</label> <textarea id=\"description\" \
             name=\"description\" rows=\"3\" dir=\"auto\"{description_invalid}>\n{description}</textarea>\
             {description_errors}</p>{language}{parent}\
             <p><button type=\"submit\">{submit}</button></p></form>",
            action = escape(&self.action),
            csrf = escape(self.csrf),
            name_label = escape(t.name),
            name = escape(&input.name),
            max_name = MAX_NAME_CHARS,
            name_invalid = self.invalid("name"),
            name_errors = self.errors("name"),
            slug_label = escape(t.slug),
            slug = escape(&input.slug),
            slug_invalid = self.invalid("slug"),
            slug_hint = escape(t.slug_hint),
            slug_errors = self.errors("slug"),
            description_label = escape(t.description),
            description = escape(&input.description),
            description_invalid = self.invalid("description"),
            description_errors = self.errors("description"),
            language = self.language_select(),
            parent = self.parent_select(),
            submit = escape(self.submit),
        )
    }

    fn language_select(&self) -> String {
        let Some(languages) = self.languages else {
            return String::new();
        };
        let options: String = languages
            .iter()
            .map(|l| {
                format!(
                    "<option value=\"{code}\" lang=\"{code}\"{selected}>{name}</option>",
                    code = escape(&l.code),
                    selected = if l.code == self.input.language {
                        " selected"
                    } else {
                        ""
                    },
                    name = escape(&l.name),
                )
            })
            .collect();
        format!(
            "<p><label for=\"language\">{label}</label> <select id=\"language\" \
             name=\"language\"{invalid}>{options}</select>{errors}</p>",
            label = escape(self.text.language),
            invalid = self.invalid("language"),
            errors = self.errors("language"),
        )
    }

    fn parent_select(&self) -> String {
        if self.taxonomy != Taxonomy::Topic {
            return String::new();
        }
        let excluded = self
            .editing
            .map(|id| with_descendants(self.parents, id))
            .unwrap_or_default();
        let chosen = self.input.parent.trim();
        let mut options = format!(
            "<option value=\"\">{}</option>",
            escape(self.text.terms.no_parent)
        );
        for (depth, topic) in topic_tree(self.parents) {
            if excluded.contains(&topic.id) {
                continue;
            }
            let id = topic.id.to_string();
            options.push_str(&format!(
                "<option value=\"{id}\"{selected}>{indent}{name}</option>",
                selected = if id == chosen { " selected" } else { "" },
                indent = "\u{2014} ".repeat(depth),
                name = escape(&topic.name),
            ));
        }
        format!(
            "<p><label for=\"parent\">{label}</label> <select id=\"parent\" \
             name=\"parent\"{invalid}>{options}</select>{errors}</p>",
            label = escape(self.text.terms.parent),
            invalid = self.invalid("parent"),
            errors = self.errors("parent"),
        )
    }
}

/// How a save that passed the form's checks ended.
pub enum Saved {
    Done,
    /// The store refused it (someone changed the terms since the checks).
    Refused(Problems),
    /// The term was deleted meanwhile.
    Gone,
}

/// Save `term`; a refusal becomes a message at the field it is about.
///
/// # Errors
/// The store failed.
pub async fn save(store: &dyn Store, text: &Text, term: &Term) -> Result<Saved, StoreError> {
    match store.save_term(term).await {
        Ok(_) => Ok(Saved::Done),
        Err(StoreError::Invalid(message)) => {
            if message.starts_with("there is no topic or tag with id") {
                return Ok(Saved::Gone);
            }
            let problem = if message.starts_with("the slug") {
                ("slug", text.terms.slug_taken.to_owned())
            } else if message.starts_with("there is no language") {
                ("language", text.terms.bad_language.to_owned())
            } else if term.taxonomy == Taxonomy::Topic && term.parent.is_some() {
                ("parent", message)
            } else {
                ("name", message)
            };
            Ok(Saved::Refused(vec![problem]))
        }
        Err(e) => Err(e),
    }
}
