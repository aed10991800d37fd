//! The catalogue's search index: every series' paragraphs in one tantivy index on disk,
//! beside the store, kept up to date series by series rather than rebuilt.
//!
//! Each commit records the store's change stamp it brings the index up to (the commit's
//! payload), so that whoever opens the index — the CLI, a server, another server on a
//! shared store — re-indexes exactly the series changed since: `stamp()` says where the
//! index is, and `replace_series` swaps a series' paragraphs for its current ones. The
//! horizon is part of every query, as in the in-memory index.

use crate::{episode_of_order, order_of, Hit, Paragraph, SearchError, Section, WRITER_BYTES};
use previously_series::Horizon;
use std::path::Path;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{Field, Schema, Value, FAST, INDEXED, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, Term};

/// The catalogue-wide index, on disk.
pub struct CatalogueIndex {
    index: Index,
    reader: IndexReader,
    series: Field,
    order: Field,
    article: Field,
    outlet: Field,
    section: Field,
    slot: Field,
    text: Field,
}

fn schema() -> Schema {
    let mut sb = Schema::builder();
    sb.add_text_field("series", STRING | STORED);
    sb.add_u64_field(crate::ORDER_FIELD, INDEXED | FAST | STORED);
    sb.add_text_field("article", STRING | STORED);
    sb.add_text_field("outlet", STORED);
    sb.add_u64_field("section", STORED);
    sb.add_u64_field("slot", STORED);
    sb.add_text_field("text", TEXT | STORED);
    sb.build()
}

impl CatalogueIndex {
    /// Opens the index in `dir`, creating it (and the folder) when absent. An index written
    /// with another layout is refused with an error saying so (delete the folder: it is
    /// rebuilt from the store).
    pub fn open(dir: &Path) -> Result<CatalogueIndex, SearchError> {
        // The folder's own problem, named with it.
        let at = |e: &dyn std::fmt::Display| {
            SearchError::Index(tantivy::TantivyError::SystemError(format!(
                "{}: {e}",
                dir.display()
            )))
        };
        std::fs::create_dir_all(dir).map_err(|e| at(&e))?;
        let directory = MmapDirectory::open(dir).map_err(|e| at(&e))?;
        let index = Index::open_or_create(directory, schema())?;
        let s = index.schema();
        let field = |name: &str| s.get_field(name);
        // Another process on this machine (a second server on the same PostgreSQL store,
        // the CLI) may bring the index up to date: the reader follows its commits too.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(CatalogueIndex {
            series: field("series")?,
            order: field(crate::ORDER_FIELD)?,
            article: field("article")?,
            outlet: field("outlet")?,
            section: field("section")?,
            slot: field("slot")?,
            text: field("text")?,
            reader,
            index,
        })
    }

    /// The store's change stamp this index is up to date with (0 for a new index).
    pub fn stamp(&self) -> Result<i64, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.strip_prefix("stamp="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// Replaces the paragraphs of each series given (an empty list removes the series) and
    /// commits, recording `stamp`. One commit for all of them.
    pub fn replace_series(
        &self,
        stamp: i64,
        series: impl IntoIterator<Item = (String, Vec<Paragraph>)>,
    ) -> Result<usize, SearchError> {
        let mut writer: tantivy::IndexWriter =
            self.index.writer_with_num_threads(1, WRITER_BYTES)?;
        let mut added = 0;
        for (key, paragraphs) in series {
            writer.delete_term(Term::from_field_text(self.series, &key));
            for p in paragraphs {
                writer.add_document(doc!(
                    self.series => p.series.as_str(),
                    self.order => order_of(p.episode),
                    self.article => p.article.as_str(),
                    self.outlet => p.outlet.as_deref().unwrap_or(""),
                    self.section => match p.section { Section::Recap => 0u64, Section::Review => 1 },
                    self.slot => p.index as u64,
                    self.text => p.text.as_str(),
                ))?;
                added += 1;
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("stamp={stamp}"));
        commit.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(added)
    }

    /// The best `limit` paragraphs of the series `series` (every series when `None`) that
    /// match `query` and are about an episode the horizon admits.
    pub fn search(
        &self,
        series: Option<&str>,
        query: &str,
        horizon: Horizon,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let found = crate::top_documents(
            &self.index,
            &self.reader,
            self.text,
            self.series,
            crate::Scope {
                series,
                query,
                horizon,
                limit,
            },
        )?;
        let mut hits = Vec::with_capacity(found.len());
        for (score, doc, snippet) in found {
            let text = |f: Field| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let number = |f: Field| doc.get_first(f).and_then(|v| v.as_u64());
            let (Some(series), Some(order)) = (text(self.series), number(self.order)) else {
                continue;
            };
            hits.push(Hit {
                series,
                episode: episode_of_order(order),
                article: text(self.article).unwrap_or_default(),
                outlet: text(self.outlet).filter(|o| !o.is_empty()),
                section: if number(self.section) == Some(1) {
                    Section::Review
                } else {
                    Section::Recap
                },
                index: number(self.slot)
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(0),
                score,
                snippet,
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use previously_series::Episode;

    fn para(series: &str, ep: u32, text: &str) -> Paragraph {
        Paragraph {
            series: series.into(),
            episode: Episode::new(1, ep),
            article: format!("{series}-{ep}"),
            outlet: Some("Outlet".into()),
            section: Section::Recap,
            index: 0,
            text: text.into(),
        }
    }

    // The index outlives the process and knows how far it is up to date; a series replaced
    // loses its old paragraphs; every series is searched at once, cut at the horizon.
    #[test]
    fn the_index_persists_replaces_series_and_searches_them_all_at_a_horizon() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        {
            let idx = CatalogueIndex::open(dir.path()).expect("creates");
            assert_eq!(idx.stamp().expect("stamp"), 0);
            idx.replace_series(
                7,
                vec![
                    (
                        "show".to_string(),
                        vec![
                            para("show", 1, "The Lamplighter burns the moorings."),
                            para("show", 5, "The Lamplighter unmasks: she is Edda Vane."),
                        ],
                    ),
                    (
                        "other".to_string(),
                        vec![para("other", 2, "Another show's Lamplighter.")],
                    ),
                ],
            )
            .expect("indexes");
        }
        let idx = CatalogueIndex::open(dir.path()).expect("reopens");
        assert_eq!(idx.stamp().expect("stamp"), 7);
        let all = idx
            .search(None, "lamplighter", Horizon::Latest, 10)
            .expect("searches");
        assert_eq!(all.len(), 3);
        let early = idx
            .search(None, "lamplighter", Horizon::Upto(Episode::new(1, 2)), 10)
            .expect("searches");
        assert_eq!(early.len(), 2);
        assert!(early.iter().all(|h| h.episode <= Episode::new(1, 2)));
        assert!(idx
            .search(None, "Edda", Horizon::Upto(Episode::new(1, 4)), 10)
            .expect("searches")
            .is_empty());
        idx.replace_series(
            9,
            vec![(
                "show".to_string(),
                vec![para("show", 1, "Rewritten recap.")],
            )],
        )
        .expect("replaces");
        assert_eq!(idx.stamp().expect("stamp"), 9);
        let after = idx
            .search(None, "lamplighter", Horizon::Latest, 10)
            .expect("searches");
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].series, "other");
        assert_eq!(
            idx.search(Some("show"), "rewritten", Horizon::Latest, 10)
                .expect("searches")
                .len(),
            1
        );
    }
}
