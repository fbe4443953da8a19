//! Sitemaps, robots.txt, the web manifest, and what search engines and social
//! networks read in page heads (OpenGraph, Twitter cards, JSON-LD).

use axum::http::StatusCode;
use serde_json::Value;

use crate::fixture::*;
use crate::support::{Page, TestApp};

const BASE: &str = "https://news.example";

/// The texts of every `<name>…</name>` element (sitemaps are flat and escaped
/// by Herald, so a scan is enough here; xmllint checks them in tests/site).
fn elements(xml: &str, name: &str) -> Vec<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(text, _)| text.to_owned()))
        .collect()
}

/// The `<url>` element whose `<loc>` is `path` under the base URL.
fn url_entry(xml: &str, path: &str) -> Option<String> {
    let loc = format!("<loc>{BASE}{path}</loc>");
    elements(xml, "url").into_iter().find(|u| u.contains(&loc))
}

fn locs(page: &Page) -> Vec<String> {
    elements(&page.body, "loc")
}

async fn xml(app: &TestApp, path: &str) -> Page {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    assert_eq!(
        page.header("content-type"),
        Some("application/xml; charset=utf-8"),
        "{path}"
    );
    assert!(
        page.body
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    );
    page
}

async fn sitemap_index_lists_every_file(app: TestApp) {
    let index = xml(&app, "/sitemap.xml").await;
    assert!(
        index
            .body
            .contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
    );
    let expected: Vec<String> = [
        "/sitemaps/en/posts-1.xml",
        "/sitemaps/en/pages.xml",
        "/sitemaps/en/topics.xml",
        "/sitemaps/en/tags.xml",
        "/sitemaps/fa/posts-1.xml",
        "/sitemaps/fa/pages.xml",
        "/sitemaps/fa/topics.xml",
        "/sitemaps/fa/tags.xml",
        "/sitemaps/news.xml",
    ]
    .iter()
    .map(|p| format!("{BASE}{p}"))
    .collect();
    assert_eq!(locs(&index), expected);
    let lastmods = elements(&index.body, "lastmod");
    assert_eq!(lastmods.len(), 8, "every language file has a lastmod");
    assert!(
        lastmods.iter().all(|d| d.len() == 25 && d.contains('T')),
        "{lastmods:?}"
    );
    for file in &expected {
        let path = file.strip_prefix(BASE).unwrap_or(file);
        xml(&app, path).await;
    }
}

async fn post_sitemap_has_public_posts_with_lastmod_and_alternates(app: TestApp) {
    let posts = xml(&app, "/sitemaps/en/posts-1.xml").await;
    assert!(
        posts
            .body
            .contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"")
    );
    let found = locs(&posts);
    assert_eq!(found.len() as u64, EN_PUBLIC_POSTS, "{found:?}");
    for id in [1, 16, STICKY, MANUAL_EXCERPT, TRANSLATED_EN] {
        assert!(found.contains(&format!("{BASE}/en/posts/{id}")), "{id}");
    }
    for id in [DRAFT, FUTURE, PRIVATE, ABOUT, TEAM, TRANSLATED_FA] {
        assert!(
            !found.iter().any(|l| l.ends_with(&format!("/{id}"))),
            "{id} is not listed"
        );
    }
    assert_eq!(elements(&posts.body, "lastmod").len(), found.len());
    let translated =
        url_entry(&posts.body, &format!("/en/posts/{TRANSLATED_EN}")).expect("the translated post");
    assert!(translated.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}/en/posts/{TRANSLATED_EN}\"/>"
    )));
    assert!(translated.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"fa\" href=\"{BASE}/fa/posts/{TRANSLATED_FA}\"/>"
    )));
    let plain = url_entry(&posts.body, "/en/posts/1").expect("post 1");
    assert!(
        !plain.contains("xhtml:link"),
        "no translations, no alternates"
    );

    // Trash and a post that becomes public later.
    app.store
        .set_status(&[1], herald_core::Status::Trash, NOW)
        .await
        .expect("trash");
    app.clock.advance(2 * DAY);
    let later = locs(&xml(&app, "/sitemaps/en/posts-1.xml").await);
    assert!(
        later.contains(&format!("{BASE}/en/posts/{FUTURE}")),
        "its time has come"
    );
    assert!(!later.contains(&format!("{BASE}/en/posts/1")), "trashed");
    assert_eq!(
        app.get("/sitemaps/en/posts-2.xml").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sitemaps/xx/posts-1.xml").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn pages_topics_and_tags_sitemaps(app: TestApp) {
    let pages = xml(&app, "/sitemaps/en/pages.xml").await;
    assert_eq!(
        locs(&pages),
        vec![
            format!("{BASE}/en/"),
            format!("{BASE}/en/about/"),
            format!("{BASE}/en/about/team/"),
        ]
    );
    let home = url_entry(&pages.body, "/en/").expect("home");
    assert!(
        home.contains(&format!("hreflang=\"fa\" href=\"{BASE}/fa/\"")),
        "{home}"
    );
    let topics = locs(&xml(&app, "/sitemaps/en/topics.xml").await);
    assert_eq!(
        topics,
        ["economy", "environment", "water"]
            .map(|s| format!("{BASE}/en/topic/{s}/"))
            .to_vec()
    );
    let tags = locs(&xml(&app, "/sitemaps/fa/tags.xml").await);
    assert_eq!(tags, vec![format!("{BASE}/fa/tag/%D8%B1%D9%88%D8%AF/")]);
}

async fn news_sitemap_has_the_last_two_days(app: TestApp) {
    let news = xml(&app, "/sitemaps/news.xml").await;
    assert!(
        news.body
            .contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"")
    );
    let found = locs(&news);
    for (lang, id) in [("en", 1), ("en", TRANSLATED_EN), ("fa", TRANSLATED_FA)] {
        assert!(
            found.contains(&format!("{BASE}/{lang}/posts/{id}")),
            "{id}: {found:?}"
        );
    }
    for id in [3, DRAFT, PRIVATE, FUTURE, STICKY, ABOUT] {
        assert!(
            !found.iter().any(|l| l.ends_with(&format!("/{id}"))),
            "{id} is not news"
        );
    }
    let entry = url_entry(&news.body, &format!("/fa/posts/{TRANSLATED_FA}")).expect("fa post");
    assert!(
        entry.contains("<news:name>Fixture fa</news:name>"),
        "{entry}"
    );
    assert!(
        entry.contains("<news:language>fa</news:language>"),
        "{entry}"
    );
    assert!(
        entry.contains("<news:title>رودخانه‌ها در بهار با Herald</news:title>"),
        "{entry}"
    );
    assert_eq!(
        elements(&news.body, "news:publication_date").len(),
        found.len()
    );

    app.clock.advance(30 * DAY);
    let empty = app.get("/sitemap.xml").await;
    assert!(
        !empty.body.contains("news.xml"),
        "an empty news sitemap is not listed"
    );
}

async fn robots_txt_keeps_crawlers_out_of_admin_and_search(app: TestApp) {
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert_eq!(
        robots.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(
        robots.body,
        "User-agent: *\nDisallow: /admin/\nDisallow: /en/search\nDisallow: /fa/search\n\n\
         Sitemap: https://news.example/sitemap.xml\n"
    );
}

/// The JSON-LD documents of a page, parsed.
fn json_ld(page: &Page) -> Vec<Value> {
    page.html()
        .select(
            &scraper::Selector::parse("script[type=\"application/ld+json\"]").expect("selector"),
        )
        .map(|s| serde_json::from_str(&s.inner_html()).expect("JSON-LD parses"))
        .collect()
}

fn of_type<'a>(docs: &'a [Value], kind: &str) -> Option<&'a Value> {
    docs.iter().find(|d| d["@type"] == kind)
}

fn meta(page: &Page, key: &str) -> Vec<String> {
    let by_property = page.attrs(&format!("meta[property=\"{key}\"]"), "content");
    if by_property.is_empty() {
        page.attrs(&format!("meta[name=\"{key}\"]"), "content")
    } else {
        by_property
    }
}

async fn post_has_social_tags_with_its_featured_image(app: TestApp) {
    let mut post = app.stored(1).await;
    let read_at = post.updated_at;
    post.featured_image = Some("/media/2026/river.jpg".into());
    post.featured_alt = "A river in spring".into();
    post.updated_at = NOW - 60;
    app.store
        .save_post(&post, Some(read_at))
        .await
        .expect("save");
    let page = app.get("/en/posts/1").await;
    assert_eq!(page.status, StatusCode::OK);
    let image = format!("{BASE}/media/2026/river.jpg");
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:title"), ["Regular post 1"]);
    assert_eq!(meta(&page, "og:url"), [format!("{BASE}/en/posts/1")]);
    assert_eq!(meta(&page, "og:locale"), ["en_US"]);
    assert_eq!(meta(&page, "og:site_name"), ["Fixture en"]);
    assert_eq!(meta(&page, "og:image"), [image.as_str()]);
    assert_eq!(meta(&page, "og:image:alt"), ["A river in spring"]);
    assert_eq!(meta(&page, "og:description"), meta(&page, "description"));
    assert_eq!(meta(&page, "twitter:card"), ["summary_large_image"]);
    assert_eq!(meta(&page, "twitter:image"), [image.as_str()]);
    assert_eq!(meta(&page, "article:published_time").len(), 1);
    assert_eq!(page.texts("title"), ["Regular post 1 – Fixture en"]);

    let docs = json_ld(&page);
    let article = of_type(&docs, "NewsArticle").expect("NewsArticle");
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["headline"], "Regular post 1");
    assert_eq!(article["inLanguage"], "en");
    assert_eq!(article["image"][0], image.as_str());
    assert_eq!(article["author"][0]["name"], "Fixture Writer");
    assert_eq!(article["publisher"]["name"], "Fixture en");
    assert_eq!(
        article["mainEntityOfPage"]["@id"],
        format!("{BASE}/en/posts/1")
    );
    for field in ["datePublished", "dateModified"] {
        let date = article[field].as_str().unwrap_or_default();
        assert!(date.len() == 25 && date.contains('T'), "{field}: {date}");
    }
    let plain = app.get("/en/posts/2").await;
    assert_eq!(meta(&plain, "twitter:card"), ["summary"]);
    assert!(meta(&plain, "og:image").is_empty());
    assert!(
        of_type(&json_ld(&plain), "NewsArticle")
            .expect("article")
            .get("image")
            .is_none()
    );
}

async fn breadcrumbs_are_structured_data_too(app: TestApp) {
    let page = app.get(&format!("/en/posts/{TRANSLATED_EN}")).await;
    let docs = json_ld(&page);
    let list = of_type(&docs, "BreadcrumbList").expect("BreadcrumbList");
    let items = list["itemListElement"].as_array().expect("items");
    let names: Vec<&str> = items.iter().filter_map(|i| i["name"].as_str()).collect();
    assert_eq!(names, page.texts(".crumbs li"));
    assert_eq!(
        names,
        [
            "Home",
            "Name of environment",
            "Name of water",
            "Rivers in spring"
        ]
    );
    let positions: Vec<i64> = items
        .iter()
        .filter_map(|i| i["position"].as_i64())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert_eq!(items[0]["item"], format!("{BASE}/en/"));
    assert_eq!(items[2]["item"], format!("{BASE}/en/topic/water/"));
    assert_eq!(items[3]["item"], format!("{BASE}/en/posts/{TRANSLATED_EN}"));

    let topic = app.get("/en/topic/water/").await;
    let list = of_type(&json_ld(&topic), "BreadcrumbList")
        .cloned()
        .expect("on archives");
    assert_eq!(list["itemListElement"][1]["name"], "Name of environment");
    assert_eq!(meta(&topic, "og:type"), ["website"]);
    let team = app.get("/en/about/team/").await;
    let list = of_type(&json_ld(&team), "BreadcrumbList")
        .cloned()
        .expect("on pages");
    assert_eq!(
        list["itemListElement"][2]["item"],
        format!("{BASE}/en/about/team/")
    );
    let home = app.get("/en/").await;
    assert!(json_ld(&home).is_empty(), "no breadcrumbs on the home page");
    assert_eq!(meta(&home, "og:title"), ["Fixture en"]);
}

async fn json_ld_cannot_break_out_of_its_script(app: TestApp) {
    let page = app.get(&format!("/en/posts/{HOSTILE}")).await;
    assert!(
        page.body
            .contains("Hostile \\u003cb\\u003etitle\\u003c/b\\u003e")
    );
    let docs = json_ld(&page);
    let article = of_type(&docs, "NewsArticle").expect("article");
    assert_eq!(article["headline"], "Hostile <b>title</b>");
}

async fn web_manifest_names_the_site(app: TestApp) {
    let page = app.get("/manifest.webmanifest").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-type"),
        Some("application/manifest+json")
    );
    let manifest: Value = serde_json::from_str(&page.body).expect("JSON");
    assert_eq!(manifest["name"], "Fixture en");
    assert_eq!(manifest["short_name"], "Fixture en");
    assert_eq!(manifest["start_url"], "/en/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["icons"][0]["src"], "/favicon.svg");
    assert_eq!(manifest["icons"][0]["type"], "image/svg+xml");
    let home = app.get("/fa/").await;
    assert_eq!(
        home.attrs("link[rel=manifest]", "href"),
        ["/manifest.webmanifest"]
    );
    assert_eq!(app.get("/favicon.svg").await.status, StatusCode::OK);
}

crate::on_both_backends!(
    sitemap_index_lists_every_file,
    post_sitemap_has_public_posts_with_lastmod_and_alternates,
    pages_topics_and_tags_sitemaps,
    news_sitemap_has_the_last_two_days,
    robots_txt_keeps_crawlers_out_of_admin_and_search,
    post_has_social_tags_with_its_featured_image,
    breadcrumbs_are_structured_data_too,
    json_ld_cannot_break_out_of_its_script,
    web_manifest_names_the_site,
);
