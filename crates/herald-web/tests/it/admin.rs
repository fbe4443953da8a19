//! Signing in to the admin interface: cookies, throttling, CSRF, expiry,
//! logging out, and the security headers, over HTTP on both backends.

use axum::http::StatusCode;
use herald_core::Role;

use crate::accounts::{self, PASSWORD, add_user, session_cookie};
use crate::on_both_backends;
use crate::support::{Call, Page, TestApp};

const LOGIN: &str = "keeper";
const WRONG: &str = "the wrong password!!";
const FIFTEEN_MINUTES: i64 = 15 * 60;
const TWO_WEEKS: i64 = 14 * 24 * 60 * 60;

async fn add_keeper(app: &TestApp) {
    add_user(app, LOGIN, Role::Admin).await;
}

fn login_call(login: &str, password: &str) -> Call {
    Call::post("/admin/login", &[("login", login), ("password", password)])
}

async fn log_in(app: &TestApp, login: &str, password: &str) -> Page {
    app.send(login_call(login, password)).await
}

/// Sign in as the keeper; the cookie to send back.
async fn signed_in(app: &TestApp) -> String {
    let page = log_in(app, LOGIN, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    session_cookie(&page)
}

async fn dashboard(app: &TestApp, cookie: &str) -> Page {
    app.send(Call::get("/admin/").cookie(cookie)).await
}

/// The CSRF token on the dashboard's logout forms.
async fn csrf_token(app: &TestApp, cookie: &str) -> String {
    accounts::csrf_token(app, cookie, "/admin/").await
}

fn assert_signed_out(page: &Page) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location.as_deref(), Some("/admin/login"));
}

async fn signing_in_sets_a_locked_down_cookie(app: TestApp) {
    add_keeper(&app).await;
    let page = log_in(&app, LOGIN, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/admin/"));
    let set = page.header("set-cookie").expect("set-cookie");
    assert!(set.starts_with("herald_session="), "{set}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
        assert!(
            set.split("; ").any(|a| a == attribute),
            "{attribute} in {set}"
        );
    }
    let token = &session_cookie(&page)["herald_session=".len()..];
    assert_eq!(token.len(), 43, "32 random bytes, base64url");

    let home = dashboard(&app, &session_cookie(&page)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(
        home.texts(".admin-who"),
        ["Signed in as keeper name (admin)"]
    );
    // The token is never stored as is.
    assert!(app.store.session(token).await.expect("store").is_none());
}

async fn the_dashboard_needs_a_session(app: TestApp) {
    assert_signed_out(&app.get("/admin/").await);
    assert_signed_out(&dashboard(&app, "herald_session=made-up").await);
    assert_eq!(app.get("/admin/login").await.status, StatusCode::OK);
}

async fn wrong_passwords_and_unknown_logins_get_one_answer(app: TestApp) {
    add_keeper(&app).await;
    let wrong = log_in(&app, LOGIN, WRONG).await;
    let unknown = log_in(&app, "nobody", PASSWORD).await;
    for page in [&wrong, &unknown] {
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.header("set-cookie").is_none());
        assert_eq!(
            page.texts("[role=alert]"),
            ["The login or password is wrong."]
        );
    }
    assert_eq!(unknown.attrs("input[name=login]", "value"), ["nobody"]);
}

async fn failures_throttle_the_account(app: TestApp) {
    add_keeper(&app).await;
    for n in 0..5 {
        let page = app
            .send(login_call(LOGIN, WRONG).from(&format!("192.0.2.{n}:4000")))
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // From yet another address, even the right password is refused.
    let page = app
        .send(login_call(LOGIN, PASSWORD).from("198.51.100.9:4000"))
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.header("set-cookie").is_none());
    let wait: i64 = page
        .header("retry-after")
        .expect("retry-after")
        .parse()
        .expect("seconds");
    assert!(wait > 0);
    assert!(page.texts("[role=alert]")[0].contains("Too many failed attempts"));
    // Other accounts from other addresses are not affected.
    let other = app
        .send(login_call("nobody", WRONG).from("203.0.113.1:4000"))
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);

    app.clock.advance(FIFTEEN_MINUTES + 1);
    let page = app
        .send(login_call(LOGIN, PASSWORD).from("198.51.100.9:4000"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

async fn failures_throttle_the_address(app: TestApp) {
    add_keeper(&app).await;
    for n in 0..5 {
        let page = app
            .send(login_call(&format!("guess{n}"), WRONG).from("192.0.2.7:5000"))
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = app
        .send(login_call(LOGIN, PASSWORD).from("192.0.2.7:5001"))
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // The wait grows while attempts go on.
    let again = app
        .send(login_call(LOGIN, PASSWORD).from("192.0.2.7:5001"))
        .await;
    let first: i64 = page
        .header("retry-after")
        .expect("retry-after")
        .parse()
        .expect("seconds");
    let second: i64 = again
        .header("retry-after")
        .expect("retry-after")
        .parse()
        .expect("seconds");
    assert!(second > first, "{first} then {second}");
    // The same account from another address is fine.
    let page = app
        .send(login_call(LOGIN, PASSWORD).from("203.0.113.1:5000"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

async fn logging_out_needs_the_csrf_token(app: TestApp) {
    add_keeper(&app).await;
    let cookie = signed_in(&app).await;
    let csrf = csrf_token(&app, &cookie).await;
    for fields in [vec![], vec![("csrf", "forged")]] {
        let page = app
            .send(Call::post("/admin/logout", &fields).cookie(&cookie))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(dashboard(&app, &cookie).await.status, StatusCode::OK);
    }
    let page = app
        .send(Call::post("/admin/logout", &[("csrf", &csrf)]).cookie(&cookie))
        .await;
    assert_signed_out(&page);
    assert!(
        page.header("set-cookie")
            .expect("set-cookie")
            .contains("Max-Age=0")
    );
    assert_signed_out(&dashboard(&app, &cookie).await);
}

async fn cross_site_requests_are_refused(app: TestApp) {
    add_keeper(&app).await;
    let cookie = signed_in(&app).await;
    let csrf = csrf_token(&app, &cookie).await;
    let logout = || Call::post("/admin/logout", &[("csrf", &csrf)]).cookie(&cookie);
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
        ("origin", "null"),
    ] {
        let page = app.send(logout().header(name, value)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{name}: {value}");
        assert_eq!(dashboard(&app, &cookie).await.status, StatusCode::OK);
        let login = app
            .send(login_call(LOGIN, PASSWORD).header(name, value))
            .await;
        assert_eq!(login.status, StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(login.header("set-cookie").is_none());
    }
    let same_site = login_call(LOGIN, PASSWORD)
        .header("origin", "https://news.example")
        .header("sec-fetch-site", "same-origin");
    assert_eq!(app.send(same_site).await.status, StatusCode::SEE_OTHER);
    let page = app
        .send(logout().header("origin", "https://news.example"))
        .await;
    assert_signed_out(&page);
}

async fn sessions_expire_when_unused(app: TestApp) {
    add_keeper(&app).await;
    let cookie = signed_in(&app).await;
    // Each visit keeps the session alive.
    app.clock.advance(TWO_WEEKS - 60);
    assert_eq!(dashboard(&app, &cookie).await.status, StatusCode::OK);
    app.clock.advance(TWO_WEEKS - 60);
    assert_eq!(dashboard(&app, &cookie).await.status, StatusCode::OK);
    app.clock.advance(TWO_WEEKS + 1);
    assert_signed_out(&dashboard(&app, &cookie).await);
}

async fn logging_out_everywhere_ends_every_session(app: TestApp) {
    add_keeper(&app).await;
    let laptop = signed_in(&app).await;
    let phone = signed_in(&app).await;
    assert_ne!(laptop, phone);
    let csrf = csrf_token(&app, &laptop).await;
    // One session's token does not work for another.
    let page = app
        .send(Call::post("/admin/logout-everywhere", &[("csrf", &csrf)]).cookie(&phone))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = app
        .send(Call::post("/admin/logout-everywhere", &[("csrf", &csrf)]).cookie(&laptop))
        .await;
    assert_signed_out(&page);
    assert_signed_out(&dashboard(&app, &laptop).await);
    assert_signed_out(&dashboard(&app, &phone).await);
}

async fn admin_responses_carry_security_headers(app: TestApp) {
    add_keeper(&app).await;
    let cookie = signed_in(&app).await;
    let pages = [
        app.get("/admin/login").await,
        dashboard(&app, &cookie).await,
        app.get("/admin/").await,
        app.send(Call::post("/admin/logout", &[]).cookie(&cookie))
            .await,
    ];
    for page in &pages {
        assert_eq!(
            page.header("content-security-policy"),
            Some(
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; \
                 img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            )
        );
        assert_eq!(page.header("x-frame-options"), Some("DENY"));
        assert_eq!(page.header("referrer-policy"), Some("same-origin"));
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(page.header("cache-control"), Some("no-store"));
    }
    // No inline script or style for the policy to block.
    for page in &pages[..2] {
        assert!(
            page.html()
                .select(&scraper::Selector::parse("script, style, [style]").expect("selector"))
                .next()
                .is_none()
        );
    }
}

async fn the_admin_speaks_persian(app: TestApp) {
    let page = app.get("/admin/login?lang=fa").await;
    let html = page.html();
    let root = html.root_element();
    assert_eq!(root.value().attr("lang"), Some("fa"));
    assert_eq!(root.value().attr("dir"), Some("rtl"));
    assert_eq!(page.texts("h1"), ["ورود"]);
    assert_eq!(page.attrs("form", "action"), ["/admin/login?lang=fa"]);
    let wrong = log_in(&app, "nobody", WRONG).await;
    assert_eq!(wrong.html().root_element().value().attr("dir"), Some("ltr"));
}

on_both_backends!(
    signing_in_sets_a_locked_down_cookie,
    the_dashboard_needs_a_session,
    wrong_passwords_and_unknown_logins_get_one_answer,
    failures_throttle_the_account,
    failures_throttle_the_address,
    logging_out_needs_the_csrf_token,
    cross_site_requests_are_refused,
    sessions_expire_when_unused,
    logging_out_everywhere_ends_every_session,
    admin_responses_carry_security_headers,
    the_admin_speaks_persian,
);
