//! A small two-language site whose every property the tests know.

use herald_core::calendar::{Calendar, Digits};
use herald_core::{
    BodyFormat, Direction, Kind, Language, MenuItem, Post, Role, SiteBundle, SiteSettings, Status,
    Taxonomy, Term, User,
};

/// "Now" for the fixture: 2026-11-29 12:00:00 UTC.
pub const NOW: i64 = 1_795_953_600;
pub const HOUR: i64 = 3600;
pub const DAY: i64 = 24 * HOUR;

pub const ENVIRONMENT: i64 = 1;
pub const WATER: i64 = 2;
pub const ECONOMY: i64 = 3;
pub const RIVERS_TAG: i64 = 4;
pub const FA_ENVIRONMENT: i64 = 10;
pub const FA_TAG: i64 = 11;

/// Ids of the en posts with special roles.
pub const STICKY: i64 = 100;
pub const DRAFT: i64 = 101;
pub const FUTURE: i64 = 102;
pub const PRIVATE: i64 = 103;
pub const MANUAL_EXCERPT: i64 = 104;
pub const MORE: i64 = 105;
pub const LONG: i64 = 106;
pub const HOSTILE: i64 = 107;
pub const TRANSLATED_EN: i64 = 108;
pub const TRANSLATED_FA: i64 = 200;
pub const FA_LONG: i64 = 201;
pub const ABOUT: i64 = 300;
pub const TEAM: i64 = 301;

/// en has 22 published ordinary posts: 1 + 21 regular, so pages 1–3 at 10 a page.
pub const EN_PUBLIC_POSTS: u64 = 22;

fn language(code: &str, direction: Direction, calendar: Calendar, digits: Digits) -> Language {
    Language {
        code: code.into(),
        name: if code == "fa" {
            "فارسی".into()
        } else {
            "English".into()
        },
        direction,
        calendar,
        digits,
        date_format: if code == "fa" {
            "{d} {month} {y}".into()
        } else {
            "{month} {d}, {y}".into()
        },
        site_name: format!("Fixture {code}"),
        tagline: format!("Tagline {code}"),
        read_more: if code == "fa" {
            "ادامهٔ مطلب".into()
        } else {
            "Read more".into()
        },
        posts_per_page: 10,
        excerpt_words: 12,
        menu: vec![MenuItem {
            label: "Environment".into(),
            url: format!("/{code}/topic/environment/"),
        }],
        position: i32::from(code == "fa"),
    }
}

fn term(id: i64, language: &str, taxonomy: Taxonomy, slug: &str, parent: Option<i64>) -> Term {
    Term {
        id,
        language: language.into(),
        taxonomy,
        slug: slug.into(),
        name: format!("Name of {slug}"),
        description: format!("About {slug}."),
        parent,
    }
}

pub fn post(id: i64, language: &str, title: &str, publish_at: i64, terms: Vec<i64>) -> Post {
    Post {
        id,
        kind: "post".into(),
        language: language.into(),
        status: Status::Published,
        title: title.into(),
        slug: herald_core::slug::slugify(title),
        body: format!("Body of {title}."),
        format: BodyFormat::Markdown,
        excerpt: String::new(),
        author: Some(1),
        parent: None,
        publish_at,
        updated_at: publish_at,
        sticky: false,
        comments_open: true,
        featured_image: None,
        featured_alt: String::new(),
        terms,
        translation_group: None,
        body_html: String::new(),
        excerpt_text: String::new(),
    }
}

fn special_posts() -> Vec<Post> {
    let mut sticky = post(
        STICKY,
        "en",
        "Sticky old post",
        NOW - 400 * DAY,
        vec![ECONOMY],
    );
    sticky.sticky = true;
    let mut draft = post(DRAFT, "en", "Draft post", NOW - DAY, vec![WATER]);
    draft.status = Status::Draft;
    let mut future = post(FUTURE, "en", "Future post", NOW + DAY, vec![WATER]);
    future.status = Status::Scheduled;
    let mut private = post(PRIVATE, "en", "Private post", NOW - DAY, vec![WATER]);
    private.status = Status::Private;
    let mut manual = post(
        MANUAL_EXCERPT,
        "en",
        "Manual excerpt post",
        NOW - 30 * DAY,
        vec![],
    );
    manual.excerpt = "A hand-written <em>summary</em>.".into();
    let mut more = post(MORE, "en", "More marker post", NOW - 31 * DAY, vec![]);
    more.body = "Lead paragraph &amp; intro.\n\n<!--more-->\n\nThe rest of the story.".into();
    let mut long = post(LONG, "en", "Long post", NOW - 32 * DAY, vec![RIVERS_TAG]);
    long.body =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen".into();
    let mut hostile = post(
        HOSTILE,
        "en",
        "Hostile <b>title</b>",
        NOW - 33 * DAY,
        vec![],
    );
    hostile.format = BodyFormat::Html;
    hostile.body = "<p onclick=\"steal()\">Safe text</p><script>alert('x')</script><a href=\"javascript:alert(1)\">link</a>".into();
    let mut translated = post(
        TRANSLATED_EN,
        "en",
        "Rivers in spring",
        NOW - 2 * HOUR,
        vec![WATER, RIVERS_TAG],
    );
    translated.translation_group = Some(1);
    vec![
        sticky, draft, future, private, manual, more, long, hostile, translated,
    ]
}

fn persian_posts() -> Vec<Post> {
    let mut translated = post(
        TRANSLATED_FA,
        "fa",
        "رودخانه‌ها در بهار با Herald",
        NOW - HOUR,
        vec![FA_ENVIRONMENT],
    );
    translated.translation_group = Some(1);
    translated.slug = "رودخانه‌ها-در-بهار".into();
    let mut long = post(
        FA_LONG,
        "fa",
        "نوشتهٔ بلند",
        NOW - 2 * DAY,
        vec![FA_ENVIRONMENT, FA_TAG],
    );
    long.body = "این یک متن آزمایشی است که می‌خواهیم آن را کوتاه کنیم تا ببینیم واژه‌ها درست بریده می‌شوند یا نه و همه چیز درست است".into();
    vec![translated, long]
}

fn pages() -> Vec<Post> {
    let mut about = post(ABOUT, "en", "About us", NOW - 500 * DAY, vec![]);
    about.kind = "page".into();
    about.slug = "about".into();
    let mut team = post(TEAM, "en", "Our team", NOW - 500 * DAY, vec![]);
    team.kind = "page".into();
    team.slug = "team".into();
    team.parent = Some(ABOUT);
    vec![about, team]
}

pub fn fixture() -> SiteBundle {
    let mut posts = Vec::new();
    // 16 regular en posts, one a day before NOW: ids 1..=16, newest first.
    for n in 1..=16 {
        let topic = if n % 2 == 0 { WATER } else { ENVIRONMENT };
        posts.push(post(
            n,
            "en",
            &format!("Regular post {n}"),
            NOW - n * DAY,
            vec![topic],
        ));
    }
    posts.extend(special_posts());
    posts.extend(persian_posts());
    posts.extend(pages());
    SiteBundle {
        settings: Some(SiteSettings {
            default_language: "en".into(),
            time_zone: "Asia/Tehran".into(),
        }),
        languages: vec![
            language("en", Direction::Ltr, Calendar::Gregorian, Digits::Latin),
            language("fa", Direction::Rtl, Calendar::SolarHijri, Digits::Persian),
        ],
        kinds: vec![Kind {
            slug: "news".into(),
            labels: vec![("en".into(), "News".into()), ("fa".into(), "خبر".into())],
        }],
        users: vec![User {
            id: 1,
            login: "writer".into(),
            slug: "writer".into(),
            display_name: "Fixture Writer".into(),
            email: "writer@example.org".into(),
            role: Role::Author,
            bio: "Writes fixtures.".into(),
        }],
        terms: vec![
            term(ENVIRONMENT, "en", Taxonomy::Topic, "environment", None),
            term(WATER, "en", Taxonomy::Topic, "water", Some(ENVIRONMENT)),
            term(ECONOMY, "en", Taxonomy::Topic, "economy", None),
            term(RIVERS_TAG, "en", Taxonomy::Tag, "rivers", None),
            term(FA_ENVIRONMENT, "fa", Taxonomy::Topic, "محیط-زیست", None),
            term(FA_TAG, "fa", Taxonomy::Tag, "رود", None),
        ],
        posts,
        ..SiteBundle::default()
    }
}
