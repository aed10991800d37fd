//! A series' digest: what a catalogue line shows of a series (its title, its episodes, how
//! many articles and outlets, the critics' view of its latest reviewed episode), kept per
//! episode so that it can be cut at any horizon without fusing a single story.
//!
//! A store keeps one digest per series, rewritten in the transaction of every ingest that
//! touches the series, so that a catalogue of thousands of series is listed, paged and
//! filtered from one small row each. The invariant: [`SeriesDigest::at`] gives, for every
//! horizon, exactly what the fused view of the series gives (title, episodes, articles,
//! outlets, latest verdict); a test checks it on the demo series at every horizon.

use crate::{critics, names, Episode, Horizon, Library};
use previously_extract::Label;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One episode of a digest: what its articles say about where they belong and what the
/// critics thought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeDigest {
    pub episode: Episode,
    pub articles: usize,
    /// The outlets of its articles, sorted, each once.
    pub outlets: Vec<String>,
    /// How many of its articles spell the series' title each way (the title shown as of a
    /// horizon is the spelling most articles admitted by it use).
    pub series_titles: BTreeMap<String, usize>,
    /// The critics' view of this episode, when at least one of its articles reviews it.
    pub verdict: Option<EpisodeVerdict>,
}

/// The critics' view of one episode in brief.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpisodeVerdict {
    pub label: Label,
    pub mean: f64,
    pub count: usize,
}

/// One series in brief, episode by episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesDigest {
    pub key: String,
    /// The title as of the latest episode (the most common spelling over all articles).
    pub title: String,
    /// Every placed episode, in watching order.
    pub episodes: Vec<EpisodeDigest>,
}

/// A digest cut at a horizon: what a catalogue line shows to a reader at that horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestAt {
    /// The title as the admitted articles spell it most often; empty when none is admitted.
    pub title: String,
    /// The latest admitted episode.
    pub as_of: Option<Episode>,
    pub episodes_seen: usize,
    pub articles: usize,
    pub outlets: Vec<String>,
    /// The latest admitted episode with reviews, and the critics' view of it.
    pub latest_verdict: Option<(Episode, EpisodeVerdict)>,
}

impl SeriesDigest {
    /// An empty digest: a series with no placed article.
    pub fn empty(key: &str) -> SeriesDigest {
        SeriesDigest {
            key: key.to_string(),
            title: String::new(),
            episodes: Vec::new(),
        }
    }

    /// Puts `new` in place of the digest of episode `number` (or removes it when `None`),
    /// and retitles the series: how a store updates one episode of a series after an ingest
    /// without reading the other episodes' stories.
    pub fn replace_episode(&mut self, number: Episode, new: Option<EpisodeDigest>) {
        self.episodes.retain(|e| e.episode != number);
        if let Some(e) = new {
            let at = self.episodes.partition_point(|x| x.episode < e.episode);
            self.episodes.insert(at, e);
        }
        let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.episodes {
            for (t, n) in &e.series_titles {
                *titles.entry(t.as_str()).or_default() += n;
            }
        }
        self.title = names::most_common_counted(&titles).unwrap_or_default();
    }

    /// The series as `Library::series` lists it, from the digest alone.
    pub fn summary(&self) -> crate::SeriesSummary {
        let at = self.at(Horizon::Latest);
        crate::SeriesSummary {
            key: self.key.clone(),
            title: self.title.clone(),
            episodes: self.episode_numbers(),
            articles: at.articles,
            outlets: at.outlets,
        }
    }

    /// Every placed episode, in watching order.
    pub fn episode_numbers(&self) -> Vec<Episode> {
        self.episodes.iter().map(|e| e.episode).collect()
    }

    /// The digest as a reader at horizon `h` sees it.
    pub fn at(&self, h: Horizon) -> DigestAt {
        let admitted: Vec<&EpisodeDigest> = self
            .episodes
            .iter()
            .filter(|e| h.admits(e.episode))
            .collect();
        let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
        let mut outlets: Vec<String> = Vec::new();
        for e in &admitted {
            for (t, n) in &e.series_titles {
                *titles.entry(t.as_str()).or_default() += n;
            }
            outlets.extend(e.outlets.iter().cloned());
        }
        outlets.sort();
        outlets.dedup();
        DigestAt {
            title: names::most_common_counted(&titles).unwrap_or_default(),
            as_of: admitted.last().map(|e| e.episode),
            episodes_seen: admitted.len(),
            articles: admitted.iter().map(|e| e.articles).sum(),
            outlets,
            latest_verdict: admitted
                .iter()
                .rev()
                .find_map(|e| e.verdict.map(|v| (e.episode, v))),
        }
    }
}

impl Library {
    /// The digest of series `key`, or `None` when no placed article belongs to it.
    pub fn digest(&self, key: &str) -> Option<SeriesDigest> {
        let mut by_episode: BTreeMap<Episode, Vec<&crate::Input>> = BTreeMap::new();
        for (k, ep, input) in self.placed() {
            if k == key {
                by_episode.entry(ep).or_default().push(input);
            }
        }
        if by_episode.is_empty() {
            return None;
        }
        let mut all_titles: BTreeMap<&str, usize> = BTreeMap::new();
        let mut episodes = Vec::with_capacity(by_episode.len());
        for (episode, inputs) in &by_episode {
            let mut series_titles: BTreeMap<String, usize> = BTreeMap::new();
            for t in inputs.iter().filter_map(|i| i.article.series.as_deref()) {
                *series_titles.entry(t.to_string()).or_default() += 1;
                *all_titles.entry(t).or_default() += 1;
            }
            let mut outlets: Vec<String> = inputs
                .iter()
                .filter_map(|i| i.article.outlet.clone())
                .collect();
            outlets.sort();
            outlets.dedup();
            // The critics of one episode are computed from that episode's articles alone, as
            // the fused critics' view does for every admitted episode.
            let admitted: Vec<(Episode, &crate::Input)> =
                inputs.iter().map(|i| (*episode, *i)).collect();
            let view = critics::critic_view("", Horizon::Latest, &admitted);
            let verdict = view.episodes.first().map(|c| EpisodeVerdict {
                label: c.label,
                mean: c.mean,
                count: c.count,
            });
            episodes.push(EpisodeDigest {
                episode: *episode,
                articles: inputs.len(),
                outlets,
                series_titles,
                verdict,
            });
        }
        Some(SeriesDigest {
            key: key.to_string(),
            title: names::most_common_counted(&all_titles).unwrap_or_default(),
            episodes,
        })
    }

    /// The keys of every series with a placed article.
    pub fn series_keys(&self) -> Vec<String> {
        let keys: std::collections::BTreeSet<String> = self.placed().map(|(k, _, _)| k).collect();
        keys.into_iter().collect()
    }
}
