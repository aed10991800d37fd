//! Behaviour tests of `previously reviews` and `previously chart` on the demo series: the
//! critic view must stop at the reader's horizon like every other answer.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn previously() -> Command {
    Command::cargo_bin("previously").expect("the binary is built")
}

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide")
}

/// A store holding the whole demo series (all six episodes, three outlets).
fn demo_store() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("tmp");
    let db = dir.path().join("demo.sqlite3");
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        previously()
            .arg("ingest")
            .arg(demo().join(outlet))
            .arg("--db")
            .arg(&db)
            .assert()
            .success();
    }
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = previously()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// As of S1E2, nothing about the third episode's reviews — not its verdicts, not its title.
#[test]
fn reviews_stop_at_the_horizon() {
    let (_d, db) = demo_store();
    let text = run(&db, &["reviews", "Vesper Tide", "--as-of", "S1E2"]);
    assert!(text.contains("critics' verdicts as of S1E2"), "{text}");
    assert!(
        text.contains("S1E1 “The Diver's Bell”") && text.contains("S1E2 “Lamplight”"),
        "{text}"
    );
    for later in [
        "S1E3",
        "Salt in the Wound",
        "S1E4",
        "Unmasked",
        "Drowned Cathedral",
    ] {
        assert!(!text.contains(later), "{later} leaked into: {text}");
    }
    // Three outlets reviewed each episode, and one states scores as n/10.
    assert!(
        text.contains("3 reviews") && text.contains("[8/10]"),
        "{text}"
    );
}

#[test]
fn reviews_without_a_horizon_say_so() {
    let (_d, db) = demo_store();
    let text = run(&db, &["reviews", "Vesper Tide"]);
    assert!(
        text.contains("as of the latest episode reviewed (S1E6), since no --as-of was given"),
        "{text}"
    );
    assert!(
        text.contains("Best: ") && text.contains("Trend: "),
        "{text}"
    );
}

#[test]
fn reviews_json_has_means_spreads_and_counts() {
    let (_d, db) = demo_store();
    let v: serde_json::Value = serde_json::from_str(&run(
        &db,
        &["reviews", "vesper tide", "--as-of", "S1E3", "--json"],
    ))
    .expect("JSON");
    let episodes = v["critics"]["episodes"].as_array().expect("episodes");
    assert_eq!(episodes.len(), 3);
    for e in episodes {
        assert_eq!(e["count"], 3);
        assert!(e["mean"].is_f64() && e["spread"].is_f64());
        assert!(["positive", "mixed", "negative"].contains(&e["label"].as_str().unwrap_or("")));
    }
    assert_eq!(v["horizon"], "S1E3");
}

// Asking for an episode past the horizon is refused rather than answered.
#[test]
fn an_episode_after_the_horizon_is_refused() {
    let (_d, db) = demo_store();
    previously()
        .args([
            "reviews",
            "Vesper Tide",
            "--as-of",
            "S1E2",
            "--episode",
            "S1E4",
            "--db",
        ])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("S1E4 is after your horizon S1E2"));
}

#[test]
fn chart_draws_only_episodes_up_to_the_horizon() {
    let (d, db) = demo_store();
    let svg_path = d.path().join("trend.svg");
    previously()
        .args(["chart", "Vesper Tide", "--as-of", "S1E4", "-o"])
        .arg(&svg_path)
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_path).expect("svg written");
    assert!(svg.starts_with("<svg"));
    for want in [
        "S1E1",
        "S1E4",
        "Glasshouse Anime",
        "Lantern Screen",
        "Tidewater Recaps",
        "mean",
    ] {
        assert!(svg.contains(want), "missing {want}");
    }
    assert!(
        !svg.contains("S1E5") && !svg.contains("S1E6"),
        "a later episode is in the chart"
    );
    // Three outlets × four episodes, one mark each.
    assert_eq!(
        svg.matches("<circle").count(),
        12 + 3,
        "12 marks and 3 legend marks"
    );
}

// Each verdict shows the critic's evaluation sentences as its evidence, not narration:
// the demo's first Glasshouse review praises the underwater opening and ends on its score.
#[test]
fn reviews_show_the_critics_evaluation_sentences() {
    let (_d, db) = demo_store();
    let text = run(
        &db,
        &[
            "reviews",
            "Vesper Tide",
            "--episode",
            "S1E1",
            "--as-of",
            "S1E1",
        ],
    );
    assert!(
        text.contains("“The underwater opening is genuinely gorgeous: slanting light, drifting silt, a wreck that seems to breathe.”"),
        "{text}"
    );
    assert!(text.contains("“Score: 8/10”"), "{text}");
    let json = run(
        &db,
        &[
            "reviews",
            "Vesper Tide",
            "--episode",
            "S1E1",
            "--as-of",
            "S1E1",
            "--json",
        ],
    );
    assert!(json.contains("\"evaluation\""), "{json}");
}
