//! Content changes made by other instances (or any program) over the same
//! database: migration 0006's triggers send `NOTIFY herald_content` with the
//! schema's name when a content write commits; one connection per store,
//! outside the pool, listens and bumps the content generation for its schema.
//!
//! The listener starts on the first call to `content_generation` (serving
//! processes ask, commands never do) on the caller's tokio runtime. Until
//! `LISTEN` is in place, and whenever the connection drops, the generation is
//! unknown (no page cache serves anything); reconnecting bumps it, since
//! notifications sent meanwhile were lost. An idle listener asks the server
//! for an empty answer every few seconds, so a connection that died silently
//! is replaced too. The task ends soon after the store is dropped.

use std::future::poll_fn;
use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, Config, NoTls};

use crate::generation::Generation;

/// The channel migration 0006's triggers notify.
const CHANNEL: &str = "herald_content";
/// How long to wait before reconnecting a dropped listener.
const RETRY: Duration = Duration::from_secs(1);
/// How often an idle listener checks that its store is still there and that
/// the server still answers: the longest a silently dropped connection goes
/// unnoticed (plus [`HEARTBEAT_TIMEOUT`]).
const ALIVE_CHECK: Duration = Duration::from_secs(5);
/// How long the server may take to answer that check.
const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(2);

/// Start the listener of `generation` on the current tokio runtime; without
/// one, a later call tries again.
pub(super) fn start(config: &Config, generation: &Arc<Generation>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        generation.start_failed();
        return;
    };
    runtime.spawn(run(config.clone(), Arc::downgrade(generation)));
}

async fn run(config: Config, generation: Weak<Generation>) {
    loop {
        if let Err(e) = listen(&config, &generation).await {
            tracing::warn!(error = %e, "lost the content notifications; page caching paused");
        }
        let Some(alive) = generation.upgrade() else {
            return;
        };
        alive.set_watching(false);
        drop(alive);
        tokio::time::sleep(RETRY).await;
    }
}

/// One listening connection, until it drops (an error) or the store is gone.
async fn listen(
    config: &Config,
    generation: &Weak<Generation>,
) -> Result<(), tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    let (sender, mut payloads) = mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        while let Some(message) = poll_fn(|cx| connection.poll_message(cx)).await {
            match message {
                Ok(AsyncMessage::Notification(n)) => {
                    let _ = sender.send(n.payload().to_owned());
                }
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    });
    let schema: String = client
        .query_one("SELECT current_schema()", &[])
        .await?
        .try_get(0)?;
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    let Some(alive) = generation.upgrade() else {
        return Ok(());
    };
    alive.set_watching(true);
    drop(alive);
    loop {
        match tokio::time::timeout(ALIVE_CHECK, payloads.recv()).await {
            Ok(Some(payload)) => {
                if let Some(alive) = generation.upgrade()
                    && payload == schema
                {
                    alive.bump();
                }
            }
            Ok(None) => break,
            Err(_idle) => {
                if !answers(&client).await {
                    tracing::warn!("the content notification connection stopped answering");
                    driver.abort();
                    return Ok(());
                }
            }
        }
        if generation.strong_count() == 0 {
            driver.abort();
            return Ok(());
        }
    }
    drop(client);
    match driver.await {
        Ok(Err(e)) => Err(e),
        _ => Ok(()),
    }
}

/// Whether the listening connection still answers: a silently dropped one
/// (a half-open TCP connection) would otherwise lose notifications unseen.
async fn answers(client: &tokio_postgres::Client) -> bool {
    matches!(
        tokio::time::timeout(HEARTBEAT_TIMEOUT, client.simple_query("")).await,
        Ok(Ok(_))
    )
}
