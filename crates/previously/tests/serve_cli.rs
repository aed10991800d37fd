//! Behaviour tests of `previously serve` on the real binary: it serves the demo store,
//! refuses a missing store without ingest enabled, and stops cleanly (exit 0) on SIGTERM
//! after finishing what it was doing.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_previously"))
}

fn free_addr() -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("an address")
}

fn ingest_demo(db: &Path) {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let out = Command::new(bin())
        .args(["ingest", "--db"])
        .arg(db)
        .arg(demo.join("tidewater"))
        .arg(demo.join("glasshouse"))
        .arg(demo.join("lantern-screen"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A plain HTTP/1.0 GET; returns the status line and the body.
fn http_get(addr: SocketAddr, path: &str) -> Option<(String, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: test\r\n\r\n").ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

fn wait_ready(addr: SocketAddr, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if http_get(addr, "/healthz").is_some() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the server did not answer within 20 s");
}

#[test]
fn serve_answers_pages_and_api_then_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.sqlite3");
    ingest_demo(&db);
    let addr = free_addr();
    let mut child = Command::new(bin())
        .args(["serve", "--db"])
        .arg(&db)
        .args(["--addr", &addr.to_string()])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    wait_ready(addr, &mut child);
    let (status, body) = http_get(addr, "/s/vesper%20tide?as_of=S1E1").expect("the series page");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("You have seen up to <strong>S1E1</strong>"));
    let (status, body) =
        http_get(addr, "/api/v1/series/vesper%20tide/cast?as_of=S1E1").expect("the cast");
    assert!(
        status.contains("200") && body.contains("\"cast\""),
        "{status} {body}"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("the server stops");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {log}", out.status);
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("status=200"), "requests are logged: {log}");
}

#[test]
fn serve_refuses_a_missing_store_when_ingest_is_off() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = Command::new(bin())
        .args(["serve", "--db"])
        .arg(dir.path().join("nope.sqlite3"))
        .args([
            "--addr",
            &free_addr().to_string(),
            "--token-env",
            "PREVIOUSLY_TEST_NO_SUCH_VAR",
        ])
        .env_remove("PREVIOUSLY_TEST_NO_SUCH_VAR")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no store here yet"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts `previously serve` on `db` (a file or a PostgreSQL URL) and waits until it
/// answers.
fn start_server(db: &std::ffi::OsStr) -> (Child, SocketAddr) {
    let addr = free_addr();
    let mut child = Command::new(bin())
        .args(["serve", "--poll-ms", "100", "--db"])
        .arg(db)
        .args(["--addr", &addr.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    wait_ready(addr, &mut child);
    (child, addr)
}

/// Ingests one invented recap of a new series with the CLI, as another process.
fn cli_ingest_new_series(db: &std::ffi::OsStr) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("salt-road-s1e1.txt");
    std::fs::write(
        &file,
        "Salt Road – Season 1 Episode 1 Recap\n\nIlsa Marrow rows out to the lighthouse and finds Corvin Pike waiting for her on the landing.\n",
    )
    .expect("writes");
    let out = Command::new(bin())
        .args(["ingest", "--db"])
        .arg(db)
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits until `path` answers 200 on `addr` (the server's poll runs every 100 ms here).
fn wait_for(addr: SocketAddr, path: &str) -> Duration {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if http_get(addr, path).is_some_and(|(status, _)| status.contains("200")) {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{path} did not appear on {addr} within 10 s");
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

// Guards the scale issue's freshness promise: an article ingested by the CLI into the store a
// server is reading shows on the server's next requests (within a second), without a restart.
#[test]
fn a_cli_ingest_shows_on_a_running_server_of_the_same_sqlite_store() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.sqlite3");
    ingest_demo(&db);
    let (server, addr) = start_server(db.as_os_str());
    let (status, _) = http_get(addr, "/api/v1/series/salt%20road").expect("answers");
    assert!(status.contains("404"), "{status}");
    cli_ingest_new_series(db.as_os_str());
    let took = wait_for(addr, "/api/v1/series/salt%20road");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    stop(server);
}

// Two server processes on one PostgreSQL store, and the CLI ingesting into it: each server
// shows the new article within a second.
#[test]
fn a_cli_ingest_shows_on_two_servers_sharing_a_postgresql_store() {
    let Some(base) = std::env::var("PREVIOUSLY_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("PostgreSQL not configured (PREVIOUSLY_TEST_PG_URL unset): run under scripts/with-postgres.sh");
        return;
    };
    let mut admin =
        postgres::Client::connect(&base, postgres::NoTls).expect("the test server is reachable");
    admin
        .batch_execute("DROP SCHEMA IF EXISTS serve_two CASCADE; CREATE SCHEMA serve_two;")
        .expect("schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3Dserve_two");
    let db = std::ffi::OsString::from(&url);
    ingest_demo(Path::new(&db));
    let (one, addr_one) = start_server(&db);
    let (two, addr_two) = start_server(&db);
    for addr in [addr_one, addr_two] {
        let (status, _) = http_get(addr, "/api/v1/series/salt%20road").expect("answers");
        assert!(status.contains("404"), "{status}");
    }
    cli_ingest_new_series(&db);
    for addr in [addr_one, addr_two] {
        let took = wait_for(addr, "/api/v1/series/salt%20road");
        assert!(took < Duration::from_secs(1), "{addr} took {took:?}");
    }
    stop(one);
    stop(two);
}
