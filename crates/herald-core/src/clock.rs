//! Time as a port. Every rule that depends on "now" (is this scheduled post
//! public yet? has this session expired?) asks a [`Clock`], so tests can move
//! time forward without sleeping and without restarting anything.

use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds since the Unix epoch, UTC. Stored as-is in every backend.
pub type Timestamp = i64;

/// The source of "now".
pub trait Clock: Send + Sync + 'static {
    /// The current instant in seconds since the Unix epoch (UTC).
    fn now(&self) -> Timestamp;
}

/// A clock that says what it is told; for tests and for reproducible builds.
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: Timestamp) -> Self {
        Self(AtomicI64::new(at))
    }

    /// Move the clock to `at`.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at, Ordering::SeqCst);
    }

    /// Move the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0.load(Ordering::SeqCst)
    }
}
