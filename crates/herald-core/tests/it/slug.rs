//! Slug properties: total, idempotent, bounded, and tidy at the hyphens.

use herald_core::slug::{MAX_SLUG_BYTES, ZWNJ, is_valid_slug, slugify};
use proptest::prelude::*;

use crate::strategies::tricky_text;

fn check_slug(input: &str) -> Result<(), TestCaseError> {
    let slug = slugify(input);
    prop_assert!(slug.len() <= MAX_SLUG_BYTES, "{} bytes", slug.len());
    prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
    prop_assert!(!slug.contains("--"), "{slug:?}");
    prop_assert!(!slug.starts_with(ZWNJ) && !slug.ends_with(ZWNJ), "{slug:?}");
    prop_assert!(
        !slug.contains("-\u{200C}") && !slug.contains("\u{200C}-"),
        "{slug:?}"
    );
    prop_assert!(!slug.chars().any(char::is_whitespace), "{slug:?}");
    prop_assert!(!slug.chars().any(char::is_control), "{slug:?}");
    prop_assert_eq!(
        slugify(&slug),
        slug.clone(),
        "not idempotent for {:?}",
        input
    );
    prop_assert_eq!(is_valid_slug(&slug), !slug.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings(input in any::<String>()) {
        check_slug(&input)?;
    }

    #[test]
    fn tricky_strings(input in tricky_text(60)) {
        check_slug(&input)?;
    }

    #[test]
    fn long_strings_are_cut_cleanly(input in tricky_text(400)) {
        check_slug(&input)?;
    }

    #[test]
    fn letters_and_digits_survive(word in "[a-z0-9]{1,20}") {
        prop_assert_eq!(slugify(&word), word);
    }

    #[test]
    fn separators_collapse(a in "[a-z]{1,8}", b in "[a-z]{1,8}", gap in "[ .,!?_/\\-]{1,5}") {
        prop_assert_eq!(slugify(&format!("{a}{gap}{b}")), format!("{a}-{b}"));
    }
}

#[test]
fn persian_examples() {
    assert_eq!(slugify("می‌خواهم به تهران بروم!"), "می‌خواهم-به-تهران-بروم");
    assert_eq!(
        slugify("گزارش «ویژه» درباره‌ی اقتصاد ۱۴۰۵"),
        "گزارش-ویژه-درباره‌ی-اقتصاد-۱۴۰۵"
    );
    assert!(is_valid_slug("می‌خواهم-بروم"));
}

#[test]
fn arabic_examples() {
    assert_eq!(
        slugify("الرئيس يزور القاهرة، اليوم"),
        "الرئيس-يزور-القاهرة-اليوم"
    );
    assert_eq!(slugify("الـعـربـيـة"), "العربية");
}

#[test]
fn mixed_scripts() {
    assert_eq!(slugify("Iran (ایران) – 2026"), "iran-ایران-2026");
    assert_eq!(slugify("東京 Tokyo 🗼"), "東京-tokyo");
}
