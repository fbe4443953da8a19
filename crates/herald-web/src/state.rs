//! What every handler shares: the store, the theme, the clock, and the settings
//! that come from configuration rather than the database.

use std::sync::Arc;

use herald_core::{Clock, Store};
use herald_render::Theme;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Absolute base URL of the public site, without a trailing slash.
    pub base_url: String,
}

/// The shared state of the router. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub theme: Arc<Theme>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<WebConfig>,
}

impl AppState {
    /// State over `store` with the given theme and clock.
    pub fn new(
        store: Arc<dyn Store>,
        theme: Theme,
        clock: Arc<dyn Clock>,
        config: WebConfig,
    ) -> Self {
        let mut config = config;
        config.base_url = config.base_url.trim_end_matches('/').to_owned();
        Self {
            store,
            theme: Arc::new(theme),
            clock,
            config: Arc::new(config),
        }
    }
}
