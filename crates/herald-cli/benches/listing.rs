//! Archive pages from the store at every depth: page 1 against page 5,000 and
//! the last page of the largest topic and of the home page. Deep pages should
//! cost about what page 1 costs (bookmarks, not `OFFSET`; see
//! `herald-store/src/archive.rs`).
//!
//! ```sh
//! cargo bench -p herald-cli --bench listing                   # a 10,000-post SQLite site
//! herald generate --data /tmp/big --posts 1000000
//! HERALD_BENCH_DATABASE=sqlite:///tmp/big/herald.db cargo bench -p herald-cli --bench listing
//! HERALD_BENCH_DATABASE=postgres://… cargo bench -p herald-cli --bench listing
//! ```

use std::sync::{Arc, OnceLock};

use herald_core::{Archive, Clock, ListQuery, Store};

fn main() {
    divan::main();
}

struct Site {
    runtime: tokio::runtime::Runtime,
    store: Arc<dyn Store>,
    /// The topic with the most posts, and its number of pages.
    topic: (i64, u32),
    home_pages: u32,
    now: i64,
    _dir: Option<tempfile::TempDir>,
}

const PER_PAGE: u32 = 10;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let now = herald_cli::clock::SystemClock.now();
        let (store, dir) = runtime.block_on(open(now));
        let site = Site {
            topic: (0, 0),
            home_pages: 0,
            runtime,
            store,
            now,
            _dir: dir,
        };
        let home_pages = pages(&site, Archive::Home);
        let topic = site
            .runtime
            .block_on(site.store.topics("en"))
            .expect("topics")
            .iter()
            .map(|t| (t.id, pages(&site, Archive::Topic(t.id))))
            .max_by_key(|(_, pages)| *pages)
            .expect("a topic");
        eprintln!(
            "home: {home_pages} pages; topic {}: {} pages",
            topic.0, topic.1
        );
        Site {
            topic,
            home_pages,
            ..site
        }
    })
}

/// The database named by `HERALD_BENCH_DATABASE`, or a fresh 10,000-post site.
async fn open(now: i64) -> (Arc<dyn Store>, Option<tempfile::TempDir>) {
    if let Ok(url) = std::env::var("HERALD_BENCH_DATABASE") {
        return (herald_store::open(&url).await.expect("open"), None);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let store = herald_store::SqliteStore::open(&dir.path().join("bench.db")).expect("open");
    let bundle = herald_cli::generate::large_site(now, 10_000);
    store.insert_bundle(&bundle).await.expect("write site");
    (Arc::new(store), Some(dir))
}

fn query(site: &Site, archive: Archive, page: u32) -> ListQuery {
    ListQuery {
        language: "en".into(),
        archive,
        page,
        per_page: PER_PAGE,
        now: site.now,
    }
}

fn pages(site: &Site, archive: Archive) -> u32 {
    let list = site
        .runtime
        .block_on(site.store.list_posts(&query(site, archive, 1)))
        .expect("list");
    u32::try_from(list.total.div_ceil(u64::from(PER_PAGE))).unwrap_or(u32::MAX)
}

fn list(archive: Archive, page: u32) -> usize {
    let site = site();
    let page = page.clamp(1, site_pages(site, &archive));
    let list = site
        .runtime
        .block_on(site.store.list_posts(&query(site, archive, page)))
        .expect("list");
    assert!(!list.posts.is_empty(), "page {page} is empty");
    list.posts.len()
}

fn site_pages(site: &Site, archive: &Archive) -> u32 {
    match archive {
        Archive::Home => site.home_pages,
        _ => site.topic.1,
    }
    .max(1)
}

#[divan::bench]
fn topic_page_1() -> usize {
    list(Archive::Topic(site().topic.0), 1)
}

/// Page 5,000, or the last page of a smaller topic.
#[divan::bench]
fn topic_page_5000() -> usize {
    list(Archive::Topic(site().topic.0), 5_000)
}

#[divan::bench]
fn topic_page_last() -> usize {
    list(Archive::Topic(site().topic.0), u32::MAX)
}

#[divan::bench]
fn home_page_1() -> usize {
    list(Archive::Home, 1)
}

#[divan::bench]
fn home_page_last() -> usize {
    list(Archive::Home, u32::MAX)
}
