//! A sample of every page context, in a left-to-right and a right-to-left
//! language, so a theme can be checked without a database: `herald theme check`
//! renders every template with every sample.

use std::collections::HashMap;

use herald_core::calendar::{Calendar, Digits};
use herald_core::pagination::Pagination;
use herald_core::{Direction, Language, MenuItem, PostSummary, permalink};

use crate::context::{
    Link, ListingContext, NotFoundContext, PageContext, PostContext, PostView, TranslationLink,
};
use crate::theme::{RenderError, Theme};
use crate::view::{PageHead, SiteView};

/// The two sample languages: English (LTR, Gregorian) and Persian (RTL, Solar Hijri).
pub fn sample_languages() -> Vec<Language> {
    let language = |code: &str, name: &str, direction, calendar, digits, format: &str| Language {
        code: code.into(),
        name: name.into(),
        direction,
        calendar,
        digits,
        date_format: format.into(),
        site_name: format!("Sample {code}"),
        tagline: "A sample tagline".into(),
        read_more: String::new(),
        posts_per_page: 10,
        excerpt_words: 55,
        menu: vec![MenuItem {
            label: "Topic".into(),
            url: permalink::topic(code, "sample", 1),
        }],
        position: 0,
    };
    vec![
        language(
            "en",
            "English",
            Direction::Ltr,
            Calendar::Gregorian,
            Digits::Latin,
            "{month} {d}, {y}",
        ),
        language(
            "fa",
            "فارسی",
            Direction::Rtl,
            Calendar::SolarHijri,
            Digits::Persian,
            "{d} {month} {y}",
        ),
    ]
}

fn sample_summary(lang: &str, id: i64) -> PostSummary {
    PostSummary {
        id,
        kind: "post".into(),
        language: lang.into(),
        title: format!("Sample post {id} with Herald in the title"),
        slug: format!("sample-{id}"),
        publish_at: 1_764_000_000 + id * 3600,
        sticky: id == 1,
        excerpt: "A short sample excerpt of the kind a listing shows…".into(),
        author: Some(1),
        author_name: Some("Sample Author".into()),
        author_slug: Some("sample-author".into()),
        featured_image: None,
        featured_alt: String::new(),
        terms: Vec::new(),
    }
}

fn link(label: &str, url: &str) -> Link {
    Link {
        label: label.into(),
        url: url.into(),
    }
}

/// Render every page template with every sample; returns how many pages rendered.
///
/// # Errors
/// The first template that fails.
pub fn check(theme: &Theme) -> Result<usize, RenderError> {
    let languages = sample_languages();
    let site = SiteView {
        base_url: "http://127.0.0.1:8080",
        languages: &languages,
        kinds: &[],
        tz: chrono_tz::Tz::UTC,
        css_href: theme.css_path(),
    };
    let mut rendered = 0;
    for lang in &languages {
        let head = |path: &'static str| PageHead {
            title: Some("Sample"),
            description: "",
            path,
            alternates: vec![("en".into(), "/en/".into()), ("fa".into(), "/fa/".into())],
            noindex: false,
            extras: crate::context::HeadExtras::default(),
        };
        let items: Vec<_> = (1..=3)
            .map(|id| site.item(lang, &sample_summary(&lang.code, id), &HashMap::new()))
            .collect();
        let pagination = Pagination::new(2, 95, 10);
        let listing = ListingContext {
            chrome: site.chrome(lang, head("/en/")),
            archive: "topic",
            heading: "Sample topic".into(),
            label: "Topic".into(),
            description: "What this topic covers.".into(),
            subtopics: vec![link("Child", "/en/topic/child/")],
            breadcrumbs: vec![link("Home", "/en/"), link("Sample topic", "")],
            items: items.clone(),
            page_label: site.page_label(lang, 2),
            pager: site.pager(lang, &pagination, |n| {
                permalink::topic(&lang.code, "sample", n)
            }),
            query: String::new(),
        };
        theme.render("listing.html", &listing)?;
        let (date, datetime) = site.dates(1_764_000_000, lang);
        let post = PostContext {
            chrome: site.chrome(lang, head("/en/posts/1")),
            post: PostView {
                id: 1,
                title: "Sample post".into(),
                url: "/en/posts/1".into(),
                date: date.clone(),
                datetime: datetime.clone(),
                updated: Some(date),
                updated_datetime: Some(datetime),
                author: Some(link("Sample Author", "/en/author/sample-author/")),
                kind: Some(link("News", "/en/kind/news/")),
                topics: vec![link("Sample topic", "/en/topic/sample/")],
                tags: vec![link("sample", "/en/tag/sample/")],
                body_html: "<p>Sample <em>body</em>.</p>".into(),
            },
            breadcrumbs: vec![link("Home", "/en/"), link("Sample post", "")],
            previous: Some(link("Older", "/en/posts/0")),
            next: None,
            related: items.clone(),
            translations: vec![TranslationLink {
                lang: "fa".into(),
                language_name: "فارسی".into(),
                dir: "rtl",
                title: "نمونه".into(),
                url: "/fa/posts/2".into(),
            }],
            share: vec![link("Email", "mailto:?subject=Sample")],
            comments: vec![
                crate::context::CommentView {
                    id: 1,
                    author: "A reader".into(),
                    url: Some("https://example.org/".into()),
                    date: "1 January".into(),
                    datetime: "2026-01-01T00:00:00Z".into(),
                    body_html: "<p>A sample comment.</p>".into(),
                    depth: 0,
                },
                crate::context::CommentView {
                    id: 2,
                    author: "Another reader".into(),
                    url: None,
                    date: "2 January".into(),
                    datetime: "2026-01-02T00:00:00Z".into(),
                    body_html: "<p>A reply.</p>".into(),
                    depth: 1,
                },
            ],
        };
        theme.render("post.html", &post)?;
        let page = PageContext {
            chrome: site.chrome(lang, head("/en/about/")),
            title: "About".into(),
            body_html: "<p>About us.</p>".into(),
            breadcrumbs: vec![link("Home", "/en/"), link("About", "")],
            children: vec![link("Team", "/en/about/team/")],
        };
        theme.render("page.html", &page)?;
        let not_found = NotFoundContext {
            chrome: site.chrome(lang, head("/en/missing/")),
            recent: items,
        };
        theme.render("not_found.html", &not_found)?;
        rendered += 4;
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_theme_renders_every_sample() {
        let theme = crate::Theme::embedded();
        assert_eq!(super::check(&theme).unwrap(), 8);
    }
}
