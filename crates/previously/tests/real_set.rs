//! The real development set (`eval/real/`): every page ingested from its saved text is
//! placed in its series at its episode and filed under a named outlet. The texts are
//! third-party and git-ignored (`scripts/pull-real.sh` rebuilds them), so this test runs
//! where they are present and says so where they are not; the invented fixtures of
//! `placing_cli.rs` and the article crate's unit tests cover every cue in CI.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::PathBuf;

// FIXME: these pages stay unplaced from their text alone: two never name their series in
// the text and carry no episode marker in their URL, and three name it otherwise than the
// gold, which took the standard title from world knowledge (a misspelling in the URL, the
// short form of a long romanised title, a title only world knowledge expands). Each is
// ingested with the advice to place it with --series. (eval/real/README.md)
const STILL_UNPLACED: [&str; 5] = [
    "accel-world-aviation",
    "fate-grand-order-babylonia-episode-14-review",
    "rikei-episode-seven-how-to-ruin-a-date",
    "senhime-zesshou-symphogear-2",
    "this-is-my-distraction-dance",
];

fn real() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/real")
}

#[test]
fn every_real_page_is_placed_and_its_outlet_named() {
    let texts = real().join("texts");
    let count = std::fs::read_dir(&texts).map(|d| d.count()).unwrap_or(0);
    if count == 0 {
        eprintln!("eval/real/texts is absent (third-party texts are not committed): run scripts/pull-real.sh to check the real set");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::cargo_bin("previously")
        .expect("built")
        .arg("ingest")
        .arg(&texts)
        .arg("--db")
        .arg(dir.path().join("s.sqlite3"))
        .arg("--json")
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut unplaced = BTreeSet::new();
    let mut placed = 0;
    for a in json["articles"].as_array().expect("articles") {
        let path = PathBuf::from(a["path"].as_str().unwrap_or(""));
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(real().join("gold").join(format!("{slug}.json")))
                .expect("gold for every text"),
        )
        .expect("gold JSON");
        let g = &gold["article"];
        let want_episode = format!(
            "S{}E{}",
            g["season"].as_u64().unwrap_or(1),
            g["episode"].as_u64().unwrap_or(0)
        );
        // Placed in its series: the same series key as the gold title (the key the store
        // files series under, so "Luck Logic" and "Luck & Logic" are one series).
        let same_series = a["series"].as_str().map(previously_series::series_key)
            == g["series"].as_str().map(previously_series::series_key);
        let outlet = a["outlet"].as_str().unwrap_or("");
        assert!(
            !outlet.is_empty() && !outlet.starts_with("article "),
            "{slug}: outlet {outlet:?}"
        );
        if same_series && a["episode"].as_str() == Some(want_episode.as_str()) {
            placed += 1;
        } else {
            eprintln!(
                "{slug}: placed as {} {}, gold {} {want_episode}",
                a["series"], a["episode"], g["series"]
            );
            unplaced.insert(slug);
        }
    }
    eprintln!("real set: {placed} of {count} placed in their series at their episode");
    // FIXME: see STILL_UNPLACED.
    let expected: BTreeSet<String> = STILL_UNPLACED.iter().map(|s| s.to_string()).collect();
    assert_eq!(unplaced, expected);
}

// The same pages as if fetched from their URLs (no test reaches the network: the saved text
// stands for the fetched page, and the URL is the cue a fetched page carries), placed and
// filed under the URL's host when the page names no outlet.
#[test]
fn every_real_page_read_with_its_url_is_placed() {
    let texts = real().join("texts");
    let Ok(listing) = std::fs::read_to_string(real().join("urls.tsv")) else {
        panic!("eval/real/urls.tsv is committed");
    };
    if std::fs::read_dir(&texts).map(|d| d.count()).unwrap_or(0) == 0 {
        eprintln!("eval/real/texts is absent: run scripts/pull-real.sh to check the real set");
        return;
    }
    let mut placed = 0;
    let mut total = 0;
    let mut unplaced = BTreeSet::new();
    for line in listing.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(slug), Some(url)) = (cols.next(), cols.next()) else {
            continue;
        };
        let text = std::fs::read_to_string(texts.join(format!("{slug}.txt"))).expect("text");
        let mut parsed = previously_article::parse_str(&text, url).expect("reads");
        previously_article::place_from_name(&mut parsed.article, url, &mut parsed.warnings);
        parsed.article.url = Some(url.to_string());
        let a = &parsed.article;
        assert!(
            a.outlet_or_source().is_some_and(|o| !o.is_empty()),
            "{slug}: no outlet"
        );
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(real().join("gold").join(format!("{slug}.json")))
                .expect("gold"),
        )
        .expect("gold JSON");
        let g = &gold["article"];
        total += 1;
        let same_series = a.series.as_deref().map(previously_series::series_key)
            == g["series"].as_str().map(previously_series::series_key);
        let episode = a.episode.map(u64::from) == g["episode"].as_u64()
            && a.season.unwrap_or(1) as u64 == g["season"].as_u64().unwrap_or(1);
        if same_series && episode {
            placed += 1;
        } else {
            unplaced.insert(slug.to_string());
        }
    }
    eprintln!("real set read with its URLs: {placed} of {total} placed");
    // FIXME: the same pages as from the text files (see STILL_UNPLACED): their URLs add
    // no cue the text files' names did not.
    let expected: BTreeSet<String> = STILL_UNPLACED.iter().map(|s| s.to_string()).collect();
    assert_eq!(unplaced, expected);
}
