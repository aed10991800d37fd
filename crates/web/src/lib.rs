//! `previously-web` is the web app and JSON API of previously: server-rendered pages and
//! `/api/v1` answers about a series knowledge base, every one cut at the reader's horizon.
//!
//! The crate owns HTTP only. Knowledge comes from `previously-series` (every query takes a
//! [`Horizon`]), storage from `previously-store`; the server loads the store into an
//! in-memory [`state::Snapshot`] at start and after each ingest, and caches one
//! [`state::View`] per (series, horizon), so a request never waits on the database.
//!
//! Invariants:
//! - **The horizon.** Every handler computes its answer from the view at the reader's
//!   horizon (`?as_of=`, else the cookie, else the first episode on pages and "latest" in
//!   the API, which says so in its `horizon` field). Titles of later episodes are never
//!   rendered; only their numbers appear, in the horizon picker.
//! - **Escaping.** Pages are maud templates; article text is only ever spliced with
//!   maud's escaping `(expr)`, and links are built from values percent-encoded here.
//! - **Errors.** Every error is an [`error::ErrorCode`] from one table: JSON `{message,
//!   code}` under `/api`, an HTML page elsewhere. No request can panic the server: a
//!   catch-panic layer turns a bug into a 500 with code `internal`.
//!
//! [`Horizon`]: previously_series::Horizon

pub mod api;
pub mod ctx;
pub mod data;
pub mod error;
pub mod graph;
pub mod horizon;
pub mod link;
pub mod openapi;
pub mod pages;
pub mod search;
pub mod site;
pub mod state;

pub use state::{AppState, Snapshot};

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use error::{AppError, ErrorCode};
use std::net::SocketAddr;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

/// The largest request body: an article is read up to 8 MiB (the reader's own cap).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long one request may take before it is answered with `timeout`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Content-Security-Policy of every response: no scripts at all, styles and forms from this
/// origin only. Escaping is the defence; this is the second line behind it.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::new(
        ErrorCode::Internal,
        "the server hit a bug answering this request",
    )
    .into_response()
}

async fn timeout_response(err: tower::BoxError) -> Response {
    if err.is::<tower::timeout::error::Elapsed>() {
        AppError::new(ErrorCode::Timeout, "the request took too long").into_response()
    } else {
        AppError::new(ErrorCode::Internal, format!("the request failed: {err}")).into_response()
    }
}

async fn healthz() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        "{\"status\":\"ok\"}",
    )
}

/// Every route, with the operational layers: request logging, a timeout, a body limit,
/// panic catching and security headers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/series", get(api::series_list))
        .route("/series/{key}", get(api::series))
        .route("/series/{key}/episodes", get(api::episodes))
        .route("/series/{key}/episodes/{episode}", get(api::episode))
        .route("/series/{key}/cast", get(api::cast))
        .route("/series/{key}/entities/{name}", get(api::entity))
        .route("/series/{key}/reveals", get(api::reveals))
        .route("/series/{key}/timeline", get(api::timeline))
        .route("/series/{key}/graph", get(api::graph))
        .route("/series/{key}/search", get(api::search))
        .route("/search", get(api::search_all))
        .route("/articles", axum::routing::post(api::ingest))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);
    let routes = Router::new()
        .route("/", get(site::home))
        .route("/healthz", get(healthz))
        .route("/assets/style.css", get(site::style))
        .route("/s/{key}", get(site::series))
        .route("/s/{key}/e/{episode}", get(site::episode))
        .route("/s/{key}/entity/{name}", get(site::entity))
        .route("/s/{key}/graph", get(site::graph_page))
        .route("/s/{key}/search", get(site::search_page))
        .nest("/api/v1", api)
        .fallback(site::not_found)
        .method_not_allowed_fallback(site::method_not_allowed)
        .with_state(state);
    with_layers(routes, REQUEST_TIMEOUT)
}

/// The operational layers around any router: request logging, a timeout answered with
/// `timeout`, a body limit, panic catching (a bug answers 500 `internal` and the server goes
/// on), and security headers. Public so that tests can wrap routes of their own.
pub fn with_layers(routes: Router, timeout: Duration) -> Router {
    routes.layer(DefaultBodyLimit::max(MAX_BODY_BYTES)).layer(
        ServiceBuilder::new()
            .layer(
                // One line per request at INFO: method, path, status and latency. The query
                // string is left out of the log, because it holds what readers search for.
                TraceLayer::new_for_http()
                    .make_span_with(|req: &Request<_>| {
                        tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                    })
                    .on_request(())
                    .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Micros)),
            )
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(HandleErrorLayer::new(timeout_response))
            .timeout(timeout)
            .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
            .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
            .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"))),
    )
}

/// Installs the request log (`RUST_LOG` filters it; `info` by default). Idempotent.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info"));
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// How often the catalogue's search index is brought up to date in the background.
const INDEX_EVERY: Duration = Duration::from_secs(2);

/// Serves `state` on `addr` until Ctrl-C or SIGTERM, then finishes the requests in flight.
/// Every `poll` the store's change stamp is compared with the last one seen (one indexed
/// query), so that what other processes ingest (the CLI into the same SQLite file, another
/// server on the same PostgreSQL store) shows on the next request after it; `None` turns
/// this off.
pub fn serve(state: AppState, addr: SocketAddr, poll: Option<Duration>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // The PostgreSQL client owns a runtime of its own, which must not be dropped inside
    // this one; holding a clone here makes the store's last owner this thread, after the
    // runtime is gone.
    let keep = state.clone();
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        tracing::info!("listening on http://{}", listener.local_addr()?);
        if let Some(every) = poll {
            let st = state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    let st = st.clone();
                    match tokio::task::spawn_blocking(move || st.sync()).await {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => tracing::warn!(error = %e, "checking the store for changes failed; trying again"),
                        Err(e) => tracing::warn!(error = %e, "checking the store for changes failed"),
                    }
                }
            });
        }
        // The catalogue's search index catches up in the background: a first build on a
        // large store takes a while, and must hold up neither start-up nor the poll.
        if state.0.index.is_some() {
            let st = state.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(INDEX_EVERY);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    let st = st.clone();
                    match tokio::task::spawn_blocking(move || st.catch_up_index(None)).await {
                        Ok(Ok(Some(n))) if n > 0 => tracing::info!(series = n, "search index brought up to date"),
                        Ok(Ok(_)) => {}
                        Ok(Err(e)) => tracing::warn!(error = %e, "bringing the search index up to date failed; trying again"),
                        Err(e) => tracing::warn!(error = %e, "bringing the search index up to date failed"),
                    }
                }
            });
        }
        axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await
    });
    drop(runtime);
    drop(keep);
    served
}
