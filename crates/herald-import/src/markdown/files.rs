//! The content folder: every `*.md` file below it (hidden folders left
//! out), in a stable order, each read with a size limit and described by its
//! place in the folder: section folders, name, language suffix, and whether
//! it is a folder's `_index.md` (a section page) or `index.md` (a leaf
//! bundle: the post is the folder).

use std::io::Read;
use std::path::{Path, PathBuf};

use herald_core::Timestamp;

use super::super::wordpress::normalise_code;

/// Largest file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// What a file's name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Index {
    /// `name.md`.
    None,
    /// `index.md`: a leaf bundle; the folder names the post.
    Leaf,
    /// `_index.md`: the folder's own page.
    Section,
}

/// One content file, found and read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path below the content folder, with `/` between folders.
    pub rel: String,
    /// Folders between the content folder and the file.
    pub folders: Vec<String>,
    /// The name without `.md` and without a language suffix.
    pub stem: String,
    /// The language of a `name.fa.md` file.
    pub lang_suffix: Option<String>,
    pub index: Index,
    pub text: String,
    /// When the file was last changed (its date when the front matter has
    /// none, as Hugo's `:fileModTime`), in seconds since 1970.
    pub modified: Option<Timestamp>,
}

/// A file that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub rel: String,
    pub reason: String,
}

/// Every Markdown file below `root`, sorted by path.
///
/// # Errors
/// The folder itself cannot be listed.
pub fn walk(root: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<Unreadable>)> {
    let mut paths = Vec::new();
    collect(root, &mut paths, 0)?;
    paths.sort();
    let mut files = Vec::new();
    let mut bad = Vec::new();
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        match read(&path) {
            Ok((text, modified)) => {
                let mut file = describe(&rel, text);
                file.modified = modified;
                files.push(file);
            }
            Err(reason) => bad.push(Unreadable { rel, reason }),
        }
    }
    Ok((files, bad))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    if depth > 32 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            collect(&path, out, depth + 1)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<(String, Option<Timestamp>), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    let size = metadata.len();
    let modified = metadata
        .modified()
        .ok()
        .and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| Timestamp::try_from(d.as_secs()).ok());
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "it is larger than {} MiB ({size} bytes)",
            MAX_FILE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((text, modified))
}

/// The file's place: `posts/trip/index.fa.md` → folders `posts`, `trip`,
/// stem `index`, language `fa`, a leaf bundle.
fn describe(rel: &str, text: String) -> SourceFile {
    let mut folders: Vec<String> = rel.split('/').map(str::to_owned).collect();
    let name = folders.pop().unwrap_or_default();
    let base = name.strip_suffix(".md").unwrap_or(&name);
    let (stem, lang_suffix) = match base.rsplit_once('.') {
        Some((stem, code)) if normalise_code(code).as_deref() == Some(code) => {
            (stem.to_owned(), Some(code.to_owned()))
        }
        _ => (base.to_owned(), None),
    };
    let index = match stem.as_str() {
        "index" => Index::Leaf,
        "_index" => Index::Section,
        _ => Index::None,
    };
    SourceFile {
        rel: rel.to_owned(),
        folders,
        stem,
        lang_suffix,
        index,
        text,
        modified: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_language_and_kind() {
        let f = describe("posts/trip/index.fa.md", String::new());
        assert_eq!(f.folders, vec!["posts", "trip"]);
        assert_eq!(f.stem, "index");
        assert_eq!(f.lang_suffix.as_deref(), Some("fa"));
        assert_eq!(f.index, Index::Leaf);
        let f = describe("a.b.c.md", String::new());
        assert_eq!((f.stem.as_str(), f.lang_suffix), ("a.b.c", None));
        let f = describe("_index.md", String::new());
        assert_eq!(f.index, Index::Section);
        assert!(f.folders.is_empty());
    }
}
