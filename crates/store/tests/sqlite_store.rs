//! What only the SQLite backend has to show: files that are not stores, WAL and foreign
//! keys on, the default path. The guarantees both backends share are in `contract.rs`.

use previously_article::{read_path, Article};
use previously_extract::{extract, Story};
use previously_store::{
    create_or_open, Ingested, SqliteStore, Store, StoreError, APPLICATION_ID, SCHEMA_VERSION,
};
use std::path::PathBuf;

fn demo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/vesper-tide")
        .join(rel)
}

fn read(rel: &str) -> (Article, Story) {
    let article = read_path(&demo(rel))
        .expect("the demo article reads")
        .article;
    let story = extract(&article).story;
    (article, story)
}

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("store.sqlite3")
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "shopping list: eggs, brine\n").expect("write");
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert!(err.to_string().contains("not a previously store"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("shopping list: eggs, brine\n")
    );
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x);"))
        .expect("other db");
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
}

#[test]
fn a_newer_schema_version_is_refused_with_both_versions_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db(&dir);
    drop(create_or_open(&path).expect("creates"));
    rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", SCHEMA_VERSION + 1))
        .expect("bump version");
    let err = SqliteStore::open(&path).err().expect("refused");
    match &err {
        StoreError::NewerSchema {
            found, supported, ..
        } => assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("expected NewerSchema, got {other}"),
    }
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn a_new_store_is_marked_and_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db(&dir);
    drop(create_or_open(&path).expect("creates"));
    let c = rusqlite::Connection::open(&path).expect("opens");
    let app: i64 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("pragma");
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(mode, "wal");
    let fks: i64 = c
        .query_row(
            "SELECT count(*) FROM pragma_foreign_key_list('paragraphs')",
            [],
            |r| r.get(0),
        )
        .expect("pragma");
    assert_eq!(fks, 1);
}

#[test]
fn a_missing_store_is_an_error_for_queries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = SqliteStore::open_existing(&db(&dir))
        .err()
        .expect("missing");
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    assert!(!db(&dir).exists(), "a query must not create a store");
}

#[test]
fn default_path_is_in_a_data_folder() {
    if let Ok(p) = previously_store::default_path() {
        assert!(p.ends_with("previously.sqlite3"));
        assert!(p.parent().is_some_and(|d| d.components().count() > 1));
    }
}

#[test]
fn the_store_trait_is_usable_as_a_trait_object() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store: Box<dyn Store> = Box::new(create_or_open(&db(&dir)).expect("opens"));
    let (a, s) = read("lantern-screen/lantern-screen-s1e1.html");
    assert_eq!(store.ingest(&a, &s).expect("ingests"), Ingested::Added);
    assert_eq!(
        store
            .library()
            .expect("library")
            .series(previously_series::Horizon::Latest)
            .len(),
        1
    );
}
