//! The whole-text sentiment baseline the critics' figures are compared with: VADER's
//! compound score over the whole article text (recap and review alike), labelled with
//! VADER's usual thresholds (at least 0.05 positive, at most -0.05 negative, mixed
//! between). Prints a JSON object from each file's stem to its label, for
//! `scripts/grade_verdicts.py --baseline`.
//!
//! `cargo run -p previously-extract --example vader_baseline -- FILE...`

use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let mut labels = BTreeMap::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let Ok(parsed) = previously_article::read_path(path) else {
            eprintln!("{arg}: not readable; left out of the baseline");
            continue;
        };
        let a = parsed.article;
        let text = a
            .recap
            .iter()
            .chain(a.review.iter())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let compound = previously_extract::review::polarity(&text);
        let label = if compound >= 0.05 {
            "positive"
        } else if compound <= -0.05 {
            "negative"
        } else {
            "mixed"
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        labels.insert(stem, label);
    }
    match serde_json::to_string_pretty(&labels) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("cannot print the baseline: {e}"),
    }
}
