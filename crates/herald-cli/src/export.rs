//! `herald export wordpress OUT.xml`: the whole site as a WordPress export
//! (WXR 1.2). The site is read in one consistent snapshot (so it is in
//! memory once, like `herald copy`), then written item by item through a
//! buffered writer to a temporary file beside OUT.xml, which replaces OUT.xml
//! only when complete: a failed export never leaves half a file.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::Context;
use herald_import::wordpress::{ExportOptions, ExportSummary, write_wxr};

use crate::config::Settings;
use crate::serve::open_store;

/// Export the site in `settings` to `file`; the summary to print.
///
/// # Errors
/// A database error, or a file that cannot be written (nothing is left
/// behind then).
pub async fn wordpress(settings: &Settings, file: &Path) -> anyhow::Result<String> {
    let folder = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        anyhow::bail!("{} is not a folder", folder.display());
    }
    let store = open_store(settings).await?;
    let bundle = store.export_bundle().await?;
    let options = ExportOptions {
        base_url: settings.base_url.clone(),
    };
    let target = file.to_path_buf();
    let summary = tokio::task::spawn_blocking(move || -> anyhow::Result<ExportSummary> {
        let temp = tempfile_in(&folder, &target)?;
        let out = std::fs::File::create(&temp)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        let written = write_wxr(&bundle, &options, BufWriter::with_capacity(1 << 16, out))
            .and_then(|summary| std::fs::rename(&temp, &target).map(|()| summary));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written.with_context(|| format!("cannot write {}", target.display()))
    })
    .await??;
    Ok(format!(
        "exported {} posts, {} pages, {} comments, {} media files, {} topics, {} tags, \
         {} authors and {} translation groups to {}",
        summary.posts,
        summary.pages,
        summary.comments,
        summary.media,
        summary.topics,
        summary.tags,
        summary.users,
        summary.translation_groups,
        file.display()
    ))
}

/// A name for the file being written, beside the target.
fn tempfile_in(folder: &Path, target: &Path) -> anyhow::Result<PathBuf> {
    let name = target
        .file_name()
        .with_context(|| format!("{} is not a file name", target.display()))?;
    let mut temp = name.to_os_string();
    temp.push(".partial");
    Ok(folder.join(temp))
}
