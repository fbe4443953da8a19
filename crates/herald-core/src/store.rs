//! The storage port. Handlers receive an `Arc<dyn Store>` chosen at start-up from
//! the database URL; every backend passes one conformance suite. Reads take the
//! current time as an argument (never from the wall clock) so visibility of
//! scheduled posts is decided by the caller's [`crate::Clock`].

use async_trait::async_trait;

use crate::clock::Timestamp;
use crate::model::{
    AdminPostFilter, AdminPostPage, Comment, ImportOrigin, Kind, Language, ListPage, ListQuery,
    Media, NewUser, Post, PostId, PostSave, PostSummary, Redirect, Revision, RevisionId, Session,
    SiteBundle, SiteConfig, SiteSettings, Status, Taxonomy, Term, TermCount, TermId, Translation,
    User, UserId,
};
use crate::sitemap::{SitemapEntry, SitemapFile, SitemapQuery, SitemapTerm};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or answered with an error; the request may
    /// succeed later (HTTP 503).
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The data given breaks a rule (duplicate slug, unknown parent…); nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// The database file or schema is not one this Herald can use.
    #[error("{0}")]
    Incompatible(String),
    /// Someone else changed the row since the caller read it (a stale edit);
    /// nothing was written.
    #[error("{0}")]
    Conflict(String),
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Herald's storage port.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Site-wide settings.
    async fn settings(&self) -> StoreResult<SiteSettings>;
    /// Every language, in switcher order.
    async fn languages(&self) -> StoreResult<Vec<Language>>;
    /// The configured content kinds.
    async fn kinds(&self) -> StoreResult<Vec<Kind>>;
    /// Settings, languages and kinds together (one round trip for every page).
    async fn site_config(&self) -> StoreResult<SiteConfig>;

    /// One page of a listing of public posts (pages excluded), newest first; on the
    /// home archive sticky posts come first.
    async fn list_posts(&self, query: &ListQuery) -> StoreResult<ListPage>;
    /// Any post or page by id, whatever its status: callers decide visibility.
    async fn post(&self, id: PostId) -> StoreResult<Option<Post>>;
    /// A public page of `language` by its slug path (`["about", "team"]`).
    async fn page_by_path(
        &self,
        language: &str,
        path: &[String],
        now: Timestamp,
    ) -> StoreResult<Option<Post>>;
    /// The public child pages of a page, by title.
    async fn child_pages(&self, parent: PostId, now: Timestamp) -> StoreResult<Vec<PostSummary>>;
    /// The slug path of a page from the root (`["about", "team"]`).
    async fn page_path(&self, id: PostId) -> StoreResult<Vec<String>>;
    /// The public posts just before (older) and after (newer) `post` in its language.
    async fn adjacent_posts(
        &self,
        post: &Post,
        now: Timestamp,
    ) -> StoreResult<(Option<PostSummary>, Option<PostSummary>)>;
    /// Up to `limit` public posts sharing a topic or tag with `post`, newest first.
    async fn related_posts(
        &self,
        post: &Post,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<PostSummary>>;
    /// Public translations of `post` in other languages.
    async fn translations(&self, post: &Post, now: Timestamp) -> StoreResult<Vec<Translation>>;

    /// Public posts or pages for a sitemap (see [`SitemapQuery`]), by id,
    /// each with its public translations.
    async fn sitemap_entries(&self, query: &SitemapQuery) -> StoreResult<Vec<SitemapEntry>>;
    /// The non-empty sitemap files of a language at `now`: its post files
    /// (split by id, see [`crate::sitemap`]), then pages, topics and tags.
    async fn sitemap_files(&self, language: &str, now: Timestamp) -> StoreResult<Vec<SitemapFile>>;
    /// Up to `limit` topics or tags of a language with public posts (topics
    /// count their descendants' posts), by slug.
    async fn sitemap_terms(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<SitemapTerm>>;

    /// A topic or tag by slug in a language.
    async fn term_by_slug(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        slug: &str,
    ) -> StoreResult<Option<Term>>;
    /// Terms by id, in the order asked for (unknown ids left out).
    async fn terms_by_ids(&self, ids: &[TermId]) -> StoreResult<Vec<Term>>;
    /// All topics of a language (for menus and breadcrumbs).
    async fn topics(&self, language: &str) -> StoreResult<Vec<Term>>;

    /// A user by id.
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;
    /// A user by author-archive slug.
    async fn user_by_slug(&self, slug: &str) -> StoreResult<Option<User>>;

    /// Every user, by login.
    async fn users(&self) -> StoreResult<Vec<User>>;
    /// A user by login.
    async fn user_by_login(&self, login: &str) -> StoreResult<Option<User>>;
    /// Create a user in one transaction and return the id the database gave it.
    /// A login or slug already taken is [`StoreError::Invalid`] and writes nothing.
    async fn create_user(&self, user: &NewUser) -> StoreResult<UserId>;
    /// Replace a user's password hash; an unknown id is [`StoreError::Invalid`].
    async fn set_password_hash(&self, id: UserId, hash: &str) -> StoreResult<()>;
    /// The id and password hash of the user with `login`; `None` when there is
    /// no such user or the user has no password.
    async fn password_hash(&self, login: &str) -> StoreResult<Option<(UserId, String)>>;

    /// Store a new session. A token hash already stored or an unknown user is
    /// [`StoreError::Invalid`].
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// The session whose token hashes to `token_hash`, expired or not: callers
    /// decide expiry with their clock.
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;
    /// Record that the session was used at `now` (nothing when it is gone).
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<()>;
    /// End one session (nothing when it is gone).
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// End every session of a user ("log out everywhere").
    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<()>;

    /// Count a failed login under `key` (`account:…` or `addr:…`) at `now`.
    /// Failures older than a day are forgotten on the way.
    async fn record_login_failure(&self, key: &str, now: Timestamp) -> StoreResult<()>;
    /// How many failures were counted under `key` at or after `since`.
    async fn login_failures(&self, key: &str, since: Timestamp) -> StoreResult<u32>;
    /// Forget every failure counted under `key`.
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    /// One page of the admin posts list: posts of any status matching `filter`
    /// (trash only when asked for), most recently updated first, then by id
    /// descending, with the number of all matching posts.
    async fn admin_posts(&self, filter: &AdminPostFilter) -> StoreResult<AdminPostPage>;
    /// Set the status and `updated_at` of every post in `ids` in one
    /// transaction, keeping the listings in step (a trashed post leaves every
    /// public archive at once). Unknown ids are ignored; returns how many posts
    /// were changed.
    async fn set_status(
        &self,
        ids: &[PostId],
        status: Status,
        updated_at: Timestamp,
    ) -> StoreResult<usize>;

    /// Write one post in one transaction, keeping the listings in step, and
    /// keep a revision of its text. `post.id == 0` inserts a new post with an
    /// id the database gives (after the largest one) and returns it; any other
    /// id updates every field of that post and replaces its terms, but only
    /// when its stored `updated_at` equals `expected_updated_at`, else
    /// [`StoreError::Conflict`]. The first update of a post that has no
    /// revision (an imported one) first keeps the stored text as one.
    /// `new_tags` are created in the post's language (an existing slug is
    /// reused) and added to its terms. `translation_of` puts the post in that
    /// post's translation group, creating the group when it has none.
    ///
    /// [`StoreError::Invalid`], writing nothing: a slug used by another post of
    /// the same language and kind class (pages or posts), an unknown term or a
    /// term of another language, an unknown author, an unknown post id, a
    /// parent that is not a page of the same language or would make a loop, a
    /// translation target that is unknown, in the same language, or whose
    /// group already has a post in this language.
    async fn write_post(&self, save: &PostSave<'_>) -> StoreResult<PostId>;

    /// [`Store::write_post`] with nothing but the post.
    async fn save_post(
        &self,
        post: &Post,
        expected_updated_at: Option<Timestamp>,
    ) -> StoreResult<PostId> {
        self.write_post(&PostSave::new(post, expected_updated_at))
            .await
    }

    /// A post's revisions, newest first.
    async fn revisions(&self, post: PostId) -> StoreResult<Vec<Revision>>;
    /// One revision by id.
    async fn revision(&self, id: RevisionId) -> StoreResult<Option<Revision>>;
    /// Delete for good the posts of `ids` that are in the trash (others are
    /// left alone), with their revisions; child pages move up to the deleted
    /// page's parent. Returns how many were deleted.
    async fn delete_posts(&self, ids: &[PostId]) -> StoreResult<usize>;

    /// Every topic or tag of a language with how many posts carry it, by name.
    async fn term_counts(&self, language: &str, taxonomy: Taxonomy) -> StoreResult<Vec<TermCount>>;
    /// Create (`term.id == 0`; the id is returned) or update a topic or tag,
    /// keeping the listings in step when a topic moves. [`StoreError::Invalid`],
    /// writing nothing: an unknown language or id, a slug taken in the same
    /// language and taxonomy, a parent on a tag, a parent that is not a topic
    /// of the same language, or a parent loop. Language and taxonomy of an
    /// existing term cannot change.
    async fn save_term(&self, term: &Term) -> StoreResult<TermId>;
    /// Delete a term: posts lose it, child topics move up to its parent.
    /// Returns whether it existed.
    async fn delete_term(&self, id: TermId) -> StoreResult<bool>;

    /// Update a user's login, slug, name, email, role and bio (not the
    /// password). [`StoreError::Invalid`], writing nothing: an unknown id, a
    /// login or slug taken, or taking the admin role from the last admin.
    async fn update_user(&self, user: &User) -> StoreResult<()>;
    /// Delete a user and their sessions; their posts go to `reassign_to` (or
    /// lose their author). [`StoreError::Invalid`], writing nothing: an unknown
    /// id or heir, the heir being the user, or deleting the last admin.
    async fn delete_user(&self, id: UserId, reassign_to: Option<UserId>) -> StoreResult<()>;

    /// Replace the site-wide settings; the default language must exist.
    async fn save_settings(&self, settings: &SiteSettings) -> StoreResult<()>;
    /// Replace the settings of an existing language (matched by code).
    async fn save_language(&self, language: &Language) -> StoreResult<()>;

    /// The earliest `publish_at` later than `now` among published and scheduled
    /// posts and pages: when the public site next changes without a write
    /// (a scheduled post going live). `None` when nothing is waiting.
    async fn next_publish_after(&self, now: Timestamp) -> StoreResult<Option<Timestamp>>;

    /// The content generation: a number that changes (after the commit, before
    /// the write returns) whenever anything a public page shows may have
    /// changed, by this process or, within a short delay the backend documents,
    /// by another one over the same database. Writes of sessions and login
    /// throttling need not change it. Cheap and synchronous: caches of rendered
    /// pages read it on every request and drop what was filled at another
    /// generation. `None` means the store cannot tell right now (its watch on
    /// other processes is down): nothing may be served from such a cache.
    fn content_generation(&self) -> Option<u64>;

    /// Whether the store holds no posts at all.
    async fn is_empty(&self) -> StoreResult<bool>;
    /// Write a whole bundle in one transaction: on any error nothing is written.
    /// Ids in the bundle are kept.
    async fn insert_bundle(&self, bundle: &SiteBundle) -> StoreResult<()>;
    /// The whole site read in one consistent snapshot: settings (`None` when none
    /// were ever written), languages and kinds in their order, users by id (their
    /// password hashes apart, in `password_hashes`), terms and posts of every status by id, each post with its
    /// term ids in ascending order and its derived fields. Writing the result into
    /// an empty store with [`Store::insert_bundle`] reproduces the site exactly:
    /// this is how a site is backed up, copied and moved between backends.
    async fn export_bundle(&self) -> StoreResult<SiteBundle>;
    /// Where an old address leads: the target recorded for `from`, which is
    /// in [`crate::redirect::normalise`]d form.
    async fn redirect(&self, from: &str) -> StoreResult<Option<String>>;
    /// A post's comments with `status` (all statuses when `None`), oldest first.
    async fn comments(
        &self,
        post: PostId,
        status: Option<crate::CommentStatus>,
    ) -> StoreResult<Vec<Comment>>;
    /// What an import must know before it chooses ids: the rows an earlier
    /// import from `source` wrote and every id and slug already in use.
    async fn import_state(&self, source: &str) -> StoreResult<ImportState>;
    /// Apply the steps `feed` gives, in order, in one transaction, then
    /// rebuild the listings. Rows are written by id: an existing row with the
    /// same id is updated (a post's terms and metadata replaced), so running
    /// the same import again changes what changed and adds nothing twice.
    /// When the feed gives an error or a step breaks a rule, nothing is
    /// written ([`StoreError::Invalid`]).
    async fn import(&self, feed: Box<dyn ImportFeed>) -> StoreResult<()>;

    /// Delete all content (posts and their revisions, terms, users and their sessions, kinds, languages,
    /// settings, login failures and the listings derived from them) in one transaction, keeping the schema.
    async fn clear(&self) -> StoreResult<()>;
}

/// Ids and slugs in use, read before an import chooses its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportState {
    /// Rows an earlier import from the same source wrote.
    pub origins: Vec<ImportOrigin>,
    pub post_ids: Vec<PostId>,
    pub term_ids: Vec<TermId>,
    pub comment_ids: Vec<crate::CommentId>,
    pub media_ids: Vec<crate::MediaId>,
    /// Existing users (their login and slug must not be taken twice).
    pub users: Vec<User>,
    /// Existing terms (language, taxonomy and slug are unique).
    pub terms: Vec<Term>,
    /// `(id, language, is_page, parent, slug)` of every post.
    pub post_slugs: Vec<(PostId, String, bool, Option<PostId>, String)>,
    pub languages: Vec<Language>,
    /// `None` when the site has no settings yet.
    pub settings: Option<SiteSettings>,
    /// The largest translation group in use (0 when none).
    pub max_translation_group: i64,
}

/// One step of an import; see [`Store::import`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOp {
    /// Written only when the site has no settings yet.
    Settings(SiteSettings),
    /// Added when the code is not there yet; an existing language is kept.
    Language(Language),
    /// Written by id without a password: the user must set one.
    User(User),
    /// Written by id; topics before their children.
    Term(Term),
    /// Written by id with its terms and metadata, without its parent (see
    /// [`ImportOp::Parent`]).
    Post {
        post: Box<Post>,
        meta: Vec<(String, String)>,
    },
    /// Set (or clear) a page's parent once every post is written.
    Parent {
        post: PostId,
        parent: Option<PostId>,
    },
    /// Written by id; a reply after its parent.
    Comment(Comment),
    Media(Media),
    /// Added, or its target replaced.
    Redirect(Redirect),
    Origin(ImportOrigin),
}

/// Where [`Store::import`] pulls its steps from: a reader of an export file,
/// pulled on a blocking thread so the whole file is never in memory.
pub trait ImportFeed: Send {
    /// The next step; `None` at the end; an error stops the import and
    /// nothing is written.
    fn next_op(&mut self) -> Option<Result<ImportOp, String>>;
}

impl<I> ImportFeed for I
where
    I: Iterator<Item = Result<ImportOp, String>> + Send,
{
    fn next_op(&mut self) -> Option<Result<ImportOp, String>> {
        self.next()
    }
}
