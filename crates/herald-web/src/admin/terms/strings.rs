//! The words of the topics and tags pages, in English and Persian; reached
//! as `text.terms` from the admin's [`Text`](super::super::Text).

/// One language's strings for the topics and tags pages.
#[derive(Debug)]
pub struct TermsText {
    pub topics: &'static str,
    pub tags: &'static str,
    /// `{language}` is replaced by the language's name.
    pub topics_in: &'static str,
    /// `{language}` is replaced by the language's name.
    pub tags_in: &'static str,
    pub new_topic: &'static str,
    pub new_tag: &'static str,
    pub edit_topic: &'static str,
    pub edit_tag: &'static str,
    pub delete_topic: &'static str,
    pub delete_tag: &'static str,
    pub languages: &'static str,
    pub name: &'static str,
    pub slug: &'static str,
    pub slug_hint: &'static str,
    pub description: &'static str,
    pub posts: &'static str,
    pub actions: &'static str,
    pub parent: &'static str,
    pub no_parent: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub save: &'static str,
    pub add: &'static str,
    pub view: &'static str,
    pub no_topics: &'static str,
    pub no_tags: &'static str,
    pub created: &'static str,
    pub saved: &'static str,
    pub deleted: &'static str,
    pub not_saved: &'static str,
    pub not_found: &'static str,
    pub unknown_language: &'static str,
    pub name_required: &'static str,
    /// `{max}` is replaced.
    pub name_too_long: &'static str,
    pub slug_invalid: &'static str,
    /// `{max}` is replaced.
    pub slug_too_long: &'static str,
    pub slug_from_name: &'static str,
    pub slug_taken: &'static str,
    /// `{max}` is replaced.
    pub description_too_long: &'static str,
    pub bad_language: &'static str,
    pub unknown_parent: &'static str,
    pub parent_loop: &'static str,
    /// `{name}` is replaced.
    pub confirm_delete: &'static str,
    /// `{count}` is replaced.
    pub delete_posts: &'static str,
    /// `{count}` is replaced.
    pub delete_children: &'static str,
    pub delete_for_good: &'static str,
    pub cancel: &'static str,
}

pub const EN: TermsText = TermsText {
    topics: "Topics",
    tags: "Tags",
    topics_in: "Topics in {language}",
    tags_in: "Tags in {language}",
    new_topic: "New topic",
    new_tag: "New tag",
    edit_topic: "Edit topic",
    edit_tag: "Edit tag",
    delete_topic: "Delete topic",
    delete_tag: "Delete tag",
    languages: "Languages",
    name: "Name",
    slug: "Slug",
    slug_hint: "Leave empty to make it from the name.",
    description: "Description",
    posts: "Posts",
    actions: "Actions",
    parent: "Parent topic",
    no_parent: "None (top level)",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    add: "Add",
    view: "View on the site",
    no_topics: "This language has no topics yet.",
    no_tags: "This language has no tags yet.",
    created: "Added.",
    saved: "Saved.",
    deleted: "Deleted.",
    not_saved: "Nothing was saved. Correct the fields marked below.",
    not_found: "There is no such topic or tag.",
    unknown_language: "Unknown language; showing the site's default language.",
    name_required: "Give it a name.",
    name_too_long: "The name is too long: at most {max} characters.",
    slug_invalid: "The slug may hold only lower-case letters, digits and single hyphens, as the generator makes them; leave it empty to make one from the name.",
    slug_too_long: "The slug is too long: at most {max} bytes.",
    slug_from_name: "No slug can be made from this name; write one.",
    slug_taken: "This slug is already used in this language; choose another.",
    description_too_long: "The description is too long: at most {max} characters.",
    bad_language: "Choose one of the site's languages.",
    unknown_parent: "Choose a parent from the list: that topic does not exist in this language.",
    parent_loop: "A topic cannot sit inside itself or one of its own subtopics; choose another parent.",
    confirm_delete: "Delete “{name}”?",
    delete_posts: "Posts that carry it: {count}. They lose it; the posts themselves are kept.",
    delete_children: "Child topics: {count}. They move up one level.",
    delete_for_good: "Delete for good",
    cancel: "Cancel",
};

pub const FA: TermsText = TermsText {
    topics: "موضوع‌ها",
    tags: "برچسب‌ها",
    topics_in: "موضوع‌های {language}",
    tags_in: "برچسب‌های {language}",
    new_topic: "موضوع تازه",
    new_tag: "برچسب تازه",
    edit_topic: "ویرایش موضوع",
    edit_tag: "ویرایش برچسب",
    delete_topic: "حذف موضوع",
    delete_tag: "حذف برچسب",
    languages: "زبان‌ها",
    name: "نام",
    slug: "نامک",
    slug_hint: "برای ساختن از روی نام خالی بگذارید.",
    description: "توضیح",
    posts: "نوشته‌ها",
    actions: "کارها",
    parent: "موضوع مادر",
    no_parent: "هیچ (بالاترین سطح)",
    edit: "ویرایش",
    delete: "حذف",
    save: "ذخیره",
    add: "افزودن",
    view: "دیدن در سایت",
    no_topics: "این زبان هنوز موضوعی ندارد.",
    no_tags: "این زبان هنوز برچسبی ندارد.",
    created: "افزوده شد.",
    saved: "ذخیره شد.",
    deleted: "حذف شد.",
    not_saved: "چیزی ذخیره نشد. خانه‌های نشان‌داده‌شده را درست کنید.",
    not_found: "چنین موضوع یا برچسبی وجود ندارد.",
    unknown_language: "زبان ناشناخته است؛ زبان پیش‌فرض سایت نشان داده می‌شود.",
    name_required: "یک نام بنویسید.",
    name_too_long: "نام بیش از اندازه بلند است: دست‌بالا {max} نویسه.",
    slug_invalid: "نامک تنها می‌تواند حروف کوچک، رقم و خط‌تیره‌های تکی داشته باشد، همان‌گونه که سازنده می‌سازد؛ برای ساختن از روی نام خالی بگذارید.",
    slug_too_long: "نامک بیش از اندازه بلند است: دست‌بالا {max} بایت.",
    slug_from_name: "از این نام نامکی ساخته نمی‌شود؛ خودتان بنویسید.",
    slug_taken: "این نامک در این زبان پیش‌تر به کار رفته است؛ نامک دیگری برگزینید.",
    description_too_long: "توضیح بیش از اندازه بلند است: دست‌بالا {max} نویسه.",
    bad_language: "یکی از زبان‌های سایت را برگزینید.",
    unknown_parent: "موضوع مادر را از فهرست برگزینید: آن موضوع در این زبان وجود ندارد.",
    parent_loop: "یک موضوع نمی‌تواند درون خودش یا یکی از زیرموضوع‌هایش باشد؛ موضوع مادر دیگری برگزینید.",
    confirm_delete: "«{name}» حذف شود؟",
    delete_posts: "نوشته‌هایی که آن را دارند: {count}. این نوشته‌ها آن را از دست می‌دهند ولی خودشان می‌مانند.",
    delete_children: "زیرموضوع‌ها: {count}. آن‌ها یک سطح بالا می‌روند.",
    delete_for_good: "برای همیشه حذف شود",
    cancel: "انصراف",
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{placeholder}` of an English string is in its Persian one.
    #[test]
    fn persian_keeps_the_placeholders() {
        let pairs = [
            (EN.topics_in, FA.topics_in),
            (EN.tags_in, FA.tags_in),
            (EN.name_too_long, FA.name_too_long),
            (EN.slug_too_long, FA.slug_too_long),
            (EN.description_too_long, FA.description_too_long),
            (EN.confirm_delete, FA.confirm_delete),
            (EN.delete_posts, FA.delete_posts),
            (EN.delete_children, FA.delete_children),
        ];
        for (en, fa) in pairs {
            for placeholder in ["{language}", "{max}", "{name}", "{count}"] {
                assert_eq!(en.contains(placeholder), fa.contains(placeholder), "{en}");
            }
        }
    }
}
