//! Snapshots of the Story JSON of the project's own fixtures (the demo series and the
//! held-out articles), so that any change in what the extractor finds shows up in review as
//! a diff of the stories, article by article. The seed is third-party text and is graded by
//! `scripts/grade.sh` rather than snapshotted into the repository.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p previously --test
//! story_snapshots`, then read the diff of `tests/snapshots/` before committing.

use previously_article::read_path;
use previously_extract::extract;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files = Vec::new();
    for dir in [
        "vesper-tide/tidewater",
        "vesper-tide/glasshouse",
        "vesper-tide/lantern-screen",
        "holdout/articles",
        "holdout2/articles",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string()
}

#[test]
fn story_json_of_every_fixture() {
    let files = fixtures();
    assert!(
        files.len() >= 28,
        "18 demo and 10 held-out articles, found {}",
        files.len()
    );
    for path in files {
        let parsed = read_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let story = extract(&parsed.article).story;
        // Offsets of first mentions move with any edit of an article; they are checked by
        // the extractor's own tests, so they are redacted here to keep diffs readable.
        insta::assert_json_snapshot!(stem(&path), story, {
            ".entities[].first_mention" => "[first mention]",
        });
    }
}
