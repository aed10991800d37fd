//! Store figures: ingest rate and peak memory for 10 000 articles, and `who` / `cast`
//! latency against that store, for SQLite and (when PREVIOUSLY_TEST_PG_URL is set, see
//! scripts/with-postgres.sh) PostgreSQL side by side.
//!
//! `cargo bench -p previously-store` runs the full size; under `cargo test` (no `--bench`
//! argument) it runs a small smoke size so that the suite stays fast.
//!
//! The articles are the 18 demo articles, read and extracted once, then copied with every
//! character, place and the series renamed per copy (556 series of 18 articles), so that
//! every copy is a distinct series with distinct names and a distinct content hash.

use previously_article::{read_path, Article};
use previously_extract::{extract, Story};
use previously_series::{Episode, Horizon};
use previously_store::{PostgresStore, SqliteStore, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const NAMES: &[&str] = &[
    "Vesper Tide",
    "Marisol",
    "Arden",
    "Tobias",
    "Tobais",
    "Quill",
    "Pell",
    "Edda",
    "Vane",
    "Lamplighter",
    "Ivo",
    "Strand",
    "Mira",
    "Mara",
    "Kest",
    "Lucan",
    "Morrow",
    "Bastian",
    "Wren",
    "Saltmere",
    "Undercroft",
    "Greywatch",
    "Brass Eel",
    "Gilded Choir",
    "Lantern Wardens",
    "Cogborn",
    "Tide Compass",
    "Aurelian",
];

fn suffix(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    s
}

fn demo_articles() -> Vec<(Article, Story)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut out = Vec::new();
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(outlet))
            .expect("demo folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let article = read_path(&f).expect("demo article").article;
            let story = extract(&article).story;
            out.push((article, story));
        }
    }
    out
}

/// `n` articles: copies of the demo articles with every name renamed per copy.
fn generate(n: usize) -> Vec<(Article, Story)> {
    let demo = demo_articles();
    let templates: Vec<String> = demo
        .iter()
        .map(|pair| serde_json::to_string(pair).expect("serialises"))
        .collect();
    let mut out = Vec::with_capacity(n);
    for i in 0.. {
        let tag = suffix(i);
        for t in &templates {
            if out.len() == n {
                return out;
            }
            let mut text = t.clone();
            for name in NAMES {
                text = text.replace(name, &format!("{name}{tag}"));
            }
            let (mut article, story): (Article, Story) =
                serde_json::from_str(&text).expect("deserialises");
            article.content_hash = format!("{}-{tag}", article.content_hash);
            // A distinct source too, or every copy would replace the one before it.
            article.source = article.source.map(|p| {
                PathBuf::from(format!("/bench/{tag}")).join(p.file_name().unwrap_or_default())
            });
            out.push((article, story));
        }
    }
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

struct Figures {
    rate: f64,
    /// Reading the series' stories from the store, before fusion.
    load: (Duration, Duration),
    who: (Duration, Duration),
    cast: (Duration, Duration),
}

fn measure(store: &mut dyn Store, articles: &[(Article, Story)], queries: usize) -> Figures {
    let started = Instant::now();
    for (a, s) in articles {
        store.ingest(a, s).expect("ingests");
    }
    let rate = articles.len() as f64 / started.elapsed().as_secs_f64();
    let series_count = articles.len().div_ceil(18).max(1);
    let mut who = Vec::with_capacity(queries);
    let mut cast = Vec::with_capacity(queries);
    let mut load = Vec::with_capacity(queries);
    for q in 0..queries {
        let tag = suffix(q % series_count);
        let horizon = Horizon::Upto(Episode::new(1, 1 + (q % 6) as u32));
        let t = Instant::now();
        let (lib, key) = store
            .series_library(&format!("Vesper Tide{tag}"))
            .expect("the series");
        load.push(t.elapsed());
        let answer = lib.who(&key, &format!("Lamplighter{tag}"), horizon);
        who.push(t.elapsed());
        assert!(!answer.matches.is_empty() || !answer.suggestions.is_empty());
        let t = Instant::now();
        let (lib, key) = store
            .series_library(&format!("Vesper Tide{tag}"))
            .expect("the series");
        let members = lib.cast(&key, horizon);
        cast.push(t.elapsed());
        assert!(!members.is_empty());
    }
    who.sort();
    cast.sort();
    load.sort();
    Figures {
        load: (percentile(&load, 0.5), percentile(&load, 0.99)),
        rate,
        who: (percentile(&who, 0.5), percentile(&who, 0.99)),
        cast: (percentile(&cast, 0.5), percentile(&cast, 0.99)),
    }
}

fn print(backend: &str, n: usize, f: &Figures) {
    println!(
        "{backend:<10} ingest {n} articles: {:>7.0} articles/s | who p50 {:>6.2} ms p99 {:>6.2} ms | cast p50 {:>6.2} ms p99 {:>6.2} ms | of which loading p50 {:>6.2} ms",
        f.rate,
        f.who.0.as_secs_f64() * 1e3,
        f.who.1.as_secs_f64() * 1e3,
        f.cast.0.as_secs_f64() * 1e3,
        f.cast.1.as_secs_f64() * 1e3,
        f.load.0.as_secs_f64() * 1e3,
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (n, queries) = if full { (10_000, 500) } else { (54, 12) };
    let articles = generate(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sqlite = SqliteStore::open(&dir.path().join("bench.sqlite3")).expect("opens");
    let figures = measure(&mut sqlite, &articles, queries);
    print("SQLite", n, &figures);
    if let Some(url) = std::env::var("PREVIOUSLY_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let mut admin =
            postgres::Client::connect(&url, postgres::NoTls).expect("the server is reachable");
        admin
            .batch_execute("DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;")
            .expect("schema");
        let sep = if url.contains('?') { '&' } else { '?' };
        let mut pg = PostgresStore::connect(&format!("{url}{sep}options=-csearch_path%3Dbench"))
            .expect("connects");
        let figures = measure(&mut pg, &articles, queries);
        print("PostgreSQL", n, &figures);
    } else {
        println!("PostgreSQL: not measured (PREVIOUSLY_TEST_PG_URL unset; run under scripts/with-postgres.sh)");
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS of the whole run (generation included): {mb:.0} MB");
    }
}
