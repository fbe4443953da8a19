//! `herald redirects check OLD-URLS.txt`: follow each old address through
//! the site's own router (no server needed) and say where it lands and
//! whether that page answers 200, so an owner can prove no link broke.

use std::path::Path;

use anyhow::Context;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::config::Settings;
use crate::serve::{app_state, open_store};

/// Most redirects followed for one address.
const MAX_HOPS: usize = 10;
/// Most addresses one check reads.
const MAX_ADDRESSES: usize = 1_000_000;

/// Where one old address led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    pub old: String,
    /// Every address it was sent to, in order.
    pub hops: Vec<String>,
    /// The last answer's status; `None` when it left the site.
    pub status: Option<u16>,
}

impl Landing {
    /// Whether the address ends on a page of this site that answers 200.
    pub fn ok(&self) -> bool {
        self.status == Some(200)
    }
}

/// The request path of an old URL or path, or `None` for a line that is
/// neither.
fn request_target(old: &str) -> Option<String> {
    let old = old.trim();
    if old.starts_with('/') {
        return Some(old.to_owned());
    }
    let rest = old
        .strip_prefix("https://")
        .or_else(|| old.strip_prefix("http://"))?;
    Some(match rest.find(['/', '?']) {
        Some(at) if rest.as_bytes()[at] == b'?' => format!("/{}", &rest[at..]),
        Some(at) => rest[at..].to_owned(),
        None => "/".to_owned(),
    })
}

/// Follow `old` through `router`.
pub async fn follow(router: &Router, old: &str, base_url: &str) -> Landing {
    let mut landing = Landing {
        old: old.to_owned(),
        hops: Vec::new(),
        status: None,
    };
    let Some(mut target) = request_target(old) else {
        return landing;
    };
    for _ in 0..=MAX_HOPS {
        let Ok(request) = Request::get(&target).body(Body::empty()) else {
            landing.status = Some(400);
            return landing;
        };
        let Ok(response) = router.clone().oneshot(request).await;
        let status = response.status();
        landing.status = Some(status.as_u16());
        if !status.is_redirection() {
            return landing;
        }
        let Some(location) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
        else {
            return landing;
        };
        landing.hops.push(location.to_owned());
        let next = if let Some(path) = location.strip_prefix(base_url) {
            if path.is_empty() {
                "/".to_owned()
            } else {
                path.to_owned()
            }
        } else if location.starts_with('/') {
            location.to_owned()
        } else {
            // It leaves the site (a file kept at its old address).
            landing.status = None;
            return landing;
        };
        target = next;
    }
    landing.status = Some(StatusCode::LOOP_DETECTED.as_u16());
    landing
}

/// Check every address in `file`; the report and whether all landed.
///
/// # Errors
/// The file cannot be read, or the site cannot be opened.
pub async fn check_file(settings: &Settings, file: &Path) -> anyhow::Result<(String, bool)> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let addresses: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(MAX_ADDRESSES)
        .collect();
    let store = open_store(settings).await?;
    let router = herald_web::router(app_state(settings, store)?);
    let mut out = String::new();
    let mut landed = 0;
    for old in &addresses {
        let landing = follow(&router, old, &settings.base_url).await;
        if landing.ok() {
            landed += 1;
        }
        out.push_str(&describe(&landing));
        out.push('\n');
    }
    out.push_str(&format!(
        "{landed} of {} old addresses land on a page that answers 200.",
        addresses.len()
    ));
    Ok((out, landed == addresses.len()))
}

fn describe(landing: &Landing) -> String {
    let verdict = if landing.ok() { "ok  " } else { "FAIL" };
    let path = if landing.hops.is_empty() {
        String::new()
    } else {
        format!(" -> {}", landing.hops.join(" -> "))
    };
    let status = match landing.status {
        Some(code) => code.to_string(),
        None if landing.hops.is_empty() => "not an address".to_owned(),
        None => "leaves the site".to_owned(),
    };
    format!("{verdict} {}{path} ({status})", landing.old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_urls_and_paths() {
        assert_eq!(request_target("/a/b/").as_deref(), Some("/a/b/"));
        assert_eq!(
            request_target("https://old.example.org/2019/03/x/?amp=1").as_deref(),
            Some("/2019/03/x/?amp=1")
        );
        assert_eq!(
            request_target("http://old.example.org?p=3").as_deref(),
            Some("/?p=3")
        );
        assert_eq!(
            request_target("http://old.example.org").as_deref(),
            Some("/")
        );
        assert_eq!(request_target("hello"), None);
    }
}
