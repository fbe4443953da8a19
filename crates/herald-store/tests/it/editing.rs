//! The editors' writes on every backend: revisions, tags made on the fly,
//! translation links, page parents, deleting from the trash, topics and tags,
//! users and settings. Every refusal leaves the database as it was.

use herald_core::{
    Archive, NewTag, NewUser, PostSave, Role, Status, Store, StoreError, Taxonomy, Term,
};

use crate::backends;
use crate::conformance::{NOW, bundle, post, query};

fn invalid(result: Result<impl std::fmt::Debug, StoreError>, words: &str, name: &str) {
    match result {
        Err(StoreError::Invalid(message)) => {
            assert!(
                message.contains(words),
                "{name}: `{message}` lacks `{words}`"
            );
        }
        other => panic!("{name}: expected Invalid containing `{words}`, got {other:?}"),
    }
}

async fn listed(store: &dyn Store, archive: Archive) -> Vec<i64> {
    let mut q = query(archive, 1);
    q.per_page = 100;
    let page = store.list_posts(&q).await.expect("store");
    page.posts.iter().map(|p| p.id).collect()
}

fn tag(slug: &str, name: &str) -> NewTag {
    NewTag {
        slug: slug.into(),
        name: name.into(),
    }
}

#[tokio::test]
async fn every_save_keeps_a_revision_and_imported_text_is_kept_first() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut new = post(0, "en", NOW - 1, vec![]);
        new.slug = "fresh".into();
        new.title = "First title".into();
        let save = PostSave {
            saved_by: Some(1),
            ..PostSave::new(&new, None)
        };
        let id = store.write_post(&save).await.unwrap();
        let revisions = store.revisions(id).await.unwrap();
        assert_eq!(revisions.len(), 1, "{name}");
        assert_eq!(revisions[0].title, "First title", "{name}");
        assert_eq!(revisions[0].saved_by, Some(1), "{name}");

        let mut edited = store.post(id).await.unwrap().unwrap();
        edited.title = "Second title".into();
        edited.body = "Changed".into();
        edited.updated_at = NOW + 10;
        store.save_post(&edited, Some(NOW - 1)).await.unwrap();
        let revisions = store.revisions(id).await.unwrap();
        let titles: Vec<&str> = revisions.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Second title", "First title"],
            "{name}: newest first"
        );
        assert_eq!(revisions[0].saved_at, NOW + 10, "{name}");
        let first = store.revision(revisions[1].id).await.unwrap().unwrap();
        assert_eq!(first, revisions[1], "{name}");
        assert!(store.revision(9_999).await.unwrap().is_none(), "{name}");

        // A post that came in a bundle has no revision until its first edit,
        // which keeps the imported text first.
        assert!(store.revisions(5).await.unwrap().is_empty(), "{name}");
        let mut imported = store.post(5).await.unwrap().unwrap();
        let read_at = imported.updated_at;
        imported.body = "Edited after import".into();
        imported.updated_at = NOW + 20;
        store.save_post(&imported, Some(read_at)).await.unwrap();
        let bodies: Vec<String> = store
            .revisions(5)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.body)
            .collect();
        assert_eq!(bodies, ["Edited after import", "Body 5"], "{name}");

        // A refused save keeps no revision.
        let mut stale = imported.clone();
        stale.body = "lost".into();
        let err = store.save_post(&stale, Some(read_at)).await.unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{name}");
        assert_eq!(store.revisions(5).await.unwrap().len(), 2, "{name}");

        // Revisions travel with the site.
        let exported = store.export_bundle().await.unwrap();
        assert_eq!(exported.revisions.len(), 4, "{name}");
        let (_, copy, _keep_copy) = backends().await.remove(0);
        copy.insert_bundle(&exported).await.unwrap();
        assert_eq!(copy.export_bundle().await.unwrap(), exported, "{name}");
    }
}

#[tokio::test]
async fn tags_are_made_on_the_fly_and_reused() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut new = post(0, "en", NOW - 1, vec![1]);
        new.slug = "tagged".into();
        let tags = [tag("climate", "Climate"), tag("water", "Water")];
        let save = PostSave {
            new_tags: &tags,
            ..PostSave::new(&new, None)
        };
        let id = store.write_post(&save).await.unwrap();
        let stored = store.post(id).await.unwrap().unwrap();
        assert_eq!(stored.terms.len(), 3, "{name}");
        let climate = store
            .term_by_slug("en", Taxonomy::Tag, "climate")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(climate.name, "Climate", "{name}");
        assert!(
            listed(&*store, Archive::Tag(climate.id))
                .await
                .contains(&id)
        );

        // The same slug again is the same tag.
        let mut other = post(0, "en", NOW - 2, vec![]);
        other.slug = "tagged-again".into();
        let again = [tag("climate", "climate")];
        let id2 = store
            .write_post(&PostSave {
                new_tags: &again,
                ..PostSave::new(&other, None)
            })
            .await
            .unwrap();
        assert_eq!(store.post(id2).await.unwrap().unwrap().terms, [climate.id]);

        // A save refused later leaves no new tag behind.
        let mut clash = post(0, "en", NOW - 3, vec![]);
        clash.slug = "tagged".into();
        let orphan = [tag("orphan", "Orphan")];
        let result = store
            .write_post(&PostSave {
                new_tags: &orphan,
                ..PostSave::new(&clash, None)
            })
            .await;
        invalid(result, "already used", name);
        assert!(
            store
                .term_by_slug("en", Taxonomy::Tag, "orphan")
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn translation_links_make_and_join_groups() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        // Post 2 (en) has no group; a new Persian post links to it.
        let mut fa = post(0, "fa", NOW - 1, vec![]);
        fa.slug = "ترجمه".into();
        let save = PostSave {
            translation_of: Some(2),
            ..PostSave::new(&fa, None)
        };
        let id = store.write_post(&save).await.unwrap();
        let group = store.post(id).await.unwrap().unwrap().translation_group;
        assert!(group.is_some(), "{name}");
        assert_eq!(
            store.post(2).await.unwrap().unwrap().translation_group,
            group,
            "{name}: the target joins the new group"
        );
        assert_ne!(group, Some(7), "{name}: not an existing group");
        let now_public = store.post(2).await.unwrap().unwrap();
        let translations = store.translations(&now_public, NOW).await.unwrap();
        assert_eq!(translations.len(), 1, "{name}");
        assert_eq!(translations[0].id, id, "{name}");

        // Refusals: same language, a group already holding the language,
        // an unknown post.
        let mut en = post(0, "en", NOW - 1, vec![]);
        en.slug = "english-twin".into();
        let same = PostSave {
            translation_of: Some(3),
            ..PostSave::new(&en, None)
        };
        invalid(store.write_post(&same).await, "another language", name);
        let mut fa2 = post(0, "fa", NOW - 1, vec![]);
        fa2.slug = "دوم".into();
        let taken = PostSave {
            translation_of: Some(1),
            ..PostSave::new(&fa2, None)
        };
        invalid(store.write_post(&taken).await, "post 28", name);
        let unknown = PostSave {
            translation_of: Some(4_000),
            ..PostSave::new(&fa2, None)
        };
        invalid(
            store.write_post(&unknown).await,
            "no post with id 4000",
            name,
        );
        assert!(
            store
                .post(3)
                .await
                .unwrap()
                .unwrap()
                .translation_group
                .is_none(),
            "{name}: nothing written"
        );
    }
}

#[tokio::test]
async fn page_parents_are_pages_of_the_language_without_loops() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        // 30 (team) is under 29 (about): about under team is a loop.
        let mut about = store.post(29).await.unwrap().unwrap();
        let read_at = about.updated_at;
        about.parent = Some(30);
        invalid(
            store.save_post(&about, Some(read_at)).await,
            "own ancestor",
            name,
        );
        about.parent = Some(29);
        invalid(
            store.save_post(&about, Some(read_at)).await,
            "own ancestor",
            name,
        );
        about.parent = Some(3);
        invalid(
            store.save_post(&about, Some(read_at)).await,
            "not a page",
            name,
        );
        about.parent = Some(777);
        invalid(
            store.save_post(&about, Some(read_at)).await,
            "no page",
            name,
        );
        let mut plain = store.post(4).await.unwrap().unwrap();
        let at = plain.updated_at;
        plain.parent = Some(29);
        invalid(store.save_post(&plain, Some(at)).await, "only pages", name);
        let mut page = post(0, "fa", NOW, vec![]);
        page.kind = "page".into();
        page.slug = "درباره".into();
        page.parent = Some(29);
        invalid(store.save_post(&page, None).await, "not in fa", name);
        page.parent = None;
        store.save_post(&page, None).await.unwrap();
        assert_eq!(
            store.post(29).await.unwrap().unwrap().parent,
            None,
            "{name}"
        );
    }
}

#[tokio::test]
async fn only_trashed_posts_are_deleted_for_good() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut edited = store.post(29).await.unwrap().unwrap();
        let at = edited.updated_at;
        edited.title = "About us".into();
        edited.updated_at = NOW;
        store.save_post(&edited, Some(at)).await.unwrap();
        assert_eq!(store.delete_posts(&[29, 1]).await.unwrap(), 0, "{name}");
        store
            .set_status(&[29, 1], Status::Trash, NOW)
            .await
            .unwrap();
        assert_eq!(store.delete_posts(&[29, 1, 2, 555]).await.unwrap(), 2);
        assert!(store.post(29).await.unwrap().is_none(), "{name}");
        assert!(store.post(1).await.unwrap().is_none(), "{name}");
        assert!(
            store.post(2).await.unwrap().is_some(),
            "{name}: not trashed"
        );
        assert!(store.revisions(29).await.unwrap().is_empty(), "{name}");
        let team = store.post(30).await.unwrap().unwrap();
        assert_eq!(team.parent, None, "{name}: the child page moved up");
        // Post 1's translation (28) stays, alone in its group.
        assert!(store.post(28).await.unwrap().is_some(), "{name}");
    }
}

fn new_term(lang: &str, taxonomy: Taxonomy, slug: &str, parent: Option<i64>) -> Term {
    Term {
        id: 0,
        language: lang.into(),
        taxonomy,
        slug: slug.into(),
        name: slug.to_uppercase(),
        description: "About it".into(),
        parent,
    }
}

#[tokio::test]
async fn topics_and_tags_are_created_moved_and_deleted() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let sport = store
            .save_term(&new_term("en", Taxonomy::Topic, "sport", None))
            .await
            .unwrap();
        let local = store
            .save_term(&new_term("en", Taxonomy::Topic, "local", Some(sport)))
            .await
            .unwrap();
        assert!(local > sport, "{name}");
        invalid(
            store
                .save_term(&new_term("en", Taxonomy::Topic, "sport", None))
                .await,
            "already used",
            name,
        );
        invalid(
            store
                .save_term(&new_term("en", Taxonomy::Tag, "t", Some(sport)))
                .await,
            "no parent",
            name,
        );
        invalid(
            store
                .save_term(&new_term("fa", Taxonomy::Topic, "x", Some(sport)))
                .await,
            "not in fa",
            name,
        );
        invalid(
            store
                .save_term(&new_term("de", Taxonomy::Topic, "x", None))
                .await,
            "no language",
            name,
        );
        invalid(
            store
                .save_term(&new_term("en", Taxonomy::Topic, "x", Some(999)))
                .await,
            "no topic",
            name,
        );
        // A loop: sport under its own child.
        let mut moved = new_term("en", Taxonomy::Topic, "sport", Some(local));
        moved.id = sport;
        invalid(store.save_term(&moved).await, "own ancestor", name);
        // A tag cannot become a topic.
        let mut retyped = moved.clone();
        retyped.taxonomy = Taxonomy::Tag;
        retyped.parent = None;
        invalid(store.save_term(&retyped).await, "cannot change", name);

        // Moving `child` (2, 24 posts) from `parent` (1) under `sport`
        // changes both topics' archives.
        let mut child = store.terms_by_ids(&[2]).await.unwrap().remove(0);
        child.parent = Some(sport);
        child.name = "Renamed".into();
        store.save_term(&child).await.unwrap();
        assert_eq!(listed(&*store, Archive::Topic(1)).await, [25], "{name}");
        assert_eq!(listed(&*store, Archive::Topic(sport)).await.len(), 24);

        let counts = store.term_counts("en", Taxonomy::Topic).await.unwrap();
        let summary: Vec<(&str, u64)> = counts
            .iter()
            .map(|c| (c.term.slug.as_str(), c.posts))
            .collect();
        assert_eq!(
            summary,
            [("local", 0), ("child", 26), ("sport", 0), ("parent", 1)],
            "{name}: by name (LOCAL, Renamed, SPORT, parent), drafts and scheduled counted"
        );

        // Deleting `sport` moves `child` and `local` up to the root and
        // empties its archive.
        assert!(store.delete_term(sport).await.unwrap(), "{name}");
        assert!(!store.delete_term(sport).await.unwrap(), "{name}");
        let child = store.terms_by_ids(&[2]).await.unwrap().remove(0);
        assert_eq!(child.parent, None, "{name}");
        assert!(listed(&*store, Archive::Topic(sport)).await.is_empty());
        assert_eq!(listed(&*store, Archive::Topic(2)).await.len(), 24);
        // Deleting a tag takes it off its posts.
        let tag = store
            .save_term(&new_term("en", Taxonomy::Tag, "brief", None))
            .await
            .unwrap();
        let mut p = store.post(3).await.unwrap().unwrap();
        let at = p.updated_at;
        p.terms.push(tag);
        store.save_post(&p, Some(at)).await.unwrap();
        assert_eq!(listed(&*store, Archive::Tag(tag)).await, [3], "{name}");
        store.delete_term(tag).await.unwrap();
        assert_eq!(store.post(3).await.unwrap().unwrap().terms, [2], "{name}");
        assert!(listed(&*store, Archive::Tag(tag)).await.is_empty());
    }
}

fn new_user(login: &str, role: Role) -> NewUser {
    NewUser {
        login: login.into(),
        slug: login.into(),
        display_name: login.into(),
        email: format!("{login}@example.org"),
        role,
        password_hash: None,
    }
}

#[tokio::test]
async fn users_are_edited_and_deleted_but_one_admin_always_remains() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let boss = store
            .create_user(&new_user("boss", Role::Admin))
            .await
            .unwrap();
        let mut user = store.user(boss).await.unwrap().unwrap();
        user.role = Role::Editor;
        invalid(store.update_user(&user).await, "only admin", name);
        invalid(store.delete_user(boss, None).await, "only admin", name);
        user.role = Role::Admin;
        user.login = "w".into();
        invalid(store.update_user(&user).await, "login `w`", name);
        user.login = "boss".into();
        user.slug = "w".into();
        invalid(store.update_user(&user).await, "slug `w`", name);
        user.slug = "the-boss".into();
        user.display_name = "The Boss".into();
        user.bio = "Runs the site.".into();
        store.update_user(&user).await.unwrap();
        assert_eq!(store.user(boss).await.unwrap().unwrap(), user, "{name}");
        let ghost = herald_core::User {
            id: 404,
            ..user.clone()
        };
        invalid(store.update_user(&ghost).await, "no user with id 404", name);

        // User 1 wrote every post: deleting them hands the posts to boss.
        invalid(store.delete_user(1, Some(1)).await, "being deleted", name);
        invalid(
            store.delete_user(1, Some(404)).await,
            "no user with id 404",
            name,
        );
        store.delete_user(1, Some(boss)).await.unwrap();
        assert!(store.user(1).await.unwrap().is_none(), "{name}");
        assert_eq!(store.post(1).await.unwrap().unwrap().author, Some(boss));
        assert_eq!(listed(&*store, Archive::Author(boss)).await.len(), 25);
        assert!(
            listed(&*store, Archive::Author(1)).await.is_empty(),
            "{name}"
        );
        // A second admin lets the first step down.
        let other = store
            .create_user(&new_user("other", Role::Admin))
            .await
            .unwrap();
        user.role = Role::Author;
        store.update_user(&user).await.unwrap();
        store.delete_user(boss, None).await.unwrap();
        assert_eq!(store.post(1).await.unwrap().unwrap().author, None, "{name}");
        assert!(store.user(other).await.unwrap().is_some(), "{name}");
    }
}

#[tokio::test]
async fn settings_and_languages_are_saved_whole_or_not_at_all() {
    for (name, store, _keep) in backends().await {
        store.insert_bundle(&bundle()).await.unwrap();
        let mut settings = store.settings().await.unwrap();
        settings.default_language = "fa".into();
        settings.time_zone = "Asia/Tehran".into();
        store.save_settings(&settings).await.unwrap();
        assert_eq!(store.settings().await.unwrap(), settings, "{name}");
        settings.default_language = "xx".into();
        invalid(
            store.save_settings(&settings).await,
            "no language `xx`",
            name,
        );
        assert_eq!(store.settings().await.unwrap().default_language, "fa");

        let mut fa = store.languages().await.unwrap().remove(1);
        fa.site_name = "پایگاه".into();
        fa.posts_per_page = 12;
        fa.menu = vec![herald_core::MenuItem {
            label: "درباره".into(),
            url: "/fa/about/".into(),
        }];
        store.save_language(&fa).await.unwrap();
        assert_eq!(store.languages().await.unwrap()[1], fa, "{name}");
        let mut bad = fa.clone();
        bad.posts_per_page = 0;
        bad.site_name = "changed".into();
        assert!(store.save_language(&bad).await.is_err(), "{name}");
        assert_eq!(store.languages().await.unwrap()[1], fa, "{name}");
        bad.code = "xx".into();
        bad.posts_per_page = 5;
        invalid(store.save_language(&bad).await, "no language `xx`", name);
    }
}
