//! Column lists shared by both backends: each row mapper reads its columns in
//! exactly this order, so the lists live in one place.

/// Columns read for a full post, in the row mappers' `post` order.
pub(crate) const POST_COLUMNS: &str = "p.id, p.kind, p.language, p.status, p.title, p.slug, \
     p.body, p.format, p.excerpt, p.author, p.parent, p.publish_at, p.updated_at, p.sticky, \
     p.comments_open, p.featured_image, p.featured_alt, p.translation_group, p.body_html, \
     p.excerpt_text";

/// Columns read for a listing item (needs `users u` joined), in `summary` order.
pub(crate) const SUMMARY_COLUMNS: &str = "p.id, p.kind, p.language, p.title, p.slug, \
     p.publish_at, p.sticky, p.excerpt_text, p.author, u.display_name, u.slug, \
     p.featured_image, p.featured_alt";

/// Columns of a topic or tag.
pub(crate) const TERM_COLUMNS: &str = "id, language, taxonomy, slug, name, description, parent";

/// Columns of a user (never the password hash).
pub(crate) const USER_COLUMNS: &str = "id, login, slug, display_name, email, role, bio";

/// Columns of a language and its settings.
pub(crate) const LANGUAGE_COLUMNS: &str = "code, name, direction, calendar, digits, date_format, \
     site_name, tagline, read_more, posts_per_page, excerpt_words, menu, position";

/// Columns of an admin posts list row (needs `users u` joined), in `admin_post` order.
pub(crate) const ADMIN_POST_COLUMNS: &str = "p.id, p.kind, p.language, p.status, p.title, \
     p.slug, p.publish_at, p.updated_at, p.author, u.display_name";
