//! Language sections, kinds, authors, topics and tags, and the static pages.

use herald_core::{
    BodyFormat, Kind, Language, MenuItem, PAGE_KIND, Post, PostId, Role, Status, Taxonomy, Term,
    TermId, Timestamp, User, UserId,
};

use super::{BANKS, Bank, N_TAGS, N_TOPICS, Page, TZ_OFFSET, slug};

/// Parent of each topic (by index into `Bank::topics`).
pub(crate) const TOPIC_PARENT: [Option<usize>; N_TOPICS] = [
    None,     // 0 Environment
    Some(0),  // 1 Water
    Some(0),  // 2 Climate
    Some(0),  // 3 Wildlife
    None,     // 4 Community
    Some(4),  // 5 Education
    Some(4),  // 6 Health
    Some(4),  // 7 Housing
    None,     // 8 Economy
    None,     // 9 Science
    None,     // 10 Culture
    Some(10), // 11 Books
    None,     // 12 Civic life
];

/// Subject area of each topic: environment, community, economy, science,
/// culture, civic life.
pub(crate) const TOPIC_AREA: [usize; N_TOPICS] = [0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 4, 4, 5];

/// Topics linked from every header menu.
pub(crate) const MENU_TOPICS: [usize; 4] = [0, 4, 8, 10];

/// Kind slugs, in the order of `Bank::kind_labels`.
pub(crate) const KIND_SLUGS: [&str; 4] = ["news", "photo-report", "video", "opinion"];

/// Translation groups of the static pages are `PAGE_GROUPS + 1 ..= PAGE_GROUPS + 4`.
pub(crate) const PAGE_GROUPS: i64 = 100;

/// Ids of the authors.
pub(crate) const MARYAM: UserId = 1;
pub(crate) const DANIEL: UserId = 2;
pub(crate) const SARA: UserId = 3;
pub(crate) const REZA: UserId = 4;
pub(crate) const LINA: UserId = 5;
pub(crate) const NADIA: UserId = 6;

/// Id of topic `index` in language section `lang` (index into [`BANKS`]).
pub(crate) fn topic_id(lang: usize, index: usize) -> TermId {
    (lang * (N_TOPICS + N_TAGS) + index + 1) as TermId
}

/// Id of tag `index` in language section `lang`.
pub(crate) fn tag_id(lang: usize, index: usize) -> TermId {
    (lang * (N_TOPICS + N_TAGS) + N_TOPICS + index + 1) as TermId
}

pub(crate) fn languages() -> Vec<Language> {
    BANKS
        .iter()
        .enumerate()
        .map(|(position, bank)| Language {
            code: bank.code.into(),
            name: bank.name.into(),
            direction: bank.direction,
            calendar: bank.calendar,
            digits: bank.digits,
            date_format: bank.date_format.into(),
            site_name: bank.site_name.into(),
            tagline: bank.tagline.into(),
            read_more: bank.read_more.into(),
            posts_per_page: 10,
            excerpt_words: 55,
            menu: menu(bank),
            position: position as i32,
        })
        .collect()
}

fn menu(bank: &Bank) -> Vec<MenuItem> {
    let mut items: Vec<MenuItem> = MENU_TOPICS
        .iter()
        .map(|&t| MenuItem {
            label: bank.topics[t].0.into(),
            url: format!("/{}/topic/{}/", bank.code, slug(bank.topics[t].0)),
        })
        .collect();
    for page in [&bank.about, &bank.contact] {
        items.push(MenuItem {
            label: page.title.into(),
            url: format!("/{}/{}/", bank.code, slug(page.title)),
        });
    }
    items
}

pub(crate) fn kinds() -> Vec<Kind> {
    KIND_SLUGS
        .iter()
        .enumerate()
        .map(|(i, kind)| Kind {
            slug: (*kind).into(),
            labels: BANKS
                .iter()
                .map(|bank| (bank.code.into(), bank.kind_labels[i].into()))
                .collect(),
        })
        .collect()
}

pub(crate) fn users() -> Vec<User> {
    let people: [(UserId, &str, &str, &str, Role, &str); 6] = [
        (
            MARYAM,
            "maryam",
            "maryam-karimi",
            "Maryam Karimi",
            Role::Admin,
            "Founding editor of The Lantern Post, writing about water, public budgets and the towns of the Tarrow Valley.",
        ),
        (
            DANIEL,
            "daniel",
            "daniel-osei",
            "Daniel Osei",
            Role::Editor,
            "Science and environment editor; he studied wetlands as a field ecologist before he turned to journalism.",
        ),
        (
            SARA,
            "sara",
            "sara-haddad",
            "سارة حداد",
            Role::Editor,
            "Editor of the Arabic section, covering culture, books and education.",
        ),
        (
            REZA,
            "reza",
            "reza-tavakoli",
            "رضا توکلی",
            Role::Author,
            "Reporter covering housing, transport and the work of the local councils.",
        ),
        (
            LINA,
            "lina",
            "lina-farrow",
            "Lina Farrow",
            Role::Author,
            "Photographer and video producer who has documented daily life in the valley for a decade.",
        ),
        (
            NADIA,
            "nadia",
            "nadia-rahimi",
            "Nadia Rahimi",
            Role::Author,
            "Writes about community health, schools and programmes for young people.",
        ),
    ];
    people
        .into_iter()
        .map(|(id, login, slug, name, role, bio)| User {
            id,
            login: login.into(),
            slug: slug.into(),
            display_name: name.into(),
            email: format!("{login}@example.org"),
            role,
            bio: bio.into(),
        })
        .collect()
}

pub(crate) fn terms() -> Vec<Term> {
    let mut terms = Vec::new();
    for (lang, bank) in BANKS.iter().enumerate() {
        for (i, (name, description)) in bank.topics.iter().enumerate() {
            terms.push(Term {
                id: topic_id(lang, i),
                language: bank.code.into(),
                taxonomy: Taxonomy::Topic,
                slug: slug(name),
                name: (*name).into(),
                description: (*description).into(),
                parent: TOPIC_PARENT[i].map(|p| topic_id(lang, p)),
            });
        }
        for (i, name) in bank.tags.iter().enumerate() {
            terms.push(Term {
                id: tag_id(lang, i),
                language: bank.code.into(),
                taxonomy: Taxonomy::Tag,
                slug: slug(name),
                name: (*name).into(),
                description: String::new(),
                parent: None,
            });
        }
    }
    terms
}

/// The static pages of every language: About › Team, Contact, Support. They
/// were written when the site opened, about seven months before `now`, and
/// take the ids 1, 2, ….
pub(crate) fn pages(now: Timestamp) -> Vec<Post> {
    let local_midnight = (now + TZ_OFFSET).div_euclid(86_400) * 86_400 - TZ_OFFSET;
    let opened = local_midnight - 212 * 86_400 + 10 * 3600;
    let mut out = Vec::new();
    let mut id: PostId = 0;
    for (lang, bank) in BANKS.iter().enumerate() {
        let list: [(&Page, bool); 4] = [
            (&bank.about, false),
            (&bank.team, true),
            (&bank.contact, false),
            (&bank.support, false),
        ];
        let about_id = id + 1;
        for (i, (page, under_about)) in list.into_iter().enumerate() {
            id += 1;
            let publish_at = opened + (lang as i64) * 86_400 + (i as i64) * 1800;
            out.push(Post {
                id,
                kind: PAGE_KIND.into(),
                language: bank.code.into(),
                status: Status::Published,
                title: page.title.into(),
                slug: slug(page.title),
                body: page.body.into(),
                format: BodyFormat::Markdown,
                excerpt: String::new(),
                author: Some(MARYAM),
                parent: under_about.then_some(about_id),
                publish_at,
                updated_at: publish_at + (20 + 9 * i as i64) * 86_400 + 3600,
                sticky: false,
                comments_open: false,
                featured_image: None,
                featured_alt: String::new(),
                terms: Vec::new(),
                // The same page in every language.
                translation_group: Some(PAGE_GROUPS + i as i64 + 1),
                body_html: String::new(),
                excerpt_text: String::new(),
            });
        }
    }
    out
}
