//! Saving one post from the editor, on every backend: new ids, stale edits,
//! and every refusal leaving the database as it was.

use herald_core::{AdminPostFilter, Archive, Status, Store, StoreError};

use crate::backends;
use crate::conformance::{NOW, bundle, post, query};

async fn total(store: &dyn Store) -> u64 {
    store
        .admin_posts(&AdminPostFilter {
            page: 1,
            per_page: 10,
            ..AdminPostFilter::default()
        })
        .await
        .expect("store")
        .total
}

async fn listed(store: &dyn Store, archive: Archive) -> Vec<i64> {
    let mut q = query(archive, 1);
    q.per_page = 100;
    let page = store.list_posts(&q).await.expect("store");
    page.posts.iter().map(|p| p.id).collect()
}

#[tokio::test]
async fn a_new_post_gets_the_next_id_and_is_listed() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut new = post(0, "en", NOW - 1, vec![1, 1]);
        new.slug = "fresh".into();
        let id = store.save_post(&new, None).await.unwrap();
        assert_eq!(id, 31, "{name}: after the largest id");
        let stored = store.post(id).await.unwrap().unwrap();
        assert_eq!(stored.slug, "fresh", "{name}");
        assert_eq!(stored.terms, [1], "{name}: repeated terms kept once");
        assert_eq!(listed(&*store, Archive::Home).await[0], id, "{name}");
        assert!(
            listed(&*store, Archive::Topic(1)).await.contains(&id),
            "{name}"
        );
        let second = store
            .save_post(
                &herald_core::Post {
                    slug: "fresh-2".into(),
                    ..new.clone()
                },
                None,
            )
            .await
            .unwrap();
        assert_eq!(second, 32, "{name}");
    }
}

#[tokio::test]
async fn an_update_replaces_fields_terms_and_listings() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut edited = store.post(3).await.unwrap().unwrap();
        let read_at = edited.updated_at;
        edited.title = "Edited".into();
        edited.terms = vec![1];
        edited.updated_at = NOW + 500;
        assert_eq!(store.save_post(&edited, Some(read_at)).await.unwrap(), 3);
        let stored = store.post(3).await.unwrap().unwrap();
        assert_eq!(stored, edited, "{name}");
        assert!(
            !listed(&*store, Archive::Topic(2)).await.contains(&3),
            "{name}"
        );
        assert!(
            listed(&*store, Archive::Topic(1)).await.contains(&3),
            "{name}"
        );

        edited.status = Status::Draft;
        edited.updated_at = NOW + 600;
        store.save_post(&edited, Some(NOW + 500)).await.unwrap();
        assert!(!listed(&*store, Archive::Home).await.contains(&3), "{name}");
    }
}

#[tokio::test]
async fn a_stale_save_is_a_conflict_and_changes_nothing() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let original = store.post(4).await.unwrap().unwrap();
        let mut first = original.clone();
        first.title = "First".into();
        first.updated_at = NOW + 10;
        store
            .save_post(&first, Some(original.updated_at))
            .await
            .unwrap();
        let mut second = original.clone();
        second.title = "Second".into();
        second.updated_at = NOW + 20;
        let err = store
            .save_post(&second, Some(original.updated_at))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{name}: {err:?}");
        let err = store.save_post(&second, None).await.unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{name}: {err:?}");
        assert_eq!(store.post(4).await.unwrap().unwrap(), first, "{name}");
    }
}

#[tokio::test]
async fn bad_posts_are_refused_and_nothing_is_written() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let before = total(&*store).await;
        let original = store.post(5).await.unwrap().unwrap();

        let mut duplicate = post(0, "en", NOW, vec![]);
        duplicate.slug = "post-7".into();
        let err = store.save_post(&duplicate, None).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "the slug `post-7` is already used by post 7 in en",
            "{name}"
        );
        let mut renamed = original.clone();
        renamed.slug = "post-6".into();
        let err = store
            .save_post(&renamed, Some(original.updated_at))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{name}: {err:?}");

        let mut unknown_term = post(0, "en", NOW, vec![2, 99]);
        unknown_term.slug = "new-one".into();
        let err = store.save_post(&unknown_term, None).await.unwrap_err();
        assert!(err.to_string().contains("99"), "{name}: {err}");
        let mut other_language = original.clone();
        other_language.terms = vec![3];
        let err = store
            .save_post(&other_language, Some(original.updated_at))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{name}: {err:?}");
        let mut unknown_author = unknown_term.clone();
        unknown_author.terms = vec![];
        unknown_author.author = Some(42);
        let err = store.save_post(&unknown_author, None).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{name}: {err:?}");
        let err = store
            .save_post(&post(999, "en", NOW, vec![]), Some(NOW))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{name}: {err:?}");

        assert_eq!(total(&*store).await, before, "{name}");
        assert_eq!(store.post(5).await.unwrap().unwrap(), original, "{name}");

        // The same slug is free in another language and for a page.
        let mut fa = post(0, "fa", NOW - 1, vec![3]);
        fa.slug = "post-7".into();
        store.save_post(&fa, None).await.unwrap();
        let mut page = post(0, "en", NOW - 1, vec![]);
        page.kind = "page".into();
        page.slug = "post-7".into();
        store.save_post(&page, None).await.unwrap();
    }
}
