//! Accounts for the admin tests: users with a known password, signing in, and
//! the CSRF token an admin page hands out.

use axum::http::StatusCode;
use herald_core::{NewUser, Role};
use herald_web::auth::password::hash_password;

use crate::support::{Call, Page, TestApp};

/// Every test user's password.
pub const PASSWORD: &str = "a long enough password";

/// A hash of [`PASSWORD`] (deterministic salt: tests only).
pub fn password_hash() -> String {
    hash_password(PASSWORD, &herald_core::SeededRandom::new(0)).expect("hash")
}

/// A user named after `login` ("{login} name", "{login}@news.example") with [`PASSWORD`].
pub async fn add_user(app: &TestApp, login: &str, role: Role) -> i64 {
    app.store
        .create_user(&NewUser {
            login: login.into(),
            slug: login.into(),
            display_name: format!("{login} name"),
            email: format!("{login}@news.example"),
            role,
            password_hash: Some(password_hash()),
        })
        .await
        .expect("store")
}

/// `herald_session=…` from a response's `Set-Cookie`.
pub fn session_cookie(page: &Page) -> String {
    let set = page.header("set-cookie").expect("a session cookie");
    set.split(';').next().expect("cookie pair").to_owned()
}

/// Sign in as `login` with [`PASSWORD`]; the session cookie to send back.
pub async fn sign_in(app: &TestApp, login: &str) -> String {
    let page = app
        .send(Call::post(
            "/admin/login",
            &[("login", login), ("password", PASSWORD)],
        ))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{login}: {}", page.body);
    session_cookie(&page)
}

/// The CSRF token in the forms of the admin page at `uri`.
pub async fn csrf_token(app: &TestApp, cookie: &str, uri: &str) -> String {
    let page = app.send(Call::get(uri).cookie(cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    page.attrs("form input[name=csrf]", "value")[0].clone()
}
