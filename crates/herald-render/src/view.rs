//! Building page contexts from domain values: URLs, localised dates and digits,
//! term links, pagination. Handlers fetch; this module shapes.

use std::collections::HashMap;

use chrono_tz::Tz;
use herald_core::calendar::localise_digits;
use herald_core::pagination::{PageLink, Pagination};
use herald_core::{Kind, Language, PostSummary, Taxonomy, Term, TermId, Timestamp, permalink};

use crate::context::{
    Alternate, Chrome, HeadExtras, Item, LanguageLink, Link, NavLink, Pager, PagerLink,
};
use crate::dates::{display_date, machine_date};
use crate::strings::strings;

/// What every page of a site needs to know to build its context.
pub struct SiteView<'a> {
    /// Absolute base URL without trailing slash, e.g. `https://example.org`.
    pub base_url: &'a str,
    pub languages: &'a [Language],
    pub kinds: &'a [Kind],
    pub tz: Tz,
    pub css_href: &'a str,
}

/// The page-specific part of the chrome.
pub struct PageHead<'a> {
    /// The page's own title; the site name is appended.
    pub title: Option<&'a str>,
    pub description: &'a str,
    /// The canonical path of this page.
    pub path: &'a str,
    /// `(language code, path)` of this page's translations, itself included.
    pub alternates: Vec<(String, String)>,
    pub noindex: bool,
    /// Feeds, social tags and structured data, where they apply.
    pub extras: HeadExtras,
}

impl SiteView<'_> {
    /// The language with `code`.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Head, header and footer for a page in `lang`.
    pub fn chrome(&self, lang: &Language, head: PageHead<'_>) -> Chrome {
        let t = strings(&lang.code);
        let title = match head.title {
            Some(title) => format!("{title} – {}", lang.site_name),
            None if lang.tagline.is_empty() => lang.site_name.clone(),
            None => format!("{} – {}", lang.site_name, lang.tagline),
        };
        let alternates = if head.alternates.len() > 1 {
            head.alternates
                .iter()
                .map(|(code, path)| Alternate {
                    hreflang: code.clone(),
                    href: self.absolute(path),
                })
                .collect()
        } else {
            Vec::new()
        };
        let switch: HashMap<&str, &str> = head
            .alternates
            .iter()
            .map(|(code, path)| (code.as_str(), path.as_str()))
            .collect();
        Chrome {
            lang: lang.code.clone(),
            dir: lang.direction.as_str(),
            site_name: lang.site_name.clone(),
            tagline: lang.tagline.clone(),
            title,
            description: head.description.to_owned(),
            canonical: self.absolute(head.path),
            alternates,
            menu: lang
                .menu
                .iter()
                .map(|item| NavLink {
                    label: item.label.clone(),
                    url: item.url.clone(),
                    current: head.path.starts_with(&item.url) && item.url.len() > 4,
                })
                .collect(),
            languages: self
                .languages
                .iter()
                .map(|l| LanguageLink {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    url: switch
                        .get(l.code.as_str())
                        .map_or_else(|| permalink::home(&l.code, 1), |p| (*p).to_owned()),
                    dir: l.direction.as_str(),
                    current: l.code == lang.code,
                })
                .collect(),
            home_url: permalink::home(&lang.code, 1),
            search_url: format!("/{}/search", permalink::encode_segment(&lang.code)),
            css_href: self.css_href.to_owned(),
            read_more: if lang.read_more.is_empty() {
                t.read_more.to_owned()
            } else {
                lang.read_more.clone()
            },
            noindex: head.noindex,
            extras: head.extras,
            t,
        }
    }

    /// `path` made absolute with the site's base URL.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// A date as readers of `lang` expect it, and its machine form.
    pub fn dates(&self, at: Timestamp, lang: &Language) -> (String, String) {
        (display_date(at, self.tz, lang), machine_date(at, self.tz))
    }

    /// A link to a kind archive, for kinds other than plain posts.
    pub fn kind_link(&self, kind: &str, lang: &str) -> Option<Link> {
        self.kinds.iter().find(|k| k.slug == kind).map(|k| Link {
            label: k.label(lang).to_owned(),
            url: permalink::kind(lang, &k.slug, 1),
        })
    }

    /// A listing item.
    pub fn item(&self, lang: &Language, post: &PostSummary, terms: &HashMap<TermId, Term>) -> Item {
        let (date, datetime) = self.dates(post.publish_at, lang);
        Item {
            id: post.id,
            url: permalink::post(&post.language, post.id),
            title: post.title.clone(),
            date,
            datetime,
            excerpt: post.excerpt.clone(),
            topics: term_links(&post.terms, terms, Taxonomy::Topic),
            author: post
                .author_name
                .as_ref()
                .zip(post.author_slug.as_ref())
                .map(|(name, slug)| Link {
                    label: name.clone(),
                    url: permalink::author(&lang.code, slug, 1),
                }),
            kind: self.kind_link(&post.kind, &lang.code),
            sticky: post.sticky,
        }
    }

    /// Numbered pagination; `None` when everything fits on one page.
    pub fn pager(
        &self,
        lang: &Language,
        pagination: &Pagination,
        url_for: impl Fn(u32) -> String,
    ) -> Option<Pager> {
        if pagination.total_pages <= 1 {
            return None;
        }
        let links = pagination
            .links()
            .into_iter()
            .map(|link| match link {
                PageLink::Page(n) => PagerLink {
                    label: localise_digits(&n.to_string(), lang.digits),
                    url: url_for(n),
                    current: n == pagination.current,
                    gap: false,
                },
                PageLink::Gap => PagerLink {
                    label: String::new(),
                    url: String::new(),
                    current: false,
                    gap: true,
                },
            })
            .collect();
        Some(Pager {
            links,
            newer: pagination.newer().map(&url_for),
            older: pagination.older().map(&url_for),
        })
    }

    /// "Page 3" in the language's words and digits; empty for page 1.
    pub fn page_label(&self, lang: &Language, page: u32) -> String {
        if page <= 1 {
            return String::new();
        }
        let n = localise_digits(&page.to_string(), lang.digits);
        strings(&lang.code).page_n.replace("{n}", &n)
    }
}

/// Links to the terms of one taxonomy among `ids`, in the order given.
pub fn term_links(ids: &[TermId], terms: &HashMap<TermId, Term>, taxonomy: Taxonomy) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| terms.get(id))
        .filter(|term| term.taxonomy == taxonomy)
        .map(|term| Link {
            label: term.name.clone(),
            url: match taxonomy {
                Taxonomy::Topic => permalink::topic(&term.language, &term.slug, 1),
                Taxonomy::Tag => permalink::tag(&term.language, &term.slug, 1),
            },
        })
        .collect()
}
