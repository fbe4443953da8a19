//! Configuration in two phases: raw values from `herald.toml` in the data folder,
//! `HERALD_*` environment variables and flags (flags win, then the environment,
//! then the file), then validated settings. A bad value is reported with the
//! name of its key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

/// The name of the configuration file inside the data folder.
pub const CONFIG_FILE: &str = "herald.toml";

/// Values as written in `herald.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub base_url: Option<String>,
    pub database_url: Option<String>,
    pub theme: Option<PathBuf>,
    pub log_format: Option<String>,
}

/// Values given on the command line or in the environment (already merged by clap).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
    pub base_url: Option<String>,
    pub database_url: Option<String>,
    pub theme: Option<PathBuf>,
    pub log_format: Option<String>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data: PathBuf,
    pub bind: SocketAddr,
    pub base_url: String,
    pub database_url: String,
    pub theme: Option<PathBuf>,
    pub log_format: LogFormat,
}

/// Read `herald.toml` from `data` (absent is fine).
///
/// # Errors
/// An unreadable file, bad TOML or an unknown key, naming the file.
pub fn read_file(data: &Path) -> anyhow::Result<FileConfig> {
    let path = data.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("invalid config {}: {}", path.display(), e.message())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Merge and validate.
///
/// # Errors
/// The first invalid value, naming its key.
pub fn settings(data: &Path, file: FileConfig, over: Overrides) -> anyhow::Result<Settings> {
    let bind_text = over
        .bind
        .or(file.bind)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let bind: SocketAddr = bind_text.parse().map_err(|_| {
        anyhow::anyhow!("invalid config: bind `{bind_text}` is not an address like 127.0.0.1:8080")
    })?;
    let base_url = over
        .base_url
        .or(file.base_url)
        .unwrap_or_else(|| format!("http://{bind}"));
    if !(base_url.starts_with("http://") || base_url.starts_with("https://"))
        || base_url.len() < 10
        || base_url.contains(char::is_whitespace)
    {
        bail!("invalid config: base_url `{base_url}` must be an absolute http:// or https:// URL");
    }
    let database_url = over
        .database_url
        .or(file.database_url)
        .unwrap_or_else(|| format!("sqlite://{}", data.join("herald.db").display()));
    let log_format = match over.log_format.or(file.log_format).as_deref() {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => bail!("invalid config: log_format `{other}` must be `text` or `json`"),
    };
    Ok(Settings {
        data: data.to_owned(),
        bind,
        base_url: base_url.trim_end_matches('/').to_owned(),
        database_url,
        theme: over.theme.or(file.theme),
        log_format,
    })
}

/// Create the data folder if needed and make sure Herald can write in it.
///
/// # Errors
/// The folder cannot be created or written.
pub fn prepare_data_folder(data: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(data)
        .with_context(|| format!("cannot create data folder {}", data.display()))?;
    let probe = data.join(".herald-write-check");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("data folder {} is not writable", data.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = toml::from_str::<FileConfig>("bnd = \"x\"").unwrap_err();
        assert!(err.message().contains("bnd"), "{}", err.message());
    }

    #[test]
    fn flags_beat_file_and_bad_bind_is_named() {
        let file = FileConfig {
            bind: Some("127.0.0.1:9000".into()),
            ..FileConfig::default()
        };
        let over = Overrides {
            bind: Some("127.0.0.1:9100".into()),
            ..Overrides::default()
        };
        let s = settings(Path::new("d"), file, over).unwrap();
        assert_eq!(s.bind.port(), 9100);
        assert_eq!(s.base_url, "http://127.0.0.1:9100");
        let bad = Overrides {
            bind: Some("nowhere".into()),
            ..Overrides::default()
        };
        let err = settings(Path::new("d"), FileConfig::default(), bad).unwrap_err();
        assert!(err.to_string().contains("bind"), "{err}");
    }
}
