//! The output types: a [`Story`] and its parts, serialising to the Story JSON contract.
//!
//! Enums serialise to the spec's lowercase strings so that the JSON matches the contract
//! without any hand-written conversion.

use previously_article::Article;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The result of [`crate::extract`]: the story plus notes about anything doubtful.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub story: Story,
    pub diagnostics: Vec<Diagnostic>,
}

/// Something the extractor noticed and worked around; never an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything extracted from one article.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct Story {
    pub article: ArticleMeta,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub scenes: Vec<Scene>,
    pub review: Option<Review>,
}

/// Which episode of which series the article is about, copied from the [`Article`].
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleMeta {
    pub series: Option<String>,
    pub season: Option<u32>,
    pub episode: Option<u32>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

impl ArticleMeta {
    pub fn from_article(a: &Article) -> Self {
        ArticleMeta {
            series: a.series.clone(),
            season: a.season,
            episode: a.episode,
            title: a.title.clone(),
            outlet: a.outlet.clone(),
        }
    }
}

/// What sort of thing an entity is (see the spec's list of kinds).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Character,
    Person,
    Group,
    Place,
    Thing,
    Kind,
    Work,
    Org,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Character => "character",
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
            Kind::Thing => "thing",
            Kind::Kind => "kind",
            Kind::Work => "work",
            Kind::Org => "org",
        }
    }
}

/// Which half of the article a mention sits in.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Recap,
    Review,
}

/// One place where the text names an entity: the paragraph, and byte offsets into it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub part: Part,
    /// Index of the paragraph within its part.
    pub paragraph: usize,
    /// Byte offsets of the name within that paragraph's text.
    pub start: usize,
    pub end: usize,
    /// The surface form as written (possessive "'s" removed).
    pub text: String,
}

/// One entity of the story with every name the text uses for it.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Entity {
    /// The canonical name: the fullest proper name the text uses.
    pub name: String,
    pub kind: Kind,
    /// Every other surface form the text uses for it.
    pub aliases: Vec<String>,
    /// How many times the text names it, under any alias.
    pub mentions: usize,
    /// Where the text first names it, for spoiler-safe ordering.
    pub first_mention: Option<Mention>,
}

/// The relation a fact states.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    SameAs,
    IsA,
    MemberOf,
    Killed,
    WorksAt,
    AllyOf,
    EnemyOf,
    PlayedBy,
    ComparedTo,
    MadeBy,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::SameAs => "same_as",
            Relation::IsA => "is_a",
            Relation::MemberOf => "member_of",
            Relation::Killed => "killed",
            Relation::WorksAt => "works_at",
            Relation::AllyOf => "ally_of",
            Relation::EnemyOf => "enemy_of",
            Relation::PlayedBy => "played_by",
            Relation::ComparedTo => "compared_to",
            Relation::MadeBy => "made_by",
        }
    }
}

/// Whether the article states a fact or only hedges it.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    Confirmed,
    Suspected,
}

/// One statement about the story, with the sentence it rests on.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub subject: String,
    pub relation: Relation,
    pub object: String,
    pub certainty: Certainty,
    pub evidence: String,
}

/// A stretch of the recap in one place or thread.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Scene {
    /// The words that opened the scene ("We cut to", "At a church"), or null for the first.
    pub cue: Option<String>,
    pub place: Option<String>,
    /// Canonical names of the entities named in the scene, in order of first mention.
    pub entities: Vec<String>,
    pub first_sentence: String,
}

/// The critic's view.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Review {
    pub verdict: Verdict,
    pub aspects: Vec<Aspect>,
    /// The critic's evaluation sentences, in text order, wherever they stand (real reviews
    /// weave opinion into the retelling): what the verdict and the aspects rest on.
    #[serde(default)]
    pub evaluation: Vec<Evaluation>,
}

/// One sentence in which the critic judges the episode or its craft.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub text: String,
    /// The sentence's polarity in [-1, 1].
    pub polarity: f64,
    /// Which half of the article it stands in.
    pub part: Part,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Positive,
    Mixed,
    Negative,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Verdict {
    pub label: Label,
    /// In [-1, 1].
    pub score: f64,
    /// A score the article states, as written ("8/10", "B+").
    pub explicit: Option<String>,
    pub evidence: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AspectName {
    Visuals,
    Story,
    Characters,
    Pacing,
    Action,
    Music,
    Worldbuilding,
    VoiceActing,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Aspect {
    pub aspect: AspectName,
    pub polarity: Label,
    pub evidence: String,
}

impl Label {
    /// The label a verdict score in [-1, 1] earns. Scores near zero are "mixed": a review that
    /// praises and criticises in equal measure, or says little either way.
    pub fn from_score(score: f64) -> Label {
        if score > 0.25 {
            Label::Positive
        } else if score < -0.25 {
            Label::Negative
        } else {
            Label::Mixed
        }
    }
}

impl Kind {
    /// Whether entities of this kind belong to the story's world (characters, groups,
    /// places, things, kinds of being), as opposed to the real world around the show
    /// (people, works, companies) that reviews mention.
    pub fn in_story_world(self) -> bool {
        matches!(
            self,
            Kind::Character | Kind::Group | Kind::Place | Kind::Thing | Kind::Kind
        )
    }
}

impl Relation {
    /// The relation as the verb phrase of an English sentence ("Edda Vane *is* Lamplighter",
    /// "Mira Kest *is a member of* the Gilded Choir"), for every view that prints facts.
    pub fn phrase(self) -> &'static str {
        match self {
            Relation::SameAs => "is",
            Relation::IsA => "is a",
            Relation::MemberOf => "is a member of",
            Relation::Killed => "killed",
            Relation::WorksAt => "works at",
            Relation::AllyOf => "is an ally of",
            Relation::EnemyOf => "is an enemy of",
            Relation::PlayedBy => "is played by",
            Relation::ComparedTo => "is compared to",
            Relation::MadeBy => "is made by",
        }
    }
}

impl Certainty {
    /// The word the views print, the same as in Story JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Suspected => "suspected",
        }
    }
}

impl Label {
    /// The word the views print, the same as in Story JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Mixed => "mixed",
            Label::Negative => "negative",
        }
    }
}

impl Kind {
    /// The heading under which views list entities of this kind.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Character => "Characters",
            Kind::Person => "People",
            Kind::Group => "Groups",
            Kind::Place => "Places",
            Kind::Thing => "Things",
            Kind::Kind => "Kinds of being",
            Kind::Work => "Works",
            Kind::Org => "Organisations",
        }
    }
}
