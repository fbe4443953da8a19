//! Sign-in sessions and login failure counts: what the login layer relies on,
//! the same on every backend.

use herald_core::{NewUser, Role, Session, StoreError};

use crate::backends;

fn user(login: &str) -> NewUser {
    NewUser {
        login: login.into(),
        slug: login.into(),
        display_name: login.into(),
        email: format!("{login}@example.org"),
        role: Role::Editor,
        password_hash: None,
    }
}

fn session(token_hash: &str, user_id: i64, at: i64) -> Session {
    Session {
        token_hash: token_hash.into(),
        user_id,
        csrf_token: format!("csrf-{token_hash}"),
        created_at: at,
        last_seen_at: at,
    }
}

#[tokio::test]
async fn sessions_are_created_touched_and_deleted() {
    for (name, store, _keep) in backends().await {
        let sara = store.create_user(&user("sara")).await.unwrap();
        let s = session("h1", sara, 100);
        store.create_session(&s).await.unwrap();
        assert_eq!(
            store.session("h1").await.unwrap(),
            Some(s.clone()),
            "{name}"
        );
        assert_eq!(store.session("h2").await.unwrap(), None, "{name}");

        store.touch_session("h1", 250).await.unwrap();
        let touched = store.session("h1").await.unwrap().unwrap();
        assert_eq!(touched.last_seen_at, 250, "{name}");
        assert_eq!(touched.created_at, 100, "{name}");
        // Touching or deleting a session that is gone is not an error.
        store.touch_session("gone", 250).await.unwrap();
        store.delete_session("gone").await.unwrap();

        store.delete_session("h1").await.unwrap();
        assert_eq!(store.session("h1").await.unwrap(), None, "{name}");
    }
}

#[tokio::test]
async fn a_duplicate_or_orphan_session_is_refused() {
    for (name, store, _keep) in backends().await {
        let sara = store.create_user(&user("sara")).await.unwrap();
        store.create_session(&session("h1", sara, 1)).await.unwrap();
        let twice = store.create_session(&session("h1", sara, 2)).await;
        assert!(
            matches!(twice, Err(StoreError::Invalid(_))),
            "{name}: {twice:?}"
        );
        let orphan = store.create_session(&session("h2", sara + 100, 2)).await;
        assert!(
            matches!(orphan, Err(StoreError::Invalid(_))),
            "{name}: {orphan:?}"
        );
        assert_eq!(store.session("h1").await.unwrap().unwrap().created_at, 1);
    }
}

#[tokio::test]
async fn logging_out_everywhere_ends_only_that_users_sessions() {
    for (name, store, _keep) in backends().await {
        let sara = store.create_user(&user("sara")).await.unwrap();
        let reza = store.create_user(&user("reza")).await.unwrap();
        for (hash, owner) in [("s1", sara), ("s2", sara), ("r1", reza)] {
            store
                .create_session(&session(hash, owner, 1))
                .await
                .unwrap();
        }
        store.delete_user_sessions(sara).await.unwrap();
        assert_eq!(store.session("s1").await.unwrap(), None, "{name}");
        assert_eq!(store.session("s2").await.unwrap(), None, "{name}");
        assert!(store.session("r1").await.unwrap().is_some(), "{name}");
        // Clearing the site ends every session too.
        store.clear().await.unwrap();
        assert_eq!(store.session("r1").await.unwrap(), None, "{name}");
    }
}

#[tokio::test]
async fn login_failures_are_counted_per_key_within_a_window() {
    for (name, store, _keep) in backends().await {
        for at in [100, 200, 300] {
            store
                .record_login_failure("account:sara", at)
                .await
                .unwrap();
        }
        store.record_login_failure("addr:x", 300).await.unwrap();
        assert_eq!(
            store.login_failures("account:sara", 0).await.unwrap(),
            3,
            "{name}"
        );
        assert_eq!(
            store.login_failures("account:sara", 200).await.unwrap(),
            2,
            "{name}"
        );
        assert_eq!(
            store.login_failures("account:sara", 301).await.unwrap(),
            0,
            "{name}"
        );
        assert_eq!(
            store.login_failures("addr:x", 0).await.unwrap(),
            1,
            "{name}"
        );
        assert_eq!(
            store.login_failures("account:reza", 0).await.unwrap(),
            0,
            "{name}"
        );

        store.clear_login_failures("account:sara").await.unwrap();
        assert_eq!(
            store.login_failures("account:sara", 0).await.unwrap(),
            0,
            "{name}"
        );
        assert_eq!(
            store.login_failures("addr:x", 0).await.unwrap(),
            1,
            "{name}"
        );

        // Counting a failure a day later forgets the old ones.
        store
            .record_login_failure("account:reza", 300 + 86_401)
            .await
            .unwrap();
        assert_eq!(
            store.login_failures("addr:x", 0).await.unwrap(),
            0,
            "{name}"
        );
        assert_eq!(
            store.login_failures("account:reza", 0).await.unwrap(),
            1,
            "{name}"
        );
    }
}
