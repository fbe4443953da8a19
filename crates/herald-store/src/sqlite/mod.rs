//! The embedded backend: one SQLite file in WAL mode with foreign keys on.
//!
//! rusqlite is synchronous, so every operation runs on tokio's blocking pool with
//! a connection taken from a small pool: readers run in parallel (WAL lets them
//! read while the single writer writes), and writes go through one connection.
//!
//! Every content write bumps the content generation after its commit; writes
//! of sessions and login throttling (which no public page shows) do not.
//! Commits by other processes on the same file are noticed by [`watch`].

mod edit;
mod export;
mod import;
mod listing;
mod migrate;
mod paging;
mod read;
mod rows;
mod sessions;
mod sitemap;
mod watch;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use herald_core::store::StoreResult;
use herald_core::{
    AdminPostFilter, AdminPostPage, Kind, Language, ListPage, ListQuery, NewTag, NewUser, Post,
    PostId, PostSave, PostSummary, Revision, RevisionId, Session, SiteBundle, SiteConfig,
    SiteSettings, Status, Store, StoreError, Taxonomy, Term, TermCount, TermId, Timestamp,
    Translation, User, UserId,
};
use rusqlite::{Connection, OpenFlags};

use crate::generation::Generation;

/// How many slow reads run at once on the blocking pool, and how many idle read
/// connections are kept. Requests beyond it wait their turn instead of opening
/// connections that would be thrown away.
const MAX_READERS: usize = 8;

/// Prepared statements kept per connection: listings vary by archive.
const STATEMENT_CACHE: usize = 128;

/// Herald's SQLite store. Cheap to clone.
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    readers: Mutex<Vec<Connection>>,
    reader_permits: tokio::sync::Semaphore,
    writer: Mutex<Connection>,
    generation: Generation,
    /// Deep-page bookmarks of recently read archives.
    bookmarks: crate::archive::BookmarkCache,
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and apply migrations.
    ///
    /// # Errors
    /// See [`crate::open`].
    pub fn open(path: &Path) -> StoreResult<Self> {
        let mut writer = connect(path, true)?;
        migrate::apply(&mut writer)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                readers: Mutex::new(Vec::new()),
                reader_permits: tokio::sync::Semaphore::new(MAX_READERS),
                writer: Mutex::new(writer),
                generation: Generation::default(),
                bookmarks: crate::archive::BookmarkCache::default(),
            }),
        })
    }

    /// Run a short read: inline on the calling task. Reads of a page are
    /// microseconds of CPU on SQLite's page cache, like rendering a template;
    /// sending each to another thread cost more in context switches than the
    /// query itself (measured: about a third of a topic page's CPU time).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> StoreResult<T> {
        let conn = self.inner.take_reader()?;
        let result = f(&conn).map_err(map_err);
        self.inner.give_back(conn);
        result
    }

    /// Run a read that may scan much of the database (search) on the blocking
    /// pool, at most [`MAX_READERS`] at once, so it never stalls other requests.
    async fn read_slow<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let _permit = self
            .inner
            .reader_permits
            .acquire()
            .await
            .map_err(|_| StoreError::Unavailable("the store is closing".into()))?;
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let conn = inner.take_reader()?;
            let result = f(&conn).map_err(map_err);
            inner.give_back(conn);
            result
        })
        .await
    }

    /// Run `f` inside one transaction on the writer connection; any error rolls
    /// the whole transaction back. Once the commit was tried the content
    /// generation moves on, before the caller hears back (and even when the
    /// caller is gone: the bump happens on the blocking thread).
    async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T> + Send + 'static,
    {
        self.transact(f, true).await
    }

    /// [`Self::write`] for what no public page shows (sessions, login
    /// throttling, password hashes): the content generation stays.
    async fn write_private<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T> + Send + 'static,
    {
        self.transact(f, false).await
    }

    async fn transact<T, F>(&self, f: F, content: bool) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        run_blocking(move || {
            let mut conn = inner
                .writer
                .lock()
                .map_err(|_| StoreError::Unavailable("writer connection poisoned".into()))?;
            let tx = conn.transaction().map_err(map_err)?;
            let value = f(&tx)?;
            let committed = tx.commit().map_err(map_err);
            if content {
                inner.generation.bump();
            }
            committed.map(|()| value)
        })
        .await
    }
}

impl Inner {
    fn take_reader(&self) -> StoreResult<Connection> {
        let idle = self.readers.lock().ok().and_then(|mut pool| pool.pop());
        match idle {
            Some(conn) => Ok(conn),
            None => connect(&self.path, false),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < MAX_READERS
        {
            pool.push(conn);
        }
    }
}

async fn run_blocking<T, F>(f: F) -> StoreResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> StoreResult<T> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Unavailable(format!("database task failed: {e}")))?
}

/// Open one connection with Herald's pragmas.
fn connect(path: &Path, create: bool) -> StoreResult<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| open_error(path, &e))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -16000;",
    )
    .map_err(|e| open_error(path, &e))?;
    Ok(conn)
}

/// A start-up error that says which file and what to do.
fn open_error(path: &Path, e: &rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let shown = path.display();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Incompatible(
            format!("{shown} is not a Herald database or is corrupt; restore it from a backup"),
        ),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Unavailable(
            format!("{shown} is locked by another program; stop it and try again"),
        ),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            StoreError::Unavailable(format!(
                "cannot open {shown} for writing; check the folder exists and is writable"
            ))
        }
        _ => StoreError::Unavailable(format!("cannot open {shown}: {e}")),
    }
}

/// Errors while serving: constraint failures are the caller's fault, the rest
/// means the database is unavailable.
fn map_err(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => StoreError::Invalid(e.to_string()),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            StoreError::Incompatible(e.to_string())
        }
        _ => StoreError::Unavailable(e.to_string()),
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn settings(&self) -> StoreResult<SiteSettings> {
        self.read(read::settings)
    }

    async fn languages(&self) -> StoreResult<Vec<Language>> {
        self.read(read::languages)
    }

    async fn kinds(&self) -> StoreResult<Vec<Kind>> {
        self.read(read::kinds)
    }

    async fn site_config(&self) -> StoreResult<SiteConfig> {
        self.read(|c| {
            Ok(SiteConfig {
                settings: read::settings(c)?,
                languages: read::languages(c)?,
                kinds: read::kinds(c)?,
            })
        })
    }

    async fn list_posts(&self, query: &ListQuery) -> StoreResult<ListPage> {
        // Search scans posts, and a deep page whose archive has no bookmarks yet
        // scans the archive's index once: both off the async threads.
        let slow = match crate::archive::key(&query.language, &query.archive) {
            None => true,
            Some(key) => {
                !crate::archive::is_shallow(query) && self.inner.bookmarks.get(&key).is_none()
            }
        };
        if slow {
            let query = query.clone();
            let inner = Arc::clone(&self.inner);
            self.read_slow(move |c| read::list_posts(c, &query, &inner.bookmarks))
                .await
        } else {
            self.read(|c| read::list_posts(c, query, &self.inner.bookmarks))
        }
    }

    async fn post(&self, id: PostId) -> StoreResult<Option<Post>> {
        self.read(|c| read::post(c, id))
    }

    async fn page_by_path(
        &self,
        language: &str,
        path: &[String],
        now: Timestamp,
    ) -> StoreResult<Option<Post>> {
        self.read(|c| read::page_by_path(c, language, path, now))
    }

    async fn child_pages(&self, parent: PostId, now: Timestamp) -> StoreResult<Vec<PostSummary>> {
        self.read(|c| read::child_pages(c, parent, now))
    }

    async fn page_path(&self, id: PostId) -> StoreResult<Vec<String>> {
        self.read(|c| read::page_path(c, id))
    }

    async fn adjacent_posts(
        &self,
        post: &Post,
        now: Timestamp,
    ) -> StoreResult<(Option<PostSummary>, Option<PostSummary>)> {
        self.read(|c| read::adjacent_posts(c, post, now))
    }

    async fn related_posts(
        &self,
        post: &Post,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<PostSummary>> {
        self.read(|c| read::related_posts(c, post, limit, now))
    }

    async fn translations(&self, post: &Post, now: Timestamp) -> StoreResult<Vec<Translation>> {
        self.read(|c| read::translations(c, post, now))
    }

    async fn sitemap_entries(
        &self,
        query: &herald_core::sitemap::SitemapQuery,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapEntry>> {
        let query = query.clone();
        self.read_slow(move |c| sitemap::entries(c, &query)).await
    }

    async fn sitemap_files(
        &self,
        language: &str,
        now: Timestamp,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapFile>> {
        let language = language.to_owned();
        self.read_slow(move |c| sitemap::files(c, &language, now))
            .await
    }

    async fn sitemap_terms(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapTerm>> {
        let language = language.to_owned();
        self.read_slow(move |c| sitemap::terms(c, &language, taxonomy, limit, now))
            .await
    }

    async fn term_by_slug(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        slug: &str,
    ) -> StoreResult<Option<Term>> {
        self.read(|c| read::term_by_slug(c, language, taxonomy, slug))
    }

    async fn terms_by_ids(&self, ids: &[TermId]) -> StoreResult<Vec<Term>> {
        self.read(|c| read::terms_by_ids(c, ids))
    }

    async fn topics(&self, language: &str) -> StoreResult<Vec<Term>> {
        self.read(|c| read::topics(c, language))
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        self.read(|c| read::user(c, id))
    }

    async fn user_by_slug(&self, slug: &str) -> StoreResult<Option<User>> {
        self.read(|c| read::user_by_slug(c, slug))
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        self.read(read::users)
    }

    async fn user_by_login(&self, login: &str) -> StoreResult<Option<User>> {
        self.read(|c| read::user_by_login(c, login))
    }

    async fn create_user(&self, user: &NewUser) -> StoreResult<UserId> {
        let user = user.clone();
        self.write(move |tx| write::create_user(tx, &user)).await
    }

    async fn set_password_hash(&self, id: UserId, hash: &str) -> StoreResult<()> {
        let hash = hash.to_owned();
        self.write_private(move |tx| write::set_password_hash(tx, id, &hash))
            .await
    }

    async fn password_hash(&self, login: &str) -> StoreResult<Option<(UserId, String)>> {
        self.read(|c| read::password_hash(c, login))
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        let session = session.clone();
        self.write_private(move |tx| sessions::create(tx, &session))
            .await
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        self.read(|c| sessions::get(c, token_hash))
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.write_private(move |tx| sessions::touch(tx, &token_hash, now))
            .await
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.write_private(move |tx| sessions::delete(tx, &token_hash))
            .await
    }

    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<()> {
        self.write_private(move |tx| sessions::delete_for_user(tx, user))
            .await
    }

    async fn record_login_failure(&self, key: &str, now: Timestamp) -> StoreResult<()> {
        let key = key.to_owned();
        self.write_private(move |tx| sessions::record_failure(tx, &key, now))
            .await
    }

    async fn login_failures(&self, key: &str, since: Timestamp) -> StoreResult<u32> {
        self.read(|c| sessions::failures(c, key, since))
    }

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        let key = key.to_owned();
        self.write_private(move |tx| sessions::clear_failures(tx, &key))
            .await
    }

    async fn admin_posts(&self, filter: &AdminPostFilter) -> StoreResult<AdminPostPage> {
        let filter = filter.clone();
        self.read_slow(move |c| read::admin_posts(c, &filter)).await
    }

    async fn set_status(
        &self,
        ids: &[PostId],
        status: Status,
        updated_at: Timestamp,
    ) -> StoreResult<usize> {
        let ids = ids.to_vec();
        self.write(move |tx| write::set_status(tx, &ids, status, updated_at))
            .await
    }

    async fn write_post(&self, save: &PostSave<'_>) -> StoreResult<PostId> {
        let post = save.post.clone();
        let new_tags: Vec<NewTag> = save.new_tags.to_vec();
        let (expected, saved_by, translation_of) =
            (save.expected_updated_at, save.saved_by, save.translation_of);
        self.write(move |tx| {
            edit::write_post(
                tx,
                &PostSave {
                    post: &post,
                    expected_updated_at: expected,
                    saved_by,
                    new_tags: &new_tags,
                    translation_of,
                },
            )
        })
        .await
    }

    async fn revisions(&self, post: PostId) -> StoreResult<Vec<Revision>> {
        self.read(|c| read::revisions(c, Some(post)))
    }

    async fn revision(&self, id: RevisionId) -> StoreResult<Option<Revision>> {
        self.read(|c| read::revision(c, id))
    }

    async fn delete_posts(&self, ids: &[PostId]) -> StoreResult<usize> {
        let ids = ids.to_vec();
        self.write(move |tx| edit::delete_posts(tx, &ids)).await
    }

    async fn term_counts(&self, language: &str, taxonomy: Taxonomy) -> StoreResult<Vec<TermCount>> {
        self.read(|c| read::term_counts(c, language, taxonomy))
    }

    async fn save_term(&self, term: &Term) -> StoreResult<TermId> {
        let term = term.clone();
        self.write(move |tx| edit::save_term(tx, &term)).await
    }

    async fn delete_term(&self, id: TermId) -> StoreResult<bool> {
        self.write(move |tx| edit::delete_term(tx, id)).await
    }

    async fn update_user(&self, user: &User) -> StoreResult<()> {
        let user = user.clone();
        self.write(move |tx| edit::update_user(tx, &user)).await
    }

    async fn delete_user(&self, id: UserId, reassign_to: Option<UserId>) -> StoreResult<()> {
        self.write(move |tx| edit::delete_user(tx, id, reassign_to))
            .await
    }

    async fn save_settings(&self, settings: &SiteSettings) -> StoreResult<()> {
        let settings = settings.clone();
        self.write(move |tx| edit::save_settings(tx, &settings))
            .await
    }

    async fn save_language(&self, language: &Language) -> StoreResult<()> {
        let language = language.clone();
        self.write(move |tx| edit::save_language(tx, &language))
            .await
    }

    async fn next_publish_after(&self, now: Timestamp) -> StoreResult<Option<Timestamp>> {
        self.read(|c| read::next_publish_after(c, now))
    }

    fn content_generation(&self) -> Option<u64> {
        if self.inner.generation.start_once() {
            watch::start(&self.inner);
        }
        self.inner.generation.current()
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        self.read(read::is_empty)
    }

    async fn insert_bundle(&self, bundle: &SiteBundle) -> StoreResult<()> {
        let bundle = bundle.clone();
        self.write(move |tx| write::insert_bundle(tx, &bundle))
            .await
    }

    async fn export_bundle(&self) -> StoreResult<SiteBundle> {
        self.read_slow(export::export).await
    }

    async fn redirect(&self, from: &str) -> StoreResult<Option<String>> {
        self.read(|conn| import::redirect(conn, from))
    }

    async fn comments(
        &self,
        post: PostId,
        status: Option<herald_core::CommentStatus>,
    ) -> StoreResult<Vec<herald_core::Comment>> {
        self.read(|conn| import::comments(conn, Some(post), status))
    }

    async fn import_state(&self, source: &str) -> StoreResult<herald_core::ImportState> {
        let source = source.to_owned();
        self.read_slow(move |conn| import::state(conn, &source))
            .await
    }

    async fn import(&self, feed: Box<dyn herald_core::ImportFeed>) -> StoreResult<()> {
        let mut feed = feed;
        self.write(move |tx| import::apply(tx, feed.as_mut())).await
    }

    async fn clear(&self) -> StoreResult<()> {
        self.write(write::clear).await
    }
}
