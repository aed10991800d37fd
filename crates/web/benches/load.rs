//! A load benchmark on loopback: serves the demo store and hammers the entity page and the
//! episode page with keep-alive connections, printing requests/s, p50 and p99 per page and
//! backend (SQLite always; PostgreSQL too when PREVIOUSLY_TEST_PG_URL is set).
//!
//!   cargo bench -p previously-web --bench load            # 5 s per page
//!   LOAD_SECONDS=10 LOAD_CONNECTIONS=32 cargo bench -p previously-web --bench load
//!
//! The client is a minimal HTTP/1.1 keep-alive client written here, so that the figures
//! measure the server and not a client library; it shares the machine's cores with the
//! server, as wrk would.

use previously_store::{PostgresStore, SqliteStore, Store};
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn ingest_demo(store: &mut dyn Store) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    for outlet in ["glasshouse", "lantern-screen", "tidewater"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(outlet))
            .expect("demo")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let parsed = previously_article::read_path(&f).expect("reads");
            let story = previously_extract::extract(&parsed.article).story;
            store.ingest(&parsed.article, &story).expect("ingests");
        }
    }
}

/// Reads one response; returns its status. `buf` keeps bytes of the next response.
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<u16> {
    let mut chunk = [0u8; 16384];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            let total = end + 4 + len;
            while buf.len() < total {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            buf.drain(..total);
            return Ok(status);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn client(addr: std::net::SocketAddr, path: String, until: Instant) -> Vec<Duration> {
    let mut lat = Vec::new();
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return lat;
    };
    let _ = stream.set_nodelay(true);
    let req = format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
    let mut buf = Vec::new();
    while Instant::now() < until {
        let t = Instant::now();
        if stream.write_all(req.as_bytes()).await.is_err() {
            break;
        }
        match read_response(&mut stream, &mut buf).await {
            Ok(200) => lat.push(t.elapsed()),
            Ok(other) => panic!("{path} answered {other}"),
            Err(_) => break,
        }
    }
    lat
}

fn run(label: &str, store: Box<dyn Store + Send>, smoke: bool) {
    let seconds: f64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let conns: usize = std::env::var("LOAD_CONNECTIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(16);
    // Under `cargo test --all-targets` the benchmark only checks that it still runs.
    let (seconds, conns) = if smoke { (0.2, 2) } else { (seconds, conns) };
    let state = previously_web::AppState::open(store, None).expect("loads");
    // The PostgreSQL client's own runtime must be dropped outside this one (see `serve`).
    let keep = state.clone();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let addr = listener.local_addr().expect("an address");
        tokio::spawn(async move { axum::serve(listener, previously_web::router(state)).await });
        // Cold renders: every entity and episode page at every horizon, each fetched once
        // on a fresh snapshot, so that nothing is cached yet (views or pages).
        let mut cold: Vec<Duration> = Vec::new();
        let names = ["Marisol%20Arden", "Edda%20Vane", "Ivo%20Strand", "Tobias%20Quill", "Mira%20Kest", "Gilded%20Choir"];
        let mut stream = TcpStream::connect(addr).await.expect("connects");
        let mut buf = Vec::new();
        for h in 1..=6 {
            let mut paths: Vec<String> = names.iter().map(|n| format!("/s/vesper%20tide/entity/{n}?as_of=S1E{h}")).collect();
            paths.extend((1..=h).map(|e| format!("/s/vesper%20tide/e/S1E{e}?as_of=S1E{h}")));
            for p in paths {
                let t = Instant::now();
                stream.write_all(format!("GET {p} HTTP/1.1\r\nHost: bench\r\n\r\n").as_bytes()).await.expect("writes");
                let status = read_response(&mut stream, &mut buf).await.expect("reads");
                assert_eq!(status, 200, "{p}");
                cold.push(t.elapsed());
            }
        }
        cold.sort();
        println!(
            "{label:<10} cold renders  mean {:.2} ms   max {:.2} ms   ({} first requests of entity and episode pages, S1E1..S1E6)",
            cold.iter().map(Duration::as_secs_f64).sum::<f64>() / cold.len().max(1) as f64 * 1e3,
            cold.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            cold.len(),
        );
        for (page, path) in [
            ("entity page", "/s/vesper%20tide/entity/Edda%20Vane?as_of=S1E5"),
            ("episode page", "/s/vesper%20tide/e/S1E3?as_of=S1E5"),
            ("entity API", "/api/v1/series/vesper%20tide/entities/Edda%20Vane?as_of=S1E5"),
        ] {
            // Warm the view cache and the connections' code paths.
            let _ = client(addr, path.to_string(), Instant::now() + Duration::from_millis(300)).await;
            let start = Instant::now();
            let until = start + Duration::from_secs_f64(seconds);
            let tasks: Vec<_> = (0..conns).map(|_| tokio::spawn(client(addr, path.to_string(), until))).collect();
            let mut all: Vec<Duration> = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap_or_default());
            }
            let elapsed = start.elapsed().as_secs_f64();
            all.sort();
            let pct = |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or_default();
            println!(
                "{label:<10} {page:<13} {:>8.0} requests/s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} requests, {conns} connections, {seconds} s)",
                all.len() as f64 / elapsed,
                pct(0.50).as_secs_f64() * 1e3,
                pct(0.99).as_secs_f64() * 1e3,
                all.len(),
            );
        }
    });
    drop(rt);
    drop(keep);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut sqlite = SqliteStore::open(&dir.path().join("bench.sqlite3")).expect("opens");
    ingest_demo(&mut sqlite);
    run("sqlite", Box::new(sqlite), smoke);
    if smoke {
        return;
    }
    match std::env::var("PREVIOUSLY_TEST_PG_URL").ok().filter(|u| !u.is_empty()) {
        Some(base) => {
            let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("reachable");
            admin.batch_execute("DROP SCHEMA IF EXISTS web_bench CASCADE; CREATE SCHEMA web_bench;").expect("a schema");
            let sep = if base.contains('?') { '&' } else { '?' };
            let url = format!("{base}{sep}options=-csearch_path%3Dweb_bench");
            let mut pg = PostgresStore::connect(&url).expect("connects");
            ingest_demo(&mut pg);
            run("postgres", Box::new(pg), smoke);
        }
        None => println!("postgres   (skipped: PREVIOUSLY_TEST_PG_URL unset; run under scripts/with-postgres.sh)"),
    }
}
