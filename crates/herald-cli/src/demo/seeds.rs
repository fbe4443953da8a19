//! The seeded generator and the language-independent facts behind the story
//! seeds: each title's topic, tags and kind, and who writes in which section.

use herald_core::{POST_KIND, UserId};

use super::N_TITLES;
use super::languages::{DANIEL, MARYAM, NADIA, REZA, SARA};

pub(crate) const SEED: u64 = 0x4c61_6e74_6572_6e21;

/// xorshift64*: small, fast and the same everywhere.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.next() >> 11) % n as u64) as usize
    }

    /// A number in `lo..hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo).max(1) as usize) as i64
    }

    /// True `num` times in `den`.
    pub(crate) fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    Post,
    News,
    Photo,
    Video,
    Opinion,
}

impl K {
    pub(crate) fn slug(self) -> &'static str {
        match self {
            K::Post => POST_KIND,
            K::News => "news",
            K::Photo => "photo-report",
            K::Video => "video",
            K::Opinion => "opinion",
        }
    }
}

/// What a title is about: its topic, its natural tags and its kind.
pub(crate) struct Seed(pub usize, pub &'static [usize], pub K);

#[rustfmt::skip]
pub(crate) const SEEDS: [Seed; N_TITLES] = [
    Seed(1, &[0], K::News), Seed(1, &[0, 7, 17], K::Post), Seed(1, &[1], K::News),
    Seed(2, &[1, 11], K::Post), Seed(2, &[13, 17], K::News), Seed(2, &[22, 18], K::Opinion),
    Seed(3, &[21], K::News), Seed(3, &[7], K::Photo), Seed(3, &[], K::Post),
    Seed(0, &[0, 2, 7], K::Photo), Seed(0, &[2], K::News), Seed(0, &[22, 18, 5], K::Post),
    Seed(5, &[5, 6], K::News), Seed(5, &[16, 5], K::Post), Seed(5, &[5, 16], K::Video),
    Seed(5, &[3, 5], K::Post), Seed(6, &[23], K::News), Seed(6, &[23, 18], K::Post),
    Seed(6, &[23], K::News), Seed(7, &[19], K::News), Seed(7, &[19], K::Post),
    Seed(7, &[10], K::Opinion), Seed(4, &[7, 18], K::Photo), Seed(4, &[7], K::News),
    Seed(8, &[11, 10], K::News), Seed(8, &[10, 19], K::Post), Seed(8, &[2, 7, 10], K::Post),
    Seed(8, &[9, 8], K::Post), Seed(8, &[12, 10], K::News), Seed(9, &[20], K::News),
    Seed(9, &[1, 24], K::Post), Seed(9, &[20], K::Video), Seed(9, &[24, 0], K::Post),
    Seed(9, &[16, 5], K::News), Seed(11, &[6, 20], K::Post), Seed(11, &[15, 6], K::News),
    Seed(10, &[15, 14], K::Photo), Seed(10, &[14], K::News), Seed(10, &[16, 15], K::Video),
    Seed(12, &[8, 17, 9], K::News), Seed(12, &[9, 8], K::Post), Seed(12, &[8], K::Opinion),
    Seed(12, &[4, 23], K::News), Seed(12, &[3, 4], K::Post), Seed(0, &[2, 17], K::News),
    Seed(1, &[0, 14], K::Video), Seed(3, &[21, 22], K::Opinion), Seed(0, &[13, 4], K::News),
];

/// Per area: a related topic sometimes added as a second topic, and tags that fit.
pub(crate) const RELATED_TOPIC: [usize; 6] = [9, 12, 12, 0, 4, 4];
pub(crate) const AREA_TAGS: [&[usize]; 6] = [
    &[0, 1, 2, 13, 21, 22],
    &[5, 6, 7, 16, 18, 23],
    &[9, 10, 11, 12, 19],
    &[5, 17, 20, 24],
    &[6, 14, 15, 16],
    &[3, 4, 8, 9, 17],
];

/// Generic sentences that only ever end a story.
pub(crate) const CLOSERS: [usize; 2] = [9, 19];

/// Per area: the people whose quotations fit its stories.
pub(crate) const AREA_QUOTES: [&[usize]; 6] = [
    &[0, 1, 2],
    &[0, 2, 4, 5],
    &[2, 3, 5],
    &[0, 1, 4],
    &[0, 6, 7],
    &[0, 2, 5],
];

/// Who writes in each language section (repeated names write more often).
pub(crate) const AUTHORS: [&[UserId]; 3] = [
    &[MARYAM, DANIEL, NADIA, DANIEL, MARYAM, NADIA, REZA],
    &[MARYAM, REZA, REZA, NADIA, MARYAM],
    &[SARA, SARA, DANIEL, NADIA, SARA],
];
