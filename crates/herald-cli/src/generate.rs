//! `herald generate`: a large site for benchmarks, built from the demo site's
//! languages, terms and texts, with as many posts as asked for.

use herald_core::{Clock, Post, SiteBundle, Status, Timestamp};

use crate::clock::SystemClock;
use crate::config::Settings;

/// The demo site grown to `posts` posts (the extra ones are copies of demo posts
/// with new ids, one every ~17 minutes into the past), prepared for writing.
pub fn large_site(now: Timestamp, posts: u32) -> SiteBundle {
    let mut bundle = crate::demo::demo_bundle(now);
    let templates: Vec<Post> = bundle
        .posts
        .iter()
        .filter(|p| p.kind != herald_core::PAGE_KIND && p.status == Status::Published)
        .cloned()
        .collect();
    let first_id = bundle.posts.iter().map(|p| p.id).max().unwrap_or(0) + 1;
    let wanted = usize::try_from(posts).unwrap_or(usize::MAX);
    for (id, n) in (first_id..).zip(bundle.posts.len()..wanted) {
        let Some(template) = templates.get(n % templates.len().max(1)) else {
            break;
        };
        let mut post = template.clone();
        post.id = id;
        post.sticky = false;
        post.translation_group = None;
        post.publish_at = now - 600 - i64::try_from(n).unwrap_or(0) * 1_000;
        post.updated_at = post.publish_at;
        bundle.posts.push(post);
    }
    herald_render::body::prepare_bundle(&mut bundle);
    bundle
}

/// Fill an empty store with `posts` posts.
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
    let bundle = large_site(SystemClock.now(), posts);
    let total = bundle.posts.len();
    store.insert_bundle(&bundle).await?;
    println!(
        "generated a site with {total} posts in {}",
        settings.data.display()
    );
    Ok(())
}
