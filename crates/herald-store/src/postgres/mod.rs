//! The scale-out backend: PostgreSQL, shared by any number of Herald instances.
//!
//! Connections come from a small deadpool pool. Each handed-out connection is
//! checked first with an empty query (one cheap round trip), so a connection
//! the server dropped (restart, failover, idle timeout) is replaced instead of
//! failing a request: a call that loses its connection midway reports
//! [`StoreError::Unavailable`] and the next call gets a fresh one. Every write
//! is one transaction; reads a page needs together are pipelined.
//!
//! The SQL mirrors the SQLite backend's (`crate::sqlite`) query for query, so
//! both order, filter and fail alike; the conformance suite runs on both.

mod connect;
mod edit;
mod error;
mod export;
mod import;
mod listen;
mod listing;
mod migrate;
mod paging;
mod read;
mod rows;
mod sessions;
mod sitemap;
mod write;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use herald_core::store::StoreResult;
use herald_core::{
    AdminPostFilter, AdminPostPage, Kind, Language, ListPage, ListQuery, NewUser, Post, PostId,
    PostSave, PostSummary, Revision, RevisionId, Session, SiteBundle, SiteConfig, SiteSettings,
    Status, Store, StoreError, Taxonomy, Term, TermCount, TermId, Timestamp, Translation, User,
    UserId,
};
use tokio_postgres::{IsolationLevel, NoTls};

#[cfg(feature = "test-support")]
pub(crate) use error::describe;
use error::{Error, PgResult};

use crate::generation::Generation;

/// Connections kept per instance. PostgreSQL's default limit is 100 in all, so
/// several instances fit.
const MAX_CONNECTIONS: usize = 16;
/// How long to wait for the server to accept a connection (unless the URL says).
pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request waits for a free connection before giving up.
const WAIT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the health check of an idle connection may take.
const RECYCLE_TIMEOUT: Duration = Duration::from_secs(5);

/// Herald's PostgreSQL store. Cheap to clone.
#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    /// Where the listener of content notifications connects.
    config: tokio_postgres::Config,
    generation: Arc<Generation>,
    /// Deep-page bookmarks of recently read archives (checked against the
    /// database's versions on each read, so writes by other instances count).
    bookmarks: Arc<crate::archive::BookmarkCache>,
}

impl PostgresStore {
    /// Connect to the database named by `url` (`postgres://USER[:PASSWORD]@HOST
    /// [:PORT]/DATABASE[?options]`) and apply migrations.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a URL that cannot work,
    /// [`StoreError::Unavailable`] when the server cannot be reached or refuses
    /// the connection (one line naming the host, database and cause),
    /// [`StoreError::Incompatible`] when the database was written by a newer
    /// Herald.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let config = connect::parse(url)?;
        let target = connect::Target::of(&config);
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Verified,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(MAX_CONNECTIONS)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(WAIT_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT + Duration::from_secs(5)))
            .recycle_timeout(Some(RECYCLE_TIMEOUT))
            .build()
            .map_err(|e| StoreError::Invalid(format!("cannot set up the PostgreSQL pool: {e}")))?;
        let mut client = pool.get().await.map_err(|e| target.unreachable(e))?;
        migrate_in_transaction(&mut client)
            .await
            .map_err(|e| target.not_migrated(e))?;
        Ok(Self {
            pool,
            config,
            generation: Arc::default(),
            bookmarks: Arc::default(),
        })
    }

    /// Commit a content write as [`finish`] does, then move the content
    /// generation on, so this instance's page cache is fresh before the caller
    /// hears back. Should the caller give up midway, the notification the
    /// commit sends (see `listen`) still reaches this instance.
    async fn commit<T>(
        &self,
        tx: deadpool_postgres::Transaction<'_>,
        done: PgResult<T>,
    ) -> PgResult<T> {
        let result = finish(tx, done).await;
        self.generation.bump();
        result
    }

    async fn client(&self) -> StoreResult<Object> {
        self.pool
            .get()
            .await
            .map_err(|e| Error::from(e).into_store())
    }
}

async fn migrate_in_transaction(client: &mut Object) -> PgResult<()> {
    let tx = client.transaction().await?;
    let migrated = migrate::apply(&tx).await;
    finish(tx, migrated).await
}

/// Commit when `done` succeeded, else roll back and wait for it: the rollback a
/// dropped transaction queues never reaches the server when the connection is
/// dropped too (as after a failed open), and the session would keep its locks
/// until the socket closes.
async fn finish<T>(tx: deadpool_postgres::Transaction<'_>, done: PgResult<T>) -> PgResult<T> {
    match done {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(e) => {
            // The first error is the one to report; a failed rollback only
            // means the connection is gone, which the pool notices.
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn settings(&self) -> StoreResult<SiteSettings> {
        let c = self.client().await?;
        read::settings(&c).await.map_err(Error::into_store)
    }

    async fn languages(&self) -> StoreResult<Vec<Language>> {
        let c = self.client().await?;
        read::languages(&c).await.map_err(Error::into_store)
    }

    async fn kinds(&self) -> StoreResult<Vec<Kind>> {
        let c = self.client().await?;
        read::kinds(&c).await.map_err(Error::into_store)
    }

    async fn site_config(&self) -> StoreResult<SiteConfig> {
        let c = self.client().await?;
        let (settings, languages, kinds) =
            read::site_config(&c).await.map_err(Error::into_store)?;
        Ok(SiteConfig {
            settings,
            languages,
            kinds,
        })
    }

    async fn list_posts(&self, query: &ListQuery) -> StoreResult<ListPage> {
        let c = self.client().await?;
        read::list_posts(&c, query, &self.bookmarks)
            .await
            .map_err(Error::into_store)
    }

    async fn post(&self, id: PostId) -> StoreResult<Option<Post>> {
        let c = self.client().await?;
        read::post(&c, id).await.map_err(Error::into_store)
    }

    async fn page_by_path(
        &self,
        language: &str,
        path: &[String],
        now: Timestamp,
    ) -> StoreResult<Option<Post>> {
        let c = self.client().await?;
        read::page_by_path(&c, language, path, now)
            .await
            .map_err(Error::into_store)
    }

    async fn child_pages(&self, parent: PostId, now: Timestamp) -> StoreResult<Vec<PostSummary>> {
        let c = self.client().await?;
        read::child_pages(&c, parent, now)
            .await
            .map_err(Error::into_store)
    }

    async fn page_path(&self, id: PostId) -> StoreResult<Vec<String>> {
        let c = self.client().await?;
        read::page_path(&c, id).await.map_err(Error::into_store)
    }

    async fn adjacent_posts(
        &self,
        post: &Post,
        now: Timestamp,
    ) -> StoreResult<(Option<PostSummary>, Option<PostSummary>)> {
        let c = self.client().await?;
        read::adjacent_posts(&c, post, now)
            .await
            .map_err(Error::into_store)
    }

    async fn related_posts(
        &self,
        post: &Post,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<PostSummary>> {
        let c = self.client().await?;
        read::related_posts(&c, post, limit, now)
            .await
            .map_err(Error::into_store)
    }

    async fn translations(&self, post: &Post, now: Timestamp) -> StoreResult<Vec<Translation>> {
        let c = self.client().await?;
        read::translations(&c, post, now)
            .await
            .map_err(Error::into_store)
    }

    async fn sitemap_entries(
        &self,
        query: &herald_core::sitemap::SitemapQuery,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapEntry>> {
        let c = self.client().await?;
        sitemap::entries(&c, query).await.map_err(Error::into_store)
    }

    async fn sitemap_files(
        &self,
        language: &str,
        now: Timestamp,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapFile>> {
        let c = self.client().await?;
        sitemap::files(&c, language, now)
            .await
            .map_err(Error::into_store)
    }

    async fn sitemap_terms(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<herald_core::sitemap::SitemapTerm>> {
        let c = self.client().await?;
        sitemap::terms(&c, language, taxonomy, limit, now)
            .await
            .map_err(Error::into_store)
    }

    async fn term_by_slug(
        &self,
        language: &str,
        taxonomy: Taxonomy,
        slug: &str,
    ) -> StoreResult<Option<Term>> {
        let c = self.client().await?;
        read::term_by_slug(&c, language, taxonomy, slug)
            .await
            .map_err(Error::into_store)
    }

    async fn terms_by_ids(&self, ids: &[TermId]) -> StoreResult<Vec<Term>> {
        let c = self.client().await?;
        read::terms_by_ids(&c, ids).await.map_err(Error::into_store)
    }

    async fn topics(&self, language: &str) -> StoreResult<Vec<Term>> {
        let c = self.client().await?;
        read::topics(&c, language).await.map_err(Error::into_store)
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let c = self.client().await?;
        read::user(&c, id).await.map_err(Error::into_store)
    }

    async fn user_by_slug(&self, slug: &str) -> StoreResult<Option<User>> {
        let c = self.client().await?;
        read::user_by_slug(&c, slug)
            .await
            .map_err(Error::into_store)
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        let c = self.client().await?;
        read::users(&c).await.map_err(Error::into_store)
    }

    async fn user_by_login(&self, login: &str) -> StoreResult<Option<User>> {
        let c = self.client().await?;
        read::user_by_login(&c, login)
            .await
            .map_err(Error::into_store)
    }

    async fn create_user(&self, user: &NewUser) -> StoreResult<UserId> {
        let mut c = self.client().await?;
        let created: PgResult<UserId> = async {
            let tx = c.transaction().await?;
            let done = write::create_user(&tx, user).await;
            self.commit(tx, done).await
        }
        .await;
        created.map_err(Error::into_store)
    }

    async fn set_password_hash(&self, id: UserId, hash: &str) -> StoreResult<()> {
        let mut c = self.client().await?;
        let set: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = write::set_password_hash(&tx, id, hash).await;
            finish(tx, done).await
        }
        .await;
        set.map_err(Error::into_store)
    }

    async fn password_hash(&self, login: &str) -> StoreResult<Option<(UserId, String)>> {
        let c = self.client().await?;
        read::password_hash(&c, login)
            .await
            .map_err(Error::into_store)
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        let c = self.client().await?;
        sessions::create(&c, session)
            .await
            .map_err(Error::into_store)
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        let c = self.client().await?;
        sessions::get(&c, token_hash)
            .await
            .map_err(Error::into_store)
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<()> {
        let c = self.client().await?;
        sessions::touch(&c, token_hash, now)
            .await
            .map_err(Error::into_store)
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let c = self.client().await?;
        sessions::delete(&c, token_hash)
            .await
            .map_err(Error::into_store)
    }

    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<()> {
        let c = self.client().await?;
        sessions::delete_for_user(&c, user)
            .await
            .map_err(Error::into_store)
    }

    async fn record_login_failure(&self, key: &str, now: Timestamp) -> StoreResult<()> {
        let mut c = self.client().await?;
        let recorded: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = sessions::record_failure(&tx, key, now).await;
            finish(tx, done).await
        }
        .await;
        recorded.map_err(Error::into_store)
    }

    async fn login_failures(&self, key: &str, since: Timestamp) -> StoreResult<u32> {
        let c = self.client().await?;
        sessions::failures(&c, key, since)
            .await
            .map_err(Error::into_store)
    }

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        let c = self.client().await?;
        sessions::clear_failures(&c, key)
            .await
            .map_err(Error::into_store)
    }

    async fn admin_posts(&self, filter: &AdminPostFilter) -> StoreResult<AdminPostPage> {
        let c = self.client().await?;
        read::admin_posts(&c, filter)
            .await
            .map_err(Error::into_store)
    }

    async fn set_status(
        &self,
        ids: &[PostId],
        status: Status,
        updated_at: Timestamp,
    ) -> StoreResult<usize> {
        let mut c = self.client().await?;
        let set: PgResult<usize> = async {
            let tx = c.transaction().await?;
            let done = write::set_status(&tx, ids, status, updated_at).await;
            self.commit(tx, done).await
        }
        .await;
        set.map_err(Error::into_store)
    }

    async fn write_post(&self, save: &PostSave<'_>) -> StoreResult<PostId> {
        let mut c = self.client().await?;
        let done: PgResult<PostId> = async {
            let tx = c.transaction().await?;
            let done = edit::write_post(&tx, save).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn revisions(&self, post: PostId) -> StoreResult<Vec<Revision>> {
        let c = self.client().await?;
        read::revisions(&c, Some(post))
            .await
            .map_err(Error::into_store)
    }

    async fn revision(&self, id: RevisionId) -> StoreResult<Option<Revision>> {
        let c = self.client().await?;
        read::revision(&c, id).await.map_err(Error::into_store)
    }

    async fn delete_posts(&self, ids: &[PostId]) -> StoreResult<usize> {
        let mut c = self.client().await?;
        let done: PgResult<usize> = async {
            let tx = c.transaction().await?;
            let done = edit::delete_posts(&tx, ids).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn term_counts(&self, language: &str, taxonomy: Taxonomy) -> StoreResult<Vec<TermCount>> {
        let c = self.client().await?;
        read::term_counts(&c, language, taxonomy)
            .await
            .map_err(Error::into_store)
    }

    async fn save_term(&self, term: &Term) -> StoreResult<TermId> {
        let mut c = self.client().await?;
        let done: PgResult<TermId> = async {
            let tx = c.transaction().await?;
            let done = edit::save_term(&tx, term).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn delete_term(&self, id: TermId) -> StoreResult<bool> {
        let mut c = self.client().await?;
        let done: PgResult<bool> = async {
            let tx = c.transaction().await?;
            let done = edit::delete_term(&tx, id).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn update_user(&self, user: &User) -> StoreResult<()> {
        let mut c = self.client().await?;
        let done: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = edit::update_user(&tx, user).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn delete_user(&self, id: UserId, reassign_to: Option<UserId>) -> StoreResult<()> {
        let mut c = self.client().await?;
        let done: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = edit::delete_user(&tx, id, reassign_to).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn save_settings(&self, settings: &SiteSettings) -> StoreResult<()> {
        let mut c = self.client().await?;
        let done: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = edit::save_settings(&tx, settings).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn save_language(&self, language: &Language) -> StoreResult<()> {
        let mut c = self.client().await?;
        let done: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = edit::save_language(&tx, language).await;
            self.commit(tx, done).await
        }
        .await;
        done.map_err(Error::into_store)
    }

    async fn next_publish_after(&self, now: Timestamp) -> StoreResult<Option<Timestamp>> {
        let c = self.client().await?;
        read::next_publish_after(&c, now)
            .await
            .map_err(Error::into_store)
    }

    fn content_generation(&self) -> Option<u64> {
        if self.generation.start_once() {
            listen::start(&self.config, &self.generation);
        }
        self.generation.current()
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let c = self.client().await?;
        read::is_empty(&c).await.map_err(Error::into_store)
    }

    async fn insert_bundle(&self, bundle: &SiteBundle) -> StoreResult<()> {
        let mut c = self.client().await?;
        let written: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = write::insert_bundle(&tx, bundle).await;
            self.commit(tx, done).await
        }
        .await;
        written.map_err(Error::into_store)
    }

    async fn export_bundle(&self) -> StoreResult<SiteBundle> {
        let mut c = self.client().await?;
        let read: PgResult<SiteBundle> = async {
            let tx = c
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let done = export::export(&tx).await;
            finish(tx, done).await
        }
        .await;
        read.map_err(Error::into_store)
    }

    async fn redirect(&self, from: &str) -> StoreResult<Option<String>> {
        let c = self.client().await?;
        import::redirect(&c, from).await.map_err(Error::into_store)
    }

    async fn comments(
        &self,
        post: PostId,
        status: Option<herald_core::CommentStatus>,
    ) -> StoreResult<Vec<herald_core::Comment>> {
        let c = self.client().await?;
        import::comments(&c, Some(post), status)
            .await
            .map_err(Error::into_store)
    }

    async fn import_state(&self, source: &str) -> StoreResult<herald_core::ImportState> {
        let mut c = self.client().await?;
        let read: PgResult<herald_core::ImportState> = async {
            let tx = c
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let done = import::state(&tx, source).await;
            finish(tx, done).await
        }
        .await;
        read.map_err(Error::into_store)
    }

    async fn import(&self, feed: Box<dyn herald_core::ImportFeed>) -> StoreResult<()> {
        let mut c = self.client().await?;
        let written: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = import::apply(&tx, feed).await;
            self.commit(tx, done).await
        }
        .await;
        written.map_err(Error::into_store)
    }

    async fn clear(&self) -> StoreResult<()> {
        let mut c = self.client().await?;
        let cleared: PgResult<()> = async {
            let tx = c.transaction().await?;
            let done = write::clear(&tx).await;
            self.commit(tx, done).await
        }
        .await;
        cleared.map_err(Error::into_store)
    }
}
