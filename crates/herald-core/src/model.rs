//! The content model (see DESIGN.md): languages, posts, terms, authors and the
//! site-wide settings. These are plain data; the rules live in the sibling
//! modules and the storage in the `Store` port.

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Digits};
use crate::clock::Timestamp;

/// Numeric post id: stable, shown in URLs (`/{lang}/posts/{id}`), kept on import.
pub type PostId = i64;
/// Numeric id of a topic or tag.
pub type TermId = i64;
/// Numeric id of a user.
pub type UserId = i64;

/// Text direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// `"ltr"` or `"rtl"`, as written in HTML.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// Parse `"ltr"` or `"rtl"`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            _ => None,
        }
    }
}

/// One entry of a language's header menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuItem {
    pub label: String,
    /// A site path such as `/fa/topic/economy/` or an absolute URL.
    pub url: String,
}

/// A language section of the site and its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// BCP 47 code used in URLs and `lang` attributes: `en`, `fa`, `ar`.
    pub code: String,
    /// The language's own name: "English", "فارسی", "العربية".
    pub name: String,
    pub direction: Direction,
    pub calendar: Calendar,
    pub digits: Digits,
    /// Date pattern; see [`crate::calendar::format_date`].
    pub date_format: String,
    pub site_name: String,
    pub tagline: String,
    /// Label of the link after each excerpt; empty means the theme's default.
    pub read_more: String,
    pub posts_per_page: u32,
    pub excerpt_words: u32,
    pub menu: Vec<MenuItem>,
    /// Order in the language switcher.
    pub position: i32,
}

/// Where a post stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Pending,
    Scheduled,
    Published,
    Private,
    Trash,
}

impl Status {
    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Private => "private",
            Status::Trash => "trash",
        }
    }

    /// Parse the stored word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Status::Draft,
            "pending" => Status::Pending,
            "scheduled" => Status::Scheduled,
            "published" => Status::Published,
            "private" => Status::Private,
            "trash" => Status::Trash,
            _ => return None,
        })
    }

    /// Whether a post with this status and publish time is visible to readers at `now`.
    /// Published and scheduled posts both wait for their time; nothing else is public.
    pub fn is_public(self, publish_at: Timestamp, now: Timestamp) -> bool {
        matches!(self, Status::Published | Status::Scheduled) && publish_at <= now
    }
}

/// How a post's body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    Markdown,
    Html,
}

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::Markdown => "markdown",
            BodyFormat::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "markdown" => Some(BodyFormat::Markdown),
            "html" => Some(BodyFormat::Html),
            _ => None,
        }
    }
}

/// The kind of a static page; pages live at `/{lang}/{slug}/` and nest.
pub const PAGE_KIND: &str = "page";
/// The kind of an ordinary post.
pub const POST_KIND: &str = "post";

/// A content kind ("module"): news, photo report, video… Configurable per site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind {
    pub slug: String,
    /// Label per language code; falls back to the slug.
    pub labels: Vec<(String, String)>,
}

impl Kind {
    /// The label in `lang`, or the slug when none is set.
    pub fn label(&self, lang: &str) -> &str {
        self.labels
            .iter()
            .find(|(code, _)| code == lang)
            .map_or(self.slug.as_str(), |(_, label)| label.as_str())
    }
}

/// Topics are hierarchical; tags are flat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Taxonomy {
    Topic,
    Tag,
}

impl Taxonomy {
    pub fn as_str(self) -> &'static str {
        match self {
            Taxonomy::Topic => "topic",
            Taxonomy::Tag => "tag",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "topic" => Some(Taxonomy::Topic),
            "tag" => Some(Taxonomy::Tag),
            _ => None,
        }
    }
}

/// A topic or a tag, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub id: TermId,
    pub language: String,
    pub taxonomy: Taxonomy,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Parent topic; always `None` for tags.
    pub parent: Option<TermId>,
}

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Author,
    Contributor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Contributor => "contributor",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            "author" => Some(Role::Author),
            "contributor" => Some(Role::Contributor),
            _ => None,
        }
    }
}

/// A person who writes on the site. The password hash never leaves the store
/// through this type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub login: String,
    /// URL slug of the author archive.
    pub slug: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub bio: String,
}

/// A signed-in browser: the store keeps only a hash of the id sent in the
/// cookie, so a copy of the database does not let anyone sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the session id, base64url without padding.
    pub token_hash: String,
    pub user_id: UserId,
    /// The token every form of this session must send back.
    pub csrf_token: String,
    pub created_at: crate::Timestamp,
    /// The last request made with this session; it expires after a while idle.
    pub last_seen_at: crate::Timestamp,
}

/// A user to create; the store assigns the id. The bio starts empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub login: String,
    /// URL slug of the author archive.
    pub slug: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// A PHC-format password hash; `None` leaves the account unable to log in.
    pub password_hash: Option<String>,
}

/// A post as stored: everything needed to write it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: PostId,
    pub kind: String,
    pub language: String,
    pub status: Status,
    pub title: String,
    pub slug: String,
    pub body: String,
    pub format: BodyFormat,
    /// Manual excerpt; empty when none.
    pub excerpt: String,
    pub author: Option<UserId>,
    /// Parent page (pages only).
    pub parent: Option<PostId>,
    pub publish_at: Timestamp,
    pub updated_at: Timestamp,
    pub sticky: bool,
    pub comments_open: bool,
    pub featured_image: Option<String>,
    pub featured_alt: String,
    /// Topic and tag ids.
    pub terms: Vec<TermId>,
    /// Translation group: posts sharing a group are translations of each other.
    pub translation_group: Option<i64>,
    /// Derived from `body` and `format` when the post is written: the body rendered
    /// and sanitised, ready to show (see `herald_render::prepare_post`).
    pub body_html: String,
    /// Derived when the post is written: the listing excerpt as plain text.
    pub excerpt_text: String,
}

/// What a listing shows of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostSummary {
    pub id: PostId,
    pub kind: String,
    pub language: String,
    pub title: String,
    pub slug: String,
    pub publish_at: Timestamp,
    pub sticky: bool,
    /// The excerpt as plain text, already cut.
    pub excerpt: String,
    pub author: Option<UserId>,
    /// The author's display name, when the post has an author.
    pub author_name: Option<String>,
    /// The author's archive slug, when the post has an author.
    pub author_slug: Option<String>,
    pub featured_image: Option<String>,
    pub featured_alt: String,
    /// Topic and tag ids.
    pub terms: Vec<TermId>,
}

/// A link to the same post in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    pub language: String,
    pub id: PostId,
    pub title: String,
}

/// Which posts a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Archive {
    /// The language home: every public post of ordinary kinds, sticky first.
    Home,
    /// Posts in a topic or any of its descendants.
    Topic(TermId),
    Tag(TermId),
    Author(UserId),
    Kind(String),
    /// Title or body contains the text.
    Search(String),
}

/// A request for one page of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub language: String,
    pub archive: Archive,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    pub now: Timestamp,
}

/// One page of a listing and the size of the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListPage {
    pub posts: Vec<PostSummary>,
    pub total: u64,
}

/// Which posts the admin posts list shows (any status, unlike public listings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdminPostFilter {
    /// Only this status; `None` means every status but trash (see `include_trash`).
    pub status: Option<Status>,
    pub language: Option<String>,
    /// Only posts carrying this topic or tag.
    pub topic: Option<TermId>,
    pub author: Option<UserId>,
    /// Title or body contains the text (case-insensitive).
    pub text: Option<String>,
    /// `false`: posts of every kind but pages; `true`: pages only.
    pub kind_pages: bool,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// With `status` = `None`, list trashed posts too.
    pub include_trash: bool,
}

/// A row of the admin posts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdminPost {
    pub id: PostId,
    pub kind: String,
    pub language: String,
    pub status: Status,
    pub title: String,
    pub slug: String,
    pub publish_at: Timestamp,
    pub updated_at: Timestamp,
    pub author: Option<UserId>,
    /// The author's display name, when the post has an author.
    pub author_name: Option<String>,
}

/// One page of the admin posts list and the size of the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdminPostPage {
    pub posts: Vec<AdminPost>,
    pub total: u64,
}

/// Site-wide settings (those per language live on [`Language`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSettings {
    pub default_language: String,
    /// IANA time zone name used to show times, e.g. `Asia/Tehran`.
    pub time_zone: String,
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            default_language: "en".into(),
            time_zone: "UTC".into(),
        }
    }
}

/// What every public page reads first, in one round trip: site settings, the
/// languages in switcher order and the content kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteConfig {
    pub settings: SiteSettings,
    pub languages: Vec<Language>,
    pub kinds: Vec<Kind>,
}

/// A whole site's content, written in one transaction: how the demo, tests and
/// (later) importers and `herald copy` fill a store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteBundle {
    pub settings: Option<SiteSettings>,
    pub languages: Vec<Language>,
    pub kinds: Vec<Kind>,
    pub users: Vec<User>,
    pub terms: Vec<Term>,
    pub posts: Vec<Post>,
    /// Password hashes (PHC strings) of the users who have one, so a copy between
    /// backends keeps everyone able to log in. Never shown anywhere else.
    #[serde(default)]
    pub password_hashes: Vec<(UserId, String)>,
    /// Every post's revisions, by id.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// Comments by id.
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// Media files by id.
    #[serde(default)]
    pub media: Vec<Media>,
    /// Post metadata by post, in the order it was written.
    #[serde(default)]
    pub post_meta: Vec<PostMeta>,
    /// Old addresses and where they lead, by old address.
    #[serde(default)]
    pub redirects: Vec<Redirect>,
    /// Which imports wrote which rows.
    #[serde(default)]
    pub import_origins: Vec<ImportOrigin>,
}

/// Numeric id of a revision.
pub type RevisionId = i64;

/// A saved state of a post's text. Every save through the editor keeps one, so
/// editors can compare two states and bring an earlier one back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub id: RevisionId,
    pub post_id: PostId,
    pub saved_at: Timestamp,
    /// Who saved; `None` when unknown or the user was deleted.
    pub saved_by: Option<UserId>,
    pub title: String,
    pub slug: String,
    pub body: String,
    pub format: BodyFormat,
    pub excerpt: String,
}

/// A tag to create while saving a post (tags are made on the fly in the editor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTag {
    pub slug: String,
    pub name: String,
}

/// One save of a post: the post and what goes with it into the same
/// transaction. See [`crate::Store::write_post`].
#[derive(Debug, Clone, Copy)]
pub struct PostSave<'a> {
    pub post: &'a Post,
    /// For an update, the `updated_at` the editor read; a different stored
    /// value means someone else saved meanwhile.
    pub expected_updated_at: Option<Timestamp>,
    /// Who saves, recorded on the revision.
    pub saved_by: Option<UserId>,
    /// Tags of the post's language to create (or reuse when the slug exists);
    /// their ids join the post's terms.
    pub new_tags: &'a [NewTag],
    /// Join this post's translation group (made when it has none), replacing
    /// `post.translation_group`.
    pub translation_of: Option<PostId>,
}

impl<'a> PostSave<'a> {
    /// A plain save of `post`: no new tags, no translation link, no user.
    pub fn new(post: &'a Post, expected_updated_at: Option<Timestamp>) -> Self {
        Self {
            post,
            expected_updated_at,
            saved_by: None,
            new_tags: &[],
            translation_of: None,
        }
    }
}

/// A topic or tag with the number of posts (of any status but trash) carrying it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermCount {
    pub term: Term,
    pub posts: u64,
}

/// Numeric id of a comment (kept from an import, like post ids).
pub type CommentId = i64;

/// Whether readers see a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Approved,
    /// Waiting for a moderator.
    Pending,
    Spam,
    Trash,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Approved => "approved",
            CommentStatus::Pending => "pending",
            CommentStatus::Spam => "spam",
            CommentStatus::Trash => "trash",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "approved" => CommentStatus::Approved,
            "pending" => CommentStatus::Pending,
            "spam" => CommentStatus::Spam,
            "trash" => CommentStatus::Trash,
            _ => return None,
        })
    }
}

/// A reader's comment on a post; replies point at their parent comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub post_id: PostId,
    /// The comment this one answers.
    pub parent: Option<CommentId>,
    pub author_name: String,
    pub author_email: String,
    pub author_url: String,
    /// The address it was sent from, as the old site recorded it.
    pub author_ip: String,
    /// The site's user who wrote it, when signed in.
    pub user_id: Option<UserId>,
    pub created_at: Timestamp,
    /// The text as written: plain text with the few tags comments allow.
    pub body: String,
    pub status: CommentStatus,
    /// `comment`, `pingback` or `trackback`.
    pub kind: String,
}

/// Numeric id of a media file (kept from an import).
pub type MediaId = i64;

/// An uploaded file (image, audio, document) and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub id: MediaId,
    /// The post it was uploaded to, if any.
    pub post_id: Option<PostId>,
    /// Where the file is served now: a site path under `/uploads/` when Herald
    /// holds the file, else the absolute URL it came from.
    pub url: String,
    /// The URL the file had on the old site (empty for files uploaded here).
    pub original_url: String,
    pub title: String,
    pub alt: String,
    pub caption: String,
    pub description: String,
    pub mime: String,
    pub uploaded_at: Timestamp,
}

/// One name/value pair kept with a post (WordPress's post metadata).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMeta {
    pub post_id: PostId,
    pub key: String,
    pub value: String,
}

/// An old address that answers 301 with a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// The old path with its query, normalised by
    /// [`crate::redirect::normalise`]: `/2019/03/04/slug/`, `/?p=12`.
    pub from: String,
    /// A site path (`/en/posts/12/slug`) or an absolute URL.
    pub to: String,
}

/// Which import wrote a row: the old site's address, the kind of row
/// (`post`, `term`, `user`, `comment`, `media`) and its id there. Running the
/// same import again finds its rows through these and updates them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOrigin {
    pub source: String,
    pub kind: String,
    pub old_id: String,
    pub new_id: i64,
}
