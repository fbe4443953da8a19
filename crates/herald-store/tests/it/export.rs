//! Export and clear, on every backend: a site written, read back whole, wiped
//! and written again comes back exactly; and a site copied from one backend to
//! the other lists the same pages.

use herald_core::calendar::{Calendar, Digits};
use herald_core::{
    Archive, BodyFormat, Comment, CommentStatus, ImportOrigin, Kind, Media, MenuItem, PostMeta,
    Redirect, SiteBundle, Status, Store, Taxonomy, Term,
};

use crate::backends;
use crate::conformance::{NOW, bundle, query};

/// The conformance bundle with every field and kind of row exercised.
fn rich_bundle() -> SiteBundle {
    let mut b = bundle();
    b.kinds = vec![
        Kind {
            slug: "video".into(),
            labels: vec![
                ("en".into(), "Videos".into()),
                ("fa".into(), "ویدیو".into()),
            ],
        },
        Kind {
            slug: "news".into(),
            labels: Vec::new(),
        },
    ];
    let fa = &mut b.languages[1];
    fa.calendar = Calendar::SolarHijri;
    fa.digits = Digits::Persian;
    fa.position = 1;
    fa.read_more = "ادامه…".into();
    fa.menu = vec![MenuItem {
        label: "محیط زیست".into(),
        url: "/fa/topic/محیط-زیست/".into(),
    }];
    b.terms.push(Term {
        id: 40,
        language: "en".into(),
        taxonomy: Taxonomy::Tag,
        slug: "élan-ü".into(),
        name: "Élan".into(),
        description: "A tag with <b>markup</b> & ampersands".into(),
        parent: None,
    });
    let p = &mut b.posts[2];
    p.sticky = true;
    p.terms = vec![40, 2];
    p.featured_image = Some("/media/2026/01/a.jpg".into());
    p.featured_alt = "A picture".into();
    p.format = BodyFormat::Html;
    p.body = "<p>Raw <em>HTML</em> from an import</p><!--more--><p>rest</p>".into();
    p.excerpt = "A manual excerpt".into();
    p.comments_open = false;
    p.kind = "video".into();
    p.author = None;
    for (index, status) in [
        (5, Status::Private),
        (6, Status::Trash),
        (7, Status::Pending),
    ] {
        b.posts[index].status = status;
    }
    b.posts[8].updated_at = NOW + 3600;
    b.posts[9].title = "Ünïcödé — \"quotes\" 'and' \\ backslashes; DROP TABLE posts;".into();
    let post = b.posts[0].id;
    let comment = |id, parent, status| Comment {
        id,
        post_id: post,
        parent,
        author_name: format!("Reader {id}"),
        author_email: "reader@example.org".into(),
        author_url: String::new(),
        author_ip: "192.0.2.7".into(),
        user_id: None,
        created_at: NOW - 100 + id,
        body: "A reply with <b>bold</b> & emoji 🌱".into(),
        status,
        kind: "comment".into(),
    };
    // A reply before its parent: the store orders the writes.
    b.comments = vec![
        comment(7, Some(5), CommentStatus::Approved),
        comment(5, None, CommentStatus::Approved),
        comment(9, None, CommentStatus::Pending),
    ];
    b.media = vec![Media {
        id: 300,
        post_id: Some(post),
        url: "/uploads/2019/03/a.jpg".into(),
        original_url: "https://old.example.org/wp-content/uploads/2019/03/a.jpg".into(),
        title: "A".into(),
        alt: "An alt".into(),
        caption: "A caption".into(),
        description: String::new(),
        mime: "image/jpeg".into(),
        uploaded_at: NOW - 5000,
    }];
    b.post_meta = vec![
        PostMeta {
            post_id: post,
            key: "_thumbnail_id".into(),
            value: "300".into(),
        },
        PostMeta {
            post_id: post,
            key: "views".into(),
            value: "12".into(),
        },
    ];
    b.redirects = vec![Redirect {
        from: "/2019/03/04/hello".into(),
        to: format!("/en/posts/{post}"),
    }];
    b.import_origins = vec![ImportOrigin {
        source: "https://old.example.org".into(),
        kind: "post".into(),
        old_id: post.to_string(),
        new_id: post,
    }];
    b
}

/// What an export of `b` must equal: rows by id, each post's terms ascending.
fn normalised(mut b: SiteBundle) -> SiteBundle {
    b.languages
        .sort_by(|x, y| (x.position, &x.code).cmp(&(y.position, &y.code)));
    b.users.sort_by_key(|u| u.id);
    b.terms.sort_by_key(|t| t.id);
    b.posts.sort_by_key(|p| p.id);
    for post in &mut b.posts {
        post.terms.sort_unstable();
    }
    b.comments.sort_by_key(|c| (c.post_id, c.created_at, c.id));
    b.media.sort_by_key(|m| m.id);
    b.redirects.sort_by(|x, y| x.from.cmp(&y.from));
    b
}

#[tokio::test]
async fn an_empty_store_exports_an_empty_bundle() {
    for (name, store, _keep) in backends().await {
        let exported = store.export_bundle().await.unwrap();
        assert_eq!(exported, SiteBundle::default(), "{name}");
    }
}

#[tokio::test]
async fn export_clear_and_insert_round_trip_exactly() {
    for (name, store, _keep) in backends().await {
        let rich = rich_bundle();
        store.insert_bundle(&rich).await.unwrap();
        let exported = store.export_bundle().await.unwrap();
        assert_eq!(
            exported,
            normalised(rich),
            "{name}: export reads back every field"
        );

        store.clear().await.unwrap();
        assert!(store.is_empty().await.unwrap(), "{name}");
        assert!(store.languages().await.unwrap().is_empty(), "{name}");
        assert!(store.kinds().await.unwrap().is_empty(), "{name}");
        assert!(store.user(1).await.unwrap().is_none(), "{name}");
        assert_eq!(
            store.export_bundle().await.unwrap(),
            SiteBundle::default(),
            "{name}: clear leaves nothing"
        );
        let home = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(home.total, 0, "{name}: listings cleared too");

        store.insert_bundle(&exported).await.unwrap();
        assert_eq!(
            store.export_bundle().await.unwrap(),
            exported,
            "{name}: insert_bundle(export_bundle()) reproduces the site"
        );
        let home = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(
            home.posts[0].id, 3,
            "{name}: the sticky post leads the home"
        );
    }
}

#[tokio::test]
async fn a_site_copied_between_backends_lists_the_same() {
    let stores = backends().await;
    let [(_, from, _), (_, to, _)] = stores.as_slice() else {
        return; // only one backend here
    };
    from.insert_bundle(&rich_bundle()).await.unwrap();
    let exported = from.export_bundle().await.unwrap();
    to.insert_bundle(&exported).await.unwrap();
    assert_eq!(to.export_bundle().await.unwrap(), exported);
    for archive in [
        Archive::Home,
        Archive::Topic(1),
        Archive::Topic(2),
        Archive::Tag(40),
        Archive::Author(1),
        Archive::Kind("video".into()),
        Archive::Kind("post".into()),
        Archive::Search("BODY 1".into()),
        // Same case as stored: PostgreSQL's lower() also folds non-ASCII
        // letters, SQLite's only ASCII ones.
        Archive::Search("Ünïcödé".into()),
    ] {
        for page in [1, 2, 3] {
            let q = query(archive.clone(), page);
            assert_eq!(
                from.list_posts(&q).await.unwrap(),
                to.list_posts(&q).await.unwrap(),
                "{archive:?} page {page}"
            );
        }
    }
    for id in [1, 5, 12, 28] {
        same_post_pages(from.as_ref(), to.as_ref(), id).await;
    }
    assert_eq!(
        from.topics("en").await.unwrap(),
        to.topics("en").await.unwrap()
    );
    assert_eq!(
        from.site_config().await.unwrap(),
        to.site_config().await.unwrap()
    );
}

/// What a post page reads is the same on both stores.
async fn same_post_pages(from: &dyn Store, to: &dyn Store, id: i64) {
    let post = from.post(id).await.expect("read").expect("the post");
    assert_eq!(Some(&post), to.post(id).await.expect("read").as_ref());
    assert_eq!(
        from.adjacent_posts(&post, NOW).await.expect("read"),
        to.adjacent_posts(&post, NOW).await.expect("read")
    );
    assert_eq!(
        from.related_posts(&post, 5, NOW).await.expect("read"),
        to.related_posts(&post, 5, NOW).await.expect("read")
    );
    assert_eq!(
        from.translations(&post, NOW).await.expect("read"),
        to.translations(&post, NOW).await.expect("read")
    );
    assert_eq!(
        from.terms_by_ids(&post.terms).await.expect("read"),
        to.terms_by_ids(&post.terms).await.expect("read")
    );
}
