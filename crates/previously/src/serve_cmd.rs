//! `previously serve`: opens the store and runs the web app and JSON API
//! (`previously-web`) until Ctrl-C or SIGTERM.

use anyhow::{Context, Result};
use previously_store::{create_or_open, default_path, is_postgres_url, PostgresStore, SqliteStore, Store};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// The store: a SQLite file, or a `postgres://` URL for a shared store (several servers
    /// may share one). Defaults to previously.sqlite3 in the platform's data folder.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    addr: SocketAddr,
    /// The environment variable holding the bearer token that allows
    /// `POST /api/v1/articles`. When it is unset or empty, ingest over HTTP is disabled.
    #[arg(long, default_value = "PREVIOUSLY_API_TOKEN", value_name = "VAR")]
    token_env: String,
    /// Re-read the store every SECS seconds, to show what other processes ingested (the
    /// default for a PostgreSQL store is 30; 0 turns it off).
    #[arg(long, value_name = "SECS")]
    refresh: Option<u64>,
}

pub(crate) fn run(args: ServeArgs) -> Result<ExitCode> {
    previously_web::init_tracing();
    let token = std::env::var(&args.token_env).ok().filter(|t| !t.is_empty());
    // The same rule as the other commands: a `postgres://` URL is a server, anything else
    // a SQLite file. With ingest enabled a missing SQLite store is created; without it a
    // missing store is a mistake in the path and is reported.
    let spec = args.db.as_ref().and_then(|p| p.to_str()).filter(|s| is_postgres_url(s)).map(str::to_string);
    let (store, shown, default_refresh): (Box<dyn Store + Send>, String, u64) = match spec {
        Some(url) => (Box::new(PostgresStore::connect(&url)?), PostgresStore::redact(&url), 30),
        None => {
            let path = match &args.db {
                Some(p) => p.clone(),
                None => default_path()?,
            };
            let store = if token.is_some() { create_or_open(&path)? } else { SqliteStore::open_existing(&path)? };
            (Box::new(store), path.display().to_string(), 0)
        }
    };
    let refresh = Some(args.refresh.unwrap_or(default_refresh)).filter(|s| *s > 0).map(Duration::from_secs);
    let state = previously_web::AppState::open(store, token.clone()).with_context(|| format!("loading {shown}"))?;
    if token.is_none() {
        eprintln!("note: ingest over HTTP is disabled (set {} to a secret to enable POST /api/v1/articles)", args.token_env);
    }
    eprintln!("serving {shown} on http://{}", args.addr);
    previously_web::serve(state, args.addr, refresh).with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
