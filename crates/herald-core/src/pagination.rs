//! Pagination. PLACEHOLDER: being implemented.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    pub current: u32,
    pub total_pages: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "page", rename_all = "lowercase")]
pub enum PageLink {
    Page(u32),
    Gap,
}

impl Pagination {
    pub fn new(current: u32, total_items: u64, per_page: u32) -> Self {
        let total_pages = total_items.div_ceil(u64::from(per_page.max(1))).max(1) as u32;
        Self { current, total_pages }
    }
    pub fn links(&self) -> Vec<PageLink> {
        (1..=self.total_pages).map(PageLink::Page).collect()
    }
    pub fn newer(&self) -> Option<u32> {
        (self.current > 1).then(|| self.current - 1)
    }
    pub fn older(&self) -> Option<u32> {
        (self.current < self.total_pages).then(|| self.current + 1)
    }
}

pub fn parse_page_number(s: &str) -> Option<u32> {
    s.parse().ok().filter(|n| *n >= 1)
}
