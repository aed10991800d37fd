//! Operational behaviour: a panicking handler and a slow one are answered with JSON errors
//! and the server goes on; health, security headers and the request log's layers are on.

mod common;

use axum::http::StatusCode;
use axum::routing::get as route_get;
use axum::Router;
use common::*;
use std::time::Duration;

#[test]
fn a_panicking_handler_answers_500_json_and_the_server_goes_on() {
    let routes = Router::new()
        .route(
            "/boom",
            route_get(|| async {
                if true {
                    panic!("a bug")
                } else {
                    "never"
                }
            }),
        )
        .route("/fine", route_get(|| async { "fine" }));
    let app = previously_web::with_layers(routes, Duration::from_secs(5));
    let r = get(&app, "/boom");
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.json()["code"], "internal");
    assert_eq!(get(&app, "/fine").status, StatusCode::OK);
}

#[test]
fn a_slow_request_is_answered_with_a_timeout_error() {
    let routes = Router::new().route(
        "/slow",
        route_get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    );
    let app = previously_web::with_layers(routes, Duration::from_millis(50));
    let r = get(&app, "/slow");
    assert_eq!(r.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(r.json()["code"], "timeout");
}

#[test]
fn health_and_security_headers_are_served() {
    let backend = Backend::sqlite();
    let app = backend.app(false, None);
    let r = get(&app, "/healthz");
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let page = get(&app, "/s/vesper%20tide?as_of=S1E2");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page
        .header("content-security-policy")
        .is_some_and(|c| c.contains("default-src 'none'")));
    assert!(!page.body.contains("<script"), "pages need no script");
}
