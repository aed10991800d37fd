//! Behaviour tests of `previously search`: tantivy full-text search over the stored
//! paragraphs, never past the horizon.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

fn previously() -> Command {
    Command::cargo_bin("previously").expect("the binary is built")
}

fn demo_store() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("tmp");
    let db = dir.path().join("demo.sqlite3");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        previously()
            .arg("ingest")
            .arg(demo.join(outlet))
            .arg("--db")
            .arg(&db)
            .assert()
            .success();
    }
    (dir, db)
}

fn search(db: &PathBuf, args: &[&str]) -> serde_json::Value {
    let out = previously()
        .arg("search")
        .args(args)
        .args(["--json", "--db"])
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

fn episodes(v: &serde_json::Value) -> Vec<u64> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["episode"]["episode"].as_u64().unwrap_or(99))
        .collect()
}

// The reveal of episode 5 names Edda Vane as the Lamplighter; as of episode 4 no paragraph
// from episode 5 or 6 may match, whatever the query.
#[test]
fn search_never_passes_the_horizon() {
    let (_d, db) = demo_store();
    for q in ["Lamplighter", "Edda Vane", "Bell Tower", "Cogborn"] {
        let v = search(
            &db,
            &[
                q,
                "--series",
                "Vesper Tide",
                "--as-of",
                "S1E4",
                "--limit",
                "100",
            ],
        );
        assert!(
            episodes(&v).iter().all(|&e| e <= 4),
            "{q}: {:?}",
            episodes(&v)
        );
        assert_eq!(v["horizon"], "S1E4");
    }
    let later = search(
        &db,
        &[
            "Lamplighter Edda",
            "--series",
            "Vesper Tide",
            "--limit",
            "100",
        ],
    );
    assert!(
        episodes(&later).iter().any(|&e| e >= 5),
        "the latest horizon reaches the reveal"
    );
}

#[test]
fn hits_carry_highlighted_snippets() {
    let (_d, db) = demo_store();
    let v = search(&db, &["Brass Eel", "--as-of", "S1E1"]);
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for h in hits {
        let marked: Vec<&str> = h["snippet"]
            .as_array()
            .expect("snippet")
            .iter()
            .filter(|s| s["highlight"] == true)
            .filter_map(|s| s["text"].as_str())
            .collect();
        assert!(
            marked
                .iter()
                .all(|m| m.eq_ignore_ascii_case("brass") || m.eq_ignore_ascii_case("eel")),
            "{marked:?}"
        );
        assert!(!marked.is_empty());
    }
}

#[test]
fn text_output_says_the_horizon_and_marks_matches() {
    let (_d, db) = demo_store();
    let out = previously()
        .args(["search", "Pell", "--as-of", "S1E2", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Vesper Tide, as of S1E2:"), "{text}");
    assert!(text.contains("[Pell]"), "{text}");
    let out = previously()
        .args(["search", "Pell", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("no --as-of given"));
}

// Query syntax a user did not mean as syntax is forgiven; a huge query is refused clearly.
#[test]
fn odd_queries_do_not_fail() {
    let (_d, db) = demo_store();
    for q in [
        "\"unclosed",
        "AND",
        "<script>alert(1)</script>",
        "title:x",
        "*",
    ] {
        search(&db, &[q]);
    }
    let long = "x".repeat(500);
    previously()
        .args(["search", &long, "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicates::str::contains("longer than 200 characters"));
}

// Without --series, a store of several series is searched whole, through the catalogue's
// index beside the store: hits grouped by series, each cut at the horizon, and an article
// ingested afterwards is found by the next search (the index catches up, nothing rebuilt).
#[test]
fn search_without_a_series_searches_every_series_at_the_horizon() {
    let (dir, db) = demo_store();
    let other = dir.path().join("salt-road-s1e1.txt");
    std::fs::write(
        &other,
        "Salt Road – Season 1 Episode 1 Recap\n\nIlsa Marrow meets the Lamplighter at the lighthouse.\n",
    )
    .expect("writes");
    previously()
        .arg("ingest")
        .arg(&other)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let v = search(&db, &["Lamplighter", "--as-of", "S1E2", "--limit", "50"]);
    let titles: Vec<&str> = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|g| g["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{v}");
    assert!(titles.contains(&"Salt Road") && titles.contains(&"Vesper Tide"));
    for g in v["results"].as_array().into_iter().flatten() {
        for h in g["hits"].as_array().into_iter().flatten() {
            assert!(h["episode"]["episode"].as_u64() <= Some(2), "{h}");
        }
    }
    assert!(PathBuf::from(format!("{}.search", db.display())).is_dir());
    // A third series, then the same search finds it.
    let third = dir.path().join("tin-harbour-s1e1.txt");
    std::fs::write(
        &third,
        "Tin Harbour – Season 1 Episode 1 Recap\n\nThe Lamplighter of Tin Harbour is a retired clockmaker.\n",
    )
    .expect("writes");
    previously()
        .arg("ingest")
        .arg(&third)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let v = search(&db, &["clockmaker"]);
    assert_eq!(v["results"][0]["title"], "Tin Harbour", "{v}");
}
