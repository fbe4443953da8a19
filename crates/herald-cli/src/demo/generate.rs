//! The ordinary posts: story plans drawn with a seeded generator, spread over
//! the seven months before `now`, given ids in publication order and rendered
//! in their languages.

use std::collections::BTreeSet;

use herald_core::{POST_KIND, Post, PostId, Status, Timestamp, UserId};

use super::assemble::{Plan, Story, finish};
use super::languages::{LINA, MARYAM, TOPIC_AREA};
use super::render::{Block, Sentence, Spec};
use super::seeds::{AREA_QUOTES, AREA_TAGS, AUTHORS, CLOSERS, K, RELATED_TOPIC, Rng, SEED, SEEDS};
use super::{
    BANKS, N_AREA_SENTENCES, N_FOOTNOTES, N_GENERIC, N_HEADINGS, N_LIST_ITEMS, N_PLACES, N_TITLES,
    TZ_OFFSET,
};

/// Ordinary posts per language section (pages not counted).
pub(crate) const POSTS_PER_LANGUAGE: usize = 100;
/// Stories told in all three languages (group 1 is the welcome post).
pub(crate) const TRILINGUAL_GROUPS: i64 = 25;
/// Language pairs of the stories told in two languages.
const BILINGUAL: [[usize; 2]; 10] = [
    [0, 1],
    [0, 1],
    [0, 1],
    [0, 1],
    [0, 2],
    [0, 2],
    [0, 2],
    [1, 2],
    [1, 2],
    [1, 2],
];

const DAY: i64 = 86_400;

struct Gen {
    rng: Rng,
    now: Timestamp,
    /// Midnight of today in the site's time zone.
    midnight: Timestamp,
    combos: BTreeSet<(usize, usize)>,
    deck: Vec<usize>,
    times: BTreeSet<Timestamp>,
    plans: Vec<Plan>,
    /// Bodies planned so far; every 6th gets a "more" marker, every 8th a
    /// manual excerpt.
    specs: usize,
}

/// The ordinary posts of every language, with ids from `first_id` on.
pub(crate) fn posts(now: Timestamp, first_id: PostId) -> Vec<Post> {
    let mut g = Gen {
        rng: Rng::new(SEED),
        now,
        midnight: (now + TZ_OFFSET).div_euclid(DAY) * DAY - TZ_OFFSET,
        combos: BTreeSet::new(),
        deck: Vec::new(),
        times: BTreeSet::new(),
        plans: Vec::new(),
        specs: 0,
    };
    g.welcome();
    for group in 2..=TRILINGUAL_GROUPS {
        g.group(group, &[0, 1, 2], group == 2);
    }
    for (i, langs) in BILINGUAL.iter().enumerate() {
        g.group(TRILINGUAL_GROUPS + 1 + i as i64, langs, false);
    }
    for lang in 0..BANKS.len() {
        let have = g.plans.iter().filter(|p| p.lang == lang).count();
        for k in 0..POSTS_PER_LANGUAGE.saturating_sub(have) {
            g.single(lang, k);
        }
    }
    g.plans.sort_by_key(|p| (p.publish_at, p.lang));
    finish(g.plans, now, first_id)
}

impl Gen {
    /// A title and town not used yet anywhere, going through the titles evenly.
    fn combo(&mut self) -> (usize, usize) {
        loop {
            if self.deck.is_empty() {
                self.deck = (0..N_TITLES).collect();
                self.rng.shuffle(&mut self.deck);
            }
            let title = self.deck.pop().unwrap_or(0);
            let start = self.rng.below(N_PLACES);
            for i in 0..N_PLACES {
                let place = (start + i) % N_PLACES;
                if self.combos.insert((title, place)) {
                    return (title, place);
                }
            }
        }
    }

    /// A distinct instant between `min_days` and `max_days` days ago, at a
    /// working hour of the site's time zone, before `now`.
    fn past(&mut self, min_days: i64, max_days: i64) -> Timestamp {
        loop {
            let day = self.rng.range(min_days, max_days);
            let mut t = self.midnight - day * DAY
                + self.rng.range(7, 23) * 3600
                + self.rng.range(0, 60) * 60;
            while t >= self.now {
                t -= DAY;
            }
            if self.times.insert(t) {
                return t;
            }
        }
    }

    /// A distinct instant `min_days..max_days` days from today, after `now`.
    fn future(&mut self, min_days: i64, max_days: i64) -> Timestamp {
        loop {
            let day = self.rng.range(min_days.max(1), max_days);
            let t = self.midnight
                + day * DAY
                + self.rng.range(7, 23) * 3600
                + self.rng.range(0, 60) * 60;
            if t > self.now && self.times.insert(t) {
                return t;
            }
        }
    }

    /// A distinct instant some minutes after `base` (or before it, when that
    /// would be in the future or at night).
    fn near(&mut self, base: Timestamp, min_minutes: i64, max_minutes: i64) -> Timestamp {
        for _ in 0..64 {
            let offset = self.rng.range(min_minutes, max_minutes) * 60;
            for t in [base + offset, base - offset] {
                let hour = (t + TZ_OFFSET).rem_euclid(DAY) / 3600;
                if t < self.now && (7..23).contains(&hour) && self.times.insert(t) {
                    return t;
                }
            }
        }
        self.past(1, 178)
    }

    fn updated(&mut self, status: Status, publish_at: Timestamp) -> Timestamp {
        if matches!(status, Status::Scheduled) || !self.rng.chance(1, 4) {
            return publish_at;
        }
        (publish_at + self.rng.range(20, 4 * 24 * 60) * 60)
            .clamp(publish_at, self.now.max(publish_at))
    }

    fn author(&mut self, lang: usize, kind: K) -> UserId {
        if matches!(kind, K::Photo | K::Video) {
            return LINA;
        }
        let pool = AUTHORS[lang % AUTHORS.len()];
        pool[self.rng.below(pool.len())]
    }

    /// Topics and tags of a story about `title`.
    fn terms(&mut self, title: usize) -> (Vec<usize>, Vec<usize>) {
        let seed = &SEEDS[title];
        let area = TOPIC_AREA[seed.0];
        let mut topics = vec![seed.0];
        let related = RELATED_TOPIC[area];
        if TOPIC_AREA[related] != area && self.rng.chance(1, 5) {
            topics.push(related);
        }
        let mut tags = seed.1.to_vec();
        if self.rng.chance(1, 3) {
            let pool = AREA_TAGS[area];
            let extra = pool[self.rng.below(pool.len())];
            if !tags.contains(&extra) {
                tags.push(extra);
            }
        }
        if self.rng.chance(1, 10) {
            tags.clear();
        }
        tags.truncate(4);
        (topics, tags)
    }

    /// The plan of a body: 3–7 paragraphs and now and then a heading, a list,
    /// a quotation, a table, a footnote, a "more" marker or a link.
    fn spec(&mut self, title: usize, place: usize, html: bool) -> Spec {
        let kind = SEEDS[title].2;
        let area = TOPIC_AREA[SEEDS[title].0];
        let n = match kind {
            K::Opinion => self.rng.range(4, 8),
            K::Photo | K::Video => self.rng.range(3, 5),
            K::Post | K::News => self.rng.range(3, 8),
        } as usize;
        let mut area_pool: Vec<usize> = (0..N_AREA_SENTENCES).collect();
        let mut generic_pool: Vec<usize> =
            (0..N_GENERIC).filter(|g| !CLOSERS.contains(g)).collect();
        self.rng.shuffle(&mut area_pool);
        self.rng.shuffle(&mut generic_pool);
        let mut paras: Vec<Vec<Sentence>> = Vec::new();
        let lead_len = if self.rng.chance(1, 2) { 2 } else { 1 };
        let mut lead = vec![Sentence::Lead];
        lead.extend(area_pool.drain(..lead_len).map(Sentence::Area));
        paras.push(lead);
        for _ in 1..n {
            let len = self.rng.range(2, 4);
            let mut para = Vec::new();
            for _ in 0..len {
                let from_area = self.rng.chance(11, 20) && !area_pool.is_empty();
                let sentence = if from_area {
                    area_pool.pop().map(Sentence::Area)
                } else {
                    match generic_pool.pop() {
                        Some(g) => Some(Sentence::Generic(g)),
                        None => area_pool.pop().map(Sentence::Area),
                    }
                };
                match sentence {
                    Some(sentence) => para.push(sentence),
                    None => break,
                }
            }
            paras.push(para);
        }

        if self.rng.chance(1, 2) {
            let closer = CLOSERS[self.rng.below(CLOSERS.len())];
            if let Some(last) = paras.last_mut() {
                last.push(Sentence::Generic(closer));
            }
        }

        // Extra blocks: (after paragraph, order among extras there, block).
        let mut extras: Vec<(usize, u8, Block)> = Vec::new();
        self.specs += 1;
        if self.specs % 6 == 2 {
            extras.push((self.rng.below(2), 0, Block::More));
        }
        if !html && matches!(kind, K::News | K::Post) && self.rng.chance(1, 12) {
            let mut places: Vec<usize> = (0..N_PLACES).filter(|&p| p != place).collect();
            self.rng.shuffle(&mut places);
            let row = |p: usize, rng: &mut Rng| {
                let change = rng.range(-15, 41) as i32;
                (
                    p,
                    rng.range(30, 480) as u32,
                    if change == 0 { 3 } else { change },
                )
            };
            let rows = [
                row(place, &mut self.rng),
                row(places[0], &mut self.rng),
                row(places[1], &mut self.rng),
            ];
            extras.push((self.rng.below(2), 1, Block::Table(rows)));
        }
        if self.rng.chance(1, 4) {
            let mut items: Vec<usize> = (0..N_LIST_ITEMS).collect();
            self.rng.shuffle(&mut items);
            items.truncate(self.rng.range(3, 5) as usize);
            extras.push((self.rng.range(1, n as i64) as usize, 2, Block::List(items)));
        }
        if self.rng.chance(3, 10) {
            let pool = AREA_QUOTES[area];
            let q = pool[self.rng.below(pool.len())];
            extras.push((self.rng.range(1, n as i64) as usize, 3, Block::Quote(q)));
        }
        if !html && self.rng.chance(1, 4) {
            let after = if self.rng.chance(2, 3) { n - 1 } else { n - 2 };
            extras.push((after, 4, Block::ReadAlso));
        }
        if n >= 4 && self.rng.chance(1, 2) {
            let mut headings: Vec<usize> = (0..N_HEADINGS).collect();
            self.rng.shuffle(&mut headings);
            let before = self.rng.range(2, n as i64) as usize;
            extras.push((before - 1, 9, Block::Heading(headings[0])));
            if n >= 6 && before < n - 2 && self.rng.chance(1, 2) {
                extras.push((n - 2, 9, Block::Heading(headings[1])));
            }
        }
        extras.sort_by_key(|(after, order, _)| (*after, *order));
        let mut blocks = Vec::new();
        let mut extras = extras.into_iter().peekable();
        for (i, para) in paras.into_iter().enumerate() {
            blocks.push(Block::Para(para));
            while let Some((_, _, block)) = extras.next_if(|(after, _, _)| *after == i) {
                blocks.push(block);
            }
        }
        let footnote = (!html && self.rng.chance(1, 14)).then(|| self.rng.below(N_FOOTNOTES));
        let dek = (self.specs % 8 == 5).then(|| self.rng.below(2));
        Spec {
            title,
            place,
            area,
            blocks,
            footnote,
            dek,
        }
    }

    /// The welcome post, sticky in every language.
    fn welcome(&mut self) {
        let base = self.past(180, 181);
        for lang in 0..BANKS.len() {
            let publish_at = if lang == 0 {
                base
            } else {
                self.near(base, 45 * lang as i64, 90 * lang as i64)
            };
            self.plans.push(Plan {
                lang,
                story: Story::Welcome,
                topics: vec![12],
                tags: Vec::new(),
                kind: POST_KIND,
                status: Status::Published,
                publish_at,
                updated_at: publish_at,
                sticky: true,
                comments_open: true,
                author: MARYAM,
                group: Some(1),
                html: false,
            });
        }
    }

    /// One story told in several languages.
    fn group(&mut self, group: i64, langs: &[usize], sticky: bool) {
        let (title, place) = self.combo();
        let spec = self.spec(title, place, false);
        let (topics, tags) = self.terms(title);
        let kind = SEEDS[title].2;
        let author = self.author(langs.first().copied().unwrap_or(0), kind);
        let comments_open = self.rng.chance(9, 10);
        let base = if sticky {
            self.past(1, 3)
        } else {
            self.past(3, 178)
        };
        for (i, &lang) in langs.iter().enumerate() {
            let publish_at = if i == 0 {
                base
            } else {
                self.near(base, 40 + 60 * i as i64, 240 + 200 * i as i64)
            };
            let updated_at = self.updated(Status::Published, publish_at);
            self.plans.push(Plan {
                lang,
                story: Story::Spec(spec.clone()),
                topics: topics.clone(),
                tags: tags.clone(),
                kind: kind.slug(),
                status: Status::Published,
                publish_at,
                updated_at,
                sticky,
                comments_open,
                author,
                group: Some(group),
                html: false,
            });
        }
    }

    /// The `k`-th story told only in `lang`. The first few are not public.
    fn single(&mut self, lang: usize, k: usize) {
        let status = match k {
            0 | 1 => Status::Draft,
            2 => Status::Pending,
            3 => Status::Private,
            4 | 5 => Status::Scheduled,
            _ => Status::Published,
        };
        let html = (6..11).contains(&k);
        let sticky = lang == 0 && k == 11;
        let (title, place) = self.combo();
        let spec = self.spec(title, place, html);
        let (topics, tags) = self.terms(title);
        let kind = SEEDS[title].2;
        let publish_at = match status {
            Status::Draft => self.past(0, 8),
            Status::Pending => self.past(0, 3),
            Status::Private => self.past(10, 150),
            Status::Scheduled => self.future(1, 6),
            _ if sticky => self.past(0, 6),
            _ => self.past(0, 178),
        };
        let updated_at = self.updated(status, publish_at);
        let author = self.author(lang, kind);
        let comments_open = self.rng.chance(9, 10);
        self.plans.push(Plan {
            lang,
            story: Story::Spec(spec),
            topics,
            tags,
            kind: kind.slug(),
            status,
            publish_at,
            updated_at,
            sticky,
            comments_open,
            author,
            group: None,
            html,
        });
    }
}
