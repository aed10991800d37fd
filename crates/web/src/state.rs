//! What the server holds in memory: a [`Snapshot`] of the store (the library of stories and
//! every placed article's paragraphs), and per (series, horizon) a cached [`View`].
//!
//! Requests never touch the store: they read the current snapshot, which an ingest or a
//! refresh replaces as a whole. The cache is keyed by the horizon *normalised* to the last
//! known episode it admits, so that however many horizons readers type (S1E7, S1E700...)
//! there are at most episodes + 2 views per series, and the answer is the same because the
//! same articles are admitted.

use crate::link::Linker;
use previously_extract::Story;
use previously_series::{
    ArticleInfo, CriticView, Episode, Horizon, Input, Knowledge, Library, SeriesSummary,
};
use previously_store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// One placed article: a series, an episode, its paragraphs and its story.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub info: ArticleInfo,
    pub series_key: String,
    pub episode: Episode,
    pub recap: Vec<String>,
    pub review: Vec<String>,
    pub story: Story,
}

/// One series, with every episode ingested (for the horizon picker, which shows numbers
/// only past the horizon).
#[derive(Debug, Clone)]
pub struct SeriesMeta {
    pub key: String,
    pub title_latest: String,
    pub episodes: Vec<Episode>,
}

/// Everything computed for one series at one horizon.
#[derive(Debug)]
pub struct View {
    pub knowledge: Knowledge,
    pub critics: CriticView,
    pub linker: Linker,
    /// The requested horizon after normalisation (see the module docs).
    pub horizon: Horizon,
}

/// A response body computed once, with its ETag.
#[derive(Debug)]
pub struct Rendered {
    pub content_type: &'static str,
    pub body: String,
    pub etag: String,
}

impl Rendered {
    pub fn new(content_type: &'static str, body: String) -> Rendered {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        body.hash(&mut hasher);
        Rendered {
            content_type,
            etag: format!("W/\"{:016x}\"", hasher.finish()),
            body,
        }
    }
}

/// How many rendered responses a snapshot keeps. Keys include names typed by readers, so
/// the cache is bounded; past the bound, responses are computed each time.
const MAX_RENDERED: usize = 4096;

/// The store's contents at one moment.
pub struct Snapshot {
    pub library: Library,
    /// Placed articles, ordered by series key, episode, outlet.
    pub articles: Vec<StoredArticle>,
    pub series: Vec<SeriesMeta>,
    /// The full-text index of every placed paragraph; `None` if it could not be built.
    pub search: Option<previously_search::SearchIndex>,
    views: Mutex<HashMap<(String, Horizon), Arc<View>>>,
    rendered: RwLock<HashMap<String, Arc<Rendered>>>,
}

impl Snapshot {
    pub fn empty() -> Self {
        Snapshot {
            library: Library::default(),
            articles: Vec::new(),
            series: Vec::new(),
            search: None,
            views: Mutex::new(HashMap::new()),
            rendered: RwLock::new(HashMap::new()),
        }
    }

    /// Reads everything from the store.
    pub fn load(store: &dyn Store) -> Result<Snapshot, StoreError> {
        let inputs: Vec<Input> = store.inputs()?;
        let mut library = Library::new(inputs.iter().cloned());
        for (a, b) in store.same_series()? {
            library.same_series(&a, &b);
        }
        let mut articles = Vec::new();
        for input in inputs {
            let (Some(series), Some(ep)) = (input.article.series.as_deref(), input.article.episode)
            else {
                continue;
            };
            let series_key = library.key_of(series);
            let stored = store.article_by_hash(&input.article.id)?;
            if stored.is_none() {
                tracing::warn!(article = %input.article.id, "no paragraphs found for a stored story");
            }
            let (recap, review) = stored.map(|a| (a.recap, a.review)).unwrap_or_default();
            articles.push(StoredArticle {
                info: input.article,
                series_key,
                episode: Episode::from(ep),
                recap,
                review,
                story: input.story,
            });
        }
        articles.sort_by(|a, b| {
            (&a.series_key, a.episode, &a.info.outlet, &a.info.id).cmp(&(
                &b.series_key,
                b.episode,
                &b.info.outlet,
                &b.info.id,
            ))
        });
        let series = library
            .series(Horizon::Latest)
            .into_iter()
            .map(|s: SeriesSummary| SeriesMeta {
                key: s.key,
                title_latest: s.title,
                episodes: s.episodes,
            })
            .collect();
        let search = crate::search::build_index(&articles);
        Ok(Snapshot {
            library,
            articles,
            series,
            search,
            views: Mutex::new(HashMap::new()),
            rendered: RwLock::new(HashMap::new()),
        })
    }

    pub fn series_meta(&self, key: &str) -> Option<&SeriesMeta> {
        self.series.iter().find(|s| s.key == key)
    }

    /// The series key a path segment names: an exact key, else any title or prefix the
    /// library resolves.
    pub fn resolve_series(&self, query: &str) -> Option<&SeriesMeta> {
        if let Some(s) = self.series_meta(query) {
            return Some(s);
        }
        let titles: Vec<&str> = self
            .series
            .iter()
            .map(|s| s.title_latest.as_str())
            .collect();
        let key = self.library.find_series_among(titles, Some(query)).ok()?;
        self.series_meta(&key)
    }

    /// The horizon that admits exactly the same articles of the series as `h` and is one of
    /// a bounded set: `Latest`, a known episode, or S0E0 (nothing).
    pub fn normalise(&self, meta: &SeriesMeta, h: Horizon) -> Horizon {
        match h {
            Horizon::Latest => Horizon::Latest,
            Horizon::Upto(e) => Horizon::Upto(
                meta.episodes
                    .iter()
                    .rev()
                    .find(|k| **k <= e)
                    .copied()
                    .unwrap_or(Episode::new(0, 0)),
            ),
        }
    }

    /// The view of one series at one horizon, computed once per snapshot.
    pub fn view(&self, meta: &SeriesMeta, h: Horizon) -> Arc<View> {
        let horizon = self.normalise(meta, h);
        let cache_key = (meta.key.clone(), horizon);
        if let Some(v) = self
            .views
            .lock()
            .ok()
            .and_then(|m| m.get(&cache_key).cloned())
        {
            return v;
        }
        let knowledge = self.library.knowledge(&meta.key, horizon);
        let critics = self.library.critics(&meta.key, horizon);
        let linker = Linker::new(&knowledge);
        let view = Arc::new(View {
            knowledge,
            critics,
            linker,
            horizon,
        });
        if let Ok(mut m) = self.views.lock() {
            m.insert(cache_key, view.clone());
        }
        view
    }

    /// A response rendered earlier from this snapshot. A response is a pure function of the
    /// snapshot and its key, and a new snapshot starts with an empty cache, so a cached
    /// response is never stale.
    pub fn rendered(&self, key: &str) -> Option<Arc<Rendered>> {
        self.rendered.read().ok().and_then(|m| m.get(key).cloned())
    }

    /// Keeps a rendered response (while there is room) and hands it back.
    pub fn remember(&self, key: String, r: Rendered) -> Arc<Rendered> {
        let r = Arc::new(r);
        if let Ok(mut m) = self.rendered.write() {
            if m.len() < MAX_RENDERED {
                m.insert(key, r.clone());
            }
        }
        r
    }

    /// The placed articles of a series about episodes the horizon admits.
    pub fn admitted<'a>(
        &'a self,
        key: &'a str,
        h: Horizon,
    ) -> impl Iterator<Item = (usize, &'a StoredArticle)> + 'a {
        self.articles
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.series_key == key && h.admits(a.episode))
    }
}

/// The store and the snapshot, shared by every request.
pub struct Shared {
    pub store: Mutex<Box<dyn Store + Send>>,
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// The bearer token that allows `POST /api/v1/articles`; `None` disables ingest.
    pub token: Option<String>,
}

/// The state handed to every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

impl AppState {
    /// Loads the store into memory. Blocking: call it before the runtime starts, or from
    /// `spawn_blocking` (the PostgreSQL client blocks on its own runtime).
    pub fn open(
        store: Box<dyn Store + Send>,
        token: Option<String>,
    ) -> Result<AppState, StoreError> {
        let snapshot = Snapshot::load(store.as_ref())?;
        Ok(AppState(Arc::new(Shared {
            store: Mutex::new(store),
            snapshot: RwLock::new(Arc::new(snapshot)),
            token: token.filter(|t| !t.is_empty()),
        })))
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.0.snapshot.read() {
            Ok(s) => s.clone(),
            // A panic while replacing the snapshot left the old one in place, which is whole.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Re-reads the store and swaps the snapshot in. Blocking, like [`AppState::open`].
    pub fn reload(&self) -> Result<(), StoreError> {
        let store = self.0.store.lock().map_err(|_| StoreError::Poisoned)?;
        let fresh = Arc::new(Snapshot::load(store.as_ref())?);
        drop(store);
        match self.0.snapshot.write() {
            Ok(mut s) => *s = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }
}
