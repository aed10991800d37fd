//! Episode ordering and the spoiler [`Horizon`].

use previously_article::EpisodeRef;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An episode with its season made explicit, so that it orders the way a viewer watches.
///
/// [`EpisodeRef`] keeps the season optional because headlines often omit it, and its derived
/// order puts `None` before every season; that would sort "Episode 5" before "S1E1". Every
/// comparison in this crate therefore goes through `Episode`, where a missing season is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Episode {
    pub season: u32,
    pub episode: u32,
}

impl Episode {
    pub fn new(season: u32, episode: u32) -> Self {
        Episode { season, episode }
    }
}

impl From<EpisodeRef> for Episode {
    fn from(e: EpisodeRef) -> Self {
        Episode {
            season: e.season.unwrap_or(1),
            episode: e.episode,
        }
    }
}

impl From<Episode> for EpisodeRef {
    fn from(e: Episode) -> Self {
        EpisodeRef {
            season: Some(e.season),
            episode: e.episode,
        }
    }
}

impl fmt::Display for Episode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{}E{}", self.season, self.episode)
    }
}

/// Why a string is not an episode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{input}” is not an episode; write it like S1E3, 1x03 or 3")]
pub struct ParseEpisodeError {
    pub input: String,
}

impl FromStr for Episode {
    type Err = ParseEpisodeError;

    /// Accepts `S1E3`, `s01e03`, `S1 E3`, `1x03`, `E3` and `3` (the last two in season 1).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseEpisodeError {
            input: s.to_string(),
        };
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let number = |t: &str| -> Result<u32, ParseEpisodeError> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            t.parse::<u32>().map_err(|_| err())
        };
        let (season, episode) = if let Some(rest) = compact.strip_prefix('s') {
            let (season, episode) = rest.split_once('e').ok_or_else(err)?;
            (number(season)?, number(episode)?)
        } else if let Some((season, episode)) = compact.split_once('x') {
            (number(season)?, number(episode)?)
        } else if let Some(episode) = compact.strip_prefix('e') {
            (1, number(episode)?)
        } else {
            (1, number(&compact)?)
        };
        Ok(Episode { season, episode })
    }
}

/// How far the reader has watched. Every query takes one, and answers as if no article about
/// a later episode had ever been ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "episode")]
pub enum Horizon {
    /// Everything ingested so far.
    Latest,
    /// Everything up to and including this episode.
    Upto(Episode),
}

impl Horizon {
    /// Whether an article about `episode` may be used at this horizon.
    pub fn admits(&self, episode: Episode) -> bool {
        match self {
            Horizon::Latest => true,
            Horizon::Upto(h) => episode <= *h,
        }
    }
}

impl From<Episode> for Horizon {
    fn from(e: Episode) -> Self {
        Horizon::Upto(e)
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Horizon::Latest => f.write_str("latest"),
            Horizon::Upto(e) => write!(f, "{e}"),
        }
    }
}

impl FromStr for Horizon {
    type Err = ParseEpisodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("latest") {
            Ok(Horizon::Latest)
        } else {
            s.parse().map(Horizon::Upto)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_season_orders_as_season_one() {
        let bare: Episode = EpisodeRef {
            season: None,
            episode: 5,
        }
        .into();
        let s1e1: Episode = EpisodeRef {
            season: Some(1),
            episode: 1,
        }
        .into();
        let s2e1: Episode = EpisodeRef {
            season: Some(2),
            episode: 1,
        }
        .into();
        assert!(s1e1 < bare && bare < s2e1);
        assert_eq!(bare, Episode::new(1, 5));
    }

    #[test]
    fn episode_parses_common_spellings() {
        for s in ["S1E3", "s01e03", "S1 E3", "1x03", "E3", "3"] {
            assert_eq!(s.parse::<Episode>(), Ok(Episode::new(1, 3)), "{s}");
        }
        assert_eq!("S2E10".parse::<Episode>(), Ok(Episode::new(2, 10)));
        for s in ["", "S", "S1", "abc", "S1E", "-3", "S1E3x"] {
            assert!(s.parse::<Episode>().is_err(), "{s}");
        }
    }

    #[test]
    fn horizon_admits_only_up_to_its_episode() {
        let h: Horizon = "S1E3".parse().expect("parses");
        assert!(h.admits(Episode::new(1, 3)));
        assert!(!h.admits(Episode::new(1, 4)));
        assert!(!h.admits(Episode::new(2, 1)));
        assert!(Horizon::Latest.admits(Episode::new(9, 99)));
        assert_eq!("latest".parse::<Horizon>(), Ok(Horizon::Latest));
    }
}
