//! How fast the reader turns bytes into Articles, per format, over the demo series.
//! Prints MB/s through criterion's throughput. The plain-text reader is the baseline the
//! Markdown and HTML readers are compared to (as a ratio) in the same run.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use previously_article::{parse_bytes, Origin};
use std::path::Path;
use std::time::Instant;

fn corpus(ext: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut files = Vec::new();
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        let Ok(entries) = std::fs::read_dir(dir.join(outlet)) else {
            continue;
        };
        for e in entries.flatten() {
            if e.path().extension().and_then(|x| x.to_str()) == Some(ext) {
                if let Ok(bytes) = std::fs::read(e.path()) {
                    files.push(bytes);
                }
            }
        }
    }
    assert!(!files.is_empty(), "demo articles with .{ext} exist");
    files
}

fn read_all(files: &[Vec<u8>]) -> usize {
    let origin = Origin("bench".into());
    files
        .iter()
        .map(|b| {
            parse_bytes(b, &origin, None)
                .map(|p| p.article.recap.len())
                .unwrap_or(0)
        })
        .sum()
}

fn mb_per_s(files: &[Vec<u8>]) -> f64 {
    let bytes: usize = files.iter().map(Vec::len).sum();
    let rounds = 200;
    let start = Instant::now();
    let mut paragraphs = 0;
    for _ in 0..rounds {
        paragraphs += read_all(std::hint::black_box(files));
    }
    assert!(paragraphs > 0);
    (bytes * rounds) as f64 / start.elapsed().as_secs_f64() / 1e6
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    let sets = [
        ("text", corpus("txt")),
        ("markdown", corpus("md")),
        ("html", corpus("html")),
    ];
    for (name, files) in &sets {
        group.throughput(Throughput::Bytes(
            files.iter().map(|f| f.len() as u64).sum(),
        ));
        group.bench_function(*name, |b| b.iter(|| read_all(files)));
    }
    group.finish();

    // One summary line per format, with the plain-text reader as the baseline.
    let base = mb_per_s(&sets[0].1);
    for (name, files) in &sets {
        let rate = mb_per_s(files);
        println!(
            "reader {name:<9} {rate:8.1} MB/s  ({:.2}x the text reader)",
            rate / base
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
