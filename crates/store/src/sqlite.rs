//! The SQLite backend: one file, write-ahead log so readers never wait for an ingest,
//! foreign keys so deleting an article deletes everything derived from it.

use crate::catalogue::{self, CataloguePage, CatalogueQuery};
use crate::ArticleColumn;
use crate::{
    article_key, format_str, parse_format, to_u32, touched_episodes, Counts, Ingested, Store,
    StoreError, EXTRACTOR,
};
use previously_article::Article;
use previously_extract::Story;
use previously_series::{ArticleInfo, Input, SeriesDigest};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Marks a SQLite file as a previously store ("PRV1"), so that another program's database
/// is recognised and refused rather than written into.
pub const APPLICATION_ID: i64 = 0x5052_5631;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = 3;

/// Migrations, one per version; `MIGRATIONS[i]` upgrades version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    content_hash   TEXT NOT NULL UNIQUE,
    source         TEXT,
    series         TEXT,
    series_key     TEXT,
    season         INTEGER,
    episode        INTEGER,
    title          TEXT,
    outlet         TEXT,
    url            TEXT,
    date           TEXT,
    author         TEXT,
    headline       TEXT,
    review_heading TEXT,
    format         TEXT NOT NULL,
    ingested_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_by_episode ON articles (series_key, season, episode);
CREATE INDEX articles_by_series ON articles (series);
CREATE TABLE paragraphs (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    section    TEXT NOT NULL CHECK (section IN ('recap', 'review')),
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, section, idx)
);
CREATE TABLE stories (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    extractor  TEXT NOT NULL,
    json       TEXT NOT NULL
);
CREATE TABLE series_aliases (
    title   TEXT PRIMARY KEY,
    same_as TEXT NOT NULL,
    seq     INTEGER NOT NULL
);
"#,
    crate::REKEY_ABOUT_ROWS,
    CATALOGUE_TABLE,
];

/// Version 3: the catalogue (see `catalogue.rs`); filled from the stored stories by
/// [`rebuild_catalogue`] in the same transaction.
const CATALOGUE_TABLE: &str = r#"
CREATE TABLE IF NOT EXISTS series_catalogue (
    key      TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    sort     TEXT NOT NULL,
    episodes INTEGER NOT NULL,
    digest   TEXT NOT NULL,
    version  INTEGER NOT NULL
);
-- Listing, counting and filtering read this index alone, not the rows' digests.
CREATE INDEX IF NOT EXISTS series_catalogue_by_sort ON series_catalogue (sort, key, episodes);
CREATE INDEX IF NOT EXISTS series_catalogue_by_version ON series_catalogue (version);
"#;

/// The schema version that added the catalogue.
const CATALOGUE_VERSION: i64 = 3;

/// The SQLite store.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a non-empty file that is not a SQLite database before SQLite touches it, so that
/// the error names the problem and the file is not rewritten.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                error,
            })
        }
    };
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|error| StoreError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    if head.is_empty() || head == SQLITE_MAGIC {
        return Ok(());
    }
    Err(StoreError::NotAStore {
        place: path.display().to_string(),
        reason: "the file is not an SQLite database".into(),
    })
}

impl SqliteStore {
    /// Opens (or creates) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    /// Opens an existing store; a missing file is an error rather than a new empty store,
    /// because a query against a store that does not exist is a mistake in the path.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Self, StoreError> {
        check_header(path)?;
        let open_err = |error| StoreError::Open {
            path: path.to_path_buf(),
            error,
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(open_err)?;
        // A second writer waits for the first rather than failing at once.
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        store.check_identity()?;
        // WAL lets readers go on reading the last committed state while an ingest writes;
        // NORMAL synchronisation is crash-safe in WAL mode (a crash loses at most the last
        // commits, never consistency).
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                error: rusqlite::Error::InvalidParameterName(format!(
                    "journal mode {mode} instead of WAL"
                )),
            });
        }
        store
            .conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn not_a_store(&self, reason: &str) -> StoreError {
        StoreError::NotAStore {
            place: self.path.display().to_string(),
            reason: reason.to_string(),
        }
    }

    /// Tells a previously store, an empty new file, and anything else apart.
    fn check_identity(&self) -> Result<(), StoreError> {
        let read = |pragma: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::NotADatabase =>
                    {
                        self.not_a_store("the file is not an SQLite database")
                    }
                    other => StoreError::Open {
                        path: self.path.clone(),
                        error: other,
                    },
                })
        };
        let app = read("application_id")?;
        let version = read("user_version")?;
        if app == 0 && version == 0 {
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(self.not_a_store("an SQLite database of another program"));
            }
            return Ok(());
        }
        if app != APPLICATION_ID {
            return Err(self.not_a_store("an SQLite database of another program"));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                place: self.path.display().to_string(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// Applies the missing migrations in one transaction, so that a crash mid-way leaves the
    /// old version intact.
    fn migrate(&mut self) -> Result<(), StoreError> {
        // Checked without a write lock first: an up-to-date store (the usual case) must open
        // for reading while another process is in the middle of an ingest.
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                place: self.path.display().to_string(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        for sql in MIGRATIONS
            .iter()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            tx.execute_batch(sql)?;
        }
        if version < CATALOGUE_VERSION {
            rebuild_catalogue(&tx)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }
}

impl SqliteStore {
    /// Stories with their article metadata, optionally filtered by `filter` (a WHERE clause
    /// whose parameters are `params`).
    fn load_inputs(&self, filter: &str, params: &[String]) -> Result<Vec<Input>, StoreError> {
        load_inputs_on(&self.conn, filter, params)
    }
}

/// The stories of the articles whose series key is one of `keys`.
fn inputs_of_on(conn: &Connection, keys: &[String]) -> Result<Vec<Input>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; keys.len()].join(", ");
    load_inputs_on(conn, &format!("WHERE a.series_key IN ({marks})"), keys)
}

fn same_series_on(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT title, same_as FROM series_aliases ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

fn corrupt_catalogue(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        article: "the catalogue".into(),
        reason: e.to_string(),
    }
}

/// Writes catalogue rows under the next version of the store.
fn write_rows(conn: &Connection, rows: &[catalogue::Row]) -> Result<(), StoreError> {
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM series_catalogue",
        [],
        |r| r.get(0),
    )?;
    let mut upsert = conn.prepare_cached(
        "INSERT INTO series_catalogue (key, title, sort, episodes, digest, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (key) DO UPDATE SET title = excluded.title, sort = excluded.sort,
             episodes = excluded.episodes, digest = excluded.digest, version = excluded.version",
    )?;
    for r in rows {
        upsert.execute(params![r.key, r.title, r.sort, r.episodes, r.json, version])?;
    }
    Ok(())
}

/// Rewrites the catalogue row of the series the stored key `raw` belongs to, inside the
/// caller's transaction.
fn refresh_catalogue(conn: &Connection, raw: &str) -> Result<(), StoreError> {
    let declared = same_series_on(conn)?;
    let (_, keys) = catalogue::keys_of(&declared, raw);
    let inputs = inputs_of_on(conn, &keys)?;
    let rows = catalogue::rows_for(&declared, raw, inputs).map_err(corrupt_catalogue)?;
    write_rows(conn, &rows)
}

/// Rewrites one episode of the catalogue row of the series the stored key `raw` belongs
/// to, from that episode's stories alone, inside the caller's transaction.
fn refresh_episode(
    conn: &Connection,
    raw: &str,
    episode: previously_series::Episode,
) -> Result<(), StoreError> {
    let declared = same_series_on(conn)?;
    let (key, keys) = catalogue::keys_of(&declared, raw);
    let existing: Option<String> = conn
        .query_row(
            "SELECT digest FROM series_catalogue WHERE key = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    let existing = existing
        .map(|json| catalogue::parse(&key, &json))
        .transpose()?;
    let marks = vec!["?"; keys.len()].join(", ");
    let mut params: Vec<String> = keys.clone();
    params.push(episode.episode.to_string());
    params.push(episode.season.to_string());
    let n = keys.len();
    let inputs = load_inputs_on(
        conn,
        &format!(
            // (The parameters are text; an expression has no type for SQLite to convert
            // them to, so they are cast.)
            "WHERE a.series_key IN ({marks}) AND a.episode = CAST(?{} AS INTEGER) AND coalesce(a.season, 1) = CAST(?{} AS INTEGER)",
            n + 1,
            n + 2
        ),
        &params,
    )?;
    let row = catalogue::row_with_episode(&declared, raw, existing, episode, inputs)
        .map_err(corrupt_catalogue)?;
    write_rows(conn, &[row])
}

/// Fills the catalogue from every stored story (once, when a store gains the catalogue).
fn rebuild_catalogue(conn: &Connection) -> Result<(), StoreError> {
    let declared = same_series_on(conn)?;
    let inputs = load_inputs_on(conn, "", &[])?;
    let rows = catalogue::all_rows(&declared, inputs).map_err(corrupt_catalogue)?;
    write_rows(conn, &rows)
}

fn digests(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<SeriesDigest>, StoreError> {
    let rows = stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, json) = row?;
        out.push(catalogue::parse(&key, &json)?);
    }
    Ok(out)
}

/// Stories with their article metadata, optionally filtered by `filter` (a WHERE clause
/// whose parameters are `params`).
fn load_inputs_on(
    conn: &Connection,
    filter: &str,
    params: &[String],
) -> Result<Vec<Input>, StoreError> {
    let mut stmt = conn.prepare(&format!(
            "SELECT a.key, a.content_hash, a.source, a.url, a.series, a.season, a.episode, a.title, a.outlet, s.json
             FROM articles a JOIN stories s ON s.article_id = a.id {filter} ORDER BY a.id"
        ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, hash, source, url, series, season, episode, title, outlet, json) = row?;
        let story: Story = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            article: key.clone(),
            reason: e.to_string(),
        })?;
        let episode = to_u32(episode).map(|episode| previously_article::EpisodeRef {
            season: to_u32(season),
            episode,
        });
        out.push(Input {
            article: ArticleInfo {
                id: hash,
                source: source.or(url),
                series,
                episode,
                title,
                outlet,
            },
            story,
        });
    }
    Ok(out)
}

impl Store for SqliteStore {
    fn ingest(&mut self, article: &Article, story: &Story) -> Result<Ingested, StoreError> {
        let key = article_key(article);
        let json = serde_json::to_string(story).map_err(|e| StoreError::Corrupt {
            article: key.clone(),
            reason: e.to_string(),
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        type Existing = (i64, String, Option<String>, Option<i64>, Option<i64>);
        let existing: Option<Existing> = tx
            .query_row(
                "SELECT id, content_hash, series_key, season, episode FROM articles WHERE key = ?1",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        if let Some((_, hash, ..)) = &existing {
            if *hash == article.content_hash {
                return Ok(Ingested::Unchanged);
            }
        }
        let copy: Option<String> = tx
            .query_row(
                "SELECT key FROM articles WHERE content_hash = ?1",
                [&article.content_hash],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(of) = copy {
            return Ok(Ingested::Duplicate { of });
        }
        // Replacing deletes the old row; its paragraphs and story go with it by cascade.
        if let Some((id, ..)) = &existing {
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        }
        tx.execute(
            "INSERT INTO articles (key, content_hash, source, series, series_key, season, episode, title, outlet,
                                   url, date, author, headline, review_heading, format)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                key,
                article.content_hash,
                article.source.as_ref().map(|p| p.display().to_string()),
                article.series,
                article.series.as_deref().map(previously_series::series_key),
                article.season,
                article.episode,
                article.title,
                article.outlet,
                article.url,
                article.date,
                article.author,
                article.headline,
                article.review_heading,
                format_str(article.format),
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO paragraphs (article_id, section, idx, text) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (section, paras) in [("recap", &article.recap), ("review", &article.review)] {
                for (i, text) in paras.iter().enumerate() {
                    insert.execute(params![id, section, i as i64, text])?;
                }
            }
        }
        tx.execute(
            "INSERT INTO stories (article_id, extractor, json) VALUES (?1, ?2, ?3)",
            params![id, EXTRACTOR, json],
        )?;
        // The catalogue rows of the series the article joined and, for a changed version
        // filed elsewhere, the one it left: in this transaction, so a listing never
        // disagrees with the articles.
        let previous = existing
            .as_ref()
            .map(|(_, _, key, season, episode)| (key.clone(), *season, *episode));
        for (raw, episode) in touched_episodes(article, previous) {
            refresh_episode(&tx, &raw, episode)?;
        }
        tx.commit()?;
        Ok(if existing.is_some() {
            Ingested::Updated
        } else {
            Ingested::Added
        })
    }

    fn inputs(&self) -> Result<Vec<Input>, StoreError> {
        self.load_inputs("", &[])
    }

    fn series_titles(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT series FROM articles WHERE series IS NOT NULL AND episode IS NOT NULL ORDER BY series")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn inputs_of(&self, keys: &[String]) -> Result<Vec<Input>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; keys.len()].join(", ");
        self.load_inputs(&format!("WHERE a.series_key IN ({marks})"), keys)
    }

    fn article(&self, key: &str) -> Result<Option<Article>, StoreError> {
        self.article_where(ArticleColumn::Key, key)
    }

    fn article_by_hash(&self, content_hash: &str) -> Result<Option<Article>, StoreError> {
        self.article_where(ArticleColumn::ContentHash, content_hash)
    }

    fn declare_same_series(&mut self, a: &str, b: &str) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO series_aliases (title, same_as, seq) VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM series_aliases))
             ON CONFLICT (title) DO UPDATE SET same_as = excluded.same_as, seq = excluded.seq",
            params![a, b],
        )?;
        for raw in [
            previously_series::series_key(a),
            previously_series::series_key(b),
        ] {
            refresh_catalogue(&tx, &raw)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn same_series(&self) -> Result<Vec<(String, String)>, StoreError> {
        same_series_on(&self.conn)
    }

    fn catalogue(&self, query: &CatalogueQuery) -> Result<CataloguePage, StoreError> {
        // The count and the page's keys come from the (sort, key, episodes) index alone;
        // only the page's own rows are read for their digests. Without a filter there is no
        // LIKE at all, so the index is walked in order from the offset.
        let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let (total, keys): (i64, Vec<String>) = if query.filter.is_empty() {
            let total = self.conn.query_row(
                "SELECT count(*) FROM series_catalogue WHERE episodes > 0",
                [],
                |r| r.get(0),
            )?;
            let mut page = self.conn.prepare_cached(
                "SELECT key FROM series_catalogue WHERE episodes > 0
                 ORDER BY sort, key LIMIT ?1 OFFSET ?2",
            )?;
            let keys = page
                .query_map(params![limit, offset], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            (total, keys)
        } else {
            let pattern = catalogue::like_anywhere(&query.filter);
            let total = self.conn.query_row(
                "SELECT count(*) FROM series_catalogue WHERE episodes > 0 AND sort LIKE ?1 ESCAPE '\\'",
                [&pattern],
                |r| r.get(0),
            )?;
            let mut page = self.conn.prepare_cached(
                "SELECT key FROM series_catalogue WHERE episodes > 0 AND sort LIKE ?1 ESCAPE '\\'
                 ORDER BY sort, key LIMIT ?2 OFFSET ?3",
            )?;
            let keys = page
                .query_map(params![pattern, limit, offset], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            (total, keys)
        };
        let mut one = self
            .conn
            .prepare_cached("SELECT key, digest FROM series_catalogue WHERE key = ?1")?;
        let mut series = Vec::with_capacity(keys.len());
        for key in &keys {
            series.extend(digests(&mut one, [key])?);
        }
        Ok(CataloguePage {
            series,
            total: usize::try_from(total).unwrap_or(0),
        })
    }

    fn catalogue_entry(&self, key: &str) -> Result<Option<SeriesDigest>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, digest FROM series_catalogue WHERE key = ?1 AND episodes > 0",
        )?;
        Ok(digests(&mut stmt, [key])?.into_iter().next())
    }

    fn catalogue_prefixed(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<SeriesDigest>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, digest FROM series_catalogue WHERE key LIKE ?1 ESCAPE '\\' AND episodes > 0
             ORDER BY key LIMIT ?2",
        )?;
        digests(
            &mut stmt,
            params![
                catalogue::like_prefix(prefix),
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
        )
    }

    fn unplaced_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE series IS NULL OR episode IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn stamp(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(version), 0) FROM series_catalogue",
            [],
            |r| r.get(0),
        )?)
    }

    fn changed_since(&self, stamp: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key FROM series_catalogue WHERE version > ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map([stamp], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            articles: count("articles")?,
            paragraphs: count("paragraphs")?,
            stories: count("stories")?,
        })
    }
}

impl SqliteStore {
    /// One stored article, paragraphs included, found by its key or its content hash.
    fn article_where(
        &self,
        column: ArticleColumn,
        key: &str,
    ) -> Result<Option<Article>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT id, content_hash, source, series, season, episode, title, outlet, url, date, author, headline,
                        review_heading, format
                 FROM articles WHERE {} = ?1", column.name()),
                [key],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Article {
                            content_hash: r.get(1)?,
                            placed_by: None,
                            source: r.get::<_, Option<String>>(2)?.map(PathBuf::from),
                            series: r.get(3)?,
                            season: to_u32(r.get(4)?),
                            episode: to_u32(r.get(5)?),
                            title: r.get(6)?,
                            outlet: r.get(7)?,
                            url: r.get(8)?,
                            date: r.get(9)?,
                            author: r.get(10)?,
                            headline: r.get(11)?,
                            review_heading: r.get(12)?,
                            format: parse_format(&r.get::<_, String>(13)?),
                            recap: Vec::new(),
                            review: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((id, mut article)) = row else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT section, text FROM paragraphs WHERE article_id = ?1 ORDER BY section, idx",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (section, text) = row?;
            if section == "review" {
                article.review.push(text);
            } else {
                article.recap.push(text);
            }
        }
        Ok(Some(article))
    }
}
