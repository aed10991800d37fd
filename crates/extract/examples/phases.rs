//! Times each stage of extraction over the demo articles, for finding slow stages:
//! `cargo run --release --example phases`.

use previously_extract::{doc, entities, facts, mentions, review};
use std::path::Path;
use std::time::{Duration, Instant};

// The binary and the bench use mimalloc; the stages are timed with it too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut arts = Vec::new();
    for dir in ["tidewater", "glasshouse", "lantern-screen"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(p) = previously_article::read_path(&e.path()) {
                arts.push(p.article);
            }
        }
    }
    // A first pass builds the lazily compiled lexicons and patterns, so that their one-off
    // cost is not charged to whichever stage happens to use them first.
    for a in &arts {
        let _ = previously_extract::extract(a);
    }
    // With a path argument, time that one article instead (the seed, say).
    if let Some(path) = std::env::args().nth(1) {
        match previously_article::read_path(Path::new(&path)) {
            Ok(p) => arts = vec![p.article],
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    }
    let mut t = [Duration::ZERO; 6];
    let mut bytes = 0;
    for _ in 0..20 {
        for a in &arts {
            bytes += a
                .recap
                .iter()
                .chain(a.review.iter())
                .map(String::len)
                .sum::<usize>();
            let s = Instant::now();
            let d = doc::Doc::new(a);
            t[0] += s.elapsed();
            let s = Instant::now();
            let raw = mentions::split_juxtaposed(
                &d,
                mentions::strip_common_titles(&d, mentions::find(&d)),
            );
            t[1] += s.elapsed();
            let s = Instant::now();
            let mut r = entities::Resolver::new(&d, &raw, a.series.as_deref());
            let (clusters, fc) = r.clusters();
            t[2] += s.elapsed();
            let mc: Vec<usize> = r.mention_form.iter().map(|&f| fc[f]).collect();
            let s = Instant::now();
            let names = facts::Names {
                mentions: &raw,
                mention_cluster: &mc,
                clusters: &clusters,
            };
            let _f = facts::find(&d, &names);
            t[3] += s.elapsed();
            let s = Instant::now();
            let _ = review::verdict(&d);
            t[4] += s.elapsed();
            let s = Instant::now();
            let _ = previously_extract::extract(a);
            t[5] += s.elapsed();
        }
    }
    for (name, d) in [
        "segment", "mentions", "entities", "facts", "review", "whole",
    ]
    .iter()
    .zip(t)
    {
        println!(
            "{name:<10} {:>8.1} ms  {:>7.1} MB/s",
            d.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / d.as_secs_f64()
        );
    }
}
