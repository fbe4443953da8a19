//! Topics and tags managed from the admin over HTTP, on both backends:
//! creating, editing and deleting; bad input kept and explained with nothing
//! written; roles, CSRF; the public archives following a moved topic; and
//! Persian pages laid out right to left.

use axum::http::StatusCode;
use herald_core::{Role, Taxonomy, Term, permalink};
use scraper::Selector;

use crate::accounts::{self, add_user};
use crate::fixture::{
    ECONOMY, ENVIRONMENT, FA_ENVIRONMENT, LONG, RIVERS_TAG, TRANSLATED_EN, WATER,
};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

/// Sign in as a new user with `role`; the cookie and a CSRF token (from the
/// dashboard, which every role may see).
async fn sign_in_as(app: &TestApp, login: &str, role: Role) -> (String, String) {
    add_user(app, login, role).await;
    let cookie = accounts::sign_in(app, login).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/").await;
    (cookie, csrf)
}

async fn editor(app: &TestApp) -> (String, String) {
    sign_in_as(app, "editor", Role::Editor).await
}

async fn get(app: &TestApp, cookie: &str, uri: &str) -> Page {
    app.send(Call::get(uri).cookie(cookie)).await
}

async fn post(app: &TestApp, cookie: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    app.send(Call::post(uri, fields).cookie(cookie)).await
}

/// Every topic and tag of both languages with its post count.
async fn snapshot(app: &TestApp) -> Vec<(Term, u64)> {
    let mut all = Vec::new();
    for language in ["en", "fa"] {
        for taxonomy in [Taxonomy::Topic, Taxonomy::Tag] {
            let counts = app.store.term_counts(language, taxonomy).await;
            all.extend(
                counts
                    .expect("store")
                    .into_iter()
                    .map(|c| (c.term, c.posts)),
            );
        }
    }
    all
}

async fn term(app: &TestApp, id: i64) -> Option<Term> {
    let found = app.store.terms_by_ids(&[id]).await.expect("store");
    found.into_iter().next()
}

async fn by_slug(app: &TestApp, language: &str, taxonomy: Taxonomy, slug: &str) -> Term {
    let found = app.store.term_by_slug(language, taxonomy, slug).await;
    found.expect("store").expect("term")
}

/// Every visible form control has a label, and every label names a control.
fn assert_labelled(page: &Page) {
    let html = page.html();
    let controls = Selector::parse("input:not([type=hidden]), select, textarea").expect("sel");
    let labels = Selector::parse("label[for]").expect("selector");
    let fors: Vec<&str> = html
        .select(&labels)
        .filter_map(|l| l.value().attr("for"))
        .collect();
    for control in html.select(&controls) {
        let id = control.value().attr("id").expect("a control with an id");
        assert!(fors.contains(&id), "no label for #{id}");
    }
    for id in &fors {
        let control = Selector::parse(&format!("#{id}")).expect("selector");
        assert!(html.select(&control).next().is_some(), "label for no #{id}");
    }
}

async fn an_editor_creates_edits_and_deletes_a_topic(app: TestApp) {
    let (cookie, csrf) = editor(&app).await;
    let list = get(&app, &cookie, "/admin/topics").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.texts("h1"), ["Topics in English"]);
    assert_eq!(
        list.texts(".admin-term-name"),
        ["Name of economy", "Name of environment", "— Name of water"],
        "a tree, parents first"
    );
    assert_eq!(list.texts(".admin-term-posts"), ["1", "8", "12"]);
    assert_labelled(&list);

    let created = post(
        &app,
        &cookie,
        "/admin/topics",
        &[
            ("csrf", &csrf),
            ("name", "  Climate  "),
            ("slug", ""),
            ("description", "About the climate."),
            ("language", "en"),
            ("parent", &ENVIRONMENT.to_string()),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let back = created.location.expect("location");
    assert_eq!(back, "/admin/topics?language=en&done=created");
    let climate = by_slug(&app, "en", Taxonomy::Topic, "climate").await;
    assert_eq!(climate.name, "Climate");
    assert_eq!(climate.description, "About the climate.");
    assert_eq!(climate.parent, Some(ENVIRONMENT));
    let list = get(&app, &cookie, &back).await;
    assert_eq!(list.texts("[role=status]"), ["Added."]);
    assert_eq!(
        list.texts(".admin-term-name"),
        [
            "Name of economy",
            "Name of environment",
            "— Climate",
            "— Name of water"
        ]
    );

    let edit_uri = format!("/admin/topics/{}/edit", climate.id);
    let edit = get(&app, &cookie, &edit_uri).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(edit.attrs("input[name=name]", "value"), ["Climate"]);
    assert_eq!(edit.attrs("input[name=slug]", "value"), ["climate"]);
    assert_eq!(
        edit.attrs("select[name=parent] option[selected]", "value"),
        [ENVIRONMENT.to_string()]
    );
    let parents = edit.attrs("select[name=parent] option", "value");
    assert!(
        !parents.contains(&climate.id.to_string()),
        "not its own parent"
    );
    assert!(edit.attrs("select[name=language]", "name").is_empty());
    assert_labelled(&edit);

    let saved = post(
        &app,
        &cookie,
        &format!("/admin/topics/{}", climate.id),
        &[
            ("csrf", &csrf),
            ("name", "Climate change"),
            ("slug", "climate-change"),
            ("description", ""),
            ("parent", ""),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/topics?language=en&done=saved")
    );
    let changed = term(&app, climate.id).await.expect("kept");
    assert_eq!(
        (changed.name.as_str(), changed.slug.as_str(), changed.parent),
        ("Climate change", "climate-change", None)
    );

    let delete_uri = format!("/admin/topics/{}/delete", climate.id);
    let confirm = get(&app, &cookie, &delete_uri).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Posts that carry it: 0."));
    assert!(confirm.body.contains("Child topics: 0."));
    assert_labelled(&confirm);
    let deleted = post(&app, &cookie, &delete_uri, &[("csrf", &csrf)]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        deleted.location.as_deref(),
        Some("/admin/topics?language=en&done=deleted")
    );
    assert!(term(&app, climate.id).await.is_none());
    assert_eq!(
        get(&app, &cookie, &edit_uri).await.status,
        StatusCode::NOT_FOUND
    );
    let again = post(&app, &cookie, &delete_uri, &[("csrf", &csrf)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

async fn an_editor_manages_tags_in_persian_script(app: TestApp) {
    let (cookie, csrf) = editor(&app).await;
    let list = get(&app, &cookie, "/admin/tags?language=fa").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.texts("h1"), ["Tags in فارسی"]);
    assert_eq!(list.texts(".admin-term-slug"), ["رود"]);
    assert!(
        list.attrs("select[name=parent]", "name").is_empty(),
        "tags have no parent"
    );
    assert_eq!(
        list.attrs("select[name=language] option[selected]", "value"),
        ["fa"]
    );
    let created = post(
        &app,
        &cookie,
        "/admin/tags",
        &[
            ("csrf", &csrf),
            ("name", "باران تند"),
            ("slug", ""),
            ("description", ""),
            ("language", "fa"),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(
        created.location.as_deref(),
        Some("/admin/tags?language=fa&done=created")
    );
    let rain = by_slug(&app, "fa", Taxonomy::Tag, "باران-تند").await;
    assert_eq!(rain.parent, None);
    let saved = post(
        &app,
        &cookie,
        &format!("/admin/tags/{}", rain.id),
        &[
            ("csrf", &csrf),
            ("name", "باران"),
            ("slug", "باران"),
            ("description", "درباره باران"),
            ("parent", &FA_ENVIRONMENT.to_string()),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let rain = term(&app, rain.id).await.expect("kept");
    assert_eq!((rain.slug.as_str(), rain.parent), ("باران", None));

    // Deleting a tag says how many posts carry it; they lose it, not themselves.
    let uri = format!("/admin/tags/{RIVERS_TAG}/delete");
    let confirm = get(&app, &cookie, &uri).await;
    assert!(
        confirm.body.contains("Posts that carry it: 2."),
        "{}",
        confirm.body
    );
    assert!(!confirm.body.contains("Child topics"));
    let deleted = post(&app, &cookie, &uri, &[("csrf", &csrf)]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    for id in [LONG, TRANSLATED_EN] {
        let kept = app.store.post(id).await.expect("store").expect("post");
        assert!(!kept.terms.contains(&RIVERS_TAG), "{id}");
    }
    let tag = permalink::tag("en", "rivers", 1);
    assert_eq!(app.get(&tag).await.status, StatusCode::NOT_FOUND);
}

/// A new English topic's form with `overrides`.
fn new_topic<'a>(csrf: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("name", "Fresh topic"),
        ("slug", ""),
        ("description", "Typed text"),
        ("language", "en"),
        ("parent", ""),
    ];
    for (name, value) in overrides {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// A 422 with the message at `field`, the typed fields kept.
fn assert_refused(page: &Page, field: &str, fields: &[(&str, &str)], case: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{case}: {}",
        page.body
    );
    let invalid = page.attrs("[aria-invalid=true]", "name");
    assert_eq!(invalid, [field], "{case}");
    let described = page.attrs("[aria-invalid=true]", "aria-describedby");
    assert_eq!(described, [format!("{field}-error")], "{case}");
    assert_eq!(page.texts(&format!("#{field}-error")).len(), 1, "{case}");
    assert_eq!(page.texts("[role=alert]").len(), 1, "{case}");
    for (name, typed) in fields {
        match *name {
            "name" | "slug" => {
                let shown = page.attrs(&format!("input[name={name}]"), "value");
                assert_eq!(shown, [*typed], "{case}: {name} kept");
            }
            "description" => {
                let shown = page.texts("textarea[name=description]");
                assert_eq!(shown, [typed.trim()], "{case}: description kept");
            }
            _ => {}
        }
    }
}

async fn bad_input_comes_back_and_nothing_changes(app: TestApp) {
    let (cookie, csrf) = editor(&app).await;
    let before = snapshot(&app).await;
    let long_name = "n".repeat(201);
    let long_slug = "s".repeat(201);
    let long_description = "d".repeat(2001);
    let fa_topic = FA_ENVIRONMENT.to_string();
    let tag = RIVERS_TAG.to_string();
    let cases: [(&str, &str, &str); 12] = [
        ("name", "", "empty name"),
        ("name", "   ", "blank name"),
        ("name", &long_name, "long name"),
        ("slug", "Bad Slug", "bad slug"),
        ("slug", &long_slug, "long slug"),
        ("slug", "water", "duplicate slug"),
        ("parent", "9999", "unknown parent"),
        ("parent", "abc", "non-numeric parent"),
        ("parent", &fa_topic, "parent in another language"),
        ("parent", &tag, "a tag as parent"),
        ("language", "xx", "unknown language"),
        ("description", &long_description, "long description"),
    ];
    for (field, value, case) in cases {
        let fields = new_topic(&csrf, &[(field, value)]);
        let page = post(&app, &cookie, "/admin/topics", &fields).await;
        assert_refused(&page, field, &fields, case);
        assert_eq!(snapshot(&app).await, before, "{case}: nothing written");
    }
    let fields = new_topic(&csrf, &[("name", "!!!")]);
    let page = post(&app, &cookie, "/admin/topics", &fields).await;
    assert_refused(&page, "slug", &fields, "no slug from the name");
    let fields = new_topic(&csrf, &[("slug", "rivers")]);
    let page = post(&app, &cookie, "/admin/tags", &fields).await;
    assert_refused(&page, "slug", &fields, "duplicate tag slug");

    // An existing topic: no loops, no taken slugs.
    let uri = format!("/admin/topics/{ENVIRONMENT}");
    let water = WATER.to_string();
    let environment = ENVIRONMENT.to_string();
    for (field, value, case) in [
        ("parent", water.as_str(), "under its own child"),
        ("parent", environment.as_str(), "under itself"),
        ("slug", "economy", "another topic's slug"),
        ("name", "", "no name"),
    ] {
        let mut fields = new_topic(&csrf, &[("name", "Environment"), (field, value)]);
        fields.retain(|(n, _)| *n != "language");
        let page = post(&app, &cookie, &uri, &fields).await;
        assert_refused(&page, field, &fields, case);
        assert_eq!(page.texts("h1"), ["Edit topic"], "{case}");
    }
    let edit = get(&app, &cookie, &format!("/admin/topics/{ENVIRONMENT}/edit")).await;
    let offered = edit.attrs("select[name=parent] option", "value");
    assert_eq!(
        offered,
        ["".to_owned(), ECONOMY.to_string()],
        "not itself nor below"
    );
    assert_eq!(snapshot(&app).await, before, "nothing written");

    // Unknown, foreign and malformed ids are not found.
    for uri in [
        "/admin/topics/abc/edit".to_owned(),
        "/admin/topics/99999/edit".to_owned(),
        format!("/admin/topics/{RIVERS_TAG}/edit"),
        format!("/admin/tags/{ENVIRONMENT}/delete"),
        "/admin/tags/-1/delete".to_owned(),
    ] {
        let page = get(&app, &cookie, &uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(
            page.texts("[role=alert]"),
            ["There is no such topic or tag."]
        );
    }
    for uri in [
        "/admin/topics/abc".to_owned(),
        "/admin/topics/99999".to_owned(),
        format!("/admin/tags/{WATER}"),
        "/admin/tags/abc/delete".to_owned(),
        format!("/admin/topics/{RIVERS_TAG}/delete"),
    ] {
        let fields = new_topic(&csrf, &[]);
        let page = post(&app, &cookie, &uri, &fields).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
    }
    assert_eq!(snapshot(&app).await, before, "nothing written");
}

/// Every route, as (method, uri).
fn every_route() -> Vec<(&'static str, String)> {
    let mut routes = Vec::new();
    for (base, id) in [("/admin/topics", WATER), ("/admin/tags", RIVERS_TAG)] {
        routes.push(("GET", base.to_owned()));
        routes.push(("POST", base.to_owned()));
        routes.push(("GET", format!("{base}/{id}/edit")));
        routes.push(("POST", format!("{base}/{id}")));
        routes.push(("GET", format!("{base}/{id}/delete")));
        routes.push(("POST", format!("{base}/{id}/delete")));
    }
    routes
}

async fn authors_and_contributors_are_refused_everywhere(app: TestApp) {
    let before = snapshot(&app).await;
    for (login, role) in [("author", Role::Author), ("helper", Role::Contributor)] {
        let (cookie, csrf) = sign_in_as(&app, login, role).await;
        let dashboard = get(&app, &cookie, "/admin/").await;
        assert_eq!(
            dashboard.attrs("nav a", "href"),
            ["/admin/posts"],
            "{login}"
        );
        for (method, uri) in every_route() {
            let fields = new_topic(&csrf, &[("name", "Sneaky")]);
            let page = if method == "GET" {
                get(&app, &cookie, &uri).await
            } else {
                post(&app, &cookie, &uri, &fields).await
            };
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{login} {method} {uri}");
        }
    }
    assert_eq!(snapshot(&app).await, before, "nothing written");
    // Without a session: to the sign-in page.
    let page = app.get("/admin/topics").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/admin/login"));
}

async fn forms_need_the_csrf_token_and_this_site(app: TestApp) {
    let (cookie, csrf) = editor(&app).await;
    let dashboard = get(&app, &cookie, "/admin/").await;
    assert_eq!(
        dashboard.attrs("nav a", "href"),
        [
            "/admin/posts",
            "/admin/pages",
            "/admin/topics",
            "/admin/tags"
        ]
    );
    let before = snapshot(&app).await;
    for (method, uri) in every_route().into_iter().filter(|(m, _)| *m == "POST") {
        let mut missing = new_topic(&csrf, &[("name", "Forged")]);
        missing.retain(|(n, _)| *n != "csrf");
        let page = post(&app, &cookie, &uri, &missing).await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{method} {uri}: no token"
        );
        let wrong = new_topic("not-the-token", &[("name", "Forged")]);
        let page = post(&app, &cookie, &uri, &wrong).await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{method} {uri}: wrong token"
        );
        let right = new_topic(&csrf, &[("name", "Forged")]);
        let call = Call::post(&uri, &right)
            .cookie(&cookie)
            .header("origin", "https://evil.example");
        let page = app.send(call).await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{method} {uri}: other site"
        );
    }
    assert_eq!(snapshot(&app).await, before, "nothing written");
}

async fn moving_a_topic_changes_the_public_archives(app: TestApp) {
    let environment = permalink::topic("en", "environment", 1);
    let economy = permalink::topic("en", "economy", 1);
    let water = permalink::topic("en", "water", 1);
    assert!(
        app.get(&environment)
            .await
            .body
            .contains("Rivers in spring")
    );
    assert!(!app.get(&economy).await.body.contains("Rivers in spring"));

    let (cookie, csrf) = editor(&app).await;
    let economy_id = ECONOMY.to_string();
    let moved = post(
        &app,
        &cookie,
        &format!("/admin/topics/{WATER}"),
        &[
            ("csrf", &csrf),
            ("name", "Name of water"),
            ("slug", "water"),
            ("description", "About water."),
            ("parent", &economy_id),
        ],
    )
    .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert!(
        !app.get(&environment)
            .await
            .body
            .contains("Rivers in spring")
    );
    assert!(app.get(&economy).await.body.contains("Rivers in spring"));
    assert!(app.get(&water).await.body.contains("Rivers in spring"));

    // Deleting the new parent moves water up to the top level.
    let deleted = post(
        &app,
        &cookie,
        &format!("/admin/topics/{ECONOMY}/delete"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(term(&app, WATER).await.expect("kept").parent, None);
    assert_eq!(app.get(&economy).await.status, StatusCode::NOT_FOUND);
    assert!(app.get(&water).await.body.contains("Rivers in spring"));
    let list = get(&app, &cookie, "/admin/topics").await;
    assert_eq!(
        list.texts(".admin-term-name"),
        ["Name of environment", "Name of water"]
    );
}

async fn persian_pages_are_right_to_left(app: TestApp) {
    let (cookie, csrf) = editor(&app).await;
    let page = get(&app, &cookie, "/admin/topics?lang=fa&language=fa").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.attrs("html", "dir"), ["rtl"]);
    assert_eq!(page.attrs("html", "lang"), ["fa"]);
    assert_eq!(page.texts("h1"), ["موضوع‌های فارسی"]);
    assert_eq!(
        page.attrs(".admin-languages a", "href"),
        [
            "/admin/topics?lang=fa&language=en",
            "/admin/topics?lang=fa&language=fa"
        ]
    );
    assert_eq!(
        page.attrs(".admin-languages a[aria-current=page]", "lang"),
        ["fa"]
    );
    assert_eq!(page.attrs("form", "action"), ["/admin/topics?lang=fa"]);
    assert_labelled(&page);

    let fields = new_topic(&csrf, &[("language", "fa"), ("name", "")]);
    let refused = post(&app, &cookie, "/admin/topics?lang=fa", &fields).await;
    assert_refused(&refused, "name", &fields, "Persian");
    assert_eq!(refused.attrs("html", "dir"), ["rtl"]);
    assert_eq!(refused.texts("#name-error"), ["یک نام بنویسید."]);
    assert_eq!(
        refused.texts("h1"),
        ["موضوع‌های فارسی"],
        "the form's language"
    );

    let fields = new_topic(&csrf, &[("language", "fa"), ("name", "آب")]);
    let created = post(&app, &cookie, "/admin/topics?lang=fa", &fields).await;
    assert_eq!(
        created.location.as_deref(),
        Some("/admin/topics?lang=fa&language=fa&done=created")
    );
    let list = get(
        &app,
        &cookie,
        "/admin/topics?lang=fa&language=fa&done=created",
    )
    .await;
    assert_eq!(list.texts("[role=status]"), ["افزوده شد."]);
    let edit = get(
        &app,
        &cookie,
        &format!("/admin/topics/{FA_ENVIRONMENT}/edit?lang=fa"),
    )
    .await;
    assert_eq!(edit.attrs("html", "dir"), ["rtl"]);
    assert_eq!(edit.texts("h1"), ["ویرایش موضوع"]);
    let dashboard = get(&app, &cookie, "/admin/?lang=fa").await;
    assert!(dashboard.texts("nav a").contains(&"برچسب‌ها".to_owned()));

    // An unknown language shows the default one, with a message.
    let unknown = get(&app, &cookie, "/admin/tags?language=xx").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(unknown.texts("h1"), ["Tags in English"]);
    assert_eq!(unknown.texts("[role=alert]").len(), 1);
}

on_both_backends!(
    an_editor_creates_edits_and_deletes_a_topic,
    an_editor_manages_tags_in_persian_script,
    bad_input_comes_back_and_nothing_changes,
    authors_and_contributors_are_refused_everywhere,
    forms_need_the_csrf_token_and_this_site,
    moving_a_topic_changes_the_public_archives,
    persian_pages_are_right_to_left,
);
