//! The demo site: "The Lantern Post", an invented independent newsroom of the
//! invented Tarrow Valley, in English, Persian and Arabic.
//!
//! Everything is built deterministically from hand-written text banks (one per
//! language, with parallel entries so that the same story can be told in all
//! three languages) and a small seeded pseudo-random generator. Times are all
//! relative to the `now` argument; the clock is never read.

mod assemble;
mod generate;
mod languages;
mod render;
mod seeds;
mod text_ar;
mod text_en;
mod text_fa;

#[cfg(test)]
mod tests;

use herald_core::calendar::{Calendar, Digits};
use herald_core::{Direction, SiteBundle, SiteSettings, Timestamp};

/// Number of invented towns.
pub(crate) const N_PLACES: usize = 8;
/// Number of story seeds (title + lead sentence).
pub(crate) const N_TITLES: usize = 48;
/// Subject areas; each top-level topic belongs to one.
pub(crate) const N_AREAS: usize = 6;
/// Body sentences per area.
pub(crate) const N_AREA_SENTENCES: usize = 10;
/// Body sentences that fit any story.
pub(crate) const N_GENERIC: usize = 20;
pub(crate) const N_HEADINGS: usize = 10;
pub(crate) const N_LIST_ITEMS: usize = 5;
pub(crate) const N_QUOTES: usize = 8;
pub(crate) const N_FOOTNOTES: usize = 4;
pub(crate) const N_TOPICS: usize = 13;
pub(crate) const N_TAGS: usize = 25;

/// A static page or a hand-written post.
pub(crate) struct Page {
    pub title: &'static str,
    pub body: &'static str,
}

/// All the text of one language section. The arrays are parallel across
/// languages: entry `i` means the same thing in every bank.
pub(crate) struct Bank {
    pub code: &'static str,
    pub name: &'static str,
    pub direction: Direction,
    pub calendar: Calendar,
    pub digits: Digits,
    pub date_format: &'static str,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub read_more: &'static str,
    /// Labels of the kinds news, photo-report, video, opinion.
    pub kind_labels: [&'static str; 4],
    pub places: [&'static str; N_PLACES],
    /// Title and lead sentence; `{p}` stands for the town.
    pub titles: [(&'static str, &'static str); N_TITLES],
    pub area_sentences: [[&'static str; N_AREA_SENTENCES]; N_AREAS],
    pub generic: [&'static str; N_GENERIC],
    pub headings: [&'static str; N_HEADINGS],
    /// Per area: the sentence that introduces a list, and the items.
    pub lists: [(&'static str, [&'static str; N_LIST_ITEMS]); N_AREAS],
    /// Quotation (with its quotation marks) and who said it.
    pub quotes: [(&'static str, &'static str); N_QUOTES],
    pub footnotes: [&'static str; N_FOOTNOTES],
    /// Manual excerpts, two per area.
    pub deks: [[&'static str; 2]; N_AREAS],
    /// Introduction and the three column headers of the participation table.
    pub table: [&'static str; 4],
    /// How a rise and a fall of `{n}` percent are written.
    pub change: (&'static str, &'static str),
    /// Label before a link to an earlier post.
    pub read_also: &'static str,
    /// Topic name and description.
    pub topics: [(&'static str, &'static str); N_TOPICS],
    pub tags: [&'static str; N_TAGS],
    /// The sticky welcome post, in all three languages.
    pub welcome: Page,
    pub about: Page,
    pub team: Page,
    pub contact: Page,
    pub support: Page,
}

/// The three language sections, in switcher order.
pub(crate) static BANKS: [&Bank; 3] = [&text_en::BANK, &text_fa::BANK, &text_ar::BANK];

/// The site's time zone; publish hours are chosen in it.
pub(crate) const TIME_ZONE: &str = "Asia/Tehran";
/// Its offset from UTC in seconds (no daylight saving time since 2022).
pub(crate) const TZ_OFFSET: i64 = 3 * 3600 + 30 * 60;

/// The whole demo site, deterministic for a given `now`.
pub fn demo_bundle(now: Timestamp) -> SiteBundle {
    let mut posts = languages::pages(now);
    let first_post_id = posts.iter().map(|p| p.id).max().unwrap_or(0) + 1;
    posts.extend(generate::posts(now, first_post_id));
    SiteBundle {
        settings: Some(SiteSettings {
            default_language: "en".into(),
            time_zone: TIME_ZONE.into(),
        }),
        languages: languages::languages(),
        kinds: languages::kinds(),
        users: languages::users(),
        terms: languages::terms(),
        posts,
        ..SiteBundle::default()
    }
}

/// A URL slug by the site's rule: lowercase, letters and digits of any script
/// kept (ZWNJ inside Persian words too), every other run of characters becomes one
/// `-`, no `-` at either end, at most [`herald_core::slug::MAX_SLUG_BYTES`].
pub(crate) fn slug(text: &str) -> String {
    herald_core::slug::slugify(text)
}

/// `n` written with the digits of a language.
pub(crate) fn digits(n: u32, style: Digits) -> String {
    herald_core::calendar::localise_digits(&n.to_string(), style)
}
