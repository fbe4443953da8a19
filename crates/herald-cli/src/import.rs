//! `herald import wordpress EXPORT.xml`: a WordPress site moved over in one
//! command. Everything the user typed is checked first; the export is read
//! once to plan (a dry run stops there, after converting every body for the
//! report) and once more to write, in one transaction; uploaded files are
//! copied only after that transaction commits.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use herald_core::{Clock, ImportFeed};
use herald_import::wordpress::{self, Feed, Options, Outcome, Plan, Progress, Report};
use herald_import::wxr::{WxrEntry, WxrReader};

use crate::config::Settings;
use crate::fetch::Fetcher;
use crate::serve::open_store;

/// What `herald import wordpress` was asked to do (its command-line options).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WordpressArgs {
    /// The export file (WXR).
    pub file: PathBuf,
    /// The language of a one-language export (en, fa, ar…); a language
    /// taxonomy in the export (Polylang) wins per post.
    #[arg(long)]
    pub lang: Option<String>,
    /// Another address the old site answered at (repeatable), e.g.
    /// https://example.org/en: links to it are rewritten.
    #[arg(long = "old-url")]
    pub old_urls: Vec<String>,
    /// A copy of the old wp-content/uploads folder: files are copied into
    /// the data folder and served from /uploads/.
    #[arg(long)]
    pub uploads: Option<PathBuf>,
    /// Keep spam and trashed comments (never shown).
    #[arg(long)]
    pub include_spam: bool,
    /// The old site's category base (WordPress's default: category).
    #[arg(long)]
    pub category_base: Option<String>,
    /// The old site's tag base (default: tag).
    #[arg(long)]
    pub tag_base: Option<String>,
    /// Print the full report and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Download attachments missing from --uploads from the old site
    /// (never from loopback, private or link-local addresses).
    #[arg(long)]
    pub fetch_attachments: bool,
    /// Show progress on standard error (always from the command line).
    #[arg(skip = true)]
    pub progress: bool,
}

/// Check what the user typed before anything is read or written.
///
/// # Errors
/// One line naming the option that is wrong.
pub fn check(args: &WordpressArgs) -> anyhow::Result<()> {
    if !args.file.is_file() {
        bail!("{} is not a file", args.file.display());
    }
    if let Some(lang) = &args.lang
        && wordpress::normalise_code(lang).as_deref() != Some(lang.as_str())
    {
        bail!("--lang `{lang}` is not a language code such as en, fa or ar");
    }
    for url in &args.old_urls {
        let ok = (url.starts_with("http://") || url.starts_with("https://"))
            && herald_core::redirect::normalise(url).is_some();
        if !ok {
            bail!("--old-url `{url}` is not an address such as https://example.org/en");
        }
    }
    if let Some(dir) = &args.uploads
        && !dir.is_dir()
    {
        bail!("--uploads {} is not a folder", dir.display());
    }
    for (flag, base) in [
        ("--category-base", &args.category_base),
        ("--tag-base", &args.tag_base),
    ] {
        if let Some(base) = base
            && (base.trim_matches('/').is_empty() || base.contains(['?', '#', ' ']))
        {
            bail!("{flag} `{base}` is not a path segment such as category or topic");
        }
    }
    Ok(())
}

/// The export's channel (its address names this import's rows).
fn site_of(path: &Path) -> anyhow::Result<herald_import::wxr::SiteInfo> {
    let reader: WxrReader<_> = wordpress::open(path)?;
    for entry in reader {
        match entry.with_context(|| path.display().to_string())? {
            WxrEntry::Site(site) => return Ok(site),
            _ => continue,
        }
    }
    Ok(herald_import::wxr::SiteInfo::default())
}

/// Run the import; the summary to print.
///
/// # Errors
/// A file that cannot be read or is not a WordPress export, a database
/// error; nothing is written then.
pub async fn wordpress(
    settings: &Settings,
    args: WordpressArgs,
    clock: &dyn Clock,
) -> anyhow::Result<String> {
    check(&args)?;
    let store = open_store(settings).await?;
    let options = Options {
        language: args.lang.clone(),
        old_urls: args.old_urls.clone(),
        uploads: args.uploads.clone(),
        include_spam: args.include_spam,
        category_base: args
            .category_base
            .clone()
            .unwrap_or_else(|| "category".into()),
        tag_base: args.tag_base.clone().unwrap_or_else(|| "tag".into()),
        now: clock.now(),
    };
    let started = Instant::now();
    let path = args.file.clone();
    let site = tokio::task::spawn_blocking(move || site_of(&path)).await??;
    let source = wordpress::source_of(&site);
    let state = store.import_state(&source).await?;
    let path = args.file.clone();
    let plan_options = options.clone();
    let staging = settings.data.join("uploads").join(".incoming");
    let fetcher = (args.fetch_attachments && !args.dry_run).then(|| Fetcher::new(&staging));
    let (mut plan, fetch_failures) = tokio::task::spawn_blocking(move || {
        let mut failures = Vec::new();
        let mut locate = |url: &str, rel: &str| {
            if let Some(dir) = &plan_options.uploads {
                let file = dir.join(rel);
                if file.is_file() {
                    return Some(file);
                }
            }
            let fetcher = fetcher.as_ref()?;
            match fetcher.fetch(url, rel) {
                Ok(file) => Some(file),
                Err(e) => {
                    failures.push(e);
                    None
                }
            }
        };
        wordpress::plan_file(&path, &state, &plan_options, &mut locate).map(|p| (p, failures))
    })
    .await??;
    for failure in fetch_failures {
        plan.report.warn(format!("not fetched: {failure}"));
    }
    let plan = Arc::new(plan);
    let progress = args.progress.then(|| progress_printer(plan.items));
    let reader = wordpress::open(&args.file)?;
    let prepare: wordpress::Prepare = Arc::new(herald_render::body::prepare_post);
    let (feed, outcome) = Feed::new(reader, Arc::clone(&plan), options, prepare, progress);
    if args.dry_run {
        let steps = tokio::task::spawn_blocking(move || drain(feed)).await??;
        let report = report(&plan, &outcome);
        return Ok(format!(
            "{report}Dry run: {steps} steps checked in {:.1} s; nothing was written.",
            started.elapsed().as_secs_f64()
        ));
    }
    store
        .import(Box::new(feed))
        .await
        .context("the import failed and nothing was written")?;
    let copied = copy_uploads(&settings.data, &plan)?;
    let _ = std::fs::remove_dir_all(&staging);
    let report = report(&plan, &outcome);
    let posts = report.counted("posts") + report.counted("pages");
    let seconds = started.elapsed().as_secs_f64();
    Ok(format!(
        "{report}Imported {posts} posts and pages in {seconds:.1} s ({:.0} per second); \
         copied {copied} uploaded files. New users must set a password \
         (herald user passwd LOGIN) before they can sign in.",
        posts as f64 / seconds.max(0.001),
    ))
}

/// Read every step without writing; how many there were.
fn drain<R: std::io::BufRead + Send>(mut feed: Feed<R>) -> anyhow::Result<u64> {
    let mut steps = 0;
    while let Some(step) = feed.next_op() {
        step.map_err(anyhow::Error::msg)?;
        steps += 1;
    }
    Ok(steps)
}

fn report(plan: &Plan, outcome: &std::sync::Mutex<Outcome>) -> Report {
    match outcome.lock() {
        Ok(outcome) => wordpress::full_report(plan, &outcome),
        Err(_) => plan.report.clone(),
    }
}

/// Copy the uploads the plan found (in `--uploads` or fetched) into
/// `DATA/uploads/`, once the import has committed.
fn copy_uploads(data: &Path, plan: &Plan) -> anyhow::Result<usize> {
    let root = data.join("uploads");
    let mut copied = 0;
    for (from, rel) in &plan.uploads {
        let to = root.join(rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::copy(from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        copied += 1;
    }
    Ok(copied)
}

/// Progress on standard error: a live line on a terminal (items, rate,
/// time left), a plain line every few seconds otherwise.
fn progress_printer(total: u64) -> Progress {
    let terminal = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut last = Instant::now();
    let every = if terminal {
        Duration::from_millis(200)
    } else {
        Duration::from_secs(5)
    };
    Box::new(move |done, _| {
        let finished = done >= total;
        if !finished && last.elapsed() < every {
            return;
        }
        last = Instant::now();
        let seconds = started.elapsed().as_secs_f64().max(0.001);
        let rate = done as f64 / seconds;
        let left = if rate > 0.0 {
            (total.saturating_sub(done)) as f64 / rate
        } else {
            0.0
        };
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let width = 30usize;
        let filled = (percent as usize * width / 100).min(width);
        let line = format!(
            "[{}{}] {done}/{total} items  {rate:.0}/s  ETA {left:.0} s",
            "#".repeat(filled),
            "-".repeat(width - filled)
        );
        let mut err = std::io::stderr();
        let _ = if terminal {
            write!(err, "\r{line}{}", if finished { "\n" } else { "" })
        } else {
            writeln!(err, "{line}")
        };
    })
}
