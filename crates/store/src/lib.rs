//! `previously-store` keeps ingested articles and the stories extracted from them, so that a
//! series knowledge base can be rebuilt at any horizon without reading the files again.
//!
//! One trait, [`Store`], is the boundary every backend implements: [`SqliteStore`] is the
//! embedded default (one file, WAL, foreign keys on, versioned migrations) and
//! [`PostgresStore`] the shared one (same tables and schema versions; readers are never
//! blocked by MVCC, writers queue on a table lock). What is stored is the source of truth
//! only — article metadata, paragraphs, content hash, source and the story as Story JSON.
//! The fused series view is not stored: [`Store::series_library`] hands one series' stories
//! to `previously-series`, which rebuilds the view for each horizon, so a stored view can
//! never disagree with the articles or leak a later episode.
//!
//! Invariants: an ingest is one transaction (an article is either wholly in, with its
//! paragraphs and story, or not at all); ingest is idempotent by content hash (unchanged →
//! skipped, changed → replaced with everything derived from it); a file that is not a store,
//! or a store written by a newer build, is refused with a clear error and left untouched.

mod catalogue;
mod postgres;
mod sqlite;

pub use catalogue::{CataloguePage, CatalogueQuery};

pub use crate::postgres::PostgresStore;
pub use sqlite::{SqliteStore, APPLICATION_ID, SCHEMA_VERSION};

use previously_article::{Article, Format};
use previously_extract::Story;
use previously_series::{Input, Library, SeriesDigest};
use std::path::{Path, PathBuf};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `place` is the file path, or the server URL without its password.
    #[error("{place}: not a previously store ({reason})")]
    NotAStore { place: String, reason: String },
    #[error("{place}: the store has schema version {found}, newer than this build understands (up to {supported}); use a newer previously")]
    NewerSchema {
        place: String,
        found: i64,
        supported: i64,
    },
    #[error("{}: no store here yet; run `previously ingest` first", path.display())]
    Missing { path: PathBuf },
    // The underlying error is part of the message and deliberately not a `source`: the
    // binary prints the whole chain, and the OS message would otherwise appear twice.
    #[error("{}: cannot open the store: {error}", path.display())]
    Open {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("no data folder is known for this user; pass --db PATH")]
    NoDataDir,
    #[error("the stored story of {article} is damaged: {reason}")]
    Corrupt { article: String, reason: String },
    #[error("store: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{url}: cannot reach the PostgreSQL server: {error}")]
    Unreachable { url: String, error: String },
    /// The driver's message with its cause: PostgreSQL's own words ("ERROR: …") are in the
    /// cause, not in the driver error's message ("db error").
    #[error("store: {0}")]
    Postgres(String),
    #[error("store: the connection was poisoned by an earlier panic")]
    Poisoned,
    #[error(transparent)]
    Series(#[from] previously_series::SeriesError),
}

// Written out rather than `#[from]`, which would also make the driver error the `source`
// and print its message twice in the binary's error chain.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> Self {
        match std::error::Error::source(&e) {
            Some(cause) => StoreError::Postgres(format!("{e}: {cause}")),
            None => StoreError::Postgres(e.to_string()),
        }
    }
}

/// What an ingest did with one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Ingested {
    /// A new article.
    Added,
    /// A changed version of a stored article replaced it and everything derived from it.
    Updated,
    /// The same version is already stored under this identity.
    Unchanged,
    /// The same content is already stored under another identity (a copy of the file).
    Duplicate { of: String },
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub articles: usize,
    pub paragraphs: usize,
    pub stories: usize,
}

/// A store of articles and their stories.
pub trait Store {
    /// Stores one article and its story, all or nothing.
    fn ingest(&mut self, article: &Article, story: &Story) -> Result<Ingested, StoreError>;

    /// Every stored story with the article metadata fusion needs.
    fn inputs(&self) -> Result<Vec<Input>, StoreError>;

    /// The stored article whose identity is `key`, paragraphs included.
    fn article(&self, key: &str) -> Result<Option<Article>, StoreError>;

    /// The stored article with this content hash (the `id` of its `ArticleInfo`), paragraphs
    /// included: how a reader of [`Store::inputs`] gets back to an article's text.
    fn article_by_hash(&self, content_hash: &str) -> Result<Option<Article>, StoreError>;

    /// Declares that two series titles name one series; kept across sessions.
    fn declare_same_series(&mut self, a: &str, b: &str) -> Result<(), StoreError>;

    /// The declarations made with [`Store::declare_same_series`], in order.
    fn same_series(&self) -> Result<Vec<(String, String)>, StoreError>;

    fn counts(&self) -> Result<Counts, StoreError>;

    /// The distinct series titles of the articles that have an episode number.
    fn series_titles(&self) -> Result<Vec<String>, StoreError>;

    /// The stored stories of the articles whose series key (see
    /// [`previously_series::series_key`]) is one of `keys`.
    fn inputs_of(&self, keys: &[String]) -> Result<Vec<Input>, StoreError>;

    /// A page of the catalogue (one digest per series, in title order), read from the
    /// catalogue rows alone: listing series never reads a story.
    fn catalogue(&self, query: &CatalogueQuery) -> Result<CataloguePage, StoreError>;

    /// The catalogue row of the series `key` (a key as [`previously_series::series_key`]
    /// makes it, after declarations), if it has placed articles.
    fn catalogue_entry(&self, key: &str) -> Result<Option<SeriesDigest>, StoreError>;

    /// The catalogue rows of the series `keys`, in that order (`None` for a key the
    /// catalogue does not hold).
    fn catalogue_entries(&self, keys: &[String]) -> Result<Vec<Option<SeriesDigest>>, StoreError> {
        keys.iter().map(|k| self.catalogue_entry(k)).collect()
    }

    /// Up to `limit` series whose key starts with `prefix`, in key order.
    fn catalogue_prefixed(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<SeriesDigest>, StoreError>;

    /// The store's change stamp: it grows with every ingest or declaration that changes a
    /// series, and reading it costs one index lookup.
    fn stamp(&self) -> Result<i64, StoreError>;

    /// The series keys changed after `stamp` (see [`Store::stamp`]).
    fn changed_since(&self, stamp: i64) -> Result<Vec<String>, StoreError>;

    /// How many stored articles have no series title or no episode number (which no
    /// timeline can hold).
    fn unplaced_count(&self) -> Result<usize, StoreError>;

    /// Every series of the catalogue, in title order, read a page at a time.
    fn whole_catalogue(&self) -> Result<Vec<SeriesDigest>, StoreError> {
        const PAGE: usize = 500;
        let mut all = Vec::new();
        loop {
            let page = self.catalogue(&CatalogueQuery {
                filter: String::new(),
                offset: all.len(),
                limit: PAGE,
            })?;
            let n = page.series.len();
            all.extend(page.series);
            if n < PAGE {
                return Ok(all);
            }
        }
    }

    /// The stored keys whose articles make up the series `key`: its own and those the user
    /// declared the same series.
    fn keys_of_series(&self, key: &str) -> Result<Vec<String>, StoreError> {
        Ok(catalogue::keys_of(&self.same_series()?, key).1)
    }

    /// The placed articles of the series `key` with their stories and paragraphs, in the
    /// order they were stored: everything a page about one series needs, and nothing of
    /// any other series.
    fn series_articles(&self, key: &str) -> Result<Vec<(Input, Article)>, StoreError> {
        let keys = self.keys_of_series(key)?;
        let mut out = Vec::new();
        for input in self.inputs_of(&keys)? {
            if input.article.episode.is_none() {
                continue;
            }
            if let Some(article) = self.article_by_hash(&input.article.id)? {
                out.push((input, article));
            }
        }
        Ok(out)
    }

    /// The catalogue row of the series a user names: the key of the title, after the
    /// declarations; else the one series whose key starts with it; else `None`. Reads a
    /// row or two, never the whole catalogue.
    fn find_series(&self, query: &str) -> Result<Option<SeriesDigest>, StoreError> {
        let raw = previously_series::series_key(query);
        if raw.is_empty() {
            return Ok(None);
        }
        if let Some(d) = self.catalogue_entry(&raw)? {
            return Ok(Some(d));
        }
        let declared = self.same_series()?;
        let (key, _) = catalogue::keys_of(&declared, &raw);
        if key != raw {
            if let Some(d) = self.catalogue_entry(&key)? {
                return Ok(Some(d));
            }
        }
        let mut prefixed = self.catalogue_prefixed(&raw, 2)?;
        Ok(if prefixed.len() == 1 {
            prefixed.pop()
        } else {
            None
        })
    }

    /// Up to `n` series titles close to `query`, for an error about a series nobody
    /// ingested: those whose key shares the longest start with the query's, else the first
    /// in title order. Reads a few catalogue rows, never the whole catalogue.
    fn closest_series(&self, query: &str, n: usize) -> Result<Vec<String>, StoreError> {
        let chars: Vec<char> = previously_series::series_key(query).chars().collect();
        for len in (1..=chars.len().min(6)).rev() {
            let prefix: String = chars[..len].iter().collect();
            let found = self.catalogue_prefixed(&prefix, n)?;
            if !found.is_empty() {
                return Ok(found.into_iter().map(|d| d.title).collect());
            }
        }
        Ok(self
            .catalogue(&CatalogueQuery {
                filter: String::new(),
                offset: 0,
                limit: n,
            })?
            .series
            .into_iter()
            .map(|d| d.title)
            .collect())
    }

    /// Everything stored, ready to be queried at any horizon.
    fn library(&self) -> Result<Library, StoreError> {
        Ok(Library::with_declarations(
            self.inputs()?,
            &self.same_series()?,
        ))
    }

    /// The one series `query` names (see [`Library::find_series`]), loaded alone: a query
    /// about one series reads only that series' stories, however large the store.
    /// Returns the library and the series key.
    fn series_library(&self, query: &str) -> Result<(Library, String), StoreError> {
        let declared = self.same_series()?;
        let mut lib = Library::with_declarations([], &declared);
        // The usual case, a query naming the series exactly, reads only that series' rows:
        // its own key and the keys declared to be the same series.
        let (key, keys) = catalogue::keys_of(&declared, &previously_series::series_key(query));
        let mut inputs = self.inputs_of(&keys)?;
        inputs.retain(|i| i.article.episode.is_some());
        let key = if !inputs.is_empty() {
            key
        } else {
            // A prefix names the one series whose key starts with it; a mistake is an error
            // naming a few close series, never the whole catalogue.
            let mut found = self.catalogue_prefixed(&key, 2)?;
            if found.len() != 1 {
                return Err(previously_series::SeriesError::Unknown {
                    query: query.to_string(),
                    known: self.closest_series(query, 5)?,
                }
                .into());
            }
            let one = found.remove(0).key;
            inputs = self.inputs_of(&catalogue::keys_of(&declared, &one).1)?;
            one
        };
        for input in inputs {
            lib.push(input);
        }
        Ok((lib, key))
    }
}

/// The stored series keys and episodes whose catalogue entries an ingest of `article`
/// changes: the episode it is filed under and, when a changed version moved it, the one it
/// was filed under.
pub(crate) fn touched_episodes(
    article: &Article,
    previous: Option<(Option<String>, Option<i64>, Option<i64>)>,
) -> Vec<(String, previously_series::Episode)> {
    let mut out = Vec::new();
    if let (Some(series), Some(ep)) = (article.series.as_deref(), article.episode_ref()) {
        out.push((
            previously_series::series_key(series),
            previously_series::Episode::from(ep),
        ));
    }
    if let Some((Some(key), season, Some(episode))) = previous {
        if let Some(episode) = to_u32(Some(episode)) {
            let ep = previously_series::Episode::new(to_u32(season).unwrap_or(1), episode);
            if !out.contains(&(key.clone(), ep)) {
                out.push((key, ep));
            }
        }
    }
    out
}

/// The columns an article can be looked up by. A closed set, so that the column name put
/// into SQL can never come from input.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ArticleColumn {
    Key,
    ContentHash,
}

impl ArticleColumn {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ArticleColumn::Key => "key",
            ArticleColumn::ContentHash => "content_hash",
        }
    }
}

/// The identity of an article across versions: where it was read from (file path, else
/// URL), else its content. A changed file keeps its identity and replaces the old version;
/// the same text read from two places is recognised by its content hash instead. Text with
/// no source (standard input, a POST) is its content: what it is about (series, episode,
/// outlet) never identifies it, because two outlets' recaps of one episode, or two pages
/// that name no series, are different articles that must never replace each other.
pub fn article_key(article: &Article) -> String {
    if let Some(p) = &article.source {
        return format!("file:{}", p.display());
    }
    if let Some(u) = &article.url {
        return format!("url:{u}");
    }
    format!("text:{}", article.content_hash)
}

/// The migration that re-keys articles stored under the old, content-blind identity
/// (`about:<series>|<episode>|<outlet>|<title>`) by their content, the same in both
/// backends: such rows were each a different text, so none collide.
pub(crate) const REKEY_ABOUT_ROWS: &str =
    "UPDATE articles SET key = 'text:' || content_hash WHERE key LIKE 'about:%';";

/// Where the catalogue's search index of the store `spec` (a file path or a PostgreSQL
/// URL) lives: beside a SQLite file (`<file>.search`); for a PostgreSQL store, in this
/// machine's data folder, one per server and database (each process keeps its own copy
/// and brings it up to date from the store's change stamp).
pub fn search_index_dir(spec: &str) -> Result<PathBuf, StoreError> {
    if is_postgres_url(spec) {
        // FNV-1a: a name that stays the same across builds (std's hasher promises no such
        // thing), from the URL without its password.
        let h = postgres::PostgresStore::redact(spec)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        let dirs =
            directories::ProjectDirs::from("", "", "previously").ok_or(StoreError::NoDataDir)?;
        return Ok(dirs.data_dir().join(format!("search-{h:016x}")));
    }
    Ok(PathBuf::from(format!("{spec}.search")))
}

/// Where the store lives when no `--db` is given: `previously.sqlite3` in the platform's data
/// folder for the application (for example `~/.local/share/previously` on Linux).
pub fn default_path() -> Result<PathBuf, StoreError> {
    let dirs = directories::ProjectDirs::from("", "", "previously").ok_or(StoreError::NoDataDir)?;
    Ok(dirs.data_dir().join("previously.sqlite3"))
}

/// Opens the store at `path` for writing, creating it (and its folder) when absent.
pub fn create_or_open(path: &Path) -> Result<SqliteStore, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|error| StoreError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
    }
    SqliteStore::open(path)
}

/// Which build of the extractor produced a stored story, so that a later build can tell
/// stories it should re-extract.
pub(crate) const EXTRACTOR: &str = concat!("previously-extract ", env!("CARGO_PKG_VERSION"));

pub(crate) fn format_str(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

pub(crate) fn parse_format(s: &str) -> Format {
    match s {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        _ => Format::Text,
    }
}

pub(crate) fn to_u32(v: Option<i64>) -> Option<u32> {
    v.and_then(|x| u32::try_from(x).ok())
}

/// True when `spec` names a PostgreSQL server rather than a file.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}
