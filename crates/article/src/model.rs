//! The domain types every later stage reads: an [`Article`] and its [`EpisodeRef`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Which syntax an article was read from. Decided from the content, with the file
/// extension only as a tie-breaker, because pages saved from a browser often carry the
/// wrong extension (or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        })
    }
}

/// One episode of one season. The season is optional because many headlines name only the
/// episode ("Episode 5 Review"); later stages treat a missing season as season 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EpisodeRef {
    pub season: Option<u32>,
    pub episode: u32,
}

impl fmt::Display for EpisodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{}E{}", self.season.unwrap_or(1), self.episode)
    }
}

/// One recap & review article, reduced to what the extractor needs. Paragraph texts are
/// plain Unicode text: HTML tags and entities, Markdown syntax and front matter are gone,
/// inner white space is folded to single spaces, and typographic quotes are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The series title as the article names it ("Metallic Rouge"), or `None` when no
    /// headline or front matter says it.
    pub series: Option<String>,
    pub season: Option<u32>,
    pub episode: Option<u32>,
    /// The episode's own title ("Crimson Is The Sound of Dawn"), not the headline.
    pub title: Option<String>,
    /// The publication ("Tidewater Recaps"), when the article names it.
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Publication date as written (ISO 8601 where the source gives one).
    pub date: Option<String>,
    pub author: Option<String>,
    /// The article's headline line as read, when there is one.
    pub headline: Option<String>,
    /// Paragraphs of the recap (the retelling of the episode), in order.
    pub recap: Vec<String>,
    /// Paragraphs after the review heading (the critic's opinion), in order.
    pub review: Vec<String>,
    /// The heading that opened the review section, as written ("The Episode Review").
    pub review_heading: Option<String>,
    pub format: Format,
    /// Where the article was read from; `None` for standard input or in-memory text.
    pub source: Option<PathBuf>,
    /// BLAKE3 of the raw bytes, hex: the identity of this version of the article, so a
    /// store can skip an unchanged one and replace a changed one.
    pub content_hash: String,
    /// Which cue placed the article at its episode, and how far it is trusted; `None`
    /// when nothing did. Reading information: a store does not keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_by: Option<Placement>,
}

/// The cue that placed an article at its episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// The user said so (`ingest --series/--episode`, the POST's query parameters).
    User,
    /// Front matter or the page's metadata, written for machines.
    Metadata,
    /// The headline (or a header line) with an episode marker.
    Headline,
    /// The opening sentences of a page with no headline.
    Opening,
    /// The page's URL.
    Url,
    /// The name of the file the page was saved under.
    FileName,
}

impl Cue {
    /// How far a placing by this cue is trusted, in [0, 1]: what the user or the page's
    /// metadata says is nearly sure; a headline rarely misleads; an opening sentence or a
    /// URL sometimes does; a file name is whatever the user typed.
    pub fn confidence(self) -> f32 {
        match self {
            Cue::User => 1.0,
            Cue::Metadata => 0.95,
            Cue::Headline => 0.9,
            Cue::Opening => 0.7,
            Cue::Url => 0.6,
            Cue::FileName => 0.5,
        }
    }
}

/// A cue and its confidence, as the ingest reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub cue: Cue,
    pub confidence: f32,
}

impl Placement {
    pub fn by(cue: Cue) -> Placement {
        Placement {
            cue,
            confidence: cue.confidence(),
        }
    }
}

// `Article` derives `Eq`; the confidence is a fixed value per cue, so equality by cue is
// exact.
impl Eq for Placement {}

impl Article {
    /// The episode this article is about, when the episode number is known.
    pub fn episode_ref(&self) -> Option<EpisodeRef> {
        self.episode.map(|episode| EpisodeRef {
            season: self.season,
            episode,
        })
    }

    /// The outlet to file this article under: the one it names, else the host of its URL
    /// ("www.example.com" → "example.com"), else the name of the file it was read from —
    /// what a reader can recognise, where nothing better names it.
    pub fn outlet_or_source(&self) -> Option<String> {
        self.outlet
            .clone()
            .or_else(|| self.url.as_deref().and_then(url_host))
            .or_else(|| {
                self.source
                    .as_ref()
                    .and_then(|p| p.file_stem())
                    .map(|s| s.to_string_lossy().into_owned())
            })
    }

    /// Applies what the user says of the article (`ingest --series/--season/--episode/
    /// --outlet`, the POST's query parameters), which overrides what the page says; a
    /// blank value says nothing. Then names the outlet where nothing did (the URL's host,
    /// else the file name).
    pub fn place_by_user(
        &mut self,
        series: Option<&str>,
        season: Option<u32>,
        episode: Option<u32>,
        outlet: Option<&str>,
    ) {
        let given = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if let Some(series) = given(series) {
            self.series = Some(series);
        }
        self.season = season.or(self.season);
        self.episode = episode.or(self.episode);
        if series.is_some() || episode.is_some() {
            self.placed_by = self.episode.map(|_| Placement::by(Cue::User));
        }
        if let Some(outlet) = given(outlet) {
            self.outlet = Some(outlet);
        }
        self.outlet = self.outlet_or_source();
    }

    /// Recap paragraphs then review paragraphs, each tagged with its section.
    pub fn paragraphs(&self) -> impl Iterator<Item = (Section, &str)> {
        self.recap
            .iter()
            .map(|p| (Section::Recap, p.as_str()))
            .chain(self.review.iter().map(|p| (Section::Review, p.as_str())))
    }
}

/// The host of an http(s) URL, without a leading "www.": how a site is named when it does
/// not name itself.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The two halves of a recap & review article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Recap,
    Review,
}

/// Something the reader noticed but could work around. Reading never stops for these; they
/// are printed next to the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// An article plus what the reader had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<Warning>,
}
