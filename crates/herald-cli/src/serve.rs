//! `herald serve` and `herald demo`: wire the store, theme and clock into the
//! router, listen, and shut down gracefully on SIGINT or SIGTERM.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use herald_core::{Clock, Store};
use herald_render::Theme;
use herald_web::{AppState, WebConfig};

use crate::clock::SystemClock;
use crate::config::{LogFormat, Settings};

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
    let users = store.users().await?;
    if !users.iter().any(|u| u.role == herald_core::Role::Admin) {
        println!(
            "No administrator yet: create one with `herald user add NAME --role admin --data {}`",
            settings.data.display()
        );
    }
    run(settings, store).await
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

async fn run(settings: Settings, store: Arc<dyn Store>) -> anyhow::Result<()> {
    let theme = load_theme(settings.theme.as_deref())?;
    let state = AppState::new(
        store,
        theme,
        Arc::new(SystemClock),
        WebConfig {
            base_url: settings.base_url.clone(),
        },
    );
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
    axum::serve(listener, herald_web::router(state))
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
