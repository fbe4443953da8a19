//! Deep archive pages (read from bookmarks, not with an `OFFSET` from the
//! start) list exactly what the plain reading of the listing would: every page
//! of a few hundred posts with ties in `publish_at`, sticky posts, and posts
//! hidden until their time comes, at several `now`s, before and after writes.

use std::sync::Arc;

use herald_core::{Archive, ListQuery, Post, SiteBundle, Status, Store};

use crate::backends;
use crate::conformance::{self, NOW};

/// 800 public posts, four to each minute (ties broken by id), three of them
/// sticky, 30 scheduled ones (one sticky, one due exactly at `NOW`) and a few
/// drafts, in topics 2 (child of 1) and 1.
fn bundle() -> SiteBundle {
    let mut bundle = conformance::bundle();
    let mut posts: Vec<Post> = (1..=800)
        .map(|id| {
            let topic = if id % 5 == 0 { 1 } else { 2 };
            let mut post = conformance::post(id, "en", NOW - (id / 4) * 60, vec![topic]);
            post.sticky = [5, 300, 640].contains(&id);
            if id % 97 == 0 {
                post.status = Status::Draft;
            }
            post
        })
        .collect();
    for (n, id) in (801..=830).enumerate() {
        let n = i64::try_from(n).unwrap_or(0);
        let mut post = conformance::post(id, "en", NOW + n * 60, vec![2]);
        post.status = Status::Scheduled;
        post.sticky = id == 805;
        posts.push(post);
    }
    bundle.posts = posts;
    bundle
}

/// What the archive lists at `now`: the listing's order over its visible posts.
fn expected(posts: &[Post], archive: &Archive, now: i64) -> Vec<i64> {
    let in_archive = |p: &Post| match archive {
        Archive::Home => true,
        Archive::Topic(1) => true,
        Archive::Topic(id) => p.terms.contains(id),
        _ => false,
    };
    let mut listed: Vec<&Post> = posts
        .iter()
        .filter(|p| matches!(p.status, Status::Published | Status::Scheduled))
        .filter(|p| p.publish_at <= now && in_archive(p))
        .collect();
    let sticky = |p: &Post| p.sticky && *archive == Archive::Home;
    listed.sort_by_key(|p| std::cmp::Reverse((sticky(p), p.publish_at, p.id)));
    listed.iter().map(|p| p.id).collect()
}

/// Every page of `archive` (and the one past the end) matches `expected`.
async fn check_every_page(
    name: &str,
    store: &Arc<dyn Store>,
    posts: &[Post],
    archive: Archive,
    now: i64,
    per_page: u32,
) {
    let all = expected(posts, &archive, now);
    let pages = all.len().div_ceil(per_page as usize) + 1;
    for page in 1..=pages {
        let query = ListQuery {
            language: "en".into(),
            archive: archive.clone(),
            page: u32::try_from(page).expect("a page number"),
            per_page,
            now,
        };
        let listed = store.list_posts(&query).await.expect("a page");
        let ids: Vec<i64> = listed.posts.iter().map(|p| p.id).collect();
        let want: Vec<i64> = all
            .iter()
            .skip((page - 1) * per_page as usize)
            .take(per_page as usize)
            .copied()
            .collect();
        assert_eq!(
            ids, want,
            "{name}: {archive:?} page {page} of {per_page} at now {now}"
        );
        assert_eq!(listed.total, all.len() as u64, "{name}: {archive:?} total");
    }
}

#[tokio::test]
async fn deep_pages_match_the_listing_order_at_every_now() {
    let bundle = bundle();
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle).await.unwrap();
        // Before some published posts' time, at NOW (one scheduled post due),
        // halfway through the scheduled ones, after all of them.
        for now in [NOW - 600, NOW, NOW + 15 * 60, NOW + 10_000] {
            for archive in [Archive::Home, Archive::Topic(1), Archive::Topic(2)] {
                check_every_page(name, &store, &bundle.posts, archive, now, 3).await;
            }
        }
        check_every_page(name, &store, &bundle.posts, Archive::Home, NOW, 7).await;
    }
}

#[tokio::test]
async fn deep_pages_follow_writes() {
    for (name, store, _keep) in backends().await {
        let mut posts = bundle().posts;
        store
            .insert_bundle(&SiteBundle {
                posts: posts.clone(),
                ..bundle()
            })
            .await
            .unwrap();
        // Bookmarks are built, then the archive changes under them.
        check_every_page(name, &store, &posts, Archive::Home, NOW, 3).await;
        store
            .set_status(&[700, 3], Status::Trash, NOW)
            .await
            .unwrap();
        for post in posts.iter_mut().filter(|p| [700, 3].contains(&p.id)) {
            post.status = Status::Trash;
        }
        check_every_page(name, &store, &posts, Archive::Home, NOW, 3).await;
        check_every_page(name, &store, &posts, Archive::Topic(2), NOW, 3).await;
        // Deleting for good removes listing rows by cascade.
        assert_eq!(store.delete_posts(&[700]).await.unwrap(), 1, "{name}");
        posts.retain(|p| p.id != 700);
        store
            .set_status(&[3], Status::Published, NOW)
            .await
            .unwrap();
        for post in posts.iter_mut().filter(|p| p.id == 3) {
            post.status = Status::Published;
        }
        check_every_page(name, &store, &posts, Archive::Home, NOW, 3).await;
        check_every_page(name, &store, &posts, Archive::Topic(1), NOW, 3).await;
    }
}

#[tokio::test]
async fn another_instances_writes_reach_deep_pages() {
    let Some(schema) = herald_store::test_support::fresh_postgres_schema().await else {
        return;
    };
    let reader = herald_store::open(schema.url()).await.unwrap();
    let writer = herald_store::open(schema.url()).await.unwrap();
    let mut posts = bundle().posts;
    writer.insert_bundle(&bundle()).await.unwrap();
    check_every_page("postgres", &reader, &posts, Archive::Home, NOW, 3).await;
    writer.set_status(&[650], Status::Trash, NOW).await.unwrap();
    posts.retain(|p| p.id != 650);
    check_every_page("postgres", &reader, &posts, Archive::Home, NOW, 3).await;
}

#[tokio::test]
async fn bookmarks_among_many_sticky_posts() {
    let mut bundle = bundle();
    for post in bundle.posts.iter_mut().filter(|p| p.id % 2 == 0) {
        post.sticky = true;
    }
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle).await.unwrap();
        for now in [NOW - 600, NOW + 15 * 60] {
            check_every_page(name, &store, &bundle.posts, Archive::Home, now, 3).await;
        }
    }
}

/// Related posts: the newest public posts sharing a term, the same whether
/// the store reads them newest first (common terms) or by id (rare ones).
#[tokio::test]
async fn related_posts_of_common_and_rare_terms() {
    let mut bundle = bundle();
    bundle.terms.push(herald_core::Term {
        id: 9,
        language: "en".into(),
        taxonomy: herald_core::Taxonomy::Tag,
        slug: "rare".into(),
        name: "rare".into(),
        description: String::new(),
        parent: None,
    });
    for post in bundle.posts.iter_mut() {
        match post.id {
            100 => post.terms = vec![9],
            200 | 300 | 815 => post.terms.push(9),
            _ => {}
        }
    }
    let expected = |of: &Post, limit: usize| -> Vec<i64> {
        let mut related: Vec<&Post> = bundle
            .posts
            .iter()
            .filter(|p| p.id != of.id && p.terms.iter().any(|t| of.terms.contains(t)))
            .filter(|p| matches!(p.status, Status::Published | Status::Scheduled))
            .filter(|p| p.publish_at <= NOW)
            .collect();
        related.sort_by_key(|p| std::cmp::Reverse((p.publish_at, p.id)));
        related.iter().take(limit).map(|p| p.id).collect()
    };
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle).await.unwrap();
        for id in [100, 200, 5, 640] {
            let post = store.post(id).await.unwrap().unwrap();
            let related = store.related_posts(&post, 4, NOW).await.unwrap();
            let ids: Vec<i64> = related.iter().map(|p| p.id).collect();
            assert_eq!(ids, expected(&post, 4), "{name}: related posts of {id}");
        }
    }
}
