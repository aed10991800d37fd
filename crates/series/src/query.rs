//! Questions asked of one [`Knowledge`]: cast, who, reveals, timeline. They only read what
//! fusion admitted, so they cannot see past its horizon.

use crate::model::*;
use crate::names::norm_name;
use previously_extract::{Certainty, Kind, Relation};
use std::collections::BTreeSet;

/// How sure a claim must be to be shown: a reader who wants only what the text states
/// outright, or what several outlets agree on, hides the rest. Names are never hidden
/// (an entity is there whatever is claimed about it); facts, and what is derived from them
/// (groups, reveals, deaths), are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confidence {
    /// Only confirmed facts, not suspected ones.
    pub confirmed_only: bool,
    /// Only facts told by at least this many outlets (0 and 1 hide nothing).
    pub min_outlets: usize,
}

impl Confidence {
    /// True when this hides nothing.
    pub fn is_all(&self) -> bool {
        !self.confirmed_only && self.min_outlets <= 1
    }

    fn admits(&self, f: &Fact) -> bool {
        (!self.confirmed_only || f.certainty == Certainty::Confirmed)
            && f.corroboration >= self.min_outlets
    }
}

impl Knowledge {
    /// The knowledge base with only the facts `confidence` admits.
    pub fn with_confidence(&self, confidence: Confidence) -> Knowledge {
        let mut kb = self.clone();
        if !confidence.is_all() {
            kb.facts.retain(|f| confidence.admits(f));
        }
        kb
    }

    fn groups_of(&self, entity: usize) -> Vec<Membership> {
        let mut out: Vec<Membership> = Vec::new();
        for f in &self.facts {
            if f.relation == Relation::MemberOf && f.subject_entity == Some(entity) {
                if out
                    .iter()
                    .any(|m| m.group == f.object && m.certainty == Certainty::Confirmed)
                {
                    continue;
                }
                out.retain(|m| m.group != f.object);
                out.push(Membership {
                    group: f.object.clone(),
                    certainty: f.certainty,
                });
            }
        }
        out
    }

    /// The story-world entities known as of the horizon, in order of first appearance, each
    /// with the names known by then and its confirmed groups.
    pub fn cast(&self) -> Vec<CastMember> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind.in_story_world())
            .map(|(i, e)| CastMember {
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.iter().map(|a| a.text.clone()).collect(),
                groups: self
                    .groups_of(i)
                    .into_iter()
                    .filter(|m| m.certainty == Certainty::Confirmed)
                    .map(|m| m.group)
                    .collect(),
                first_seen: e.first_seen,
            })
            .collect()
    }

    /// Indexes of the entities that answer to `name` (canonical name or any alias).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        let n = norm_name(name);
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.names().any(|m| norm_name(m) == n))
            .map(|(i, _)| i)
            .collect()
    }

    /// Up to `limit` known names closest to `name`, best first.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<String> {
        let n = norm_name(name);
        let mut scored: Vec<(f64, String)> = Vec::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for e in &self.entities {
            for m in e.names() {
                let k = norm_name(m);
                if !seen.insert(k.clone()) {
                    continue;
                }
                let mut score = strsim::jaro_winkler(&n, &k);
                // A query that is a word of a longer name ("Vane") is a good lead.
                if k.split(' ').any(|w| w == n) || n.split(' ').any(|w| w == k) {
                    score = score.max(0.9);
                }
                if score >= 0.7 {
                    scored.push((score, m.to_string()));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|(_, m)| m).collect()
    }

    /// Everything known about the entities answering to `name`; suggestions when none does.
    pub fn who(&self, name: &str) -> Who {
        let matches: Vec<Profile> = self
            .lookup(name)
            .into_iter()
            .filter_map(|i| {
                let entity = self.entities.get(i)?.clone();
                let facts = self
                    .facts
                    .iter()
                    .filter(|f| f.subject_entity == Some(i) || f.object_entity == Some(i))
                    .cloned()
                    .collect();
                Some(Profile {
                    entity,
                    groups: self.groups_of(i),
                    facts,
                })
            })
            .collect();
        let suggestions = if matches.is_empty() {
            self.suggest(name, 5)
        } else {
            Vec::new()
        };
        Who {
            query: name.to_string(),
            series: self.title.clone(),
            as_of: self.as_of,
            matches,
            suggestions,
        }
    }

    /// Identity and nature reveals (`same_as`, `is_a`), in the order they were first made.
    pub fn reveals(&self) -> Vec<Fact> {
        self.facts
            .iter()
            .filter(|f| matches!(f.relation, Relation::SameAs | Relation::IsA))
            .cloned()
            .collect()
    }

    /// One entry per admitted episode: who appeared, what was revealed, who died.
    pub fn timeline(&self) -> Vec<TimelineEntry> {
        self.episodes
            .iter()
            .map(|ep| TimelineEntry {
                episode: ep.episode,
                title: ep.title.clone(),
                new_characters: self
                    .entities
                    .iter()
                    .filter(|e| e.kind == Kind::Character && e.first_seen == ep.episode)
                    .map(|e| e.name.clone())
                    .collect(),
                reveals: self
                    .facts
                    .iter()
                    .filter(|f| {
                        matches!(f.relation, Relation::SameAs | Relation::IsA)
                            && f.first_seen == ep.episode
                    })
                    .cloned()
                    .collect(),
                deaths: self
                    .facts
                    .iter()
                    .filter(|f| f.relation == Relation::Killed && f.first_seen == ep.episode)
                    .cloned()
                    .collect(),
                scenes: ep.scenes,
                articles: ep.articles,
            })
            .collect()
    }
}
