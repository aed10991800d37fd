//! The critic view: every outlet's verdict on each episode, their mean, spread and count,
//! the season's trend, the best and worst episodes, and the aspects critics agree on —
//! all as of a horizon, so that nothing about a later episode's reviews is told.

use crate::episode::{Episode, Horizon};
use crate::fuse::Input;
use crate::names::most_common;
use previously_extract::{AspectName, Label};
use serde::Serialize;
use std::collections::BTreeMap;

/// One outlet's verdict on one episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletVerdict {
    pub outlet: Option<String>,
    /// The article's identity (see `ArticleInfo::id`).
    pub article: String,
    pub label: Label,
    /// In [-1, 1].
    pub score: f64,
    /// The score as the article states it ("8/10", "B+"), if it does.
    pub explicit: Option<String>,
    pub evidence: String,
    /// The critic's evaluation sentences the verdict rests on, in text order.
    pub evaluation: Vec<String>,
}

/// All reviews of one episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpisodeCritics {
    pub episode: Episode,
    /// The episode's title, as the most articles give it.
    pub title: Option<String>,
    pub verdicts: Vec<OutletVerdict>,
    pub count: usize,
    /// Mean of the verdict scores.
    pub mean: f64,
    /// Population standard deviation of the scores: 0 when the critics agree.
    pub spread: f64,
    /// The label of the mean.
    pub label: Label,
}

/// How the critics judged one aspect (visuals, pacing...) across the admitted reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AspectConsensus {
    pub aspect: AspectName,
    pub positive: usize,
    pub mixed: usize,
    pub negative: usize,
    /// The polarity at least two thirds of the opinions share, when at least two reviews
    /// speak of the aspect; otherwise none.
    pub agreed: Option<Label>,
}

/// The critics' view of a series as of a horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticView {
    pub series: String,
    pub horizon: Horizon,
    /// Episodes with at least one review, in watching order.
    pub episodes: Vec<EpisodeCritics>,
    /// Least-squares slope of the episode means per episode (positive: the season is
    /// getting better), when at least two episodes have reviews.
    pub trend: Option<f64>,
    pub best: Option<Episode>,
    pub worst: Option<Episode>,
    pub aspects: Vec<AspectConsensus>,
}

/// The label a mean score earns. The thresholds are the extractor's, so that an episode
/// whose only review is "mixed" is "mixed" here too.
pub fn label_of(score: f64) -> Label {
    Label::from_score(score)
}

/// Builds the critic view from the articles the horizon admits (the caller filters).
pub(crate) fn critic_view(
    title: &str,
    horizon: Horizon,
    admitted: &[(Episode, &Input)],
) -> CriticView {
    let mut by_episode: BTreeMap<Episode, Vec<&Input>> = BTreeMap::new();
    for (ep, input) in admitted {
        if input.story.review.is_some() {
            by_episode.entry(*ep).or_default().push(input);
        }
    }
    let mut aspect_counts: BTreeMap<String, (AspectName, [usize; 3])> = BTreeMap::new();
    let mut episodes = Vec::new();
    for (episode, inputs) in by_episode {
        let mut verdicts: Vec<OutletVerdict> = inputs
            .iter()
            .filter_map(|i| {
                let r = i.story.review.as_ref()?;
                for a in &r.aspects {
                    let slot = match a.polarity {
                        Label::Positive => 0,
                        Label::Mixed => 1,
                        Label::Negative => 2,
                    };
                    let key = format!("{:?}", a.aspect);
                    aspect_counts.entry(key).or_insert((a.aspect, [0; 3])).1[slot] += 1;
                }
                Some(OutletVerdict {
                    outlet: i.article.outlet.clone(),
                    article: i.article.id.clone(),
                    label: r.verdict.label,
                    score: r.verdict.score,
                    explicit: r.verdict.explicit.clone(),
                    evidence: r.verdict.evidence.clone(),
                    evaluation: r.evaluation.iter().map(|e| e.text.clone()).collect(),
                })
            })
            .collect();
        // Outlets in a stable order, so that output and snapshots do not depend on the
        // order the articles were ingested in.
        verdicts.sort_by(|a, b| {
            a.outlet
                .cmp(&b.outlet)
                .then_with(|| a.article.cmp(&b.article))
        });
        let count = verdicts.len();
        if count == 0 {
            continue;
        }
        let mean = verdicts.iter().map(|v| v.score).sum::<f64>() / count as f64;
        let variance = verdicts
            .iter()
            .map(|v| (v.score - mean).powi(2))
            .sum::<f64>()
            / count as f64;
        let title = most_common(inputs.iter().filter_map(|i| i.article.title.as_deref()));
        episodes.push(EpisodeCritics {
            episode,
            title,
            verdicts,
            count,
            mean: round2(mean),
            spread: round2(variance.sqrt()),
            label: label_of(mean),
        });
    }

    let trend = slope(
        &episodes
            .iter()
            .enumerate()
            .map(|(i, e)| (i as f64, e.mean))
            .collect::<Vec<_>>(),
    );
    // Ties go to the earlier episode, which a viewer met first.
    let best = episodes
        .iter()
        .rev()
        .max_by(|a, b| a.mean.total_cmp(&b.mean))
        .map(|e| e.episode);
    let worst = episodes
        .iter()
        .rev()
        .min_by(|a, b| a.mean.total_cmp(&b.mean))
        .map(|e| e.episode);
    let aspects = aspect_counts
        .into_values()
        .map(|(aspect, [positive, mixed, negative])| {
            let total = positive + mixed + negative;
            let agreed = [
                (Label::Positive, positive),
                (Label::Mixed, mixed),
                (Label::Negative, negative),
            ]
            .into_iter()
            .find(|(_, n)| total >= 2 && *n * 3 >= total * 2)
            .map(|(l, _)| l);
            AspectConsensus {
                aspect,
                positive,
                mixed,
                negative,
                agreed,
            }
        })
        .collect();
    CriticView {
        series: title.to_string(),
        horizon,
        episodes,
        trend: trend.map(round2),
        best,
        worst,
        aspects,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The least-squares slope of y over x, or none with fewer than two points.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let num: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let den: f64 = points.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    (den > 0.0).then(|| num / den)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuse::ArticleInfo;
    use previously_article::EpisodeRef;
    use previously_extract::{ArticleMeta, Aspect, Review, Story, Verdict};

    fn input(ep: u32, outlet: &str, score: f64, aspects: &[(AspectName, Label)]) -> Input {
        Input {
            article: ArticleInfo {
                id: format!("{outlet}-{ep}"),
                source: None,
                series: Some("Show".into()),
                episode: Some(EpisodeRef {
                    season: Some(1),
                    episode: ep,
                }),
                title: Some(format!("Title {ep}")),
                outlet: Some(outlet.into()),
            },
            story: Story {
                article: ArticleMeta {
                    series: Some("Show".into()),
                    season: Some(1),
                    episode: Some(ep),
                    title: None,
                    outlet: Some(outlet.into()),
                },
                entities: vec![],
                facts: vec![],
                scenes: vec![],
                review: Some(Review {
                    verdict: Verdict {
                        label: label_of(score),
                        score,
                        explicit: None,
                        evidence: "It was.".into(),
                    },
                    evaluation: vec![],
                    aspects: aspects
                        .iter()
                        .map(|(a, p)| Aspect {
                            aspect: *a,
                            polarity: *p,
                            evidence: "x".into(),
                        })
                        .collect(),
                }),
            },
        }
    }

    #[test]
    fn episode_means_spreads_trend_and_extremes() {
        let inputs = [
            input(1, "A", 0.8, &[(AspectName::Visuals, Label::Positive)]),
            input(1, "B", 0.4, &[(AspectName::Visuals, Label::Positive)]),
            input(2, "A", -0.6, &[(AspectName::Pacing, Label::Negative)]),
            input(2, "B", 0.0, &[(AspectName::Visuals, Label::Negative)]),
            input(3, "A", 0.9, &[]),
        ];
        let admitted: Vec<(Episode, &Input)> = inputs
            .iter()
            .map(|i| (i.episode().expect("placed"), i))
            .collect();
        let v = critic_view("Show", Horizon::Latest, &admitted);
        assert_eq!(v.episodes.len(), 3);
        assert_eq!(
            (
                v.episodes[0].count,
                v.episodes[0].mean,
                v.episodes[0].spread
            ),
            (2, 0.6, 0.2)
        );
        assert_eq!(v.episodes[1].label, Label::Negative);
        assert_eq!(v.best, Some(Episode::new(1, 3)));
        assert_eq!(v.worst, Some(Episode::new(1, 2)));
        // Means 0.6, -0.3, 0.9 over episodes 0, 1, 2: slope (−1·0.2 + 1·0.5) / 2.
        assert_eq!(v.trend, Some(0.15));
        let visuals = v
            .aspects
            .iter()
            .find(|a| a.aspect == AspectName::Visuals)
            .expect("visuals");
        assert_eq!(
            (visuals.positive, visuals.negative, visuals.agreed),
            (2, 1, Some(Label::Positive))
        );
        // One opinion is not a consensus.
        let pacing = v
            .aspects
            .iter()
            .find(|a| a.aspect == AspectName::Pacing)
            .expect("pacing");
        assert_eq!(pacing.agreed, None);
    }

    #[test]
    fn no_reviews_no_trend() {
        let v = critic_view("Show", Horizon::Latest, &[]);
        assert!(v.episodes.is_empty() && v.trend.is_none() && v.best.is_none());
    }
}
