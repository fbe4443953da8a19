//! User accounts: creation, lookup, password hashes. Hashes here are opaque
//! strings; hashing itself is herald-web's.

use herald_core::{NewUser, Role, StoreError};

use crate::backends;
use crate::conformance::bundle;

fn new_user(login: &str, role: Role, hash: Option<&str>) -> NewUser {
    NewUser {
        login: login.into(),
        slug: login.to_lowercase(),
        display_name: format!("{login} name"),
        email: format!("{login}@example.org"),
        role,
        password_hash: hash.map(Into::into),
    }
}

#[tokio::test]
async fn created_users_read_back_by_login_and_id() {
    for (name, store, _keep) in backends().await {
        let id = store
            .create_user(&new_user("sara", Role::Admin, Some("$hash$1")))
            .await
            .unwrap();
        let user = store.user_by_login("sara").await.unwrap().unwrap();
        assert_eq!(user.id, id, "{name}");
        assert_eq!(user.slug, "sara");
        assert_eq!(user.display_name, "sara name");
        assert_eq!(user.email, "sara@example.org");
        assert_eq!(user.role, Role::Admin);
        assert_eq!(user.bio, "");
        assert_eq!(store.user(id).await.unwrap(), Some(user.clone()));
        assert_eq!(store.user_by_slug("sara").await.unwrap(), Some(user));
        assert_eq!(store.user_by_login("nobody").await.unwrap(), None, "{name}");
        assert_eq!(store.user_by_login("Sara").await.unwrap(), None, "{name}");
    }
}

#[tokio::test]
async fn users_list_by_login_and_ids_follow_a_bundle() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let b = store
            .create_user(&new_user("b", Role::Author, None))
            .await
            .unwrap();
        let a = store
            .create_user(&new_user("a", Role::Contributor, None))
            .await
            .unwrap();
        let z = store
            .create_user(&new_user("Z", Role::Editor, None))
            .await
            .unwrap();
        assert!(
            b > 1 && a > b && z > a,
            "{name}: ids past the bundle's: {b} {a} {z}"
        );
        let logins: Vec<String> = store
            .users()
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.login)
            .collect();
        assert_eq!(logins, ["Z", "a", "b", "w"], "{name}: byte order");
    }
}

#[tokio::test]
async fn a_taken_login_or_slug_is_refused_and_nothing_written() {
    for (name, store, _keep) in backends().await {
        store
            .create_user(&new_user("sara", Role::Admin, Some("h1")))
            .await
            .unwrap();
        let again = store
            .create_user(&new_user("sara", Role::Editor, Some("h2")))
            .await;
        match again {
            Err(StoreError::Invalid(m)) => {
                assert_eq!(m, "a user with login `sara` already exists", "{name}")
            }
            other => panic!("{name}: {other:?}"),
        }
        // Another login with the same author slug.
        let mut clash = new_user("Sara", Role::Editor, None);
        clash.slug = "sara".into();
        match store.create_user(&clash).await {
            Err(StoreError::Invalid(m)) => {
                assert!(m.contains("login `sara` already exists"), "{name}: {m}");
                assert!(m.contains("slug `sara`"), "{name}: {m}");
            }
            other => panic!("{name}: {other:?}"),
        }
        let users = store.users().await.unwrap();
        assert_eq!(users.len(), 1, "{name}");
        assert_eq!(users[0].role, Role::Admin);
        let (_, hash) = store.password_hash("sara").await.unwrap().unwrap();
        assert_eq!(hash, "h1", "{name}");
    }
}

#[tokio::test]
async fn password_hashes_are_set_and_read_by_login() {
    for (name, store, _keep) in backends().await {
        let id = store
            .create_user(&new_user("ali", Role::Author, None))
            .await
            .unwrap();
        assert_eq!(store.password_hash("ali").await.unwrap(), None, "{name}");
        assert_eq!(store.password_hash("nobody").await.unwrap(), None);
        store.set_password_hash(id, "$argon2id$x").await.unwrap();
        assert_eq!(
            store.password_hash("ali").await.unwrap(),
            Some((id, "$argon2id$x".to_owned())),
            "{name}"
        );
        store.set_password_hash(id, "$argon2id$y").await.unwrap();
        assert_eq!(
            store.password_hash("ali").await.unwrap(),
            Some((id, "$argon2id$y".to_owned()))
        );
        match store.set_password_hash(id + 100, "h").await {
            Err(StoreError::Invalid(m)) => assert!(m.contains("no user"), "{name}: {m}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn password_hashes_travel_with_a_bundle_and_nowhere_else() {
    for (name, store, _keep) in backends().await {
        let id = store
            .create_user(&new_user("ali", Role::Author, Some("secret-hash")))
            .await
            .unwrap();
        let exported = store.export_bundle().await.unwrap();
        assert_eq!(exported.users.len(), 1, "{name}");
        assert!(
            !format!("{:?}", exported.users).contains("secret-hash"),
            "{name}: users carry no hash"
        );
        assert_eq!(
            exported.password_hashes,
            vec![(id, "secret-hash".to_owned())]
        );
        store.clear().await.unwrap();
        store.insert_bundle(&exported).await.unwrap();
        assert_eq!(
            store.password_hash("ali").await.unwrap(),
            Some((id, "secret-hash".to_owned())),
            "{name}: a copied site keeps its passwords"
        );
        let mut orphan = exported.clone();
        orphan.password_hashes.push((9999, "x".into()));
        store.clear().await.unwrap();
        assert!(store.insert_bundle(&orphan).await.is_err(), "{name}");
        assert!(
            store.users().await.unwrap().is_empty(),
            "{name}: nothing written"
        );
    }
}
