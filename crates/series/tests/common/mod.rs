//! Shared helpers: the demo series' gold stories as fusion input, and small synthetic stories.

#![allow(dead_code)]

use previously_article::EpisodeRef;
use previously_extract::Story;
use previously_series::{ArticleInfo, Input};
use std::path::PathBuf;

pub fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide/gold")
}

/// The 18 gold stories of the demo series. Gold files omit the fields the grader does not
/// score (`mentions`, `scenes`), so they are filled in before deserialising.
pub fn gold_inputs() -> Vec<Input> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(gold_dir())
        .expect("the gold folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|p| gold_input(p)).collect()
}

pub fn gold_input(path: &std::path::Path) -> Input {
    let text = std::fs::read_to_string(path).expect("readable gold file");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("gold is JSON");
    if let Some(entities) = v["entities"].as_array_mut() {
        for e in entities {
            if e.get("mentions").is_none() {
                e["mentions"] = serde_json::json!(1);
            }
        }
    }
    if let Some(facts) = v["facts"].as_array_mut() {
        for f in facts {
            if f.get("evidence").is_none() {
                f["evidence"] = serde_json::json!("");
            }
        }
    }
    if v.get("scenes").is_none() {
        v["scenes"] = serde_json::json!([]);
    }
    v["review"] = serde_json::Value::Null;
    let story: Story = serde_json::from_value(v).expect("gold is a Story");
    let meta = story.article.clone();
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("gold")
        .to_string();
    Input {
        article: ArticleInfo {
            id: name,
            source: Some(path.display().to_string()),
            series: meta.series,
            episode: meta.episode.map(|episode| EpisodeRef {
                season: meta.season,
                episode,
            }),
            title: meta.title,
            outlet: meta.outlet,
        },
        story,
    }
}

/// A small story written inline: entities as (name, kind, aliases), facts as
/// (subject, relation, object, certainty).
pub fn story(
    id: &str,
    series: &str,
    episode: u32,
    outlet: &str,
    entities: &[(&str, &str, &[&str])],
    facts: &[(&str, &str, &str, &str)],
) -> Input {
    let v = serde_json::json!({
        "article": {"series": series, "season": 1, "episode": episode, "title": null, "outlet": outlet},
        "entities": entities.iter().map(|(n, k, a)| serde_json::json!({
            "name": n, "kind": k, "aliases": a, "mentions": 1, "first_mention": null
        })).collect::<Vec<_>>(),
        "facts": facts.iter().map(|(s, r, o, c)| serde_json::json!({
            "subject": s, "relation": r, "object": o, "certainty": c, "evidence": format!("{s} {r} {o}.")
        })).collect::<Vec<_>>(),
        "scenes": [],
        "review": null,
    });
    let story: Story = serde_json::from_value(v).expect("a valid inline story");
    Input {
        article: ArticleInfo {
            id: id.to_string(),
            source: None,
            series: Some(series.to_string()),
            episode: Some(EpisodeRef {
                season: Some(1),
                episode,
            }),
            title: None,
            outlet: Some(outlet.to_string()),
        },
        story,
    }
}
