//! Randomness as a port. Session ids and CSRF tokens come from a
//! [`RandomSource`] handed in at start-up, like the [`crate::Clock`]: the
//! binary passes the operating system's generator, tests a [`SeededRandom`]
//! that gives the same bytes on every run.

use std::sync::atomic::{AtomicU64, Ordering};

/// A source of random bytes.
pub trait RandomSource: Send + Sync + 'static {
    /// Fill `buf` with random bytes. Real implementations must be
    /// cryptographically secure: these bytes become session ids.
    fn fill(&self, buf: &mut [u8]);
}

/// A deterministic source (SplitMix64 over a counter), for tests and samples;
/// never for real secrets.
#[derive(Debug, Default)]
pub struct SeededRandom(AtomicU64);

impl SeededRandom {
    /// A source starting from `seed`; different seeds give different streams.
    pub fn new(seed: u64) -> Self {
        Self(AtomicU64::new(seed))
    }

    fn next(&self) -> u64 {
        let mut z = self
            .0
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::SeqCst)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl RandomSource for SeededRandom {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_streams_repeat_and_differ() {
        let (a, b, c) = (
            SeededRandom::new(1),
            SeededRandom::new(1),
            SeededRandom::new(2),
        );
        let (mut x, mut y, mut z) = ([0u8; 13], [0u8; 13], [0u8; 13]);
        a.fill(&mut x);
        b.fill(&mut y);
        c.fill(&mut z);
        assert_eq!(x, y);
        assert_ne!(x, z);
        let mut next = [0u8; 13];
        a.fill(&mut next);
        assert_ne!(x, next);
    }
}
