//! The contract every store backend keeps, run against each: SQLite always, PostgreSQL when
//! `PREVIOUSLY_TEST_PG_URL` names a server (`scripts/with-postgres.sh` starts a throwaway one
//! and sets it). Each PostgreSQL test works in a schema of its own, so tests run in parallel.

use previously_article::{read_path, Article};
use previously_extract::{extract, Story};
use previously_series::{Horizon, Input, Library};
use previously_store::{
    article_key, CatalogueQuery, Ingested, PostgresStore, SqliteStore, Store, StoreError,
    SCHEMA_VERSION,
};
use std::any::Any;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn demo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/vesper-tide")
        .join(rel)
}

fn read(rel: &str) -> (Article, Story) {
    let mut article = read_path(&demo(rel))
        .expect("the demo article reads")
        .article;
    // Which cue placed an article is reading information the store does not keep; the
    // round trips compare what it keeps.
    article.placed_by = None;
    let story = extract(&article).story;
    (article, story)
}

/// One backend under test, with a side door for the sabotage the tests need.
trait Harness {
    fn open(&self) -> Result<Box<dyn Store>, StoreError>;
    /// Runs SQL on a separate connection.
    fn sql(&self, sql: &str);
    /// Starts a write on a separate connection and keeps it uncommitted while alive.
    fn hold_write(&self) -> Box<dyn Any>;
    /// SQL that makes every story insert fail, and SQL that undoes it.
    fn sabotage(&self) -> (&'static str, &'static str);
    /// SQL that marks the store as written by a newer build.
    /// SQL that marks the store as written at schema `version`.
    fn version_sql(&self, version: i64) -> String;
}

struct Sqlite {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Sqlite {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store.sqlite3");
        Sqlite { _dir: dir, path }
    }
}

impl Harness for Sqlite {
    fn open(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(SqliteStore::open(&self.path)?))
    }
    fn sql(&self, sql: &str) {
        rusqlite::Connection::open(&self.path)
            .and_then(|c| c.execute_batch(sql))
            .expect("side SQL runs");
    }
    fn hold_write(&self) -> Box<dyn Any> {
        let c = rusqlite::Connection::open(&self.path).expect("opens");
        c.execute_batch("BEGIN IMMEDIATE; DELETE FROM articles;")
            .expect("writes");
        Box::new(c)
    }
    fn sabotage(&self) -> (&'static str, &'static str) {
        (
            "CREATE TRIGGER fail_story BEFORE INSERT ON stories BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
            "DROP TRIGGER fail_story;",
        )
    }
    fn version_sql(&self, version: i64) -> String {
        format!("PRAGMA user_version = {version};")
    }
}

struct Postgres {
    url: String,
}

impl Postgres {
    /// A fresh schema named after the test, or `None` when no server is configured.
    fn new(test: &str) -> Option<Self> {
        let base = std::env::var("PREVIOUSLY_TEST_PG_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        let schema = format!("t_{test}");
        let mut admin = postgres::Client::connect(&base, postgres::NoTls)
            .expect("the test server is reachable");
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
            ))
            .expect("a fresh schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        Some(Postgres {
            url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
        })
    }

    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connects")
    }
}

impl Harness for Postgres {
    fn open(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(Box::new(PostgresStore::connect(&self.url)?))
    }
    fn sql(&self, sql: &str) {
        self.client().batch_execute(sql).expect("side SQL runs");
    }
    fn hold_write(&self) -> Box<dyn Any> {
        let mut c = self.client();
        c.batch_execute("BEGIN; DELETE FROM articles;")
            .expect("writes");
        Box::new(c)
    }
    fn sabotage(&self) -> (&'static str, &'static str) {
        (
            "CREATE FUNCTION fail_story() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
             CREATE TRIGGER fail_story BEFORE INSERT ON stories FOR EACH ROW EXECUTE FUNCTION fail_story();",
            "DROP TRIGGER fail_story ON stories;",
        )
    }
    fn version_sql(&self, version: i64) -> String {
        format!("UPDATE previously_meta SET value = '{version}' WHERE key = 'schema_version';")
    }
}

/// Runs one contract test against SQLite and, when a server is configured, PostgreSQL.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&super::Sqlite::new());
            }
            #[test]
            fn postgres() {
                match super::Postgres::new(stringify!($name)) {
                    Some(h) => super::$name(&h),
                    None => eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): run under scripts/with-postgres.sh"),
                }
            }
        }
    )*};
}

contract!(
    ingest_adds_then_skips_an_unchanged_article,
    a_changed_article_replaces_its_old_version_and_everything_derived,
    the_same_text_from_two_places_is_a_duplicate,
    stored_article_round_trips_with_its_paragraphs_and_story,
    a_failing_ingest_leaves_no_trace,
    a_newer_schema_version_is_refused_with_both_versions_named,
    readers_are_not_blocked_by_an_ingest_in_progress,
    series_declarations_persist_and_reach_the_library,
    the_stored_series_answers_like_the_articles_themselves,
    reopening_an_up_to_date_store_changes_nothing,
    a_series_library_holds_only_that_series_and_answers_the_same,
    different_texts_with_no_source_are_never_folded_into_one,
    a_store_keyed_by_what_articles_are_about_is_rekeyed_by_content,
    the_catalogue_pages_and_filters_series_from_their_digests,
    the_change_stamp_names_the_series_an_ingest_changed,
    a_store_from_before_the_catalogue_gets_one_when_opened,
);

fn ingest_adds_then_skips_an_unchanged_article(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("tidewater/tidewater-s1e1.txt");
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Added);
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Unchanged);
    let counts = store.counts().expect("counts");
    assert_eq!((counts.articles, counts.stories), (1, 1));
    assert_eq!(counts.paragraphs, a.recap.len() + a.review.len());
}

fn a_changed_article_replaces_its_old_version_and_everything_derived(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("tidewater/tidewater-s1e1.txt");
    store.ingest(&a, &s).expect("ingests");
    let mut changed = a.clone();
    changed.recap.truncate(1);
    changed.review.clear();
    changed.content_hash = "changed".into();
    assert_eq!(
        store.ingest(&changed, &s).expect("ingests"),
        Ingested::Updated
    );
    let counts = store.counts().expect("counts");
    assert_eq!(
        (counts.articles, counts.stories, counts.paragraphs),
        (1, 1, 1),
        "the old paragraphs must go"
    );
    let back = store
        .article(&article_key(&a))
        .expect("reads")
        .expect("is there");
    assert_eq!(back.recap, changed.recap);
    assert_eq!(back.content_hash, "changed");
}

fn the_same_text_from_two_places_is_a_duplicate(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("tidewater/tidewater-s1e1.txt");
    store.ingest(&a, &s).expect("ingests");
    let mut copy = a.clone();
    copy.source = Some(PathBuf::from("/elsewhere/copy.txt"));
    assert!(matches!(
        store.ingest(&copy, &s).expect("ingests"),
        Ingested::Duplicate { .. }
    ));
    assert_eq!(store.counts().expect("counts").articles, 1);
}

fn stored_article_round_trips_with_its_paragraphs_and_story(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("glasshouse/glasshouse-s1e2.md");
    store.ingest(&a, &s).expect("ingests");
    let back = store
        .article(&article_key(&a))
        .expect("reads")
        .expect("is there");
    assert_eq!(back, a);
    let inputs = store.inputs().expect("loads");
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].article.id, a.content_hash);
    assert_eq!(inputs[0].article.episode, a.episode_ref());
    assert_eq!(
        serde_json::to_value(&inputs[0].story).ok(),
        serde_json::to_value(&s).ok()
    );
    assert!(store.article("file:/nowhere").expect("reads").is_none());
    // The content hash a reader of `inputs` holds leads back to the same article.
    let by_hash = store
        .article_by_hash(&inputs[0].article.id)
        .expect("reads")
        .expect("is there");
    assert_eq!(by_hash, a);
    assert!(store.article_by_hash("0000").expect("reads").is_none());
}

fn a_failing_ingest_leaves_no_trace(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (first, s1) = read("tidewater/tidewater-s1e1.txt");
    store.ingest(&first, &s1).expect("ingests");
    // The story is the last thing an ingest writes: by then the article row and its
    // paragraphs are in the transaction, and must all go.
    let (sabotage, repair) = h.sabotage();
    h.sql(sabotage);
    let (second, s2) = read("tidewater/tidewater-s1e2.txt");
    let err = store
        .ingest(&second, &s2)
        .expect_err("the story insert fails");
    assert!(
        err.to_string().contains("disk on fire"),
        "the cause is named: {err}"
    );
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles, 1, "the failed article must not be stored");
    assert_eq!(
        counts.paragraphs,
        first.recap.len() + first.review.len(),
        "nor its paragraphs"
    );
    // A failed replacement keeps the old version whole.
    let mut changed = first.clone();
    changed.content_hash = "changed".into();
    changed.recap.truncate(1);
    assert!(store.ingest(&changed, &s1).is_err());
    assert_eq!(
        store
            .article(&article_key(&first))
            .expect("reads")
            .expect("still there"),
        first
    );
    h.sql(repair);
    assert_eq!(
        store.ingest(&second, &s2).expect("ingests now"),
        Ingested::Added
    );
}

fn a_newer_schema_version_is_refused_with_both_versions_named(h: &dyn Harness) {
    drop(h.open().expect("creates"));
    h.sql(&h.version_sql(SCHEMA_VERSION + 1));
    let err = h.open().err().expect("refused");
    match &err {
        StoreError::NewerSchema {
            found, supported, ..
        } => assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("expected NewerSchema, got {other}"),
    }
    assert!(err.to_string().contains("newer"), "{err}");
}

fn readers_are_not_blocked_by_an_ingest_in_progress(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("tidewater/tidewater-s1e1.txt");
    store.ingest(&a, &s).expect("ingests");
    let writer = h.hold_write();
    let started = Instant::now();
    let reader = h.open().expect("a reader opens during the write");
    let inputs = reader.inputs().expect("and reads");
    assert_eq!(inputs.len(), 1, "the reader sees the last committed state");
    assert!(reader.article(&article_key(&a)).expect("reads").is_some());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the reader waited for the writer"
    );
    drop(writer);
}

fn series_declarations_persist_and_reach_the_library(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    store
        .declare_same_series("Sousou no Frieren", "Frieren")
        .expect("declares");
    drop(store);
    let store = h.open().expect("reopens");
    assert_eq!(
        store.same_series().expect("reads"),
        vec![("Sousou no Frieren".to_string(), "Frieren".to_string())]
    );
    let lib = store.library().expect("library");
    assert_eq!(lib.key_of("Sousou no Frieren"), lib.key_of("Frieren"));
}

fn the_stored_series_answers_like_the_articles_themselves(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let mut direct = Vec::new();
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        for e in 1..=6 {
            let ext = match outlet {
                "tidewater" => "txt",
                "glasshouse" => "md",
                _ => "html",
            };
            let (a, s) = read(&format!("{outlet}/{outlet}-s1e{e}.{ext}"));
            store.ingest(&a, &s).expect("ingests");
            direct.push(Input::new(&a, s));
        }
    }
    let (stored, direct) = (store.library().expect("library"), Library::new(direct));
    let key = direct
        .find_series(Some("Vesper Tide"))
        .expect("the demo series");
    for e in 1..=6 {
        let h = Horizon::Upto(previously_series::Episode::new(1, e));
        assert_eq!(
            stored.knowledge(&key, h),
            direct.knowledge(&key, h),
            "as of S1E{e}"
        );
    }
}

fn reopening_an_up_to_date_store_changes_nothing(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    let (a, s) = read("lantern-screen/lantern-screen-s1e3.html");
    store.ingest(&a, &s).expect("ingests");
    drop(store);
    for _ in 0..3 {
        let store = h.open().expect("reopens");
        assert_eq!(store.counts().expect("counts").articles, 1);
    }
}

#[test]
fn an_unreachable_postgresql_server_is_a_clear_error_without_the_password() {
    // Port 1 on the loopback refuses at once; nothing listens there.
    let err = PostgresStore::connect("postgres://ann:s3cret@127.0.0.1:1/kb?connect_timeout=2")
        .err()
        .expect("refused");
    let msg = err.to_string();
    assert!(msg.contains("cannot reach the PostgreSQL server"), "{msg}");
    assert!(!msg.contains("s3cret"), "the password leaked: {msg}");
}

#[test]
fn a_postgresql_database_of_another_program_is_refused() {
    let Some(h) = Postgres::new("another_program") else {
        eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): run under scripts/with-postgres.sh");
        return;
    };
    h.sql("CREATE TABLE articles (id int);");
    let err = h.open().err().expect("refused");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
}

fn a_series_library_holds_only_that_series_and_answers_the_same(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    two_series(store.as_mut());
    let full = store.library().expect("library");
    let (lib, key) = store
        .series_library("vesper")
        .expect("the series is found by a prefix");
    assert_eq!(
        lib.series(Horizon::Latest).len(),
        1,
        "only the asked series is loaded"
    );
    for h in [
        Horizon::Upto(previously_series::Episode::new(1, 2)),
        Horizon::Latest,
    ] {
        assert_eq!(lib.knowledge(&key, h), full.knowledge(&key, h));
    }
    let err = store.series_library("Metallic Rouge").expect_err("unknown");
    assert!(
        err.to_string().contains("Vesper Tide") && err.to_string().contains("Other Show"),
        "{err}"
    );
}

/// A web server drops its store on an async worker thread; the synchronous client must not
/// try to start a runtime inside that one.
#[test]
fn a_postgresql_store_can_be_dropped_inside_an_async_runtime() {
    let Some(h) = Postgres::new("dropped_in_runtime") else {
        eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): run under scripts/with-postgres.sh");
        return;
    };
    let store = h.open().expect("opens");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async move { drop(store) });
}

/// A text with no file or URL, as piped in or POSTed: `n` different pages that name no
/// series, no episode and no outlet (what a reader gets from many real pages).
fn unplaced_text(n: usize) -> (Article, Story) {
    let body = format!(
        "Page {n}. Ilsa Marrow walks into the lighthouse number {n} and finds Corvin Pike waiting.\n\n\
         She tells him that the tide has turned, for the {n}th time, and he believes her."
    );
    let article = previously_article::parse_str(&body, "<stdin>")
        .expect("reads")
        .article;
    assert!(article.series.is_none() && article.episode.is_none());
    let story = extract(&article).story;
    (article, story)
}

// Guards the loss the real-pages issue found: every sourceless article that named no
// series used to get one key (`about:|?||`), so each replaced the one before ("updated"),
// and two outlets' recaps of one episode with no outlet named were folded into one.
fn different_texts_with_no_source_are_never_folded_into_one(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    for n in 0..24 {
        let (a, s) = unplaced_text(n);
        assert_eq!(
            store.ingest(&a, &s).expect("ingests"),
            Ingested::Added,
            "page {n}"
        );
    }
    // Two recaps of one episode that name no outlet.
    let (_, s) = read("tidewater/tidewater-s1e1.txt");
    for text in [
        "Vesper Tide – Season 1 Episode 1 Recap\n\nEdda Vane rows out to the wreck.",
        "Vesper Tide – Season 1 Episode 1 Recap\n\nThe harbour wakes; Edda Vane rows out.",
    ] {
        let other = previously_article::parse_str(text, "<stdin>")
            .expect("reads")
            .article;
        assert_eq!(other.outlet, None);
        assert_eq!(store.ingest(&other, &s).expect("ingests"), Ingested::Added);
    }
    assert_eq!(store.counts().expect("counts").articles, 26);
    // The same text again is itself: skipped, not a 27th article.
    let (again, s2) = unplaced_text(3);
    assert_eq!(
        store.ingest(&again, &s2).expect("ingests"),
        Ingested::Unchanged
    );
    assert_eq!(store.counts().expect("counts").articles, 26);
}

// A store written before article identity was by content keeps working: the migration
// re-keys its `about:` rows by their content hash, so the same text ingested again is
// recognised instead of added twice.
fn a_store_keyed_by_what_articles_are_about_is_rekeyed_by_content(h: &dyn Harness) {
    let (a, s) = unplaced_text(7);
    {
        let mut store = h.open().expect("opens");
        store.ingest(&a, &s).expect("ingests");
    }
    h.sql(&format!(
        "UPDATE articles SET key = 'about:|?||'; {}",
        h.version_sql(1)
    ));
    let mut store = h.open().expect("migrates");
    let back = store.article(&article_key(&a)).expect("reads");
    assert!(back.is_some(), "re-keyed as {}", article_key(&a));
    assert!(store.article("about:|?||").expect("reads").is_none());
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Unchanged);
    let (b, s) = unplaced_text(8);
    assert_eq!(store.ingest(&b, &s).expect("ingests"), Ingested::Added);
    assert_eq!(store.counts().expect("counts").articles, 2);
}

/// Three demo articles and the same three filed under "Other Show", so that the catalogue
/// has two series.
fn two_series(store: &mut dyn Store) {
    for rel in [
        "tidewater/tidewater-s1e1.txt",
        "glasshouse/glasshouse-s1e2.md",
        "lantern-screen/lantern-screen-s1e5.html",
    ] {
        let (a, s) = read(rel);
        store.ingest(&a, &s).expect("ingests");
        let mut other = a.clone();
        other.series = Some("Other Show".into());
        other.source = Some(PathBuf::from(format!("/other/{rel}")));
        other.content_hash = format!("other-{}", a.content_hash);
        store.ingest(&other, &s).expect("ingests");
    }
}

// The home page and the series list read the catalogue, never the stories: it must page,
// filter and hold for each series what the series' own stories say.
fn the_catalogue_pages_and_filters_series_from_their_digests(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    two_series(store.as_mut());
    let page = |filter: &str, offset: usize, limit: usize| {
        store
            .catalogue(&CatalogueQuery {
                filter: filter.into(),
                offset,
                limit,
            })
            .expect("lists")
    };
    let first = page("", 0, 1);
    assert_eq!(first.total, 2);
    assert_eq!(first.series.len(), 1);
    assert_eq!(first.series[0].title, "Other Show", "title order");
    let second = page("", 1, 1);
    assert_eq!(second.series[0].title, "Vesper Tide");
    assert!(page("", 2, 1).series.is_empty());
    let filtered = page("TIDE", 0, 10);
    assert_eq!(filtered.total, 1);
    assert_eq!(filtered.series[0].title, "Vesper Tide");
    // A reader's wildcard is text.
    assert_eq!(page("%", 0, 10).total, 0);
    let key = previously_series::series_key("Vesper Tide");
    let full = store.library().expect("library");
    assert_eq!(
        store.catalogue_entry(&key).expect("reads"),
        full.digest(&key),
        "the stored digest is the stories' digest"
    );
    assert_eq!(store.catalogue_entry("nothing").expect("reads"), None);
    let prefixed = store.catalogue_prefixed("vesp", 5).expect("reads");
    assert_eq!(prefixed.len(), 1);
    assert_eq!(prefixed[0].key, key);
    assert_eq!(store.series_articles(&key).expect("reads").len(), 3);
}

// A server sharing the store learns what changed from the stamp: an ingest names exactly
// the series it touched, a skipped or failed ingest changes nothing.
fn the_change_stamp_names_the_series_an_ingest_changed(h: &dyn Harness) {
    let mut store = h.open().expect("opens");
    assert_eq!(store.stamp().expect("stamp"), 0);
    two_series(store.as_mut());
    let before = store.stamp().expect("stamp");
    assert!(before > 0);
    let (mut a, s) = read("tidewater/tidewater-s1e2.txt");
    a.series = Some("Other Show".into());
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Added);
    let after = store.stamp().expect("stamp");
    assert!(after > before);
    assert_eq!(
        store.changed_since(before).expect("reads"),
        vec![previously_series::series_key("Other Show")]
    );
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Unchanged);
    assert_eq!(store.stamp().expect("stamp"), after, "a skipped ingest");
    let (on, off) = h.sabotage();
    h.sql(on);
    let (b, s) = read("tidewater/tidewater-s1e3.txt");
    assert!(store.ingest(&b, &s).is_err());
    h.sql(off);
    assert_eq!(store.stamp().expect("stamp"), after, "a failed ingest");
    // Moving an article to another series changes both.
    let mut moved = a.clone();
    moved.series = Some("Vesper Tide".into());
    moved.content_hash = format!("moved-{}", a.content_hash);
    assert_eq!(
        store.ingest(&moved, &s).expect("ingests"),
        Ingested::Updated
    );
    let mut changed = store.changed_since(after).expect("reads");
    changed.sort();
    assert_eq!(
        changed,
        vec![
            previously_series::series_key("Other Show"),
            previously_series::series_key("Vesper Tide")
        ]
    );
    // A declaration folds one series into another: the folded one leaves the catalogue.
    let stamp = store.stamp().expect("stamp");
    store
        .declare_same_series("Other Show", "Vesper Tide")
        .expect("declares");
    assert!(store.stamp().expect("stamp") > stamp);
    let all = store
        .catalogue(&CatalogueQuery {
            filter: String::new(),
            offset: 0,
            limit: 10,
        })
        .expect("lists");
    assert_eq!(all.total, 1);
    assert_eq!(all.series[0].episodes.len(), 3, "S1E1, S1E2, S1E5 together");
}

// A store written before the catalogue existed gets one, built from its stories, the first
// time a new build opens it.
fn a_store_from_before_the_catalogue_gets_one_when_opened(h: &dyn Harness) {
    {
        let mut store = h.open().expect("opens");
        two_series(store.as_mut());
    }
    h.sql(&format!(
        "DROP TABLE series_catalogue; {}",
        h.version_sql(2)
    ));
    let store = h.open().expect("migrates");
    let key = previously_series::series_key("Vesper Tide");
    let full = store.library().expect("library");
    assert_eq!(
        store.catalogue_entry(&key).expect("reads"),
        full.digest(&key)
    );
    assert!(store.stamp().expect("stamp") > 0);
}
