//! Site settings over HTTP, on both backends: only admins get in, bad input
//! comes back at its field with nothing written, unknown time zones and
//! unsafe menu links are refused, and the public site follows a save at once.

use axum::http::StatusCode;
use herald_core::{Language, Role, SiteSettings};

use crate::accounts::{self, add_user};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

const ADMIN: &str = "boss";
const EN_FORM: &str = "/admin/settings?language=en";

/// An admin signed in: cookie and CSRF token.
async fn admin(app: &TestApp) -> (String, String) {
    add_user(app, ADMIN, Role::Admin).await;
    let cookie = accounts::sign_in(app, ADMIN).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/settings").await;
    (cookie, csrf)
}

/// The English form as the fixture stores it, with overrides ("\0" drops one).
fn language_fields<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("section", "language"),
        ("site_name", "Fixture en"),
        ("tagline", "Tagline en"),
        ("posts_per_page", "10"),
        ("excerpt_words", "12"),
        ("read_more", "Read more"),
        ("calendar", "gregorian"),
        ("digits", "latin"),
        ("date_format", "{month} {d}, {y}"),
        ("menu", "Environment | /en/topic/environment/"),
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

fn site_fields<'a>(csrf: &'a str, language: &'a str, zone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("section", "site"),
        ("default_language", language),
        ("time_zone", zone),
    ]
}

async fn send(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    app.send(Call::post(uri, fields).cookie(cookie)).await
}

async fn get(app: &TestApp, cookie: &str, uri: &str) -> Page {
    app.send(Call::get(uri).cookie(cookie)).await
}

/// Everything the settings page can change.
async fn stored(app: &TestApp) -> (SiteSettings, Vec<Language>) {
    let settings = app.store.settings().await.expect("store");
    (settings, app.store.languages().await.expect("store"))
}

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
}

async fn non_admins_are_refused(app: TestApp) {
    let before = stored(&app).await;
    for (login, role) in [
        ("editor", Role::Editor),
        ("author", Role::Author),
        ("helper", Role::Contributor),
    ] {
        add_user(&app, login, role).await;
        let cookie = accounts::sign_in(&app, login).await;
        let csrf = accounts::csrf_token(&app, &cookie, "/admin/").await;
        for uri in ["/admin/settings", EN_FORM, "/admin/settings?language=xx"] {
            let page = get(&app, &cookie, uri).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{login} GET {uri}");
        }
        let renamed = language_fields(&csrf, &[("site_name", "Taken over")]);
        let page = send(&app, &cookie, EN_FORM, &renamed).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
        let site = site_fields(&csrf, "fa", "UTC");
        let page = send(&app, &cookie, "/admin/settings", &site).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
    }
    assert_eq!(stored(&app).await, before);
    assert_eq!(
        app.get("/admin/settings").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn a_save_shows_on_the_public_site_at_once(app: TestApp) {
    let (cookie, csrf) = admin(&app).await;
    let home = app.get("/en/").await;
    assert_eq!(home.texts("h1"), ["Fixture en"]);
    assert_eq!(home.texts("article.item").len(), 10);

    let page = get(&app, &cookie, "/admin/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.attrs("input[name=site_name]", "value"), ["Fixture en"]);
    assert_eq!(
        page.attrs("input[name=time_zone]", "value"),
        ["Asia/Tehran"]
    );
    assert_eq!(
        page.texts("textarea[name=menu]"),
        ["Environment | /en/topic/environment/"]
    );
    assert_eq!(
        page.attrs("nav.admin-languages a[aria-current]", "href"),
        [EN_FORM]
    );

    let menu = "Home | /en/\r\n\r\nAbout us | /en/about/\nElsewhere | https://example.org/x";
    let form = language_fields(
        &csrf,
        &[
            ("site_name", "Renamed <i>site</i>"),
            ("tagline", "A new line"),
            ("posts_per_page", "5"),
            ("excerpt_words", "3"),
            ("read_more", "Continue"),
            ("menu", menu),
        ],
    );
    let saved = send(&app, &cookie, EN_FORM, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/settings?language=en&saved=1")
    );
    let page = get(&app, &cookie, "/admin/settings?language=en&saved=1").await;
    assert_eq!(
        page.texts("[role=status]"),
        ["Saved. The site shows the change now."]
    );

    let home = app.get("/en/").await;
    assert_eq!(home.texts("h1"), ["Renamed <i>site</i>"]);
    assert!(home.texts(".tagline").contains(&"A new line".to_owned()));
    assert_eq!(home.texts("article.item").len(), 5);
    assert!(home.body.contains("Continue"));
    assert_eq!(
        home.attrs("nav.menu a", "href"),
        ["/en/", "/en/about/", "https://example.org/x"]
    );
    assert_eq!(app.get("/en/page/5/").await.status, StatusCode::OK);
    // Persian is untouched.
    assert_eq!(app.get("/fa/").await.texts("h1"), ["Fixture fa"]);
}

async fn site_wide_settings(app: TestApp) {
    let (cookie, csrf) = admin(&app).await;
    let saved = send(
        &app,
        &cookie,
        "/admin/settings",
        &site_fields(&csrf, "fa", " Europe/London "),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let (settings, _) = stored(&app).await;
    assert_eq!(settings.default_language, "fa");
    assert_eq!(settings.time_zone, "Europe/London");
    let root = app.get("/").await;
    assert!(
        root.location
            .as_deref()
            .is_some_and(|l| l.starts_with("/fa/")),
        "{:?}",
        root.location
    );
    // The language form now opens on Persian.
    let page = get(&app, &cookie, "/admin/settings").await;
    assert_eq!(page.attrs("input[name=site_name]", "value"), ["Fixture fa"]);

    let before = stored(&app).await;
    for (language, zone, field) in [
        ("en", "Mars/Olympus", "time_zone"),
        ("en", "", "time_zone"),
        ("en", "UTC+3", "time_zone"),
        ("xx", "UTC", "default_language"),
    ] {
        let page = send(
            &app,
            &cookie,
            "/admin/settings",
            &site_fields(&csrf, language, zone),
        )
        .await;
        assert_refused_at(&page, field);
        assert_eq!(page.attrs("input[name=time_zone]", "value"), [zone], "kept");
    }
    assert_eq!(stored(&app).await, before, "never silently UTC");
}

async fn bad_language_input_comes_back_at_its_field(app: TestApp) {
    let (cookie, csrf) = admin(&app).await;
    let before = stored(&app).await;
    let long_name = "n".repeat(201);
    for (overrides, field) in [
        (vec![("site_name", "  ")], "site_name"),
        (vec![("site_name", long_name.as_str())], "site_name"),
        (vec![("posts_per_page", "0")], "posts_per_page"),
        (vec![("posts_per_page", "101")], "posts_per_page"),
        (vec![("posts_per_page", "ten")], "posts_per_page"),
        (vec![("posts_per_page", "\0")], "posts_per_page"),
        (vec![("excerpt_words", "0")], "excerpt_words"),
        (vec![("excerpt_words", "1001")], "excerpt_words"),
        (vec![("calendar", "julian")], "calendar"),
        (vec![("digits", "roman")], "digits"),
        (vec![("date_format", "")], "date_format"),
        (vec![("date_format", "{d} {mon} {y}")], "date_format"),
        (vec![("menu", "javascript:alert(1)")], "menu"),
        (vec![("menu", "Bad | javascript:alert(1)")], "menu"),
        (vec![("menu", "Off site | //evil.example/")], "menu"),
        (vec![("menu", " | /en/")], "menu"),
    ] {
        let form = language_fields(&csrf, &overrides);
        let page = send(&app, &cookie, EN_FORM, &form).await;
        assert_refused_at(&page, field);
        let alert = page.texts("[role=alert]");
        assert_eq!(
            alert[0],
            "The settings were not saved. Correct the fields marked below."
        );
    }
    // Every bad menu line is named by its number; what was typed is kept.
    let menu = "Home | /en/\nBad | javascript:alert(1)\n\nNo bar here";
    let form = language_fields(&csrf, &[("menu", menu), ("posts_per_page", "abc")]);
    let page = send(&app, &cookie, EN_FORM, &form).await;
    assert_refused_at(&page, "menu");
    let message = page.texts("#menu-error").join(" ");
    assert!(
        message.contains("Line 2:") && message.contains("Line 4:"),
        "{message}"
    );
    assert!(!message.contains("Line 1:"), "{message}");
    assert_eq!(page.texts("textarea[name=menu]"), [menu]);
    assert_eq!(page.attrs("input[name=posts_per_page]", "value"), ["abc"]);
    assert_eq!(
        page.attrs("input[name=posts_per_page]", "type"),
        Vec::<String>::new()
    );
    // In Persian, with Persian digits.
    let page = send(&app, &cookie, "/admin/settings?lang=fa&language=en", &form).await;
    assert_eq!(page.attrs("html", "dir"), ["rtl"]);
    assert!(page.texts("#menu-error")[0].contains("خط ۲:"));
    assert_eq!(stored(&app).await, before, "nothing was written");
    assert_eq!(app.get("/en/").await.texts("h1"), ["Fixture en"]);
}

async fn forged_posts_change_nothing(app: TestApp) {
    let (cookie, csrf) = admin(&app).await;
    let before = stored(&app).await;
    let language = language_fields(&csrf, &[("site_name", "Forged")]);
    let site = site_fields(&csrf, "fa", "UTC");
    for (uri, form) in [(EN_FORM, &language), ("/admin/settings", &site)] {
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
            assert_eq!(
                send(&app, &cookie, uri, form).await.status,
                StatusCode::FORBIDDEN
            );
        }
        let cross = Call::post(uri, form)
            .cookie(&cookie)
            .header("origin", "https://evil.example");
        assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(stored(&app).await, before);
}

async fn languages_and_odd_requests(app: TestApp) {
    let (cookie, csrf) = admin(&app).await;
    let persian = get(&app, &cookie, "/admin/settings?language=fa&lang=fa").await;
    assert_eq!(persian.status, StatusCode::OK);
    assert_eq!(persian.attrs("html", "dir"), ["rtl"]);
    assert_eq!(persian.texts("h1"), ["تنظیمات"]);
    assert_eq!(
        persian.attrs("input[name=site_name]", "value"),
        ["Fixture fa"]
    );
    assert_eq!(
        persian.attrs("select[name=calendar] option[selected]", "value"),
        ["solar_hijri"]
    );
    assert_eq!(
        persian.attrs("form.admin-settings-language", "action"),
        ["/admin/settings?lang=fa&language=fa"]
    );
    let unknown = get(&app, &cookie, "/admin/settings?language=xx").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let form = language_fields(&csrf, &[]);
    let unknown = send(&app, &cookie, "/admin/settings?language=xx", &form).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let odd = language_fields(&csrf, &[("section", "everything")]);
    assert_eq!(
        send(&app, &cookie, EN_FORM, &odd).await.status,
        StatusCode::BAD_REQUEST
    );

    // Saving Persian with Persian digits and a native-script path.
    let form = language_fields(
        &csrf,
        &[
            ("site_name", "سایت تازه"),
            ("posts_per_page", "۳"),
            ("calendar", "solar_hijri"),
            ("digits", "persian"),
            ("date_format", "{d} {month} {y}"),
            ("menu", "محیط زیست | /fa/topic/محیط-زیست/"),
        ],
    );
    let saved = send(&app, &cookie, "/admin/settings?language=fa&lang=fa", &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/settings?lang=fa&language=fa&saved=1")
    );
    let home = app.get("/fa/").await;
    assert_eq!(home.texts("h1"), ["سایت تازه"]);
    assert_eq!(
        home.texts("article.item").len(),
        2,
        "the fixture has two Persian posts"
    );
    let fa = app.store.languages().await.expect("store");
    let fa = fa.iter().find(|l| l.code == "fa").expect("fa");
    assert_eq!(fa.posts_per_page, 3);
    assert_eq!(fa.menu[0].url, "/fa/topic/محیط-زیست/");
}

on_both_backends!(
    non_admins_are_refused,
    a_save_shows_on_the_public_site_at_once,
    site_wide_settings,
    bad_language_input_comes_back_at_its_field,
    forged_posts_change_nothing,
    languages_and_odd_requests,
);
