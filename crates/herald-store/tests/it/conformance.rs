//! Behaviour every backend shares.

use herald_core::calendar::{Calendar, Digits};
use herald_core::{
    Archive, BodyFormat, Direction, Language, ListQuery, Post, Role, SiteBundle, SiteSettings,
    Status, Taxonomy, Term, User,
};

use crate::backends;

pub(crate) const NOW: i64 = 1_800_000_000;

pub(crate) fn language(code: &str) -> Language {
    Language {
        code: code.into(),
        name: code.into(),
        direction: if code == "fa" {
            Direction::Rtl
        } else {
            Direction::Ltr
        },
        calendar: Calendar::Gregorian,
        digits: Digits::Latin,
        date_format: "{y}-{mm}-{dd}".into(),
        site_name: "Site".into(),
        tagline: String::new(),
        read_more: String::new(),
        posts_per_page: 10,
        excerpt_words: 55,
        menu: Vec::new(),
        position: 0,
    }
}

fn term(id: i64, lang: &str, taxonomy: Taxonomy, slug: &str, parent: Option<i64>) -> Term {
    Term {
        id,
        language: lang.into(),
        taxonomy,
        slug: slug.into(),
        name: slug.into(),
        description: String::new(),
        parent,
    }
}

pub(crate) fn post(id: i64, lang: &str, at: i64, terms: Vec<i64>) -> Post {
    Post {
        id,
        kind: "post".into(),
        language: lang.into(),
        status: Status::Published,
        title: format!("Post {id}"),
        slug: format!("post-{id}"),
        body: format!("Body {id}"),
        format: BodyFormat::Markdown,
        excerpt: String::new(),
        author: Some(1),
        parent: None,
        publish_at: at,
        updated_at: at,
        sticky: false,
        comments_open: true,
        featured_image: None,
        featured_alt: String::new(),
        terms,
        translation_group: None,
        body_html: format!("<p>Body {id}</p>"),
        excerpt_text: format!("Body {id}"),
    }
}

pub(crate) fn bundle() -> SiteBundle {
    let mut posts: Vec<Post> = (1..=25)
        .map(|id| post(id, "en", NOW - id * 60, vec![2]))
        .collect();
    posts[24].terms = vec![1];
    let mut future = post(26, "en", NOW + 60, vec![2]);
    future.status = Status::Scheduled;
    let mut draft = post(27, "en", NOW - 5, vec![2]);
    draft.status = Status::Draft;
    let mut fa = post(28, "fa", NOW - 30, vec![3]);
    fa.slug = "سلام-دنیا".into();
    fa.translation_group = Some(7);
    posts[0].translation_group = Some(7);
    let mut about = post(29, "en", NOW - 1000, vec![]);
    about.kind = "page".into();
    about.slug = "about".into();
    let mut team = post(30, "en", NOW - 1000, vec![]);
    team.kind = "page".into();
    team.slug = "team".into();
    team.parent = Some(29);
    // Children before parents: the store must order the writes itself.
    posts.extend([future, draft, fa, team, about]);
    SiteBundle {
        settings: Some(SiteSettings {
            default_language: "en".into(),
            time_zone: "Europe/Tirane".into(),
        }),
        languages: vec![language("en"), language("fa")],
        kinds: Vec::new(),
        users: vec![User {
            id: 1,
            login: "w".into(),
            slug: "w".into(),
            display_name: "W".into(),
            email: "w@example.org".into(),
            role: Role::Editor,
            bio: String::new(),
        }],
        terms: vec![
            term(2, "en", Taxonomy::Topic, "child", Some(1)),
            term(1, "en", Taxonomy::Topic, "parent", None),
            term(3, "fa", Taxonomy::Topic, "محیط-زیست", None),
        ],
        posts,
        ..SiteBundle::default()
    }
}

pub(crate) fn query(archive: Archive, page: u32) -> ListQuery {
    ListQuery {
        language: "en".into(),
        archive,
        page,
        per_page: 10,
        now: NOW,
    }
}

#[tokio::test]
async fn bundle_round_trips_and_lists_newest_first() {
    for (name, store, _keep) in backends().await {
        assert!(store.is_empty().await.unwrap(), "{name}");
        store.insert_bundle(&bundle()).await.unwrap();
        assert!(!store.is_empty().await.unwrap());
        assert_eq!(store.settings().await.unwrap().time_zone, "Europe/Tirane");
        assert_eq!(store.languages().await.unwrap().len(), 2);
        let page1 = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(
            page1.total, 25,
            "{name}: drafts, future posts and pages excluded"
        );
        let ids: Vec<i64> = page1.posts.iter().map(|p| p.id).collect();
        assert_eq!(ids, (1..=10).collect::<Vec<_>>(), "{name}");
        assert_eq!(page1.posts[0].terms, vec![2]);
        assert_eq!(page1.posts[0].author_name.as_deref(), Some("W"));
        let page3 = store.list_posts(&query(Archive::Home, 3)).await.unwrap();
        assert_eq!(page3.posts.len(), 5);
        let page4 = store.list_posts(&query(Archive::Home, 4)).await.unwrap();
        assert!(page4.posts.is_empty());
        assert_eq!(page4.total, 25);
        let huge = store
            .list_posts(&query(Archive::Home, u32::MAX))
            .await
            .unwrap();
        assert!(huge.posts.is_empty(), "{name}: no overflow on absurd pages");
        let stored = store.post(5).await.unwrap().unwrap();
        assert_eq!(
            stored,
            bundle().posts[4],
            "{name}: a post reads back unchanged"
        );
    }
}

#[tokio::test]
async fn scheduled_posts_appear_when_their_time_comes() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut later = query(Archive::Home, 1);
        later.now = NOW + 120;
        let page = store.list_posts(&later).await.unwrap();
        assert_eq!(page.posts[0].id, 26, "{name}");
        assert_eq!(page.total, 26);
    }
}

#[tokio::test]
async fn topics_nest_and_unicode_slugs_resolve() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let parent = store
            .term_by_slug("en", Taxonomy::Topic, "parent")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(parent.id, 1, "{name}");
        let all = store
            .list_posts(&query(Archive::Topic(parent.id), 1))
            .await
            .unwrap();
        assert_eq!(all.total, 25, "{name}: the parent lists its child's posts");
        let child = store
            .list_posts(&query(Archive::Topic(2), 1))
            .await
            .unwrap();
        assert_eq!(child.total, 24);
        let fa = store
            .term_by_slug("fa", Taxonomy::Topic, "محیط-زیست")
            .await
            .unwrap();
        assert!(fa.is_some(), "{name}");
        assert!(
            store
                .term_by_slug("en", Taxonomy::Topic, "محیط-زیست")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .term_by_slug("en", Taxonomy::Tag, "parent")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn pages_resolve_by_path() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let path = vec!["about".to_owned(), "team".to_owned()];
        let team = store.page_by_path("en", &path, NOW).await.unwrap().unwrap();
        assert_eq!(team.id, 30, "{name}");
        assert_eq!(store.page_path(30).await.unwrap(), path);
        let children = store.child_pages(29, NOW).await.unwrap();
        assert_eq!(children.iter().map(|c| c.id).collect::<Vec<_>>(), vec![30]);
        let config = store.site_config().await.unwrap();
        assert_eq!(config.languages.len(), 2);
        assert_eq!(config.settings.default_language, "en");
        assert!(
            store
                .page_by_path("en", &["team".to_owned()], NOW)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .page_by_path("fa", &path, NOW)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn neighbours_related_and_translations() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let p5 = store.post(5).await.unwrap().unwrap();
        let (older, newer) = store.adjacent_posts(&p5, NOW).await.unwrap();
        assert_eq!(older.map(|p| p.id), Some(6), "{name}");
        assert_eq!(newer.map(|p| p.id), Some(4));
        let p1 = store.post(1).await.unwrap().unwrap();
        let (_, newest) = store.adjacent_posts(&p1, NOW).await.unwrap();
        assert!(
            newest.is_none(),
            "{name}: the future post is not a neighbour yet"
        );
        let related = store.related_posts(&p5, 4, NOW).await.unwrap();
        assert_eq!(
            related.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![1, 2, 3, 4]
        );
        let translations = store.translations(&p1, NOW).await.unwrap();
        assert_eq!(translations.len(), 1);
        assert_eq!(translations[0].language, "fa");
        assert_eq!(translations[0].id, 28);
    }
}

#[tokio::test]
async fn a_failed_bundle_writes_nothing() {
    for (name, store, _keep) in backends().await {
        let mut bad = bundle();
        bad.posts[3].terms = vec![9999];
        let err = store.insert_bundle(&bad).await.unwrap_err();
        assert!(err.to_string().contains("post 4"), "{name}: {err}");
        assert!(store.is_empty().await.unwrap(), "{name}: rolled back");
        assert!(
            store.languages().await.unwrap().is_empty(),
            "{name}: rolled back"
        );
        let mut dup = bundle();
        dup.posts[1].id = 1;
        assert!(store.insert_bundle(&dup).await.is_err());
        assert!(store.is_empty().await.unwrap());
        store.insert_bundle(&bundle()).await.unwrap();
    }
}

#[tokio::test]
async fn search_matches_title_and_body() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let found = store
            .list_posts(&query(Archive::Search("body 12".into()), 1))
            .await
            .unwrap();
        assert_eq!(
            found.posts.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![12],
            "{name}"
        );
        let author = store
            .list_posts(&query(Archive::Author(1), 1))
            .await
            .unwrap();
        assert_eq!(author.total, 25);
    }
}
