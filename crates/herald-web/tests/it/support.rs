//! `TestApp`: a router over a temporary SQLite database filled with the fixture,
//! with a clock the test controls.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use herald_core::FixedClock;
use herald_render::Theme;
use herald_web::{AppState, WebConfig, router};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use tower::ServiceExt;

use crate::fixture::{NOW, fixture};

pub struct TestApp {
    pub clock: Arc<FixedClock>,
    router: axum::Router,
    _dir: tempfile::TempDir,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("selector");
        self.html()
            .select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    }

    /// Values of `attr` on every element matching `selector`.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("selector");
        self.html()
            .select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }
}

impl TestApp {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = herald_store::SqliteStore::open(&dir.path().join("herald.db")).expect("open");
        let mut bundle = fixture();
        herald_render::body::prepare_bundle(&mut bundle);
        herald_core::Store::insert_bundle(&store, &bundle)
            .await
            .expect("fixture");
        let clock = Arc::new(FixedClock::new(NOW));
        let state = AppState::new(
            Arc::new(store),
            Theme::embedded(),
            clock.clone(),
            WebConfig {
                base_url: "https://news.example".into(),
            },
        );
        Self {
            clock,
            router: router(state),
            _dir: dir,
        }
    }

    pub async fn request(&self, method: &str, uri: &str) -> Page {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .expect("request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Page {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.request("GET", uri).await
    }
}
