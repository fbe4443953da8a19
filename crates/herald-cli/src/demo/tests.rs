use std::collections::{BTreeMap, BTreeSet};

use herald_core::{BodyFormat, PAGE_KIND, Post, Role, SiteBundle, Status, Taxonomy, Term};

use super::{BANKS, demo_bundle, slug};

/// 2026-03-15 09:30 UTC.
const NOW: i64 = 1_773_567_000;

fn bundle() -> SiteBundle {
    demo_bundle(NOW)
}

fn ordinary(b: &SiteBundle, lang: &str) -> Vec<Post> {
    b.posts
        .iter()
        .filter(|p| p.language == lang && p.kind != PAGE_KIND)
        .cloned()
        .collect()
}

fn pages(b: &SiteBundle, lang: &str) -> Vec<Post> {
    b.posts
        .iter()
        .filter(|p| p.language == lang && p.kind == PAGE_KIND)
        .cloned()
        .collect()
}

/// The path of a page below its language prefix, e.g. `about/team`.
fn page_path(b: &SiteBundle, page: &Post) -> String {
    let mut parts = vec![page.slug.clone()];
    let mut parent = page.parent;
    while let Some(id) = parent {
        let Some(p) = b.posts.iter().find(|p| p.id == id) else {
            panic!("missing parent {id}");
        };
        parts.push(p.slug.clone());
        parent = p.parent;
    }
    parts.reverse();
    parts.join("/")
}

fn has_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn ids_are_unique_and_positive() {
    let b = bundle();
    let posts: BTreeSet<i64> = b.posts.iter().map(|p| p.id).collect();
    assert_eq!(posts.len(), b.posts.len());
    assert!(posts.iter().all(|&id| id > 0));
    let terms: BTreeSet<i64> = b.terms.iter().map(|t| t.id).collect();
    assert_eq!(terms.len(), b.terms.len());
    assert!(terms.iter().all(|&id| id > 0));
    let users: BTreeSet<i64> = b.users.iter().map(|u| u.id).collect();
    assert_eq!(users.len(), b.users.len());
}

#[test]
fn settings_languages_kinds_users() {
    let b = bundle();
    let settings = b.settings.clone().unwrap_or_default();
    assert_eq!(settings.default_language, "en");
    assert_eq!(settings.time_zone, "Asia/Tehran");
    let codes: Vec<&str> = b.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["en", "fa", "ar"]);
    for (i, l) in b.languages.iter().enumerate() {
        assert_eq!(l.position, i as i32);
        assert_eq!(l.posts_per_page, 10);
        assert_eq!(l.excerpt_words, 55);
        assert!((4..=6).contains(&l.menu.len()));
        assert!(!l.site_name.is_empty() && !l.tagline.is_empty() && !l.read_more.is_empty());
    }
    let kinds: Vec<&str> = b.kinds.iter().map(|k| k.slug.as_str()).collect();
    assert_eq!(kinds, ["news", "photo-report", "video", "opinion"]);
    for k in &b.kinds {
        for code in codes.iter() {
            assert_ne!(k.label(code), k.slug, "{} has no {code} label", k.slug);
        }
    }
    assert_eq!(b.kinds[0].label("fa"), "خبر");
    assert!((4..=6).contains(&b.users.len()));
    assert_eq!(b.users.iter().filter(|u| u.role == Role::Admin).count(), 1);
    for u in &b.users {
        assert!(u.email.ends_with("@example.org"));
        assert!(u.slug.is_ascii() && !u.slug.contains(' '));
        assert!(!u.bio.is_empty());
    }
}

#[test]
fn terms_are_per_language_nested_and_well_slugged() {
    let b = bundle();
    let by_id: BTreeMap<i64, &Term> = b.terms.iter().map(|t| (t.id, t)).collect();
    let mut total_tags = 0;
    for lang in ["en", "fa", "ar"] {
        let topics: Vec<&Term> = b
            .terms
            .iter()
            .filter(|t| t.language == lang && t.taxonomy == Taxonomy::Topic)
            .collect();
        let tags: Vec<&Term> = b
            .terms
            .iter()
            .filter(|t| t.language == lang && t.taxonomy == Taxonomy::Tag)
            .collect();
        assert!((11..=14).contains(&topics.len()));
        assert!((20..=25).contains(&tags.len()));
        total_tags += tags.len();
        // At least two parents with two or more children.
        let mut children: BTreeMap<i64, usize> = BTreeMap::new();
        for t in &topics {
            assert!(!t.description.is_empty());
            if let Some(p) = t.parent {
                let parent = by_id[&p];
                assert_eq!(parent.language, lang);
                assert_eq!(parent.taxonomy, Taxonomy::Topic);
                *children.entry(p).or_default() += 1;
            }
        }
        assert!(children.values().filter(|&&n| n >= 2).count() >= 2);
        assert!(tags.iter().all(|t| t.parent.is_none()));
        for tax in [&topics, &tags] {
            let slugs: BTreeSet<&str> = tax.iter().map(|t| t.slug.as_str()).collect();
            assert_eq!(slugs.len(), tax.len(), "duplicate slug in {lang}");
        }
        for t in topics.iter().chain(tags.iter()) {
            assert_eq!(t.slug, slug(&t.name));
            assert!(!t.slug.is_empty());
            assert!(!t.slug.contains(char::is_whitespace));
            assert!(!t.slug.contains('\u{200c}'));
            if lang == "en" {
                assert!(t.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            } else {
                assert!(!has_latin(&t.slug), "{}", t.slug);
            }
        }
    }
    assert!(total_tags >= 60);
    let env = b
        .terms
        .iter()
        .find(|t| t.language == "fa" && t.name == "محیط زیست");
    assert_eq!(env.map(|t| t.slug.as_str()), Some("محیط-زیست"));
}

#[test]
fn slug_rule() {
    assert_eq!(slug("Civic life"), "civic-life");
    assert_eq!(slug("  {Kelmar}: 2026 budget! "), "kelmar-2026-budget");
    assert_eq!(slug("درباره ما"), "درباره-ما");
    assert_eq!(
        slug("کتاب\u{200c}ها"),
        "کتاب\u{200c}ها",
        "ZWNJ stays inside a Persian word"
    );
}

#[test]
fn post_terms_exist_in_the_post_language() {
    let b = bundle();
    let by_id: BTreeMap<i64, &Term> = b.terms.iter().map(|t| (t.id, t)).collect();
    for p in &b.posts {
        if p.kind == PAGE_KIND {
            assert!(p.terms.is_empty());
            continue;
        }
        let topics = p
            .terms
            .iter()
            .filter(|id| by_id.get(id).is_some_and(|t| t.taxonomy == Taxonomy::Topic))
            .count();
        let tags = p.terms.len() - topics;
        assert!(
            (1..=2).contains(&topics),
            "post {} has {topics} topics",
            p.id
        );
        assert!(tags <= 4);
        for id in &p.terms {
            let Some(t) = by_id.get(id) else {
                panic!("post {} has unknown term {id}", p.id);
            };
            assert_eq!(t.language, p.language);
        }
    }
}

#[test]
fn menus_point_to_existing_topics_and_pages() {
    let b = bundle();
    for l in &b.languages {
        let prefix = format!("/{}/", l.code);
        let paths: Vec<String> = pages(&b, &l.code)
            .iter()
            .map(|p| page_path(&b, p))
            .collect();
        for item in &l.menu {
            let Some(rest) = item.url.strip_prefix(&prefix) else {
                panic!("menu url {} outside {prefix}", item.url);
            };
            let rest = rest.trim_end_matches('/');
            if let Some(topic) = rest.strip_prefix("topic/") {
                assert!(
                    b.terms.iter().any(|t| t.language == l.code
                        && t.taxonomy == Taxonomy::Topic
                        && t.slug == topic),
                    "{}",
                    item.url
                );
            } else {
                assert!(paths.iter().any(|p| p == rest), "{}", item.url);
            }
        }
    }
}

#[test]
fn pages_nest_and_are_published() {
    let b = bundle();
    let expected = [
        ("en", "about", "about/team"),
        ("fa", "درباره-ما", "درباره-ما/تیم-ما"),
        ("ar", "من-نحن", "من-نحن/فريقنا"),
    ];
    for (lang, about, team) in expected {
        let pages = pages(&b, lang);
        assert!(pages.len() >= 3);
        let paths: Vec<String> = pages.iter().map(|p| page_path(&b, p)).collect();
        assert!(paths.iter().any(|p| p == about));
        assert!(paths.iter().any(|p| p == team));
        for p in &pages {
            assert_eq!(p.status, Status::Published);
            assert!(p.publish_at < NOW);
            assert!(p.body.lines().filter(|l| l.trim().is_empty()).count() >= 2);
        }
    }
}

#[test]
fn statuses_counts_and_times() {
    let b = bundle();
    for lang in ["en", "fa", "ar"] {
        let posts = ordinary(&b, lang);
        assert!((95..=105).contains(&posts.len()), "{lang}: {}", posts.len());
        let count = |s: Status| posts.iter().filter(|p| p.status == s).count();
        assert_eq!(count(Status::Draft), 2);
        assert_eq!(count(Status::Pending), 1);
        assert_eq!(count(Status::Private), 1);
        assert_eq!(count(Status::Scheduled), 2);
        assert_eq!(count(Status::Trash), 0);
        assert_eq!(count(Status::Published), posts.len() - 6);
        for p in &posts {
            match p.status {
                Status::Scheduled => {
                    assert!(p.publish_at > NOW && p.publish_at < NOW + 8 * 86_400);
                    assert!(!p.status.is_public(p.publish_at, NOW));
                }
                _ => assert!(p.publish_at < NOW),
            }
            assert!(p.publish_at > NOW - 215 * 86_400);
            assert!(p.updated_at >= p.publish_at);
            assert!(p.featured_image.is_none() && p.featured_alt.is_empty());
            assert!(p.body_html.is_empty() && p.excerpt_text.is_empty());
            assert!(p.author.is_some_and(|a| b.users.iter().any(|u| u.id == a)));
            // Local hour in Tehran between 07:00 and 23:00.
            let hour = (p.publish_at + 12_600).rem_euclid(86_400) / 3600;
            assert!((7..23).contains(&hour), "post {} at hour {hour}", p.id);
        }
        let newest = posts
            .iter()
            .filter(|p| p.status == Status::Published)
            .map(|p| p.publish_at)
            .max()
            .unwrap_or(0);
        assert!(newest > NOW - 4 * 86_400, "{lang} looks stale");
    }
    let times: BTreeSet<i64> = b.posts.iter().map(|p| p.publish_at).collect();
    assert_eq!(times.len(), b.posts.len(), "publish times are not distinct");
}

#[test]
fn sticky_posts() {
    let b = bundle();
    // The brief asks for 3 sticky posts in English and 2 in Persian and Arabic.
    for (lang, n) in [("en", 3), ("fa", 2), ("ar", 2)] {
        let sticky: Vec<Post> = ordinary(&b, lang)
            .into_iter()
            .filter(|p| p.sticky)
            .collect();
        assert_eq!(sticky.len(), n, "{lang}");
        assert!(sticky.iter().all(|p| p.status.is_public(p.publish_at, NOW)));
    }
}

#[test]
fn translation_groups() {
    let b = bundle();
    let mut groups: BTreeMap<i64, Vec<&Post>> = BTreeMap::new();
    for p in b.posts.iter().filter(|p| p.kind != PAGE_KIND) {
        if let Some(g) = p.translation_group {
            groups.entry(g).or_default().push(p);
        }
    }
    for (g, posts) in &groups {
        let langs: BTreeSet<&str> = posts.iter().map(|p| p.language.as_str()).collect();
        assert_eq!(langs.len(), posts.len(), "group {g} repeats a language");
        assert!(posts.len() >= 2);
        let kinds: BTreeSet<&str> = posts.iter().map(|p| p.kind.as_str()).collect();
        assert_eq!(kinds.len(), 1);
        assert!(posts.iter().all(|p| p.status == Status::Published));
    }
    let three = groups.values().filter(|v| v.len() == 3).count();
    let two = groups.values().filter(|v| v.len() == 2).count();
    assert!((22..=28).contains(&three), "{three}");
    assert!((8..=12).contains(&two), "{two}");
    // Page translations share groups too, with distinct languages.
    let mut page_groups: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for p in b.posts.iter().filter(|p| p.kind == PAGE_KIND) {
        if let Some(g) = p.translation_group {
            assert!(
                page_groups
                    .entry(g)
                    .or_default()
                    .insert(p.language.as_str())
            );
        }
    }
}

#[test]
fn slugs_titles_and_scripts() {
    let b = bundle();
    let mut latin_titles = BTreeMap::new();
    for p in &b.posts {
        assert_eq!(p.slug, slug(&p.title));
        assert!(!p.slug.is_empty() && !p.slug.contains(char::is_whitespace));
        if p.language != "en" && has_latin(&p.title) {
            *latin_titles.entry(p.language.clone()).or_insert(0) += 1;
        }
    }
    assert!(latin_titles.get("fa").copied().unwrap_or(0) >= 3);
    assert!(latin_titles.get("ar").copied().unwrap_or(0) >= 3);
    for lang in ["en", "fa", "ar"] {
        let titles: BTreeSet<String> = ordinary(&b, lang).into_iter().map(|p| p.title).collect();
        assert_eq!(
            titles.len(),
            ordinary(&b, lang).len(),
            "duplicate titles in {lang}"
        );
    }
    for p in &b.posts {
        let text = format!("{} {} {}", p.title, p.body, p.excerpt);
        assert!(!text.contains("{p}"), "unfilled placeholder in {}", p.id);
        match p.language.as_str() {
            // Persian uses its own yeh and kaf, and ZWNJ.
            "fa" => assert!(
                !text.contains(['\u{064a}', '\u{0643}', '\u{0629}']),
                "{}",
                p.id
            ),
            "ar" => assert!(
                !text.contains(['\u{06cc}', '\u{06a9}', '\u{06af}', '\u{067e}', '\u{200c}']),
                "{}",
                p.id
            ),
            _ => {}
        }
    }
    let zwnj = b
        .posts
        .iter()
        .filter(|p| p.language == "fa" && p.body.contains('\u{200c}'))
        .count();
    assert!(zwnj > 90);
}

#[test]
fn bodies_use_the_expected_features() {
    let b = bundle();
    for lang in ["en", "fa", "ar"] {
        let posts = ordinary(&b, lang);
        let n = posts.len();
        let with = |f: &dyn Fn(&Post) -> bool| posts.iter().filter(|p| f(p)).count();
        let html = with(&|p| p.format == BodyFormat::Html);
        assert_eq!(html, 5, "{lang}");
        assert!(
            posts
                .iter()
                .filter(|p| p.format == BodyFormat::Html)
                .all(|p| p.body.starts_with("<p>"))
        );
        let more = with(&|p| p.body.lines().any(|l| l == "<!--more-->"));
        assert!((n / 10..=n / 4).contains(&more), "{lang}: {more} with more");
        let excerpts = with(&|p| !p.excerpt.is_empty());
        assert!(
            (n / 14..=n / 5).contains(&excerpts),
            "{lang}: {excerpts} excerpts"
        );
        assert!(with(&|p| p.body.contains("\n## ")) >= 10);
        assert!(with(&|p| p.body.contains("\n- ")) >= 8);
        assert!(with(&|p| p.body.contains("\n> ")) >= 8);
        assert!(with(&|p| p.body.contains("| --- |")) >= 2);
        assert!(with(&|p| p.body.contains("[^1]: ")) >= 2);
        assert!(with(&|p| p.body.contains('*')) >= 10);
        assert!(with(&|p| p.body.contains(&format!("](/{lang}/posts/"))) >= 8);
        assert!(with(&|p| p.kind == "post") >= 20);
        assert!(with(&|p| p.kind == "news") >= 20);
        for kind in ["photo-report", "video", "opinion"] {
            assert!(with(&|p| p.kind == kind) >= 3, "{lang} {kind}");
        }
        assert!(with(&|p| p.comments_open) > n * 3 / 4);
        for p in &posts {
            let paragraphs = p.body.split("\n\n").count();
            assert!(
                paragraphs >= 3 || p.format == BodyFormat::Html,
                "post {}",
                p.id
            );
        }
    }
}

#[test]
fn links_point_to_earlier_public_posts_of_the_same_language() {
    let b = bundle();
    for p in &b.posts {
        let marker = format!("](/{}/posts/", p.language);
        for (i, _) in p.body.match_indices(&marker) {
            let rest = &p.body[i + marker.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let id: i64 = digits.parse().unwrap_or(-1);
            let Some(target) = b.posts.iter().find(|t| t.id == id) else {
                panic!("post {} links to missing {id}", p.id);
            };
            assert_eq!(target.language, p.language);
            assert!(target.status.is_public(target.publish_at, NOW));
            assert!(target.publish_at < p.publish_at);
        }
    }
}

#[test]
fn deterministic_for_a_given_now() {
    let a = demo_bundle(NOW);
    assert_eq!(a, demo_bundle(NOW));
    let later = demo_bundle(NOW + 86_400);
    assert_eq!(a.posts.len(), later.posts.len());
    for (x, y) in a.posts.iter().zip(&later.posts) {
        assert_eq!(x.title, y.title);
        assert_eq!(x.publish_at + 86_400, y.publish_at);
    }
}

#[test]
fn banks_are_parallel() {
    // The arrays are sized by the type; check the placeholders agree too.
    let [en, ..] = BANKS;
    for bank in BANKS {
        for (i, (title, lead)) in bank.titles.iter().enumerate() {
            assert_eq!(
                title.contains("{p}"),
                en.titles[i].0.contains("{p}"),
                "{} title {i}",
                bank.code
            );
            assert!(lead.contains("{p}"), "{} lead {i}", bank.code);
        }
        for (area, sentences) in bank.area_sentences.iter().enumerate() {
            for (i, s) in sentences.iter().enumerate() {
                assert_eq!(
                    s.contains("{p}"),
                    en.area_sentences[area][i].contains("{p}"),
                    "{} area {area} sentence {i}",
                    bank.code
                );
                assert_eq!(
                    s.matches('*').count(),
                    en.area_sentences[area][i].matches('*').count()
                );
            }
        }
        for (i, s) in bank.generic.iter().enumerate() {
            assert_eq!(s.contains("{p}"), en.generic[i].contains("{p}"));
            assert_eq!(s.matches('*').count(), en.generic[i].matches('*').count());
        }
    }
}
