//! Pagination of archive pages (`/fa/page/3/`, `/en/topic/economy/page/2/`).
//!
//! Page numbers come straight from URLs, so [`parse_page_number`] accepts only
//! one canonical spelling of each number: `/page/02/`, `/page/+2/` or a
//! twenty-digit page are not found rather than duplicates or overflows. The
//! numbered links show the first and last page, the current page and two on
//! each side, and a gap where pages are left out, so the row stays short on a
//! phone even for an archive of thousands of pages.

use serde::Serialize;

/// The largest page number a URL may ask for.
pub const MAX_PAGE: u32 = 1_000_000;

/// How many pages are shown on each side of the current one.
const WINDOW: u32 = 2;

/// Where a listing is: page `current` of `total_pages` (at least 1).
///
/// `current` is kept as given, even past the last page, so the caller can
/// answer "not found" for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    pub current: u32,
    pub total_pages: u32,
}

/// One item of the numbered page links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "page", rename_all = "lowercase")]
pub enum PageLink {
    Page(u32),
    /// Pages left out ("…").
    Gap,
}

impl Pagination {
    /// Page `current` of a listing of `total_items` items, `per_page` a page
    /// (0 counts as 1). An empty listing still has one (empty) page.
    ///
    /// # Examples
    ///
    /// ```
    /// use herald_core::pagination::Pagination;
    ///
    /// assert_eq!(Pagination::new(2, 95, 10).total_pages, 10);
    /// assert_eq!(Pagination::new(1, 0, 10).total_pages, 1);
    /// ```
    pub fn new(current: u32, total_items: u64, per_page: u32) -> Self {
        let pages = total_items.div_ceil(u64::from(per_page.max(1))).max(1);
        let total_pages = u32::try_from(pages).unwrap_or(u32::MAX);
        Self {
            current,
            total_pages,
        }
    }

    /// The numbered links: always the first and the last page, the current
    /// page and two on each side, and [`PageLink::Gap`] where pages are left
    /// out. A gap that would hide a single page is shown as that page instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use herald_core::pagination::{PageLink::{Gap, Page}, Pagination};
    ///
    /// let links = Pagination { current: 10, total_pages: 50 }.links();
    /// assert_eq!(links, [Page(1), Gap, Page(8), Page(9), Page(10), Page(11), Page(12), Gap, Page(50)]);
    /// ```
    pub fn links(&self) -> Vec<PageLink> {
        let last = self.total_pages.max(1);
        let current = self.current.clamp(1, last);
        let from = current.saturating_sub(WINDOW).max(1);
        let to = current.saturating_add(WINDOW).min(last);
        // First, gap, five around the current page, gap, last.
        let mut links = Vec::with_capacity(9);
        links.push(PageLink::Page(1));
        push_gap_or_page(&mut links, 1, from);
        links.extend((from.max(2)..=to).map(PageLink::Page));
        push_gap_or_page(&mut links, to, last);
        if to < last {
            links.push(PageLink::Page(last));
        }
        links
    }

    /// The page of newer posts (`current − 1`), if the current page is past the first.
    pub fn newer(&self) -> Option<u32> {
        let previous = self.current.checked_sub(1)?;
        (self.in_range() && previous >= 1).then_some(previous)
    }

    /// The page of older posts (`current + 1`), if the current page is before the last.
    pub fn older(&self) -> Option<u32> {
        let next = self.current.checked_add(1)?;
        (self.in_range() && next <= self.total_pages).then_some(next)
    }

    /// Whether `current` is one of the pages.
    fn in_range(&self) -> bool {
        (1..=self.total_pages).contains(&self.current)
    }
}

/// Between shown pages `before` and `after`: nothing if they are adjacent, the
/// one page if a single page lies between, a gap otherwise.
fn push_gap_or_page(links: &mut Vec<PageLink>, before: u32, after: u32) {
    match after.saturating_sub(before) {
        0 | 1 => {}
        2 => links.push(PageLink::Page(before + 1)),
        _ => links.push(PageLink::Gap),
    }
}

/// A page number from a URL: plain ASCII decimal, no sign, no leading zero,
/// 1 to [`MAX_PAGE`]. Anything else is `None` (and the page is not found).
///
/// # Examples
///
/// ```
/// use herald_core::pagination::parse_page_number;
///
/// assert_eq!(parse_page_number("3"), Some(3));
/// assert_eq!(parse_page_number("03"), None);
/// assert_eq!(parse_page_number("0"), None);
/// assert_eq!(parse_page_number("+3"), None);
/// assert_eq!(parse_page_number("۳"), None);
/// ```
pub fn parse_page_number(s: &str) -> Option<u32> {
    let canonical = !s.is_empty()
        && s.len() <= 7
        && !s.starts_with('0')
        && s.bytes().all(|b| b.is_ascii_digit());
    if !canonical {
        return None;
    }
    s.parse().ok().filter(|&n| (1..=MAX_PAGE).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::PageLink::{Gap, Page};
    use super::*;

    fn links(current: u32, total_pages: u32) -> Vec<PageLink> {
        Pagination {
            current,
            total_pages,
        }
        .links()
    }

    #[test]
    fn total_pages() {
        assert_eq!(Pagination::new(1, 0, 10).total_pages, 1);
        assert_eq!(Pagination::new(1, 10, 10).total_pages, 1);
        assert_eq!(Pagination::new(1, 11, 10).total_pages, 2);
        assert_eq!(Pagination::new(1, 5, 0).total_pages, 5);
        assert_eq!(Pagination::new(1, u64::MAX, 1).total_pages, u32::MAX);
        assert_eq!(Pagination::new(7, 5, 10).current, 7);
    }

    #[test]
    fn window_in_the_middle() {
        assert_eq!(
            links(10, 50),
            [
                Page(1),
                Gap,
                Page(8),
                Page(9),
                Page(10),
                Page(11),
                Page(12),
                Gap,
                Page(50)
            ]
        );
    }

    #[test]
    fn window_at_the_edges() {
        assert_eq!(links(1, 50), [Page(1), Page(2), Page(3), Gap, Page(50)]);
        assert_eq!(links(50, 50), [Page(1), Gap, Page(48), Page(49), Page(50)]);
        assert_eq!(
            links(3, 50),
            [Page(1), Page(2), Page(3), Page(4), Page(5), Gap, Page(50)]
        );
    }

    #[test]
    fn a_gap_never_hides_a_single_page() {
        assert_eq!(
            links(5, 50),
            [
                Page(1),
                Page(2),
                Page(3),
                Page(4),
                Page(5),
                Page(6),
                Page(7),
                Gap,
                Page(50)
            ]
        );
        assert_eq!(links(4, 7), (1..=7).map(Page).collect::<Vec<_>>());
    }

    #[test]
    fn few_pages() {
        assert_eq!(links(1, 1), [Page(1)]);
        assert_eq!(links(1, 2), [Page(1), Page(2)]);
        assert_eq!(
            links(2, 10),
            [Page(1), Page(2), Page(3), Page(4), Gap, Page(10)]
        );
    }

    #[test]
    fn current_out_of_range_is_clamped_for_links() {
        assert_eq!(links(0, 3), [Page(1), Page(2), Page(3)]);
        assert_eq!(links(99, 10), [Page(1), Gap, Page(8), Page(9), Page(10)]);
        assert_eq!(links(1, 0), [Page(1)]);
    }

    #[test]
    fn huge_page_counts_do_not_overflow() {
        let last = u32::MAX;
        assert_eq!(
            links(last, last),
            [Page(1), Gap, Page(last - 2), Page(last - 1), Page(last)]
        );
    }

    #[test]
    fn newer_and_older() {
        let p = Pagination {
            current: 1,
            total_pages: 3,
        };
        assert_eq!((p.newer(), p.older()), (None, Some(2)));
        let p = Pagination {
            current: 2,
            total_pages: 3,
        };
        assert_eq!((p.newer(), p.older()), (Some(1), Some(3)));
        let p = Pagination {
            current: 3,
            total_pages: 3,
        };
        assert_eq!((p.newer(), p.older()), (Some(2), None));
        let p = Pagination {
            current: 4,
            total_pages: 3,
        };
        assert_eq!((p.newer(), p.older()), (None, None));
        let p = Pagination {
            current: 0,
            total_pages: 3,
        };
        assert_eq!((p.newer(), p.older()), (None, None));
        let p = Pagination {
            current: u32::MAX,
            total_pages: u32::MAX,
        };
        assert_eq!((p.newer(), p.older()), (Some(u32::MAX - 1), None));
    }

    #[test]
    fn page_numbers() {
        assert_eq!(parse_page_number("1"), Some(1));
        assert_eq!(parse_page_number("42"), Some(42));
        assert_eq!(parse_page_number("1000000"), Some(MAX_PAGE));
        for bad in [
            "",
            "0",
            "00",
            "01",
            "-1",
            "+2",
            "abc",
            "1e3",
            "1.0",
            " 1",
            "1 ",
            "1000001",
            "99999999999999999999",
            "١",
            "２",
        ] {
            assert_eq!(parse_page_number(bad), None, "{bad:?}");
        }
    }
}
