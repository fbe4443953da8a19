//! `herald import wordpress` on real-shaped exports, over SQLite and
//! PostgreSQL: what lands in the store, every old address form answering
//! 301 to a page that answers 200, re-runs that update in place, dry runs
//! and bad files that write nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use herald_cli::config::{FileConfig, Overrides, Settings};
use herald_cli::import::{WordpressArgs, wordpress};
use herald_core::{CommentStatus, FixedClock, SiteBundle, Status, Store, Taxonomy};
use herald_store::test_support::fresh_postgres_schema;

use crate::{assert_one_line_error, herald};

const NOW: i64 = 1_800_000_000;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../herald-import/tests/fixtures")
        .join(name)
}

/// A data folder on each backend: (name, settings, what keeps it alive).
async fn sites() -> Vec<(&'static str, Settings, Box<dyn std::any::Any>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = vec![(
        "sqlite",
        settings(dir.path(), None),
        Box::new(dir) as Box<dyn std::any::Any>,
    )];
    if let Some(schema) = fresh_postgres_schema().await {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = settings(dir.path(), Some(schema.url().to_owned()));
        out.push(("postgres", settings, Box::new((dir, schema))));
    }
    out
}

fn settings(data: &Path, database_url: Option<String>) -> Settings {
    let over = Overrides {
        database_url,
        base_url: Some("https://news.example".into()),
        ..Overrides::default()
    };
    herald_cli::config::settings(data, FileConfig::default(), over).expect("settings")
}

fn args(file: PathBuf) -> WordpressArgs {
    WordpressArgs {
        file,
        ..WordpressArgs::default()
    }
}

async fn store(settings: &Settings) -> Arc<dyn Store> {
    herald_cli::serve::open_store(settings)
        .await
        .expect("store")
}

async fn run(settings: &Settings, args: WordpressArgs) -> anyhow::Result<String> {
    wordpress(settings, args, &FixedClock::new(NOW)).await
}

/// Follow `old` through the site's router: (final path, status).
async fn land(settings: &Settings, old: &str) -> (Vec<String>, Option<u16>) {
    let router = herald_web::router(
        herald_cli::serve::app_state(settings, store(settings).await).expect("state"),
    );
    let landing = herald_cli::redirects::follow(&router, old, &settings.base_url).await;
    (landing.hops, landing.status)
}

#[tokio::test]
async fn a_multilingual_export_lands_whole() {
    for (name, settings, _keep) in sites().await {
        let report = run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("import");
        assert!(report.contains("[poll] in 1 post"), "{name}: {report}");
        assert!(
            report.contains("About us"),
            "{name}: protected page reported"
        );
        let store = store(&settings).await;

        // Ids kept, languages from the Polylang taxonomy, translations linked.
        let en = store.post(12).await.unwrap().expect("post 12 keeps its id");
        let fa = store.post(15).await.unwrap().expect("post 15 keeps its id");
        assert_eq!(
            (en.language.as_str(), fa.language.as_str()),
            ("en", "fa"),
            "{name}"
        );
        assert!(en.translation_group.is_some(), "{name}");
        assert_eq!(en.translation_group, fa.translation_group, "{name}");
        assert_eq!(fa.slug, "پل-تازه", "{name}: Persian slug decoded");
        assert!(en.sticky && en.comments_open && !fa.comments_open, "{name}");
        assert_eq!(en.status, Status::Published, "{name}");
        assert_eq!(en.publish_at, 1_551_700_800, "{name}: the GMT date");
        assert_eq!(en.excerpt, "A footbridge for the valley.", "{name}");
        assert!(
            en.body_html
                .contains("<figcaption>The bridge at dawn</figcaption>"),
            "{name}: {}",
            en.body_html
        );
        assert!(en.body_html.contains("<p>The council"), "{name}: autop");
        assert_eq!(
            en.featured_image.as_deref(),
            Some("https://valley.example.org/wp-content/uploads/2019/03/bridge.jpg"),
            "{name}: without --uploads the old address is kept"
        );
        let draft = store.post(16).await.unwrap().expect("draft");
        assert_eq!(draft.status, Status::Draft, "{name}");
        let about = store.post(2).await.unwrap().expect("protected page");
        assert_eq!(about.status, Status::Private, "{name}: protected → private");

        // Topics nested per language, tags.
        let topics = store.topics("en").await.unwrap();
        let news = topics.iter().find(|t| t.slug == "news").expect("news");
        let local = topics
            .iter()
            .find(|t| t.slug == "local-news")
            .expect("local");
        assert_eq!(local.parent, Some(news.id), "{name}");
        let fa_topics = store.topics("fa").await.unwrap();
        let politics = fa_topics
            .iter()
            .find(|t| t.slug == "سیاست")
            .expect("fa topic");
        let fa_news = fa_topics
            .iter()
            .find(|t| t.slug == "news")
            .expect("parent in fa");
        assert_eq!(
            politics.parent,
            Some(fa_news.id),
            "{name}: ancestors follow"
        );
        assert!(en.terms.contains(&local.id), "{name}");
        let tags = store.term_counts("en", Taxonomy::Tag).await.unwrap();
        assert!(tags.iter().any(|t| t.term.slug == "bridges"), "{name}");

        // Comments: the thread kept, spam left out.
        let comments = store.comments(12, None).await.unwrap();
        assert_eq!(comments.len(), 2, "{name}: spam skipped");
        assert_eq!(comments[1].parent, Some(comments[0].id), "{name}: thread");
        assert!(comments.iter().all(|c| c.status == CommentStatus::Approved));

        // Approved comments show under the post, replies after their parent.
        let router = herald_web::router(
            herald_cli::serve::app_state(&settings, store.clone()).expect("state"),
        );
        let page = body(&router, "/en/posts/12").await;
        let first = page.find("class=\"depth-0\"").expect("a comment");
        let reply = page.find("class=\"depth-1\"").expect("a reply");
        assert!(first < reply, "{name}: thread order");
        assert!(page.contains("Comments (2)"), "{name}");

        // Authors come without a password.
        let editor = store
            .user_by_login("editor")
            .await
            .unwrap()
            .expect("editor");
        assert_eq!(en.author, Some(editor.id), "{name}");
        assert!(
            store.password_hash("editor").await.unwrap().is_none(),
            "{name}"
        );
    }
}

/// Every old address form and where it must land.
const OLD_ADDRESSES: &[(&str, &str)] = &[
    (
        "https://valley.example.org/2019/03/04/new-bridge-opens/",
        "/en/posts/12",
    ),
    (
        "https://valley.example.org/2019/03/04/new-bridge-opens",
        "/en/posts/12",
    ),
    (
        "https://valley.example.org/2019/03/04/new-bridge-opens/amp/",
        "/en/posts/12",
    ),
    (
        "https://valley.example.org/2019/03/04/new-bridge-opens/?amp=1",
        "/en/posts/12",
    ),
    (
        "https://valley.example.org/2019/03/new-bridge-opens/",
        "/en/posts/12",
    ),
    (
        "https://valley.example.org/new-bridge-opens/",
        "/en/posts/12",
    ),
    ("https://valley.example.org/archives/12", "/en/posts/12"),
    ("/?p=12", "/en/posts/12"),
    ("/index.php?p=12", "/en/posts/12"),
    ("/?p=12&utm_source=newsletter", "/en/posts/12"),
    ("/2019/03/04/new-bridge-opens/feed/", "/en/posts/12"),
    (
        "https://valley.example.org/fa/1403/12/14/%d9%be%d9%84-%d8%aa%d8%a7%d8%b2%d9%87/",
        "/fa/posts/15",
    ),
    ("/category/news/", "/en/topic/news/"),
    ("/category/news/local-news/", "/en/topic/local-news/"),
    ("/category/local-news/", "/en/topic/local-news/"),
    ("/category/news/feed/", "/en/topic/news/feed/"),
    ("/category/news/feed/atom/", "/en/topic/news/feed/atom/"),
    ("/?cat=3", "/en/topic/news/"),
    ("/tag/bridges/", "/en/tag/bridges/"),
    ("/?tag=bridges", "/en/tag/bridges/"),
    ("/author/editor/", "/en/author/editor/"),
    ("/author/editor/feed/", "/en/author/editor/feed/"),
    ("/?attachment_id=30", "/en/posts/12"),
    ("/2019/03/04/new-bridge-opens/bridge/", "/en/posts/12"),
    ("/feed/", "/en/feed/"),
];

#[tokio::test]
async fn every_old_address_form_answers_301_to_a_live_page() {
    for (name, settings, _keep) in sites().await {
        run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("import");
        // One router for all: its page cache must tell the addresses apart.
        let router = herald_web::router(
            herald_cli::serve::app_state(&settings, store(&settings).await).expect("state"),
        );
        for round in 0..2 {
            for (old, expected) in OLD_ADDRESSES {
                let landing = herald_cli::redirects::follow(&router, old, &settings.base_url).await;
                let last = landing.hops.last().map(String::as_str);
                assert_eq!(last, Some(*expected), "{name} round {round}: {old}");
            }
        }
        for (old, expected) in OLD_ADDRESSES {
            let (hops, status) = land(&settings, old).await;
            let last = hops.last().map(String::as_str);
            assert_eq!(last, Some(*expected), "{name}: {old} went {hops:?}");
            assert_eq!(status, Some(200), "{name}: {old} → {expected}");
        }
        // Paged archives keep their page; a page past the end is not found.
        let (hops, _) = land(&settings, "/category/news/page/3/").await;
        assert_eq!(
            hops.last().map(String::as_str),
            Some("/en/topic/news/page/3/")
        );
        let (hops, status) = land(&settings, "/no-such-post/").await;
        assert!(hops.is_empty() && status == Some(404), "{name}");
    }
}

#[tokio::test]
async fn running_the_same_import_again_updates_in_place() {
    for (name, settings, _keep) in sites().await {
        run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("first import");
        let store = store(&settings).await;
        let first = store.export_bundle().await.unwrap();

        run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("second import");
        let second = store.export_bundle().await.unwrap();
        assert_eq!(
            counts(&first),
            counts(&second),
            "{name}: nothing added twice"
        );

        // The old site changed a title: the new run updates that post only.
        let dir = tempfile::tempdir().expect("dir");
        let changed = dir.path().join("changed.xml");
        let text = std::fs::read_to_string(fixture("multilingual.xml")).expect("fixture");
        std::fs::write(
            &changed,
            text.replace("The new bridge opens", "The bridge is open"),
        )
        .expect("write");
        run(&settings, args(changed)).await.expect("third import");
        let third = store.export_bundle().await.unwrap();
        assert_eq!(counts(&second), counts(&third), "{name}");
        let post = store.post(12).await.unwrap().expect("post");
        assert_eq!(post.title, "The bridge is open", "{name}");
    }
}

fn counts(b: &SiteBundle) -> [usize; 8] {
    [
        b.users.len(),
        b.terms.len(),
        b.posts.len(),
        b.comments.len(),
        b.media.len(),
        b.post_meta.len(),
        b.redirects.len(),
        b.languages.len(),
    ]
}

#[tokio::test]
async fn a_dry_run_reports_and_writes_nothing() {
    for (name, settings, _keep) in sites().await {
        let mut a = args(fixture("multilingual.xml"));
        a.dry_run = true;
        let report = run(&settings, a).await.expect("dry run");
        assert!(report.contains("nothing was written"), "{name}: {report}");
        assert!(report.contains("posts"), "{name}");
        let store = store(&settings).await;
        assert_eq!(
            store.export_bundle().await.unwrap(),
            SiteBundle::default(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn ids_taken_here_get_new_ones_and_old_links_follow_them() {
    for (name, settings, _keep) in sites().await {
        // A site that already has a post 12.
        let store = store(&settings).await;
        let mut bundle = herald_cli::demo::demo_bundle(NOW);
        herald_render::body::prepare_bundle(&mut bundle);
        store.insert_bundle(&bundle).await.unwrap();
        let before = store.post(12).await.unwrap().expect("demo post 12");

        let report = run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("import");
        assert!(report.contains("post 12 ->"), "{name}: {report}");
        assert_eq!(
            store.post(12).await.unwrap(),
            Some(before),
            "{name}: untouched"
        );
        let (hops, status) = land(&settings, "/?p=12").await;
        let target = hops.last().cloned().unwrap_or_default();
        assert_ne!(
            target, "/en/posts/12",
            "{name}: the old link finds the import"
        );
        assert_eq!(status, Some(200), "{name}: {hops:?}");
        let id: i64 = target.rsplit('/').next().unwrap_or("").parse().expect("id");
        let imported = store.post(id).await.unwrap().expect("imported");
        assert!(imported.title.contains("bridge"), "{name}");
    }
}

/// A small export written here, for the edge cases.
fn export(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Edge</title><link>https://edge.example.org</link><language>en</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://edge.example.org</wp:base_site_url>
<wp:base_blog_url>https://edge.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ann</wp:author_login><wp:author_email>ann@example.org</wp:author_email><wp:author_display_name>Ann</wp:author_display_name></wp:author>
{items}
</channel></rss>"#
    )
}

fn item(id: i64, kind: &str, slug: &str, parent: i64, creator: &str, date: &str) -> String {
    format!(
        r#"<item><title>Item {id}</title><link>https://edge.example.org/{slug}/</link>
<dc:creator>{creator}</dc:creator>
<content:encoded><![CDATA[First line.

Second paragraph.]]></content:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>{parent}</wp:post_parent>
<wp:post_type>{kind}</wp:post_type></item>"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[tokio::test]
async fn per_item_problems_are_reported_and_the_rest_imports() {
    for (name, settings, _keep) in sites().await {
        let dir = tempfile::tempdir().expect("dir");
        let date = "2020-01-02 03:04:05";
        let items = [
            item(1, "post", "same", 0, "ann", date),
            item(2, "post", "same", 0, "ann", date),
            item(3, "post", "lost", 0, "nobody", date),
            item(4, "page", "loop-a", 5, "ann", date),
            item(5, "page", "loop-b", 4, "ann", date),
            item(6, "page", "child", 4, "ann", date),
            item(7, "post", "bad-date", 0, "ann", "2020-13-45 99:00:00"),
            item(8, "nav_menu_item", "menu", 0, "ann", date),
            item(9_007_199_254_740_993, "post", "huge-id", 0, "ann", date),
        ]
        .join("\n");
        let file = write(dir.path(), "edge.xml", &export(&items));
        let report = run(&settings, args(file)).await.expect("import goes on");
        assert!(
            report.contains("`same-2`"),
            "{name}: duplicate slug renamed\n{report}"
        );
        assert!(
            report.contains("`nobody` is not in the export"),
            "{name}: {report}"
        );
        assert!(report.contains("loop"), "{name}: parent loop cut\n{report}");
        assert!(report.contains("nav_menu_item"), "{name}: {report}");
        let store = store(&settings).await;
        assert_eq!(
            store.post(2).await.unwrap().map(|p| p.slug),
            Some("same-2".into())
        );
        assert_eq!(
            store.post(3).await.unwrap().and_then(|p| p.author),
            None,
            "{name}"
        );
        let child = store.post(6).await.unwrap().expect("child page");
        assert_eq!(child.parent, Some(4), "{name}");
        let a = store.post(4).await.unwrap().expect("page 4");
        let b = store.post(5).await.unwrap().expect("page 5");
        assert!(
            a.parent.is_none() || b.parent.is_none(),
            "{name}: no loop stored"
        );
        assert!(
            store.post(7).await.unwrap().is_some(),
            "{name}: bad date, still imported"
        );
    }
}

#[tokio::test]
async fn bad_files_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let whole = std::fs::read_to_string(fixture("multilingual.xml")).expect("fixture");
    let cases = [
        ("truncated.xml", whole[..whole.len() / 2].to_owned(), "line"),
        (
            "dtd.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><rss><channel><title>&b;</title></channel></rss>".to_owned(),
            "DTD",
        ),
        (
            "external.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/x.dtd\"><rss/>".to_owned(),
            "DTD",
        ),
        (
            "atom.xml",
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>".to_owned(),
            "not a WordPress export",
        ),
        ("empty.xml", String::new(), "not a WordPress export"),
        ("json.xml", "{\"posts\": []}".to_owned(), "not a WordPress export"),
    ];
    for (file, text, needle) in cases {
        let path = write(dir.path(), file, &text);
        for (name, settings, _keep) in sites().await {
            let err = run(&settings, args(path.clone()))
                .await
                .expect_err("refused");
            let message = format!("{err:#}");
            assert!(
                message.to_lowercase().contains(&needle.to_lowercase()),
                "{name} {file}: {message}"
            );
            let store = store(&settings).await;
            assert_eq!(store.export_bundle().await.unwrap(), SiteBundle::default());
        }
    }
}

#[test]
fn the_command_line_says_what_is_wrong_in_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let bad = write(
        dir.path(),
        "bad.xml",
        "<rss><channel><item></channel></rss>",
    );
    let out = herald(&data, &["import", "wordpress", bad.to_str().unwrap_or("")]);
    assert_one_line_error(&out, "line 1, column");
    let out = herald(&data, &["import", "wordpress", "/no/such/file.xml"]);
    assert_one_line_error(&out, "is not a file");
    let good = fixture("multilingual.xml");
    let good = good.to_str().unwrap_or("");
    let out = herald(&data, &["import", "wordpress", good, "--lang", "english"]);
    assert_one_line_error(&out, "--lang");
    let out = herald(
        &data,
        &["import", "wordpress", good, "--old-url", "example.org"],
    );
    assert_one_line_error(&out, "--old-url");
    let out = herald(
        &data,
        &["import", "wordpress", good, "--uploads", "/no/such/dir"],
    );
    assert_one_line_error(&out, "--uploads");
    let out = herald(&data, &["import", "wordpress", good]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Imported 4 posts and pages"), "{stdout}");
}

#[tokio::test]
async fn uploads_are_copied_served_and_their_old_addresses_redirect() {
    for (name, settings, _keep) in sites().await {
        let uploads = tempfile::tempdir().expect("uploads");
        let month = uploads.path().join("2019/03");
        std::fs::create_dir_all(&month).expect("dir");
        std::fs::write(month.join("bridge.jpg"), b"full size").expect("file");
        std::fs::write(month.join("bridge-300x200.jpg"), b"resized").expect("file");
        let mut a = args(fixture("multilingual.xml"));
        a.uploads = Some(uploads.path().to_owned());
        let report = run(&settings, a).await.expect("import");
        assert!(
            report.contains("copied 2 uploaded files"),
            "{name}: {report}"
        );
        let copied = settings.data.join("uploads/2019/03/bridge-300x200.jpg");
        assert_eq!(
            std::fs::read(&copied).ok(),
            Some(b"resized".to_vec()),
            "{name}"
        );

        let store = store(&settings).await;
        let post = store.post(12).await.unwrap().expect("post");
        assert_eq!(
            post.featured_image.as_deref(),
            Some("/uploads/2019/03/bridge.jpg"),
            "{name}"
        );
        assert!(
            post.body_html
                .contains("src=\"/uploads/2019/03/bridge-300x200.jpg\""),
            "{name}: body links the copy: {}",
            post.body_html
        );
        let (hops, status) = land(
            &settings,
            "https://valley.example.org/wp-content/uploads/2019/03/bridge-300x200.jpg",
        )
        .await;
        assert_eq!(
            hops.last().map(String::as_str),
            Some("/uploads/2019/03/bridge-300x200.jpg"),
            "{name}"
        );
        assert_eq!(status, Some(200), "{name}: the copy is served");
        let (_, status) = land(&settings, "/uploads/../herald.db").await;
        assert_ne!(
            status,
            Some(200),
            "{name}: nothing outside the uploads folder"
        );
    }
}

#[tokio::test]
async fn attachments_are_never_fetched_from_private_addresses() {
    // A listener standing in for a server on this machine: nothing may reach it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("dir");
    let text = std::fs::read_to_string(fixture("multilingual.xml"))
        .expect("fixture")
        .replace(
            "https://valley.example.org",
            &format!("http://127.0.0.1:{port}"),
        );
    let file = write(dir.path(), "local.xml", &text);
    for (name, settings, _keep) in sites().await {
        let mut a = args(file.clone());
        a.fetch_attachments = true;
        let report = run(&settings, a).await.expect("import goes on");
        assert!(report.contains("not a public address"), "{name}: {report}");
        assert!(listener.accept().is_err(), "{name}: no connection was made");
        assert!(!settings.data.join("uploads/2019").exists(), "{name}");
    }
}

async fn body(router: &axum::Router, path: &str) -> String {
    use tower::ServiceExt;
    let request = axum::http::Request::get(path)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("response");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn a_running_site_shows_an_import_made_by_another_process() {
    let dir = tempfile::tempdir().expect("dir");
    let text = std::fs::read_to_string(fixture("multilingual.xml")).expect("fixture");
    let older = write(
        dir.path(),
        "older.xml",
        &text.replace("The new bridge opens", "The bridge is open"),
    );
    for (name, settings, _keep) in sites().await {
        run(&settings, args(older.clone()))
            .await
            .expect("first import");
        // The serving instance, with its page cache, has the page kept.
        let router = herald_web::router(
            herald_cli::serve::app_state(&settings, store(&settings).await).expect("state"),
        );
        for _ in 0..3 {
            assert!(
                body(&router, "/en/posts/12")
                    .await
                    .contains("The bridge is open")
            );
        }
        // `herald import` opens its own store, as a second process would.
        run(&settings, args(fixture("multilingual.xml")))
            .await
            .expect("second import");
        let start = std::time::Instant::now();
        while !body(&router, "/en/posts/12")
            .await
            .contains("The new bridge opens")
        {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(3),
                "{name}: the running site never showed the import"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}
