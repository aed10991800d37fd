//! The PostgreSQL backend, for a store shared by several users: the same tables, versions
//! and guarantees as the SQLite one. PostgreSQL's MVCC gives readers the last committed
//! state while an ingest writes, so readers never wait; writers take a table lock so that
//! two ingests of the same article cannot both decide it is new.

use crate::catalogue::{self, CataloguePage, CatalogueQuery};
use crate::ArticleColumn;
use crate::{
    article_key, format_str, parse_format, to_u32, touched_episodes, Counts, Ingested, Store,
    StoreError, EXTRACTOR,
};
use postgres::{Client, GenericClient, NoTls};
use previously_article::Article;
use previously_extract::Story;
use previously_series::{ArticleInfo, Input, SeriesDigest};
use std::path::PathBuf;
use std::sync::Mutex;

/// The schema version this build writes and understands (the same numbering as SQLite's).
const SCHEMA_VERSION: i64 = crate::SCHEMA_VERSION;

/// Serialises migrations of one database across processes.
const MIGRATION_LOCK: i64 = crate::APPLICATION_ID;

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE previously_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    content_hash   TEXT NOT NULL UNIQUE,
    source         TEXT,
    series         TEXT,
    series_key     TEXT,
    season         BIGINT,
    episode        BIGINT,
    title          TEXT,
    outlet         TEXT,
    url            TEXT,
    date           TEXT,
    author         TEXT,
    headline       TEXT,
    review_heading TEXT,
    format         TEXT NOT NULL,
    ingested_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX articles_by_episode ON articles (series_key, season, episode);
CREATE INDEX articles_by_series ON articles (series);
CREATE TABLE paragraphs (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    section    TEXT NOT NULL CHECK (section IN ('recap', 'review')),
    idx        BIGINT NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, section, idx)
);
CREATE TABLE stories (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    extractor  TEXT NOT NULL,
    json       TEXT NOT NULL
);
CREATE TABLE series_aliases (
    title   TEXT PRIMARY KEY,
    same_as TEXT NOT NULL,
    seq     BIGINT NOT NULL
);
INSERT INTO previously_meta (key, value) VALUES ('application', 'previously');
"#,
    crate::REKEY_ABOUT_ROWS,
    r#"
CREATE TABLE IF NOT EXISTS series_catalogue (
    key      TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    sort     TEXT NOT NULL,
    episodes BIGINT NOT NULL,
    digest   TEXT NOT NULL,
    version  BIGINT NOT NULL
);
-- Listing, counting and filtering read this index alone, not the rows' digests.
CREATE INDEX IF NOT EXISTS series_catalogue_by_sort ON series_catalogue (sort, key, episodes);
CREATE INDEX IF NOT EXISTS series_catalogue_by_version ON series_catalogue (version);
"#,
];

/// The schema version that added the catalogue (see `catalogue.rs`), filled from the stored
/// stories in the migration's transaction.
const CATALOGUE_VERSION: i64 = 3;

/// The connection, taken out only when the store is dropped.
struct Conn(Option<Client>);

impl std::ops::Deref for Conn {
    type Target = Client;
    fn deref(&self) -> &Client {
        // Only `Drop` empties it, and nothing can borrow a store being dropped.
        self.0
            .as_ref()
            .expect("the connection is present until the store is dropped")
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Client {
        self.0
            .as_mut()
            .expect("the connection is present until the store is dropped")
    }
}

/// The PostgreSQL store.
pub struct PostgresStore {
    // The trait reads through `&self`, and a client queries through `&mut`.
    client: Mutex<Conn>,
    /// The URL without its password, for messages.
    url: String,
}

/// The URL with any password replaced, so that errors never print a secret.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((auth, host)) => (auth, host),
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => format!("{scheme}://{auth}@{host}"),
    }
}

impl PostgresStore {
    /// Connects to the database at `url` and brings its schema up to date.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|e| {
            // The driver's message is terse ("error connecting to server"); its cause says why.
            let error = match std::error::Error::source(&e) {
                Some(cause) => format!("{e}: {cause}"),
                None => e.to_string(),
            };
            StoreError::Unreachable {
                url: shown.clone(),
                error,
            }
        })?;
        let mut store = PostgresStore {
            client: Mutex::new(Conn(Some(client))),
            url: shown,
        };
        store.migrate()?;
        Ok(store)
    }

    /// The URL this store was opened with, password hidden.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `url` with any password hidden, for messages.
    pub fn redact(url: &str) -> String {
        redact(url)
    }

    fn client(&self) -> Result<std::sync::MutexGuard<'_, Conn>, StoreError> {
        self.client.lock().map_err(|_| StoreError::Poisoned)
    }

    /// The schema version, or `None` for a database without a store in it.
    fn version(
        client: &mut impl postgres::GenericClient,
        url: &str,
    ) -> Result<Option<i64>, StoreError> {
        let has_meta: bool = client
            .query_one("SELECT to_regclass('previously_meta') IS NOT NULL", &[])?
            .get(0);
        if !has_meta {
            let has_articles: bool = client
                .query_one("SELECT to_regclass('articles') IS NOT NULL", &[])?
                .get(0);
            if has_articles {
                return Err(StoreError::NotAStore {
                    place: url.to_string(),
                    reason: "it has an `articles` table that another program made".into(),
                });
            }
            return Ok(None);
        }
        let app: Option<String> = client
            .query_opt(
                "SELECT value FROM previously_meta WHERE key = 'application'",
                &[],
            )?
            .map(|r| r.get(0));
        if app.as_deref() != Some("previously") {
            return Err(StoreError::NotAStore {
                place: url.to_string(),
                reason: "its previously_meta table is not ours".into(),
            });
        }
        let version: Option<String> = client
            .query_opt(
                "SELECT value FROM previously_meta WHERE key = 'schema_version'",
                &[],
            )?
            .map(|r| r.get(0));
        let version = version.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                place: url.to_string(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Some(version))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let url = self.url.clone();
        let client = self.client.get_mut().map_err(|_| StoreError::Poisoned)?;
        // The usual case, an up-to-date store, takes no lock at all.
        if Self::version(&mut **client, &url)? == Some(SCHEMA_VERSION) {
            return Ok(());
        }
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let from = Self::version(&mut tx, &url)?.unwrap_or(0);
        for sql in MIGRATIONS.iter().skip(usize::try_from(from).unwrap_or(0)) {
            tx.batch_execute(sql)?;
        }
        if from < CATALOGUE_VERSION {
            let declared = same_series_on(&mut tx)?;
            let inputs = load_inputs_on(&mut tx, None)?;
            let rows = catalogue::all_rows(&declared, inputs).map_err(corrupt_catalogue)?;
            write_rows(&mut tx, &rows)?;
        }
        tx.execute(
            "INSERT INTO previously_meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&SCHEMA_VERSION.to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl PostgresStore {
    /// Stories with their article metadata, all or only those of the given series keys.
    fn load_inputs(&self, keys: Option<&[String]>) -> Result<Vec<Input>, StoreError> {
        load_inputs_on(&mut **self.client()?, keys)
    }
}

fn same_series_on(client: &mut impl GenericClient) -> Result<Vec<(String, String)>, StoreError> {
    let rows = client.query(
        "SELECT title, same_as FROM series_aliases ORDER BY seq",
        &[],
    )?;
    Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
}

fn corrupt_catalogue(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        article: "the catalogue".into(),
        reason: e.to_string(),
    }
}

/// Writes catalogue rows under the next version of the store (writers hold the articles
/// table lock, so two ingests never take the same version).
fn write_rows(client: &mut impl GenericClient, rows: &[catalogue::Row]) -> Result<(), StoreError> {
    let version: i64 = client
        .query_one(
            "SELECT coalesce(max(version), 0) + 1 FROM series_catalogue",
            &[],
        )?
        .get(0);
    for r in rows {
        client.execute(
            "INSERT INTO series_catalogue (key, title, sort, episodes, digest, version)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (key) DO UPDATE SET title = excluded.title, sort = excluded.sort,
                 episodes = excluded.episodes, digest = excluded.digest, version = excluded.version",
            &[&r.key, &r.title, &r.sort, &r.episodes, &r.json, &version],
        )?;
    }
    Ok(())
}

/// Rewrites the catalogue row of the series the stored key `raw` belongs to, inside the
/// caller's transaction.
fn refresh_catalogue(client: &mut impl GenericClient, raw: &str) -> Result<(), StoreError> {
    let declared = same_series_on(client)?;
    let (_, keys) = catalogue::keys_of(&declared, raw);
    let inputs = load_inputs_on(client, Some(&keys))?;
    let rows = catalogue::rows_for(&declared, raw, inputs).map_err(corrupt_catalogue)?;
    write_rows(client, &rows)
}

/// Rewrites one episode of the catalogue row of the series the stored key `raw` belongs
/// to, from that episode's stories alone, inside the caller's transaction.
fn refresh_episode(
    client: &mut impl GenericClient,
    raw: &str,
    episode: previously_series::Episode,
) -> Result<(), StoreError> {
    let declared = same_series_on(client)?;
    let (key, keys) = catalogue::keys_of(&declared, raw);
    let existing = client
        .query_opt(
            "SELECT digest FROM series_catalogue WHERE key = $1",
            &[&key],
        )?
        .map(|r| catalogue::parse(&key, r.get::<_, &str>(0)))
        .transpose()?;
    let rows = client.query(
        &format!(
            "{INPUT_COLUMNS} WHERE a.series_key = ANY($1) AND a.episode = $2 AND coalesce(a.season, 1) = $3 ORDER BY a.id"
        ),
        &[
            &keys,
            &i64::from(episode.episode),
            &i64::from(episode.season),
        ],
    )?;
    let inputs = inputs_from_rows(rows)?;
    let row = catalogue::row_with_episode(&declared, raw, existing, episode, inputs)
        .map_err(corrupt_catalogue)?;
    write_rows(client, &[row])
}

fn digests(rows: Vec<postgres::Row>) -> Result<Vec<SeriesDigest>, StoreError> {
    rows.iter()
        .map(|r| catalogue::parse(r.get::<_, &str>(0), r.get::<_, &str>(1)))
        .collect()
}

/// Stories with their article metadata, all or only those of the given series keys.
fn load_inputs_on(
    client: &mut impl GenericClient,
    keys: Option<&[String]>,
) -> Result<Vec<Input>, StoreError> {
    let sql = INPUT_COLUMNS;
    let rows = match keys {
        None => client.query(&format!("{sql} ORDER BY a.id"), &[])?,
        Some(k) => client.query(
            &format!("{sql} WHERE a.series_key = ANY($1) ORDER BY a.id"),
            &[&k],
        )?,
    };
    inputs_from_rows(rows)
}

/// The columns a fusion input is read from.
const INPUT_COLUMNS: &str = "SELECT a.key, a.content_hash, a.source, a.url, a.series, a.season, a.episode, a.title, a.outlet, s.json
                   FROM articles a JOIN stories s ON s.article_id = a.id";

fn inputs_from_rows(rows: Vec<postgres::Row>) -> Result<Vec<Input>, StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let key: String = r.get(0);
        let json: String = r.get(9);
        let story: Story = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            article: key.clone(),
            reason: e.to_string(),
        })?;
        let season: Option<i64> = r.get(5);
        let episode: Option<i64> = r.get(6);
        let source: Option<String> = r.get(2);
        let url: Option<String> = r.get(3);
        out.push(Input {
            article: ArticleInfo {
                id: r.get(1),
                source: source.or(url),
                series: r.get(4),
                episode: to_u32(episode).map(|episode| previously_article::EpisodeRef {
                    season: to_u32(season),
                    episode,
                }),
                title: r.get(7),
                outlet: r.get(8),
            },
            story,
        });
    }
    Ok(out)
}

impl Drop for PostgresStore {
    /// Closing a synchronous client runs a small runtime of its own, which panics on a
    /// thread that already drives an async runtime (a web server's worker). The client is
    /// therefore closed on a thread of its own, whoever drops the store.
    fn drop(&mut self) {
        let client = match self.client.get_mut() {
            Ok(conn) => conn.0.take(),
            Err(poisoned) => poisoned.into_inner().0.take(),
        };
        if let Some(client) = client {
            let _ = std::thread::spawn(move || drop(client)).join();
        }
    }
}

impl Store for PostgresStore {
    fn ingest(&mut self, article: &Article, story: &Story) -> Result<Ingested, StoreError> {
        let key = article_key(article);
        let json = serde_json::to_string(story).map_err(|e| StoreError::Corrupt {
            article: key.clone(),
            reason: e.to_string(),
        })?;
        let client = self.client.get_mut().map_err(|_| StoreError::Poisoned)?;
        let mut tx = client.transaction()?;
        // Writers queue here; readers are not affected by this lock mode.
        tx.batch_execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")?;
        type Existing = (i64, String, Option<String>, Option<i64>, Option<i64>);
        let existing: Option<Existing> = tx
            .query_opt(
                "SELECT id, content_hash, series_key, season, episode FROM articles WHERE key = $1",
                &[&key],
            )?
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)));
        if let Some((_, hash, ..)) = &existing {
            if *hash == article.content_hash {
                return Ok(Ingested::Unchanged);
            }
        }
        if let Some(row) = tx.query_opt(
            "SELECT key FROM articles WHERE content_hash = $1",
            &[&article.content_hash],
        )? {
            return Ok(Ingested::Duplicate { of: row.get(0) });
        }
        if let Some((id, ..)) = &existing {
            tx.execute("DELETE FROM articles WHERE id = $1", &[id])?;
        }
        let opt_i64 = |v: Option<u32>| v.map(i64::from);
        let row = tx.query_one(
            "INSERT INTO articles (key, content_hash, source, series, series_key, season, episode, title, outlet,
                                   url, date, author, headline, review_heading, format)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             RETURNING id",
            &[
                &key,
                &article.content_hash,
                &article.source.as_ref().map(|p| p.display().to_string()),
                &article.series,
                &article.series.as_deref().map(previously_series::series_key),
                &opt_i64(article.season),
                &opt_i64(article.episode),
                &article.title,
                &article.outlet,
                &article.url,
                &article.date,
                &article.author,
                &article.headline,
                &article.review_heading,
                &format_str(article.format),
            ],
        )?;
        let id: i64 = row.get(0);
        // All paragraphs in one statement: one round trip instead of one per paragraph.
        let mut sections: Vec<&str> = Vec::new();
        let mut indexes: Vec<i64> = Vec::new();
        let mut texts: Vec<&str> = Vec::new();
        for (section, paras) in [("recap", &article.recap), ("review", &article.review)] {
            for (i, text) in paras.iter().enumerate() {
                sections.push(section);
                indexes.push(i64::try_from(i).unwrap_or(i64::MAX));
                texts.push(text);
            }
        }
        tx.execute(
            "INSERT INTO paragraphs (article_id, section, idx, text)
             SELECT $1, s, i, t FROM UNNEST($2::text[], $3::bigint[], $4::text[]) AS p (s, i, t)",
            &[&id, &sections, &indexes, &texts],
        )?;
        tx.execute(
            "INSERT INTO stories (article_id, extractor, json) VALUES ($1, $2, $3)",
            &[&id, &EXTRACTOR, &json],
        )?;
        // The catalogue rows of the series the article joined and, for a changed version
        // filed elsewhere, the one it left, in this transaction.
        let previous = existing
            .as_ref()
            .map(|(_, _, key, season, episode)| (key.clone(), *season, *episode));
        for (raw, episode) in touched_episodes(article, previous) {
            refresh_episode(&mut tx, &raw, episode)?;
        }
        tx.commit()?;
        Ok(if existing.is_some() {
            Ingested::Updated
        } else {
            Ingested::Added
        })
    }

    fn inputs(&self) -> Result<Vec<Input>, StoreError> {
        self.load_inputs(None)
    }

    fn series_titles(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.client()?.query(
            "SELECT DISTINCT series FROM articles WHERE series IS NOT NULL AND episode IS NOT NULL ORDER BY series",
            &[],
        )?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    fn inputs_of(&self, keys: &[String]) -> Result<Vec<Input>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        self.load_inputs(Some(keys))
    }

    fn article(&self, key: &str) -> Result<Option<Article>, StoreError> {
        self.article_where(ArticleColumn::Key, key)
    }

    fn article_by_hash(&self, content_hash: &str) -> Result<Option<Article>, StoreError> {
        self.article_where(ArticleColumn::ContentHash, content_hash)
    }

    fn declare_same_series(&mut self, a: &str, b: &str) -> Result<(), StoreError> {
        let client = self.client.get_mut().map_err(|_| StoreError::Poisoned)?;
        let mut tx = client.transaction()?;
        tx.batch_execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")?;
        tx.execute(
            "INSERT INTO series_aliases (title, same_as, seq)
             VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM series_aliases))
             ON CONFLICT (title) DO UPDATE SET same_as = excluded.same_as, seq = excluded.seq",
            &[&a, &b],
        )?;
        for raw in [
            previously_series::series_key(a),
            previously_series::series_key(b),
        ] {
            refresh_catalogue(&mut tx, &raw)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn same_series(&self) -> Result<Vec<(String, String)>, StoreError> {
        same_series_on(&mut **self.client()?)
    }

    fn catalogue(&self, query: &CatalogueQuery) -> Result<CataloguePage, StoreError> {
        // The count and the page's keys come from the (sort, key, episodes) index; only the
        // page's own rows are read for their digests. Without a filter there is no LIKE.
        let pattern = catalogue::like_anywhere(&query.filter);
        let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let mut client = self.client()?;
        let (total, keys): (i64, Vec<String>) = if query.filter.is_empty() {
            let total = client
                .query_one(
                    "SELECT count(*) FROM series_catalogue WHERE episodes > 0",
                    &[],
                )?
                .get(0);
            let keys = client
                .query(
                    "SELECT key FROM series_catalogue WHERE episodes > 0
                     ORDER BY sort, key LIMIT $1 OFFSET $2",
                    &[&limit, &offset],
                )?
                .into_iter()
                .map(|r| r.get(0))
                .collect();
            (total, keys)
        } else {
            let total = client
                .query_one(
                    "SELECT count(*) FROM series_catalogue WHERE episodes > 0 AND sort LIKE $1 ESCAPE '\\'",
                    &[&pattern],
                )?
                .get(0);
            let keys = client
                .query(
                    "SELECT key FROM series_catalogue WHERE episodes > 0 AND sort LIKE $1 ESCAPE '\\'
                     ORDER BY sort, key LIMIT $2 OFFSET $3",
                    &[&pattern, &limit, &offset],
                )?
                .into_iter()
                .map(|r| r.get(0))
                .collect();
            (total, keys)
        };
        let rows = client.query(
            "SELECT key, digest FROM series_catalogue WHERE key = ANY($1)",
            &[&keys],
        )?;
        let mut found = digests(rows)?;
        // In the page's order.
        found.sort_by_key(|d| keys.iter().position(|k| *k == d.key));
        Ok(CataloguePage {
            series: found,
            total: usize::try_from(total).unwrap_or(0),
        })
    }

    fn catalogue_entry(&self, key: &str) -> Result<Option<SeriesDigest>, StoreError> {
        let rows = self.client()?.query(
            "SELECT key, digest FROM series_catalogue WHERE key = $1 AND episodes > 0",
            &[&key],
        )?;
        Ok(digests(rows)?.into_iter().next())
    }

    // One round trip for all of them, instead of one per key.
    fn catalogue_entries(&self, keys: &[String]) -> Result<Vec<Option<SeriesDigest>>, StoreError> {
        let rows = self.client()?.query(
            "SELECT key, digest FROM series_catalogue WHERE key = ANY($1) AND episodes > 0",
            &[&keys],
        )?;
        let found = digests(rows)?;
        Ok(keys
            .iter()
            .map(|k| found.iter().find(|d| d.key == *k).cloned())
            .collect())
    }

    fn catalogue_prefixed(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<SeriesDigest>, StoreError> {
        let rows = self.client()?.query(
            "SELECT key, digest FROM series_catalogue WHERE key LIKE $1 ESCAPE '\\' AND episodes > 0
             ORDER BY key LIMIT $2",
            &[
                &catalogue::like_prefix(prefix),
                &i64::try_from(limit).unwrap_or(i64::MAX),
            ],
        )?;
        digests(rows)
    }

    fn unplaced_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .client()?
            .query_one(
                "SELECT count(*) FROM articles WHERE series IS NULL OR episode IS NULL",
                &[],
            )?
            .get(0);
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn stamp(&self) -> Result<i64, StoreError> {
        Ok(self
            .client()?
            .query_one(
                "SELECT coalesce(max(version), 0) FROM series_catalogue",
                &[],
            )?
            .get(0))
    }

    fn changed_since(&self, stamp: i64) -> Result<Vec<String>, StoreError> {
        let rows = self.client()?.query(
            "SELECT key FROM series_catalogue WHERE version > $1 ORDER BY version",
            &[&stamp],
        )?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let mut client = self.client()?;
        let mut count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 = client
                .query_one(&format!("SELECT count(*) FROM {table}"), &[])?
                .get(0);
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            articles: count("articles")?,
            paragraphs: count("paragraphs")?,
            stories: count("stories")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn urls_in_messages_never_show_a_password() {
        assert_eq!(
            redact("postgres://ann:s3cret@db.example:5432/kb"),
            "postgres://ann:***@db.example:5432/kb"
        );
        assert_eq!(redact("postgres://ann@db/kb"), "postgres://ann@db/kb");
        assert_eq!(redact("postgres://db/kb"), "postgres://db/kb");
    }
}

impl PostgresStore {
    /// One stored article, paragraphs included, found by its key or its content hash.
    fn article_where(
        &self,
        column: ArticleColumn,
        key: &str,
    ) -> Result<Option<Article>, StoreError> {
        let mut client = self.client()?;
        let Some(r) = client.query_opt(
            &format!("SELECT id, content_hash, source, series, season, episode, title, outlet, url, date, author, headline,
                    review_heading, format
             FROM articles WHERE {} = $1", column.name()),
            &[&key],
        )?
        else {
            return Ok(None);
        };
        let id: i64 = r.get(0);
        let mut article = Article {
            content_hash: r.get(1),
            placed_by: None,
            source: r.get::<_, Option<String>>(2).map(PathBuf::from),
            series: r.get(3),
            season: to_u32(r.get(4)),
            episode: to_u32(r.get(5)),
            title: r.get(6),
            outlet: r.get(7),
            url: r.get(8),
            date: r.get(9),
            author: r.get(10),
            headline: r.get(11),
            review_heading: r.get(12),
            format: parse_format(r.get(13)),
            recap: Vec::new(),
            review: Vec::new(),
        };
        for p in client.query(
            "SELECT section, text FROM paragraphs WHERE article_id = $1 ORDER BY section, idx",
            &[&id],
        )? {
            let section: &str = p.get(0);
            if section == "review" {
                article.review.push(p.get(1));
            } else {
                article.recap.push(p.get(1));
            }
        }
        Ok(Some(article))
    }
}
