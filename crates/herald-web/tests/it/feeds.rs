//! Feeds: every form and format, the item count and content settings, stable
//! GUIDs, scheduled posts, escaping and right-to-left text, WordPress's URL
//! forms, and the autodiscovery links of pages. XML is read with a real parser.

use axum::http::StatusCode;
use herald_core::PostSave;
use herald_web::WebConfig;
use herald_web::feed::{FeedConfig, FeedContent};

use crate::fixture::*;
use crate::support::{Page, TestApp};

const RSS: &str = "application/rss+xml; charset=utf-8";
const ATOM: &str = "application/atom+xml; charset=utf-8";
const JSON: &str = "application/feed+json; charset=utf-8";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// An RSS item or Atom entry as read back.
#[derive(Debug)]
struct Item {
    title: String,
    link: String,
    id: String,
    date: String,
    content: Option<String>,
    categories: Vec<String>,
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.tag_name().name() == name)
        .map(|c| c.text().unwrap_or("").to_owned())
}

async fn fetch(app: &TestApp, uri: &str, content_type: &str) -> Page {
    let page = app.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}");
    assert_eq!(page.header("content-type"), Some(content_type), "{uri}");
    page
}

/// The items of an RSS feed, and its `<language>`.
async fn rss(app: &TestApp, uri: &str) -> (String, Vec<Item>) {
    let page = fetch(app, uri, RSS).await;
    let doc = roxmltree::Document::parse(&page.body).expect("well-formed RSS");
    let channel = doc
        .descendants()
        .find(|n| n.has_tag_name("channel"))
        .expect("channel");
    let items = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| Item {
            title: child_text(item, "title").expect("title"),
            link: child_text(item, "link").expect("link"),
            id: child_text(item, "guid").expect("guid"),
            date: child_text(item, "pubDate").expect("pubDate"),
            content: child_text(item, "encoded"),
            categories: item
                .children()
                .filter(|c| c.has_tag_name("category"))
                .filter_map(|c| c.text().map(str::to_owned))
                .collect(),
        })
        .collect();
    (child_text(channel, "language").expect("language"), items)
}

/// The entries of an Atom feed, and its `xml:lang`.
async fn atom(app: &TestApp, uri: &str) -> (String, Vec<Item>) {
    let page = fetch(app, uri, ATOM).await;
    let doc = roxmltree::Document::parse(&page.body).expect("well-formed Atom");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM_NS));
    let lang = feed
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .expect("xml:lang")
        .to_owned();
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
        .map(|entry| Item {
            title: child_text(entry, "title").expect("title"),
            link: entry
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("alternate"))
                .and_then(|c| c.attribute("href"))
                .expect("link")
                .to_owned(),
            id: child_text(entry, "id").expect("id"),
            date: child_text(entry, "updated").expect("updated"),
            content: child_text(entry, "content"),
            categories: entry
                .children()
                .filter(|c| c.has_tag_name("category"))
                .filter_map(|c| c.attribute("term").map(str::to_owned))
                .collect(),
        })
        .collect();
    (lang, entries)
}

async fn json(app: &TestApp, uri: &str) -> serde_json::Value {
    let page = fetch(app, uri, JSON).await;
    serde_json::from_str(&page.body).expect("JSON")
}

fn post_url(lang: &str, id: i64) -> String {
    format!("https://news.example/{lang}/posts/{id}")
}

async fn every_form_answers_in_its_format(app: TestApp) {
    let (lang, items) = rss(&app, "/en/feed/").await;
    assert_eq!(lang, "en");
    assert_eq!(items.len(), 20, "20 items by default");
    assert_eq!(items[0].link, post_url("en", TRANSLATED_EN), "newest first");
    assert!(
        items.iter().all(|i| i.link != post_url("en", STICKY)),
        "a sticky post is not pushed to the top of a feed"
    );
    assert_eq!(items[1].title, "Regular post 1");
    assert_eq!(items[1].date, "Sat, 28 Nov 2026 15:30:00 +0330");
    assert_eq!(items[0].categories, ["Name of water", "Name of rivers"]);
    let (_, entries) = atom(&app, "/en/feed/atom/").await;
    assert_eq!(entries.len(), 20);
    assert_eq!(entries[1].date, "2026-11-28T15:30:00+03:30");
    assert_eq!(entries[0].id, items[0].id);
    let feed = json(&app, "/en/feed.json").await;
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["language"], "en");
    assert_eq!(feed["feed_url"], "https://news.example/en/feed.json");
    assert_eq!(feed["items"].as_array().expect("items").len(), 20);
    assert_eq!(feed["items"][0]["id"], post_url("en", TRANSLATED_EN));

    let (_, water) = rss(&app, "/en/topic/water/feed/").await;
    assert!(water.iter().any(|i| i.link == post_url("en", 2)));
    assert!(water.iter().all(|i| i.link != post_url("en", 1)));
    let (_, tag) = atom(&app, "/en/tag/rivers/feed/atom/").await;
    let links: Vec<&str> = tag.iter().map(|i| i.link.as_str()).collect();
    assert_eq!(links, [post_url("en", TRANSLATED_EN), post_url("en", LONG)]);
    let author = json(&app, "/en/author/writer/feed.json").await;
    assert_eq!(author["title"], "Fixture Writer – Fixture en");
    let kind = json(&app, "/en/kind/news/feed.json").await;
    assert_eq!(kind["items"].as_array().map(Vec::len), Some(0));
    let head = app.request("HEAD", "/en/feed/").await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(head.header("content-type"), Some(RSS));
}

async fn item_count_and_content_are_settings(app: TestApp) {
    let (_, full) = rss(&app, "/en/feed/").await;
    let long = full
        .iter()
        .find(|i| i.link == post_url("en", LONG))
        .expect("long post");
    assert!(
        long.content
            .as_deref()
            .is_some_and(|c| c.contains("fourteen")),
        "full body by default: {long:?}"
    );
    let app = app.with_config(WebConfig {
        feeds: FeedConfig {
            items: 5,
            content: FeedContent::Excerpt,
        },
        ..WebConfig::new("https://news.example")
    });
    let (_, items) = rss(&app, "/en/feed/").await;
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|i| i.content.is_none()), "no bodies");
    let (_, entries) = atom(&app, "/en/topic/environment/feed/atom/").await;
    assert_eq!(entries.len(), 5);
    assert!(entries.iter().all(|e| e.content.is_none()));
    let feed = json(&app, "/en/feed.json").await;
    let first = &feed["items"][0];
    assert!(first.get("content_html").is_none());
    assert!(
        first["content_text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
}

async fn guids_survive_edits(app: TestApp) {
    let (_, before) = rss(&app, "/en/feed/").await;
    let (_, atom_before) = atom(&app, "/en/feed/atom/").await;
    let mut post = app.stored(TRANSLATED_EN).await;
    let expected = post.updated_at;
    post.title = "Rivers & <dams> in spring".into();
    post.slug = "rivers-and-dams".into();
    post.updated_at = NOW - HOUR;
    herald_render::body::prepare_post(&mut post, 12);
    app.store
        .write_post(&PostSave::new(&post, Some(expected)))
        .await
        .expect("edit");
    let (_, after) = rss(&app, "/en/feed/").await;
    assert_eq!(after[0].id, before[0].id, "GUID unchanged by the edit");
    assert_eq!(after[0].id, post_url("en", TRANSLATED_EN));
    assert_eq!(
        after[0].title, "Rivers & <dams> in spring",
        "escaped and read back"
    );
    let (_, atom_after) = atom(&app, "/en/feed/atom/").await;
    assert_eq!(atom_after[0].id, atom_before[0].id);
    assert_ne!(atom_after[0].date, atom_before[0].date, "updated moves");
    let feed = json(&app, "/en/feed.json").await;
    assert_eq!(feed["items"][0]["title"], "Rivers & <dams> in spring");
}

async fn scheduled_posts_wait_for_their_time(app: TestApp) {
    let hidden = [DRAFT, FUTURE, PRIVATE].map(|id| post_url("en", id));
    let (_, items) = rss(&app, "/en/topic/water/feed/").await;
    assert!(items.iter().all(|i| !hidden.contains(&i.link)));
    app.clock.advance(2 * DAY);
    let (_, items) = rss(&app, "/en/feed/").await;
    assert_eq!(items[0].link, post_url("en", FUTURE), "now the newest");
    assert!(items.iter().all(|i| i.link != post_url("en", DRAFT)));
}

async fn markup_in_titles_and_right_to_left_text_arrive_intact(app: TestApp) {
    let app = app.with_config(WebConfig {
        feeds: FeedConfig {
            items: 50,
            content: FeedContent::Full,
        },
        ..WebConfig::new("https://news.example")
    });
    let (_, items) = rss(&app, "/en/feed/").await;
    assert_eq!(
        items.len() as u64,
        EN_PUBLIC_POSTS,
        "every public post fits"
    );
    let hostile = items
        .iter()
        .find(|i| i.link == post_url("en", HOSTILE))
        .expect("hostile post");
    assert_eq!(hostile.title, "Hostile <b>title</b>");
    let body = hostile.content.as_deref().expect("body");
    assert!(
        !body.contains("<script") && !body.contains("onclick"),
        "{body}"
    );
    let more = items
        .iter()
        .find(|i| i.link == post_url("en", MORE))
        .expect("more post");
    assert!(
        more.content.as_deref().is_some_and(|c| c.contains("&amp;")),
        "an entity in the body stays an entity: {more:?}"
    );

    let (lang, entries) = atom(&app, "/fa/feed/atom/").await;
    assert_eq!(lang, "fa");
    assert_eq!(entries[0].title, "رودخانه‌ها در بهار با Herald");
    assert_eq!(entries[0].categories, ["Name of محیط-زیست"]);
    assert!(
        entries[0]
            .content
            .as_deref()
            .is_some_and(|c| c.starts_with("<div dir=\"rtl\" lang=\"fa\">")),
        "{:?}",
        entries[0].content
    );
    let (lang, tag) = rss(&app, "/fa/tag/%D8%B1%D9%88%D8%AF/feed/").await;
    assert_eq!(lang, "fa");
    assert_eq!(tag[0].title, "نوشتهٔ بلند");
    let feed = json(&app, "/fa/feed.json").await;
    assert_eq!(feed["language"], "fa");
    assert_eq!(feed["items"][0]["title"], "رودخانه‌ها در بهار با Herald");
}

async fn wordpress_forms_redirect_and_unknown_archives_are_not_found(app: TestApp) {
    for (from, to) in [
        ("/en/feed/rss2/", "/en/feed/"),
        ("/en/feed", "/en/feed/"),
        ("/en/?feed=rss2", "/en/feed/"),
        ("/en/?feed=atom", "/en/feed/atom/"),
        ("/feed/", "/en/feed/"),
        ("/feed/atom/", "/en/feed/atom/"),
        ("/?feed=rss2", "/en/feed/"),
        ("/en/topic/water/feed/rss2/", "/en/topic/water/feed/"),
        ("/en/topic/water/?feed=atom", "/en/topic/water/feed/atom/"),
        ("/en/feed.json/", "/en/feed.json"),
    ] {
        let page = app.get(from).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(page.location.as_deref(), Some(to), "{from}");
    }
    for uri in [
        "/en/topic/nope/feed/",
        "/en/tag/nope/feed/atom/",
        "/en/author/nobody/feed.json",
        "/en/kind/nope/feed/",
        "/xx/feed/",
        "/en/feed/nope/",
        "/en/comments/feed/",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

async fn pages_offer_their_feeds(app: TestApp) {
    let feeds = |page: &Page| page.attrs("link[rel=alternate][type]", "href");
    let home = app.get("/en/").await;
    assert_eq!(
        feeds(&home),
        [
            "https://news.example/en/feed/",
            "https://news.example/en/feed/atom/",
            "https://news.example/en/feed.json",
        ]
    );
    assert_eq!(
        home.attrs("link[type='application/rss+xml']", "title"),
        ["Fixture en (RSS)"]
    );
    let topic = feeds(&app.get("/en/topic/water/").await);
    assert_eq!(topic.len(), 6);
    assert!(topic.contains(&"https://news.example/en/topic/water/feed/".to_owned()));
    assert!(topic.contains(&"https://news.example/en/topic/water/feed.json".to_owned()));
    let fa_tag = feeds(&app.get("/fa/tag/%D8%B1%D9%88%D8%AF/").await);
    assert!(
        fa_tag.contains(&"https://news.example/fa/tag/%D8%B1%D9%88%D8%AF/feed/atom/".to_owned())
    );
    for uri in ["/en/posts/1", "/en/about/", "/fa/"] {
        let lang = &uri[1..3];
        let found = feeds(&app.get(uri).await);
        assert_eq!(found.len(), 3, "{uri}");
        assert_eq!(
            found[0],
            format!("https://news.example/{lang}/feed/"),
            "{uri}"
        );
    }
    // Every advertised feed answers.
    for href in topic {
        let path = href.trim_start_matches("https://news.example");
        assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    }
}

crate::on_both_backends!(
    every_form_answers_in_its_format,
    item_count_and_content_are_settings,
    guids_survive_edits,
    scheduled_posts_wait_for_their_time,
    markup_in_titles_and_right_to_left_text_arrive_intact,
    wordpress_forms_redirect_and_unknown_archives_are_not_found,
    pages_offer_their_feeds,
);
