//! Sitemap reads on every backend: only public posts, keyset paging by id,
//! translations, files split by id, and topics and tags with public posts.

use herald_core::sitemap::{SitemapFile, SitemapQuery, SitemapSection};
use herald_core::{Status, Store, Taxonomy};

use crate::backends;
use crate::conformance::{NOW, bundle, post};

fn query(language: &str, pages: bool) -> SitemapQuery {
    SitemapQuery {
        language: language.into(),
        pages,
        after: 0,
        through: 50_000,
        since: None,
        limit: 50_000,
        now: NOW,
    }
}

async fn ids(store: &dyn Store, q: &SitemapQuery) -> Vec<i64> {
    let entries = store.sitemap_entries(q).await.expect("store");
    entries.iter().map(|e| e.id).collect()
}

#[tokio::test]
async fn entries_are_public_posts_by_id_with_translations() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let q = query("en", false);
        assert_eq!(
            ids(&*store, &q).await,
            (1..=25).collect::<Vec<_>>(),
            "{name}: no draft, no future post, no page"
        );
        let entries = store.sitemap_entries(&q).await.unwrap();
        assert_eq!(entries[0].translations, vec![("fa".into(), 28)], "{name}");
        assert!(entries[1].translations.is_empty(), "{name}");
        assert_eq!(entries[0].updated_at, NOW - 60, "{name}");
        assert_eq!(entries[0].title, "Post 1", "{name}");

        let fa = store.sitemap_entries(&query("fa", false)).await.unwrap();
        assert_eq!(fa.len(), 1, "{name}");
        assert_eq!(fa[0].translations, vec![("en".into(), 1)], "{name}");

        let later = SitemapQuery {
            now: NOW + 60,
            ..q.clone()
        };
        assert!(
            ids(&*store, &later).await.contains(&26),
            "{name}: a scheduled post once its time has come"
        );
        store
            .set_status(&[3, 4], Status::Private, NOW)
            .await
            .unwrap();
        store.set_status(&[5], Status::Trash, NOW).await.unwrap();
        let left = ids(&*store, &q).await;
        for gone in [3, 4, 5] {
            assert!(!left.contains(&gone), "{name}: {gone} is not public");
        }
    }
}

#[tokio::test]
async fn entries_page_by_id_and_filter_by_time() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let first = SitemapQuery {
            limit: 10,
            ..query("en", false)
        };
        assert_eq!(ids(&*store, &first).await, (1..=10).collect::<Vec<_>>());
        let next = SitemapQuery {
            after: 10,
            ..first.clone()
        };
        assert_eq!(ids(&*store, &next).await, (11..=20).collect::<Vec<_>>());
        let upto = SitemapQuery {
            through: 5,
            ..first.clone()
        };
        assert_eq!(ids(&*store, &upto).await, (1..=5).collect::<Vec<_>>());
        let recent = SitemapQuery {
            since: Some(NOW - 300),
            ..query("en", false)
        };
        assert_eq!(ids(&*store, &recent).await, (1..=5).collect::<Vec<_>>());
        let pages = store.sitemap_entries(&query("en", true)).await.unwrap();
        let shape: Vec<(i64, &str, Option<i64>)> = pages
            .iter()
            .map(|p| (p.id, p.slug.as_str(), p.parent))
            .collect();
        assert_eq!(
            shape,
            vec![(29, "about", None), (30, "team", Some(29))],
            "{name}"
        );
    }
}

fn sections(files: &[SitemapFile]) -> Vec<(SitemapSection, u64)> {
    files.iter().map(|f| (f.section, f.urls)).collect()
}

#[tokio::test]
async fn files_split_posts_by_id_and_list_only_what_has_urls() {
    for (name, store, _keep) in backends().await {
        let mut site = bundle();
        let mut far = post(120_000, "en", NOW - 10, vec![]);
        far.slug = "far".into();
        far.updated_at = NOW - 5;
        site.posts.push(far);
        store.insert_bundle(&site).await.unwrap();
        let en = store.sitemap_files("en", NOW).await.unwrap();
        assert_eq!(
            sections(&en),
            vec![
                (SitemapSection::Posts(1), 25),
                (SitemapSection::Posts(3), 1),
                (SitemapSection::Pages, 2),
                (SitemapSection::Topics, 2),
            ],
            "{name}: no file 2, no tags"
        );
        assert_eq!(en[0].last_modified, NOW - 60, "{name}");
        assert_eq!(en[1].last_modified, NOW - 5, "{name}");
        assert_eq!(en[3].last_modified, NOW - 60, "{name}");
        let fa = store.sitemap_files("fa", NOW).await.unwrap();
        assert_eq!(
            sections(&fa),
            vec![(SitemapSection::Posts(1), 1), (SitemapSection::Topics, 1)],
            "{name}"
        );
        let before = store.sitemap_files("en", NOW - 100_000).await.unwrap();
        assert!(before.is_empty(), "{name}: nothing public yet");
    }
}

#[tokio::test]
async fn terms_are_those_with_public_posts() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let topics = store
            .sitemap_terms("en", Taxonomy::Topic, 100, NOW)
            .await
            .unwrap();
        let slugs: Vec<&str> = topics.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["child", "parent"], "{name}");
        assert_eq!(
            topics[1].last_modified,
            NOW - 60,
            "{name}: the parent counts its child's posts"
        );
        let limited = store
            .sitemap_terms("en", Taxonomy::Topic, 1, NOW)
            .await
            .unwrap();
        assert_eq!(limited.len(), 1, "{name}");
        assert!(
            store
                .sitemap_terms("en", Taxonomy::Tag, 100, NOW)
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
    }
}
