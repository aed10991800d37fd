//! The reader's horizon: read from `?as_of=`, else from the cookie, else a default; and the
//! cookie that remembers one horizon per series.
//!
//! The URL wins over the cookie so that a shared link shows what its sender meant. The web
//! default, when the reader has not said anything yet, is the series' first episode: the one
//! choice that cannot spoil. The API default is "latest", like the CLI, and every API
//! response says which horizon it used.

use crate::error::{AppError, ErrorCode};
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use previously_series::{Episode, Horizon};

/// The cookie that remembers the horizons.
pub const COOKIE: &str = "previously_asof";

/// Longer `as_of` values are refused before parsing, so that no work grows with the input.
const MAX_AS_OF: usize = 32;

/// How many series the cookie remembers; the oldest entries are dropped beyond that, so the
/// cookie stays far below the 4 KB browsers keep.
const MAX_REMEMBERED: usize = 24;

/// Parses an `as_of` value ("S1E3", "1x03", "3", "latest").
pub fn parse(value: &str) -> Result<Horizon, AppError> {
    let bad = || {
        let shown: String = value.chars().take(MAX_AS_OF).collect();
        AppError::new(
            ErrorCode::BadHorizon,
            format!("“{shown}” is not an episode; write it like S1E3, or latest"),
        )
    };
    if value.len() > MAX_AS_OF {
        return Err(bad());
    }
    value.parse::<Horizon>().map_err(|_| bad())
}

/// The horizons remembered in the cookie header, series key → horizon. Malformed entries
/// are skipped: a damaged cookie must not make every page fail.
pub fn from_cookie(cookie_header: Option<&str>) -> Vec<(String, Horizon)> {
    let Some(header) = cookie_header else {
        return Vec::new();
    };
    let Some(value) = header.split(';').find_map(|c| {
        c.trim()
            .strip_prefix(COOKIE)
            .and_then(|r| r.strip_prefix('='))
    }) else {
        return Vec::new();
    };
    value
        .split('|')
        .filter_map(|entry| {
            let (k, h) = entry.split_once(':')?;
            let key = percent_decode_str(k).decode_utf8().ok()?.into_owned();
            let horizon = parse(h).ok()?;
            Some((key, horizon))
        })
        .take(MAX_REMEMBERED)
        .collect()
}

/// The cookie value with `key` set to `horizon`, most recent first.
pub fn cookie_with(mut remembered: Vec<(String, Horizon)>, key: &str, horizon: Horizon) -> String {
    remembered.retain(|(k, _)| k != key);
    remembered.insert(0, (key.to_string(), horizon));
    remembered.truncate(MAX_REMEMBERED);
    let value: Vec<String> = remembered
        .iter()
        .map(|(k, h)| format!("{}:{}", utf8_percent_encode(k, NON_ALPHANUMERIC), h))
        .collect();
    // HttpOnly because no script reads it; Lax so that a shared link still carries it.
    format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        value.join("|")
    )
}

/// Where a horizon came from, so that a page can say "you have not chosen yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    Url,
    Cookie,
    Default,
}

/// The reader's horizon for the series `key` on a web page.
pub fn for_page(
    as_of: Option<&str>,
    remembered: &[(String, Horizon)],
    key: &str,
    first_episode: Option<Episode>,
) -> Result<(Horizon, Chosen), AppError> {
    if let Some(v) = as_of.filter(|v| !v.is_empty()) {
        return Ok((parse(v)?, Chosen::Url));
    }
    if let Some((_, h)) = remembered.iter().find(|(k, _)| k == key) {
        return Ok((*h, Chosen::Cookie));
    }
    Ok((
        first_episode.map(Horizon::Upto).unwrap_or(Horizon::Latest),
        Chosen::Default,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_round_trips_keys_with_any_characters() {
        let v = cookie_with(
            Vec::new(),
            "vesper tide; x=|y:",
            Horizon::Upto(Episode::new(1, 3)),
        );
        let header = v.split(';').next().map(str::to_string);
        let back = from_cookie(header.as_deref());
        assert_eq!(
            back,
            vec![(
                "vesper tide; x=|y:".to_string(),
                Horizon::Upto(Episode::new(1, 3))
            )]
        );
    }

    #[test]
    fn damaged_cookie_entries_are_ignored() {
        let back = from_cookie(Some(
            "a=b; previously_asof=x:S9E99x|good:S1E2|%FF:S1E1|nocolon",
        ));
        assert_eq!(
            back,
            vec![("good".to_string(), Horizon::Upto(Episode::new(1, 2)))]
        );
    }

    #[test]
    fn url_horizon_wins_over_cookie_and_default_is_first_episode() {
        let remembered = vec![("k".to_string(), Horizon::Upto(Episode::new(1, 4)))];
        let first = Some(Episode::new(1, 1));
        assert_eq!(
            for_page(Some("S1E2"), &remembered, "k", first).map(|r| r.0),
            Ok(Horizon::Upto(Episode::new(1, 2)))
        );
        assert_eq!(
            for_page(None, &remembered, "k", first).map(|r| r.1),
            Ok(Chosen::Cookie)
        );
        assert_eq!(
            for_page(None, &[], "k", first),
            Ok((Horizon::Upto(Episode::new(1, 1)), Chosen::Default))
        );
        assert!(for_page(Some("S9E99x"), &[], "k", first).is_err());
        assert!(for_page(Some(&"9".repeat(10_000)), &[], "k", first).is_err());
    }
}
