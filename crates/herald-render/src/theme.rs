//! Themes: templates loaded at run time (from a folder, falling back to the
//! default theme embedded in the binary) and one stylesheet served under a
//! content hash so browsers may cache it forever.

use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template `{name}`: {source}")]
    Template {
        name: String,
        #[source]
        source: minijinja::Error,
    },
    #[error("cannot read theme folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
}

/// The default theme's files, embedded at build time.
const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("listing.html", include_str!("../templates/listing.html")),
    ("post.html", include_str!("../templates/post.html")),
    ("page.html", include_str!("../templates/page.html")),
    (
        "not_found.html",
        include_str!("../templates/not_found.html"),
    ),
    (
        "partials/item.html",
        include_str!("../templates/partials/item.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../templates/partials/pager.html"),
    ),
    (
        "partials/breadcrumbs.html",
        include_str!("../templates/partials/breadcrumbs.html"),
    ),
];

const EMBEDDED_CSS: &str = include_str!("../static/theme.css");

/// The names of every page template a theme must be able to render.
pub const PAGE_TEMPLATES: &[&str] = &["listing.html", "post.html", "page.html", "not_found.html"];

/// A loaded theme.
pub struct Theme {
    env: Environment<'static>,
    css: String,
    css_path: String,
}

impl Theme {
    /// The default theme embedded in the binary.
    pub fn embedded() -> Self {
        Self::build(None, EMBEDDED_CSS.to_owned())
    }

    /// A theme from `dir` (`templates/…` and `static/theme.css`); any file it
    /// lacks comes from the default theme.
    ///
    /// # Errors
    /// [`RenderError::Folder`] when `dir` cannot be read.
    pub fn from_dir(dir: &Path) -> Result<Self, RenderError> {
        std::fs::read_dir(dir).map_err(|e| RenderError::Folder(dir.to_owned(), e))?;
        let css = match std::fs::read_to_string(dir.join("static/theme.css")) {
            Ok(css) => css,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => EMBEDDED_CSS.to_owned(),
            Err(e) => return Err(RenderError::Folder(dir.to_owned(), e)),
        };
        Ok(Self::build(Some(dir.join("templates")), css))
    }

    fn build(dir: Option<PathBuf>, css: String) -> Self {
        let mut env = Environment::new();
        env.set_loader(move |name| {
            if let Some(dir) = &dir {
                let path = dir.join(name);
                if !name.contains("..") && path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read {}: {e}", path.display()),
                        )
                    });
                }
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, source)| (*source).to_owned()))
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(lean_escape);
        let css_path = format!("/assets/theme.{:016x}.css", fnv1a(css.as_bytes()));
        Self { env, css, css_path }
    }

    /// Render `template` with `context`.
    ///
    /// # Errors
    /// [`RenderError::Template`] when the template is missing or fails.
    pub fn render<C: Serialize>(&self, template: &str, context: &C) -> Result<String, RenderError> {
        let error = |source| RenderError::Template {
            name: template.to_owned(),
            source,
        };
        self.env
            .get_template(template)
            .map_err(error)?
            .render(context)
            .map_err(error)
    }

    /// The stylesheet.
    pub fn css(&self) -> &str {
        &self.css
    }

    /// Where the stylesheet is served; changes whenever its content does.
    pub fn css_path(&self) -> &str {
        &self.css_path
    }
}

/// Escape text for HTML like the default formatter, but leave `/` alone:
/// escaping it is not needed and makes every URL six bytes per slash heavier.
fn lean_escape(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            let write_error = |e: std::fmt::Error| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            };
            let mut start = 0;
            for (i, byte) in text.bytes().enumerate() {
                let entity = match byte {
                    b'&' => "&amp;",
                    b'<' => "&lt;",
                    b'>' => "&gt;",
                    b'"' => "&quot;",
                    b'\'' => "&#39;",
                    _ => continue,
                };
                out.write_str(&text[start..i]).map_err(write_error)?;
                out.write_str(entity).map_err(write_error)?;
                start = i + 1;
            }
            out.write_str(&text[start..]).map_err(write_error)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A small, stable hash for cache-busting file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
