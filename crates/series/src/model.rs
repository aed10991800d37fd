//! What the knowledge base answers with. Every value here was computed from the articles
//! admitted by one [`Horizon`], and nothing else.

use crate::episode::{Episode, Horizon};
use previously_extract::{Certainty, Kind, Relation};
use serde::Serialize;

/// Where one piece of knowledge came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The article's identity in its store (its content hash when read from a file).
    pub article: String,
    /// The file or URL it was read from, when known.
    pub source: Option<String>,
    pub outlet: Option<String>,
    pub episode: Episode,
    /// The sentence the knowledge rests on, when the extractor gives one.
    pub evidence: Option<String>,
}

/// How a name became attached to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasVia {
    /// The articles themselves use it for the entity.
    Name,
    /// A rare near-spelling of a frequent name ("Alethia" for "Aletheia").
    Spelling,
    /// A confirmed identity reveal ("the Lamplighter is Edda Vane").
    Reveal,
}

/// One other name of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub text: String,
    /// The first episode in which any article used this name.
    pub first_seen: Episode,
    pub via: AliasVia,
    /// For a name joined by a reveal: the episode of the first confirmed reveal.
    pub revealed_in: Option<Episode>,
    pub sources: Vec<Provenance>,
}

/// One entity of the series, fused across articles and outlets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The canonical name, chosen from evidence admitted by the horizon only.
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<Alias>,
    pub first_seen: Episode,
    /// How many admitted articles name it.
    pub articles: usize,
    /// The outlets that name it, sorted.
    pub outlets: Vec<String>,
    pub mentions: usize,
}

impl Entity {
    /// Every name of the entity: the canonical one first, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(|a| a.text.as_str()))
    }
}

/// Why a fact is doubtful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Conflict {
    /// The same statement is also made with the other certainty.
    Certainty {
        other: Certainty,
        first_seen: Episode,
    },
    /// A contradictory statement about the same pair (ally of / enemy of).
    Contradiction {
        relation: Relation,
        certainty: Certainty,
        first_seen: Episode,
    },
}

/// One statement about the series, fused across articles: the same subject, relation,
/// object and certainty stated by several articles is one `Fact` with several sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub subject: String,
    pub relation: Relation,
    pub object: String,
    pub certainty: Certainty,
    pub first_seen: Episode,
    /// How many distinct outlets state it.
    pub corroboration: usize,
    pub sources: Vec<Provenance>,
    pub conflicts: Vec<Conflict>,
    /// Indexes into [`Knowledge::entities`] of the subject and object, when they resolve.
    pub subject_entity: Option<usize>,
    pub object_entity: Option<usize>,
}

impl Fact {
    /// The first evidence sentence, for a one-line rendering.
    pub fn evidence(&self) -> Option<&str> {
        self.sources.iter().find_map(|p| p.evidence.as_deref())
    }
}

/// One admitted episode of the series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeInfo {
    pub episode: Episode,
    pub title: Option<String>,
    pub articles: usize,
    pub outlets: Vec<String>,
    /// The largest scene count any outlet's recap of this episode has.
    pub scenes: usize,
}

/// The fused knowledge base of one series as of one horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Knowledge {
    pub series: String,
    pub title: String,
    pub horizon: Horizon,
    /// The latest admitted episode: what "as of" means in practice.
    pub as_of: Option<Episode>,
    pub episodes: Vec<EpisodeInfo>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

/// One series the library knows about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesSummary {
    pub key: String,
    pub title: String,
    pub episodes: Vec<Episode>,
    pub articles: usize,
    pub outlets: Vec<String>,
}

/// One member of the cast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CastMember {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    /// Groups it is a confirmed member of, by canonical name.
    pub groups: Vec<String>,
    pub first_seen: Episode,
}

/// Membership of a group, as stated by the articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub group: String,
    pub certainty: Certainty,
}

/// What the knowledge base says about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub entity: Entity,
    /// Groups, with the certainty of membership (confirmed wins over suspected).
    pub groups: Vec<Membership>,
    pub facts: Vec<Fact>,
}

/// The answer to "who is NAME".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Who {
    pub query: String,
    pub series: String,
    pub as_of: Option<Episode>,
    pub matches: Vec<Profile>,
    /// The closest known names, when nothing matched.
    pub suggestions: Vec<String>,
}

/// One episode's line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub episode: Episode,
    pub title: Option<String>,
    pub new_characters: Vec<String>,
    pub reveals: Vec<Fact>,
    pub deaths: Vec<Fact>,
    pub scenes: usize,
    pub articles: usize,
}
