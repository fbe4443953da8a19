//! `herald import markdown DIR`: a Hugo or Zola content folder into Herald.
//!
//! Every `*.md` file below the folder becomes a post, or a page when it sits
//! under a top-level `pages/` folder, says `type: page` or `layout: page`, or
//! is a section's `_index.md`. A leaf bundle's `index.md` is a post named
//! after its folder. Bodies stay Markdown. The file's old address
//! (`/{folders}/{slug}/`, with `/{lang}` in front for a language other than
//! the default, Hugo's `url` and every `aliases` entry) redirects to the new
//! permalink.
//!
//! The folder is small next to a WordPress export, so it is read whole: all
//! ids, slugs and addresses are decided first ([`plan`]), then the store
//! writes the steps in one transaction. Each file is recorded as written by
//! `markdown:{folder}`, so running the import again updates instead of
//! adding twice.

mod files;
mod front_matter;
mod posts;

use std::path::{Path, PathBuf};

use herald_core::{ImportOp, ImportState, Timestamp};

pub use files::MAX_FILE_BYTES;
pub use front_matter::{FrontMatter, split};

use crate::wordpress::{Prepare, Report};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language of files that name none (`--lang`); else the site's
    /// default language, else `en`.
    pub language: Option<String>,
    /// The time of the import, for files without a date.
    pub now: Timestamp,
}

/// Everything decided: the steps to write and the report.
pub struct MarkdownImport {
    pub source: String,
    pub ops: Vec<ImportOp>,
    pub report: Report,
}

/// Why an import cannot start.
#[derive(Debug, thiserror::Error)]
pub enum MarkdownError {
    #[error("{0} is not a folder")]
    NotAFolder(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The name of this import's rows: `markdown:` and the folder's canonical path.
///
/// # Errors
/// [`MarkdownError::NotAFolder`] when `dir` is not a folder.
pub fn source_of(dir: &Path) -> Result<(PathBuf, String), MarkdownError> {
    let canonical = dir
        .canonicalize()
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| MarkdownError::NotAFolder(dir.display().to_string()))?;
    let source = format!("markdown:{}", canonical.display());
    Ok((canonical, source))
}

/// Read the folder and decide every id, slug and address; nothing is written.
///
/// # Errors
/// The folder does not exist or cannot be listed. Files that cannot be read
/// or parsed are reported, not errors.
pub fn plan(
    dir: &Path,
    state: &ImportState,
    options: &Options,
    prepare: &Prepare,
) -> Result<MarkdownImport, MarkdownError> {
    let (root, source) = source_of(dir)?;
    let (found, unreadable) = files::walk(&root).map_err(|e| MarkdownError::Io {
        path: root.display().to_string(),
        source: e,
    })?;
    let mut report = Report::default();
    for bad in unreadable {
        report.skip("files that could not be read");
        report.warn(format!("{}: {}", bad.rel, bad.reason));
    }
    let ops = posts::Planner::new(state, options, &source, &mut report).run(found, prepare);
    Ok(MarkdownImport {
        source,
        ops,
        report,
    })
}
