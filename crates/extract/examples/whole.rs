//! Extracts the demo articles 30 times over, for profiling the whole pipeline:
//! `cargo run --release --example whole`.

use std::path::Path;
use std::time::Instant;

// The same allocator as the `previously` binary and the bench.
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
    let bytes: usize = arts
        .iter()
        .map(|a| {
            a.recap
                .iter()
                .chain(a.review.iter())
                .map(String::len)
                .sum::<usize>()
        })
        .sum();
    // Warm up: pattern compilation and lexicon loading are not throughput.
    for a in &arts {
        let _ = previously_extract::extract(a);
    }
    // `PASSES=2` for an instruction count under valgrind.
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(60);
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..passes {
        for a in &arts {
            n += previously_extract::extract(a).story.facts.len();
        }
    }
    let dt = t.elapsed();
    println!(
        "{:.1} MB/s ({n} facts)",
        passes as f64 * bytes as f64 / 1e6 / dt.as_secs_f64()
    );
}
