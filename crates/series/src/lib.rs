//! `previously-series` fuses the stories of many articles — every episode, every outlet —
//! into one knowledge base per series, and answers questions about it *as of* an episode.
//!
//! The input is a set of [`Input`]s (an article's metadata and the [`Story`] extracted from
//! it). Articles group into series by a normalised title ([`series_key`]), which the user can
//! override with [`Library::same_series`]. Within a series, entities merge by name evidence
//! (an exact normalised name, or an alias shared with the best-matching entity; a rare
//! near-spelling of a frequent name; a confirmed identity reveal), every alias and fact
//! keeps its provenance, and facts count their corroborating outlets and mark conflicts.
//!
//! Every query takes a [`Horizon`]. The invariant the crate exists for: the answer as of
//! episode H equals the answer of a library that never saw an article about an episode
//! after H. It holds by construction — [`Library::knowledge`] fuses only the admitted
//! articles, in an order independent of ingestion — and a test checks it on the demo
//! series. Articles with no series or no episode number cannot be placed on a timeline and
//! are left out (see [`Library::unplaced`]).
//!
//! The crate is pure: no IO, no storage, no output formatting.
//!
//! [`Story`]: previously_extract::Story

mod critics;
mod digest;
mod episode;
mod fuse;
mod model;
mod names;
mod query;

pub use critics::{label_of, AspectConsensus, CriticView, EpisodeCritics, OutletVerdict};
pub use digest::{DigestAt, EpisodeDigest, EpisodeVerdict, SeriesDigest};
pub use episode::{Episode, Horizon, ParseEpisodeError};
pub use fuse::{ArticleInfo, Input};
pub use model::*;
pub use names::{norm_name, series_key};
pub use query::Confidence;

use std::collections::{BTreeMap, BTreeSet};

/// Why a series could not be picked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeriesError {
    #[error("no series called “{query}”{}", suggest(.known))]
    Unknown { query: String, known: Vec<String> },
}

fn suggest(known: &[String]) -> String {
    if known.is_empty() {
        " (nothing has been ingested yet)".to_string()
    } else {
        format!("; known series: {}", known.join(", "))
    }
}

/// Every ingested article of every series, ready to be fused as of any horizon.
#[derive(Debug, Clone, Default)]
pub struct Library {
    inputs: Vec<Input>,
    /// Series key → the key it was declared the same series as.
    same: BTreeMap<String, String>,
}

impl Library {
    pub fn new(inputs: impl IntoIterator<Item = Input>) -> Self {
        Library {
            inputs: inputs.into_iter().collect(),
            same: BTreeMap::new(),
        }
    }

    /// A library of `inputs` with the user's declarations of titles that name one series
    /// (see [`Library::same_series`]), in the order they were made.
    pub fn with_declarations(
        inputs: impl IntoIterator<Item = Input>,
        declared: &[(String, String)],
    ) -> Self {
        let mut lib = Library::new(inputs);
        for (a, b) in declared {
            lib.same_series(a, b);
        }
        lib
    }

    pub fn push(&mut self, input: Input) {
        self.inputs.push(input);
    }

    /// Declares that the titles `a` and `b` name one series (for variants the normalised
    /// title cannot match, such as a translated title).
    pub fn same_series(&mut self, a: &str, b: &str) {
        let (ka, kb) = (self.key_of(a), self.key_of(b));
        if ka != kb {
            self.same.insert(ka, kb);
        }
    }

    /// The series key a title belongs to, after user declarations.
    pub fn key_of(&self, title: &str) -> String {
        let mut k = series_key(title);
        // Bounded so that a cycle of declarations cannot loop.
        for _ in 0..=self.same.len() {
            match self.same.get(&k) {
                Some(next) if *next != k => k = next.clone(),
                _ => break,
            }
        }
        k
    }

    fn placed(&self) -> impl Iterator<Item = (String, Episode, &Input)> {
        self.inputs.iter().filter_map(|i| {
            let series = i.article.series.as_deref()?;
            let episode = i.episode()?;
            Some((self.key_of(series), episode, i))
        })
    }

    /// Articles with no series title or no episode number, which no timeline can hold.
    pub fn unplaced(&self) -> Vec<&ArticleInfo> {
        self.inputs
            .iter()
            .filter(|i| i.article.series.is_none() || i.article.episode.is_none())
            .map(|i| &i.article)
            .collect()
    }

    fn title_of<'a>(titles: impl Iterator<Item = &'a str>) -> String {
        names::most_common(titles).unwrap_or_default()
    }

    /// The series with at least one article admitted by the horizon.
    pub fn series(&self, horizon: Horizon) -> Vec<SeriesSummary> {
        let mut by_key: BTreeMap<String, Vec<(Episode, &Input)>> = BTreeMap::new();
        for (k, ep, i) in self.placed() {
            if horizon.admits(ep) {
                by_key.entry(k).or_default().push((ep, i));
            }
        }
        by_key
            .into_iter()
            .map(|(key, items)| {
                let episodes: BTreeSet<Episode> = items.iter().map(|(e, _)| *e).collect();
                let outlets: BTreeSet<String> = items
                    .iter()
                    .filter_map(|(_, i)| i.article.outlet.clone())
                    .collect();
                SeriesSummary {
                    title: Self::title_of(
                        items
                            .iter()
                            .filter_map(|(_, i)| i.article.series.as_deref()),
                    ),
                    key,
                    episodes: episodes.into_iter().collect(),
                    articles: items.len(),
                    outlets: outlets.into_iter().collect(),
                }
            })
            .collect()
    }

    /// Picks the series a user means: exact key first, then a unique key starting with the
    /// query's key. Without a query, the only series, if there is just one.
    pub fn find_series(&self, query: Option<&str>) -> Result<String, SeriesError> {
        let titles: Vec<String> = self
            .series(Horizon::Latest)
            .into_iter()
            .map(|s| s.title)
            .collect();
        self.find_series_among(titles.iter().map(String::as_str), query)
    }

    /// [`Library::find_series`] among the given series titles rather than this library's
    /// own, so that a store can pick a series before loading any of its stories.
    pub fn find_series_among<'a>(
        &self,
        titles: impl IntoIterator<Item = &'a str>,
        query: Option<&str>,
    ) -> Result<String, SeriesError> {
        let mut keys: Vec<String> = Vec::new();
        let mut known: Vec<String> = Vec::new();
        for t in titles {
            let k = self.key_of(t);
            if !keys.contains(&k) {
                keys.push(k);
                known.push(t.to_string());
            }
        }
        let unknown = || SeriesError::Unknown {
            query: query.unwrap_or("").to_string(),
            known: known.clone(),
        };
        let Some(q) = query else {
            return match &keys[..] {
                [only] => Ok(only.clone()),
                _ => Err(unknown()),
            };
        };
        let k = self.key_of(q);
        if keys.contains(&k) {
            return Ok(k);
        }
        let prefixed: Vec<&String> = keys
            .iter()
            .filter(|c| c.starts_with(&k) && !k.is_empty())
            .collect();
        match prefixed[..] {
            [one] => Ok(one.clone()),
            _ => Err(unknown()),
        }
    }

    /// The knowledge base of the series `key` built from the articles the horizon admits.
    pub fn knowledge(&self, key: &str, horizon: Horizon) -> Knowledge {
        let admitted: Vec<&Input> = self
            .placed()
            .filter(|(k, ep, _)| k == key && horizon.admits(*ep))
            .map(|(_, _, i)| i)
            .collect();
        let title = Self::title_of(admitted.iter().filter_map(|i| i.article.series.as_deref()));
        fuse::fuse(key, &title, horizon, admitted)
    }

    /// The cast of a series as of a horizon.
    pub fn cast(&self, key: &str, horizon: Horizon) -> Vec<CastMember> {
        self.knowledge(key, horizon).cast()
    }

    /// Who `name` is in the series `key`, as of a horizon.
    pub fn who(&self, key: &str, name: &str, horizon: Horizon) -> Who {
        self.knowledge(key, horizon).who(name)
    }

    /// The identity and nature reveals of a series as of a horizon.
    pub fn reveals(&self, key: &str, horizon: Horizon) -> Vec<Fact> {
        self.knowledge(key, horizon).reveals()
    }

    /// What the critics said of each episode of the series `key`, as of a horizon.
    pub fn critics(&self, key: &str, horizon: Horizon) -> CriticView {
        let admitted: Vec<(Episode, &Input)> = self
            .placed()
            .filter(|(k, ep, _)| k == key && horizon.admits(*ep))
            .map(|(_, ep, i)| (ep, i))
            .collect();
        let title = Self::title_of(
            admitted
                .iter()
                .filter_map(|(_, i)| i.article.series.as_deref()),
        );
        critics::critic_view(&title, horizon, &admitted)
    }

    /// The per-episode timeline of a series as of a horizon.
    pub fn timeline(&self, key: &str, horizon: Horizon) -> Vec<TimelineEntry> {
        self.knowledge(key, horizon).timeline()
    }
}
