//! The editor's words for authors, parent pages, translations and pages.

/// The editor's words for authors, parent pages, translations and revisions.
#[derive(Debug)]
pub struct LinksText {
    pub author: &'static str,
    pub bad_author: &'static str,
    pub parent: &'static str,
    pub no_parent: &'static str,
    pub parent_hint: &'static str,
    pub bad_parent: &'static str,
    pub translations: &'static str,
    pub translation_of: &'static str,
    pub translation_hint: &'static str,
    pub bad_translation: &'static str,
    pub unlink: &'static str,
    pub tag_invalid: &'static str,
    pub page_kind: &'static str,
}

impl LinksText {
    pub const EN: Self = Self {
        author: "Author",
        bad_author: "Choose one of the site's users.",
        parent: "Parent page",
        no_parent: "None (a top-level page)",
        parent_hint: "Pages only: the page this one sits under.",
        bad_parent: "Choose one of the listed pages.",
        translations: "Published translations",
        translation_of: "Translation of post number",
        translation_hint: "The number of the same story in another language (shown in the posts list); leave empty to keep the links as they are.",
        bad_translation: "Give a post number, like 120.",
        unlink: "Remove this post from its translations",
        tag_invalid: "This tag has no letters or digits: {tags}.",
        page_kind: "Page",
    };

    pub const FA: Self = Self {
        author: "نویسنده",
        bad_author: "یکی از کاربران سایت را انتخاب کنید.",
        parent: "صفحهٔ والد",
        no_parent: "هیچ (صفحهٔ اصلی)",
        parent_hint: "فقط برای صفحه‌ها: صفحه‌ای که این صفحه زیر آن است.",
        bad_parent: "یکی از صفحه‌های فهرست‌شده را انتخاب کنید.",
        translations: "ترجمه‌های منتشرشده",
        translation_of: "ترجمهٔ نوشتهٔ شمارهٔ",
        translation_hint: "شمارهٔ همین خبر به زبانی دیگر (در فهرست نوشته‌ها)؛ برای نگه‌داشتن پیوندها خالی بگذارید.",
        bad_translation: "شمارهٔ یک نوشته را بنویسید، مانند ۱۲۰.",
        unlink: "جدا کردن این نوشته از ترجمه‌هایش",
        tag_invalid: "این برچسب حرف یا رقمی ندارد: {tags}.",
        page_kind: "صفحه",
    };
}
