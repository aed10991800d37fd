//! Full-text search for the pages and the API, on the tantivy index of `previously-search`
//! (the same search as `previously search` on the command line).
//!
//! The index is built once per series snapshot from its placed articles' paragraphs; the horizon
//! and the series are part of the query, so a paragraph about a later episode can neither
//! match nor shape a snippet. Snippets come back as plain segments, escaped by whoever
//! renders them.

use crate::error::{AppError, ErrorCode};
use crate::state::{Snapshot, StoredArticle};
use previously_search::{CatalogueIndex, Paragraph, SearchIndex, Section};
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

/// Why the catalogue index could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum CatchUpError {
    #[error(transparent)]
    Store(#[from] previously_store::StoreError),
    #[error("{0}")]
    Search(#[from] previously_search::SearchError),
}

/// The paragraphs of the series `key` as the store holds them now, for the catalogue index.
pub fn paragraphs_of(
    store: &dyn previously_store::Store,
    key: &str,
) -> Result<Vec<Paragraph>, previously_store::StoreError> {
    let mut out = Vec::new();
    for (input, article) in store.series_articles(key)? {
        let Some(ep) = input.article.episode.map(Episode::from) else {
            continue;
        };
        for (section, paras) in [
            (Section::Recap, article.recap),
            (Section::Review, article.review),
        ] {
            for (index, text) in paras.into_iter().enumerate() {
                out.push(Paragraph {
                    series: key.to_string(),
                    episode: ep,
                    article: input.article.id.clone(),
                    outlet: input.article.outlet.clone(),
                    section,
                    index,
                    text,
                });
            }
        }
    }
    Ok(out)
}

/// How many series one commit of a catch-up re-indexes: bounds the paragraphs held at once.
const CATCH_UP_BATCH: usize = 256;

/// Brings the catalogue index from its stamp up to `store_stamp` by re-indexing the series
/// `changed` since (from `Store::changed_since(index.stamp())`), reading each with
/// `paragraphs_of` (which may take a lock per series, so that readers interleave). Commits
/// every few hundred series; only the last commit records `store_stamp`, so an interrupted
/// catch-up starts again where the index last was. Returns the series re-indexed.
pub fn catch_up(
    index: &CatalogueIndex,
    store_stamp: i64,
    changed: Vec<String>,
    mut paragraphs_of: impl FnMut(&str) -> Result<Vec<Paragraph>, previously_store::StoreError>,
) -> Result<usize, CatchUpError> {
    let from = index.stamp()?;
    if from >= store_stamp {
        return Ok(0);
    }
    let total = changed.len();
    let batches: Vec<&[String]> = changed.chunks(CATCH_UP_BATCH).collect();
    if batches.is_empty() {
        index.replace_series(store_stamp, Vec::new())?;
    }
    for (i, batch) in batches.iter().enumerate() {
        let mut series = Vec::with_capacity(batch.len());
        for key in *batch {
            series.push((key.clone(), paragraphs_of(key)?));
        }
        let stamp = if i + 1 == batches.len() {
            store_stamp
        } else {
            from
        };
        index.replace_series(stamp, series)?;
    }
    Ok(total)
}
