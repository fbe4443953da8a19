//! `herald import wordpress`: a WordPress export (WXR) into Herald, in two
//! passes over the file. [`plan`] reads it once and decides every id, slug,
//! language and old address without writing anything (this is also the dry
//! run); [`Feed`] reads it again and hands the store its steps, which the
//! store applies in one transaction. Running the same import again finds
//! the rows it wrote (by the old site's address and WordPress's ids) and
//! updates them.

mod addresses;
mod export;
mod feed;
mod languages;
mod plan;
mod report;

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use herald_core::{Post, Timestamp};

pub use addresses::Addresses;
pub use export::{ExportOptions, ExportSummary, write_wxr};
pub use feed::{Feed, Outcome, Progress};
pub use languages::{new_language, normalise_code};
pub use plan::{Locate, Plan, PlannedMedia, PlannedPost, plan, source_of};
pub use report::Report;

use crate::wxr::{WxrError, WxrReader};

/// Fills a post's derived fields (rendered body, excerpt) with the
/// language's excerpt length; the CLI passes Herald's renderer.
pub type Prepare = Arc<dyn Fn(&mut Post, u32) + Send + Sync>;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language of a one-language export (`--lang`); a language
    /// taxonomy in the export wins per post.
    pub language: Option<String>,
    /// More addresses the old site answered at (`--old-url`): links to them
    /// are rewritten and their paths are old-address prefixes.
    pub old_urls: Vec<String>,
    /// A copy of the old `wp-content/uploads` folder (`--uploads`).
    pub uploads: Option<PathBuf>,
    /// Keep spam and trashed comments (as such, never shown).
    pub include_spam: bool,
    /// The old site's category base (WordPress's default: `category`).
    pub category_base: String,
    /// The old site's tag base (default: `tag`).
    pub tag_base: String,
    /// The time of the import, for entries without a date.
    pub now: Timestamp,
}

/// Why an import cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Wxr { path: String, source: WxrError },
}

/// A reader over the export at `path`.
///
/// # Errors
/// [`ImportError::Io`] when the file cannot be opened.
pub fn open(path: &Path) -> Result<WxrReader<BufReader<File>>, ImportError> {
    let file = File::open(path).map_err(|source| ImportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(WxrReader::new(BufReader::with_capacity(1 << 16, file)))
}

/// Pass one over the file at `path`.
///
/// # Errors
/// The file cannot be read, is not WXR, or is not well-formed XML.
pub fn plan_file(
    path: &Path,
    state: &herald_core::ImportState,
    options: &Options,
    locate: &mut Locate<'_>,
) -> Result<Plan, ImportError> {
    plan(open(path)?, state, options, locate).map_err(|source| ImportError::Wxr {
        path: path.display().to_string(),
        source,
    })
}

/// The whole report: the plan's and what pass two added.
pub fn full_report(plan: &Plan, outcome: &Outcome) -> Report {
    let mut report = plan.report.clone();
    let extra = &outcome.report;
    for (kind, n) in &extra.counts {
        *report.counts.entry(kind).or_default() += n;
    }
    for (reason, n) in &extra.skipped {
        *report.skipped.entry(reason.clone()).or_default() += n;
    }
    for (name, n) in &extra.unknown_shortcodes {
        *report.unknown_shortcodes.entry(name.clone()).or_default() += n;
    }
    for warning in &extra.warnings {
        report.warn(warning.clone());
    }
    report.more_warnings += extra.more_warnings;
    report
        .counts
        .insert("redirects", plan.addresses.len() as u64);
    report
}
