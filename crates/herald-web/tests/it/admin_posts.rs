//! The admin posts list and bulk trash/restore over HTTP, on both backends:
//! what each role sees and may change, CSRF, and the public site following at once.

use axum::http::StatusCode;
use herald_core::{Role, SiteBundle, Status};

use crate::accounts::{self, add_user, password_hash};
use crate::fixture::{
    DRAFT, ECONOMY, ENVIRONMENT, FA_ENVIRONMENT, FUTURE, LONG, NOW, PRIVATE, RIVERS_TAG, STICKY,
    TRANSLATED_EN, WATER, post,
};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

/// The fixture's author (user 1), who wrote every fixture post.
const AUTHOR: &str = "writer";
/// The contributor's own draft.
const CONTRIBUTOR_DRAFT: i64 = 500;

/// One user per role; the contributor owns one draft.
async fn add_everyone(app: &TestApp) {
    app.store
        .set_password_hash(1, &password_hash())
        .await
        .expect("store");
    add_user(app, "boss", Role::Admin).await;
    add_user(app, "editor", Role::Editor).await;
    let contributor = add_user(app, "helper", Role::Contributor).await;
    let mut draft = post(CONTRIBUTOR_DRAFT, "en", "Helper draft", NOW - 60, vec![]);
    draft.status = Status::Draft;
    draft.author = Some(contributor);
    app.store
        .insert_bundle(&SiteBundle {
            posts: vec![draft],
            ..SiteBundle::default()
        })
        .await
        .expect("store");
}

/// Sign in; the cookie and the CSRF token of the posts list.
async fn sign_in(app: &TestApp, login: &str) -> (String, String) {
    let cookie = accounts::sign_in(app, login).await;
    let csrf = accounts::csrf_token(app, &cookie, "/admin/posts").await;
    (cookie, csrf)
}

async fn list(app: &TestApp, cookie: &str, query: &str) -> Page {
    app.send(Call::get(&format!("/admin/posts{query}")).cookie(cookie))
        .await
}

fn ids(page: &Page) -> Vec<i64> {
    page.attrs("input[name=ids]", "value")
        .iter()
        .map(|v| v.parse().expect("id"))
        .collect()
}

async fn bulk(app: &TestApp, cookie: &str, csrf: &str, action: &str, ids: &[i64]) -> Page {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    let mut fields = vec![("csrf", csrf), ("action", action)];
    fields.extend(ids.iter().map(|id| ("ids", id.as_str())));
    app.send(Call::post("/admin/posts/bulk", &fields).cookie(cookie))
        .await
}

async fn status_of(app: &TestApp, id: i64) -> Status {
    app.store
        .post(id)
        .await
        .expect("store")
        .expect("post")
        .status
}

async fn every_role_lists_what_it_may(app: TestApp) {
    add_everyone(&app).await;
    for login in ["boss", "editor"] {
        let (cookie, _) = sign_in(&app, login).await;
        let all = list(&app, &cookie, "?status=draft").await;
        let seen = ids(&all);
        assert!(
            seen.contains(&DRAFT) && seen.contains(&CONTRIBUTOR_DRAFT),
            "{login}"
        );
    }
    let (cookie, _) = sign_in(&app, AUTHOR).await;
    let drafts = list(&app, &cookie, "?status=draft").await;
    assert_eq!(ids(&drafts), [DRAFT], "the author sees only own posts");
    let (cookie, _) = sign_in(&app, "helper").await;
    let everything = list(&app, &cookie, "").await;
    assert_eq!(ids(&everything), [CONTRIBUTOR_DRAFT], "the contributor too");
    assert_eq!(everything.texts(".admin-status"), ["Draft"]);
}

async fn the_list_needs_a_session_and_survives_bad_filters(app: TestApp) {
    let page = app.get("/admin/posts").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    add_everyone(&app).await;
    let (cookie, _) = sign_in(&app, "editor").await;
    for query in [
        "?status=bogus",
        "?page=0",
        "?page=abc",
        "?language=xx",
        "?page=-1",
    ] {
        let page = list(&app, &cookie, query).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(
            page.texts("[role=alert]").len(),
            1,
            "{query}: {}",
            page.body
        );
    }
    let first = list(&app, &cookie, "").await;
    assert_eq!(ids(&first).len(), 20, "a full first page");
    assert!(!first.attrs(".admin-paging a", "href").is_empty());
    let second = list(&app, &cookie, "?page=2").await;
    assert!(!ids(&second).is_empty());
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));
    let found = list(&app, &cookie, "?q=rivers+in+spring&language=en").await;
    assert_eq!(ids(&found), [TRANSLATED_EN]);
    let link = found.attrs(".admin-title a", "href");
    assert_eq!(link, [format!("/en/posts/{TRANSLATED_EN}")]);
    let persian = list(&app, &cookie, "?lang=fa").await;
    assert!(persian.body.contains("dir=\"rtl\""));
    assert!(persian.body.contains("نوشته‌ها"));
    let dashboard = app.send(Call::get("/admin/").cookie(&cookie)).await;
    assert_eq!(
        dashboard.attrs("nav a", "href"),
        [
            "/admin/posts",
            "/admin/pages",
            "/admin/topics",
            "/admin/tags"
        ]
    );
}

async fn only_editors_and_admins_change_others_posts(app: TestApp) {
    add_everyone(&app).await;
    // The author may not touch the contributor's draft, nor the contributor
    // the author's; nothing changes, even for the ids that were allowed.
    let (cookie, csrf) = sign_in(&app, AUTHOR).await;
    let refused = bulk(&app, &cookie, &csrf, "trash", &[DRAFT, CONTRIBUTOR_DRAFT]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, DRAFT).await, Status::Draft);
    assert_eq!(status_of(&app, CONTRIBUTOR_DRAFT).await, Status::Draft);
    let (cookie, csrf) = sign_in(&app, "helper").await;
    let refused = bulk(&app, &cookie, &csrf, "trash", &[DRAFT]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, DRAFT).await, Status::Draft);
    // A contributor trashes and restores an own draft.
    let own = bulk(&app, &cookie, &csrf, "trash", &[CONTRIBUTOR_DRAFT]).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, CONTRIBUTOR_DRAFT).await, Status::Trash);
    let own = bulk(&app, &cookie, &csrf, "restore", &[CONTRIBUTOR_DRAFT]).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, CONTRIBUTOR_DRAFT).await, Status::Draft);
    // The author trashes an own published post.
    let (cookie, csrf) = sign_in(&app, AUTHOR).await;
    let own = bulk(&app, &cookie, &csrf, "trash", &[1]).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, 1).await, Status::Trash);
    // Editors and admins change anyone's posts.
    for (login, id) in [("editor", CONTRIBUTOR_DRAFT), ("boss", DRAFT)] {
        let (cookie, csrf) = sign_in(&app, login).await;
        let done = bulk(&app, &cookie, &csrf, "trash", &[id]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{login}");
        assert_eq!(status_of(&app, id).await, Status::Trash, "{login}");
    }
    let (cookie, csrf) = sign_in(&app, "editor").await;
    let odd = bulk(&app, &cookie, &csrf, "delete", &[2]).await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
    let odd = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[("csrf", csrf.as_str()), ("action", "trash"), ("ids", "x")],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
    assert_eq!(status_of(&app, 2).await, Status::Published);
}

async fn contributors_cannot_trash_published_posts(app: TestApp) {
    add_everyone(&app).await;
    let contributor = app
        .store
        .user_by_login("helper")
        .await
        .expect("store")
        .expect("user");
    let mut published = post(501, "en", "Helper published", NOW - 60, vec![]);
    published.author = Some(contributor.id);
    app.store
        .insert_bundle(&SiteBundle {
            posts: vec![published],
            ..SiteBundle::default()
        })
        .await
        .expect("store");
    let (cookie, csrf) = sign_in(&app, "helper").await;
    let refused = bulk(&app, &cookie, &csrf, "trash", &[CONTRIBUTOR_DRAFT, 501]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, 501).await, Status::Published);
    assert_eq!(status_of(&app, CONTRIBUTOR_DRAFT).await, Status::Draft);
}

async fn trash_leaves_the_site_at_once_and_restore_makes_a_draft(app: TestApp) {
    add_everyone(&app).await;
    let public = format!("/en/posts/{TRANSLATED_EN}");
    let topic = herald_core::permalink::topic("en", "water", 1);
    assert_eq!(app.get(&public).await.status, StatusCode::OK);
    assert!(app.get(&topic).await.body.contains("Rivers in spring"));

    let (cookie, csrf) = sign_in(&app, "editor").await;
    // Without the token (or with a wrong one) nothing changes.
    let missing = app
        .send(
            Call::post(
                "/admin/posts/bulk",
                &[("action", "trash"), ("ids", &TRANSLATED_EN.to_string())],
            )
            .cookie(&cookie),
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let wrong = bulk(&app, &cookie, "not-the-token", "trash", &[TRANSLATED_EN]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, TRANSLATED_EN).await, Status::Published);
    assert_eq!(app.get(&public).await.status, StatusCode::OK);

    let done = bulk(&app, &cookie, &csrf, "trash", &[TRANSLATED_EN, 9999]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location.as_deref(), Some("/admin/posts"));
    assert_eq!(app.get(&public).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get(&topic).await.body.contains("Rivers in spring"));
    let trash = list(&app, &cookie, "?status=trash").await;
    assert_eq!(ids(&trash), [TRANSLATED_EN]);
    assert!(!ids(&list(&app, &cookie, "").await).contains(&TRANSLATED_EN));

    let restored = bulk(&app, &cookie, &csrf, "restore", &[TRANSLATED_EN]).await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, TRANSLATED_EN).await, Status::Draft);
    assert_eq!(app.get(&public).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get(&topic).await.body.contains("Rivers in spring"));
    // Restore leaves posts that are not in the trash alone.
    bulk(&app, &cookie, &csrf, "restore", &[2]).await;
    assert_eq!(status_of(&app, 2).await, Status::Published);
}

async fn user_id(app: &TestApp, login: &str) -> i64 {
    let user = app.store.user_by_login(login).await.expect("store");
    user.expect("user").id
}

async fn editors_filter_by_topic_and_author(app: TestApp) {
    add_everyone(&app).await;
    let (cookie, _) = sign_in(&app, "editor").await;
    let page = list(&app, &cookie, "").await;
    // Every language's topics as a tree, grouped under the language's name.
    assert_eq!(
        page.attrs("select[name=topic] optgroup", "label"),
        ["English", "فارسی"]
    );
    assert_eq!(
        page.texts("select[name=topic] optgroup option"),
        [
            "Name of economy",
            "Name of environment",
            "— Name of water",
            "Name of محیط-زیست"
        ]
    );
    let authors = page.texts("select[name=author] option");
    assert!(authors.contains(&"helper name".to_owned()), "{authors:?}");
    // A chosen language offers only its own topics.
    let persian = list(&app, &cookie, "?language=fa").await;
    assert!(
        persian
            .attrs("select[name=topic] optgroup", "label")
            .is_empty()
    );
    assert_eq!(
        persian.attrs("select[name=topic] option", "value"),
        ["", &FA_ENVIRONMENT.to_string()]
    );

    let water = list(&app, &cookie, &format!("?topic={WATER}")).await;
    let mut seen = ids(&water);
    seen.sort_unstable();
    let mut expected: Vec<i64> = (2..=16).step_by(2).collect();
    expected.extend([DRAFT, FUTURE, PRIVATE, TRANSLATED_EN]);
    assert_eq!(seen, expected);
    assert_eq!(
        water.attrs("select[name=topic] option[selected]", "value"),
        [WATER.to_string()]
    );
    let tagged = list(&app, &cookie, &format!("?topic={RIVERS_TAG}&language=en")).await;
    let mut seen = ids(&tagged);
    seen.sort_unstable();
    assert_eq!(seen, [LONG, TRANSLATED_EN], "a tag id filters too");
    assert_eq!(
        tagged.texts("select[name=topic] option[selected]"),
        ["#Name of rivers"]
    );

    let helper = user_id(&app, "helper").await;
    let theirs = list(&app, &cookie, &format!("?author={helper}")).await;
    assert_eq!(ids(&theirs), [CONTRIBUTOR_DRAFT]);
    assert_eq!(
        theirs.attrs("select[name=author] option[selected]", "value"),
        [helper.to_string()]
    );
    let both = list(&app, &cookie, &format!("?author=1&topic={ECONOMY}")).await;
    assert_eq!(ids(&both), [STICKY]);
}

async fn bad_topics_and_authors_are_named_and_ignored(app: TestApp) {
    add_everyone(&app).await;
    let (cookie, _) = sign_in(&app, "boss").await;
    let all = ids(&list(&app, &cookie, "").await);
    let fa_topic_in_en = format!("?topic={FA_ENVIRONMENT}&language=en");
    let en_all = ids(&list(&app, &cookie, "?language=en").await);
    for (query, message, expected) in [
        ("?topic=abc", "Unknown topic", &all),
        ("?topic=99999", "Unknown topic", &all),
        (fa_topic_in_en.as_str(), "Unknown topic", &en_all),
        ("?author=someone", "Unknown author", &all),
        ("?author=99999", "Unknown author", &all),
    ] {
        let page = list(&app, &cookie, query).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let alerts = page.texts("[role=alert]");
        assert_eq!(alerts.len(), 1, "{query}: {alerts:?}");
        assert!(alerts[0].starts_with(message), "{query}: {alerts:?}");
        assert_eq!(&ids(&page), expected, "{query}: the bad value is ignored");
        assert!(
            page.attrs(
                "select[name=topic] option[selected], select[name=author] option[selected]",
                "value"
            )
            .is_empty(),
            "{query}"
        );
    }
    let persian = list(&app, &cookie, "?lang=fa&author=x").await;
    assert_eq!(
        persian.texts("[role=alert]"),
        ["نویسنده ناشناخته است؛ همهٔ نویسندگان نشان داده می‌شوند."]
    );
}

async fn paging_keeps_the_topic_and_author(app: TestApp) {
    add_everyone(&app).await;
    let posts = (600..620)
        .map(|id| post(id, "en", &format!("Economy {id}"), NOW - id, vec![ECONOMY]))
        .collect();
    app.store
        .insert_bundle(&SiteBundle {
            posts,
            ..SiteBundle::default()
        })
        .await
        .expect("store");
    let (cookie, _) = sign_in(&app, "editor").await;
    let query = format!("?topic={ECONOMY}&author=1");
    let first = list(&app, &cookie, &query).await;
    assert_eq!(ids(&first).len(), 20);
    let links = first.attrs(".admin-paging a", "href");
    assert_eq!(
        links,
        [format!("/admin/posts?topic={ECONOMY}&author=1&page=2")]
    );
    let second = list(&app, &cookie, &format!("{query}&page=2")).await;
    assert_eq!(ids(&second).len(), 1, "21 posts carry the topic");
    assert!(!ids(&first).contains(&ids(&second)[0]));
}

async fn authors_get_no_topic_or_author_filter(app: TestApp) {
    add_everyone(&app).await;
    let helper = user_id(&app, "helper").await;
    let (cookie, _) = sign_in(&app, AUTHOR).await;
    let page = list(
        &app,
        &cookie,
        &format!("?author={helper}&topic={ENVIRONMENT}"),
    )
    .await;
    assert!(page.attrs("select[name=topic]", "name").is_empty());
    assert!(page.attrs("select[name=author]", "name").is_empty());
    assert!(page.texts("[role=alert]").is_empty());
    let seen = ids(&page);
    assert!(
        seen.contains(&DRAFT) && seen.contains(&1),
        "still own posts"
    );
    assert!(!seen.contains(&CONTRIBUTOR_DRAFT), "never another's");
    let (cookie, _) = sign_in(&app, "helper").await;
    let page = list(&app, &cookie, "?author=1").await;
    assert_eq!(ids(&page), [CONTRIBUTOR_DRAFT]);
    assert!(page.attrs("select[name=author]", "name").is_empty());
}

on_both_backends!(
    editors_filter_by_topic_and_author,
    bad_topics_and_authors_are_named_and_ignored,
    paging_keeps_the_topic_and_author,
    authors_get_no_topic_or_author_filter,
    every_role_lists_what_it_may,
    the_list_needs_a_session_and_survives_bad_filters,
    only_editors_and_admins_change_others_posts,
    contributors_cannot_trash_published_posts,
    trash_leaves_the_site_at_once_and_restore_makes_a_draft,
);
