//! What every handler reads from a request besides its path: the query pairs, the
//! remembered horizons and the conditional-request header; and the responses with ETags.
//!
//! The extractor never rejects: a malformed or oversized query is recorded and reported by
//! the handler (as JSON under `/api`, as a page elsewhere), so that both kinds of client get
//! an error in their own format.

use crate::error::{AppError, ErrorCode};
use crate::horizon::{self, Chosen};
use crate::state::{RenderCache, Rendered, SeriesMeta};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use previously_series::Horizon;

/// Query strings longer than this are refused outright.
pub const MAX_QUERY_BYTES: usize = 2048;

pub struct Ctx {
    /// The request path, for cache keys.
    pub path: String,
    pairs: Vec<(String, String)>,
    query_error: Option<AppError>,
    pub remembered: Vec<(String, Horizon)>,
    if_none_match: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or("");
        let (pairs, query_error) = if raw.len() > MAX_QUERY_BYTES {
            (
                Vec::new(),
                Some(AppError::new(
                    ErrorCode::QueryTooLong,
                    format!("the query string is over {MAX_QUERY_BYTES} bytes"),
                )),
            )
        } else {
            match serde_urlencoded::from_str::<Vec<(String, String)>>(raw) {
                Ok(p) => (p, None),
                Err(_) => (
                    Vec::new(),
                    Some(AppError::new(
                        ErrorCode::BadQuery,
                        "the query string is not valid URL encoding",
                    )),
                ),
            }
        };
        let cookie = parts
            .headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok());
        Ok(Ctx {
            path: parts.uri.path().to_string(),
            pairs,
            query_error,
            remembered: horizon::from_cookie(cookie),
            if_none_match: parts
                .headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
        })
    }
}

impl Ctx {
    /// Fails when the query string could not be read.
    pub fn check(&self) -> Result<(), AppError> {
        match &self.query_error {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The horizon of an API request: `?as_of=`, else everything ingested.
    pub fn api_horizon(&self) -> Result<Horizon, AppError> {
        self.check()?;
        match self.param("as_of").filter(|v| !v.is_empty()) {
            Some(v) => horizon::parse(v),
            None => Ok(Horizon::Latest),
        }
    }

    /// Which claims to show: `?min_certainty=confirmed|suspected` (default suspected, all)
    /// and `?min_outlets=N` (default 1, all).
    pub fn confidence(&self) -> Result<previously_series::Confidence, AppError> {
        self.check()?;
        let confirmed_only = match self.param("min_certainty").filter(|v| !v.is_empty()) {
            None | Some("suspected") => false,
            Some("confirmed") => true,
            Some(_) => {
                return Err(AppError::new(
                    ErrorCode::BadQuery,
                    "min_certainty is confirmed or suspected",
                ))
            }
        };
        let min_outlets = match self.param("min_outlets").filter(|v| !v.is_empty()) {
            None => 1,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= 1000)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::BadQuery,
                        "min_outlets is a whole number from 0 to 1000",
                    )
                })?,
        };
        Ok(previously_series::Confidence {
            confirmed_only,
            min_outlets,
        })
    }

    /// The horizon of a page about one series, and the cookie to set when the URL chose it.
    pub fn page_horizon(
        &self,
        meta: &SeriesMeta,
    ) -> Result<(Horizon, Chosen, Option<String>), AppError> {
        self.check()?;
        let (h, chosen) = horizon::for_page(
            self.param("as_of"),
            &self.remembered,
            &meta.key,
            meta.episodes.first().copied(),
        )?;
        let remembered_same = self
            .remembered
            .iter()
            .any(|(k, r)| *k == meta.key && *r == h);
        let cookie = (chosen == Chosen::Url && !remembered_same)
            .then(|| horizon::cookie_with(self.remembered.clone(), &meta.key, h));
        Ok((h, chosen, cookie))
    }

    /// The response of a GET, from `cache` (a series snapshot's, or the lists' until the
    /// store changes) when it was rendered before. `key` must hold everything besides the
    /// path that the body depends on.
    pub fn cached(
        &self,
        cache: &RenderCache,
        content_type: &'static str,
        key: &str,
        cookie: Option<String>,
        build: impl FnOnce() -> Result<String, AppError>,
    ) -> Result<Response, AppError> {
        let full = format!("{}|{key}", self.path);
        let r = match cache.get(&full) {
            Some(r) => r,
            None => cache.remember(full, Rendered::new(content_type, build()?)),
        };
        Ok(self.respond_rendered(&r, cookie))
    }

    /// A 200 response with a weak ETag over the body, or 304 when the client has it.
    pub fn respond(
        &self,
        content_type: &'static str,
        body: String,
        cookie: Option<String>,
    ) -> Response {
        self.respond_rendered(&Rendered::new(content_type, body), cookie)
    }

    pub fn respond_rendered(&self, r: &Rendered, cookie: Option<String>) -> Response {
        let etag = r.etag.as_str();
        let fresh = self
            .if_none_match
            .as_deref()
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        let mut response = if fresh {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            r.body.clone().into_response()
        };
        let headers: &mut HeaderMap = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(r.content_type),
        );
        if let Ok(v) = HeaderValue::from_str(etag) {
            headers.insert(header::ETAG, v);
        }
        // Pages depend on the horizon cookie, so caches must keep one copy per cookie and
        // revalidate each time (cheap: a 304 has no body).
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
        if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            headers.insert(header::SET_COOKIE, c);
        }
        response
    }
}
