//! Full-text search for the pages and the API, on the tantivy index of `previously-search`
//! (the same search as `previously search` on the command line).
//!
//! The index is built once per series snapshot from its placed articles' paragraphs; the horizon
//! and the series are part of the query, so a paragraph about a later episode can neither
//! match nor shape a snippet. Snippets come back as plain segments, escaped by whoever
//! renders them.

use crate::error::{AppError, ErrorCode};
use crate::state::{Snapshot, StoredArticle};
use previously_search::{Paragraph, SearchIndex, Section};
use previously_series::{Episode, Horizon};
use serde::Serialize;

pub use previously_search::{Segment, MAX_QUERY_CHARS};

/// At most this many results are returned.
pub const MAX_RESULTS: usize = 50;

/// One matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub episode: Episode,
    pub outlet: Option<String>,
    pub section: Section,
    /// Index of the paragraph within its section.
    pub paragraph: usize,
    /// Index of the article in the snapshot, for the link to the paragraph.
    #[serde(skip)]
    pub article: usize,
    /// Relevance (BM25); higher is better.
    pub score: f32,
    pub snippet: Vec<Segment>,
}

/// Indexes every paragraph of the placed articles. The article field holds the article's
/// index in the snapshot, so that a hit links straight to its paragraph.
pub fn build_index(articles: &[StoredArticle]) -> Option<SearchIndex> {
    let mut paragraphs = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for (section, paras) in [(Section::Recap, &a.recap), (Section::Review, &a.review)] {
            for (index, text) in paras.iter().enumerate() {
                paragraphs.push(Paragraph {
                    series: a.series_key.clone(),
                    episode: a.episode,
                    article: i.to_string(),
                    outlet: a.info.outlet.clone(),
                    section,
                    index,
                    text: text.clone(),
                });
            }
        }
    }
    match SearchIndex::build(paragraphs) {
        Ok(index) => Some(index),
        Err(e) => {
            tracing::error!(error = %e, "the search index could not be built; search is unavailable");
            None
        }
    }
}

/// Searches the paragraphs of the snapshot's series that the horizon admits.
pub fn search(snap: &Snapshot, horizon: Horizon, query: &str) -> Result<Vec<Hit>, AppError> {
    let key = snap.meta.key.as_str();
    let Some(index) = snap.search_index() else {
        return Err(AppError::new(
            ErrorCode::Internal,
            "search is unavailable on this server",
        ));
    };
    let hits = index
        .search(Some(key), query, horizon, MAX_RESULTS)
        .map_err(|e| match e {
            previously_search::SearchError::QueryTooLong => AppError::new(
                ErrorCode::QueryTooLong,
                format!("a search is at most {MAX_QUERY_CHARS} characters"),
            ),
            other => AppError::new(ErrorCode::Internal, format!("the search failed: {other}")),
        })?;
    Ok(hits
        .into_iter()
        .filter_map(|h| {
            Some(Hit {
                article: h.article.parse().ok()?,
                episode: h.episode,
                outlet: h.outlet,
                section: h.section,
                paragraph: h.index,
                score: h.score,
                snippet: h.snippet,
            })
        })
        .collect())
}
