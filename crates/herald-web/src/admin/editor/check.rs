//! Checking a submitted form: every field's problems, or the post to write.

use super::*;

/// The longest name of a tag made in the editor, in characters.
const MAX_TAG_CHARS: usize = 100;

impl Form<'_> {
    /// The post the input describes, or what is wrong with it. Only reads.
    pub(super) async fn validate(
        &self,
        state: &AppState,
    ) -> Result<Result<Checked, Problems>, StoreError> {
        let e = &self.text.editor;
        let input = self.input;
        let mut problems: Problems = Vec::new();
        let title = input.title.trim();
        if title.is_empty() {
            problems.push(("title", e.title_required.into()));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            let max = MAX_TITLE_CHARS.to_string();
            problems.push(("title", e.title_too_long.replace("{max}", &max)));
        }
        let language_known = self.language_known();
        if !language_known {
            problems.push(("language", e.bad_language.into()));
        }
        if !self.kinds().iter().any(|(slug, _)| *slug == input.kind) {
            problems.push(("kind", e.bad_kind.into()));
        }
        let typed = input.slug.trim();
        let slug = if typed.is_empty() {
            let made = slugify(title);
            if made.is_empty() && !title.is_empty() {
                problems.push(("slug", e.slug_from_title.into()));
            }
            made
        } else if typed.len() > MAX_SLUG_BYTES {
            let max = MAX_SLUG_BYTES.to_string();
            problems.push(("slug", e.slug_too_long.replace("{max}", &max)));
            String::new()
        } else if slugify(typed) != typed {
            problems.push(("slug", e.slug_invalid.into()));
            String::new()
        } else {
            typed.to_owned()
        };
        let status = match Status::parse(input.status.trim()).filter(|s| *s != Status::Trash) {
            None => {
                problems.push(("status", e.bad_status.into()));
                Status::Draft
            }
            Some(status) => {
                if !self.statuses().contains(&status) {
                    problems.push(("status", e.status_not_allowed.into()));
                }
                status
            }
        };
        let publish_at = if input.publish_at.trim().is_empty() {
            Some(self.now)
        } else {
            parse_local_input(&input.publish_at, self.tz())
        };
        match publish_at {
            None => problems.push(("publish_at", e.bad_date.into())),
            Some(at) if status == Status::Scheduled && at <= self.now => {
                problems.push(("publish_at", e.schedule_in_past.into()));
            }
            Some(_) => {}
        }
        let text_links = &self.text.links;
        let mut terms: Vec<TermId> = Vec::new();
        let mut new_tags: Vec<NewTag> = Vec::new();
        if language_known {
            let topics = state.store.topics(&input.language).await?;
            for typed in &input.topics {
                match typed.trim().parse::<TermId>() {
                    Ok(id) if topics.iter().any(|t| t.id == id) => terms.push(id),
                    _ => {
                        if !problems.iter().any(|(f, _)| *f == "topics") {
                            problems.push(("topics", e.unknown_topic.into()));
                        }
                    }
                }
            }
            let mut unusable: Vec<&str> = Vec::new();
            for name in input.tags.split([',', '،']).map(str::trim) {
                if name.is_empty() {
                    continue;
                }
                let slug = slugify(name);
                if slug.is_empty() || name.chars().count() > MAX_TAG_CHARS {
                    unusable.push(name);
                    continue;
                }
                let tag = state
                    .store
                    .term_by_slug(&input.language, Taxonomy::Tag, &slug)
                    .await?;
                match tag {
                    Some(tag) => terms.push(tag.id),
                    // A tag not there yet is made with the post.
                    None if !new_tags.iter().any(|t: &NewTag| t.slug == slug) => {
                        new_tags.push(NewTag {
                            slug,
                            name: name.to_owned(),
                        });
                    }
                    None => {}
                }
            }
            if !unusable.is_empty() {
                let list = unusable.join(", ");
                problems.push(("tags", text_links.tag_invalid.replace("{tags}", &list)));
            }
        }
        let author = self.author(state, &mut problems).await?;
        let parent = if input.kind == PAGE_KIND {
            match input.parent.trim() {
                "" => None,
                typed => match typed.parse::<PostId>() {
                    Ok(id) => Some(id),
                    Err(_) => {
                        problems.push(("parent", text_links.bad_parent.into()));
                        None
                    }
                },
            }
        } else {
            None
        };
        let translation_of = match input.translation_of.trim() {
            "" => None,
            typed => match typed.parse::<PostId>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    problems.push(("translation_of", text_links.bad_translation.into()));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let existing = self.existing;
        let translation_group = if input.unlink {
            None
        } else {
            existing.and_then(|p| p.translation_group)
        };
        let post = Post {
            id: existing.map_or(0, |p| p.id),
            kind: input.kind.clone(),
            language: input.language.clone(),
            status,
            title: title.to_owned(),
            slug,
            body: input.body.clone(),
            format: existing.map_or(BodyFormat::Markdown, |p| p.format),
            excerpt: input.excerpt.trim().to_owned(),
            author,
            parent,
            publish_at: publish_at.unwrap_or(self.now),
            // Always later than what was read, so a second save made with the
            // same form is seen as stale even within one second.
            updated_at: existing.map_or(self.now, |p| self.now.max(p.updated_at + 1)),
            sticky: input.sticky,
            comments_open: input.comments_open,
            featured_image: existing.and_then(|p| p.featured_image.clone()),
            featured_alt: existing.map_or_else(String::new, |p| p.featured_alt.clone()),
            terms,
            translation_group,
            body_html: String::new(),
            excerpt_text: String::new(),
        };
        Ok(Ok(Checked {
            post,
            new_tags,
            translation_of,
        }))
    }

    /// The author the post gets: the chosen user for editors and admins,
    /// else the stored author (or the user, for a new post).
    async fn author(
        &self,
        state: &AppState,
        problems: &mut Problems,
    ) -> Result<Option<UserId>, StoreError> {
        let keep = self
            .existing
            .map_or(Some(self.signed_in.user.id), |p| p.author);
        let Some(typed) = self.input.author.as_deref().map(str::trim) else {
            return Ok(keep);
        };
        if !self.chooses_author() {
            return Ok(keep);
        }
        if typed.is_empty() {
            return Ok(None);
        }
        let chosen = match typed.parse::<UserId>() {
            Ok(id) => state.store.user(id).await?.map(|u| u.id),
            Err(_) => None,
        };
        if chosen.is_none() {
            problems.push(("author", self.text.links.bad_author.into()));
        }
        Ok(chosen.or(keep))
    }
}
