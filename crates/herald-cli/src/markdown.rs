//! `herald import markdown DIR`: a Hugo or Zola content folder moved over in
//! one command. The folder is read and every id, slug and old address
//! decided first (a dry run stops there and prints the report); then the
//! store writes everything in one transaction.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use herald_core::Clock;
use herald_import::markdown::{self, Options};
use herald_import::wordpress::{Prepare, normalise_code};

use crate::config::Settings;
use crate::serve::open_store;

/// What `herald import markdown` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct MarkdownArgs {
    pub dir: PathBuf,
    pub lang: Option<String>,
    pub dry_run: bool,
}

/// Check what the user typed before anything is read or written.
///
/// # Errors
/// One line naming what is wrong.
pub fn check(args: &MarkdownArgs) -> anyhow::Result<()> {
    if !args.dir.is_dir() {
        bail!("{} is not a folder", args.dir.display());
    }
    if let Some(lang) = &args.lang
        && normalise_code(lang).as_deref() != Some(lang.as_str())
    {
        bail!("--lang `{lang}` is not a language code such as en, fa or ar");
    }
    Ok(())
}

/// Run the import; the summary to print.
///
/// # Errors
/// A folder that cannot be read, a database error; nothing is written then.
pub async fn import(
    settings: &Settings,
    args: MarkdownArgs,
    clock: &dyn Clock,
) -> anyhow::Result<String> {
    check(&args)?;
    let store = open_store(settings).await?;
    let (_, source) = markdown::source_of(&args.dir)?;
    let state = store.import_state(&source).await?;
    let options = Options {
        language: args.lang.clone(),
        now: clock.now(),
    };
    let prepare: Prepare = Arc::new(herald_render::body::prepare_post);
    let dir = args.dir.clone();
    let planned =
        tokio::task::spawn_blocking(move || markdown::plan(&dir, &state, &options, &prepare))
            .await??;
    let report = planned.report;
    if args.dry_run {
        return Ok(format!(
            "{report}Dry run: {} steps checked; nothing was written.",
            planned.ops.len()
        ));
    }
    let ops = planned.ops.into_iter().map(Ok::<_, String>);
    store
        .import(Box::new(ops))
        .await
        .context("the import failed and nothing was written")?;
    let posts = report.counted("posts") + report.counted("pages");
    Ok(format!(
        "{report}Imported {posts} posts and pages from {}.",
        args.dir.display()
    ))
}
