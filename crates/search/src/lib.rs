//! `previously-search` is the full-text search over recap and review paragraphs, shared by
//! the CLI (`previously search`) and the web app, built on tantivy.
//!
//! The horizon is part of the query, not a filter on the results: a paragraph about an
//! episode after the reader's horizon can never match, score or shape a snippet. Hits come
//! back as plain data — where the paragraph is, and its snippet as segments marked
//! highlighted or not — so that every renderer escapes the text itself and no markup from
//! an article can reach a page.
//!
//! [`SearchIndex`] lives in memory and is built from the paragraphs a caller hands over
//! (one series, or several); a season of recaps indexes in milliseconds. [`CatalogueIndex`]
//! holds every series on disk beside the store, brought up to date series by series from
//! the store's change stamp, for searches across the whole catalogue.

mod disk;

pub use disk::CatalogueIndex;

use previously_series::{Episode, Horizon};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

/// Longer queries are refused: no real search needs them, and work must not grow with input.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most hits one search returns.
pub const MAX_HITS: usize = 100;
/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 220;
/// The indexing buffer: tantivy's minimum per thread, since the texts are small.
pub(crate) const WRITER_BYTES: usize = 15_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search query is longer than {MAX_QUERY_CHARS} characters")]
    QueryTooLong,
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// Which half of an article a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Recap,
    Review,
}

/// One paragraph to index, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The series key (see `previously_series::series_key`).
    pub series: String,
    pub episode: Episode,
    /// The article's identity, for links back to it.
    pub article: String,
    pub outlet: Option<String>,
    pub section: Section,
    /// Index of the paragraph within its section.
    pub index: usize,
    pub text: String,
}

/// A stretch of a snippet, highlighted (a query term) or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub highlight: bool,
}

/// One matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub series: String,
    pub episode: Episode,
    pub article: String,
    pub outlet: Option<String>,
    pub section: Section,
    pub index: usize,
    pub score: f32,
    pub snippet: Vec<Segment>,
}

/// An in-memory index of paragraphs.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    paragraphs: Vec<Paragraph>,
    series: Field,
    text: Field,
    slot: Field,
}

pub(crate) const ORDER_FIELD: &str = "order";

/// Episodes as one number that orders like [`Episode`], for the horizon's range query.
pub(crate) fn order_of(e: Episode) -> u64 {
    u64::from(e.season) * 1_000_000 + u64::from(e.episode)
}

/// The episode an [`order_of`] number stands for.
pub(crate) fn episode_of_order(order: u64) -> Episode {
    Episode::new(
        u32::try_from(order / 1_000_000).unwrap_or(0),
        u32::try_from(order % 1_000_000).unwrap_or(0),
    )
}

/// Refuses a query longer than [`MAX_QUERY_CHARS`]: no real search needs one.
fn check_query(query: &str) -> Result<(), SearchError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::QueryTooLong);
    }
    Ok(())
}

/// What one search asks: the series (all when `None`), the words, the horizon and how many
/// hits at most.
pub(crate) struct Scope<'q> {
    pub series: Option<&'q str>,
    pub query: &'q str,
    pub horizon: Horizon,
    pub limit: usize,
}

/// The search both indexes run: the query checked and built ([`horizon_query`]), the best
/// documents with their scores, and each one's snippet as segments. Each index turns the
/// documents into [`Hit`]s from what it stores.
pub(crate) fn top_documents(
    index: &Index,
    reader: &IndexReader,
    text: Field,
    series_field: Field,
    scope: Scope<'_>,
) -> Result<Vec<(f32, TantivyDocument, Vec<Segment>)>, SearchError> {
    check_query(scope.query)?;
    if scope.query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let (text_query, query) = horizon_query(
        index,
        text,
        series_field,
        scope.series,
        scope.query,
        scope.horizon,
    );
    let searcher = reader.searcher();
    let top = searcher.search(&query, &TopDocs::with_limit(scope.limit.clamp(1, MAX_HITS)))?;
    let mut snippets = SnippetGenerator::create(&searcher, &*text_query, text)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut out = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let snippet = snippets.snippet_from_doc(&doc);
        let segments = segments(
            snippet.fragment(),
            snippet.highlighted().iter().map(|h| (h.start, h.end)),
        );
        out.push((score, doc, segments));
    }
    Ok(out)
}

/// Hits grouped by series, the series in the order of their best hit (how a search of the
/// whole catalogue is shown).
pub fn group_by_series(hits: Vec<Hit>) -> Vec<(String, Vec<Hit>)> {
    let mut groups: Vec<(String, Vec<Hit>)> = Vec::new();
    for hit in hits {
        match groups.iter_mut().find(|(k, _)| *k == hit.series) {
            Some((_, v)) => v.push(hit),
            None => groups.push((hit.series.clone(), vec![hit])),
        }
    }
    groups
}

impl SearchIndex {
    /// Indexes the paragraphs.
    pub fn build(paragraphs: Vec<Paragraph>) -> Result<SearchIndex, SearchError> {
        let mut sb = Schema::builder();
        let series = sb.add_text_field("series", STRING);
        // Queried by name in the horizon's range query.
        let order = sb.add_u64_field(ORDER_FIELD, INDEXED | FAST);
        let text = sb.add_text_field("text", TEXT | STORED);
        let slot = sb.add_u64_field("slot", STORED);
        let index = Index::create_in_ram(sb.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, WRITER_BYTES)?;
        for (i, p) in paragraphs.iter().enumerate() {
            writer.add_document(doc!(
                series => p.series.as_str(),
                order => order_of(p.episode),
                text => p.text.as_str(),
                slot => i as u64,
            ))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            reader,
            paragraphs,
            series,
            text,
            slot,
        })
    }

    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The best `limit` paragraphs of the series `series` (all series when `None`) that
    /// match `query` and are about an episode the horizon admits. Query syntax errors are
    /// forgiven (the query is read leniently); an empty query finds nothing.
    pub fn search(
        &self,
        series: Option<&str>,
        query: &str,
        horizon: Horizon,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        if self.paragraphs.is_empty() {
            // Still refused when too long: the answer must not depend on the index's content.
            return check_query(query).map(|()| Vec::new());
        }
        let found = top_documents(
            &self.index,
            &self.reader,
            self.text,
            self.series,
            Scope {
                series,
                query,
                horizon,
                limit,
            },
        )?;
        let mut hits = Vec::with_capacity(found.len());
        for (score, doc, snippet) in found {
            let Some(slot) = doc.get_first(self.slot).and_then(|v| v.as_u64()) else {
                continue;
            };
            let Some(p) = self.paragraphs.get(slot as usize) else {
                continue;
            };
            hits.push(Hit {
                series: p.series.clone(),
                episode: p.episode,
                article: p.article.clone(),
                outlet: p.outlet.clone(),
                section: p.section,
                index: p.index,
                score,
                snippet,
            });
        }
        Ok(hits)
    }
}

/// The query of a search: every word of `query` (read leniently, so no syntax error reaches
/// a reader), the series when one is given, and the horizon as a range over the
/// episode-order field, so that no later paragraph can match. Returns the words' query (for
/// snippets) and the whole query.
pub(crate) fn horizon_query(
    index: &Index,
    text: Field,
    series_field: Field,
    series: Option<&str>,
    query: &str,
    horizon: Horizon,
) -> (Box<dyn Query>, BooleanQuery) {
    let mut parser = QueryParser::for_index(index, vec![text]);
    // All words must match, as people expect from a search box.
    parser.set_conjunction_by_default();
    let (text_query, _ignored_errors) = parser.parse_query_lenient(query);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    if let Some(s) = series {
        let term = Term::from_field_text(series_field, s);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if let Horizon::Upto(h) = horizon {
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new_u64(
                ORDER_FIELD.to_string(),
                0..order_of(h) + 1,
            )),
        ));
    }
    (text_query, BooleanQuery::new(clauses))
}

/// Cuts a fragment into plain and highlighted segments at the highlighted byte ranges.
pub(crate) fn segments(
    fragment: &str,
    ranges: impl Iterator<Item = (usize, usize)>,
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        let (Some(before), Some(hit)) = (fragment.get(at..start), fragment.get(start..end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Segment {
                text: before.to_string(),
                highlight: false,
            });
        }
        out.push(Segment {
            text: hit.to_string(),
            highlight: true,
        });
        at = end;
    }
    if let Some(rest) = fragment.get(at..) {
        if !rest.is_empty() {
            out.push(Segment {
                text: rest.to_string(),
                highlight: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(ep: u32, text: &str) -> Paragraph {
        Paragraph {
            series: "show".into(),
            episode: Episode::new(1, ep),
            article: format!("a{ep}"),
            outlet: Some("Outlet".into()),
            section: Section::Recap,
            index: 0,
            text: text.into(),
        }
    }

    fn index() -> SearchIndex {
        SearchIndex::build(vec![
            para(
                1,
                "The masked Lamplighter sets the airship's moorings on fire.",
            ),
            para(2, "Sol wonders if the Lamplighter is the harbourmaster."),
            para(5, "The Lamplighter unmasks: she is Edda Vane."),
            Paragraph {
                series: "other".into(),
                ..para(1, "Another show's Lamplighter.")
            },
        ])
        .expect("index")
    }

    #[test]
    fn matches_stop_at_the_horizon() {
        let idx = index();
        let hits = idx
            .search(
                Some("show"),
                "lamplighter",
                Horizon::Upto(Episode::new(1, 2)),
                10,
            )
            .expect("search");
        assert_eq!(
            hits.iter()
                .map(|h| h.episode.episode)
                .collect::<Vec<_>>()
                .len(),
            2
        );
        assert!(hits
            .iter()
            .all(|h| h.episode <= Episode::new(1, 2) && h.series == "show"));
        let all = idx
            .search(Some("show"), "lamplighter", Horizon::Latest, 10)
            .expect("search");
        assert_eq!(all.len(), 3);
        // Nothing past the horizon, even when only a later paragraph would match.
        assert!(idx
            .search(Some("show"), "Edda", Horizon::Upto(Episode::new(1, 4)), 10)
            .expect("search")
            .is_empty());
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let hits = index()
            .search(Some("show"), "harbourmaster", Horizon::Latest, 10)
            .expect("search");
        assert_eq!(hits.len(), 1);
        let marked: Vec<&str> = hits[0]
            .snippet
            .iter()
            .filter(|s| s.highlight)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["harbourmaster"]);
        let whole: String = hits[0].snippet.iter().map(|s| s.text.as_str()).collect();
        assert!(whole.contains("Sol wonders if the Lamplighter is the harbourmaster"));
    }

    // Hostile or malformed queries are read leniently, never an error or a panic.
    #[test]
    fn odd_queries_are_forgiven() {
        let idx = index();
        for q in [
            "",
            "   ",
            "\"unclosed",
            "AND OR NOT",
            "<script>alert(1)</script>",
            "title:foo",
            "a:b:c(",
            "*",
        ] {
            assert!(idx.search(None, q, Horizon::Latest, 10).is_ok(), "{q}");
        }
        assert!(matches!(
            idx.search(None, &"x".repeat(MAX_QUERY_CHARS + 1), Horizon::Latest, 10),
            Err(SearchError::QueryTooLong)
        ));
    }

    #[test]
    fn all_words_must_match() {
        let idx = index();
        assert_eq!(
            idx.search(None, "Lamplighter Edda", Horizon::Latest, 10)
                .expect("search")
                .len(),
            1
        );
    }
}
