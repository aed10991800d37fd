//! The catalogue: one row per series (its [`SeriesDigest`] as JSON, a sort key and a
//! version), rewritten in the transaction of every ingest that touches the series, so that
//! listing, paging and filtering thousands of series reads one small row each and never a
//! story. The version is a store-wide counter: the largest version is the store's change
//! stamp, and the rows above a stamp are the series changed since, which is how a server
//! sharing the store with other writers knows what to forget.
//!
//! Both backends run the same steps here; only their SQL differs.

use previously_series::{series_key, Episode, Input, Library, SeriesDigest};

/// A page of the catalogue, in title order.
#[derive(Debug, Clone, PartialEq)]
pub struct CataloguePage {
    pub series: Vec<SeriesDigest>,
    /// How many series match the filter in all.
    pub total: usize,
}

/// What part of the catalogue to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CatalogueQuery {
    /// Only series whose title holds this text (any case); empty for all.
    pub filter: String,
    pub offset: usize,
    pub limit: usize,
}

/// The series key that `raw` belongs to after the user's declarations, and every stored
/// key that belongs to it (its own and those declared the same series), so that a digest
/// is computed from all its articles.
pub(crate) fn keys_of(declared: &[(String, String)], raw: &str) -> (String, Vec<String>) {
    let lib = Library::with_declarations([], declared);
    let key = lib.key_of(raw);
    let mut keys = vec![key.clone()];
    for (a, b) in declared {
        for k in [series_key(a), series_key(b)] {
            if lib.key_of(&k) == key && !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    (key, keys)
}

/// One catalogue row to write: the key, its title, the sort key (the title in lower case),
/// the digest as JSON and how many episodes it has (0 for a series no article belongs to
/// any more, which is kept so that its version still tells readers it changed).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub key: String,
    pub title: String,
    pub sort: String,
    pub json: String,
    pub episodes: i64,
}

/// The rows to write after the articles of the stored series key `raw` changed: the row
/// of the series it belongs to, from `inputs` (the stories of every key of that series),
/// and an empty row for `raw` itself when a declaration folded it into another series.
pub(crate) fn rows_for(
    declared: &[(String, String)],
    raw: &str,
    inputs: Vec<Input>,
) -> Result<Vec<Row>, serde_json::Error> {
    let lib = Library::with_declarations(inputs, declared);
    let key = lib.key_of(raw);
    let digest = lib.digest(&key).unwrap_or(SeriesDigest {
        key: key.clone(),
        title: String::new(),
        episodes: Vec::new(),
    });
    let mut rows = vec![row(&digest)?];
    if raw != key {
        rows.push(row(&SeriesDigest {
            key: raw.to_string(),
            title: String::new(),
            episodes: Vec::new(),
        })?);
    }
    Ok(rows)
}

/// The row of the series the stored key `raw` belongs to after the articles of one of its
/// episodes changed: `existing` (its stored digest, if any) with that episode's entry
/// recomputed from `inputs` (the stories of that episode alone), so that an ingest reads
/// the few articles of one episode, not the whole series.
pub(crate) fn row_with_episode(
    declared: &[(String, String)],
    raw: &str,
    existing: Option<SeriesDigest>,
    episode: Episode,
    inputs: Vec<Input>,
) -> Result<Row, serde_json::Error> {
    let lib = Library::with_declarations(inputs, declared);
    let key = lib.key_of(raw);
    let part = lib
        .digest(&key)
        .and_then(|d| d.episodes.into_iter().find(|e| e.episode == episode));
    let mut digest = existing.unwrap_or_else(|| SeriesDigest::empty(&key));
    digest.replace_episode(episode, part);
    row(&digest)
}

/// Every row of a store's catalogue, from all its stories: how a store written before the
/// catalogue existed gets one.
pub(crate) fn all_rows(
    declared: &[(String, String)],
    inputs: Vec<Input>,
) -> Result<Vec<Row>, serde_json::Error> {
    let lib = Library::with_declarations(inputs, declared);
    lib.series_keys()
        .iter()
        .filter_map(|k| lib.digest(k))
        .map(|d| row(&d))
        .collect()
}

fn row(digest: &SeriesDigest) -> Result<Row, serde_json::Error> {
    Ok(Row {
        key: digest.key.clone(),
        title: digest.title.clone(),
        sort: digest.title.to_lowercase(),
        json: serde_json::to_string(digest)?,
        episodes: i64::try_from(digest.episodes.len()).unwrap_or(i64::MAX),
    })
}

/// The LIKE pattern that finds `text` anywhere, with LIKE's own wildcards escaped (by `\`),
/// so that a reader's "100%" is looked for as written.
pub(crate) fn like_anywhere(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The LIKE pattern of keys starting with `prefix`, wildcards escaped.
pub(crate) fn like_prefix(prefix: &str) -> String {
    let mut p = like_anywhere(prefix);
    p.remove(0);
    p
}

/// Reads a stored digest.
pub(crate) fn parse(key: &str, json: &str) -> Result<SeriesDigest, crate::StoreError> {
    serde_json::from_str(json).map_err(|e| crate::StoreError::Corrupt {
        article: format!("the catalogue row of {key}"),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // A reader's filter is text, not a pattern: its wildcards are looked for as written.
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_anywhere("100%_a\\"), "%100\\%\\_a\\\\%");
        assert_eq!(like_prefix("Vesper"), "vesper%");
    }

    // Declared same series gather every stored key under the key they resolve to.
    #[test]
    fn declared_keys_gather_under_one_key() {
        let declared = vec![("Mahou Shoujo".to_string(), "Magical Girl".to_string())];
        let (key, keys) = keys_of(&declared, &series_key("Mahou Shoujo"));
        assert_eq!(key, series_key("Magical Girl"));
        assert!(keys.contains(&series_key("Mahou Shoujo")));
        assert!(keys.contains(&series_key("Magical Girl")));
    }
}
