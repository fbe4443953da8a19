//! The admin posts list and bulk status changes, on every backend.

use herald_core::{AdminPostFilter, Archive, Status};

use crate::backends;
use crate::conformance::{NOW, bundle, query};

fn filter() -> AdminPostFilter {
    AdminPostFilter {
        page: 1,
        per_page: 10,
        ..AdminPostFilter::default()
    }
}

#[tokio::test]
async fn the_admin_list_filters_and_pages() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let all = store.admin_posts(&filter()).await.unwrap();
        assert_eq!(all.total, 28, "{name}: every non-page post, any status");
        let ids: Vec<i64> = all.posts.iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [26, 27, 28, 1, 2, 3, 4, 5, 6, 7],
            "{name}: newest update first"
        );
        assert_eq!(all.posts[1].status, Status::Draft);
        assert_eq!(all.posts[0].author_name.as_deref(), Some("W"));
        assert_eq!(all.posts[0].updated_at, NOW + 60);

        let page3 = store
            .admin_posts(&AdminPostFilter {
                page: 3,
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(page3.posts.len(), 8, "{name}");
        let huge = store
            .admin_posts(&AdminPostFilter {
                page: u32::MAX,
                ..filter()
            })
            .await
            .unwrap();
        assert!(huge.posts.is_empty() && huge.total == 28, "{name}");

        let drafts = store
            .admin_posts(&AdminPostFilter {
                status: Some(Status::Draft),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(drafts.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [27]);

        let fa = store
            .admin_posts(&AdminPostFilter {
                language: Some("fa".into()),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(fa.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [28]);

        let topic = store
            .admin_posts(&AdminPostFilter {
                topic: Some(1),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(topic.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [25]);

        let nobody = store
            .admin_posts(&AdminPostFilter {
                author: Some(2),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(nobody.total, 0, "{name}");
        let mine = store
            .admin_posts(&AdminPostFilter {
                author: Some(1),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(mine.total, 28, "{name}");

        let text = store
            .admin_posts(&AdminPostFilter {
                text: Some("BODY 12".into()),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(text.posts.iter().map(|p| p.id).collect::<Vec<_>>(), [12]);

        let pages = store
            .admin_posts(&AdminPostFilter {
                kind_pages: true,
                ..filter()
            })
            .await
            .unwrap();
        let mut page_ids: Vec<i64> = pages.posts.iter().map(|p| p.id).collect();
        page_ids.sort_unstable();
        assert_eq!(page_ids, [29, 30], "{name}");
    }
}

#[tokio::test]
async fn trash_and_restore_change_public_listings_at_once() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let changed = store
            .set_status(&[1, 25, 9999], Status::Trash, NOW + 1)
            .await
            .unwrap();
        assert_eq!(changed, 2, "{name}: unknown ids ignored and not counted");
        let home = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(home.total, 23, "{name}");
        assert!(home.posts.iter().all(|p| p.id != 1));
        let topic = store
            .list_posts(&query(Archive::Topic(1), 1))
            .await
            .unwrap();
        assert!(
            topic.posts.iter().all(|p| p.id != 25 && p.id != 1),
            "{name}"
        );
        assert_eq!(topic.total, 23, "{name}");

        let listed = store.admin_posts(&filter()).await.unwrap();
        assert_eq!(listed.total, 26, "{name}: trash hidden by default");
        let trash = store
            .admin_posts(&AdminPostFilter {
                status: Some(Status::Trash),
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(
            trash.posts.iter().map(|p| p.id).collect::<Vec<_>>(),
            [25, 1]
        );
        let with_trash = store
            .admin_posts(&AdminPostFilter {
                include_trash: true,
                ..filter()
            })
            .await
            .unwrap();
        assert_eq!(with_trash.total, 28, "{name}");
        assert_eq!(with_trash.posts[0].updated_at, NOW + 60);
        assert_eq!(store.post(1).await.unwrap().unwrap().updated_at, NOW + 1);

        let restored = store
            .set_status(&[1, 1], Status::Draft, NOW + 2)
            .await
            .unwrap();
        assert_eq!(restored, 1, "{name}");
        assert_eq!(store.post(1).await.unwrap().unwrap().status, Status::Draft);
        let home = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(home.total, 23, "{name}: a draft stays off the site");

        store
            .set_status(&[1], Status::Published, NOW + 3)
            .await
            .unwrap();
        let home = store.list_posts(&query(Archive::Home, 1)).await.unwrap();
        assert_eq!(home.total, 24, "{name}: published again, listed again");
        assert_eq!(home.posts[0].id, 1);
        assert_eq!(store.set_status(&[], Status::Trash, NOW).await.unwrap(), 0);
    }
}
