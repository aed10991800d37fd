//! A full disk, simulated with a small tmpfs: every article that no longer fits is reported
//! as failed, none is half-stored, and the store still opens and answers.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn demo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/vesper-tide")
        .join(rel)
}

/// Unmounts the small file system however the test ends.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Mounts a tmpfs of `size` at `at`, or says why not (mounting needs root).
fn small_disk(at: &Path, size: &str) -> Option<Mounted> {
    std::fs::create_dir_all(at).ok()?;
    let status = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| Mounted(at.to_path_buf()))
}

#[test]
fn a_full_disk_fails_the_articles_that_do_not_fit_and_keeps_the_store_sound() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(_disk) = small_disk(&dir.path().join("small"), "160k") else {
        eprintln!("not run: a small tmpfs cannot be mounted here (needs root)");
        return;
    };
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).expect("mkdir");
    let mut total = 0;
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        for entry in std::fs::read_dir(demo(outlet)).expect("demo").flatten() {
            let text = std::fs::read_to_string(entry.path()).expect("read");
            let name = entry.file_name().to_string_lossy().into_owned();
            for i in 0..4 {
                std::fs::write(
                    articles.join(format!("{i}-{name}")),
                    text.replace("Saltmere", &format!("Saltmere{i}")),
                )
                .expect("write");
                total += 1;
            }
        }
    }
    let db = dir.path().join("small/store.sqlite3");
    let out = Command::cargo_bin("previously")
        .expect("the binary is built")
        .args(["ingest", "--json", "--db"])
        .arg(&db)
        .arg(&articles)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON summary ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let failed = v["failed"].as_array().map(Vec::len).unwrap_or(0);
    assert!(failed > 0, "the disk never filled; make it smaller: {v}");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        v["failed"].to_string().contains("full"),
        "the failures say the disk is full: {v}"
    );
    let added = v["added"].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        added + v["skipped"].as_u64().unwrap_or(0) as usize + failed,
        total
    );

    // The store opens and holds exactly the articles reported added, each whole.
    let c = rusqlite::Connection::open(&db).expect("opens");
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let whole: i64 = c
        .query_row(
            "SELECT count(*) FROM articles a WHERE EXISTS (SELECT 1 FROM stories s WHERE s.article_id = a.id)
                                                AND EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let all: i64 = c
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .expect("count");
    assert_eq!((whole as usize, all as usize), (added, added));
    drop(c);
    Command::cargo_bin("previously")
        .expect("built")
        .args(["series", "--db"])
        .arg(&db)
        .assert()
        .success();
}
