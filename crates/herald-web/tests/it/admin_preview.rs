//! The editor's preview over HTTP, on both backends: the form rendered as the
//! public post page would be, sanitised the same way, behind the session,
//! the permission and the CSRF token, and never saved.

use axum::http::StatusCode;
use herald_core::{AdminPostFilter, Role, permalink};
use scraper::Selector;

use crate::accounts::{self, add_user};
use crate::fixture::{DRAFT, FA_ENVIRONMENT, HOSTILE};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

const PREVIEW: &str = "/admin/posts/preview";

/// Sign in; the cookie and the CSRF token of the editor form.
async fn sign_in(app: &TestApp, login: &str) -> (String, String) {
    let cookie = accounts::sign_in(app, login).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/posts/new").await;
    (cookie, csrf)
}

/// The editor's fields for a Persian post, with `overrides`.
fn fields<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("title", "سلام دنیا"),
        ("slug", ""),
        ("language", "fa"),
        ("kind", "post"),
        ("body", "# بخش\n\nمتنی **پررنگ** اینجا."),
        ("excerpt", ""),
        ("tags", "رود"),
        ("status", "draft"),
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
    fields
}

async fn preview(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    app.send(Call::post(uri, fields).cookie(cookie)).await
}

/// The inner HTML of the first element matching `selector`.
fn inner(page: &Page, selector: &str) -> String {
    let selector = Selector::parse(selector).expect("selector");
    page.html()
        .select(&selector)
        .next()
        .map(|e| e.inner_html())
        .unwrap_or_default()
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

async fn a_preview_is_the_public_page_of_the_unsaved_post(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let before = post_count(&app).await;
    let topic = FA_ENVIRONMENT.to_string();
    let form = fields(&csrf, &[("topics", &topic)]);
    let shown = preview(&app, &cookie, PREVIEW, &form).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert_eq!(post_count(&app).await, before, "nothing was saved");
    assert_eq!(shown.header("x-robots-tag"), Some("noindex"));
    assert_eq!(shown.attrs("meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(shown.attrs("html", "dir"), ["rtl"]);
    assert_eq!(shown.attrs("html", "lang"), ["fa"]);
    assert_eq!(shown.texts(".preview-banner"), ["Preview — not published"]);
    assert_eq!(shown.attrs(".preview-banner", "lang"), ["en"]);
    assert_eq!(shown.texts("h1"), ["سلام دنیا"]);
    assert_eq!(shown.texts(".meta a[rel=author]"), ["editor name"]);
    let stylesheet = shown.attrs("link[rel=stylesheet]", "href");
    assert!(
        stylesheet[0].starts_with("/assets/theme."),
        "{stylesheet:?}"
    );

    // Saved, the same form gives the same article on the public site.
    let mut save = form.clone();
    save.retain(|(name, _)| *name != "status");
    save.push(("status", "published"));
    let saved = preview(&app, &cookie, "/admin/posts/new", &save).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.location.expect("location");
    let id = location
        .strip_prefix("/admin/posts/")
        .and_then(|rest| rest.strip_suffix("/edit?saved=1"))
        .expect("edit page");
    let public = app
        .get(&permalink::post("fa", id.parse().expect("id")))
        .await;
    assert_eq!(public.status, StatusCode::OK);
    for part in ["article .body", ".post-head .meta", ".terms", ".crumbs"] {
        assert_eq!(inner(&shown, part), inner(&public, part), "{part}");
    }
    assert!(inner(&shown, "article .body").contains("<strong>پررنگ</strong>"));
    assert!(
        shown
            .texts(".terms a")
            .contains(&"Name of محیط-زیست".to_owned())
    );
    assert!(public.texts(".preview-banner").is_empty());

    let persian = preview(&app, &cookie, &format!("{PREVIEW}?lang=fa"), &form).await;
    assert_eq!(persian.texts(".preview-banner"), ["پیش‌نمایش — منتشر نشده"]);
    assert_eq!(persian.attrs(".preview-banner", "dir"), ["rtl"]);
}

async fn script_is_sanitised_as_on_the_public_site(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let title = "<script>alert(1)</script> Loud";
    let body = "Hello <script>alert('x')</script> <img src=x onerror=alert(2)> \
                <a href=\"javascript:alert(3)\">link</a> **bold**";
    let form = fields(
        &csrf,
        &[("title", title), ("body", body), ("language", "en")],
    );
    let shown = preview(&app, &cookie, PREVIEW, &form).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(!shown.body.contains("<script"), "{}", shown.body);
    assert!(!shown.body.contains("onerror"), "{}", shown.body);
    assert!(!shown.body.contains("javascript:"), "{}", shown.body);
    assert!(shown.body.contains("<strong>bold</strong>"));
    assert_eq!(shown.texts("h1"), [title], "the title is text");

    // A stored post keeps its format: the imported HTML of the hostile
    // fixture post previews exactly as the public page shows it.
    let stored = app.store.post(HOSTILE).await.expect("store").expect("post");
    let hostile = fields(
        &csrf,
        &[
            ("title", stored.title.as_str()),
            ("body", stored.body.as_str()),
            ("language", "en"),
            ("tags", ""),
        ],
    );
    let uri = format!("{PREVIEW}?post={HOSTILE}");
    let shown = preview(&app, &cookie, &uri, &hostile).await;
    assert_eq!(shown.status, StatusCode::OK);
    let public = app.get(&permalink::post("en", HOSTILE)).await;
    assert_eq!(
        inner(&shown, "article .body"),
        inner(&public, "article .body")
    );
    assert!(!shown.body.contains("steal()"), "{}", shown.body);
    assert_eq!(shown.texts(".meta a[rel=author]"), ["Fixture Writer"]);
}

async fn previews_need_a_session_the_token_and_the_right_post(app: TestApp) {
    add_user(&app, "helper", Role::Contributor).await;
    let (cookie, csrf) = sign_in(&app, "helper").await;
    let form = fields(&csrf, &[]);
    let anonymous = app.send(Call::post(PREVIEW, &form)).await;
    assert_eq!(anonymous.status, StatusCode::FORBIDDEN);
    let mut missing = form.clone();
    missing.retain(|(name, _)| *name != "csrf");
    for refused in [missing, fields("wrong", &[])] {
        let page = preview(&app, &cookie, PREVIEW, &refused).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.texts(".preview-banner").is_empty());
    }
    let foreign = app
        .send(
            Call::post(PREVIEW, &form)
                .cookie(&cookie)
                .header("origin", "https://evil.example"),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    // A contributor previews their own writing, but not someone else's post.
    let own = preview(&app, &cookie, PREVIEW, &form).await;
    assert_eq!(own.status, StatusCode::OK);
    let other = format!("{PREVIEW}?post={DRAFT}");
    let page = preview(&app, &cookie, &other, &form).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let gone = preview(&app, &cookie, &format!("{PREVIEW}?post=99999"), &form).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    let before = app.store.post(DRAFT).await.expect("store").expect("post");
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let changed = fields(&csrf, &[("title", "Not saved"), ("language", "en")]);
    let page = preview(&app, &cookie, &other, &changed).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Not saved"]);
    let after = app.store.post(DRAFT).await.expect("store").expect("post");
    assert_eq!(after, before, "the stored post is untouched");
}

async fn an_unknown_language_cannot_be_previewed(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let (cookie, csrf) = sign_in(&app, "editor").await;
    for language in ["xx", ""] {
        let form = fields(&csrf, &[("language", language)]);
        let page = preview(&app, &cookie, PREVIEW, &form).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{language:?}"
        );
        assert_eq!(
            page.texts("[role=alert]"),
            ["Choose one of the site's languages."]
        );
    }
}

async fn the_editor_previews_with_and_without_script(app: TestApp) {
    add_user(&app, "editor", Role::Editor).await;
    let cookie = accounts::sign_in(&app, "editor").await;
    for (uri, action) in [
        ("/admin/posts/new", PREVIEW.to_owned()),
        ("/admin/posts/new?lang=fa", format!("{PREVIEW}?lang=fa")),
        (
            &format!("/admin/posts/{DRAFT}/edit?lang=fa"),
            format!("{PREVIEW}?post={DRAFT}&lang=fa"),
        ),
    ] {
        let page = app.send(Call::get(uri).cookie(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let button = "form.admin-editor button[formaction]";
        assert_eq!(page.attrs(button, "formaction"), [action], "{uri}");
        assert_eq!(page.attrs(button, "formtarget"), ["_blank"]);
        assert_eq!(
            page.attrs(".admin-preview[hidden] iframe[sandbox]", "sandbox")
                .len(),
            1
        );
        let csp = page.header("content-security-policy").expect("csp");
        assert!(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"));
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        // The script is a file: no inline script or style for the policy to block.
        let inline =
            Selector::parse("script:not([src]), style, [style], [onclick]").expect("selector");
        assert!(page.html().select(&inline).next().is_none(), "{uri}");
    }
    let page = app
        .send(Call::get("/admin/posts/new").cookie(&cookie))
        .await;
    let src = page.attrs("script[src][defer]", "src");
    assert_eq!(src.len(), 1);
    assert!(
        src[0].starts_with("/admin/static/admin.") && src[0].ends_with(".js"),
        "{src:?}"
    );
    let script = app.get(&src[0]).await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        script.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(script.header("x-content-type-options"), Some("nosniff"));
    assert!(script.body.contains("function slugify"));
    // Pages without the editor load no script.
    let list = app.send(Call::get("/admin/posts").cookie(&cookie)).await;
    assert!(list.attrs("script", "src").is_empty());
}

on_both_backends!(
    a_preview_is_the_public_page_of_the_unsaved_post,
    script_is_sanitised_as_on_the_public_site,
    previews_need_a_session_the_token_and_the_right_post,
    an_unknown_language_cannot_be_previewed,
    the_editor_previews_with_and_without_script,
);
