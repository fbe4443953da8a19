//! The pages kept, bounded in bytes, evicted by CLOCK with a small use count
//! (an approximation of least-recently *and* least-frequently used that costs
//! a hit one relaxed atomic store under a shared lock, where an exact LRU list
//! would need the exclusive lock on every hit).
//!
//! Each entry has a use count from 0 to [`MAX_USES`]: a hit raises it, the
//! clock hand passing over it lowers it, and the hand evicts the first entry
//! it finds at 0. A new entry starts at 0, so a stream of pages seen once or
//! twice cycles through the cold end while pages read often stay.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// The highest use count: a page unused for this many sweeps of the hand goes.
const MAX_USES: u8 = 3;

/// What each entry costs beyond its key and value, counted in its weight: the
/// slot, the index's share, the key's and value's allocation headers.
pub(crate) const ENTRY_OVERHEAD: usize = 128;

struct Slot<V> {
    key: Arc<str>,
    value: Arc<V>,
    weight: usize,
    uses: AtomicU8,
}

/// Entries of a bounded cache; see the module documentation.
pub(crate) struct Entries<V> {
    index: HashMap<Arc<str>, usize>,
    slots: Vec<Option<Slot<V>>>,
    free: Vec<usize>,
    hand: usize,
    bytes: usize,
    capacity: usize,
}

impl<V> Entries<V> {
    /// An empty cache holding at most `capacity` bytes.
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            index: HashMap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            hand: 0,
            bytes: 0,
            capacity,
        }
    }

    /// The largest single entry admitted: a quarter of the capacity, so one
    /// huge page never empties the cache.
    pub(crate) fn max_entry(&self) -> usize {
        self.capacity / 4
    }

    /// Bytes held (keys, values and overheads, as weighed on insertion).
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The value under `key`, counted as a use.
    pub(crate) fn get(&self, key: &str) -> Option<&Arc<V>> {
        let slot = self.slots.get(*self.index.get(key)?)?.as_ref()?;
        let uses = slot.uses.load(Ordering::Relaxed);
        if uses < MAX_USES {
            slot.uses.store(uses + 1, Ordering::Relaxed);
        }
        Some(&slot.value)
    }

    /// Keep `value` under `key`, weighing `weight` bytes besides the key and
    /// [`ENTRY_OVERHEAD`], evicting what it takes to stay in bounds. Returns
    /// false (keeping nothing) when the entry alone is over [`Self::max_entry`].
    pub(crate) fn insert(&mut self, key: &str, value: Arc<V>, weight: usize) -> bool {
        let weight = weight + key.len() + ENTRY_OVERHEAD;
        if weight > self.max_entry() {
            return false;
        }
        self.remove(key);
        while self.bytes + weight > self.capacity && !self.index.is_empty() {
            self.evict_one();
        }
        let key: Arc<str> = Arc::from(key);
        let slot = Slot {
            key: Arc::clone(&key),
            value,
            weight,
            uses: AtomicU8::new(0),
        };
        let at = match self.free.pop() {
            Some(at) => {
                self.slots[at] = Some(slot);
                at
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() - 1
            }
        };
        self.index.insert(key, at);
        self.bytes += weight;
        true
    }

    /// Forget every entry.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.slots.clear();
        self.free.clear();
        self.hand = 0;
        self.bytes = 0;
    }

    fn remove(&mut self, key: &str) {
        if let Some(at) = self.index.remove(key)
            && let Some(slot) = self.slots.get_mut(at).and_then(Option::take)
        {
            self.bytes -= slot.weight;
            self.free.push(at);
        }
    }

    /// Move the hand until it finds an entry unused since its last pass, and
    /// evict it. Ends within `MAX_USES + 1` turns of the clock.
    fn evict_one(&mut self) {
        loop {
            if self.hand >= self.slots.len() {
                self.hand = 0;
            }
            let at = self.hand;
            self.hand += 1;
            let Some(slot) = self.slots.get(at).and_then(Option::as_ref) else {
                continue;
            };
            let uses = slot.uses.load(Ordering::Relaxed);
            if uses > 0 {
                slot.uses.store(uses - 1, Ordering::Relaxed);
                continue;
            }
            let key = Arc::clone(&slot.key);
            self.remove(&key);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight_of(key: &str, value: usize) -> usize {
        key.len() + value + ENTRY_OVERHEAD
    }

    #[test]
    fn bytes_count_keys_values_and_overhead() {
        let mut cache = Entries::new(10_000);
        assert!(cache.insert("/en/", Arc::new(()), 100));
        assert_eq!(cache.bytes(), weight_of("/en/", 100));
        assert!(cache.insert("/en/", Arc::new(()), 300), "replaced");
        assert_eq!(cache.bytes(), weight_of("/en/", 300));
        assert!(cache.insert("/fa/", Arc::new(()), 50));
        assert_eq!(
            cache.bytes(),
            weight_of("/en/", 300) + weight_of("/fa/", 50)
        );
        assert_eq!(cache.len(), 2);
        cache.clear();
        assert_eq!((cache.bytes(), cache.len()), (0, 0));
        assert!(cache.get("/en/").is_none());
    }

    #[test]
    fn an_entry_over_a_quarter_of_the_capacity_is_refused() {
        let mut cache: Entries<()> = Entries::new(4_000);
        assert!(!cache.insert("/big/", Arc::new(()), 1_000));
        assert_eq!(cache.len(), 0);
        assert!(cache.insert("/small/", Arc::new(()), 500));
    }

    #[test]
    fn never_over_capacity_and_used_pages_stay() {
        let capacity = 20 * weight_of("/k/00000", 100);
        let mut cache = Entries::new(capacity);
        cache.insert("/popular/", Arc::new(0_u32), 100);
        for i in 0..10_000_u32 {
            let key = format!("/k/{i:05}");
            cache.insert(&key, Arc::new(i), 100);
            assert!(cache.bytes() <= capacity, "over after {i}");
            assert!(cache.get("/popular/").is_some(), "evicted after {i}");
        }
        assert!(cache.len() <= 20);
        assert!(cache.get("/k/09999").is_some(), "the newest is there");
        assert!(cache.get("/k/00000").is_none(), "the oldest went");
    }

    #[test]
    fn unused_pages_go_first() {
        let capacity = 4 * weight_of("/a", 10);
        let mut cache = Entries::new(capacity);
        for key in ["/a", "/b", "/c", "/d"] {
            assert!(cache.insert(key, Arc::new(()), 10));
        }
        for key in ["/a", "/c", "/d"] {
            cache.get(key);
        }
        cache.insert("/e", Arc::new(()), 10);
        assert!(cache.get("/b").is_none(), "the unused one was evicted");
        for key in ["/a", "/c", "/d", "/e"] {
            assert!(cache.get(key).is_some(), "{key}");
        }
    }
}
