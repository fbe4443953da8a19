//! Imports on every backend: steps fed one by one land in one transaction,
//! running the same import again updates instead of duplicating, and a
//! failure anywhere leaves the store as it was.

use herald_core::{
    Archive, Comment, CommentStatus, ImportOp, ImportOrigin, Media, Redirect, Role, SiteBundle,
    Taxonomy, Term, User,
};

use crate::backends;
use crate::conformance::{NOW, bundle, language, query};

const SOURCE: &str = "https://old.example.org";

fn ops(title: &str) -> Vec<ImportOp> {
    let mut post = bundle().posts.remove(0);
    post.id = 500;
    post.slug = "imported".into();
    post.title = title.into();
    post.author = Some(70);
    post.terms = vec![81, 80];
    post.parent = None;
    let mut page = bundle().posts.remove(0);
    page.id = 501;
    page.kind = "page".into();
    page.slug = "about".into();
    page.terms = Vec::new();
    page.author = None;
    let comment = |id, parent| Comment {
        id,
        post_id: 500,
        parent,
        author_name: "Reader".into(),
        author_email: String::new(),
        author_url: String::new(),
        author_ip: String::new(),
        user_id: None,
        created_at: NOW - 10 + id,
        body: "Thanks".into(),
        status: CommentStatus::Approved,
        kind: "comment".into(),
    };
    vec![
        ImportOp::Settings(herald_core::SiteSettings::default()),
        ImportOp::Language(language("en")),
        ImportOp::User(User {
            id: 70,
            login: "writer".into(),
            slug: "writer".into(),
            display_name: "A Writer".into(),
            email: "writer@example.org".into(),
            role: Role::Author,
            bio: String::new(),
        }),
        // Parents before children, as the importer orders them.
        ImportOp::Term(Term {
            id: 80,
            language: "en".into(),
            taxonomy: Taxonomy::Topic,
            slug: "news".into(),
            name: "News".into(),
            description: String::new(),
            parent: None,
        }),
        ImportOp::Term(Term {
            id: 81,
            language: "en".into(),
            taxonomy: Taxonomy::Topic,
            slug: "local".into(),
            name: "Local".into(),
            description: String::new(),
            parent: Some(80),
        }),
        ImportOp::Post {
            post: Box::new(post),
            meta: vec![
                ("views".into(), "3".into()),
                ("_edit_lock".into(), "x".into()),
            ],
        },
        ImportOp::Post {
            post: Box::new(page),
            meta: Vec::new(),
        },
        ImportOp::Parent {
            post: 501,
            parent: None,
        },
        ImportOp::Comment(comment(900, None)),
        ImportOp::Comment(comment(901, Some(900))),
        ImportOp::Media(Media {
            id: 502,
            post_id: Some(500),
            url: "https://old.example.org/wp-content/uploads/a.jpg".into(),
            original_url: "https://old.example.org/wp-content/uploads/a.jpg".into(),
            title: "A".into(),
            alt: String::new(),
            caption: String::new(),
            description: String::new(),
            mime: "image/jpeg".into(),
            uploaded_at: NOW,
        }),
        ImportOp::Redirect(Redirect {
            from: "/2019/03/04/imported".into(),
            to: "/en/posts/500".into(),
        }),
        ImportOp::Origin(ImportOrigin {
            source: SOURCE.into(),
            kind: "post".into(),
            old_id: "12".into(),
            new_id: 500,
        }),
    ]
}

fn feed(ops: Vec<ImportOp>) -> Box<dyn herald_core::ImportFeed> {
    Box::new(ops.into_iter().map(Ok))
}

#[tokio::test]
async fn an_import_lands_whole_and_a_second_run_updates_in_place() {
    for (name, store, _keep) in backends().await {
        store.import(feed(ops("First title"))).await.unwrap();
        let post = store.post(500).await.unwrap().expect("imported post");
        assert_eq!(post.title, "First title", "{name}");
        assert_eq!(post.terms, vec![80, 81], "{name}");
        let topic = store
            .list_posts(&query(Archive::Topic(80), 1))
            .await
            .unwrap();
        assert_eq!(
            topic.total, 1,
            "{name}: listings rebuilt, child topic counts"
        );
        let comments = store.comments(500, None).await.unwrap();
        assert_eq!(comments.len(), 2, "{name}");
        assert_eq!(comments[1].parent, Some(900), "{name}");
        assert_eq!(
            store
                .redirect("/2019/03/04/imported")
                .await
                .unwrap()
                .as_deref(),
            Some("/en/posts/500"),
            "{name}"
        );
        assert_eq!(store.redirect("/nothing").await.unwrap(), None, "{name}");
        let state = store.import_state(SOURCE).await.unwrap();
        assert_eq!(state.origins.len(), 1, "{name}");
        assert_eq!(state.post_ids, vec![500, 501], "{name}");
        assert_eq!(state.media_ids, vec![502], "{name}");
        assert!(state.settings.is_some(), "{name}");
        assert!(
            store
                .import_state("elsewhere")
                .await
                .unwrap()
                .origins
                .is_empty()
        );

        let before = store.export_bundle().await.unwrap();
        store.import(feed(ops("Second title"))).await.unwrap();
        let after = store.export_bundle().await.unwrap();
        assert_eq!(
            after.posts.len(),
            before.posts.len(),
            "{name}: nothing added twice"
        );
        assert_eq!(after.comments.len(), 2, "{name}");
        assert_eq!(
            after.post_meta.len(),
            2,
            "{name}: metadata replaced, not added"
        );
        assert_eq!(after.terms.len(), 2, "{name}");
        assert_eq!(
            store.post(500).await.unwrap().map(|p| p.title),
            Some("Second title".into()),
            "{name}: what changed is updated"
        );
    }
}

#[tokio::test]
async fn a_failed_import_writes_nothing() {
    for (name, store, _keep) in backends().await {
        // The reader stops with an error after many steps.
        let mut steps: Vec<Result<ImportOp, String>> = ops("T").into_iter().map(Ok).collect();
        steps.push(Err("line 9, column 3: the file ends inside an item".into()));
        let err = store
            .import(Box::new(steps.into_iter()))
            .await
            .expect_err("the feed's error stops the import");
        assert!(
            err.to_string().contains("line 9, column 3"),
            "{name}: {err}"
        );
        assert_eq!(
            store.export_bundle().await.unwrap(),
            SiteBundle::default(),
            "{name}"
        );

        // A step that breaks a rule: a post in a language the site lacks.
        let mut bad = ops("T");
        if let ImportOp::Post { post, .. } = &mut bad[5] {
            post.language = "xx".into();
        }
        assert!(store.import(feed(bad)).await.is_err(), "{name}");
        assert_eq!(
            store.export_bundle().await.unwrap(),
            SiteBundle::default(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn imported_settings_and_languages_never_replace_the_sites_own() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let settings = store.settings().await.unwrap();
        let mut en = language("en");
        en.site_name = "Another name".into();
        let steps = vec![
            ImportOp::Settings(herald_core::SiteSettings {
                default_language: "en".into(),
                time_zone: "Asia/Tehran".into(),
            }),
            ImportOp::Language(en),
        ];
        store.import(feed(steps)).await.unwrap();
        assert_eq!(store.settings().await.unwrap(), settings, "{name}");
        let languages = store.languages().await.unwrap();
        assert_ne!(languages[0].site_name, "Another name", "{name}");
    }
}
