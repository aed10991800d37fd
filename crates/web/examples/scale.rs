//! The scale benchmark behind `scripts/bench-scale.sh`: runs the real `previously serve` on
//! the demo store and on a large generated store, one after the other in the same run, and
//! prints each figure of the scale issue for both, with the ratio large / demo.
//!
//!   scale --bin target/release/previously --demo DEMO_DB --large LARGE_DB [--label L]
//!
//! A store is a SQLite file or a `postgres://` URL. Figures: start-up to the first answer
//! (`/healthz`, then the home page), first (uncached) and warm p99 of the home page, a series
//! page, an entity page and `/api/v1/series`, requests/s on the entity page with 16
//! keep-alive connections, the catalogue-wide search, a POST of one article until the next
//! request shows it (and the
//! next request of another, cached series), the server's resident memory, and `who` and
//! `cast` (the CLI process, and the same query in-process).
//!
//! The client is blocking HTTP/1.1 on std sockets, one thread per connection: it shares the
//! machine's two cores with the server, as wrk would.

use previously_store::{CatalogueQuery, PostgresStore, SqliteStore, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-token";

fn open(db: &str) -> Box<dyn Store> {
    if previously_store::is_postgres_url(db) {
        Box::new(PostgresStore::connect(db).expect("connects"))
    } else {
        Box::new(SqliteStore::open_existing(&PathBuf::from(db)).expect("opens"))
    }
}

/// One keep-alive connection.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    addr: SocketAddr,
}

impl Conn {
    fn new(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connects");
        stream.set_nodelay(true).ok();
        stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
        Conn {
            stream,
            buf: Vec::new(),
            addr,
        }
    }

    /// Sends a request and reads the response: its status and body.
    fn request(&mut self, method: &str, path: &str, body: &str) -> (u16, String) {
        let extra = if method == "POST" {
            format!(
                "Authorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n",
                body.len()
            )
        } else {
            String::new()
        };
        write!(
            self.stream,
            "{method} {path} HTTP/1.1\r\nHost: bench\r\n{extra}\r\n{body}"
        )
        .expect("writes");
        let mut chunk = [0u8; 65536];
        loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buf[..end]).to_ascii_lowercase();
                let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
                let len: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                let total = end + 4 + len;
                while self.buf.len() < total {
                    let n = self.stream.read(&mut chunk).expect("reads");
                    assert!(n > 0, "the server closed the connection");
                    self.buf.extend_from_slice(&chunk[..n]);
                }
                let body = String::from_utf8_lossy(&self.buf[end + 4..total]).into_owned();
                self.buf.drain(..total);
                return (status, body);
            }
            let n = self.stream.read(&mut chunk).expect("reads");
            assert!(n > 0, "the server closed the connection");
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }

    /// A GET that must answer 200; returns how long it took.
    fn timed(&mut self, path: &str) -> Duration {
        let t = Instant::now();
        let (status, body) = self.request("GET", path, "");
        assert_eq!(
            status,
            200,
            "{path}: {}",
            body.chars().take(300).collect::<String>()
        );
        t.elapsed()
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1e3
}

/// The figures of one store.
#[derive(Debug, Default)]
struct Figures {
    articles: usize,
    series: usize,
    startup_health_ms: f64,
    startup_home_ms: f64,
    rss_mb: f64,
    peak_rss_mb: f64,
    /// (page, first p99, first samples, warm p99)
    pages: Vec<(&'static str, f64, usize, f64)>,
    entity_rps: f64,
    post_visible_ms: f64,
    other_series_next_ms: f64,
    cli_who_p99: f64,
    cli_cast_p99: f64,
    inproc_who_p99: f64,
    inproc_cast_p99: f64,
}

fn rss(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A series of the store with one of its characters: for the entity page and `who`.
struct Sample {
    key: String,
    name: String,
}

/// Up to `n` series of the store, spread over the catalogue, each with a character's name
/// (read in-process before the server starts, so that the server's cache is not touched).
fn samples(store: &dyn Store, n: usize) -> Vec<Sample> {
    let total = store
        .catalogue(&CatalogueQuery {
            filter: String::new(),
            offset: 0,
            limit: 1,
        })
        .expect("lists")
        .total;
    let step = (total / n.max(1)).max(1);
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < total && out.len() < n {
        let page = store
            .catalogue(&CatalogueQuery {
                filter: String::new(),
                offset,
                limit: 1,
            })
            .expect("lists");
        if let Some(d) = page.series.first() {
            let (lib, key) = store.series_library(&d.key).expect("loads");
            let kb = lib.knowledge(&key, previously_series::Horizon::Latest);
            if let Some(c) = kb.cast().first() {
                out.push(Sample {
                    key: key.clone(),
                    name: c.name.clone(),
                });
            }
        }
        offset += step;
    }
    // A store with fewer series than asked for (the demo has one) repeats them.
    let distinct = out.len();
    for i in distinct..n {
        if distinct == 0 {
            break;
        }
        let s = &out[i % distinct];
        out.push(Sample {
            key: s.key.clone(),
            name: s.name.clone(),
        });
    }
    out
}

/// Starts `previously serve` on `db` with `extra` arguments; returns it, a connection, and
/// the time from the start of the process to its first answer (`/healthz`).
fn spawn(bin: &str, db: &str, extra: &[&str]) -> (Child, Conn, Duration) {
    let addr = {
        let l = TcpListener::bind("127.0.0.1:0").expect("a port");
        l.local_addr().expect("an address")
    };
    let start = Instant::now();
    let mut child: Child = Command::new(bin)
        .args(["serve", "--db", db, "--addr", &addr.to_string()])
        .args(extra)
        .env("PREVIOUSLY_API_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts the server");
    loop {
        if let Ok(s) = TcpStream::connect(addr) {
            drop(s);
            let mut c = Conn::new(addr);
            if c.request("GET", "/healthz", "").0 == 200 {
                return (child, c, start.elapsed());
            }
        }
        if start.elapsed() > Duration::from_secs(60) {
            // Not left running behind the benchmark.
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server gave no answer in 60 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn measure(bin: &str, db: &str, cold: usize) -> Figures {
    let mut f = Figures::default();
    let (sample_set, articles) = {
        let store = open(db);
        let counts = store.counts().expect("counts");
        let s = samples(store.as_ref(), cold * 3 + 2);
        f.series = store
            .catalogue(&CatalogueQuery {
                filter: String::new(),
                offset: 0,
                limit: 1,
            })
            .expect("lists")
            .total;
        (s, counts.articles)
    };
    f.articles = articles;
    assert!(
        sample_set.len() >= 3,
        "the store needs series with characters"
    );
    // First requests, on a server with every cache off (`--cache-mib 0`): each request reads
    // its series or its catalogue page from the store, renders and answers, as a request
    // for something not cached does on a normal server. The same on both stores.
    let (mut cold_child, mut cold_conn, _) = spawn(bin, db, &["--cache-mib", "0"]);
    let (series_set, rest) = sample_set.split_at(sample_set.len() / 3);
    let (entity_set, rest) = rest.split_at(rest.len() / 2);
    let list_pages: Vec<usize> = (1..=f.series.div_ceil(50).clamp(1, cold)).collect();
    let mut first = |paths: Vec<String>| -> (f64, usize) {
        // Every address a few times over: with caching off, each is a first request.
        let paths: Vec<&String> = paths.iter().cycle().take(cold.max(paths.len())).collect();
        let mut v: Vec<Duration> = paths.iter().map(|p| cold_conn.timed(p)).collect();
        let n = v.len();
        (pct(&mut v, 0.99), n)
    };
    let home_first = first(list_pages.iter().map(|p| format!("/?page={p}")).collect());
    let api_first = first(
        list_pages
            .iter()
            .map(|p| format!("/api/v1/series?page={p}"))
            .collect(),
    );
    let series_first = first(
        series_set
            .iter()
            .map(|s| format!("/s/{}?as_of=S1E6", enc(&s.key)))
            .collect(),
    );
    let entity_first = first(
        entity_set
            .iter()
            .map(|s| format!("/s/{}/entity/{}?as_of=S1E6", enc(&s.key), enc(&s.name)))
            .collect(),
    );
    // Catalogue-wide search: different words each time (with caching off, every search
    // is a first one anyway).
    let words = [
        "lighthouse",
        "harbour",
        "lantern",
        "masked",
        "canal",
        "airship",
        "bell",
        "storm",
        "captain",
        "warden",
        "choir",
        "tide",
        "smoke",
        "quay",
        "signal",
    ];
    let search_first = first(
        words
            .iter()
            .map(|w| format!("/api/v1/search?q={w}&limit=20"))
            .collect(),
    );
    let _ = cold_child.kill();
    let _ = cold_child.wait();

    // Everything else on a normal server.
    let (mut child, mut conn, startup) = spawn(bin, db, &[]);
    f.startup_health_ms = startup.as_secs_f64() * 1e3;
    let t = Instant::now();
    conn.timed("/");
    f.startup_home_ms = f.startup_health_ms + t.elapsed().as_secs_f64() * 1e3;
    let addr = conn.addr;
    let home = "/".to_string();
    let series = format!("/s/{}?as_of=S1E6", enc(&series_set[0].key));
    let entity = format!(
        "/s/{}/entity/{}?as_of=S1E6",
        enc(&entity_set[0].key),
        enc(&entity_set[0].name)
    );
    let api = "/api/v1/series".to_string();
    let mut warm = |path: &str| {
        let mut v: Vec<Duration> = (0..2000).map(|_| conn.timed(path)).collect();
        pct(&mut v, 0.99)
    };
    f.pages = vec![
        ("home page", home_first.0, home_first.1, warm(&home)),
        ("series page", series_first.0, series_first.1, warm(&series)),
        ("entity page", entity_first.0, entity_first.1, warm(&entity)),
        ("/api/v1/series", api_first.0, api_first.1, warm(&api)),
        (
            "/api/v1/search (every series)",
            search_first.0,
            search_first.1,
            warm("/api/v1/search?q=lighthouse&limit=20"),
        ),
    ];

    // Throughput: the warm entity page, 16 keep-alive connections, 5 seconds.
    let until = Instant::now() + Duration::from_secs(5);
    let t = Instant::now();
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let path = entity.clone();
            std::thread::spawn(move || {
                let mut c = Conn::new(addr);
                let mut n = 0u64;
                while Instant::now() < until {
                    c.timed(&path);
                    n += 1;
                }
                n
            })
        })
        .collect();
    let done: u64 = threads.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    f.entity_rps = done as f64 / t.elapsed().as_secs_f64();

    // A POST of a new episode of a cached series, then the next request that shows it; and
    // the next request of another cached series.
    let target = &series_set[0];
    let other = format!("/s/{}?as_of=S1E5", enc(&entity_set[0].key));
    conn.timed(&other);
    let t = Instant::now();
    let (status, body) = conn.request(
        "POST",
        &format!(
            "/api/v1/articles?series={}&season=1&episode=9",
            enc(&target.key)
        ),
        &format!(
            "{} rows out to the lighthouse at dawn and finds the harbour bell gone; nobody on the quay admits to having heard it fall.",
            target.name
        ),
    );
    assert!(
        status == 201 || status == 200,
        "POST answered {status}: {body}"
    );
    let episodes = format!("/api/v1/series/{}/episodes", enc(&target.key));
    loop {
        let (s, b) = conn.request("GET", &episodes, "");
        assert_eq!(s, 200);
        if b.contains("\"episode\":9") {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the POST never showed"
        );
    }
    f.post_visible_ms = t.elapsed().as_secs_f64() * 1e3;
    f.other_series_next_ms = conn.timed(&other).as_secs_f64() * 1e3;
    (f.rss_mb, f.peak_rss_mb) = rss(child.id());
    let _ = child.kill();
    let _ = child.wait();

    // who and cast: the CLI process, and the same query in-process.
    let cli_set: Vec<&Sample> = rest.iter().take(20).collect();
    let mut who_cli = Vec::new();
    let mut cast_cli = Vec::new();
    for s in &cli_set {
        let t = Instant::now();
        let ok = Command::new(bin)
            .args(["who", &s.name, "--series", &s.key, "--db", db, "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|st| st.success())
            .unwrap_or(false);
        assert!(ok, "who {} failed", s.name);
        who_cli.push(t.elapsed());
        let t = Instant::now();
        let ok = Command::new(bin)
            .args(["cast", &s.key, "--db", db, "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|st| st.success())
            .unwrap_or(false);
        assert!(ok, "cast {} failed", s.key);
        cast_cli.push(t.elapsed());
    }
    f.cli_who_p99 = pct(&mut who_cli, 0.99);
    f.cli_cast_p99 = pct(&mut cast_cli, 0.99);
    let store = open(db);
    let mut who_in = Vec::new();
    let mut cast_in = Vec::new();
    for s in rest.iter().take(100) {
        let t = Instant::now();
        let (lib, key) = store.series_library(&s.key).expect("loads");
        let who = lib.who(&key, &s.name, previously_series::Horizon::Latest);
        assert!(!who.matches.is_empty());
        who_in.push(t.elapsed());
        let t = Instant::now();
        let (lib, key) = store.series_library(&s.key).expect("loads");
        assert!(!lib
            .cast(&key, previously_series::Horizon::Latest)
            .is_empty());
        cast_in.push(t.elapsed());
    }
    f.inproc_who_p99 = pct(&mut who_in, 0.99);
    f.inproc_cast_p99 = pct(&mut cast_in, 0.99);
    f
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(bin), Some(demo), Some(large)) = (arg("--bin"), arg("--demo"), arg("--large")) else {
        eprintln!("usage: scale --bin PREVIOUSLY --demo DB --large DB [--label L] [--cold N]");
        std::process::exit(2);
    };
    let label = arg("--label").unwrap_or_else(|| "store".into());
    let cold: usize = arg("--cold").and_then(|c| c.parse().ok()).unwrap_or(30);
    let d = measure(&bin, &demo, cold);
    let l = measure(&bin, &large, cold);
    println!(
        "\n{label}: demo store {} articles / {} series  vs  large store {} articles / {} series",
        d.articles, d.series, l.articles, l.series
    );
    println!(
        "{:<44} {:>12} {:>12} {:>8}   target",
        "figure", "demo", "large", "ratio"
    );
    let row = |name: &str, a: f64, b: f64, unit: &str, target: &str| {
        println!(
            "{:<44} {:>9.2} {unit:<2} {:>9.2} {unit:<2} {:>8.2}   {target}",
            name,
            a,
            b,
            b / a
        );
    };
    row(
        "start-up to /healthz",
        d.startup_health_ms,
        l.startup_health_ms,
        "ms",
        "< 1000 ms",
    );
    row(
        "start-up to the home page",
        d.startup_home_ms,
        l.startup_home_ms,
        "ms",
        "< 1000 ms",
    );
    for ((name, df, dn, dw), (_, lf, ln, lw)) in d.pages.iter().zip(&l.pages) {
        row(
            &format!("{name}: first request p99 (n={dn}/{ln})"),
            *df,
            *lf,
            "ms",
            "< 50 ms",
        );
        row(&format!("{name}: warm p99"), *dw, *lw, "ms", "< 5 ms");
    }
    row(
        "entity page, 16 connections",
        d.entity_rps,
        l.entity_rps,
        "/s",
        ">= 5000/s",
    );
    row(
        "POST until the next request shows it",
        d.post_visible_ms,
        l.post_visible_ms,
        "ms",
        "< 200 ms",
    );
    row(
        "another cached series' next request",
        d.other_series_next_ms,
        l.other_series_next_ms,
        "ms",
        "stays warm",
    );
    row(
        "server resident memory at the end",
        d.rss_mb,
        l.rss_mb,
        "MB",
        "< 300 MB",
    );
    row(
        "server peak resident memory",
        d.peak_rss_mb,
        l.peak_rss_mb,
        "MB",
        "< 300 MB",
    );
    row(
        "`who` p99, CLI process",
        d.cli_who_p99,
        l.cli_who_p99,
        "ms",
        "< 5 ms",
    );
    row(
        "`cast` p99, CLI process",
        d.cli_cast_p99,
        l.cli_cast_p99,
        "ms",
        "< 5 ms",
    );
    row(
        "`who` p99, in-process",
        d.inproc_who_p99,
        l.inproc_who_p99,
        "ms",
        "< 5 ms",
    );
    row(
        "`cast` p99, in-process",
        d.inproc_cast_p99,
        l.inproc_cast_p99,
        "ms",
        "< 5 ms",
    );
}
