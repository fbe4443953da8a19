//! Home and archive listings: order, sticky posts, paging bounds, nesting,
//! excerpts, visibility.

use axum::http::StatusCode;

use crate::fixture::*;
use crate::support::TestApp;

fn ids(page: &crate::support::Page) -> Vec<i64> {
    page.attrs("article.item h2 a", "href")
        .iter()
        .filter_map(|href| href.rsplit('/').next()?.parse().ok())
        .collect()
}

async fn home_lists_sticky_first_then_newest_ten_a_page(app: TestApp) {
    let page1 = app.get("/en/").await;
    assert_eq!(page1.status, StatusCode::OK);
    let first = ids(&page1);
    assert_eq!(first.len(), 10);
    assert_eq!(first[0], STICKY, "sticky post first on page 1");
    assert_eq!(first[1], TRANSLATED_EN, "then the newest");
    assert_eq!(&first[2..5], &[1, 2, 3]);
    assert_eq!(page1.texts("h1"), vec!["Fixture en"]);
    assert!(page1.texts(".tagline").contains(&"Tagline en".to_owned()));

    let page3 = app.get("/en/page/3/").await;
    assert_eq!(page3.status, StatusCode::OK);
    let total = 10 + ids(&app.get("/en/page/2/").await).len() + ids(&page3).len();
    assert_eq!(total as u64, EN_PUBLIC_POSTS);
    let all: Vec<i64> = [first, ids(&app.get("/en/page/2/").await), ids(&page3)].concat();
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "no post twice across pages");
}

async fn each_item_has_date_topics_excerpt_and_read_more(app: TestApp) {
    let page = app.get("/en/").await;
    let html = page.html();
    let item = scraper::Selector::parse("article.item").expect("selector");
    let first_regular = html.select(&item).nth(2).expect("third item");
    let text: String = first_regular.text().collect();
    assert!(text.contains("Regular post 1"), "{text}");
    assert!(text.contains("Name of environment"), "topic link: {text}");
    assert!(text.contains("Read more"), "{text}");
    let time = scraper::Selector::parse("time").expect("selector");
    assert!(first_regular.select(&time).next().is_some());
}

async fn page_bounds_answer_localised_404(app: TestApp) {
    for uri in [
        "/en/page/4/",
        "/en/page/0/",
        "/en/page/-1/",
        "/en/page/abc/",
        "/en/page/99999999999999999999/",
        "/en/topic/water/page/9/",
        "/en/topic/nope/",
        "/en/tag/nope/",
        "/en/author/nobody/",
        "/en/kind/nope/",
        "/en/posts/999999",
        "/en/posts/abc",
        "/en/no-such-page/",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(page.texts("h1"), vec!["Page not found"], "{uri}");
        assert_eq!(page.attrs("form[role=search]", "action").len(), 2, "{uri}");
        assert!(
            !page.texts(".related li").is_empty(),
            "recent posts on {uri}"
        );
    }
    let fa = app.get("/fa/page/77/").await;
    assert_eq!(fa.status, StatusCode::NOT_FOUND);
    assert_eq!(fa.texts("h1"), vec!["صفحه پیدا نشد"]);
    assert_eq!(fa.attrs("html", "dir"), vec!["rtl"]);
    let unknown = app.get("/xx/").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn parent_topic_includes_child_topic_posts(app: TestApp) {
    let water = app.get("/en/topic/water/").await;
    assert_eq!(water.status, StatusCode::OK);
    let water_ids = ids(&water);
    assert!(
        water_ids
            .iter()
            .all(|id| id % 2 == 0 || *id == TRANSLATED_EN)
    );
    let env = app.get("/en/topic/environment/").await;
    let env_ids = ids(&env);
    assert!(env_ids.contains(&2), "child topic post in parent archive");
    assert!(env_ids.contains(&1));
    assert_eq!(env.texts(".subtopics a"), vec!["Name of water"]);
    assert_eq!(
        water.texts(".crumbs li"),
        vec!["Home", "Name of environment", "Name of water"]
    );
    let page2 = app.get("/en/topic/environment/page/2/").await;
    assert_eq!(page2.status, StatusCode::OK);
    assert_eq!(ids(&page2).len(), 7, "17 posts in environment+water");
}

async fn tag_author_and_kind_archives(app: TestApp) {
    let tag = app.get("/en/tag/rivers/").await;
    assert_eq!(ids(&tag), vec![TRANSLATED_EN, LONG]);
    let author = app.get("/en/author/writer/").await;
    assert_eq!(author.status, StatusCode::OK);
    assert_eq!(ids(&author).len(), 10);
    let kind = app.get("/en/kind/news/").await;
    assert_eq!(kind.status, StatusCode::OK);
    assert!(ids(&kind).is_empty());
}

async fn drafts_private_and_future_posts_stay_hidden_until_their_time(app: TestApp) {
    for id in [DRAFT, FUTURE, PRIVATE] {
        assert_eq!(
            app.get(&format!("/en/posts/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(!ids(&app.get("/en/topic/water/").await).contains(&id));
    }
    app.clock.advance(2 * DAY);
    assert_eq!(
        app.get(&format!("/en/posts/{FUTURE}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        ids(&app.get("/en/").await)[1],
        FUTURE,
        "scheduled post now newest"
    );
    assert_eq!(
        app.get(&format!("/en/posts/{DRAFT}")).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn excerpts_follow_the_rules(app: TestApp) {
    let page = app.get("/en/page/2/").await;
    let body = page.body.clone();
    let mut excerpts = page.texts(".excerpt");
    excerpts.extend(app.get("/en/page/3/").await.texts(".excerpt"));
    assert!(
        excerpts.contains(&"A hand-written summary.".to_owned()),
        "{excerpts:?}"
    );
    assert!(
        excerpts.contains(&"Lead paragraph & intro…".to_owned()),
        "{excerpts:?}"
    );
    assert!(
        excerpts.contains(
            &"one two three four five six seven eight nine ten eleven twelve…".to_owned()
        ),
        "{excerpts:?}"
    );
    assert!(
        !body.contains("<em>summary"),
        "manual excerpt is plain text"
    );
    let fa = app.get("/fa/").await;
    let fa_excerpts = fa.texts(".excerpt");
    assert!(
        fa_excerpts
            .iter()
            .any(|e| e.starts_with("این یک متن آزمایشی است که می‌خواهیم") && e.ends_with('…')),
        "{fa_excerpts:?}"
    );
}

async fn pagination_links_and_persian_digits(app: TestApp) {
    let page2 = app.get("/en/page/2/").await;
    assert_eq!(page2.attrs("a.newer", "href"), vec!["/en/"]);
    assert_eq!(page2.attrs("a.older", "href"), vec!["/en/page/3/"]);
    assert_eq!(page2.texts(".pager [aria-current=page]"), vec!["2"]);
}

async fn persian_pages_are_rtl_with_jalali_dates(app: TestApp) {
    let fa = app.get("/fa/").await;
    assert_eq!(fa.status, StatusCode::OK);
    assert_eq!(fa.attrs("html", "lang"), vec!["fa"]);
    assert_eq!(fa.attrs("html", "dir"), vec!["rtl"]);
    let dates = fa.texts("article.item time");
    // NOW - 1h is 2026-11-29 in Tehran: 8 Azar 1405.
    assert_eq!(dates[0], "۸ آذر ۱۴۰۵", "{dates:?}");
    assert!(fa.body.contains("ادامهٔ مطلب"));
    let topic = app
        .get("/fa/topic/%D9%85%D8%AD%DB%8C%D8%B7-%D8%B2%DB%8C%D8%B3%D8%AA/")
        .await;
    assert_eq!(topic.status, StatusCode::OK, "percent-encoded Persian slug");
    assert_eq!(ids(&topic).len(), 2);
}

async fn home_has_canonical_and_hreflang_for_every_language(app: TestApp) {
    let en = app.get("/en/").await;
    assert_eq!(
        en.attrs("link[rel=canonical]", "href"),
        vec!["https://news.example/en/"]
    );
    assert_eq!(
        en.attrs("link[rel=alternate][hreflang]", "hreflang"),
        vec!["en", "fa"]
    );
    let langs = en.attrs(".langs a", "href");
    assert_eq!(langs, vec!["/en/", "/fa/"]);
}

async fn search_finds_titles_and_bodies(app: TestApp) {
    let found = app.get("/en/search?q=rivers+in").await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(ids(&found), vec![TRANSLATED_EN]);
    let none = app.get("/en/search?q=zzzz").await;
    assert!(ids(&none).is_empty());
    let empty = app.get("/en/search?q=").await;
    assert_eq!(empty.status, StatusCode::OK);
    let bad = app.get("/en/search?q=a&page=0").await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
}

async fn trailing_slash_policy_and_methods(app: TestApp) {
    let cases = [
        ("/", "/en/"),
        ("/en", "/en/"),
        ("/en/page/1/", "/en/"),
        ("/en/page/2", "/en/page/2/"),
        ("/en/topic/water", "/en/topic/water/"),
        ("/en/about", "/en/about/"),
    ];
    for (from, to) in cases {
        let page = app.get(from).await;
        assert!(page.status.is_redirection(), "{from}: {}", page.status);
        assert_eq!(page.location.as_deref(), Some(to), "{from}");
    }
    assert_eq!(
        app.request("POST", "/en/").await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(app.request("HEAD", "/en/").await.status, StatusCode::OK);
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
}

crate::on_both_backends!(
    home_lists_sticky_first_then_newest_ten_a_page,
    each_item_has_date_topics_excerpt_and_read_more,
    page_bounds_answer_localised_404,
    parent_topic_includes_child_topic_posts,
    tag_author_and_kind_archives,
    drafts_private_and_future_posts_stay_hidden_until_their_time,
    excerpts_follow_the_rules,
    pagination_links_and_persian_digits,
    persian_pages_are_rtl_with_jalali_dates,
    home_has_canonical_and_hreflang_for_every_language,
    search_finds_titles_and_bodies,
    trailing_slash_policy_and_methods,
);
