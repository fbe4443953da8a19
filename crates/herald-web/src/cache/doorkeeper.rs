//! Admission on second sight: a page is kept only when its key was asked for
//! before (recently), so a flood of URLs each asked for once (random query
//! strings, a crawler walking the archive) passes by without filling or
//! evicting anything. A Bloom filter of fixed size remembers the keys seen;
//! it starts over after [`RESET_AFTER`] new keys so it never fills up.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Bits in the filter (128 KiB).
const BITS: usize = 1 << 20;
/// New keys remembered before the filter starts over: few enough that false
/// "seen before" answers stay under 1%.
const RESET_AFTER: usize = BITS / 16;

/// See the module documentation.
pub(crate) struct Doorkeeper {
    words: Vec<AtomicU64>,
    added: AtomicUsize,
}

impl Default for Doorkeeper {
    fn default() -> Self {
        Self {
            words: (0..BITS / 64).map(|_| AtomicU64::new(0)).collect(),
            added: AtomicUsize::new(0),
        }
    }
}

impl Doorkeeper {
    /// Whether `key` was seen since the last reset; remembers it either way.
    pub(crate) fn seen_before(&self, key: &str) -> bool {
        let hash = xxhash_rust::xxh3::xxh3_128(key.as_bytes());
        let mut seen = true;
        for shift in [0, 32, 64] {
            let bit = usize::try_from((hash >> shift) as u32).unwrap_or(0) % BITS;
            let mask = 1_u64 << (bit % 64);
            let old = self.words[bit / 64].fetch_or(mask, Ordering::Relaxed);
            seen &= old & mask != 0;
        }
        if !seen && self.added.fetch_add(1, Ordering::Relaxed) + 1 >= RESET_AFTER {
            self.reset();
        }
        seen
    }

    fn reset(&self) {
        self.added.store(0, Ordering::Relaxed);
        for word in &self.words {
            word.store(0, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_sight_admits() {
        let door = Doorkeeper::default();
        assert!(!door.seen_before("/en/"));
        assert!(door.seen_before("/en/"));
        assert!(!door.seen_before("/fa/"));
    }

    #[test]
    fn a_flood_of_new_keys_is_rarely_taken_for_known() {
        let door = Doorkeeper::default();
        let known = (0..100_000)
            .filter(|i| door.seen_before(&format!("/en/?x={i}")))
            .count();
        assert!(known < 1_000, "{known} false admissions");
    }
}
