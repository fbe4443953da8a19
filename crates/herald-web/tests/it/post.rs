//! Post pages, static pages and legacy redirects.

use axum::http::StatusCode;

use crate::fixture::*;
use crate::support::TestApp;

async fn post_page_has_everything_a_reader_needs(app: TestApp) {
    let page = app.get(&format!("/en/posts/{TRANSLATED_EN}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), vec!["Rivers in spring"], "one h1");
    assert_eq!(
        page.texts(".crumbs li"),
        vec![
            "Home",
            "Name of environment",
            "Name of water",
            "Rivers in spring"
        ]
    );
    assert_eq!(page.texts("a[rel=author]"), vec!["Fixture Writer"]);
    assert_eq!(
        page.texts(".terms a"),
        vec!["Name of water", "#Name of rivers"]
    );
    assert!(page.body.contains("Body of Rivers in spring."));
    assert_eq!(page.attrs("a.prev", "href"), vec!["/en/posts/1"]);
    assert!(
        page.attrs("a.next", "href").is_empty(),
        "newest post has no next"
    );
    let related = page.attrs(".related a", "href");
    assert!(!related.is_empty() && related.len() <= 5, "{related:?}");
    assert!(!related.contains(&format!("/en/posts/{TRANSLATED_EN}")));
    assert!(page.attrs("a.to-top", "href") == vec!["#top"]);
    assert!(page.attrs("body", "id") == vec!["top"]);
    assert_eq!(page.attrs(".share a", "href").len(), 5);
    assert_eq!(
        page.body.matches("<script").count(),
        page.body
            .matches("<script type=\"application/ld+json\">")
            .count(),
        "no JavaScript, only JSON-LD data"
    );
}

async fn translations_link_with_hreflang_and_canonical(app: TestApp) {
    let en = app.get(&format!("/en/posts/{TRANSLATED_EN}")).await;
    assert_eq!(
        en.attrs("link[rel=canonical]", "href"),
        vec![format!("https://news.example/en/posts/{TRANSLATED_EN}")]
    );
    let alternates = en.attrs("link[rel=alternate][hreflang]", "href");
    assert_eq!(
        alternates,
        vec![
            format!("https://news.example/en/posts/{TRANSLATED_EN}"),
            format!("https://news.example/fa/posts/{TRANSLATED_FA}")
        ]
    );
    assert_eq!(
        en.attrs(".translations a", "href"),
        vec![format!("/fa/posts/{TRANSLATED_FA}")]
    );
    assert_eq!(en.attrs(".translations a", "dir"), vec!["rtl"]);
    assert_eq!(
        en.attrs(".langs a", "href")[1],
        format!("/fa/posts/{TRANSLATED_FA}")
    );

    let fa = app.get(&format!("/fa/posts/{TRANSLATED_FA}")).await;
    assert_eq!(fa.attrs("html", "dir"), vec!["rtl"]);
    assert_eq!(fa.texts("h1"), vec!["رودخانه‌ها در بهار با Herald"]);
    assert_eq!(
        fa.attrs("link[rel=alternate][hreflang]", "hreflang"),
        vec!["fa", "en"]
    );
}

async fn legacy_forms_redirect_permanently_to_the_canonical_post(app: TestApp) {
    let canonical = format!("/en/posts/{LONG}");
    for from in [
        format!("/en/posts/{LONG}/"),
        format!("/en/posts/{LONG}/amp"),
        format!("/en/posts/{LONG}/amp/"),
        format!("/en/posts/{LONG}/long-post"),
        format!("/en/posts/{LONG}?amp=1"),
        format!("/en/?p={LONG}"),
        format!("/fa/?p={LONG}"),
        format!("/?p={LONG}"),
        format!("/fa/posts/{LONG}"),
    ] {
        let page = app.get(&from).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(page.location.as_deref(), Some(canonical.as_str()), "{from}");
    }
    let page_by_id = app.get(&format!("/?p={TEAM}")).await;
    assert_eq!(page_by_id.location.as_deref(), Some("/en/about/team/"));
    for hidden in [DRAFT, FUTURE] {
        assert_eq!(
            app.get(&format!("/en/?p={hidden}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("/en/posts/{hidden}/amp")).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

async fn bodies_are_sanitised(app: TestApp) {
    let page = app.get(&format!("/en/posts/{HOSTILE}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Safe text"));
    assert_eq!(
        page.body.matches("<script").count(),
        page.body
            .matches("<script type=\"application/ld+json\">")
            .count(),
        "{}",
        page.body
    );
    assert!(!page.body.contains("onclick"));
    assert!(!page.body.contains("javascript:"));
    assert_eq!(
        page.texts("h1"),
        vec!["Hostile <b>title</b>"],
        "titles are escaped"
    );
}

async fn static_pages_nest(app: TestApp) {
    let about = app.get("/en/about/").await;
    assert_eq!(about.status, StatusCode::OK);
    assert_eq!(about.texts("h1"), vec!["About us"]);
    assert_eq!(about.attrs(".children a", "href"), vec!["/en/about/team/"]);
    let team = app.get("/en/about/team/").await;
    assert_eq!(team.status, StatusCode::OK);
    assert_eq!(
        team.texts(".crumbs li"),
        vec!["Home", "About us", "Our team"]
    );
    assert_eq!(app.get("/en/team/").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/en/posts/{ABOUT}"))
            .await
            .location
            .as_deref(),
        Some("/en/about/")
    );
}

crate::on_both_backends!(
    post_page_has_everything_a_reader_needs,
    translations_link_with_hreflang_and_canonical,
    legacy_forms_redirect_permanently_to_the_canonical_post,
    bodies_are_sanitised,
    static_pages_nest,
);
