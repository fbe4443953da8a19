//! Commits by other processes on the same file (`herald import` or `herald
//! user` while `herald serve` runs). SQLite's `PRAGMA data_version` on a
//! connection changes when any *other* connection commits; read on the writer
//! connection, whose own commits already bump the generation, it tells exactly
//! the foreign ones.
//!
//! A thread reads it every [`INTERVAL`], so a page cache may serve a page up
//! to that long after another process changed it (this process's own writes
//! are seen at once). The first reading is taken by the first call to
//! `content_generation` (only a serving process asks; commands never pay for
//! the thread), which then starts the thread; it ends soon after the store is
//! dropped.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::Inner;

/// How often the file is checked: the longest a foreign commit goes unseen.
pub(crate) const INTERVAL: Duration = Duration::from_millis(250);

/// Take the first reading here (so the generation is known as soon as this
/// returns) and start the watcher thread of `inner` from it.
pub(super) fn start(inner: &Arc<Inner>) {
    let first = check(inner, None);
    let weak = Arc::downgrade(inner);
    let spawned = std::thread::Builder::new()
        .name("herald-sqlite-watch".into())
        .spawn(move || run(&weak, first));
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot watch the database for other processes' writes");
        inner.generation.set_watching(false);
        inner.generation.start_failed();
    }
}

fn run(weak: &Weak<Inner>, mut last: Option<i64>) {
    loop {
        std::thread::sleep(INTERVAL);
        let Some(inner) = weak.upgrade() else {
            return;
        };
        last = check(&inner, last);
    }
}

/// One reading: bump when the version moved, and say whether it is known.
fn check(inner: &Inner, last: Option<i64>) -> Option<i64> {
    let version = inner.writer.lock().ok().and_then(|conn| {
        conn.query_row("PRAGMA data_version", [], |row| row.get::<_, i64>(0))
            .ok()
    });
    match (last, version) {
        (None, Some(_)) => inner.generation.set_watching(true),
        (Some(_), None) => {
            tracing::warn!("cannot read the database's data_version; page caching paused");
            inner.generation.set_watching(false);
        }
        (Some(before), Some(now)) if before != now => inner.generation.bump(),
        _ => {}
    }
    version
}
