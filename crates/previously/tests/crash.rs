//! Crash safety: `previously ingest` killed with SIGKILL in the middle of a large ingest
//! leaves a store that opens clean, in which every article is either wholly in (all its
//! paragraphs and its story) or not there at all; a second ingest then completes the job.

use assert_cmd::cargo::CommandCargoExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 4000;
const RECAP: usize = 6;
const REVIEW: usize = 2;

/// Writes `ARTICLES` distinct small articles of one invented series.
fn write_corpus(dir: &Path) {
    let names = ["Ada Quell", "Bram Otter", "Cyra Lune", "Dov Harrow", "Esme Vale", "Fenn Marsh"];
    for i in 0..ARTICLES {
        let a = names[i % names.len()];
        let b = names[(i / names.len() + 1) % names.len()];
        let mut text = format!("Crashtest Saga – Season {} Episode {} Recap & Review\n\nPart {i}\n\n", 1 + i / 500, 1 + i % 500);
        for p in 0..RECAP {
            text.push_str(&format!("In scene {p} of article {i}, {a} meets {b} at the Old Mill. {a} suspects {b} may be a spy.\n\n"));
        }
        text.push_str("The Episode Review\n\n");
        for p in 0..REVIEW {
            text.push_str(&format!("Review paragraph {p} of article {i}: the pacing is good and the animation is gorgeous.\n\n"));
        }
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).expect("write article");
    }
}

fn stored_articles(db: &Path) -> usize {
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else { return 0 };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).map(|n| n as usize).unwrap_or(0)
}

#[test]
fn sigkill_mid_ingest_leaves_every_article_wholly_in_or_out() {
    let tmp = tempfile::TempDir::new().expect("tmp");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write_corpus(&corpus);
    let db = tmp.path().join("store.sqlite3");

    let mut child = Command::cargo_bin("previously")
        .expect("binary")
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    // Wait until the ingest is under way, then kill it without warning.
    let started = Instant::now();
    loop {
        let n = stored_articles(&db);
        if n >= 50 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let conn = rusqlite::Connection::open(&db).expect("the store opens after the crash");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(check, "ok");
    let stored = stored_articles(&db);
    assert!(stored > 0, "the ingest was killed before it stored anything");
    assert!(stored < ARTICLES, "the ingest finished before it was killed; the test proves nothing");
    // Every stored article has all its paragraphs and its story.
    let partial: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id) != ?1
               OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.article_id = a.id)",
            [(RECAP + REVIEW) as i64],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(partial, 0, "{partial} articles are partly stored");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM paragraphs WHERE article_id NOT IN (SELECT id FROM articles)", [], |r| r.get(0))
        .expect("query");
    assert_eq!(orphans, 0);
    drop(conn);

    // A second ingest skips what is in and adds the rest.
    let out = Command::cargo_bin("previously")
        .expect("binary")
        .args(["ingest", "--json"])
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("second ingest");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stored_articles(&db), ARTICLES);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains(&format!("\"added\": {}", ARTICLES - stored)), "{summary}");
}
