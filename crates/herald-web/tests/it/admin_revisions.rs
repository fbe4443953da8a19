//! Revisions over HTTP, on both backends: the list, a comparison of two
//! states, and restoring one as a new save; who may, and what a bad request
//! gets.

use axum::http::StatusCode;
use herald_core::{Post, PostSave, Role};

use crate::accounts::{self, add_user};
use crate::fixture::{DRAFT, MORE, NOW};
use crate::on_both_backends;
use crate::support::{Call, TestApp};

/// Save `post` with a new body and title through the store, as `by`.
async fn save(app: &TestApp, id: i64, title: &str, body: &str, by: i64, at: i64) -> Post {
    let mut post = app.stored(id).await;
    let read_at = post.updated_at;
    post.title = title.into();
    post.body = body.into();
    post.updated_at = at;
    let save = PostSave {
        saved_by: Some(by),
        ..PostSave::new(&post, Some(read_at))
    };
    app.store.write_post(&save).await.expect("store");
    app.stored(id).await
}

async fn revisions_are_listed_compared_and_restored(app: TestApp) {
    let editor = add_user(&app, "editor", Role::Editor).await;
    let original = app.stored(DRAFT).await;
    save(
        &app,
        DRAFT,
        "Second",
        "line one\nline two\n",
        editor,
        NOW + 10,
    )
    .await;
    save(
        &app,
        DRAFT,
        "Third",
        "line one\nline 2\nline three\n",
        editor,
        NOW + 20,
    )
    .await;
    let cookie = accounts::sign_in(&app, "editor").await;

    let list = app
        .send(Call::get(&format!("/admin/posts/{DRAFT}/revisions")).cookie(&cookie))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let rows = list.texts("tbody tr td:nth-child(5)");
    assert_eq!(
        rows,
        ["Third", "Second", original.title.as_str()],
        "newest first; the imported text is the first revision"
    );
    assert!(list.texts("tbody td").iter().any(|t| t == "editor name"));
    let ids = app.store.revisions(DRAFT).await.expect("store");
    let first = ids.last().expect("present").id;
    let second = ids[1].id;

    let compare = app
        .send(
            Call::get(&format!(
                "/admin/posts/{DRAFT}/revisions/compare?from={second}&to="
            ))
            .cookie(&cookie),
        )
        .await;
    assert_eq!(compare.status, StatusCode::OK, "{}", compare.body);
    assert_eq!(
        compare.texts("pre.admin-diff del"),
        ["- Second", "- line two"]
    );
    assert_eq!(
        compare.texts("pre.admin-diff ins"),
        ["+ Third", "+ line 2", "+ line three"]
    );
    assert!(
        compare.body.contains("No differences."),
        "the slug did not change"
    );

    for bad in [
        "from=abc",
        "from=999999",
        "from=&to=",
        &format!("from={second}&to=x"),
    ] {
        let page = app
            .send(
                Call::get(&format!("/admin/posts/{DRAFT}/revisions/compare?{bad}")).cookie(&cookie),
            )
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
    }

    let csrf =
        accounts::csrf_token(&app, &cookie, &format!("/admin/posts/{DRAFT}/revisions")).await;
    let restore = format!("/admin/posts/{DRAFT}/revisions/{first}/restore");
    let refused = app
        .send(Call::post(&restore, &[("csrf", "wrong")]).cookie(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.stored(DRAFT).await.title, "Third");

    let done = app
        .send(Call::post(&restore, &[("csrf", &csrf)]).cookie(&cookie))
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("/admin/posts/{DRAFT}/edit?restored=1").as_str())
    );
    let restored = app.stored(DRAFT).await;
    assert_eq!(restored.title, original.title);
    assert_eq!(restored.body, original.body);
    assert_eq!(
        restored.body_html, original.body_html,
        "derived fields remade"
    );
    let after = app.store.revisions(DRAFT).await.expect("store");
    assert_eq!(after.len(), 4, "the restore is itself a revision");
    assert_eq!(after[0].saved_by, Some(editor));
    assert_eq!(after[0].body, original.body);

    // Another post's revision, or none, is not found here.
    let other = save(&app, MORE, "Elsewhere", "x", editor, NOW + 30).await;
    let foreign = app.store.revisions(other.id).await.expect("store")[0].id;
    for rev in [foreign.to_string(), "999999".into(), "abc".into()] {
        let page = app
            .send(
                Call::post(
                    &format!("/admin/posts/{DRAFT}/revisions/{rev}/restore"),
                    &[("csrf", &csrf)],
                )
                .cookie(&cookie),
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{rev}");
    }
    assert_eq!(app.store.revisions(DRAFT).await.expect("store").len(), 4);
}

async fn only_those_who_may_edit_see_revisions(app: TestApp) {
    // The fixture's posts are by `writer`, an author.
    add_user(&app, "other", Role::Author).await;
    add_user(&app, "helper", Role::Contributor).await;
    save(&app, DRAFT, "Second", "b", 1, NOW + 10).await;
    let first = app
        .store
        .revisions(DRAFT)
        .await
        .expect("store")
        .last()
        .expect("present")
        .id;
    for login in ["other", "helper"] {
        let cookie = accounts::sign_in(&app, login).await;
        let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
        for uri in [
            format!("/admin/posts/{DRAFT}/revisions"),
            format!("/admin/posts/{DRAFT}/revisions/compare?from={first}&to="),
        ] {
            let page = app.send(Call::get(&uri).cookie(&cookie)).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{login} {uri}");
        }
        let page = app
            .send(
                Call::post(
                    &format!("/admin/posts/{DRAFT}/revisions/{first}/restore"),
                    &[("csrf", &csrf)],
                )
                .cookie(&cookie),
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
    }
    assert_eq!(app.stored(DRAFT).await.title, "Second");
    // The author of the post may.
    app.store
        .set_password_hash(1, &accounts::password_hash())
        .await
        .expect("present");
    let cookie = accounts::sign_in(&app, "writer").await;
    let page = app
        .send(Call::get(&format!("/admin/posts/{DRAFT}/revisions")).cookie(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    // Signed out: to the sign-in page.
    let page = app.get(&format!("/admin/posts/{DRAFT}/revisions")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

async fn a_restore_that_clashes_explains_and_changes_nothing(app: TestApp) {
    let editor = add_user(&app, "editor", Role::Editor).await;
    let original = app.stored(DRAFT).await;
    let first_slug = original.slug.clone();
    // Rename the draft, then give its old slug to another post.
    let mut renamed = original.clone();
    renamed.slug = "renamed".into();
    renamed.updated_at = NOW + 10;
    app.store
        .write_post(&PostSave {
            saved_by: Some(editor),
            ..PostSave::new(&renamed, Some(original.updated_at))
        })
        .await
        .expect("present");
    let mut taker = app.stored(MORE).await;
    let at = taker.updated_at;
    taker.slug = first_slug;
    app.store.save_post(&taker, Some(at)).await.expect("store");
    let first = app
        .store
        .revisions(DRAFT)
        .await
        .expect("store")
        .last()
        .expect("present")
        .id;
    let cookie = accounts::sign_in(&app, "editor").await;
    let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
    let page = app
        .send(
            Call::post(
                &format!("/admin/posts/{DRAFT}/revisions/{first}/restore?lang=fa"),
                &[("csrf", &csrf)],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(page.body.contains("already used"), "{}", page.body);
    assert!(page.body.contains("dir=\"rtl\""));
    assert_eq!(app.stored(DRAFT).await.slug, "renamed");
    assert_eq!(app.store.revisions(DRAFT).await.expect("store").len(), 2);
}

on_both_backends!(
    revisions_are_listed_compared_and_restored,
    only_those_who_may_edit_see_revisions,
    a_restore_that_clashes_explains_and_changes_nothing,
);
