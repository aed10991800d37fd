//! `extract_batch` runs the stages over groups of articles for speed; these tests guard
//! that it gives every article exactly what `extract` gives it alone, in order.

use previously_article::Article;
use previously_extract::{extract, extract_batch, Extraction, BATCH};
use std::path::{Path, PathBuf};

/// Every article the project ships: the demo series and the four held-out sets.
fn shipped_articles() -> Vec<(PathBuf, Article)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let dirs = [
        "vesper-tide/tidewater",
        "vesper-tide/glasshouse",
        "vesper-tide/lantern-screen",
        "holdout/articles",
        "holdout2/articles",
        "holdout3/articles",
        "holdout4/articles",
    ];
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let parsed = previously_article::read_path(&f).ok()?;
            Some((f, parsed.article))
        })
        .collect()
}

fn as_json(e: &Extraction) -> String {
    let notes: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
    format!(
        "{}\n{notes:?}",
        serde_json::to_string(&e.story).unwrap_or_default()
    )
}

#[test]
fn a_batch_gives_each_article_what_it_gets_alone() {
    let articles = shipped_articles();
    // More than two groups, so that a group boundary falls inside the list.
    assert!(
        articles.len() > 2 * BATCH,
        "only {} articles found",
        articles.len()
    );
    let batched = extract_batch(articles.iter().map(|(_, a)| a));
    assert_eq!(batched.len(), articles.len());
    for ((path, article), got) in articles.iter().zip(&batched) {
        assert_eq!(
            as_json(got),
            as_json(&extract(article)),
            "{}: batched extraction differs",
            path.display()
        );
    }
}

#[test]
fn a_batch_of_none_is_empty_and_one_article_is_one_result() {
    let none: Vec<Article> = Vec::new();
    assert!(extract_batch(&none).is_empty());
    let articles = shipped_articles();
    let Some((_, first)) = articles.first() else {
        panic!("no shipped articles found");
    };
    let one = extract_batch([first]);
    assert_eq!(one.len(), 1);
    assert_eq!(as_json(&one[0]), as_json(&extract(first)));
}

#[test]
fn an_empty_article_inside_a_batch_does_not_shift_the_others() {
    // An article with no text yields a story of its own (with a note), and the articles
    // after it still get their own stories.
    let articles = shipped_articles();
    let mut mixed: Vec<Article> = articles.iter().take(3).map(|(_, a)| a.clone()).collect();
    let mut empty = mixed[0].clone();
    empty.recap.clear();
    empty.review.clear();
    mixed.insert(1, empty);
    let batched = extract_batch(&mixed);
    assert_eq!(batched.len(), 4);
    for (a, got) in mixed.iter().zip(&batched) {
        assert_eq!(as_json(got), as_json(&extract(a)));
    }
    assert!(batched[1].story.entities.is_empty());
}
