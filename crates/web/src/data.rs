//! What pages and API responses show, computed once for both: the pages render these
//! values and the API serialises them, so the API cannot lag behind the site and the
//! horizon is applied in one place.

use crate::error::{AppError, ErrorCode};
use crate::state::{SeriesMeta, Snapshot, StoredArticle, View};
use previously_extract::{Label, Relation, Scene, Verdict};
use previously_series::SeriesDigest;
use previously_series::{CastMember, Episode, EpisodeCritics, EpisodeInfo, Fact, Horizon};
use serde::Serialize;

/// The horizon an answer was cut at, in every response.
#[derive(Debug, Clone, Serialize)]
pub struct HorizonInfo {
    /// The horizon as the reader asked for it ("S1E3", "latest").
    pub requested: String,
    /// The latest episode admitted: what "as of" means in practice.
    pub as_of: Option<Episode>,
    pub latest: bool,
    /// The next ingested episode after the horizon: raising the horizon by one.
    pub next: Option<Episode>,
}

pub fn horizon_info(meta: &SeriesMeta, requested: Horizon, view: &View) -> HorizonInfo {
    let next = match view.horizon {
        Horizon::Latest => None,
        Horizon::Upto(h) => meta.episodes.iter().find(|e| **e > h).copied(),
    };
    HorizonInfo {
        requested: requested.to_string(),
        as_of: view.knowledge.as_of,
        latest: requested == Horizon::Latest,
        next,
    }
}

/// A one-line summary of the critics' view of an episode.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictSummary {
    pub episode: Episode,
    pub label: Label,
    pub mean: f64,
    pub count: usize,
}

fn summary(c: &EpisodeCritics) -> VerdictSummary {
    VerdictSummary {
        episode: c.episode,
        label: c.label,
        mean: c.mean,
        count: c.count,
    }
}

/// One series on the home page and in `GET /series`.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesCard {
    pub key: String,
    pub title: String,
    pub horizon: HorizonInfo,
    /// Episodes admitted by the horizon.
    pub episodes_seen: usize,
    /// Episodes ingested in all (numbers only are ever shown past the horizon).
    pub episodes_ingested: usize,
    pub articles: usize,
    pub outlets: Vec<String>,
    /// The critics' view of the latest reviewed episode the horizon admits.
    pub latest_verdict: Option<VerdictSummary>,
    /// True when the web reader has not chosen a horizon for this series (pages only).
    #[serde(skip)]
    pub horizon_default: bool,
}

/// A series' card, from its catalogue digest alone (no story is read): the digest cut at the
/// horizon says what the fused view would (see `previously_series::SeriesDigest`).
pub fn series_card(digest: &SeriesDigest, requested: Horizon) -> SeriesCard {
    let at = digest.at(requested);
    let next = match requested {
        Horizon::Latest => None,
        Horizon::Upto(h) => digest.episodes.iter().map(|e| e.episode).find(|e| *e > h),
    };
    SeriesCard {
        key: digest.key.clone(),
        title: if at.title.is_empty() {
            digest.title.clone()
        } else {
            at.title
        },
        horizon: HorizonInfo {
            requested: requested.to_string(),
            as_of: at.as_of,
            latest: requested == Horizon::Latest,
            next,
        },
        episodes_seen: at.episodes_seen,
        episodes_ingested: digest.episodes.len(),
        articles: at.articles,
        outlets: at.outlets,
        latest_verdict: at.latest_verdict.map(|(episode, v)| VerdictSummary {
            episode,
            label: v.label,
            mean: v.mean,
            count: v.count,
        }),
        horizon_default: false,
    }
}

/// The series page and `GET /series/{key}`.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesOverview {
    pub key: String,
    pub title: String,
    pub horizon: HorizonInfo,
    /// The admitted episodes, with titles.
    pub episodes: Vec<EpisodeRow>,
    /// Ingested episodes past the horizon: numbers only, never titles.
    pub later_episodes: Vec<Episode>,
    pub cast: Vec<CastMember>,
    pub reveals: Vec<Fact>,
    /// The critics' mean per reviewed episode, for the trend chart.
    pub critics: Vec<VerdictSummary>,
    /// Least-squares slope of the episode means, when two or more episodes have reviews.
    pub trend: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EpisodeRow {
    #[serde(flatten)]
    pub info: EpisodeInfo,
    pub verdict: Option<VerdictSummary>,
}

pub fn overview(snap: &Snapshot, meta: &SeriesMeta, requested: Horizon) -> SeriesOverview {
    let view = snap.view(requested);
    let kb = &view.knowledge;
    let critics: Vec<VerdictSummary> = view.critics.episodes.iter().map(summary).collect();
    let episodes = kb
        .episodes
        .iter()
        .map(|e| EpisodeRow {
            info: e.clone(),
            verdict: critics.iter().find(|c| c.episode == e.episode).cloned(),
        })
        .collect();
    let later_episodes = match view.horizon {
        Horizon::Latest => Vec::new(),
        Horizon::Upto(h) => meta.episodes.iter().filter(|e| **e > h).copied().collect(),
    };
    SeriesOverview {
        key: meta.key.clone(),
        title: if kb.title.is_empty() {
            meta.title_latest.clone()
        } else {
            kb.title.clone()
        },
        horizon: horizon_info(meta, requested, &view),
        episodes,
        later_episodes,
        cast: kb.cast(),
        reveals: kb.reveals(),
        critics,
        trend: view.critics.trend,
    }
}

/// One outlet's article about an episode.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The article's index in this server's snapshot, for paragraph anchors.
    #[serde(skip)]
    pub index: usize,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub recap: Vec<String>,
    pub review: Vec<String>,
    pub scenes: Vec<Scene>,
    pub verdict: Option<Verdict>,
}

fn article_view(index: usize, a: &StoredArticle) -> ArticleView {
    ArticleView {
        index,
        outlet: a.info.outlet.clone(),
        title: a.info.title.clone(),
        recap: a.recap.clone(),
        review: a.review.clone(),
        scenes: a.story.scenes.clone(),
        verdict: a.story.review.as_ref().map(|r| r.verdict.clone()),
    }
}

/// The episode page and `GET /series/{key}/episodes/{episode}`.
#[derive(Debug, Clone, Serialize)]
pub struct EpisodeDetail {
    pub series: String,
    pub title_of_series: String,
    pub episode: Episode,
    pub title: Option<String>,
    pub horizon: HorizonInfo,
    pub articles: Vec<ArticleView>,
    /// Identity and nature reveals first made in this episode.
    pub reveals: Vec<Fact>,
    pub critics: Option<EpisodeCritics>,
    /// The admitted episodes before and after this one.
    pub previous: Option<Episode>,
    pub next: Option<Episode>,
}

pub fn episode_detail(
    snap: &Snapshot,
    meta: &SeriesMeta,
    requested: Horizon,
    episode: Episode,
) -> Result<EpisodeDetail, AppError> {
    let view = snap.view(requested);
    if !view.horizon.admits(episode) || !requested.admits(episode) {
        return Err(AppError::new(
            ErrorCode::EpisodeBeyondHorizon,
            format!("{episode} is past your horizon ({requested}); raise it to see this episode"),
        ));
    }
    let kb = &view.knowledge;
    let Some(info) = kb.episodes.iter().find(|e| e.episode == episode) else {
        return Err(AppError::new(
            ErrorCode::UnknownEpisode,
            format!("no article about {episode} has been ingested"),
        ));
    };
    let articles: Vec<ArticleView> = snap
        .admitted(view.horizon)
        .filter(|(_, a)| a.episode == episode)
        .map(|(i, a)| article_view(i, a))
        .collect();
    let pos = kb.episodes.iter().position(|e| e.episode == episode);
    Ok(EpisodeDetail {
        series: meta.key.clone(),
        title_of_series: kb.title.clone(),
        episode,
        title: info.title.clone(),
        horizon: horizon_info(meta, requested, &view),
        articles,
        reveals: kb
            .facts
            .iter()
            .filter(|f| {
                matches!(f.relation, Relation::SameAs | Relation::IsA) && f.first_seen == episode
            })
            .cloned()
            .collect(),
        critics: view
            .critics
            .episodes
            .iter()
            .find(|c| c.episode == episode)
            .cloned(),
        previous: pos
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| kb.episodes.get(p))
            .map(|e| e.episode),
        next: pos.and_then(|p| kb.episodes.get(p + 1)).map(|e| e.episode),
    })
}

/// Removes the `source` of every provenance record: it is the file path the article was
/// read from on the server, which is the operator's business and not the public's.
pub fn public_json(mut value: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if map.contains_key("article") && map.contains_key("evidence") {
                    map.remove("source");
                }
                for child in map.values_mut() {
                    walk(child);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

/// Parses an episode path segment ("S1E3").
pub fn episode_param(value: &str) -> Result<Episode, AppError> {
    if value.len() <= 32 {
        if let Ok(e) = value.parse::<Episode>() {
            return Ok(e);
        }
    }
    let shown: String = value.chars().take(32).collect();
    Err(AppError::new(
        ErrorCode::UnknownEpisode,
        format!("“{shown}” is not an episode; write it like S1E3"),
    ))
}

/// How many series a catalogue page shows unless asked otherwise, and at most.
pub const PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 200;

/// A page of the catalogue as a request asks for it: `?q=` filters by title, `?page=`
/// (from 1) and `?limit=` (up to [`MAX_PAGE_SIZE`]) choose the page.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub filter: String,
    pub page: usize,
    pub limit: usize,
}

impl PageRequest {
    pub fn from_params(
        q: Option<&str>,
        page: Option<&str>,
        limit: Option<&str>,
    ) -> Result<PageRequest, AppError> {
        let number = |name: &str, v: Option<&str>, default: usize, max: usize| match v
            .filter(|v| !v.is_empty())
        {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::BadQuery,
                        format!("{name} is a whole number from 1 to {max}"),
                    )
                }),
        };
        let filter: String = q.unwrap_or("").trim().chars().take(100).collect();
        Ok(PageRequest {
            filter,
            page: number("page", page, 1, 1_000_000)?,
            limit: number("limit", limit, PAGE_SIZE, MAX_PAGE_SIZE)?,
        })
    }

    pub fn query(&self) -> previously_store::CatalogueQuery {
        previously_store::CatalogueQuery {
            filter: self.filter.clone(),
            offset: (self.page - 1).saturating_mul(self.limit),
            limit: self.limit,
        }
    }

    /// How many pages `total` series make.
    pub fn pages(&self, total: usize) -> usize {
        total.div_ceil(self.limit).max(1)
    }
}
