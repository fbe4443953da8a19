//! The channel's entries: `<wp:author>`, terms and `<item>` with its
//! comments and metadata.
//!
//! Per-entry problems never stop the reader. A field over its limit turns
//! the whole entry into [`Skipped`] (the rest of it is read past without
//! being kept); an item without a usable `wp:post_id` (missing, not a
//! number, below 1 or above 2^53) is skipped too, since Herald keeps
//! WordPress ids. Lesser problems become warnings on the item: an invalid
//! date is kept as `None`, an unusable parent id as 0, a comment without a
//! usable id or with a field over its limit is left out (one huge spam
//! comment should not cost the post).

use std::io::BufRead;

use super::fields::{parse_date, parse_id, parse_reference};
use super::reader::WxrReader;
use super::xml::{Element, Event, Ns};
use super::{ItemTerm, Skipped, WxrAuthor, WxrEntry, WxrError, WxrItem, WxrTerm};
use crate::content::decode_slug;

type Result<T> = std::result::Result<T, WxrError>;

/// The first reason an entry cannot be taken.
#[derive(Default)]
pub(super) struct Problem(pub(super) Option<String>);

impl Problem {
    pub(super) fn set(&mut self, reason: String) {
        self.0.get_or_insert(reason);
    }
}

/// Most warnings kept for one item; past this one line says more were left.
const MAX_WARNINGS: usize = 100;

pub(super) fn warn(warnings: &mut Vec<String>, warning: String) {
    match warnings.len() {
        n if n < MAX_WARNINGS => warnings.push(warning),
        MAX_WARNINGS => warnings.push("more warnings for this item were left out".to_owned()),
        _ => {}
    }
}

fn display_name(element: &Element) -> String {
    let prefix = match element.ns {
        Ns::Wp => "wp:",
        Ns::Content => "content:",
        Ns::Excerpt => "excerpt:",
        Ns::Dc => "dc:",
        _ => "",
    };
    format!("<{prefix}{}>", element.local)
}

impl<R: BufRead> WxrReader<R> {
    /// The next child of the current element, or `None` at its end.
    pub(super) fn child(&mut self) -> Result<Option<Element>> {
        match self.xml.next(None)? {
            Event::Start(element) => Ok(Some(element)),
            Event::End | Event::Eof => Ok(None),
        }
    }

    /// A field's text, trimmed, up to the field limit.
    pub(super) fn field(&mut self, element: &Element, problem: &mut Problem) -> Result<String> {
        let limit = self.limits.max_field_bytes;
        Ok(self.verbatim(element, limit, problem)?.trim().to_owned())
    }

    /// A field's text as written, up to `limit` bytes.
    pub(super) fn verbatim(
        &mut self,
        element: &Element,
        limit: usize,
        problem: &mut Problem,
    ) -> Result<String> {
        match self.text(limit)? {
            Some(text) => Ok(text),
            None => {
                problem.set(format!(
                    "{} is longer than the limit of {limit} bytes",
                    display_name(element)
                ));
                Ok(String::new())
            }
        }
    }

    pub(super) fn date(
        &mut self,
        element: &Element,
        problem: &mut Problem,
        warnings: &mut Vec<String>,
    ) -> Result<Option<i64>> {
        let raw = self.field(element, problem)?;
        Ok(parse_date(&raw).unwrap_or_else(|()| {
            warn(
                warnings,
                format!(
                    "{} '{raw}' is not a valid date; left empty",
                    display_name(element)
                ),
            );
            None
        }))
    }

    pub(super) fn reference(
        &mut self,
        element: &Element,
        problem: &mut Problem,
        warnings: &mut Vec<String>,
    ) -> Result<i64> {
        let raw = self.field(element, problem)?;
        Ok(parse_reference(&raw).unwrap_or_else(|| {
            warn(
                warnings,
                format!(
                    "{} '{raw}' is not a usable id; taken as 0",
                    display_name(element)
                ),
            );
            0
        }))
    }

    fn take_utf8_warning(&mut self, warnings: &mut Vec<String>) {
        if std::mem::take(&mut self.invalid_utf8) {
            warn(
                warnings,
                "invalid UTF-8 bytes were replaced with U+FFFD".to_owned(),
            );
        }
    }

    pub(super) fn author(&mut self) -> Result<WxrEntry> {
        let mut author = WxrAuthor::default();
        let mut problem = Problem::default();
        while let Some(element) = self.child()? {
            let field = match (element.ns, element.local.as_str()) {
                (Ns::Wp, "author_id") => {
                    author.id = parse_id(&self.field(&element, &mut problem)?);
                    continue;
                }
                (Ns::Wp, "author_login") => &mut author.login,
                (Ns::Wp, "author_email") => &mut author.email,
                (Ns::Wp, "author_display_name") => &mut author.display_name,
                (Ns::Wp, "author_first_name") => &mut author.first_name,
                (Ns::Wp, "author_last_name") => &mut author.last_name,
                _ => {
                    self.skip()?;
                    continue;
                }
            };
            *field = self.field(&element, &mut problem)?;
        }
        self.invalid_utf8 = false;
        Ok(match problem.0 {
            Some(reason) => WxrEntry::Skipped(Skipped {
                id: author.id,
                title: author.login,
                reason,
            }),
            None => WxrEntry::Author(author),
        })
    }

    /// `<wp:category>` (`taxonomy` "category"), `<wp:tag>` ("post_tag") or
    /// `<wp:term>` (""; its `wp:term_taxonomy` says).
    pub(super) fn term(&mut self, taxonomy: &str) -> Result<WxrEntry> {
        let mut term = WxrTerm {
            taxonomy: taxonomy.to_owned(),
            ..WxrTerm::default()
        };
        let mut problem = Problem::default();
        while let Some(element) = self.child()? {
            if element.ns != Ns::Wp {
                self.skip()?;
                continue;
            }
            if element.local == "termmeta" {
                if term.meta.len() >= self.limits.max_meta_per_item {
                    problem.set(format!(
                        "more than {} <wp:termmeta> entries",
                        self.limits.max_meta_per_item
                    ));
                    self.skip()?;
                } else {
                    let pair = self.meta_pair(&mut problem)?;
                    term.meta.push(pair);
                }
                continue;
            }
            let value = match element.local.as_str() {
                "term_id"
                | "term_taxonomy"
                | "category_nicename"
                | "tag_slug"
                | "term_slug"
                | "category_parent"
                | "term_parent"
                | "cat_name"
                | "tag_name"
                | "term_name"
                | "category_description"
                | "tag_description"
                | "term_description" => self.field(&element, &mut problem)?,
                _ => {
                    self.skip()?;
                    continue;
                }
            };
            match element.local.as_str() {
                "term_id" => term.id = parse_id(&value),
                "term_taxonomy" if taxonomy.is_empty() => term.taxonomy = value,
                "category_nicename" | "tag_slug" | "term_slug" => term.slug = decode_slug(&value),
                "category_parent" | "term_parent" => {
                    let parent = decode_slug(&value);
                    term.parent_slug = (!parent.is_empty()).then_some(parent);
                }
                "cat_name" | "tag_name" | "term_name" => term.name = value,
                "category_description" | "tag_description" | "term_description" => {
                    term.description = value;
                }
                _ => {}
            }
        }
        self.invalid_utf8 = false;
        Ok(match problem.0 {
            Some(reason) => WxrEntry::Skipped(Skipped {
                id: term.id,
                title: term.name,
                reason,
            }),
            None => WxrEntry::Term(term),
        })
    }

    pub(super) fn item(&mut self) -> Result<WxrEntry> {
        let mut item = WxrItem::default();
        let mut raw_id = None;
        let mut problem = Problem::default();
        while let Some(element) = self.child()? {
            if element.is(Ns::Wp, "post_id") {
                raw_id = Some(self.field(&element, &mut problem)?);
            } else {
                self.item_child(&element, &mut item, &mut problem)?;
            }
        }
        self.take_utf8_warning(&mut item.warnings);
        let id = raw_id.as_deref().and_then(parse_id);
        if problem.0.is_none() && id.is_none() {
            problem.set(match raw_id {
                Some(raw) => format!("<wp:post_id> '{raw}' is not a usable id (1 to 2^53)"),
                None => "the item has no <wp:post_id>".to_owned(),
            });
        }
        Ok(match (problem.0, id) {
            (None, Some(id)) => {
                item.id = id;
                WxrEntry::Item(Box::new(item))
            }
            (reason, id) => WxrEntry::Skipped(Skipped {
                id,
                title: item.title,
                reason: reason.unwrap_or_default(),
            }),
        })
    }

    fn item_child(
        &mut self,
        element: &Element,
        item: &mut WxrItem,
        problem: &mut Problem,
    ) -> Result<()> {
        let field = match (element.ns, element.local.as_str()) {
            (Ns::None, "title") => &mut item.title,
            (Ns::None, "link") => &mut item.link,
            (Ns::None, "guid") => &mut item.guid,
            (Ns::Dc, "creator") => &mut item.creator,
            (Ns::Content, "encoded") => {
                let limit = self.limits.max_content_bytes;
                item.content = self.verbatim(element, limit, problem)?;
                return Ok(());
            }
            (Ns::Excerpt, "encoded") => {
                let limit = self.limits.max_field_bytes;
                item.excerpt = self.verbatim(element, limit, problem)?;
                return Ok(());
            }
            (Ns::None, "category") => {
                if item.terms.len() >= self.limits.max_meta_per_item {
                    problem.set(format!(
                        "more than {} <category> terms",
                        self.limits.max_meta_per_item
                    ));
                    return self.skip();
                }
                let term = self.item_term(element, problem)?;
                item.terms.push(term);
                return Ok(());
            }
            (Ns::Wp, local) => return self.item_wp_child(element, local, item, problem),
            _ => return self.skip(),
        };
        *field = self.field(element, problem)?;
        Ok(())
    }

    fn item_wp_child(
        &mut self,
        element: &Element,
        local: &str,
        item: &mut WxrItem,
        problem: &mut Problem,
    ) -> Result<()> {
        let warnings = &mut item.warnings;
        let field = match local {
            "post_date" => {
                item.post_date = self.date(element, problem, warnings)?;
                return Ok(());
            }
            "post_date_gmt" => {
                item.post_date_gmt = self.date(element, problem, warnings)?;
                return Ok(());
            }
            "post_modified_gmt" => {
                item.modified_gmt = self.date(element, problem, warnings)?;
                return Ok(());
            }
            "post_parent" => {
                item.parent = self.reference(element, problem, warnings)?;
                return Ok(());
            }
            "menu_order" => {
                let raw = self.field(element, problem)?;
                item.menu_order = raw.parse().unwrap_or_else(|_| {
                    warn(
                        warnings,
                        format!("<wp:menu_order> '{raw}' is not a number; taken as 0"),
                    );
                    0
                });
                return Ok(());
            }
            "post_name" => {
                item.slug = decode_slug(&self.field(element, problem)?);
                return Ok(());
            }
            "is_sticky" => {
                item.sticky = self.field(element, problem)? == "1";
                return Ok(());
            }
            "attachment_url" => {
                let url = self.field(element, problem)?;
                item.attachment_url = (!url.is_empty()).then_some(url);
                return Ok(());
            }
            "postmeta" => return self.item_meta(item, problem),
            "comment" => return self.item_comment(item, problem),
            "comment_status" => &mut item.comment_status,
            "ping_status" => &mut item.ping_status,
            "status" => &mut item.status,
            "post_type" => &mut item.post_type,
            "post_password" => &mut item.password,
            _ => return self.skip(),
        };
        *field = self.field(element, problem)?;
        Ok(())
    }

    fn item_term(&mut self, element: &Element, problem: &mut Problem) -> Result<ItemTerm> {
        // WXR 1.0 called tags "tag".
        let domain = match element.attribute("domain").map(str::trim) {
            None | Some("") => "category",
            Some("tag") => "post_tag",
            Some(domain) => domain,
        };
        let slug = decode_slug(element.attribute("nicename").unwrap_or_default());
        Ok(ItemTerm {
            domain: domain.to_owned(),
            slug,
            name: self.field(element, problem)?,
        })
    }

    fn item_meta(&mut self, item: &mut WxrItem, problem: &mut Problem) -> Result<()> {
        if item.meta.len() >= self.limits.max_meta_per_item {
            problem.set(format!(
                "more than {} <wp:postmeta> entries",
                self.limits.max_meta_per_item
            ));
            return self.skip();
        }
        let pair = self.meta_pair(problem)?;
        item.meta.push(pair);
        Ok(())
    }

    /// `wp:meta_key` and `wp:meta_value` of a `wp:postmeta` or
    /// `wp:commentmeta`; the value is kept as written (often serialised PHP).
    pub(super) fn meta_pair(&mut self, problem: &mut Problem) -> Result<(String, String)> {
        let (mut key, mut value) = (String::new(), String::new());
        while let Some(element) = self.child()? {
            if element.is(Ns::Wp, "meta_key") {
                key = self.field(&element, problem)?;
            } else if element.is(Ns::Wp, "meta_value") {
                let limit = self.limits.max_field_bytes;
                value = self.verbatim(&element, limit, problem)?;
            } else {
                self.skip()?;
            }
        }
        Ok((key, value))
    }
}
