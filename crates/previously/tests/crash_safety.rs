//! A store survives the process being killed in the middle of a large ingest: it opens
//! clean, and every article is either wholly in (row, every paragraph, story) or not at all.

use assert_cmd::cargo::CommandCargoExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn demo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/vesper-tide")
        .join(rel)
}

/// Writes `copies` variants of every demo article, each with a distinct content hash.
fn generate(dir: &Path, copies: usize) -> usize {
    let mut n = 0;
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        for entry in std::fs::read_dir(demo(outlet))
            .expect("demo folder")
            .flatten()
        {
            let path = entry.path();
            let text = std::fs::read_to_string(&path).expect("demo article");
            let name = path
                .file_name()
                .and_then(|s| s.to_str())
                .expect("file name")
                .to_string();
            for i in 0..copies {
                // Renaming the city changes the bytes (and so the hash) without breaking
                // any syntax; every demo article names it.
                let variant = text.replace("Saltmere", &format!("Saltmere{i}"));
                std::fs::write(dir.join(format!("{i:03}-{name}")), variant).expect("write");
                n += 1;
            }
        }
    }
    n
}

fn stored(db: &Path) -> usize {
    let Ok(c) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
        .unwrap_or(0)
}

#[test]
fn sigkill_during_ingest_leaves_every_article_wholly_in_or_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).expect("mkdir");
    let total = generate(&articles, 40);
    let db = dir.path().join("store.sqlite3");

    let mut child = Command::cargo_bin("previously")
        .expect("the binary is built")
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .arg(&articles)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let started = Instant::now();
    while stored(&db) < 30 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let kept = stored(&db);
    assert!(kept >= 30, "the ingest never got going");
    assert!(
        kept < total,
        "the ingest finished before it could be killed; generate more articles"
    );

    let c = rusqlite::Connection::open(&db).expect("the store opens after the crash");
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");
    let mut stmt = c
        .prepare(
            "SELECT a.source,
                    (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id),
                    (SELECT count(*) FROM stories s WHERE s.article_id = a.id)
             FROM articles a",
        )
        .expect("query");
    let rows: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    for (source, paragraphs, stories) in &rows {
        let article = previously_article::read_path(Path::new(source))
            .expect("the source still reads")
            .article;
        assert_eq!(*stories, 1, "{source}: story missing");
        assert_eq!(
            *paragraphs as usize,
            article.recap.len() + article.review.len(),
            "{source}: paragraphs missing"
        );
    }
    drop(stmt);
    drop(c);

    // The interrupted ingest can simply be run again: what is in is skipped, the rest added.
    let out = Command::cargo_bin("previously")
        .expect("the binary is built")
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&articles)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
    let (added, skipped) = (
        v["added"].as_u64().unwrap_or(0) as usize,
        v["skipped"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(added + skipped, total);
    assert!(
        skipped >= kept,
        "articles stored before the crash were ingested again"
    );
}
