//! What an import did or would do: counts per kind of row, what was skipped
//! and why, ids that could not be kept, shortcodes Herald does not know,
//! password-protected posts, and every per-item warning.

use std::collections::BTreeMap;
use std::fmt;

/// Most warnings kept word for word; the rest are only counted.
const MAX_WARNINGS: usize = 500;

/// The report of one import run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Rows written (or to write, on a dry run) per kind: `users`, `topics`,
    /// `tags`, `posts`, `pages`, `media`, `comments`, `redirects`, `languages`.
    pub counts: BTreeMap<&'static str, u64>,
    /// Entries left out, per reason.
    pub skipped: BTreeMap<String, u64>,
    /// `(kind, WordPress id, Herald id)` of rows whose id was taken.
    pub id_changes: Vec<(&'static str, i64, i64)>,
    /// Shortcodes kept as text, with how many posts hold each.
    pub unknown_shortcodes: BTreeMap<String, u64>,
    /// Password-protected posts, imported as private: `(Herald id, title)`.
    pub protected: Vec<(i64, String)>,
    /// Per-item problems, in file order (the first [`MAX_WARNINGS`]).
    pub warnings: Vec<String>,
    /// Warnings beyond [`MAX_WARNINGS`], counted only.
    pub more_warnings: u64,
}

impl Report {
    pub(crate) fn count(&mut self, kind: &'static str) {
        *self.counts.entry(kind).or_default() += 1;
    }

    pub(crate) fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_default() += 1;
    }

    pub fn warn(&mut self, warning: impl Into<String>) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning.into());
        } else {
            self.more_warnings += 1;
        }
    }

    /// How many rows of `kind` were counted.
    pub fn counted(&self, kind: &str) -> u64 {
        self.counts.get(kind).copied().unwrap_or(0)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Imported:")?;
        for (kind, n) in &self.counts {
            writeln!(f, "  {kind:<12} {n}")?;
        }
        if !self.skipped.is_empty() {
            writeln!(f, "Left out:")?;
            for (reason, n) in &self.skipped {
                writeln!(f, "  {n:>6}  {reason}")?;
            }
        }
        if !self.id_changes.is_empty() {
            writeln!(
                f,
                "Ids already in use here ({}); these got new ids (old links still redirect):",
                self.id_changes.len()
            )?;
            for (kind, old, new) in self.id_changes.iter().take(50) {
                writeln!(f, "  {kind} {old} -> {new}")?;
            }
            if self.id_changes.len() > 50 {
                writeln!(f, "  … and {} more", self.id_changes.len() - 50)?;
            }
        }
        if !self.unknown_shortcodes.is_empty() {
            writeln!(f, "Shortcodes kept as text (no Herald equivalent):")?;
            for (name, n) in &self.unknown_shortcodes {
                writeln!(f, "  [{name}] in {n} post(s)")?;
            }
        }
        if !self.protected.is_empty() {
            writeln!(
                f,
                "Password-protected posts, imported as private (not public):"
            )?;
            for (id, title) in &self.protected {
                writeln!(f, "  {id}  {title}")?;
            }
        }
        if !self.warnings.is_empty() {
            writeln!(f, "Warnings:")?;
            for warning in &self.warnings {
                writeln!(f, "  {warning}")?;
            }
            if self.more_warnings > 0 {
                writeln!(f, "  … and {} more", self.more_warnings)?;
            }
        }
        Ok(())
    }
}
