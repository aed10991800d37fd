//! The test harness: a demo store (the Vesper Tide series, read with
//! `previously_article::read_path` and `previously_extract::extract`, ingested through the
//! store API) on SQLite in a temporary folder, or on PostgreSQL when
//! `PREVIOUSLY_TEST_PG_URL` names a server; and a way to send requests to the router
//! without a socket.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use previously_article::{Article, Format};
use previously_store::{PostgresStore, SqliteStore, Store};
use previously_web::AppState;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

pub fn demo_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut files = Vec::new();
    for outlet in ["glasshouse", "lantern-screen", "tidewater"] {
        let mut dir: Vec<PathBuf> = std::fs::read_dir(root.join(outlet))
            .expect("the demo series is in examples/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        dir.sort();
        files.extend(dir);
    }
    assert_eq!(files.len(), 18, "six episodes from three outlets");
    files
}

pub fn ingest_demo(store: &mut dyn Store) {
    for f in demo_files() {
        let parsed = previously_article::read_path(&f).expect("demo articles read");
        let story = previously_extract::extract(&parsed.article).story;
        store.ingest(&parsed.article, &story).expect("ingests");
    }
}

/// A recap written to attack the page: a script, an attribute break-out with an event
/// handler, and `javascript:` links, in the text, the title, the outlet and the series.
pub fn hostile_article() -> Article {
    Article {
        series: Some("Night <script>alert('series')</script> Market".into()),
        season: Some(1),
        episode: Some(1),
        title: Some("\"><img src=x onerror=alert('title')>".into()),
        outlet: Some("<script>alert('outlet')</script> Weekly".into()),
        url: None,
        date: None,
        author: None,
        headline: None,
        recap: vec![
            "Captain Ivo Strand met Marisol Arden at the docks. <script>alert(1)</script> Strand laughed.".into(),
            "\"><img src=x onerror=alert(2)> Marisol Arden ran to <a href=\"javascript:alert(3)\">the light</a> and [click](javascript:alert(4)).".into(),
            "Marisol Arden said Strand is a <svg onload=alert(5)> liar; ' onmouseover='alert(6)' was written on the wall.".into(),
        ],
        review: vec!["A great episode, Marisol Arden shines. 9/10 <iframe src=javascript:alert(7)></iframe>".into()],
        review_heading: Some("Review".into()),
        format: Format::Text,
        source: None,
        content_hash: "hostile-article-hash".into(),
        placed_by: None,
    }
}

pub fn ingest_hostile(store: &mut dyn Store) {
    let a = hostile_article();
    let story = previously_extract::extract(&a).story;
    store.ingest(&a, &story).expect("ingests");
}

pub enum Backend {
    Sqlite(tempfile::TempDir),
    Postgres(String),
}

impl Backend {
    /// A fresh SQLite store in a temporary folder.
    pub fn sqlite() -> Backend {
        Backend::Sqlite(tempfile::tempdir().expect("a temporary folder"))
    }

    /// A fresh PostgreSQL schema named after the test, or `None` (with a notice) when no
    /// server is configured.
    pub fn postgres(test: &str) -> Option<Backend> {
        let Some(base) = std::env::var("PREVIOUSLY_TEST_PG_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): skipping {test}; run under scripts/with-postgres.sh");
            return None;
        };
        let schema = format!("web_{test}");
        let mut admin = postgres::Client::connect(&base, postgres::NoTls)
            .expect("the test server is reachable");
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
            ))
            .expect("a fresh schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        Some(Backend::Postgres(format!(
            "{base}{sep}options=-csearch_path%3D{schema}"
        )))
    }

    pub fn open(&self) -> Box<dyn Store + Send> {
        match self {
            Backend::Sqlite(dir) => {
                Box::new(SqliteStore::open(&dir.path().join("store.sqlite3")).expect("opens"))
            }
            Backend::Postgres(url) => Box::new(PostgresStore::connect(url).expect("connects")),
        }
    }

    /// The demo store served, with the server's state (to sync it as the poll would, and to
    /// look at its cache).
    pub fn app_with_state(&self, token: Option<&str>) -> (AppState, Router) {
        let mut store = self.open();
        ingest_demo(store.as_mut());
        let state = AppState::open(store, token.map(str::to_string)).expect("loads");
        (state.clone(), previously_web::router(state))
    }

    /// The store with the demo series (and, when asked, the hostile article), served with a
    /// catalogue search index in a temporary folder (kept until the process ends).
    pub fn app(&self, hostile: bool, token: Option<&str>) -> Router {
        let mut store = self.open();
        ingest_demo(store.as_mut());
        if hostile {
            ingest_hostile(store.as_mut());
        }
        let index_dir = tempfile::tempdir().expect("a temporary folder").keep();
        let options = previously_web::state::Options {
            index_dir: Some(index_dir),
            ..Default::default()
        };
        let state = AppState::open_with(store, token.map(str::to_string), &options).expect("loads");
        previously_web::router(state)
    }
}

/// Runs one test on SQLite and, when a server is configured, on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&super::common::Backend::sqlite());
            }
            #[test]
            fn postgres() {
                if let Some(b) = super::common::Backend::postgres(stringify!($name)) {
                    super::$name(&b);
                }
            }
        }
    )*};
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Runs a future to completion on a fresh runtime. The tests are plain functions because
/// the PostgreSQL client blocks, and must not be opened inside a runtime.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

pub fn send(app: &Router, req: Request<Body>) -> Reply {
    let app = app.clone();
    block_on(async move {
        let res = app.oneshot(req).await.expect("the router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("a body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    })
}

pub fn get(app: &Router, uri: &str) -> Reply {
    send(
        app,
        Request::get(uri).body(Body::empty()).expect("a request"),
    )
}

pub fn get_with(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut b = Request::get(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    send(app, b.body(Body::empty()).expect("a request"))
}

/// Every same-site link of a page, `&amp;` undone and the fragment dropped.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("href=\"").skip(1) {
        if let Some(end) = part.find('"') {
            let href = part[..end].replace("&amp;", "&");
            let href = href.split('#').next().unwrap_or("").to_string();
            if href.starts_with('/') && !href.is_empty() {
                out.push(href);
            }
        }
    }
    out
}

/// True when `needle` occurs in `hay` as a whole word (not inside a longer word).
pub fn contains_word(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = at + needle.len().max(1);
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}
