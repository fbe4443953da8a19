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
    pub store: Arc<dyn herald_core::Store>,
    router: axum::Router,
    _dir: Option<tempfile::TempDir>,
    _schema: Option<herald_store::test_support::PostgresSchema>,
}

/// Run each named test (an `async fn(TestApp)`) on SQLite, and on PostgreSQL
/// when it is reachable (required in CI).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::support::TestApp::sqlite().await).await;
                }

                #[tokio::test]
                async fn postgres() {
                    if let Some(app) = $crate::support::TestApp::postgres().await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
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
    /// The fixture site on a fresh SQLite file.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("herald.db").display());
        let store = herald_store::open(&url).await.expect("open sqlite");
        Self::with_store(store, Some(dir), None).await
    }

    /// The fixture site in a fresh PostgreSQL schema, when PostgreSQL is there.
    pub async fn postgres() -> Option<Self> {
        let schema = herald_store::test_support::fresh_postgres_schema().await?;
        let store = herald_store::open(schema.url())
            .await
            .expect("open postgres");
        Some(Self::with_store(store, None, Some(schema)).await)
    }

    /// A router over `store`, filled with the fixture.
    pub async fn with_store(
        store: Arc<dyn herald_core::Store>,
        dir: Option<tempfile::TempDir>,
        schema: Option<herald_store::test_support::PostgresSchema>,
    ) -> Self {
        let mut bundle = fixture();
        herald_render::body::prepare_bundle(&mut bundle);
        store.insert_bundle(&bundle).await.expect("fixture");
        Self::over(store, dir, schema)
    }

    /// A router over a store that is already filled (another instance).
    pub fn over(
        store: Arc<dyn herald_core::Store>,
        dir: Option<tempfile::TempDir>,
        schema: Option<herald_store::test_support::PostgresSchema>,
    ) -> Self {
        let clock = Arc::new(FixedClock::new(NOW));
        let state = AppState::new(
            store.clone(),
            Theme::embedded(),
            clock.clone(),
            WebConfig {
                base_url: "https://news.example".into(),
            },
        );
        Self {
            clock,
            store,
            router: router(state),
            _dir: dir,
            _schema: schema,
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
