//! Pagination properties: page numbers have one spelling, and the link row is
//! short, ordered and always reaches both ends.

use herald_core::pagination::{MAX_PAGE, PageLink, Pagination, parse_page_number};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn canonical_numbers_parse(n in 1u32..=MAX_PAGE) {
        prop_assert_eq!(parse_page_number(&n.to_string()), Some(n));
    }

    #[test]
    fn numbers_past_the_limit_do_not(n in (MAX_PAGE + 1)..=u32::MAX) {
        prop_assert_eq!(parse_page_number(&n.to_string()), None);
    }

    #[test]
    fn only_the_canonical_spelling_parses(s in "[-+0-9a-z. ]{0,12}|\\PC{0,12}") {
        if let Some(n) = parse_page_number(&s) {
            prop_assert_eq!(n.to_string(), s);
        }
    }

    #[test]
    fn links_are_ordered_and_complete(total_pages in 1u32..500, current in 0u32..520) {
        let pagination = Pagination { current, total_pages };
        let links = pagination.links();
        prop_assert!(links.len() <= 9, "{links:?}");
        prop_assert_eq!(links.first(), Some(&PageLink::Page(1)));
        prop_assert_eq!(links.last(), Some(&PageLink::Page(total_pages)));
        let shown = current.clamp(1, total_pages);
        prop_assert!(links.contains(&PageLink::Page(shown)));
        for pair in links.windows(2) {
            match pair {
                [PageLink::Page(a), PageLink::Page(b)] => prop_assert_eq!(a + 1, *b),
                [PageLink::Gap, PageLink::Gap] => prop_assert!(false, "two gaps: {links:?}"),
                _ => {}
            }
        }
        for triple in links.windows(3) {
            if let [PageLink::Page(a), PageLink::Gap, PageLink::Page(b)] = triple {
                prop_assert!(b - a > 2, "gap hides one page: {links:?}");
            }
        }
        for near in shown.saturating_sub(2).max(1)..=shown.saturating_add(2).min(total_pages) {
            prop_assert!(links.contains(&PageLink::Page(near)), "{near} missing: {links:?}");
        }
    }

    #[test]
    fn newer_and_older_stay_in_bounds(total_items in 0u64..10_000, per_page in 0u32..50, current in 0u32..1_000) {
        let pagination = Pagination::new(current, total_items, per_page);
        prop_assert!(pagination.total_pages >= 1);
        if let Some(newer) = pagination.newer() {
            prop_assert_eq!(newer + 1, current);
            prop_assert!(newer >= 1);
        }
        if let Some(older) = pagination.older() {
            prop_assert_eq!(older, current + 1);
            prop_assert!(older <= pagination.total_pages);
        }
    }
}
