//! The content generation behind [`herald_core::Store::content_generation`]:
//! a counter each backend bumps after committing a write that may change a
//! public page, and when its watch on other processes tells it someone else
//! did (SQLite's `PRAGMA data_version`, PostgreSQL's LISTEN/NOTIFY).
//!
//! While the watch on other processes is not established (not yet started, or
//! its connection dropped) the generation is unknown and reads as `None`, so
//! no page cache serves anything it could not vouch for. Re-establishing the
//! watch bumps the counter: changes made while nobody listened are assumed.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A content generation shared by a store and its watcher.
#[derive(Debug, Default)]
pub(crate) struct Generation {
    value: AtomicU64,
    watching: AtomicBool,
    /// Whether a watcher was started (they start on first use).
    started: AtomicBool,
}

impl Generation {
    /// Something may have changed: drop whatever was filled before.
    pub(crate) fn bump(&self) {
        self.value.fetch_add(1, Ordering::SeqCst);
    }

    /// The current generation, `None` while other processes are not watched.
    pub(crate) fn current(&self) -> Option<u64> {
        self.watching
            .load(Ordering::SeqCst)
            .then(|| self.value.load(Ordering::SeqCst))
    }

    /// The watch on other processes is (re-)established or lost. Either way the
    /// counter moves on, so nothing filled before counts as current.
    pub(crate) fn set_watching(&self, watching: bool) {
        if watching {
            self.bump();
            self.watching.store(true, Ordering::SeqCst);
        } else {
            self.watching.store(false, Ordering::SeqCst);
            self.bump();
        }
    }

    /// True the first time it is called: the caller starts the watcher.
    pub(crate) fn start_once(&self) -> bool {
        // A plain load first: this runs on every request, and a swap would
        // write the shared cache line each time.
        !self.started.load(Ordering::Acquire) && !self.started.swap(true, Ordering::SeqCst)
    }

    /// The watcher could not start: let a later call try again.
    pub(crate) fn start_failed(&self) {
        self.started.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_until_watched_and_bumped_on_every_change_of_watch() {
        let g = Generation::default();
        assert_eq!(g.current(), None);
        g.set_watching(true);
        let first = g.current().unwrap();
        g.bump();
        assert_eq!(g.current(), Some(first + 1));
        g.set_watching(false);
        assert_eq!(g.current(), None);
        g.set_watching(true);
        assert!(g.current().unwrap() > first + 1);
        assert!(g.start_once());
        assert!(!g.start_once());
        g.start_failed();
        assert!(g.start_once());
    }
}
