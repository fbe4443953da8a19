//! User management over HTTP, on both backends: only admins get in, bad input
//! comes back at its field with nothing written, passwords change and end
//! sessions, the last admin stays, deleted users' posts find an heir, CSRF.

use axum::http::StatusCode;
use herald_core::{AdminPostFilter, Role, User};

use crate::accounts::{self, PASSWORD, add_user, password_hash, session_cookie};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

/// The fixture's author (user 1), who wrote every fixture post.
const WRITER: i64 = 1;
const ADMIN: &str = "boss";
const NEW_PASSWORD: &str = "a brand new password";

/// An admin signed in: its id, cookie and CSRF token.
async fn admin(app: &TestApp) -> (i64, String, String) {
    let id = add_user(app, ADMIN, Role::Admin).await;
    let cookie = accounts::sign_in(app, ADMIN).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/users/new").await;
    (id, cookie, csrf)
}

/// The fixture writer can sign in with [`PASSWORD`].
async fn writer_password(app: &TestApp) {
    let hash = password_hash();
    app.store
        .set_password_hash(WRITER, &hash)
        .await
        .expect("store");
}

/// A complete, valid new-user form; tests override fields ("\0" drops one).
fn fields<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("login", "sara.k"),
        ("display_name", "Sara K"),
        ("email", "sara@news.example"),
        ("role", "editor"),
        ("slug", ""),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    for (name, value) in overrides {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields.retain(|(_, v)| *v != "\0");
    fields
}

/// The edit form of the fixture writer as stored, with overrides.
fn writer_fields<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut base = vec![
        ("login", "writer"),
        ("display_name", "Fixture Writer"),
        ("email", "writer@example.org"),
        ("role", "author"),
        ("slug", "writer"),
        ("bio", "Writes fixtures."),
        ("password", ""),
        ("password_again", ""),
    ];
    base.extend_from_slice(overrides);
    fields(csrf, &base)
}

async fn send(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    app.send(Call::post(uri, fields).cookie(cookie)).await
}

async fn get(app: &TestApp, cookie: &str, uri: &str) -> Page {
    app.send(Call::get(uri).cookie(cookie)).await
}

async fn users(app: &TestApp) -> Vec<User> {
    app.store.users().await.expect("store")
}

async fn user(app: &TestApp, id: i64) -> Option<User> {
    app.store.user(id).await.expect("store")
}

async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    get(app, cookie, "/admin/").await.status == StatusCode::OK
}

/// A 422 with the message at `field`: `aria-invalid`, `aria-describedby`
/// pointing at it, and no password written back.
fn assert_refused_at(page: &Page, field: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{field}: {}",
        page.body
    );
    let control = format!("[name={field}]");
    assert_eq!(page.attrs(&control, "aria-invalid"), ["true"], "{field}");
    let id = format!("{field}-error");
    assert_eq!(page.attrs(&control, "aria-describedby"), [id.as_str()]);
    assert_eq!(
        page.texts(&format!("#{id}")).len(),
        1,
        "{field}: {}",
        page.body
    );
    assert!(page.attrs("input[type=password]", "value").is_empty());
    assert!(!page.body.contains(PASSWORD) && !page.body.contains(NEW_PASSWORD));
}

async fn non_admins_are_refused_everywhere(app: TestApp) {
    writer_password(&app).await;
    let writer_cookie = accounts::sign_in(&app, "writer").await;
    let before = users(&app).await;
    for (login, role) in [
        ("editor", Role::Editor),
        ("author", Role::Author),
        ("helper", Role::Contributor),
    ] {
        let own = add_user(&app, login, role).await;
        let cookie = accounts::sign_in(&app, login).await;
        let csrf = accounts::csrf_token(&app, &cookie, "/admin/").await;
        let nav = get(&app, &cookie, "/admin/").await.attrs("nav a", "href");
        assert!(
            !nav.iter()
                .any(|h| h.contains("users") || h.contains("settings"))
        );
        for uri in [
            "/admin/users",
            "/admin/users/new",
            "/admin/users/1/edit",
            "/admin/users/1/delete",
            "/admin/users/9999/edit",
        ] {
            let page = get(&app, &cookie, uri).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{login} GET {uri}");
        }
        let own_edit = format!("/admin/users/{own}/edit");
        let promote = fields(
            &csrf,
            &[("login", login), ("slug", login), ("role", "admin")],
        );
        for (uri, form) in [
            ("/admin/users/new", fields(&csrf, &[("login", "intruder")])),
            (own_edit.as_str(), promote),
            (
                "/admin/users/1/edit",
                writer_fields(&csrf, &[("role", "admin")]),
            ),
            (
                "/admin/users/1/delete",
                vec![("csrf", csrf.as_str()), ("heir", "")],
            ),
            (
                "/admin/users/1/logout-everywhere",
                vec![("csrf", csrf.as_str())],
            ),
        ] {
            let page = send(&app, &cookie, uri, &form).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{login} POST {uri}");
        }
        assert_eq!(user(&app, own).await.expect("user").role, role);
    }
    let after = users(&app).await;
    assert_eq!(after.len(), before.len() + 3, "only the three test users");
    assert!(!after.iter().any(|u| u.login == "intruder"));
    assert_eq!(
        before.iter().find(|u| u.id == WRITER),
        after.iter().find(|u| u.id == WRITER)
    );
    assert!(
        signed_in(&app, &writer_cookie).await,
        "the writer is still signed in"
    );
    assert_eq!(app.get("/admin/users").await.status, StatusCode::SEE_OTHER);
}

async fn an_admin_creates_a_user_who_can_sign_in(app: TestApp) {
    let (_, cookie, csrf) = admin(&app).await;
    let dashboard = get(&app, &cookie, "/admin/").await;
    let nav = dashboard.attrs("nav a", "href");
    assert!(nav.contains(&"/admin/users".to_owned()), "{nav:?}");
    assert!(nav.contains(&"/admin/settings".to_owned()), "{nav:?}");
    let list = get(&app, &cookie, "/admin/users").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.attrs("a.admin-new", "href"), ["/admin/users/new"]);
    assert_eq!(list.texts(".admin-login"), [ADMIN, "writer"]);
    assert!(
        list.attrs("a.admin-edit", "href")
            .contains(&"/admin/users/1/edit".to_owned())
    );

    let form = fields(&csrf, &[("display_name", "Sara <b>K</b>")]);
    let created = send(&app, &cookie, "/admin/users/new", &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(
        created.location.as_deref(),
        Some("/admin/users?done=created")
    );
    let sara = app
        .store
        .user_by_login("sara.k")
        .await
        .expect("store")
        .expect("user");
    assert_eq!(sara.slug, "sara-k", "the slug comes from the login");
    assert_eq!(sara.display_name, "Sara <b>K</b>");
    assert_eq!(sara.email, "sara@news.example");
    assert_eq!(sara.role, Role::Editor);
    let list = get(&app, &cookie, "/admin/users?done=created").await;
    assert_eq!(list.texts("[role=status]"), ["The user was created."]);
    assert!(
        list.body.contains("Sara &lt;b&gt;K&lt;/b&gt;"),
        "{}",
        list.body
    );
    assert_eq!(list.texts(".admin-role")[1], "Editor");

    // The new editor signs in, and is no admin.
    let theirs = accounts::sign_in(&app, "sara.k").await;
    assert!(signed_in(&app, &theirs).await);
    let refused = get(&app, &theirs, "/admin/users").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let persian = get(&app, &cookie, "/admin/users?lang=fa").await;
    assert_eq!(persian.attrs("html", "dir"), ["rtl"]);
    assert_eq!(persian.texts("h1"), ["کاربران"]);
    assert!(
        persian
            .texts(".admin-role")
            .contains(&"ویراستار".to_owned())
    );
    assert_eq!(
        persian.attrs("a.admin-new", "href"),
        ["/admin/users/new?lang=fa"]
    );
}

async fn bad_input_comes_back_at_its_field(app: TestApp) {
    let (_, cookie, csrf) = admin(&app).await;
    let before = users(&app).await;
    let long_login = "x".repeat(61);
    for (overrides, field) in [
        (vec![("login", "")], "login"),
        (vec![("login", long_login.as_str())], "login"),
        (vec![("login", "with space")], "login"),
        (vec![("login", "tab\there")], "login"),
        (vec![("login", "bell\u{7}")], "login"),
        (vec![("login", "writer")], "login"),
        (vec![("slug", "writer")], "slug"),
        (vec![("slug", "Not A Slug")], "slug"),
        (vec![("email", "not-an-email")], "email"),
        (vec![("email", "two@at@signs")], "email"),
        (vec![("role", "root")], "role"),
        (vec![("role", "\0")], "role"),
        (
            vec![("password", "short"), ("password_again", "short")],
            "password",
        ),
        (vec![("password", ""), ("password_again", "")], "password"),
        (vec![("password_again", NEW_PASSWORD)], "password_again"),
    ] {
        let form = fields(&csrf, &overrides);
        let page = send(&app, &cookie, "/admin/users/new", &form).await;
        assert_refused_at(&page, field);
        assert_eq!(
            page.texts("[role=alert]")[0],
            "The user was not saved. Correct the fields marked below."
        );
    }
    // What was typed is kept.
    let form = fields(
        &csrf,
        &[("login", "with space"), ("display_name", "Kept Name")],
    );
    let page = send(&app, &cookie, "/admin/users/new", &form).await;
    assert_eq!(page.attrs("input[name=login]", "value"), ["with space"]);
    assert_eq!(
        page.attrs("input[name=display_name]", "value"),
        ["Kept Name"]
    );
    assert_eq!(
        page.attrs("input[name=email]", "value"),
        ["sara@news.example"]
    );
    assert_eq!(
        page.attrs("select[name=role] option[selected]", "value"),
        ["editor"]
    );
    // In Persian, right to left.
    let page = send(&app, &cookie, "/admin/users/new?lang=fa", &form).await;
    assert_refused_at(&page, "login");
    assert_eq!(page.attrs("html", "dir"), ["rtl"]);
    assert_eq!(
        page.texts("#login-error"),
        ["نام کاربری تنها می‌تواند حرف، رقم، نقطه، زیرخط و خط‌تیره داشته باشد، بی‌فاصله."]
    );
    assert_eq!(users(&app).await, before, "nothing was written");
}

async fn editing_keeps_or_changes_the_password(app: TestApp) {
    writer_password(&app).await;
    let (boss, cookie, csrf) = admin(&app).await;
    let writer_cookie = accounts::sign_in(&app, "writer").await;
    let form = get(&app, &cookie, "/admin/users/1/edit").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.attrs("input[name=login]", "value"), ["writer"]);
    assert_eq!(form.texts("textarea[name=bio]"), ["Writes fixtures."]);
    assert_eq!(
        form.attrs("select[name=role] option[selected]", "value"),
        ["author"]
    );
    assert!(form.attrs("input[type=password]", "value").is_empty());
    assert_eq!(
        form.attrs("a.admin-delete", "href"),
        ["/admin/users/1/delete"]
    );

    let changes = [
        ("display_name", "Renamed Writer"),
        ("email", "new@news.example"),
        ("role", "editor"),
        ("slug", "renamed"),
        ("bio", "A new bio."),
    ];
    let saved = send(
        &app,
        &cookie,
        "/admin/users/1/edit",
        &writer_fields(&csrf, &changes),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/users/1/edit?done=saved")
    );
    let writer = user(&app, WRITER).await.expect("user");
    assert_eq!(
        (
            writer.display_name.as_str(),
            writer.email.as_str(),
            writer.role
        ),
        ("Renamed Writer", "new@news.example", Role::Editor)
    );
    assert_eq!(
        (writer.slug.as_str(), writer.bio.as_str()),
        ("renamed", "A new bio.")
    );
    assert!(
        signed_in(&app, &writer_cookie).await,
        "no new password: sessions stay"
    );
    let page = get(&app, &cookie, "/admin/users/1/edit?done=saved").await;
    assert_eq!(page.texts("[role=status]"), ["Saved."]);

    // A mistake writes nothing.
    let bad = writer_fields(&csrf, &[("email", "nope"), ("display_name", "Not Saved")]);
    assert_refused_at(
        &send(&app, &cookie, "/admin/users/1/edit", &bad).await,
        "email",
    );
    assert_eq!(user(&app, WRITER).await.expect("user"), writer);

    // A new password ends the writer's sessions; only it signs in now.
    let new = [
        ("password", NEW_PASSWORD),
        ("password_again", NEW_PASSWORD),
        ("slug", "renamed"),
    ];
    let saved = send(
        &app,
        &cookie,
        "/admin/users/1/edit",
        &writer_fields(&csrf, &new),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(
        saved.header("set-cookie").is_none(),
        "the admin's session is untouched"
    );
    assert!(!signed_in(&app, &writer_cookie).await);
    assert!(signed_in(&app, &cookie).await);
    let old = Call::post(
        "/admin/login",
        &[("login", "writer"), ("password", PASSWORD)],
    );
    assert_eq!(app.send(old).await.status, StatusCode::UNAUTHORIZED);
    let fresh = Call::post(
        "/admin/login",
        &[("login", "writer"), ("password", NEW_PASSWORD)],
    );
    assert_eq!(app.send(fresh).await.status, StatusCode::SEE_OTHER);

    // An admin changing their own password stays signed in here only.
    let other_browser = accounts::sign_in(&app, ADMIN).await;
    let own = fields(
        &csrf,
        &[
            ("login", ADMIN),
            ("slug", ADMIN),
            ("role", "admin"),
            ("password", NEW_PASSWORD),
            ("password_again", NEW_PASSWORD),
        ],
    );
    let saved = send(&app, &cookie, &format!("/admin/users/{boss}/edit"), &own).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let renewed = session_cookie(&saved);
    assert!(signed_in(&app, &renewed).await);
    assert!(!signed_in(&app, &other_browser).await);
}

async fn the_last_admin_stays(app: TestApp) {
    let (boss, cookie, csrf) = admin(&app).await;
    let edit = format!("/admin/users/{boss}/edit");
    let demote = fields(
        &csrf,
        &[
            ("login", ADMIN),
            ("slug", ADMIN),
            ("role", "editor"),
            ("password", ""),
            ("password_again", ""),
        ],
    );
    let page = send(&app, &cookie, &edit, &demote).await;
    assert_refused_at(&page, "role");
    assert_eq!(
        page.texts("#role-error"),
        ["This is the only administrator: make another user an administrator first."]
    );
    let delete = format!("/admin/users/{boss}/delete");
    let page = send(&app, &cookie, &delete, &[("csrf", &csrf), ("heir", "")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.texts("[role=alert]")[0].starts_with("This is the only administrator"));
    assert_eq!(
        user(&app, boss).await.expect("still there").role,
        Role::Admin
    );

    // With a second admin, the first may step down (and leaves the user pages).
    add_user(&app, "chief", Role::Admin).await;
    let page = send(&app, &cookie, &edit, &demote).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/"));
    assert_eq!(user(&app, boss).await.expect("user").role, Role::Editor);
    assert_eq!(
        get(&app, &cookie, "/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn posts_of(app: &TestApp, author: i64) -> u64 {
    let mut total = 0;
    for kind_pages in [false, true] {
        let filter = AdminPostFilter {
            author: Some(author),
            kind_pages,
            include_trash: true,
            page: 1,
            per_page: 1,
            ..AdminPostFilter::default()
        };
        total += app.store.admin_posts(&filter).await.expect("store").total;
    }
    total
}

async fn deleting_gives_the_posts_to_an_heir(app: TestApp) {
    writer_password(&app).await;
    let (boss, cookie, csrf) = admin(&app).await;
    let writer_cookie = accounts::sign_in(&app, "writer").await;
    let written = posts_of(&app, WRITER).await;
    assert!(written > 20);
    let page = get(&app, &cookie, "/admin/users/1/delete").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attrs("select[name=heir] option", "value"),
        ["", &boss.to_string()]
    );
    assert!(page.texts(".admin-post-count")[0].contains(&written.to_string()));
    let persian = get(&app, &cookie, "/admin/users/1/delete?lang=fa").await;
    assert_eq!(persian.attrs("html", "dir"), ["rtl"]);

    for heir in ["9999", "1", "abc"] {
        let page = send(
            &app,
            &cookie,
            "/admin/users/1/delete",
            &[("csrf", &csrf), ("heir", heir)],
        )
        .await;
        assert_refused_at(&page, "heir");
        assert!(user(&app, WRITER).await.is_some(), "{heir}");
    }
    let boss_id = boss.to_string();
    let done = send(
        &app,
        &cookie,
        "/admin/users/1/delete",
        &[("csrf", &csrf), ("heir", &boss_id)],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/admin/users?done=deleted"));
    assert!(user(&app, WRITER).await.is_none());
    assert_eq!(posts_of(&app, boss).await, written);
    assert!(!signed_in(&app, &writer_cookie).await);
    let public = app.get("/en/posts/1").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("boss name"), "the heir is the byline");
    let list = get(&app, &cookie, "/admin/users?done=deleted").await;
    assert_eq!(list.texts("[role=status]"), ["The user was deleted."]);
    assert_eq!(list.texts(".admin-login"), [ADMIN]);

    // Nobody inherits: the posts keep no author.
    let temp = add_user(&app, "temp", Role::Author).await;
    let uri = format!("/admin/users/{temp}/delete");
    let done = send(&app, &cookie, &uri, &[("csrf", &csrf), ("heir", "")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(user(&app, temp).await.is_none());

    // An admin deleting themselves (another admin left) is signed out.
    add_user(&app, "chief", Role::Admin).await;
    let uri = format!("/admin/users/{boss}/delete");
    let done = send(&app, &cookie, &uri, &[("csrf", &csrf), ("heir", "")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/admin/login"));
    assert!(
        done.header("set-cookie")
            .is_some_and(|c| c.contains("Max-Age=0"))
    );
}

async fn an_admin_logs_a_user_out_everywhere(app: TestApp) {
    writer_password(&app).await;
    let (_, cookie, csrf) = admin(&app).await;
    let laptop = accounts::sign_in(&app, "writer").await;
    let phone = accounts::sign_in(&app, "writer").await;
    let edit = get(&app, &cookie, "/admin/users/1/edit").await;
    assert_eq!(
        edit.attrs("form.admin-user-logout", "action"),
        ["/admin/users/1/logout-everywhere"]
    );
    let done = send(
        &app,
        &cookie,
        "/admin/users/1/logout-everywhere",
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.location.as_deref(),
        Some("/admin/users/1/edit?done=logged-out")
    );
    assert!(!signed_in(&app, &laptop).await && !signed_in(&app, &phone).await);
    assert!(signed_in(&app, &cookie).await);
    let page = get(&app, &cookie, "/admin/users/1/edit?done=logged-out").await;
    assert_eq!(
        page.texts("[role=status]"),
        ["This user was logged out everywhere."]
    );
}

async fn forged_posts_change_nothing(app: TestApp) {
    writer_password(&app).await;
    let (_, cookie, csrf) = admin(&app).await;
    let writer_cookie = accounts::sign_in(&app, "writer").await;
    let before = users(&app).await;
    let posts: [(&str, Vec<(&str, &str)>); 4] = [
        ("/admin/users/new", fields(&csrf, &[])),
        (
            "/admin/users/1/edit",
            writer_fields(&csrf, &[("role", "admin")]),
        ),
        (
            "/admin/users/1/delete",
            vec![("csrf", csrf.as_str()), ("heir", "")],
        ),
        (
            "/admin/users/1/logout-everywhere",
            vec![("csrf", csrf.as_str())],
        ),
    ];
    for (uri, form) in &posts {
        let missing: Vec<(&str, &str)> =
            form.iter().copied().filter(|(k, _)| *k != "csrf").collect();
        let wrong: Vec<(&str, &str)> = form
            .iter()
            .map(|&(k, v)| {
                if k == "csrf" {
                    (k, "not-the-token")
                } else {
                    (k, v)
                }
            })
            .collect();
        for form in [&missing, &wrong] {
            let page = send(&app, &cookie, uri, form).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{uri}");
        }
        let cross = Call::post(uri, form)
            .cookie(&cookie)
            .header("origin", "https://evil.example");
        assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(users(&app).await, before);
    assert!(signed_in(&app, &writer_cookie).await);
}

async fn unknown_users_are_not_found(app: TestApp) {
    let (_, cookie, csrf) = admin(&app).await;
    for uri in [
        "/admin/users/9999/edit",
        "/admin/users/abc/edit",
        "/admin/users/9999/delete",
    ] {
        let page = get(&app, &cookie, uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(page.texts("[role=alert]"), ["There is no such user."]);
    }
    for uri in [
        "/admin/users/9999/edit",
        "/admin/users/9999/delete",
        "/admin/users/9999/logout-everywhere",
    ] {
        let form = fields(&csrf, &[("login", "ghost")]);
        assert_eq!(
            send(&app, &cookie, uri, &form).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    assert!(
        app.store
            .user_by_login("ghost")
            .await
            .expect("store")
            .is_none()
    );
}

on_both_backends!(
    non_admins_are_refused_everywhere,
    an_admin_creates_a_user_who_can_sign_in,
    bad_input_comes_back_at_its_field,
    editing_keeps_or_changes_the_password,
    the_last_admin_stays,
    deleting_gives_the_posts_to_an_heir,
    an_admin_logs_a_user_out_everywhere,
    forged_posts_change_nothing,
    unknown_users_are_not_found,
);
