//! `TestApp`: a router over a temporary SQLite database filled with the fixture,
//! with a clock the test controls.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use herald_core::{FixedClock, SeededRandom};
use herald_render::Theme;
use herald_web::{AppState, WebConfig, router};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use tower::ServiceExt;

use crate::fixture::{NOW, fixture};

pub struct TestApp {
    pub clock: Arc<FixedClock>,
    pub store: Arc<dyn herald_core::Store>,
    /// The router's page cache (on unless the config turns it off).
    pub pages: Option<Arc<herald_web::cache::PageCache>>,
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
    pub headers: HeaderMap,
    pub body: String,
}

/// A request to send with [`TestApp::send`]: a method and URI, headers, an
/// optional form body (sent form-urlencoded) and the client's address.
#[derive(Debug, Clone)]
pub struct Call {
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    form: Option<Vec<(String, String)>>,
    peer: Option<SocketAddr>,
}

impl Call {
    pub fn get(uri: &str) -> Self {
        Self {
            method: "GET".into(),
            uri: uri.into(),
            headers: Vec::new(),
            form: None,
            peer: None,
        }
    }

    /// A POST of `fields`, form-urlencoded.
    pub fn post(uri: &str, fields: &[(&str, &str)]) -> Self {
        Self {
            method: "POST".into(),
            form: Some(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            ),
            ..Self::get(uri)
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Send the cookie `name=value`.
    pub fn cookie(self, cookie: &str) -> Self {
        self.header("cookie", cookie)
    }

    /// As if the TCP peer were `addr` (`"192.0.2.1:1234"`).
    pub fn from(mut self, addr: &str) -> Self {
        self.peer = Some(addr.parse().expect("socket address"));
        self
    }
}

fn form_encode(fields: &[(String, String)]) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, NON_ALPHANUMERIC),
                utf8_percent_encode(v, NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Seeds for each app's random source, so two apps over one store (two
/// instances) never hand out the same session id.
static NEXT_SEED: AtomicU64 = AtomicU64::new(1);

impl Page {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

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
            Arc::new(SeededRandom::new(NEXT_SEED.fetch_add(1, Ordering::SeqCst))),
            WebConfig::new("https://news.example"),
        );
        Self {
            clock,
            store,
            pages: state.page_cache.clone(),
            router: router(state),
            _dir: dir,
            _schema: schema,
        }
    }

    /// The same site, store and clock with other web settings.
    pub fn with_config(mut self, config: WebConfig) -> Self {
        let state = AppState::new(
            self.store.clone(),
            Theme::embedded(),
            self.clock.clone(),
            Arc::new(SeededRandom::new(NEXT_SEED.fetch_add(1, Ordering::SeqCst))),
            config,
        );
        self.pages = state.page_cache.clone();
        self.router = router(state);
        self
    }

    pub async fn request(&self, method: &str, uri: &str) -> Page {
        let mut call = Call::get(uri);
        call.method = method.into();
        self.send(call).await
    }

    /// Send `call` through the router.
    pub async fn send(&self, call: Call) -> Page {
        let (mut page, bytes) = self.send_bytes(call).await;
        page.body = String::from_utf8_lossy(&bytes).into_owned();
        page
    }

    /// Send `call` with `method`; the page (its `body` left empty) and the
    /// body's bytes as sent (compressed when the answer is).
    pub async fn send_raw(&self, mut call: Call, method: &str) -> (Page, Vec<u8>) {
        call.method = method.into();
        self.send_bytes(call).await
    }

    async fn send_bytes(&self, call: Call) -> (Page, Vec<u8>) {
        let mut builder = Request::builder()
            .method(call.method.as_str())
            .uri(&call.uri);
        for (name, value) in &call.headers {
            builder = builder.header(name, value);
        }
        let body = match &call.form {
            Some(fields) => {
                builder = builder.header("content-type", "application/x-www-form-urlencoded");
                Body::from(form_encode(fields))
            }
            None => Body::empty(),
        };
        let mut request = builder.body(body).expect("request");
        if let Some(peer) = call.peer {
            request.extensions_mut().insert(ConnectInfo(peer));
        }
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
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let page = Page {
            status,
            location,
            headers,
            body: String::new(),
        };
        (page, bytes.to_vec())
    }

    /// The stored post `id`; it must exist.
    pub async fn stored(&self, id: i64) -> herald_core::Post {
        self.store
            .post(id)
            .await
            .expect("store")
            .unwrap_or_else(|| panic!("post {id} is stored"))
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.request("GET", uri).await
    }
}
