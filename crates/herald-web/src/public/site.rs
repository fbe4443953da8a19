//! Per-request site data: settings, languages and kinds, read fresh from the
//! store for every request so a change is visible at once on every instance.

use herald_core::{Kind, Language, SiteSettings, Timestamp};
use herald_render::SiteView;
use herald_render::dates::Tz;
use herald_render::dates::time_zone;

use crate::error::WebError;
use crate::state::AppState;

/// What every public page reads before anything else.
pub struct SiteData {
    pub settings: SiteSettings,
    pub languages: Vec<Language>,
    pub kinds: Vec<Kind>,
    pub tz: Tz,
    /// "Now" for this request, from the injected clock.
    pub now: Timestamp,
}

impl SiteData {
    /// Read the site data.
    ///
    /// # Errors
    /// A store error.
    pub async fn load(state: &AppState) -> Result<Self, WebError> {
        let config = state.store.site_config().await?;
        Ok(Self {
            tz: time_zone(&config.settings.time_zone),
            settings: config.settings,
            languages: config.languages,
            kinds: config.kinds,
            now: state.clock.now(),
        })
    }

    /// The view helpers over this data.
    pub fn view<'a>(&'a self, state: &'a AppState) -> SiteView<'a> {
        SiteView {
            base_url: &state.config.base_url,
            languages: &self.languages,
            kinds: &self.kinds,
            tz: self.tz,
            css_href: state.theme.css_path(),
        }
    }

    /// The language with `code`; not found (in the default language) otherwise.
    ///
    /// # Errors
    /// [`WebError::NotFound`] for an unknown language.
    pub fn language(&self, code: &str) -> Result<&Language, WebError> {
        self.languages
            .iter()
            .find(|l| l.code == code)
            .ok_or(WebError::NotFound { lang: None })
    }

    /// The language to show a page in when the URL named none (or an unknown one).
    pub fn fallback_language(&self, code: Option<&str>) -> Option<&Language> {
        code.and_then(|c| self.languages.iter().find(|l| l.code == c))
            .or_else(|| {
                self.languages
                    .iter()
                    .find(|l| l.code == self.settings.default_language)
            })
            .or_else(|| self.languages.first())
    }
}
