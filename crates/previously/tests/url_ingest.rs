//! Behaviour tests of `ingest` and `extract` given web addresses, run on the real binary
//! against a small HTTP server on 127.0.0.1 that serves saved pages from
//! tests/fixtures/pages (an invented series, outlet and people). No test reaches any other
//! address: the server is local, and the binary runs without proxy settings.

use assert_cmd::Command;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const PAGE: &str = "/recaps/copperline-s1e3/";

fn previously() -> Command {
    let mut cmd = Command::cargo_bin("previously").expect("the binary is built");
    // A proxy from the environment would send the local requests elsewhere.
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the server answers on one path.
#[derive(Clone)]
enum Reply {
    /// A 200 answer with a Content-Length.
    Page(Vec<u8>),
    /// A 301 to another path on the same server.
    MovedTo(&'static str),
    /// A 200 answer of `len` bytes that declares its length, for the size limit.
    Huge { len: usize, declared: bool },
}

/// A local HTTP/1.1 server that answers `requests` requests, one connection each, then
/// stops; it also stops when no request has come for ten seconds, so a test that fails
/// early leaves no thread waiting. It returns the request heads it read.
struct Server {
    port: u16,
    handle: JoinHandle<Vec<String>>,
}

impl Server {
    fn start(routes: Vec<(&'static str, Reply)>, requests: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let port = listener.local_addr().expect("local address").port();
        listener.set_nonblocking(true).expect("non-blocking accept");
        let handle = std::thread::spawn(move || {
            let mut heads = Vec::new();
            let mut last = Instant::now();
            while heads.len() < requests && last.elapsed() < Duration::from_secs(10) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        heads.push(answer(stream, port, &routes));
                        last = Instant::now();
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
            heads
        });
        Server { port, handle }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The request heads served, once the server has stopped.
    fn heads(self) -> Vec<String> {
        self.handle.join().expect("the server thread ends")
    }
}

/// Reads one request head and writes the route's answer. Write errors are ignored: a
/// client that refuses a body closes the connection while it is being sent.
fn answer(mut stream: TcpStream, port: u16, routes: &[(&'static str, Reply)]) -> String {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    let reply = routes
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, r)| r.clone());
    let _ = match reply {
        Some(Reply::Page(body)) => send(&mut stream, "200 OK", "text/html; charset=utf-8", &body),
        Some(Reply::MovedTo(to)) => {
            let location = format!("http://127.0.0.1:{port}{to}");
            write!(
                stream,
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
        }
        Some(Reply::Huge { len, declared }) => {
            let length = if declared {
                format!("Content-Length: {len}\r\n")
            } else {
                String::new()
            };
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{length}Connection: close\r\n\r\n"
            )
            .and_then(|()| {
                let line = b"<p>Padding that makes the page far too large to be one article.</p>\n";
                let mut sent = 0;
                while sent < len {
                    let n = line.len().min(len - sent);
                    stream.write_all(&line[..n])?;
                    sent += n;
                }
                Ok(())
            })
        }
        None => send(
            &mut stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            &fixture("not-found.html"),
        ),
    };
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    head
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

/// A port on which nothing listens: bound, then let go.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    listener.local_addr().expect("local address").port()
}

fn ingest_json(db: &Path, urls: &[String]) -> (Option<i32>, serde_json::Value, String) {
    let out = previously()
        .arg("ingest")
        .args(urls)
        .arg("--db")
        .arg(db)
        .arg("--json")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}); stderr: {stderr}"));
    (out.status.code(), v, stderr)
}

/// (key, source, url, series, season, episode) of every stored article.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

fn stored(db: &Path) -> Vec<Row> {
    let conn = rusqlite::Connection::open(db).expect("the store opens");
    let mut stmt = conn
        .prepare("SELECT key, source, url, series, season, episode FROM articles ORDER BY key")
        .expect("query");
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("rows read")
}

fn copperline() -> Vec<(&'static str, Reply)> {
    vec![(PAGE, Reply::Page(fixture("copperline-s1e3.html")))]
}

#[test]
fn a_page_is_fetched_read_and_stored_under_its_url() {
    let server = Server::start(copperline(), 1);
    let url = server.url(PAGE);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.sqlite3");
    let (code, v, stderr) = ingest_json(&db, std::slice::from_ref(&url));
    assert_eq!(code, Some(0), "{v:#}\n{stderr}");
    assert_eq!(v["added"], 1, "{v:#}");
    let article = &v["articles"][0];
    assert_eq!(article["path"], url.as_str());
    assert_eq!(article["series"], "Copperline");
    assert_eq!(article["episode"], "S1E3");
    assert_eq!(article["outlet"], "Signal Box");
    let rows = stored(&db);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (key, source, stored_url, series, season, episode) = &rows[0];
    assert_eq!(key, &format!("url:{url}"));
    assert_eq!(source, &None, "a fetched page has no file path");
    assert_eq!(stored_url.as_deref(), Some(url.as_str()));
    assert_eq!(
        (series.as_deref(), *season, *episode),
        (Some("Copperline"), Some(1), Some(3))
    );
    let heads = server.heads();
    assert!(
        heads[0].starts_with(&format!("GET {PAGE} HTTP/1.1"))
            && heads[0].to_ascii_lowercase().contains(concat!(
                "user-agent: previously/",
                env!("CARGO_PKG_VERSION")
            )),
        "{heads:?}"
    );
}

#[test]
fn the_readability_pass_keeps_the_site_chrome_out_of_the_story() {
    let server = Server::start(copperline(), 1);
    let out = previously()
        .args(["extract", "--format", "text", "--paragraphs"])
        .arg(server.url(PAGE))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Bettany Rook"), "{stdout}");
    for chrome in [
        "small files on your device",
        "Podcast",
        "Sleepers",
        "Newsletter",
        "All rights reserved",
    ] {
        assert!(!stdout.contains(chrome), "{chrome:?} was read:\n{stdout}");
    }
    server.heads();
}

#[test]
fn extract_takes_a_url_beside_files_and_prints_its_story() {
    let server = Server::start(copperline(), 1);
    let out = previously()
        .args(["extract", "--format", "json"])
        .arg(server.url(PAGE))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(v["article"]["series"], "Copperline");
    assert_eq!(v["article"]["season"], 1);
    assert_eq!(v["article"]["episode"], 3);
    assert_eq!(v["article"]["title"], "The Switchyard");
    server.heads();
}

#[test]
fn a_missing_page_and_a_closed_port_fail_by_name_and_the_good_page_is_kept() {
    let server = Server::start(copperline(), 2);
    let missing = server.url("/recaps/copperline-s1e9/");
    let unreachable = format!("http://127.0.0.1:{}{PAGE}", closed_port());
    let good = server.url(PAGE);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.sqlite3");
    let out = previously()
        .arg("ingest")
        .args([&missing, &unreachable, &good])
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 added, 0 updated, 0 skipped (unchanged), 2 failed"),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "failed: {missing}: the server answered 404 Not Found"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "failed: {unreachable}: cannot fetch: the connection was refused"
        )),
        "{stderr}"
    );
    assert_eq!(stored(&db).len(), 1);
    server.heads();
}

#[test]
fn a_redirect_is_followed_and_the_page_is_known_by_where_it_led() {
    let mut routes = copperline();
    routes.push(("/2031/02/copperline-3", Reply::MovedTo(PAGE)));
    let server = Server::start(routes, 2);
    let old = server.url("/2031/02/copperline-3");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.sqlite3");
    let (code, v, stderr) = ingest_json(&db, std::slice::from_ref(&old));
    assert_eq!(code, Some(0), "{v:#}\n{stderr}");
    assert_eq!(v["added"], 1, "{v:#}");
    assert_eq!(v["articles"][0]["path"], old.as_str());
    assert_eq!(v["articles"][0]["episode"], "S1E3");
    let rows = stored(&db);
    assert_eq!(rows[0].2.as_deref(), Some(server.url(PAGE).as_str()));
    let heads = server.heads();
    assert_eq!(heads.len(), 2, "{heads:?}");
    assert!(heads[1].starts_with(&format!("GET {PAGE} ")), "{heads:?}");
}

#[test]
fn a_body_over_8_mib_is_refused() {
    let len = 8 * 1024 * 1024 + 4096;
    let routes = vec![
        (
            "/declared/",
            Reply::Huge {
                len,
                declared: true,
            },
        ),
        (
            "/streamed/",
            Reply::Huge {
                len,
                declared: false,
            },
        ),
    ];
    let server = Server::start(routes, 2);
    let declared = server.url("/declared/");
    let streamed = server.url("/streamed/");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.sqlite3");
    let (code, v, stderr) = ingest_json(&db, &[declared.clone(), streamed.clone()]);
    assert_eq!(code, Some(1), "{v:#}\n{stderr}");
    assert_eq!(v["added"], 0);
    let errors: Vec<String> = v["failed"]
        .as_array()
        .expect("failures")
        .iter()
        .filter_map(|f| f["error"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        errors,
        vec![
            format!(
                "{declared}: {len} bytes is larger than the 8388608 byte limit for one article"
            ),
            format!("{streamed}: the page is larger than the 8388608 byte limit for one article"),
        ],
    );
    server.heads();
}

#[test]
fn the_same_page_ingested_again_is_unchanged() {
    let server = Server::start(copperline(), 2);
    let url = server.url(PAGE);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.sqlite3");
    let (code, first, _) = ingest_json(&db, std::slice::from_ref(&url));
    assert_eq!((code, &first["added"]), (Some(0), &serde_json::json!(1)));
    let (code, again, stderr) = ingest_json(&db, std::slice::from_ref(&url));
    assert_eq!(code, Some(0), "{again:#}\n{stderr}");
    assert_eq!(
        (&again["added"], &again["updated"], &again["skipped"]),
        (
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(1)
        ),
        "{again:#}"
    );
    assert_eq!(again["articles"][0]["outcome"]["status"], "unchanged");
    assert_eq!(stored(&db).len(), 1);
    server.heads();
}
