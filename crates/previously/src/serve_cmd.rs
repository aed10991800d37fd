//! `previously serve`: opens the store and runs the web app and JSON API
//! (`previously-web`) until Ctrl-C or SIGTERM.

use crate::kb_cmd::Target;
use anyhow::{Context, Result};
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
    /// Look for what other processes ingested (the CLI, another server on a shared
    /// PostgreSQL store) every MS milliseconds: one indexed query, after which only the
    /// series that changed are read again. 0 turns it off.
    #[arg(long, default_value_t = 500, value_name = "MS")]
    poll_ms: u64,
    /// How much memory the cache of series views may use, in MiB (0 turns caching off:
    /// every request reads what it needs from the store).
    #[arg(long, default_value_t = 128, value_name = "MIB")]
    cache_mib: usize,
}

pub(crate) fn run(args: ServeArgs) -> Result<ExitCode> {
    previously_web::init_tracing();
    let token = std::env::var(&args.token_env)
        .ok()
        .filter(|t| !t.is_empty());
    // The same rule as the other commands. With ingest enabled a missing SQLite store is
    // created; without it a missing store is a mistake in the path and is reported.
    let target = Target::from_db(args.db.as_deref())?;
    let store = if token.is_some() {
        target.open_for_writing()?
    } else {
        target.open_for_reading()?
    };
    let shown = target.shown();
    let poll = Some(args.poll_ms)
        .filter(|ms| *ms > 0)
        .map(Duration::from_millis);
    // The catalogue's search index lives beside the store (see `search_index_dir`); a
    // server that cannot keep one still serves everything else.
    let options = previously_web::state::Options {
        cache_bytes: args.cache_mib.saturating_mul(1024 * 1024),
        index_dir: match previously_store::search_index_dir(&target.spec()) {
            Ok(dir) => Some(dir),
            Err(e) => {
                eprintln!("warning: no search index of the whole catalogue: {e}");
                None
            }
        },
    };
    let state = match previously_web::AppState::open_with(store, token.clone(), &options) {
        Ok(state) => state,
        Err(previously_web::state::OpenError::Index(e)) => {
            eprintln!("warning: no search index of the whole catalogue: {e}");
            let store = if token.is_some() {
                target.open_for_writing()?
            } else {
                target.open_for_reading()?
            };
            previously_web::AppState::with_budget(store, token.clone(), options.cache_bytes)
                .with_context(|| format!("opening {shown}"))?
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("opening {shown}"))),
    };
    if token.is_none() {
        eprintln!("note: ingest over HTTP is disabled (set {} to a secret to enable POST /api/v1/articles)", args.token_env);
    }
    eprintln!("serving {shown} on http://{}", args.addr);
    previously_web::serve(state, args.addr, poll)
        .with_context(|| format!("serving on {}", args.addr))?;
    Ok(ExitCode::SUCCESS)
}
