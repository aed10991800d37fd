//! Behaviour tests of placing real pages: every page ingested is its own article, the
//! cues of a page's file name place it, the user's options place what no cue does, an
//! article that cannot be placed is reported with the advice to place it, and outlets are
//! named, never shown as a hash. Run on the real binary, on SQLite and (when the test
//! server is there) PostgreSQL.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn previously() -> Command {
    Command::cargo_bin("previously").expect("the binary is built")
}

/// An invented page that names no series, episode or outlet: what much real page text is.
fn unplaced_page(n: usize) -> String {
    format!(
        "Some thoughts on this week, part {n}.\n\nIlsa Marrow walks into lighthouse {n} and finds \
         Corvin Pike waiting for her. She tells him the tide has turned for the {n}th time, and \
         this time he believes her.\n\nThe episode is a quiet one, but the last scene lands."
    )
}

fn ingest_stdin(db: &Path, text: &str, extra: &[&str]) -> (bool, serde_json::Value, String) {
    let out = previously()
        .arg("ingest")
        .arg("-")
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(extra)
        .write_stdin(text.to_string())
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn series_json(db: &Path) -> serde_json::Value {
    let out = previously()
        .args(["series", "--json", "--db"])
        .arg(db)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// How many articles the store holds, asked of the database itself.
fn article_count(db: &Path) -> i64 {
    let spec = db.to_string_lossy();
    if spec.starts_with("postgres") {
        let mut c = postgres::Client::connect(&spec, postgres::NoTls).expect("connects");
        c.query_one("SELECT count(*) FROM articles", &[])
            .expect("counts")
            .get(0)
    } else {
        rusqlite::Connection::open(db)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
            .expect("counts")
    }
}

/// The stores under test: a SQLite file always, and a fresh PostgreSQL schema when the
/// test server is configured.
fn stores(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut out = vec![dir.join("store.sqlite3")];
    if let Some(base) = std::env::var("PREVIOUSLY_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("the test server");
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name};"
            ))
            .expect("schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        out.push(PathBuf::from(format!(
            "{base}{sep}options=-csearch_path%3D{name}"
        )));
    } else {
        eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): SQLite only");
    }
    out
}

// Guards the loss the real-pages issue found: 24 different pages piped in one at a time
// used to share one key and replace each other, leaving 11 of 24.
#[test]
fn twenty_four_different_pages_from_standard_input_are_twenty_four_articles() {
    let dir = tempfile::tempdir().expect("temp dir");
    for db in stores(dir.path(), "placing_stdin") {
        for n in 0..24 {
            let (ok, json, err) = ingest_stdin(&db, &unplaced_page(n), &[]);
            assert!(ok, "page {n}: {err}");
            assert_eq!(
                json["articles"][0]["outcome"]["status"], "added",
                "page {n}: {json}"
            );
            // Nothing places these pages, and the user is told how to place them.
            let notes = json.to_string();
            assert!(
                notes.contains("--series TITLE --season N --episode N"),
                "{notes}"
            );
        }
        assert_eq!(article_count(&db), 24, "{}", db.display());
        // The same page again is itself, not a 25th.
        let (_, json, _) = ingest_stdin(&db, &unplaced_page(5), &[]);
        assert_eq!(json["articles"][0]["outcome"]["status"], "unchanged");
        assert_eq!(article_count(&db), 24);
    }
}

// What no cue places, the user places; the outlet given is the outlet shown.
#[test]
fn the_users_options_place_a_page_no_cue_places() {
    let dir = tempfile::tempdir().expect("temp dir");
    for db in stores(dir.path(), "placing_options") {
        let (ok, json, err) = ingest_stdin(
            &db,
            &unplaced_page(1),
            &[
                "--series",
                "Harbour Lights",
                "--season",
                "2",
                "--episode",
                "5",
                "--outlet",
                "Tideline",
            ],
        );
        assert!(ok, "{err}");
        let a = &json["articles"][0];
        assert_eq!(a["series"], "Harbour Lights", "{json}");
        assert_eq!(a["episode"], "S2E5", "{json}");
        assert_eq!(a["outlet"], "Tideline", "{json}");
        assert_eq!(a["placed_by"]["cue"], "user", "{json}");
        assert!(
            !json.to_string().contains("--series TITLE"),
            "placed: no advice"
        );
        let out = previously()
            .args(["episodes", "Harbour Lights", "--db"])
            .arg(&db)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("Tideline"), "{text}");
    }
}

// A page saved under its URL's name is placed by it, and the outlet falls back to the file
// name rather than a hash when the page names none.
#[test]
fn a_saved_pages_file_name_places_it_and_names_its_outlet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir
        .path()
        .join("harbour-lights-season-2-episode-6-recap.txt");
    std::fs::write(&page, unplaced_page(2)).expect("writes");
    let db = dir.path().join("s.sqlite3");
    let out = previously()
        .arg("ingest")
        .arg(&page)
        .arg("--db")
        .arg(&db)
        .arg("--json")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let a = &json["articles"][0];
    assert_eq!(a["series"], "Harbour Lights", "{json}");
    assert_eq!(a["episode"], "S2E6", "{json}");
    assert_eq!(
        a["outlet"], "harbour-lights-season-2-episode-6-recap",
        "{json}"
    );
    let listing = series_json(&db).to_string();
    assert!(
        !listing.contains("article "),
        "no hash shown as an outlet: {listing}"
    );
}
