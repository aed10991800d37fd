//! Review quality regression tests (issue 5, per-review half): the seed article's verdict
//! and aspects (read from `../shared`, never copied into the repo), the demo series'
//! verdict labels and explicit scores against `examples/vesper-tide/gold`, and the lexicon's
//! own verdicts on the reviews whose stated scores would otherwise decide, so that the
//! lexicon stays honest where an explicit score hides it.

use previously_extract::{doc::Doc, extract, review, AspectName, Label, Review};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn label_of(v: &Value) -> Option<Label> {
    match v.as_str()? {
        "positive" => Some(Label::Positive),
        "mixed" => Some(Label::Mixed),
        "negative" => Some(Label::Negative),
        _ => None,
    }
}

/// Every article of a directory tree with its gold file's review verdict, as (path,
/// gold label, gold explicit).
fn gold_reviews(articles: &[PathBuf], gold_dir: &Path) -> Vec<(PathBuf, Label, Option<String>)> {
    let mut out = Vec::new();
    for path in articles {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(gold_dir.join(format!("{stem}.json"))) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let v = &gold["review"]["verdict"];
        let Some(label) = label_of(&v["label"]) else {
            continue;
        };
        out.push((
            path.clone(),
            label,
            v["explicit"].as_str().map(str::to_string),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "gold") {
                out.extend(files_under(&p));
            }
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x, "txt" | "md" | "html"))
        {
            out.push(p);
        }
    }
    out
}

fn review_of(path: &Path, explicit_wins: bool) -> Option<Review> {
    let parsed = previously_article::read_path(path).ok()?;
    if explicit_wins {
        extract(&parsed.article).story.review
    } else {
        review::analyse_with(&Doc::new(&parsed.article), false).0
    }
}

/// (label accuracy, explicit exact, count, misses) over the gold reviews.
fn grade(
    reviews: &[(PathBuf, Label, Option<String>)],
    explicit_wins: bool,
) -> (f64, usize, usize, Vec<String>) {
    let (mut ok, mut exact) = (0, 0);
    let mut misses = Vec::new();
    for (path, gold, gold_explicit) in reviews {
        let r = review_of(path, explicit_wins);
        let label = r.as_ref().map(|r| r.verdict.label);
        if label == Some(*gold) {
            ok += 1;
        } else {
            misses.push(format!(
                "{}: {label:?} (score {:?}), gold {gold:?}",
                path.display(),
                r.as_ref().map(|r| r.verdict.score)
            ));
        }
        let explicit = r.and_then(|r| r.verdict.explicit);
        let norm = |s: &Option<String>| {
            s.as_deref().map(|x| {
                x.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
        };
        if norm(&explicit) == norm(gold_explicit) {
            exact += 1;
        } else {
            misses.push(format!(
                "{}: explicit {explicit:?}, gold {gold_explicit:?}",
                path.display()
            ));
        }
    }
    let n = reviews.len();
    (
        if n == 0 { 0.0 } else { ok as f64 / n as f64 },
        exact,
        n,
        misses,
    )
}

// The bar on the demo: label accuracy of at least 0.85, and every stated score
// read exactly as written.
#[test]
fn demo_verdict_labels_and_explicit_scores_meet_the_bar() {
    let dir = root().join("examples/vesper-tide");
    let reviews = gold_reviews(&files_under(&dir), &dir.join("gold"));
    assert_eq!(
        reviews.len(),
        18,
        "the demo has 18 reviews with gold verdicts"
    );
    let (acc, exact, n, misses) = grade(&reviews, true);
    assert!(
        acc >= 0.85,
        "demo verdict label accuracy {acc:.2}: {misses:#?}"
    );
    assert_eq!(exact, n, "explicit scores: {misses:#?}");
}

// The held-out fixtures were not used to write the rules; they guard their generality
// (a stated score in a sentence of prose, "4 out of 5 stars", a review with no score).
#[test]
fn holdout_verdict_labels_and_explicit_scores_hold() {
    let dir = root().join("examples/holdout");
    let reviews = gold_reviews(&files_under(&dir.join("articles")), &dir.join("gold"));
    assert_eq!(reviews.len(), 4);
    let (acc, exact, n, misses) = grade(&reviews, true);
    assert!(
        acc >= 0.75,
        "holdout verdict label accuracy {acc:.2}: {misses:#?}"
    );
    assert_eq!(exact, n, "explicit scores: {misses:#?}");
}

// With the stated scores ignored, the lexicon alone must still label most reviews as the
// critic's own score does: the explicit score must not be what keeps the bar green.
#[test]
fn lexicon_alone_agrees_with_the_stated_scores() {
    let mut reviews = Vec::new();
    for dir in [
        root().join("examples/vesper-tide"),
        root().join("examples/holdout"),
    ] {
        reviews.extend(gold_reviews(&files_under(&dir), &dir.join("gold")));
    }
    assert!(reviews.len() >= 20);
    let (acc, _, _, misses) = grade(&reviews, false);
    eprintln!(
        "lexicon-only label accuracy {acc:.2} over {} reviews; misses: {misses:#?}",
        reviews.len()
    );
    assert!(
        acc >= 0.75,
        "lexicon-only label accuracy {acc:.2}: {misses:#?}"
    );
}

// The seed (issue 5): the verdict is negative or mixed (it praises the visuals but calls
// the chapter not solid, then hopes), the visuals are praised, the story structure faulted.
#[test]
fn seed_verdict_and_aspects() {
    let path = root().join("../shared/seeds/metallic-rouge-s1e1.txt");
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let r = review_of(&path, true).expect("the seed has a review");
    assert_ne!(
        r.verdict.label,
        Label::Positive,
        "seed verdict {:?}",
        r.verdict
    );
    assert!(
        r.verdict.evidence.starts_with("Overall"),
        "{}",
        r.verdict.evidence
    );
    assert_eq!(r.verdict.explicit, None);
    let aspect = |a: AspectName| r.aspects.iter().find(|x| x.aspect == a);
    let visuals = aspect(AspectName::Visuals).expect("visuals aspect");
    assert_eq!(visuals.polarity, Label::Positive, "{visuals:?}");
    let story = aspect(AspectName::Story).expect("story aspect");
    assert_eq!(story.polarity, Label::Negative, "{story:?}");
    assert!(
        story.evidence.contains("story structure feels off"),
        "{story:?}"
    );
}
