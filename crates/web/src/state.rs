//! What the server holds in memory, and how it stays small and fresh on a store of any size.
//!
//! - A request about one series reads that series alone: its catalogue row, then its
//!   articles and stories, fused into a [`Snapshot`] of the series (its library, paragraphs,
//!   search index, and per horizon a cached [`View`] and the rendered responses). Snapshots
//!   are kept in a cache bounded by an estimate of their bytes and evicted least recently
//!   used first, so memory does not grow with the store.
//! - The home page and the series list come from the store's catalogue (one digest per
//!   series), a page at a time; the pages read are cached until the store changes.
//! - Freshness: the store's change stamp grows with every ingest (by this server, by the
//!   CLI, or by another server on the same PostgreSQL store). [`AppState::sync`] compares it
//!   with the last one seen and forgets exactly the series that changed, and the catalogue
//!   pages; `serve` calls it twice a second, and an ingest over the API calls it at once.
//!   Nothing is ever rebuilt wholesale, and start-up reads nothing but the stamp.
//!
//! Within a snapshot, views are keyed by the horizon *normalised* to the last known episode
//! it admits, so that however many horizons readers type (S1E7, S1E700...) there are at
//! most episodes + 2 views per series, and the answer is the same because the same articles
//! are admitted.

use crate::error::{AppError, ErrorCode};
use crate::link::Linker;
use previously_article::Article;
use previously_extract::Story;
use previously_series::{
    series_key, ArticleInfo, CriticView, Episode, Horizon, Input, Knowledge, Library, SeriesDigest,
};
use previously_store::{CataloguePage, CatalogueQuery, Store, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
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

impl SeriesMeta {
    pub fn of(digest: &SeriesDigest) -> SeriesMeta {
        SeriesMeta {
            key: digest.key.clone(),
            title_latest: digest.title.clone(),
            episodes: digest.episode_numbers(),
        }
    }
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

/// A view with only the claims a reader asked to see: the whole view's knowledge when
/// nothing is hidden (no copy), else a filtered copy.
pub struct Shown<'a> {
    pub knowledge: std::borrow::Cow<'a, Knowledge>,
    pub horizon: Horizon,
}

impl<'a> Shown<'a> {
    pub fn new(view: &'a View, confidence: previously_series::Confidence) -> Shown<'a> {
        Shown {
            knowledge: if confidence.is_all() {
                std::borrow::Cow::Borrowed(&view.knowledge)
            } else {
                std::borrow::Cow::Owned(view.knowledge.with_confidence(confidence))
            },
            horizon: view.horizon,
        }
    }

    /// The whole view, hiding nothing.
    pub fn all(view: &'a View) -> Shown<'a> {
        Shown::new(view, previously_series::Confidence::default())
    }
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

/// Rendered responses by key, bounded: keys include names and searches typed by readers,
/// so past the bound responses are computed each time rather than kept.
#[derive(Debug)]
pub struct RenderCache {
    map: RwLock<HashMap<String, Arc<Rendered>>>,
    bound: usize,
}

/// How many rendered responses one cache keeps.
const MAX_RENDERED: usize = 1024;

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache::bounded(MAX_RENDERED)
    }
}

impl RenderCache {
    /// A cache of at most `bound` responses (0: a cache that keeps nothing).
    pub fn bounded(bound: usize) -> Self {
        RenderCache {
            map: RwLock::new(HashMap::new()),
            bound,
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<Rendered>> {
        self.map.read().ok().and_then(|m| m.get(key).cloned())
    }

    /// Keeps a rendered response (while there is room) and hands it back.
    pub fn remember(&self, key: String, r: Rendered) -> Arc<Rendered> {
        let r = Arc::new(r);
        if let Ok(mut m) = self.map.write() {
            if m.len() < self.bound {
                m.insert(key, r.clone());
            }
        }
        r
    }

    fn clear(&self) {
        if let Ok(mut m) = self.map.write() {
            m.clear();
        }
    }
}

/// One series as the store held it when it was read: everything its pages need.
pub struct Snapshot {
    pub meta: SeriesMeta,
    pub library: Library,
    /// Its placed articles, ordered by episode, outlet.
    pub articles: Vec<StoredArticle>,
    /// The full-text index of its paragraphs, built by the first search (most readers of a
    /// series never search it, and an index costs time and memory); `None` inside if it
    /// could not be built.
    search: std::sync::OnceLock<Option<previously_search::SearchIndex>>,
    views: Mutex<HashMap<Horizon, Arc<View>>>,
    pub rendered: RenderCache,
    /// An estimate of the memory it holds, for the cache's budget.
    bytes: usize,
}

impl Snapshot {
    /// Builds the snapshot of one series from its stored articles.
    pub fn build(
        digest: &SeriesDigest,
        declared: &[(String, String)],
        stored: Vec<(Input, Article)>,
    ) -> Snapshot {
        let mut library = Library::with_declarations([], declared);
        let mut articles = Vec::with_capacity(stored.len());
        let mut bytes = 0;
        for (input, article) in stored {
            let Some(ep) = input.article.episode else {
                continue;
            };
            bytes += article_bytes(&article);
            articles.push(StoredArticle {
                info: input.article.clone(),
                series_key: digest.key.clone(),
                episode: Episode::from(ep),
                recap: article.recap,
                review: article.review,
                story: input.story.clone(),
            });
            library.push(input);
        }
        articles.sort_by(|a, b| {
            (a.episode, &a.info.outlet, &a.info.id).cmp(&(b.episode, &b.info.outlet, &b.info.id))
        });
        Snapshot {
            meta: SeriesMeta::of(digest),
            library,
            articles,
            search: std::sync::OnceLock::new(),
            views: Mutex::new(HashMap::new()),
            rendered: RenderCache::default(),
            bytes,
        }
    }

    /// Reads one series from the store.
    pub fn load(store: &dyn Store, digest: &SeriesDigest) -> Result<Snapshot, StoreError> {
        let declared = store.same_series()?;
        let stored = store.series_articles(&digest.key)?;
        Ok(Snapshot::build(digest, &declared, stored))
    }

    pub fn meta(&self) -> &SeriesMeta {
        &self.meta
    }

    /// The series' full-text index, built on first use.
    pub fn search_index(&self) -> Option<&previously_search::SearchIndex> {
        self.search
            .get_or_init(|| crate::search::build_index(&self.articles))
            .as_ref()
    }

    /// The horizon that admits exactly the same articles of the series as `h` and is one of
    /// a bounded set: `Latest`, a known episode, or S0E0 (nothing).
    pub fn normalise(&self, h: Horizon) -> Horizon {
        match h {
            Horizon::Latest => Horizon::Latest,
            Horizon::Upto(e) => Horizon::Upto(
                self.meta
                    .episodes
                    .iter()
                    .rev()
                    .find(|k| **k <= e)
                    .copied()
                    .unwrap_or(Episode::new(0, 0)),
            ),
        }
    }

    /// The view of the series at one horizon, computed once per snapshot.
    pub fn view(&self, h: Horizon) -> Arc<View> {
        let horizon = self.normalise(h);
        if let Some(v) = self
            .views
            .lock()
            .ok()
            .and_then(|m| m.get(&horizon).cloned())
        {
            return v;
        }
        let knowledge = self.library.knowledge(&self.meta.key, horizon);
        let critics = self.library.critics(&self.meta.key, horizon);
        let linker = Linker::new(&knowledge);
        let view = Arc::new(View {
            knowledge,
            critics,
            linker,
            horizon,
        });
        if let Ok(mut m) = self.views.lock() {
            m.insert(horizon, view.clone());
        }
        view
    }

    /// The placed articles about episodes the horizon admits, with their index.
    pub fn admitted(&self, h: Horizon) -> impl Iterator<Item = (usize, &StoredArticle)> + '_ {
        self.articles
            .iter()
            .enumerate()
            .filter(move |(_, a)| h.admits(a.episode))
    }
}

/// An estimate of what an article costs in memory once read, fused and indexed: its text
/// several times over (paragraphs, story evidence, search index) and a fixed part for the
/// story's structure. Rough on purpose: it bounds the cache, it does not account to the
/// byte.
fn article_bytes(a: &Article) -> usize {
    let text: usize = a.recap.iter().chain(&a.review).map(String::len).sum();
    text * 6 + 16 * 1024
}

/// The series snapshots kept, least recently used first out, within a byte budget.
struct SeriesCache {
    lru: lru::LruCache<String, Arc<Snapshot>>,
    bytes: usize,
    budget: usize,
}

impl SeriesCache {
    fn get(&mut self, key: &str) -> Option<Arc<Snapshot>> {
        self.lru.get(key).cloned()
    }

    fn put(&mut self, key: String, snap: Arc<Snapshot>) {
        // A budget of nothing turns the cache off: every request reads its series.
        if self.budget == 0 {
            return;
        }
        self.bytes += snap.bytes;
        if let Some(old) = self.lru.put(key, snap) {
            self.bytes = self.bytes.saturating_sub(old.bytes);
        }
        // The newest always stays, even alone over the budget: it is what is being read.
        while self.bytes > self.budget && self.lru.len() > 1 {
            match self.lru.pop_lru() {
                Some((_, old)) => self.bytes = self.bytes.saturating_sub(old.bytes),
                None => break,
            }
        }
    }

    fn forget(&mut self, key: &str) {
        if let Some(old) = self.lru.pop(key) {
            self.bytes = self.bytes.saturating_sub(old.bytes);
        }
    }
}

/// The default budget of the series cache.
pub const DEFAULT_CACHE_BYTES: usize = 128 * 1024 * 1024;

/// The store and what was read from it, shared by every request.
pub struct Shared {
    pub store: Mutex<Box<dyn Store + Send>>,
    cache: Mutex<SeriesCache>,
    /// Catalogue pages read, by query, until the store changes.
    pages: Mutex<HashMap<CatalogueQuery, Arc<CataloguePage>>>,
    /// Rendered home pages and series lists, until the store changes.
    pub lists: RenderCache,
    /// How many catalogue pages are kept (0 with caching off).
    max_pages: usize,
    /// The store's change stamp when last looked at.
    stamp: AtomicI64,
    /// Grows whenever something is forgotten: a snapshot read before a change is not kept.
    epoch: AtomicU64,
    /// The bearer token that allows `POST /api/v1/articles`; `None` disables ingest.
    pub token: Option<String>,
    /// The catalogue's search index on disk, when the server keeps one.
    pub index: Option<Arc<previously_search::CatalogueIndex>>,
    /// Set while a catch-up of the index runs, so that two never overlap.
    indexing: std::sync::atomic::AtomicBool,
}

/// What a server is opened with besides its store and token.
#[derive(Debug, Clone)]
pub struct Options {
    /// The series cache's budget in bytes; 0 turns every cache off.
    pub cache_bytes: usize,
    /// Where the catalogue's search index lives; `None` for no catalogue-wide search.
    pub index_dir: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            cache_bytes: DEFAULT_CACHE_BYTES,
            index_dir: None,
        }
    }
}

/// A catalogue search waits for the index to catch up when at most this many series are
/// behind; with more (a first build on a large store), it answers from what is indexed and
/// says the answer is incomplete while the catch-up goes on in the background.
const CATCH_UP_INLINE: usize = 64;

/// How many catalogue pages are kept between changes.
const MAX_PAGES: usize = 256;

/// Why the server's state could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the search index: {0}")]
    Index(#[from] previously_search::SearchError),
}

/// The state handed to every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

fn store_error(e: StoreError) -> AppError {
    AppError::from(e)
}

impl AppState {
    /// Opens the state over a store: reads its change stamp and nothing else. Blocking:
    /// call it before the runtime starts, or from `spawn_blocking` (the PostgreSQL client
    /// blocks on its own runtime).
    pub fn open(
        store: Box<dyn Store + Send>,
        token: Option<String>,
    ) -> Result<AppState, StoreError> {
        AppState::with_budget(store, token, DEFAULT_CACHE_BYTES)
    }

    /// [`AppState::open`] with a budget for the series cache, in bytes. A budget of 0 turns
    /// every cache off (each request reads what it needs from the store): for measuring,
    /// or for a store too large to keep anything of.
    pub fn with_budget(
        store: Box<dyn Store + Send>,
        token: Option<String>,
        budget: usize,
    ) -> Result<AppState, StoreError> {
        let options = Options {
            cache_bytes: budget,
            index_dir: None,
        };
        AppState::open_with(store, token, &options).map_err(|e| match e {
            OpenError::Store(e) => e,
            // Without an index folder there is no index to fail; said plainly if it did.
            OpenError::Index(e) => StoreError::Corrupt {
                article: "the search index".into(),
                reason: e.to_string(),
            },
        })
    }

    /// The server's state with every option.
    pub fn open_with(
        store: Box<dyn Store + Send>,
        token: Option<String>,
        options: &Options,
    ) -> Result<AppState, OpenError> {
        let budget = options.cache_bytes;
        let index = match &options.index_dir {
            Some(dir) => Some(Arc::new(previously_search::CatalogueIndex::open(dir)?)),
            None => None,
        };
        let stamp = store.stamp()?;
        Ok(AppState(Arc::new(Shared {
            store: Mutex::new(store),
            cache: Mutex::new(SeriesCache {
                lru: lru::LruCache::unbounded(),
                bytes: 0,
                budget,
            }),
            pages: Mutex::new(HashMap::new()),
            lists: RenderCache::bounded(if budget == 0 { 0 } else { MAX_RENDERED }),
            max_pages: if budget == 0 { 0 } else { MAX_PAGES },
            stamp: AtomicI64::new(stamp),
            epoch: AtomicU64::new(0),
            token: token.filter(|t| !t.is_empty()),
            index,
            indexing: std::sync::atomic::AtomicBool::new(false),
        })))
    }

    /// Brings the catalogue's search index up to the store's stamp (see
    /// `search::catch_up`), reading one series at a time so that requests interleave with
    /// it. Does nothing without an index, or while another catch-up runs; with
    /// `only_if_at_most`, does nothing when more series than that are behind. Returns the
    /// series re-indexed, or `None` when it did not run. Blocking.
    pub fn catch_up_index(
        &self,
        only_if_at_most: Option<usize>,
    ) -> Result<Option<usize>, crate::search::CatchUpError> {
        let Some(index) = self.0.index.clone() else {
            return Ok(None);
        };
        if self.0.indexing.swap(true, Ordering::SeqCst) {
            return Ok(None);
        }
        let result = (|| {
            let (stamp, changed) = {
                let store = self.0.store.lock().map_err(|_| StoreError::Poisoned)?;
                let stamp = store.stamp()?;
                let from = index.stamp()?;
                if from >= stamp {
                    return Ok(None);
                }
                (stamp, store.changed_since(from)?)
            };
            if only_if_at_most.is_some_and(|n| changed.len() > n) {
                return Ok(None);
            }
            let done = crate::search::catch_up(&index, stamp, changed, |key| {
                let store = self.0.store.lock().map_err(|_| StoreError::Poisoned)?;
                crate::search::paragraphs_of(store.as_ref(), key)
            })?;
            Ok(Some(done))
        })();
        self.0.indexing.store(false, Ordering::SeqCst);
        result
    }

    /// Whether the catalogue index is up to date with the store as last seen.
    pub fn index_complete(&self) -> bool {
        self.0.index.as_ref().is_some_and(|i| {
            i.stamp()
                .is_ok_and(|s| s >= self.0.stamp.load(Ordering::SeqCst))
        })
    }

    /// The catalogue's search index, brought up to date first when only a few series are
    /// behind.
    pub async fn catalogue_index(
        &self,
    ) -> Result<Arc<previously_search::CatalogueIndex>, AppError> {
        let Some(index) = self.0.index.clone() else {
            return Err(AppError::new(
                ErrorCode::SearchUnavailable,
                "this server keeps no search index of the whole catalogue; search one series at /series/{key}/search",
            ));
        };
        let st = self.clone();
        let caught = tokio::task::spawn_blocking(move || st.catch_up_index(Some(CATCH_UP_INLINE)))
            .await
            .map_err(|_| {
                AppError::new(ErrorCode::Internal, "the search index failed unexpectedly")
            })?;
        if let Err(e) = caught {
            tracing::error!(error = %e, "bringing the search index up to date failed");
        }
        Ok(index)
    }

    /// Runs `f` on the store on a blocking thread.
    async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, AppError> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = st.0.store.lock().map_err(|_| StoreError::Poisoned)?;
            f(store.as_ref())
        })
        .await
        .map_err(|_| AppError::new(ErrorCode::Internal, "reading the store failed unexpectedly"))?
        .map_err(store_error)
    }

    /// The snapshot of the series a path segment names: an exact title or key, a title
    /// declared the same series, or a unique prefix. From the cache when it is there.
    pub async fn series(&self, query: &str) -> Result<Arc<Snapshot>, AppError> {
        let key = series_key(query);
        if let Some(s) = self.cached(&key) {
            return Ok(s);
        }
        let epoch = self.0.epoch.load(Ordering::SeqCst);
        let q = query.to_string();
        let digest = self.with_store(move |store| store.find_series(&q)).await?;
        let Some(digest) = digest else {
            return Err(self.unknown_series(query).await);
        };
        // Another name of a series already read (a prefix, a declared title).
        if let Some(s) = self.cached(&digest.key) {
            return Ok(s);
        }
        let d = digest.clone();
        let snap = Arc::new(
            self.with_store(move |store| Snapshot::load(store, &d))
                .await?,
        );
        // A snapshot read while the store changed may be stale: it answers this request but
        // is not kept.
        if self.0.epoch.load(Ordering::SeqCst) == epoch {
            if let Ok(mut c) = self.0.cache.lock() {
                c.put(digest.key.clone(), snap.clone());
            }
        }
        Ok(snap)
    }

    /// The titles of the series `keys` as of `h`, from their catalogue rows (the key itself
    /// for a series the catalogue no longer holds).
    pub async fn titles_at(&self, keys: Vec<String>, h: Horizon) -> Result<Vec<String>, AppError> {
        self.with_store(move |store| {
            let found = store.catalogue_entries(&keys)?;
            Ok(keys
                .iter()
                .zip(found)
                .map(|(k, d)| match d {
                    Some(d) => {
                        let at = d.at(h);
                        if at.title.is_empty() {
                            d.title
                        } else {
                            at.title
                        }
                    }
                    None => k.clone(),
                })
                .collect())
        })
        .await
    }

    fn cached(&self, key: &str) -> Option<Arc<Snapshot>> {
        self.0.cache.lock().ok().and_then(|mut c| c.get(key))
    }

    /// The error for a series nobody ingested, with up to five of the closest names (see
    /// `Store::closest_series`), never the whole catalogue.
    async fn unknown_series(&self, query: &str) -> AppError {
        let q = query.to_string();
        let suggestions = self
            .with_store(move |store| store.closest_series(&q, 5))
            .await
            .unwrap_or_default();
        let shown: String = query.chars().take(80).collect();
        AppError::new(
            ErrorCode::UnknownSeries,
            format!("no series called “{shown}”"),
        )
        .with_suggestions(suggestions)
    }

    /// One page of the catalogue, from memory when it was read since the last change.
    pub async fn catalogue(&self, query: CatalogueQuery) -> Result<Arc<CataloguePage>, AppError> {
        if let Some(p) = self
            .0
            .pages
            .lock()
            .ok()
            .and_then(|m| m.get(&query).cloned())
        {
            return Ok(p);
        }
        let epoch = self.0.epoch.load(Ordering::SeqCst);
        let q = query.clone();
        let page = Arc::new(self.with_store(move |store| store.catalogue(&q)).await?);
        if self.0.epoch.load(Ordering::SeqCst) == epoch {
            if let Ok(mut m) = self.0.pages.lock() {
                if m.len() < self.0.max_pages {
                    m.insert(query, page.clone());
                }
            }
        }
        Ok(page)
    }

    /// Compares the store's change stamp with the last one seen and forgets what changed:
    /// the snapshots of the series changed since, and every catalogue page and list. Cheap
    /// when nothing changed (one indexed query). Blocking, like [`AppState::open`].
    pub fn sync(&self) -> Result<(), StoreError> {
        let (stamp, changed) = {
            let store = self.0.store.lock().map_err(|_| StoreError::Poisoned)?;
            let stamp = store.stamp()?;
            let last = self.0.stamp.load(Ordering::SeqCst);
            if stamp == last {
                return Ok(());
            }
            (stamp, store.changed_since(last)?)
        };
        self.0.epoch.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut c) = self.0.cache.lock() {
            for key in &changed {
                c.forget(key);
            }
        }
        if let Ok(mut m) = self.0.pages.lock() {
            m.clear();
        }
        self.0.lists.clear();
        self.0.stamp.store(stamp, Ordering::SeqCst);
        Ok(())
    }

    /// What the cache holds: series kept and their estimated bytes (for the benchmark and
    /// the tests).
    pub fn cache_usage(&self) -> (usize, usize) {
        self.0
            .cache
            .lock()
            .map(|c| (c.lru.len(), c.bytes))
            .unwrap_or((0, 0))
    }

    /// Whether the snapshot of series `key` is in the cache (for the tests).
    pub fn is_cached(&self, key: &str) -> bool {
        self.0
            .cache
            .lock()
            .map(|c| c.lru.contains(key))
            .unwrap_or(false)
    }
}
