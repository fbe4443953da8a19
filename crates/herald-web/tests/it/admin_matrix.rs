//! The permission matrix over HTTP: every role against every admin action,
//! on both backends. "Refused" is 403 with nothing changed; "allowed" is any
//! answer but 403 (a form with mistakes may come back as 422, which is not a
//! refusal). The roles' rules are those of issue 4 (see
//! `herald_core::permission`): admin everything; editor all content but not
//! users or settings; author own posts, publishing allowed; contributor own
//! drafts only.

use axum::http::StatusCode;
use herald_core::{Post, PostSave, Role, Status};

use crate::accounts::{self, add_user};
use crate::fixture::{MORE, NOW};
use crate::on_both_backends;
use crate::support::{Call, TestApp};

const ROLES: [(Role, &str); 4] = [
    (Role::Admin, "admin"),
    (Role::Editor, "editor"),
    (Role::Author, "author"),
    (Role::Contributor, "contributor"),
];

/// Which roles may: A admin, E editor, U author, C contributor.
#[derive(Clone, Copy)]
struct May(&'static str);

impl May {
    fn allows(self, role: Role) -> bool {
        let letter = match role {
            Role::Admin => 'A',
            Role::Editor => 'E',
            Role::Author => 'U',
            Role::Contributor => 'C',
        };
        self.0.contains(letter)
    }
}

/// A form to post: where, its fields (the CSRF token is added), who may.
type FormCase<'a> = (String, Vec<(&'a str, &'a str)>, May);

const ALL: May = May("AEUC");
const EDITORS: May = May("AE");
const ADMIN: May = May("A");

/// A draft by `author`, for the "own post" actions.
async fn own_draft(app: &TestApp, author: i64, slug: &str) -> i64 {
    let mut post: Post = app.stored(MORE).await;
    post.id = 0;
    post.slug = slug.into();
    post.author = Some(author);
    post.status = Status::Draft;
    post.translation_group = None;
    post.updated_at = NOW;
    app.store
        .write_post(&PostSave::new(&post, None))
        .await
        .expect("present")
}

async fn every_role_against_every_action(app: TestApp) {
    let mut users = Vec::new();
    for (role, login) in ROLES {
        let id = add_user(&app, login, role).await;
        users.push((role, login, id));
    }
    // MORE is published and written by the fixture's author, user 1: for
    // every role here it is someone else's post.
    let others = MORE;
    let victim = users[3].2; // the contributor: a user every admin action can touch
    for (role, login, id) in users.clone() {
        let own = own_draft(&app, id, &format!("own-{login}")).await;
        let own_trash = own_draft(&app, id, &format!("own-trash-{login}")).await;
        let cookie = accounts::sign_in(&app, login).await;
        let csrf = accounts::csrf_token(&app, &cookie, "/admin/posts/new").await;
        let (own_trash_s, others_s) = (own_trash.to_string(), others.to_string());
        let gets: Vec<(String, May)> = vec![
            ("/admin/".into(), ALL),
            ("/admin/posts".into(), ALL),
            ("/admin/posts/new".into(), ALL),
            (format!("/admin/posts/{own}/edit"), ALL),
            (format!("/admin/posts/{own}/revisions"), ALL),
            (format!("/admin/posts/{others}/edit"), EDITORS),
            (format!("/admin/posts/{others}/revisions"), EDITORS),
            ("/admin/pages".into(), EDITORS),
            ("/admin/topics".into(), EDITORS),
            ("/admin/tags".into(), EDITORS),
            ("/admin/users".into(), ADMIN),
            ("/admin/users/new".into(), ADMIN),
            (format!("/admin/users/{victim}/edit"), ADMIN),
            (format!("/admin/users/{victim}/delete"), ADMIN),
            ("/admin/settings".into(), ADMIN),
        ];
        for (uri, may) in gets {
            let page = app.send(Call::get(&uri).cookie(&cookie)).await;
            let refused = page.status == StatusCode::FORBIDDEN;
            assert_eq!(
                !refused,
                may.allows(role),
                "{login} GET {uri}: {}",
                page.status
            );
            if !refused {
                assert_eq!(page.status, StatusCode::OK, "{login} GET {uri}");
            }
        }

        let title = format!("By {login}");
        let posts: Vec<FormCase> = vec![
            (
                "/admin/posts/new".into(),
                vec![
                    ("title", title.as_str()),
                    ("language", "en"),
                    ("kind", "post"),
                    ("status", "draft"),
                ],
                ALL,
            ),
            (
                "/admin/posts/preview".into(),
                vec![("title", "Preview"), ("language", "en"), ("body", "x")],
                ALL,
            ),
            (
                format!("/admin/posts/{others}"),
                vec![
                    ("title", "Taken over"),
                    ("language", "en"),
                    ("status", "draft"),
                ],
                EDITORS,
            ),
            (
                "/admin/posts/bulk".into(),
                vec![("action", "trash"), ("ids", others_s.as_str())],
                EDITORS,
            ),
            (
                "/admin/posts/bulk".into(),
                vec![("action", "trash"), ("ids", own_trash_s.as_str())],
                ALL,
            ),
            (
                "/admin/topics".into(),
                vec![("language", "en"), ("name", "Matrix topic")],
                EDITORS,
            ),
            (
                "/admin/tags".into(),
                vec![("language", "en"), ("name", "Matrix tag")],
                EDITORS,
            ),
            (
                "/admin/users/new".into(),
                vec![("login", "x-new"), ("role", "author")],
                ADMIN,
            ),
            (
                format!("/admin/users/{victim}/logout-everywhere"),
                vec![],
                ADMIN,
            ),
            (
                "/admin/settings".into(),
                vec![("default_language", "en"), ("time_zone", "UTC")],
                ADMIN,
            ),
        ];
        for (uri, mut fields, may) in posts {
            fields.push(("csrf", csrf.as_str()));
            let before = app.store.export_bundle().await.expect("store");
            let page = app.send(Call::post(&uri, &fields).cookie(&cookie)).await;
            let refused = page.status == StatusCode::FORBIDDEN;
            assert_eq!(
                !refused,
                may.allows(role),
                "{login} POST {uri}: {} {}",
                page.status,
                page.body.chars().take(300).collect::<String>()
            );
            if refused {
                let after = app.store.export_bundle().await.expect("store");
                assert_eq!(
                    (&after.posts, &after.terms, &after.users, &after.settings),
                    (
                        &before.posts,
                        &before.terms,
                        &before.users,
                        &before.settings
                    ),
                    "{login} POST {uri}: refused but something changed"
                );
            }
        }
        // Publishing: authors and up; a contributor's attempt is refused
        // with a message and saves nothing.
        let published = format!("Published by {login}");
        let page = app
            .send(
                Call::post(
                    "/admin/posts/new",
                    &[
                        ("csrf", &csrf),
                        ("title", &published),
                        ("language", "en"),
                        ("kind", "post"),
                        ("status", "published"),
                    ],
                )
                .cookie(&cookie),
            )
            .await;
        let saved = page.status == StatusCode::SEE_OTHER;
        assert_eq!(
            saved,
            May("AEU").allows(role),
            "{login} publishes: {}",
            page.status
        );
        assert!(
            page.status != StatusCode::INTERNAL_SERVER_ERROR,
            "{login}: {}",
            page.body
        );
    }
}

on_both_backends!(every_role_against_every_action);
