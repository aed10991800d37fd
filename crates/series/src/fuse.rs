//! Fusion: from the stories of the admitted articles of one series to one [`Knowledge`].
//!
//! The knowledge base is rebuilt from the admitted articles for every horizon instead of
//! being built once and filtered, because several answers depend on the whole body of
//! evidence (which spelling is canonical, which kind wins a vote, whether a near-spelling
//! is rare, whether two names were ever revealed to be one person). Filtering a graph built
//! from all episodes would let later episodes decide those; rebuilding cannot.

use crate::episode::{Episode, Horizon};
use crate::model::*;
use crate::names::{norm_name, tokens};
use previously_article::{Article, EpisodeRef};
use previously_extract::{Certainty, Kind, Relation, Story};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The metadata of one article that fusion needs, kept apart from the [`Story`] because a
/// store keeps articles and stories apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    /// The article's identity: its content hash, or a store's id for it.
    pub id: String,
    pub source: Option<String>,
    pub series: Option<String>,
    pub episode: Option<EpisodeRef>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

impl ArticleInfo {
    pub fn from_article(a: &Article) -> Self {
        ArticleInfo {
            id: a.content_hash.clone(),
            source: a
                .source
                .as_ref()
                .map(|p| p.display().to_string())
                .or_else(|| a.url.clone()),
            series: a.series.clone(),
            episode: a.episode_ref(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
        }
    }
}

/// One article and the story extracted from it: the unit of fusion.
#[derive(Debug, Clone)]
pub struct Input {
    pub article: ArticleInfo,
    pub story: Story,
}

impl Input {
    pub fn new(article: &Article, story: Story) -> Self {
        Input {
            article: ArticleInfo::from_article(article),
            story,
        }
    }

    pub(crate) fn episode(&self) -> Option<Episode> {
        self.article.episode.map(Episode::from)
    }
}

/// One article entity, or the part of one that only a `same_as` fact tied to it.
struct Record {
    article: usize,
    /// Normalised surface → the spelling first seen.
    surfaces: BTreeMap<String, String>,
    canonical: String,
    kind: Kind,
    mentions: usize,
    /// The name part split off an entity because the article merged it by a reveal; it
    /// joins its entity only through a confirmed `same_as`.
    identity: bool,
}

/// The evidence for one candidate canonical name, compared in field order: proper name,
/// several words, votes from revealing articles, articles using it at all, articles
/// choosing it, length, earliest article.
type NameVotes = (
    bool,
    bool,
    usize,
    usize,
    usize,
    usize,
    std::cmp::Reverse<usize>,
);

/// A union-find over cluster indexes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    /// Joins `b` into `a`'s set; returns whether they were apart.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        // The smaller root wins so that the result does not depend on argument order.
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.0[gone] = keep;
        true
    }
}

/// True when `s` is the entity's own name or a part of it ("Edda" of "Edda Vane"), as
/// opposed to a second identity ("Lamplighter").
fn name_related(s: &str, canonical: &str) -> bool {
    if s == canonical {
        return true;
    }
    let words: BTreeSet<&str> = tokens(canonical).collect();
    tokens(s).all(|t| words.contains(t))
}

/// How an article that names no outlet, and came from no file or URL, is counted and shown:
/// a reader is told that the source is unknown, never an internal hash.
pub const UNNAMED_OUTLET: &str = "unnamed outlet";

fn outlet_key(info: &ArticleInfo) -> String {
    info.outlet
        .clone()
        .unwrap_or_else(|| UNNAMED_OUTLET.to_string())
}

fn provenance(info: &ArticleInfo, episode: Episode, evidence: Option<&str>) -> Provenance {
    Provenance {
        article: info.id.clone(),
        source: info.source.clone(),
        outlet: info.outlet.clone(),
        episode,
        evidence: evidence.map(str::to_string),
    }
}

/// The smallest Damerau–Levenshtein-style distance between the two names is one edit, and
/// both are long enough for one edit to be a typo rather than another name ("Mira"/"Mara").
fn near_spelling(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    // One edit changes the length by at most one; checking that first skips the costly
    // distance for nearly every pair.
    a != b && la >= 5 && lb >= 5 && la.abs_diff(lb) <= 1 && strsim::damerau_levenshtein(a, b) == 1
}

/// Stage 1 of [`fuse`], records: each article entity, with the names tied to it only by a
/// reveal split off into an identity record of their own.
fn records(inputs: &[&Input]) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    for (ai, input) in inputs.iter().enumerate() {
        for e in &input.story.entities {
            let canonical = norm_name(&e.name);
            if canonical.is_empty() {
                continue;
            }
            let mut surfaces: BTreeMap<String, String> = BTreeMap::new();
            surfaces.insert(canonical.clone(), e.name.clone());
            for a in &e.aliases {
                let n = norm_name(a);
                if !n.is_empty() {
                    surfaces.entry(n).or_insert_with(|| a.clone());
                }
            }
            let mut split: BTreeMap<String, String> = BTreeMap::new();
            for f in input
                .story
                .facts
                .iter()
                .filter(|f| f.relation == Relation::SameAs)
            {
                let (s, o) = (norm_name(&f.subject), norm_name(&f.object));
                if s == o || !surfaces.contains_key(&s) || !surfaces.contains_key(&o) {
                    continue;
                }
                let identity = match (name_related(&s, &canonical), name_related(&o, &canonical)) {
                    (true, false) => o,
                    (false, true) => s,
                    (false, false) => o,
                    (true, true) => continue,
                };
                if identity == canonical {
                    continue;
                }
                // The other identity takes its whole family of names along ("Edda" brings
                // "Edda Vane", which brings "Harbourmaster Vane"), except names that share a
                // word with the name kept, so that no name of it is left to merge by.
                let kept: BTreeSet<String> = tokens(&canonical).map(str::to_string).collect();
                let mut family: BTreeSet<String> = tokens(&identity).map(str::to_string).collect();
                family.retain(|t| !kept.contains(t));
                let mut moved = vec![identity.clone()];
                loop {
                    let next: Vec<String> = surfaces
                        .keys()
                        .filter(|n| **n != canonical && !moved.contains(n))
                        .filter(|n| {
                            tokens(n).any(|t| family.contains(t))
                                && !tokens(n).any(|t| kept.contains(t))
                        })
                        .cloned()
                        .collect();
                    if next.is_empty() {
                        break;
                    }
                    for n in next {
                        family.extend(tokens(&n).map(str::to_string).filter(|t| !kept.contains(t)));
                        moved.push(n);
                    }
                }
                for n in moved {
                    if let Some(text) = surfaces.remove(&n) {
                        split.insert(n, text);
                    }
                }
            }
            records.push(Record {
                article: ai,
                surfaces,
                canonical: canonical.clone(),
                kind: e.kind,
                mentions: e.mentions,
                identity: false,
            });
            // The split names form one identity record, named by its fullest name.
            if let Some(canonical) = split
                .keys()
                .max_by_key(|n| (n.split(' ').count(), n.len()))
                .cloned()
            {
                records.push(Record {
                    article: ai,
                    surfaces: split,
                    canonical,
                    kind: e.kind,
                    mentions: 0,
                    identity: true,
                });
            }
        }
    }
    records
}

/// The clusters of stage 2 of [`fuse`]: which cluster each record joined, the records of
/// each cluster, its names, the articles it was seen in, and the clusters of each name.
struct NameClusters {
    cluster_of: Vec<usize>,
    clusters: Vec<Vec<usize>>,
    surfaces: Vec<BTreeSet<String>>,
    articles: Vec<BTreeSet<usize>>,
    index: HashMap<String, Vec<usize>>,
}

/// Stage 2 of [`fuse`], name clusters: each record joins the one cluster with the best name
/// evidence, never two, so that A~B and B~C cannot chain A to C. A cluster that already
/// holds another entity of the same article is not a candidate: that article told them
/// apart. (An identity record split off by a reveal is not an entity the article told
/// apart: it neither blocks nor is blocked, so "Vane" in an article that also suspects the
/// Lamplighter of being "Edda" still joins Edda Vane.)
fn name_clusters(records: &mut [Record]) -> NameClusters {
    let mut cluster_of: Vec<usize> = Vec::with_capacity(records.len());
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut cluster_surfaces: Vec<BTreeSet<String>> = Vec::new();
    let mut cluster_articles: Vec<BTreeSet<usize>> = Vec::new();
    // The articles whose own entities (not identity records) are in each cluster: the ones
    // that told their entities apart.
    let mut told_apart: Vec<BTreeSet<usize>> = Vec::new();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for ri in 0..records.len() {
        let r = &records[ri];
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for s in r.surfaces.keys() {
            if let Some(cs) = index.get(s) {
                candidates.extend(cs.iter().copied());
            }
        }
        let best = candidates
            .into_iter()
            .filter(|&c| r.identity || !told_apart[c].contains(&r.article))
            .filter_map(|c| {
                let by_name = cluster_surfaces[c].contains(&r.canonical)
                    || clusters[c].iter().any(|&o| {
                        !records[o].identity && r.surfaces.contains_key(&records[o].canonical)
                    });
                let overlap = r
                    .surfaces
                    .keys()
                    .filter(|s| cluster_surfaces[c].contains(*s))
                    .count();
                // Two mere aliases in common ("Lee" and "Sam") are not enough on their own:
                // one of the names must be somebody's canonical name, or two must agree.
                (by_name || overlap >= 2).then_some((
                    (
                        by_name,
                        overlap,
                        cluster_articles[c].len(),
                        std::cmp::Reverse(c),
                    ),
                    c,
                ))
            })
            .max()
            .map(|(_, c)| c);
        // A name that is another cluster's own canonical name stays with that cluster: the
        // record was matched elsewhere, and taking the name along would chain the two.
        let foreign: Vec<String> = r
            .surfaces
            .keys()
            .filter_map(|s| index.get(s))
            .flatten()
            .copied()
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .filter(|&o| Some(o) != best)
            .flat_map(|o| {
                clusters[o]
                    .iter()
                    .filter(|&&x| !records[x].identity)
                    .map(|&x| records[x].canonical.clone())
            })
            .filter(|n| *n != r.canonical && r.surfaces.contains_key(n))
            .collect();
        for n in foreign {
            records[ri].surfaces.remove(&n);
        }
        let r = &records[ri];
        let c = match best {
            Some(c) => c,
            None => {
                clusters.push(Vec::new());
                cluster_surfaces.push(BTreeSet::new());
                cluster_articles.push(BTreeSet::new());
                told_apart.push(BTreeSet::new());
                clusters.len() - 1
            }
        };
        clusters[c].push(ri);
        cluster_articles[c].insert(r.article);
        if !r.identity {
            told_apart[c].insert(r.article);
        }
        for s in r.surfaces.keys() {
            if cluster_surfaces[c].insert(s.clone()) {
                index.entry(s.clone()).or_default().push(c);
            }
        }
        cluster_of.push(c);
    }
    NameClusters {
        cluster_of,
        clusters,
        surfaces: cluster_surfaces,
        articles: cluster_articles,
        index,
    }
}

/// Stage 3 of [`fuse`], near-spellings: a cluster seen in few articles whose name is one
/// edit from the name of a cluster seen in at least three times as many, never in the same
/// article, and near no other frequent cluster, is a misspelling of it. A cluster absorbs or
/// is absorbed, never both, so spellings do not chain either. Returns the sets of clusters
/// joined so far and the clusters absorbed as misspellings.
fn near_spellings(
    cluster_articles: &[BTreeSet<usize>],
    cluster_surfaces: &[BTreeSet<String>],
) -> (Sets, BTreeSet<usize>) {
    let mut sets = Sets((0..cluster_articles.len()).collect());
    let mut spelled: BTreeSet<usize> = BTreeSet::new();
    let mut absorbed_into: BTreeMap<usize, usize> = BTreeMap::new();
    for rare in 0..cluster_articles.len() {
        let targets: Vec<usize> = (0..cluster_articles.len())
            .filter(|&f| {
                f != rare
                    && cluster_articles[rare].len() * 3 <= cluster_articles[f].len()
                    && cluster_articles[rare].is_disjoint(&cluster_articles[f])
                    && cluster_surfaces[rare]
                        .iter()
                        .any(|r| cluster_surfaces[f].iter().any(|s| near_spelling(r, s)))
            })
            .collect();
        if let [target] = targets[..] {
            if !absorbed_into.contains_key(&target) && !absorbed_into.values().any(|&t| t == rare) {
                absorbed_into.insert(rare, target);
            }
        }
    }
    for (&rare, &target) in &absorbed_into {
        sets.union(target, rare);
        spelled.insert(rare);
    }
    (sets, spelled)
}

/// What resolving a name to a cluster needs from stage 2.
struct NameIndex<'a> {
    cluster_of: &'a [usize],
    articles: &'a [BTreeSet<usize>],
    index: &'a HashMap<String, Vec<usize>>,
}

/// The cluster a fact's side names, resolved within its own article first. When the article
/// had merged two identities and the extractor wrote the fact under the mask's name although
/// the evidence sentence only names the other identity ("Edda (Saoirse Doyle)…" filed under
/// "Lamplighter"), the sentence decides: the fact is about the name it contains. Elsewhere,
/// the cluster of that name seen in the most articles.
fn resolve_in(
    ai: usize,
    surface: &str,
    evidence: &str,
    records: &[Record],
    clusters: &NameIndex<'_>,
) -> Option<usize> {
    let cluster_of = clusters.cluster_of;
    let n = norm_name(surface);
    let local = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.article == ai && r.surfaces.contains_key(&n))
        .map(|(ri, r)| (r.identity, ri))
        .min();
    if let Some((_, ri)) = local {
        let split = records
            .get(ri + 1)
            .filter(|x| x.identity && x.article == ai && !records[ri].identity);
        if let Some(other) = split {
            let sentence = format!(" {} ", norm_name(evidence));
            let names = |r: &Record| {
                r.surfaces
                    .keys()
                    .any(|k| sentence.contains(&format!(" {k} ")))
            };
            if !names(&records[ri]) && names(other) {
                return Some(cluster_of[ri + 1]);
            }
        }
        return Some(cluster_of[ri]);
    }
    clusters.index.get(&n).and_then(|cs| {
        cs.iter()
            .copied()
            .max_by_key(|&c| (clusters.articles[c].len(), std::cmp::Reverse(c)))
    })
}

/// Stage 4 of [`fuse`], confirmed reveals: each confirmed `same_as` joins the clusters of
/// its two sides. This is explicit evidence, so it may be transitive. Returns the edges
/// (episode, side, side, article) in episode order, so that the episode a name joined an
/// entity can be told.
fn confirmed_reveals(
    inputs: &[&Input],
    episode_of: &[Episode],
    records: &[Record],
    clusters: &NameIndex<'_>,
) -> Vec<(Episode, usize, usize, usize)> {
    let mut reveal_edges: Vec<(Episode, usize, usize, usize)> = Vec::new();
    for (ai, input) in inputs.iter().enumerate() {
        for f in input.story.facts.iter() {
            if f.relation != Relation::SameAs || f.certainty != Certainty::Confirmed {
                continue;
            }
            let (Some(s), Some(o)) = (
                resolve_in(ai, &f.subject, &f.evidence, records, clusters),
                resolve_in(ai, &f.object, &f.evidence, records, clusters),
            ) else {
                continue;
            };
            if s != o {
                reveal_edges.push((episode_of[ai], s, o, ai));
            }
        }
    }
    reveal_edges
}

/// Stage 7 of [`fuse`], episodes: per episode, the title most articles give, the number of
/// articles and outlets, and the most scenes any one recap has.
fn episodes(inputs: &[&Input], episode_of: &[Episode]) -> Vec<EpisodeInfo> {
    // Per episode: title spellings as given, articles, outlets, most scenes.
    type EpisodeTally = (Vec<String>, usize, BTreeSet<String>, usize);
    let mut episodes: BTreeMap<Episode, EpisodeTally> = BTreeMap::new();
    for (ai, input) in inputs.iter().enumerate() {
        let e = episodes.entry(episode_of[ai]).or_default();
        if let Some(t) = &input.article.title {
            e.0.push(t.clone());
        }
        e.1 += 1;
        e.2.insert(outlet_key(&input.article));
        e.3 = e.3.max(input.story.scenes.len());
    }
    episodes
        .into_iter()
        .map(
            |(episode, (titles, articles, outlets, scenes))| EpisodeInfo {
                episode,
                title: crate::names::most_common(titles.iter().map(String::as_str)),
                articles,
                outlets: outlets.into_iter().collect(),
                scenes,
            },
        )
        .collect()
}

/// Stage 6 of [`fuse`], facts: keyed by relation and both sides, with their sources,
/// corroborating outlets and conflicts. A same_as keeps its sides' own clusters (not their
/// entities) so that a reveal stays a fact between two names even once it has joined them
/// into one entity.
fn facts(
    inputs: &[&Input],
    episode_of: &[Episode],
    records: &[Record],
    names: &NameIndex<'_>,
    clusters: &[Vec<usize>],
    entity_of_cluster: &[usize],
    entities: &[Entity],
) -> Vec<Fact> {
    #[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
    enum Side {
        Entity(usize),
        Cluster(usize),
        Text(String),
    }
    let symmetric =
        |r: Relation| matches!(r, Relation::SameAs | Relation::AllyOf | Relation::EnemyOf);
    let cluster_name = |c: usize| -> String {
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for &ri in &clusters[c] {
            if !records[ri].identity {
                *votes.entry(records[ri].canonical.as_str()).or_default() += 1;
            }
        }
        let best = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(n, _)| n.to_string());
        let n = best.unwrap_or_else(|| records[clusters[c][0]].canonical.clone());
        clusters[c]
            .iter()
            .find_map(|&ri| records[ri].surfaces.get(&n).cloned())
            .unwrap_or(n)
    };
    let mut facts: BTreeMap<(Relation, Side, Side, bool), Fact> = BTreeMap::new();
    for (ai, input) in inputs.iter().enumerate() {
        let info = &input.article;
        let ep = episode_of[ai];
        for f in &input.story.facts {
            let side = |surface: &str| -> (Side, String, Option<usize>) {
                match resolve_in(ai, surface, &f.evidence, records, names) {
                    Some(c) if f.relation == Relation::SameAs => (
                        Side::Cluster(c),
                        cluster_name(c),
                        Some(entity_of_cluster[c]),
                    ),
                    Some(c) => {
                        let e = entity_of_cluster[c];
                        (Side::Entity(e), entities[e].name.clone(), Some(e))
                    }
                    None => (Side::Text(norm_name(surface)), surface.to_string(), None),
                }
            };
            let (mut s, mut o) = (side(&f.subject), side(&f.object));
            if symmetric(f.relation) && o.0 < s.0 {
                std::mem::swap(&mut s, &mut o);
            }
            if s.0 == o.0 {
                continue;
            }
            let confirmed = f.certainty == Certainty::Confirmed;
            let fact = facts
                .entry((f.relation, s.0.clone(), o.0.clone(), confirmed))
                .or_insert_with(|| Fact {
                    subject: s.1.clone(),
                    relation: f.relation,
                    object: o.1.clone(),
                    certainty: f.certainty,
                    first_seen: ep,
                    corroboration: 0,
                    sources: Vec::new(),
                    conflicts: Vec::new(),
                    subject_entity: s.2,
                    object_entity: o.2,
                });
            fact.first_seen = fact.first_seen.min(ep);
            fact.sources.push(provenance(info, ep, Some(&f.evidence)));
        }
    }
    // Corroboration and conflicts, now that every statement is in.
    let keys: Vec<(Relation, Side, Side, bool)> = facts.keys().cloned().collect();
    let summary: BTreeMap<(Relation, Side, Side, bool), (Certainty, Episode)> = facts
        .iter()
        .map(|(k, f)| (k.clone(), (f.certainty, f.first_seen)))
        .collect();
    for key in keys {
        let (rel, s, o, confirmed) = key.clone();
        let mut conflicts = Vec::new();
        if let Some(&(other, first_seen)) = summary.get(&(rel, s.clone(), o.clone(), !confirmed)) {
            conflicts.push(Conflict::Certainty { other, first_seen });
        }
        let opposite = match rel {
            Relation::AllyOf => Some(Relation::EnemyOf),
            Relation::EnemyOf => Some(Relation::AllyOf),
            _ => None,
        };
        if let Some(opp) = opposite {
            for c in [true, false] {
                if let Some(&(certainty, first_seen)) = summary.get(&(opp, s.clone(), o.clone(), c))
                {
                    conflicts.push(Conflict::Contradiction {
                        relation: opp,
                        certainty,
                        first_seen,
                    });
                }
            }
        }
        if let Some(fact) = facts.get_mut(&key) {
            let outlets: BTreeSet<String> = fact
                .sources
                .iter()
                .map(|p| {
                    p.outlet
                        .clone()
                        .unwrap_or_else(|| UNNAMED_OUTLET.to_string())
                })
                .collect();
            fact.corroboration = outlets.len();
            fact.conflicts = conflicts;
        }
    }
    let mut facts: Vec<Fact> = facts.into_values().collect();
    facts.sort_by(|a, b| {
        (
            a.first_seen,
            a.relation,
            &a.subject,
            &a.object,
            a.certainty == Certainty::Suspected,
        )
            .cmp(&(
                b.first_seen,
                b.relation,
                &b.subject,
                &b.object,
                b.certainty == Certainty::Suspected,
            ))
    });
    facts
}

/// Stage 5 of [`fuse`], entities: one per set of clusters joined by stages 2 to 4, with its
/// canonical name (chosen by the articles' own naming, see below), kind, aliases (each with
/// the episode it was first seen in), articles, outlets and mentions; in order of first
/// appearance, then name, so that the order is the same at every horizon. Returns the
/// entities and, for each cluster, its entity.
fn entities(
    inputs: &[&Input],
    episode_of: &[Episode],
    records: &[Record],
    clusters: &[Vec<usize>],
    sets: &mut Sets,
    reveal_edges: &[(Episode, usize, usize, usize)],
    spelled: &BTreeSet<usize>,
) -> (Vec<Entity>, Vec<usize>) {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in 0..clusters.len() {
        groups.entry(sets.find(c)).or_default().push(c);
    }
    let revealing_articles: BTreeSet<usize> = reveal_edges.iter().map(|e| e.3).collect();
    let mut entity_of_cluster: Vec<usize> = vec![0; clusters.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_first_article: Vec<usize> = Vec::new();
    for members in groups.values() {
        let recs: Vec<usize> = members
            .iter()
            .flat_map(|&c| clusters[c].iter().copied())
            .collect();
        // The canonical name, from the names the articles themselves chose for it: a proper
        // name over a description ("Pell" over "the brass boy"), several words over one
        // ("Gilded Choir" over "Choir", "Edda Vane" over the mask "Lamplighter"), the name
        // articles revealing an identity use, the name most articles use at all, the one
        // most articles chose, the longest, the earliest.
        let mut votes: BTreeMap<&str, NameVotes> = BTreeMap::new();
        let named: Vec<usize> = recs
            .iter()
            .copied()
            .filter(|&ri| !records[ri].identity)
            .collect();
        for &ri in &named {
            let r = &records[ri];
            let original = r
                .surfaces
                .get(&r.canonical)
                .map(String::as_str)
                .unwrap_or("");
            let bare = original
                .strip_prefix("the ")
                .or_else(|| original.strip_prefix("The "))
                .unwrap_or(original);
            let proper = bare
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase);
            let v = votes.entry(r.canonical.as_str()).or_insert_with(|| {
                let presence = named
                    .iter()
                    .filter(|&&o| records[o].surfaces.contains_key(&r.canonical))
                    .count();
                (
                    proper,
                    r.canonical.contains(' '),
                    0,
                    presence,
                    0,
                    r.canonical.len(),
                    std::cmp::Reverse(usize::MAX),
                )
            });
            if revealing_articles.contains(&r.article) {
                v.2 += 1;
            }
            v.4 += 1;
            v.6 = v.6.max(std::cmp::Reverse(r.article));
        }
        let canonical_norm: String = match votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        {
            Some((n, _)) => n.to_string(),
            None => records[recs[0]].canonical.clone(),
        };
        let canonical_cluster = members
            .iter()
            .copied()
            .find(|&c| {
                clusters[c]
                    .iter()
                    .any(|&ri| records[ri].canonical == canonical_norm && !records[ri].identity)
            })
            .unwrap_or(members[0]);
        // When each cluster joined the canonical one through reveals, in episode order.
        let mut joined: BTreeMap<usize, Episode> = BTreeMap::new();
        {
            let mut s = Sets((0..clusters.len()).collect());
            for &(ep, a, b, _) in reveal_edges {
                if !members.contains(&a) {
                    continue;
                }
                s.union(a, b);
                for &c in members {
                    if !joined.contains_key(&c)
                        && c != canonical_cluster
                        && s.find(c) == s.find(canonical_cluster)
                    {
                        joined.insert(c, ep);
                    }
                }
            }
        }
        let mut name_text: Option<String> = None;
        let mut kinds: BTreeMap<Kind, (usize, std::cmp::Reverse<usize>)> = BTreeMap::new();
        let mut aliases: BTreeMap<String, Alias> = BTreeMap::new();
        let mut articles: BTreeSet<usize> = BTreeSet::new();
        let mut outlets: BTreeSet<String> = BTreeSet::new();
        let mut mentions = 0usize;
        let mut first_article = usize::MAX;
        for &c in members {
            for &ri in &clusters[c] {
                let r = &records[ri];
                let ep = episode_of[r.article];
                let info = &inputs[r.article].article;
                articles.insert(r.article);
                first_article = first_article.min(r.article);
                if let Some(o) = &info.outlet {
                    outlets.insert(o.clone());
                }
                mentions += r.mentions;
                if !r.identity {
                    let k = kinds
                        .entry(r.kind)
                        .or_insert((0, std::cmp::Reverse(r.article)));
                    k.0 += 1;
                    k.1 = k.1.max(std::cmp::Reverse(r.article));
                }
                for (n, text) in &r.surfaces {
                    if *n == canonical_norm {
                        if name_text.is_none() && r.canonical == canonical_norm {
                            name_text = Some(text.clone());
                        }
                        continue;
                    }
                    let via = if joined.contains_key(&c) {
                        AliasVia::Reveal
                    } else if spelled.contains(&c) {
                        AliasVia::Spelling
                    } else {
                        AliasVia::Name
                    };
                    let alias = aliases.entry(n.clone()).or_insert_with(|| Alias {
                        text: text.clone(),
                        first_seen: ep,
                        via,
                        revealed_in: joined.get(&c).copied(),
                        sources: Vec::new(),
                    });
                    alias.first_seen = alias.first_seen.min(ep);
                    // A name that the entity's own cluster also uses is a plain name.
                    if via == AliasVia::Name {
                        alias.via = AliasVia::Name;
                        alias.revealed_in = None;
                    }
                    if !alias.sources.iter().any(|p| p.article == info.id) {
                        alias.sources.push(provenance(info, ep, None));
                    }
                }
            }
        }
        let kind = kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1))
            .map(|(k, _)| *k)
            .unwrap_or(records[recs[0]].kind);
        let name = name_text.unwrap_or_else(|| {
            recs.iter()
                .find_map(|&ri| records[ri].surfaces.get(&canonical_norm).cloned())
                .unwrap_or_else(|| canonical_norm.clone())
        });
        for &c in members {
            entity_of_cluster[c] = entities.len();
        }
        let mut aliases: Vec<Alias> = aliases.into_values().collect();
        aliases.sort_by(|a, b| (a.first_seen, &a.text).cmp(&(b.first_seen, &b.text)));
        entities.push(Entity {
            name,
            kind,
            aliases,
            first_seen: episode_of[first_article],
            articles: articles.len(),
            outlets: outlets.into_iter().collect(),
            mentions,
        });
        entity_first_article.push(first_article);
    }

    // Entities in order of first appearance, then name: stable across horizons.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        (entity_first_article[a], &entities[a].name)
            .cmp(&(entity_first_article[b], &entities[b].name))
    });
    let mut new_index = vec![0usize; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let entities: Vec<Entity> = order.iter().map(|&i| entities[i].clone()).collect();
    for e in entity_of_cluster.iter_mut() {
        *e = new_index[*e];
    }
    (entities, entity_of_cluster)
}

/// Builds the knowledge base of one series from its admitted inputs.
///
/// `inputs` must already be limited to the series and the horizon; they are sorted here so
/// that the result does not depend on the order articles were ingested in.
pub(crate) fn fuse(
    series: &str,
    title: &str,
    horizon: Horizon,
    mut inputs: Vec<&Input>,
) -> Knowledge {
    inputs.sort_by(|a, b| {
        (a.episode(), &a.article.outlet, &a.article.id).cmp(&(
            b.episode(),
            &b.article.outlet,
            &b.article.id,
        ))
    });
    let episode_of: Vec<Episode> = inputs
        .iter()
        .map(|i| i.episode().unwrap_or(Episode::new(1, 0)))
        .collect();

    // 1. Records: each article entity, with names tied to it only by a reveal split off.
    let mut records = records(&inputs);

    // 2. Name clusters (see `name_clusters`).
    let NameClusters {
        cluster_of,
        clusters,
        surfaces: cluster_surfaces,
        articles: cluster_articles,
        index,
    } = name_clusters(&mut records);

    // 3. Near-spellings (see `near_spellings`).
    let (mut sets, spelled) = near_spellings(&cluster_articles, &cluster_surfaces);

    // 4. Confirmed reveals join clusters (see `confirmed_reveals`).
    let names = NameIndex {
        cluster_of: &cluster_of,
        articles: &cluster_articles,
        index: &index,
    };
    let reveal_edges = confirmed_reveals(&inputs, &episode_of, &records, &names);
    for &(_, s, o, _) in &reveal_edges {
        sets.union(s, o);
    }

    // 5. Entities (see `entities`).
    let (entities, entity_of_cluster) = entities(
        &inputs,
        &episode_of,
        &records,
        &clusters,
        &mut sets,
        &reveal_edges,
        &spelled,
    );

    // 6. Facts (see `facts`).
    let facts = facts(
        &inputs,
        &episode_of,
        &records,
        &names,
        &clusters,
        &entity_of_cluster,
        &entities,
    );

    // 7. Episodes (see `episodes`).
    let episodes = episodes(&inputs, &episode_of);

    Knowledge {
        series: series.to_string(),
        title: title.to_string(),
        horizon,
        as_of: episodes.last().map(|e| e.episode),
        episodes,
        entities,
        facts,
    }
}
