//! The one table of error codes. Every error the server answers with — JSON from the API,
//! an HTML page from the site — is an [`ErrorCode`] with a stable code string and one HTTP
//! status, so that a client can branch on `code` and the OpenAPI document can list them all.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Every kind of error the server reports. The code strings are part of the API contract:
/// add new ones, never rename old ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadHorizon,
    BadQuery,
    QueryTooLong,
    MissingQuery,
    UnknownSeries,
    UnknownEntity,
    UnknownEpisode,
    EpisodeBeyondHorizon,
    NotFound,
    MethodNotAllowed,
    MissingToken,
    InvalidToken,
    IngestDisabled,
    BadArticle,
    PayloadTooLarge,
    Timeout,
    StoreFailed,
    SearchUnavailable,
    Internal,
}

impl ErrorCode {
    /// Every code, for the OpenAPI document and its test.
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::BadHorizon,
        ErrorCode::BadQuery,
        ErrorCode::QueryTooLong,
        ErrorCode::MissingQuery,
        ErrorCode::UnknownSeries,
        ErrorCode::UnknownEntity,
        ErrorCode::UnknownEpisode,
        ErrorCode::EpisodeBeyondHorizon,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::MissingToken,
        ErrorCode::InvalidToken,
        ErrorCode::IngestDisabled,
        ErrorCode::BadArticle,
        ErrorCode::PayloadTooLarge,
        ErrorCode::Timeout,
        ErrorCode::StoreFailed,
        ErrorCode::SearchUnavailable,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        self.row().0
    }

    pub fn status(self) -> StatusCode {
        self.row().1
    }

    /// The table itself: code string and status side by side, so that they cannot drift.
    fn row(self) -> (&'static str, StatusCode) {
        match self {
            ErrorCode::BadHorizon => ("bad_horizon", StatusCode::BAD_REQUEST),
            ErrorCode::BadQuery => ("bad_query", StatusCode::BAD_REQUEST),
            ErrorCode::QueryTooLong => ("query_too_long", StatusCode::BAD_REQUEST),
            ErrorCode::MissingQuery => ("missing_query", StatusCode::BAD_REQUEST),
            ErrorCode::UnknownSeries => ("unknown_series", StatusCode::NOT_FOUND),
            ErrorCode::UnknownEntity => ("unknown_entity", StatusCode::NOT_FOUND),
            ErrorCode::UnknownEpisode => ("unknown_episode", StatusCode::NOT_FOUND),
            ErrorCode::EpisodeBeyondHorizon => ("episode_beyond_horizon", StatusCode::NOT_FOUND),
            ErrorCode::NotFound => ("not_found", StatusCode::NOT_FOUND),
            ErrorCode::MethodNotAllowed => ("method_not_allowed", StatusCode::METHOD_NOT_ALLOWED),
            ErrorCode::MissingToken => ("missing_token", StatusCode::UNAUTHORIZED),
            ErrorCode::InvalidToken => ("invalid_token", StatusCode::UNAUTHORIZED),
            ErrorCode::IngestDisabled => ("ingest_disabled", StatusCode::FORBIDDEN),
            ErrorCode::BadArticle => ("bad_article", StatusCode::UNPROCESSABLE_ENTITY),
            ErrorCode::PayloadTooLarge => ("payload_too_large", StatusCode::PAYLOAD_TOO_LARGE),
            ErrorCode::Timeout => ("timeout", StatusCode::REQUEST_TIMEOUT),
            ErrorCode::StoreFailed => ("store_failed", StatusCode::SERVICE_UNAVAILABLE),
            ErrorCode::SearchUnavailable => ("search_unavailable", StatusCode::SERVICE_UNAVAILABLE),
            ErrorCode::Internal => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
        }
    }
}

/// An error with a message for people. `suggestions` carries close names for an unknown
/// entity; they come from the knowledge base as of the reader's horizon, so they are safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub suggestions: Vec<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            suggestions: Vec::new(),
        }
    }

    pub fn with_suggestions(mut self, suggestions: Vec<String>) -> Self {
        self.suggestions = suggestions;
        self
    }

    pub fn body(&self) -> ErrorBody<'_> {
        ErrorBody {
            message: &self.message,
            code: self.code.as_str(),
            suggestions: if self.suggestions.is_empty() {
                None
            } else {
                Some(&self.suggestions)
            },
        }
    }
}

/// The JSON shape of every API error.
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    pub message: &'a str,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<&'a Vec<String>>,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code.as_str())
    }
}

/// API handlers return this; it renders as `{message, code}` JSON with the code's status.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body())
            .unwrap_or_else(|_| b"{\"message\":\"error\",\"code\":\"internal\"}".to_vec());
        (
            self.code.status(),
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

impl From<previously_store::StoreError> for AppError {
    fn from(e: previously_store::StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        AppError::new(
            ErrorCode::StoreFailed,
            "the store could not answer; try again later",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_unique_and_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {}", c.as_str());
            assert!(c
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(c.status().is_client_error() || c.status().is_server_error());
        }
    }
}
