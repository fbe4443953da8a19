//! The post editor over HTTP, on both backends: writing, bad input kept and
//! explained, scheduling, roles, stale saves, hostile text and CSRF.

use axum::http::StatusCode;
use herald_core::{AdminPostFilter, Role, Status, permalink};
use herald_render::dates::{local_input, time_zone};

use crate::accounts::{self, add_user};
use crate::fixture::{ABOUT, DRAFT, FA_ENVIRONMENT, FA_TAG, HOUR, NOW, STICKY, TEAM};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

/// The fixture's author (user 1), who wrote every fixture post.
const AUTHOR: &str = "writer";

/// Sign in; the cookie and the CSRF token of the editor form.
async fn sign_in(app: &TestApp, login: &str) -> (String, String) {
    let cookie = accounts::sign_in(app, login).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/posts/new").await;
    (cookie, csrf)
}

/// A complete, valid form for a new English post; tests override fields.
fn fields<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("title", "A fresh post"),
        ("slug", ""),
        ("language", "en"),
        ("kind", "post"),
        ("body", "Some *text*."),
        ("excerpt", ""),
        ("tags", ""),
        ("status", "published"),
        ("publish_at", ""),
        ("comments_open", "on"),
        ("updated_at", ""),
    ];
    for (name, value) in overrides {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields.retain(|(_, v)| *v != "\u{0}");
    fields
}

async fn submit(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    app.send(Call::post(uri, fields).cookie(cookie)).await
}

/// The id in a `/admin/posts/{id}/edit?saved=1` redirect.
fn saved_id(page: &Page) -> i64 {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.as_deref().expect("location");
    let id = location
        .strip_prefix("/admin/posts/")
        .and_then(|rest| rest.strip_suffix("/edit?saved=1"))
        .expect("edit page");
    id.parse().expect("id")
}

async fn post_count(app: &TestApp) -> u64 {
    app.store
        .admin_posts(&AdminPostFilter {
            page: 1,
            per_page: 10,
            include_trash: true,
            ..AdminPostFilter::default()
        })
        .await
        .expect("store")
        .total
}

fn tehran(at: i64) -> String {
    local_input(at, time_zone("Asia/Tehran"))
}

async fn an_editor_writes_a_persian_post(app: TestApp) {
    let editor = add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let list = app.send(Call::get("/admin/posts").cookie(&cookie)).await;
    assert_eq!(list.attrs("a.admin-new", "href"), ["/admin/posts/new"]);
    assert!(
        list.attrs("a.admin-edit", "href")
            .contains(&format!("/admin/posts/{DRAFT}/edit"))
    );

    let topic = FA_ENVIRONMENT.to_string();
    let form = fields(
        &csrf,
        &[
            ("title", "سلام دنیا"),
            ("language", "fa"),
            ("body", "# بخش\n\nمتنی **پررنگ** اینجا."),
            ("topics", &topic),
            ("tags", "رود، تازه"),
            ("sticky", "on"),
        ],
    );
    let saved = submit(&app, &cookie, "/admin/posts/new", &form).await;
    let id = saved_id(&saved);
    let post = app.store.post(id).await.expect("store").expect("post");
    assert_eq!(post.slug, "سلام-دنیا", "the slug keeps the Persian script");
    assert_eq!(post.author, Some(editor));
    assert_eq!(post.status, Status::Published);
    assert_eq!(post.publish_at, NOW);
    assert!(post.sticky && post.comments_open);
    assert_eq!(
        post.terms.len(),
        3,
        "a tag not there yet is made with the post"
    );
    assert!(post.terms.contains(&FA_ENVIRONMENT) && post.terms.contains(&FA_TAG));
    let made = app
        .store
        .term_by_slug("fa", herald_core::Taxonomy::Tag, "تازه")
        .await
        .expect("store")
        .expect("the new tag");
    assert!(post.terms.contains(&made.id));

    let public = app.get(&permalink::post("fa", id)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.texts("h1"), ["سلام دنیا"]);
    assert!(public.texts("h2").contains(&"بخش".to_owned()));
    assert!(
        public.body.contains("<strong>پررنگ</strong>"),
        "{}",
        public.body
    );

    let location = saved.location.as_deref().expect("location");
    let edit = app.send(Call::get(location).cookie(&cookie)).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.texts("[role=status]"), ["Saved."]);
    assert_eq!(edit.attrs("input[name=title]", "value"), ["سلام دنیا"]);
    assert_eq!(
        edit.attrs("input[name=tags]", "value"),
        ["Name of رود, تازه"]
    );
    assert_eq!(edit.attrs("input[name=topics][checked]", "value"), [topic]);
    assert_eq!(
        edit.attrs("select[name=language] option[selected]", "value"),
        ["fa"]
    );

    let persian = app
        .send(Call::get("/admin/posts/new?lang=fa").cookie(&cookie))
        .await;
    assert_eq!(persian.attrs("html", "dir"), ["rtl"]);
    assert_eq!(persian.texts("h1"), ["نوشتهٔ تازه"]);
}

async fn bad_input_comes_back_with_messages_and_nothing_is_saved(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let first = submit(
        &app,
        &cookie,
        "/admin/posts/new",
        &fields(&csrf, &[("slug", "taken-slug")]),
    )
    .await;
    saved_id(&first);
    let before = post_count(&app).await;

    let long_title = "x".repeat(301);
    let long_slug = "a".repeat(201);
    for (overrides, field, message) in [
        (vec![("title", "   ")], "title", "Give the post a title."),
        (vec![("title", long_title.as_str())], "title", "too long"),
        (vec![("slug", "taken-slug")], "slug", "already used by post"),
        (vec![("slug", "Not A Slug")], "slug", "leave it empty"),
        (vec![("slug", long_slug.as_str())], "slug", "too long"),
        (
            vec![("publish_at", "2026-13-45T99:00")],
            "publish_at",
            "not a valid date",
        ),
        (vec![("topics", "9999")], "topics", "does not exist"),
        (vec![("tags", "!!!, rivers")], "tags", "!!!"),
        (
            vec![("author", "9999")],
            "author",
            "Choose one of the site's users",
        ),
        (
            vec![("translation_of", "abc")],
            "translation_of",
            "Give a post number",
        ),
        (
            vec![("translation_of", "4242")],
            "translation_of",
            "no post with id 4242",
        ),
        (vec![("language", "xx")], "language", "languages"),
        (vec![("kind", "nonsense")], "kind", "kinds"),
        (vec![("status", "trash")], "status", "Choose a status"),
    ] {
        let mut all = overrides.clone();
        all.push(("body", "keep <this> body"));
        all.push(("excerpt", "keep this excerpt"));
        let page = submit(&app, &cookie, "/admin/posts/new", &fields(&csrf, &all)).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{overrides:?}"
        );
        let errors = page.texts(&format!("#{field}-error")).join(" ");
        assert!(errors.contains(message), "{overrides:?}: {errors}");
        assert_eq!(
            page.texts("[role=alert]"),
            ["The post was not saved. Correct the fields marked below."]
        );
        assert_eq!(page.texts("textarea[name=body]"), ["keep <this> body"]);
        assert_eq!(page.texts("textarea[name=excerpt]"), ["keep this excerpt"]);
        for (name, value) in &overrides {
            if !["language", "kind", "status", "topics", "author"].contains(name) {
                let kept = page.attrs(&format!("input[name={name}]"), "value");
                assert_eq!(kept, [value.to_string()], "{name} kept");
            }
        }
    }
    assert_eq!(post_count(&app).await, before, "nothing was saved");
}

async fn a_scheduled_post_appears_at_its_time(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let past = tehran(NOW - HOUR);
    let refused = submit(
        &app,
        &cookie,
        "/admin/posts/new",
        &fields(&csrf, &[("status", "scheduled"), ("publish_at", &past)]),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.texts("#publish_at-error")[0].contains("future"));

    let later = tehran(NOW + 2 * HOUR);
    let saved = submit(
        &app,
        &cookie,
        "/admin/posts/new",
        &fields(&csrf, &[("status", "scheduled"), ("publish_at", &later)]),
    )
    .await;
    let id = saved_id(&saved);
    let post = app.store.post(id).await.expect("store").expect("post");
    assert_eq!(
        post.publish_at,
        NOW + 2 * HOUR,
        "read in the site's time zone"
    );
    let url = permalink::post("en", id);
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    app.clock.advance(2 * HOUR + 1);
    assert_eq!(
        app.get(&url).await.status,
        StatusCode::OK,
        "no restart needed"
    );
}

async fn contributors_cannot_publish_or_edit_others(app: TestApp) {
    let helper = add_user(&app, "helper", Role::Contributor).await;
    let (cookie, csrf) = sign_in(&app, "helper").await;
    let form = app
        .send(Call::get("/admin/posts/new").cookie(&cookie))
        .await;
    assert_eq!(
        form.attrs("select[name=status] option", "value"),
        ["draft", "pending"]
    );
    let before = post_count(&app).await;
    let refused = submit(&app, &cookie, "/admin/posts/new", &fields(&csrf, &[])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.texts("#status-error")[0].contains("may not publish"));
    assert_eq!(post_count(&app).await, before);

    let draft = submit(
        &app,
        &cookie,
        "/admin/posts/new",
        &fields(&csrf, &[("status", "pending")]),
    )
    .await;
    let id = saved_id(&draft);
    let post = app.store.post(id).await.expect("store").expect("post");
    assert_eq!((post.author, post.status), (Some(helper), Status::Pending));

    let other = app
        .send(Call::get(&format!("/admin/posts/{DRAFT}/edit")).cookie(&cookie))
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let write = submit(
        &app,
        &cookie,
        &format!("/admin/posts/{DRAFT}"),
        &fields(&csrf, &[("status", "draft"), ("title", "Taken over")]),
    )
    .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    let untouched = app.store.post(DRAFT).await.expect("store").expect("post");
    assert_ne!(untouched.title, "Taken over");

    // The author may edit and publish their own posts, but not the contributor's.
    app.store
        .set_password_hash(1, &accounts::password_hash())
        .await
        .expect("store");
    let (cookie, _) = sign_in(&app, AUTHOR).await;
    let theirs = app
        .send(Call::get(&format!("/admin/posts/{id}/edit")).cookie(&cookie))
        .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let own = app
        .send(Call::get(&format!("/admin/posts/{DRAFT}/edit")).cookie(&cookie))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(
        own.attrs("select[name=status] option", "value")
            .contains(&"published".to_owned())
    );
    let missing = app
        .send(Call::get("/admin/posts/99999/edit").cookie(&cookie))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn a_stale_save_never_overwrites(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let uri = format!("/admin/posts/{DRAFT}/edit");
    let edit = app.send(Call::get(&uri).cookie(&cookie)).await;
    let updated_at = edit.attrs("input[name=updated_at]", "value")[0].clone();
    let action = format!("/admin/posts/{DRAFT}");
    let common = [("status", "draft"), ("updated_at", updated_at.as_str())];

    let mut first = common.to_vec();
    first.extend([("title", "First editor"), ("body", "First text")]);
    let saved = submit(&app, &cookie, &action, &fields(&csrf, &first)).await;
    assert_eq!(saved_id(&saved), DRAFT);

    let mut second = common.to_vec();
    second.extend([("title", "Second editor"), ("body", "Second text")]);
    let stale = submit(&app, &cookie, &action, &fields(&csrf, &second)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.texts("[role=alert]")[0].contains("Someone else saved"));
    assert_eq!(stale.attrs("input[name=title]", "value"), ["Second editor"]);
    assert_eq!(stale.texts("textarea[name=body]"), ["Second text"]);
    assert_eq!(stale.attrs("input[name=updated_at]", "value"), [updated_at]);

    let stored = app.store.post(DRAFT).await.expect("store").expect("post");
    assert_eq!(
        (stored.title.as_str(), stored.body.as_str()),
        ("First editor", "First text")
    );
}

async fn script_is_kept_as_text_and_never_runs(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let title = "<script>alert(1)</script> Loud";
    let body = "Hello <script>alert('x')</script> <img src=x onerror=alert(2)> **bold**";
    let saved = submit(
        &app,
        &cookie,
        "/admin/posts/new",
        &fields(&csrf, &[("title", title), ("body", body), ("slug", "loud")]),
    )
    .await;
    let id = saved_id(&saved);
    let post = app.store.post(id).await.expect("store").expect("post");
    assert_eq!(
        (post.title.as_str(), post.body.as_str()),
        (title, body),
        "stored as typed"
    );

    let public = app.get(&permalink::post("en", id)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.body.matches("<script").count(),
        public
            .body
            .matches("<script type=\"application/ld+json\">")
            .count(),
        "{}",
        public.body
    );
    assert!(!public.body.contains("onerror"), "{}", public.body);
    assert!(public.body.contains("<strong>bold</strong>"));

    let edit = app
        .send(Call::get(&format!("/admin/posts/{id}/edit")).cookie(&cookie))
        .await;
    assert!(!edit.body.contains("<script>"), "escaped in the form");
    let scripts = edit.attrs("script", "src");
    assert_eq!(edit.texts("script").len(), 1, "one script element");
    assert!(
        scripts.len() == 1 && scripts[0].starts_with("/admin/static/admin."),
        "only the admin script: {scripts:?}"
    );
    assert_eq!(edit.attrs("input[name=title]", "value"), [title]);
    assert_eq!(edit.texts("textarea[name=body]"), [body]);
}

async fn saving_needs_the_csrf_token(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let before = post_count(&app).await;
    for token in ["\u{0}", "wrong"] {
        let form = fields(&csrf, &[("csrf", token)]);
        let page = submit(&app, &cookie, "/admin/posts/new", &form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
        let page = submit(&app, &cookie, &format!("/admin/posts/{DRAFT}"), &form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{token:?}");
    }
    let foreign = app
        .send(
            Call::post("/admin/posts/new", &fields(&csrf, &[]))
                .cookie(&cookie)
                .header("origin", "https://evil.example"),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert_eq!(post_count(&app).await, before);
    let anonymous = app.get("/admin/posts/new").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

/// Translation links, parent pages and authors chosen in the editor.
async fn translations_parents_and_authors(app: TestApp) {
    let editor = add_user(&app, "editor", Role::Editor).await;
    let author = add_user(&app, "author", Role::Author).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let sticky = STICKY.to_string();
    let form = fields(
        &csrf,
        &[
            ("title", "ترجمهٔ خبر"),
            ("language", "fa"),
            ("translation_of", &sticky),
            ("author", "1"),
        ],
    );
    let id = saved_id(&submit(&app, &cookie, "/admin/posts/new", &form).await);
    let post = app.stored(id).await;
    assert_eq!(post.author, Some(1), "an editor chooses the author");
    let group = post.translation_group.expect("linked");
    let english = app.stored(STICKY).await;
    assert_eq!(english.translation_group, Some(group));
    let edit = app
        .send(Call::get(&format!("/admin/posts/{STICKY}/edit")).cookie(&cookie))
        .await;
    assert_eq!(edit.texts(".admin-editor-links li a"), ["ترجمهٔ خبر"]);
    assert_eq!(
        edit.attrs(".admin-editor-links a[href$='/revisions']", "href"),
        [format!("/admin/posts/{STICKY}/revisions")]
    );
    // Unlinking takes the Persian post out of the group.
    let updated_at = post.updated_at.to_string();
    let form = fields(
        &csrf,
        &[
            ("title", "ترجمهٔ خبر"),
            ("language", "fa"),
            ("unlink", "on"),
            ("updated_at", &updated_at),
        ],
    );
    let page = submit(&app, &cookie, &format!("/admin/posts/{id}"), &form).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.stored(id).await.translation_group, None);

    // A page under About; About under its own child is refused.
    let about = ABOUT.to_string();
    let form = fields(
        &csrf,
        &[("title", "Press"), ("kind", "page"), ("parent", &about)],
    );
    let new_page = app
        .send(Call::get("/admin/posts/new").cookie(&cookie))
        .await;
    assert!(new_page.status.is_success());
    let id = saved_id(&submit(&app, &cookie, "/admin/posts/new", &form).await);
    assert_eq!(app.stored(id).await.parent, Some(ABOUT));
    let stored_about = app.stored(ABOUT).await;
    let team = TEAM.to_string();
    let updated_at = stored_about.updated_at.to_string();
    let form = fields(
        &csrf,
        &[
            ("title", "About"),
            ("kind", "page"),
            ("parent", &team),
            ("slug", &stored_about.slug),
            ("updated_at", &updated_at),
        ],
    );
    let page = submit(&app, &cookie, &format!("/admin/posts/{ABOUT}"), &form).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.texts("#parent-error")[0].contains("own ancestor"));
    assert_eq!(
        page.attrs("select[name=parent] option[selected]", "value"),
        [team],
        "the choice is kept"
    );
    assert_eq!(app.stored(ABOUT).await.parent, None);

    // An author cannot give their post to someone else: the field is ignored.
    let (cookie, csrf) = sign_in(&app, "author").await;
    let editor_id = editor.to_string();
    let form = fields(&csrf, &[("title", "Mine"), ("author", &editor_id)]);
    let id = saved_id(&submit(&app, &cookie, "/admin/posts/new", &form).await);
    assert_eq!(app.stored(id).await.author, Some(author));
    let page = app
        .send(Call::get("/admin/posts/new").cookie(&cookie))
        .await;
    assert!(page.attrs("select[name=author]", "id").is_empty());
}

on_both_backends!(
    translations_parents_and_authors,
    an_editor_writes_a_persian_post,
    bad_input_comes_back_with_messages_and_nothing_is_saved,
    a_scheduled_post_appears_at_its_time,
    contributors_cannot_publish_or_edit_others,
    a_stale_save_never_overwrites,
    script_is_kept_as_text_and_never_runs,
    saving_needs_the_csrf_token,
);
