//! `herald serve` and `herald demo`: wire the store, theme and clock into the
//! router, listen, and shut down gracefully on SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use herald_core::{Clock, Store};
use herald_render::Theme;
use herald_web::{AppState, WebConfig};

use crate::clock::SystemClock;
use crate::config::{LogFormat, Settings};
use crate::random::OsRandom;

/// The theme from `dir`, or the embedded default.
///
/// # Errors
/// The folder cannot be read.
pub fn load_theme(dir: Option<&Path>) -> anyhow::Result<Theme> {
    match dir {
        Some(dir) => Ok(Theme::from_dir(dir)?),
        None => Ok(Theme::embedded()),
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second initialisation (tests) is harmless, so its error is ignored.
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Open the configured store, applying migrations.
///
/// # Errors
/// One line saying what is wrong with the database.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    herald_store::open(&settings.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// `herald serve`.
///
/// # Errors
/// Start-up failures: database, theme, or the address cannot be bound.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    init_logging(settings.log_format);
    let store = open_store(&settings).await?;
    if store.languages().await?.is_empty() {
        println!(
            "This site has no content yet. Run `herald demo --data {}` for a demo site.",
            settings.data.display()
        );
    }
    if let Some(hint) = admin_hint(store.as_ref(), &settings.data).await? {
        println!("{hint}");
    }
    run(settings, store).await
}

/// What to do when nobody can administer the site: no admin at all, or none
/// with a password (as after `herald demo`). `None` when an admin can log in.
///
/// # Errors
/// The store cannot be read.
pub async fn admin_hint(store: &dyn Store, data: &Path) -> anyhow::Result<Option<String>> {
    let users = store.users().await?;
    let admins: Vec<&herald_core::User> = users
        .iter()
        .filter(|u| u.role == herald_core::Role::Admin)
        .collect();
    let Some(first) = admins.first() else {
        return Ok(Some(format!(
            "No administrator yet: create one with `herald user add NAME --role admin --data {}`",
            data.display()
        )));
    };
    for admin in &admins {
        if store.password_hash(&admin.login).await?.is_some() {
            return Ok(None);
        }
    }
    Ok(Some(format!(
        "No administrator has a password yet: set one with `herald user passwd {} --data {}`",
        first.login,
        data.display()
    )))
}

/// `herald demo`: fill an empty site with the demo content, then serve it.
///
/// # Errors
/// As [`serve`], or the demo content cannot be written.
pub async fn demo(settings: Settings, serve: bool) -> anyhow::Result<()> {
    init_logging(settings.log_format);
    let store = open_store(&settings).await?;
    if store.is_empty().await? && store.languages().await?.is_empty() {
        let mut bundle = crate::demo::demo_bundle(SystemClock.now());
        herald_render::body::prepare_bundle(&mut bundle);
        store
            .insert_bundle(&bundle)
            .await
            .context("cannot write the demo site")?;
        println!(
            "Demo site created in {}: {} posts in {} languages.",
            settings.data.display(),
            bundle.posts.len(),
            bundle.languages.len()
        );
    } else {
        println!(
            "{} already holds a site; serving it as it is.",
            settings.data.display()
        );
    }
    if serve {
        run(settings, store).await
    } else {
        Ok(())
    }
}

/// The web layer's settings from the validated configuration.
fn web_config(settings: &Settings) -> WebConfig {
    WebConfig {
        session_idle_seconds: settings.session_idle_seconds,
        robots_txt: settings.robots_txt.clone(),
        cache: settings.cache,
        feeds: settings.feeds,
        uploads_dir: Some(settings.data.join("uploads")),
        page_cache: settings.page_cache,
        ..WebConfig::new(settings.base_url.clone())
    }
}

/// The web layer's state over `store` with the configured theme and settings.
///
/// # Errors
/// The theme cannot be loaded.
pub fn app_state(settings: &Settings, store: Arc<dyn Store>) -> anyhow::Result<AppState> {
    let theme = load_theme(settings.theme.as_deref())?;
    Ok(AppState::new(
        store,
        theme,
        Arc::new(SystemClock),
        Arc::new(OsRandom),
        web_config(settings),
    ))
}

async fn run(settings: Settings, store: Arc<dyn Store>) -> anyhow::Result<()> {
    let state = app_state(&settings, store)?;
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot listen on {}: {e}; choose another address with --bind",
                settings.bind
            )
        })?;
    println!(
        "Herald is serving {} (listening on {})",
        settings.base_url, settings.bind
    );
    // The peer address is the client address that login throttling counts.
    let app = herald_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")?;
    println!("Herald stopped.");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use herald_core::{NewUser, Role};

    use super::*;

    fn user(login: &str, role: Role) -> NewUser {
        NewUser {
            login: login.into(),
            slug: login.into(),
            display_name: login.into(),
            email: String::new(),
            role,
            password_hash: None,
        }
    }

    #[test]
    fn the_web_layer_gets_the_session_idle_time() {
        let over = crate::config::Overrides {
            base_url: Some("https://news.example/".into()),
            session_idle_minutes: Some("30".into()),
            ..crate::config::Overrides::default()
        };
        let file = crate::config::FileConfig::default();
        let settings = crate::config::settings(Path::new("d"), file, over).unwrap();
        let web = web_config(&settings);
        assert_eq!(web.session_idle_seconds, 30 * 60);
        assert_eq!(web.cache, herald_web::caching::CachePolicy::default());
        assert_eq!(web.base_url, "https://news.example");
    }

    #[tokio::test]
    async fn the_hint_says_how_to_get_an_administrator() {
        let dir = tempfile::tempdir().unwrap();
        let store = herald_store::SqliteStore::open(&dir.path().join("t.db")).unwrap();
        let data = Path::new("/srv/site");
        let hint = admin_hint(&store, data).await.unwrap().unwrap();
        assert_eq!(
            hint,
            "No administrator yet: create one with `herald user add NAME --role admin --data /srv/site`"
        );
        store.create_user(&user("ed", Role::Editor)).await.unwrap();
        let hint = admin_hint(&store, data).await.unwrap().unwrap();
        assert!(hint.starts_with("No administrator yet"), "{hint}");
        let id = store.create_user(&user("root", Role::Admin)).await.unwrap();
        let hint = admin_hint(&store, data).await.unwrap().unwrap();
        assert!(
            hint.contains("`herald user passwd root --data /srv/site`"),
            "{hint}"
        );
        store.set_password_hash(id, "$argon2id$x").await.unwrap();
        assert_eq!(admin_hint(&store, data).await.unwrap(), None);
    }
}
