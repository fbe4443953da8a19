//! The pages list and deleting from the trash for good, over HTTP on both
//! backends.

use axum::http::StatusCode;
use herald_core::{Role, Status};

use crate::accounts::{self, add_user};
use crate::fixture::{ABOUT, DRAFT, MORE, TEAM};
use crate::on_both_backends;
use crate::support::{Call, TestApp};

async fn pages_have_their_own_list(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    add_user(&app, "author", Role::Author).await;
    let cookie = accounts::sign_in(&app, "editor").await;
    let list = app.send(Call::get("/admin/pages").cookie(&cookie)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let mut ids = list.attrs("tr[data-id]", "data-id");
    ids.sort();
    assert_eq!(ids, [ABOUT.to_string(), TEAM.to_string()]);
    assert_eq!(list.texts("h1"), ["Pages"]);
    assert_eq!(
        list.attrs("a.admin-new", "href"),
        ["/admin/posts/new?kind=page"]
    );
    let new = app
        .send(Call::get("/admin/posts/new?kind=page").cookie(&cookie))
        .await;
    assert_eq!(
        new.attrs("select[name=kind] option[selected]", "value"),
        ["page"]
    );
    assert_eq!(new.attrs("select[name=parent]", "id"), ["parent"]);
    let fa = app
        .send(Call::get("/admin/pages?lang=fa").cookie(&cookie))
        .await;
    assert!(fa.body.contains("dir=\"rtl\""));

    // Authors write posts, not pages.
    let cookie = accounts::sign_in(&app, "author").await;
    let page = app.send(Call::get("/admin/pages").cookie(&cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let new = app
        .send(Call::get("/admin/posts/new?kind=page").cookie(&cookie))
        .await;
    assert!(
        new.attrs("select[name=kind] option", "value")
            .iter()
            .all(|kind| kind != "page")
    );
}

async fn trashed_posts_are_deleted_for_good_after_confirmation(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let cookie = accounts::sign_in(&app, "editor").await;
    let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
    app.store
        .set_status(&[DRAFT, TEAM], Status::Trash, 0)
        .await
        .expect("present");
    let trash = app
        .send(Call::get("/admin/posts?status=trash").cookie(&cookie))
        .await;
    assert_eq!(
        trash.attrs("button[value=delete]", "class"),
        ["admin-danger"],
        "the button shows in the trash"
    );
    let list = app.send(Call::get("/admin/posts").cookie(&cookie)).await;
    assert!(list.attrs("button[value=delete]", "class").is_empty());

    let draft = DRAFT.to_string();
    let more = MORE.to_string();
    let ask = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[
                    ("csrf", &csrf),
                    ("action", "delete"),
                    ("ids", &draft),
                    ("ids", &more),
                ],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.body);
    assert_eq!(ask.texts("h1"), ["Delete for good?"]);
    assert_eq!(
        ask.attrs("form input[name=ids]", "value"),
        [draft.as_str()],
        "only the trashed one"
    );
    assert!(
        app.store.post(DRAFT).await.expect("store").is_some(),
        "nothing yet"
    );

    // A wrong token deletes nothing.
    let refused = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[
                    ("csrf", "nope"),
                    ("action", "delete"),
                    ("confirm", "yes"),
                    ("ids", &draft),
                ],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(app.store.post(DRAFT).await.expect("store").is_some());

    let done = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[
                    ("csrf", &csrf),
                    ("action", "delete"),
                    ("confirm", "yes"),
                    ("ids", &draft),
                ],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/admin/posts?status=trash"));
    assert!(app.store.post(DRAFT).await.expect("store").is_none());
    assert_eq!(
        app.get(&format!("/en/posts/{DRAFT}")).await.status,
        StatusCode::NOT_FOUND
    );

    // Nothing in the trash among the chosen: a clear refusal.
    let none = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[
                    ("csrf", &csrf),
                    ("action", "delete"),
                    ("confirm", "yes"),
                    ("ids", &more),
                ],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert!(app.store.post(MORE).await.expect("store").is_some());

    // An author may not delete someone else's trashed page.
    add_user(&app, "author", Role::Author).await;
    let cookie = accounts::sign_in(&app, "author").await;
    let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
    let team = TEAM.to_string();
    let page = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[
                    ("csrf", &csrf),
                    ("action", "delete"),
                    ("confirm", "yes"),
                    ("ids", &team),
                ],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(app.store.post(TEAM).await.expect("store").is_some());
}

on_both_backends!(
    pages_have_their_own_list,
    trashed_posts_are_deleted_for_good_after_confirmation,
);
