//! Throughput of extraction over a corpus of at least 10 MB built by repeating the demo
//! articles, single-threaded and with rayon across articles, plus a linearity case: a
//! pathological one-sentence text at 1x, 2x and 4x size.
//!
//! `cargo bench -p previously-extract` prints MB/s lines (and the peak resident memory)
//! before criterion's own report.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use previously_article::Article;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The `previously` binary ships with mimalloc as its allocator (extraction allocates many
// small strings); the bench measures the same configuration.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn demo_articles() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tidewater", "glasshouse", "lantern-screen"] {
        if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
            files.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds/metallic-rouge-s1e1.txt");
    files.push(seed);
    files.sort();
    files
        .iter()
        .filter_map(|f| previously_article::read_path(f).ok())
        .map(|p| p.article)
        .collect()
}

fn text_len(a: &Article) -> usize {
    a.recap.iter().chain(a.review.iter()).map(String::len).sum()
}

fn corpus(min_bytes: usize) -> (Vec<Article>, usize) {
    let base = demo_articles();
    assert!(!base.is_empty(), "no demo articles found");
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < min_bytes {
        for a in &base {
            bytes += text_len(a);
            out.push(a.clone());
        }
    }
    (out, bytes)
}

/// The process's peak resident memory in MB (Linux `VmHWM`), when the platform tells.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time this thread has run, in seconds (Linux `schedstat`): unlike wall time it does
/// not count time the thread waited for a core, so it stays honest on a busy machine.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn report(label: &str, bytes: usize, dt: Duration) {
    println!(
        "{label:<40} {:>7.1} MB in {:>7.1} ms = {:>6.1} MB/s",
        bytes as f64 / 1e6,
        dt.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / dt.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    // `cargo test --all-targets` runs benches once as smoke tests, in debug builds: keep
    // that quick by using a small corpus unless this is a real `cargo bench`.
    let real = std::env::args().any(|a| a == "--bench");
    let (articles, bytes) = corpus(if real { 10_000_000 } else { 100_000 });
    // The first extraction compiles the patterns and loads the lexicons, once per
    // process. That is a start-up cost, not throughput: it is timed and printed on its
    // own, then the corpus is timed warm (as criterion's figures below are).
    let t = Instant::now();
    let first = articles
        .first()
        .map_or(0, |a| previously_extract::extract(a).story.entities.len());
    println!(
        "{:<40} {:>7.1} ms (first article, {} entities)",
        "start-up: patterns and lexicons",
        t.elapsed().as_secs_f64() * 1e3,
        first
    );
    // Plain timings first, so the figures are easy to read. Each way of running is timed
    // against the same corpus in the same process: one article at a time (`extract`, what
    // a single-file command does) is the baseline; `extract_batch` (what ingest and
    // multi-file commands do) takes groups of articles through the stages together.
    let t = Instant::now();
    let cpu = thread_cpu_secs();
    let n: usize = articles
        .iter()
        .map(|a| previously_extract::extract(a).story.entities.len())
        .sum();
    let single = t.elapsed();
    let single_cpu = cpu.zip(thread_cpu_secs()).map(|(a, b)| b - a);
    report("corpus, 1 thread, one at a time", bytes, single);
    let t = Instant::now();
    let cpu = thread_cpu_secs();
    let b: usize = previously_extract::extract_batch(&articles)
        .iter()
        .map(|e| e.story.entities.len())
        .sum();
    let batched = t.elapsed();
    let batched_cpu = cpu.zip(thread_cpu_secs()).map(|(a, b)| b - a);
    report(
        &format!("corpus, 1 thread, batched ({})", previously_extract::BATCH),
        bytes,
        batched,
    );
    if let (Some(one), Some(many)) = (single_cpu, batched_cpu) {
        report(
            "corpus, 1 thread, one at a time, per CPU s",
            bytes,
            Duration::from_secs_f64(one),
        );
        report(
            "corpus, 1 thread, batched, per CPU second",
            bytes,
            Duration::from_secs_f64(many),
        );
    }
    println!(
        "{:<40} {:>6.2}x",
        "batched vs one at a time (wall)",
        single.as_secs_f64() / batched.as_secs_f64()
    );
    let t = Instant::now();
    let m: usize = articles
        .par_iter()
        .map(|a| previously_extract::extract(a).story.entities.len())
        .sum();
    let threads = rayon::current_num_threads();
    let par_single = t.elapsed();
    report(
        &format!("corpus, rayon ({threads} threads), one at a time"),
        bytes,
        par_single,
    );
    let t = Instant::now();
    let pb: usize = articles
        .par_chunks(previously_extract::BATCH)
        .map(|group| {
            previously_extract::extract_batch(group)
                .iter()
                .map(|e| e.story.entities.len())
                .sum::<usize>()
        })
        .sum();
    let par_batched = t.elapsed();
    report(
        &format!("corpus, rayon ({threads} threads), batched"),
        bytes,
        par_batched,
    );
    println!(
        "{:<40} {:>6.1} MB/s",
        "  per core (batched, rayon)",
        bytes as f64 / 1e6 / par_batched.as_secs_f64() / threads as f64
    );
    // Every way of running finds the same entities.
    assert_eq!(n, m);
    assert_eq!(n, b);
    assert_eq!(n, pb);
    match peak_rss_mb() {
        Some(mb) => println!("peak memory (resident, whole bench so far) {mb:>7.1} MB"),
        None => println!("peak memory: not available on this platform"),
    }

    let mut g = c.benchmark_group("extract");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    let small: Vec<Article> = demo_articles();
    let small_bytes: usize = small.iter().map(text_len).sum();
    g.throughput(Throughput::Bytes(small_bytes as u64));
    g.bench_function("demo articles, 1 thread", |b| {
        b.iter(|| {
            small
                .iter()
                .map(|a| previously_extract::extract(a).story.facts.len())
                .sum::<usize>()
        })
    });
    g.bench_function("demo articles, 1 thread, batched", |b| {
        b.iter(|| {
            previously_extract::extract_batch(&small)
                .iter()
                .map(|e| e.story.facts.len())
                .sum::<usize>()
        })
    });
    g.bench_function("demo articles, rayon", |b| {
        b.iter(|| {
            small
                .par_iter()
                .map(|a| previously_extract::extract(a).story.facts.len())
                .sum::<usize>()
        })
    });
    // Linearity: time should double with size. Plain timings first, then criterion's.
    let mut base: Option<f64> = None;
    for k in [1usize, 2, 4] {
        let unit = if real { 2000 } else { 20 };
        let text = "and Rouge meets Sara who confirms she is Viola near Club Canal with Nectar "
            .repeat(unit * k);
        // The best of three runs: a single run of the larger sizes also pays for the
        // process's first touch of fresh memory (the kernel zeroing pages), which is not
        // the extractor's time and made one-shot ratios look superlinear.
        let dt = (0..3)
            .map(|_| {
                let t = Instant::now();
                // In both halves: the review path (verdicts, aspects, comparisons) once went
                // quadratic on one huge sentence while the recap path stayed linear.
                let _ = previously_extract::extract_parts(&[&text], &[&text], Some("Series"));
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        let per = dt.as_secs_f64() / k as f64;
        let ratio = base.map_or(1.0, |b| per / b);
        base.get_or_insert(per);
        report(
            &format!("pathological one sentence {k}x (time/size vs 1x: {ratio:.2})"),
            2 * text.len(),
            dt,
        );
    }
    for k in [1usize, 2, 4] {
        let unit = if real { 2000 } else { 20 };
        let text = "and Rouge meets Sara who confirms she is Viola near Club Canal with Nectar "
            .repeat(unit * k);
        g.throughput(Throughput::Bytes(2 * text.len() as u64));
        g.bench_function(format!("pathological one sentence {k}x"), |b| {
            b.iter(|| {
                previously_extract::extract_parts(&[&text], &[&text], Some("Series"))
                    .entities
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
