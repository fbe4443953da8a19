//! Slugs. PLACEHOLDER: being implemented.

pub const MAX_SLUG_BYTES: usize = 200;

pub fn slugify(input: &str) -> String {
    input.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}
