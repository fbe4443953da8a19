//! `herald generate`: a large site for benchmarks, built from the demo site's
//! languages, terms and texts, with as many posts as asked for.

use herald_core::{Clock, Post, SiteBundle, Status, Timestamp};

use crate::clock::SystemClock;
use crate::config::Settings;

/// Posts written per transaction by [`generate`]: bounds its memory (a
/// million posts held at once would take gigabytes) while keeping a
/// transaction's fixed cost small.
const BATCH: usize = 20_000;

/// The demo site grown to `posts` posts (the extra ones are copies of demo posts
/// with new ids, one every ~17 minutes into the past), prepared for writing.
pub fn large_site(now: Timestamp, posts: u32) -> SiteBundle {
    let (mut bundle, extra) = demo_and_extra(now, posts);
    bundle.posts.extend(extra.batch(0..extra.count));
    bundle
}

/// The prepared demo site, and how to make the posts added to it.
fn demo_and_extra(now: Timestamp, posts: u32) -> (SiteBundle, Extra) {
    let mut bundle = crate::demo::demo_bundle(now);
    herald_render::body::prepare_bundle(&mut bundle);
    let templates: Vec<Post> = bundle
        .posts
        .iter()
        .filter(|p| p.kind != herald_core::PAGE_KIND && p.status == Status::Published)
        .cloned()
        .collect();
    let wanted = usize::try_from(posts).unwrap_or(usize::MAX);
    let extra = Extra {
        now,
        first_id: bundle.posts.iter().map(|p| p.id).max().unwrap_or(0) + 1,
        demo_posts: bundle.posts.len(),
        count: if templates.is_empty() {
            0
        } else {
            wanted.saturating_sub(bundle.posts.len())
        },
        templates,
    };
    (bundle, extra)
}

/// The generated posts: copies of the demo's published posts (already
/// rendered, so a million posts cost no Markdown), numbered on from the
/// demo's largest id.
struct Extra {
    now: Timestamp,
    first_id: i64,
    demo_posts: usize,
    count: usize,
    templates: Vec<Post>,
}

impl Extra {
    /// Generated posts number `range` (0-based).
    fn batch(&self, range: std::ops::Range<usize>) -> Vec<Post> {
        range
            .filter_map(|i| {
                let n = self.demo_posts + i;
                let template = self.templates.get(n % self.templates.len().max(1))?;
                let mut post = template.clone();
                post.id = self.first_id + i64::try_from(i).ok()?;
                post.sticky = false;
                post.translation_group = None;
                post.publish_at = self.now - 600 - i64::try_from(n).ok()? * 1_000;
                post.updated_at = post.publish_at;
                Some(post)
            })
            .collect()
    }
}

/// Fill an empty store with `posts` posts: the demo site in one transaction,
/// then the generated posts in batches of [`BATCH`], with progress.
///
/// # Errors
/// The store is not empty, or cannot be written.
pub async fn generate(settings: &Settings, posts: u32) -> anyhow::Result<()> {
    let store = crate::serve::open_store(settings).await?;
    if !store.languages().await?.is_empty() {
        anyhow::bail!(
            "{} already holds a site; generate needs an empty data folder",
            settings.data.display()
        );
    }
    let (bundle, extra) = demo_and_extra(SystemClock.now(), posts);
    store.insert_bundle(&bundle).await?;
    let mut written = bundle.posts.len();
    let mut start = 0;
    while start < extra.count {
        let end = (start + BATCH).min(extra.count);
        let batch = SiteBundle {
            posts: extra.batch(start..end),
            ..SiteBundle::default()
        };
        store.insert_bundle(&batch).await?;
        written += batch.posts.len();
        start = end;
        eprint!("\rgenerated {written} posts");
    }
    if extra.count > 0 {
        eprintln!();
    }
    println!(
        "generated a site with {written} posts in {}",
        settings.data.display()
    );
    Ok(())
}
