//! Behaviour tests that run the real `previously` binary on good and bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn previously() -> Command {
    Command::cargo_bin("previously").expect("the binary is built")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    root().join("../shared/seeds/metallic-rouge-s1e1.txt")
}

fn demo(rel: &str) -> PathBuf {
    root().join("examples/vesper-tide").join(rel)
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("stdout is JSON")
}

#[test]
fn seed_json_has_the_article_metadata() {
    let out = previously()
        .args(["extract", "--format", "json"])
        .arg(seed())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out.stdout);
    assert_eq!(v["article"]["series"], "Metallic Rouge");
    assert_eq!(v["article"]["season"], 1);
    assert_eq!(v["article"]["episode"], 1);
    assert_eq!(v["article"]["title"], "Crimson Is The Sound of Dawn");
    assert!(v["article"]["outlet"].is_null());
    assert!(v["entities"].is_array() && v["facts"].is_array());
}

#[test]
fn seed_text_summary_counts_recap_and_review_paragraphs() {
    previously()
        .args(["extract", "--format", "text"])
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::contains("Series:   Metallic Rouge"))
        .stdout(predicate::str::contains("Recap:    12 paragraphs"))
        .stdout(predicate::str::contains(
            "Review:   4 paragraphs (under “The Episode Review”)",
        ));
}

#[test]
fn paragraphs_flag_prints_both_sections() {
    previously()
        .args(["extract", "--format", "text", "--paragraphs"])
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  [12] Naomi doesn’t give her a specific answer.",
        ))
        .stdout(predicate::str::contains(
            "Review:\n  [1] Studio Bones, the studio responsible",
        ));
}

#[test]
fn every_demo_article_reads_with_series_episode_and_outlet() {
    let mut seen = 0;
    for outlet in ["tidewater", "glasshouse", "lantern-screen"] {
        let dir = demo(outlet);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let out = previously()
                .args(["extract", "-f", "json"])
                .arg(entry.path())
                .output()
                .expect("runs");
            assert!(
                out.status.success(),
                "{}: {}",
                entry.path().display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let v = json_of(&out.stdout);
            assert_eq!(
                v["article"]["series"],
                "Vesper Tide",
                "{}",
                entry.path().display()
            );
            assert!(
                v["article"]["episode"].is_u64(),
                "{}",
                entry.path().display()
            );
            assert!(
                v["article"]["outlet"].is_string(),
                "{}",
                entry.path().display()
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 12,
        "the demo series has at least 12 articles, found {seen}"
    );
}

#[test]
fn several_files_give_a_json_array() {
    let out = previously()
        .args(["extract", "-f", "json"])
        .arg(seed())
        .arg(demo("tidewater/tidewater-s1e1.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(json_of(&out.stdout).as_array().map(Vec::len), Some(2));
}

#[test]
fn stdin_is_read_with_a_dash() {
    previously()
        .args(["extract", "-f", "json", "-"])
        .write_stdin("Show – Season 2 Episode 7 Recap & Review\n\nTitle Here\n\nA thing happens.\n\nReview\n\nIt was fine.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"episode\": 7"));
}

#[test]
fn help_and_version_work() {
    previously()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("extract"));
    previously()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format"));
    previously()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

mod bad_input {
    use super::*;
    use tempfile::TempDir;

    fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    /// Runs extract on one path and returns (exit code, stderr).
    fn fail(path: &PathBuf) -> (i32, String) {
        let out = previously()
            .args(["extract", "-f", "json"])
            .arg(path)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    #[test]
    fn empty_file() {
        let d = TempDir::new().expect("tmp");
        let p = write(&d, "empty.txt", b"");
        let (code, err) = fail(&p);
        assert_eq!(code, 1);
        assert!(err.contains("empty.txt: the file is empty"), "{err}");
    }

    #[test]
    fn png_image() {
        let d = TempDir::new().expect("tmp");
        let p = write(&d, "still.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
        let (code, err) = fail(&p);
        assert_eq!(code, 1);
        assert!(
            err.contains("still.png: binary data (a PNG image)"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8() {
        let d = TempDir::new().expect("tmp");
        let p = write(&d, "latin1.txt", b"Show \xe9pisode 1\n\ncaf\xe9 au lait.");
        let (code, err) = fail(&p);
        assert_eq!(code, 1);
        assert!(
            err.contains("latin1.txt: not valid UTF-8 text (first bad byte at offset 5)"),
            "{err}"
        );
    }

    // A 100 MB file is refused from its size, before anything is read into memory.
    #[test]
    fn hundred_megabyte_file() {
        let d = TempDir::new().expect("tmp");
        let p = d.path().join("huge.txt");
        let f = std::fs::File::create(&p).expect("create");
        f.set_len(100 * 1024 * 1024).expect("sparse file");
        let (code, err) = fail(&p);
        assert_eq!(code, 1);
        assert!(
            err.contains("huge.txt: 104857600 bytes is larger than the"),
            "{err}"
        );
    }

    #[test]
    fn directory() {
        let d = TempDir::new().expect("tmp");
        let (code, err) = fail(&d.path().to_path_buf());
        assert_eq!(code, 1);
        assert!(err.contains("is a directory"), "{err}");
    }

    #[test]
    fn missing_path() {
        let (code, err) = fail(&PathBuf::from("/no/such/article.txt"));
        assert_eq!(code, 1);
        assert!(err.contains("/no/such/article.txt: no such file"), "{err}");
    }

    #[test]
    fn html_page_with_no_article() {
        let d = TempDir::new().expect("tmp");
        let p = write(
            &d,
            "empty.html",
            b"<!doctype html><html><head><script>var a = 'Show Episode 1 Recap';</script></head><body><nav><a href='/'>Home</a></nav><footer><p>(c) Site</p></footer></body></html>",
        );
        let (code, err) = fail(&p);
        assert_eq!(code, 1);
        assert!(
            err.contains("empty.html: the HTML page has no article text"),
            "{err}"
        );
    }

    // Text with nothing that looks like a recap is still read, with warnings, because the
    // user may want to see what was understood.
    #[test]
    fn text_that_is_not_a_recap_is_read_with_warnings() {
        let d = TempDir::new().expect("tmp");
        let p = write(
            &d,
            "grocery.txt",
            b"Milk, eggs and bread.\n\nCall the plumber on Tuesday.\n",
        );
        previously()
            .args(["extract", "-f", "json"])
            .arg(&p)
            .assert()
            .success()
            .stderr(predicate::str::contains("grocery.txt: no recap headline"))
            .stderr(predicate::str::contains("no review heading"));
    }

    // One bad file among many is reported by name; the good ones are still printed and the
    // exit code is 1.
    #[test]
    fn one_bad_file_does_not_stop_the_others() {
        let d = TempDir::new().expect("tmp");
        let bad = write(&d, "bad.txt", b"");
        let out = previously()
            .args(["extract", "-f", "json"])
            .arg(seed())
            .arg(&bad)
            .arg(demo("tidewater/tidewater-s1e2.txt"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let v = json_of(&out.stdout);
        assert_eq!(v.as_array().map(Vec::len), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("bad.txt: the file is empty")
                && err.contains("1 of 3 files could not be read"),
            "{err}"
        );
    }

    #[test]
    fn hostile_html_is_read_as_inert_text() {
        let d = TempDir::new().expect("tmp");
        let p = write(
            &d,
            "hostile.html",
            br#"<html><body><article><h1>Show Season 1 Episode 3 Recap</h1><p>Kai meets <b>Ren</b>.<script>alert("x")</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">link</a></p><h2>Review</h2><p>Fine.</p></article></body></html>"#,
        );
        let out = previously()
            .args(["extract", "-f", "text"])
            .arg(&p)
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("alert"), "{text}");
        assert!(text.contains("Recap:    1 paragraphs"), "{text}");
    }
}
