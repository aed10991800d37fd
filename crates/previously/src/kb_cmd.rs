//! The knowledge-base commands: `ingest` fills the store, and `series`, `episodes`, `cast`,
//! `who`, `reveals` and `timeline` answer from it as of an episode. The knowledge itself
//! comes from `previously-series`; this module only opens the store, picks the series and
//! horizon, and prints.

use anyhow::{Context, Result};
use previously_article::{read_from, read_path, Parsed};
use previously_extract::{Certainty, Kind, Relation, Story, BATCH};
use previously_series::{Episode, Fact, Horizon, Knowledge, Library};
use previously_store::{create_or_open, default_path, Ingested, PostgresStore, SqliteStore, Store};
use rayon::prelude::*;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the store is and how to print.
#[derive(clap::Args, Debug)]
pub(crate) struct StoreOpts {
    /// The store: a SQLite file, or a `postgres://` URL for a shared store. Defaults to
    /// previously.sqlite3 in the platform's data folder.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// How far the reader has watched.
#[derive(clap::Args, Debug)]
pub(crate) struct AsOf {
    /// Answer as of this episode (S1E3, 1x03, or 3 for season 1), as if nothing later had been
    /// ingested. Without it, the answer covers every episode ingested, and says so.
    #[arg(long, value_name = "EPISODE")]
    as_of: Option<Horizon>,
}

/// How sure a claim must be to be shown.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MinCertainty {
    /// Every claim, suspected ones included (the default).
    Suspected,
    /// Only what the articles state as confirmed.
    Confirmed,
}

/// Which claims a query shows.
#[derive(clap::Args, Debug)]
pub(crate) struct ConfidenceArgs {
    /// Hide suspected claims (`confirmed`), or show them (`suspected`, the default).
    #[arg(long, value_enum, default_value_t = MinCertainty::Suspected, value_name = "LEVEL")]
    min_certainty: MinCertainty,
    /// Hide claims fewer than N outlets make.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_outlets: usize,
}

impl ConfidenceArgs {
    fn confidence(&self) -> previously_series::Confidence {
        previously_series::Confidence {
            confirmed_only: self.min_certainty == MinCertainty::Confirmed,
            min_outlets: self.min_outlets,
        }
    }
}

#[derive(clap::Args, Debug)]
pub(crate) struct IngestArgs {
    /// Article files, folders (read recursively: .txt, .md, .markdown, .html, .htm), glob
    /// patterns, `http://` or `https://` addresses of article pages, or `-` for standard
    /// input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    placing: Placing,
    #[command(flatten)]
    store: StoreOpts,
}

/// What the user says about the articles being ingested: it overrides whatever the pages
/// say, for pages that no cue places (or that a cue places wrongly).
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct Placing {
    /// The series these articles are about.
    #[arg(long, value_name = "TITLE")]
    series: Option<String>,
    /// Their season.
    #[arg(long, value_name = "N")]
    season: Option<u32>,
    /// Their episode.
    #[arg(long, value_name = "N")]
    episode: Option<u32>,
    /// The outlet that published them.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
}

impl Placing {
    /// Applies the user's placing to a read article, then names its outlet where nothing
    /// did (the URL's host, else the file name).
    pub(crate) fn apply(&self, article: &mut previously_article::Article) {
        article.place_by_user(
            self.series.as_deref(),
            self.season,
            self.episode,
            self.outlet.as_deref(),
        );
    }
}

/// What to tell the user about an article stored without a place on any timeline.
pub(crate) const UNPLACED_ADVICE: &str = "stored, but nothing in it places it on a timeline (no series title or episode number found); place it with --series TITLE --season N --episode N";

#[derive(clap::Args, Debug)]
pub(crate) struct SeriesArgs {
    /// Declare that two titles name one series (for variants the title matching misses).
    #[arg(long, num_args = 2, value_names = ["TITLE", "SAME_AS"])]
    same: Option<Vec<String>>,
    #[command(flatten)]
    store: StoreOpts,
}

#[derive(clap::Args, Debug)]
pub(crate) struct SeriesQueryArgs {
    /// The series title (any spelling that normalises to it, or a unique prefix).
    series: String,
    #[command(flatten)]
    as_of: AsOf,
    #[command(flatten)]
    confidence: ConfidenceArgs,
    #[command(flatten)]
    store: StoreOpts,
}

#[derive(clap::Args, Debug)]
pub(crate) struct WhoArgs {
    /// A name or alias.
    name: String,
    /// Only look in this series.
    #[arg(long, short = 's')]
    series: Option<String>,
    #[command(flatten)]
    as_of: AsOf,
    #[command(flatten)]
    confidence: ConfidenceArgs,
    #[command(flatten)]
    store: StoreOpts,
}

/// Where the store is: a SQLite file, or a PostgreSQL server for a shared store.
pub(crate) enum Target {
    File(PathBuf),
    Server(String),
}

impl Target {
    pub(crate) fn of(opts: &StoreOpts) -> Result<Target> {
        Target::from_db(opts.db.as_deref())
    }

    /// The rule every command follows: a `postgres://` URL is a server, any other value a
    /// SQLite file, and no value the default file in the platform's data folder.
    pub(crate) fn from_db(db: Option<&Path>) -> Result<Target> {
        match db {
            Some(p) => match p.to_str() {
                Some(url) if previously_store::is_postgres_url(url) => {
                    Ok(Target::Server(url.to_string()))
                }
                _ => Ok(Target::File(p.to_path_buf())),
            },
            None => Ok(Target::File(default_path()?)),
        }
    }

    pub(crate) fn open_for_writing(&self) -> Result<Box<dyn Store + Send>> {
        Ok(match self {
            Target::File(p) => Box::new(create_or_open(p)?),
            Target::Server(url) => Box::new(PostgresStore::connect(url)?),
        })
    }

    pub(crate) fn open_for_reading(&self) -> Result<Box<dyn Store + Send>> {
        Ok(match self {
            Target::File(p) => Box::new(SqliteStore::open_existing(p)?),
            Target::Server(url) => Box::new(PostgresStore::connect(url)?),
        })
    }

    /// The store as given: the path, or the URL (password included, for connecting).
    pub(crate) fn spec(&self) -> String {
        match self {
            Target::File(p) => p.display().to_string(),
            Target::Server(url) => url.clone(),
        }
    }

    /// How the store is named in output: the path, or the server without its password.
    pub(crate) fn shown(&self) -> String {
        match self {
            Target::File(p) => p.display().to_string(),
            Target::Server(url) => PostgresStore::redact(url),
        }
    }
}

fn print_json(value: &serde_json::Value) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}

/// The sentence that says how far an answer reaches. A missing `--as-of` is said plainly,
/// because a reader who has not seen the latest episode must notice before reading on.
fn horizon_line(kb: &Knowledge) -> String {
    match (kb.horizon, kb.as_of) {
        (_, None) => "nothing ingested up to that episode".to_string(),
        (Horizon::Latest, Some(e)) => {
            format!("as of {e}, the latest episode ingested (no --as-of given: this may spoil everything up to {e})")
        }
        (Horizon::Upto(h), Some(e)) if h == e => format!("as of {e}"),
        (Horizon::Upto(h), Some(e)) => format!("as of {h} (nothing after {e} has been ingested)"),
    }
}

fn horizon_json(kb: &Knowledge) -> serde_json::Value {
    json!({
        "horizon": kb.horizon.to_string(),
        "latest": kb.horizon == Horizon::Latest,
        "as_of": kb.as_of.map(|e| e.to_string()),
    })
}

/// "revealed in S1E5: Edda Vane is Lamplighter (confirmed; 3 outlets)".
fn fact_line(f: &Fact) -> String {
    let when = match (f.relation, f.certainty) {
        (Relation::SameAs | Relation::IsA, Certainty::Confirmed) => {
            format!("revealed in {}", f.first_seen)
        }
        (_, Certainty::Suspected) => format!("suspected in {}", f.first_seen),
        _ => format!("{}", f.first_seen),
    };
    let outlets = if f.corroboration == 1 {
        "1 outlet".to_string()
    } else {
        format!("{} outlets", f.corroboration)
    };
    let mut notes = vec![f.certainty.as_str().to_string(), outlets];
    for c in &f.conflicts {
        notes.push(match c {
            previously_series::Conflict::Certainty { other, first_seen } => {
                format!("also stated as {} from {first_seen}", other.as_str())
            }
            previously_series::Conflict::Contradiction {
                relation,
                certainty,
                first_seen,
            } => {
                format!(
                    "contradicted: {} {} from {first_seen}",
                    relation.as_str(),
                    certainty.as_str()
                )
            }
        });
    }
    format!(
        "{when}: {} {} {} ({})",
        f.subject,
        f.relation.phrase(),
        f.object,
        notes.join("; ")
    )
}

fn fact_sources(out: &mut impl Write, f: &Fact, indent: &str) -> Result<()> {
    let mut seen: Vec<(&Option<String>, Episode)> = Vec::new();
    for s in &f.sources {
        if seen.contains(&(&s.outlet, s.episode)) {
            continue;
        }
        seen.push((&s.outlet, s.episode));
        let outlet = s.outlet.as_deref().unwrap_or("(no outlet)");
        match s.evidence.as_deref().filter(|e| !e.is_empty()) {
            Some(e) => writeln!(out, "{indent}{outlet}, {}: “{e}”", s.episode)?,
            None => writeln!(out, "{indent}{outlet}, {}", s.episode)?,
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// ingest

/// One thing to read: a file, standard input, or a web page.
enum Source {
    File(PathBuf),
    Stdin,
    Url(String),
}

const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Expands the command line into article sources. Folders are read recursively in name
/// order (hidden entries skipped); a pattern that matches nothing, or a missing path, is a
/// failure of its own rather than silently nothing.
fn expand(paths: &[PathBuf], failures: &mut Vec<(String, String)>) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        if let Some(url) = p.to_str().filter(|a| crate::fetch::is_url(a)) {
            out.push(Source::Url(url.to_string()));
            continue;
        }
        if p.is_dir() {
            let before = out.len();
            walk(p, &mut out, failures);
            if out.len() == before {
                failures.push((
                    p.display().to_string(),
                    "no article files (.txt, .md, .html) in this folder".into(),
                ));
            }
            continue;
        }
        if p.exists() {
            out.push(Source::File(p.clone()));
            continue;
        }
        let text = p.to_string_lossy();
        if text.contains(['*', '?', '[']) {
            match glob::glob(&text) {
                Ok(matches) => {
                    let before = out.len();
                    for m in matches {
                        match m {
                            Ok(f) if f.is_dir() => walk(&f, &mut out, failures),
                            Ok(f) => out.push(Source::File(f)),
                            Err(e) => failures
                                .push((e.path().display().to_string(), e.error().to_string())),
                        }
                    }
                    if out.len() == before {
                        failures.push((text.to_string(), "the pattern matches no file".into()));
                    }
                }
                Err(e) => failures.push((text.to_string(), format!("not a valid pattern: {e}"))),
            }
            continue;
        }
        // Reading reports a missing file with the reader's own wording.
        out.push(Source::File(p.clone()));
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Source>, failures: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, failures);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Source::File(p));
        }
    }
}

fn read_source(source: &Source) -> Result<Parsed, String> {
    match source {
        Source::Stdin => read_from(std::io::stdin().lock(), "<stdin>").map_err(|e| e.to_string()),
        Source::File(p) => {
            let mut parsed = read_path(p).map_err(|e| e.to_string())?;
            // The absolute path is the article's identity in the store, so that the same
            // file ingested from another working folder is recognised.
            if let Ok(abs) = std::fs::canonicalize(p) {
                parsed.article.source = Some(abs);
            }
            Ok(parsed)
        }
        Source::Url(url) => crate::fetch::read_url(url),
    }
}

fn source_name(source: &Source) -> String {
    match source {
        Source::Stdin => "<stdin>".to_string(),
        Source::File(p) => p.display().to_string(),
        Source::Url(url) => url.clone(),
    }
}

/// A source's name and what became of it: the article read and its story, or why not.
type Prepared = (String, Result<(Parsed, Story), String>);

/// Reads a group of sources and extracts the articles read, together; each source keeps
/// its own result, in order.
fn read_and_extract(group: &[Source], placing: &Placing) -> Vec<Prepared> {
    let names = group.iter().map(source_name);
    let read = group
        .iter()
        .map(|s| {
            read_source(s).map(|mut parsed| {
                placing.apply(&mut parsed.article);
                parsed
            })
        })
        .collect();
    names
        .zip(crate::extract_each(read))
        .map(|(name, done)| (name, done.map(|(parsed, e)| (parsed, e.story))))
        .collect()
}

/// How many articles are read and extracted in parallel before they are stored.
const INGEST_CHUNK: usize = 256;

/// What an ingest did, article by article.
#[derive(Default)]
struct Tally {
    added: usize,
    updated: usize,
    skipped: usize,
    notes: Vec<(String, String)>,
    articles: Vec<serde_json::Value>,
    failures: Vec<(String, String)>,
}

/// Stores extracted articles in order, one transaction each, and counts what happened.
fn store_prepared(
    store: &mut (dyn Store + Send),
    prepared: Vec<Prepared>,
    bar: &indicatif::ProgressBar,
    tally: &mut Tally,
) {
    for (name, result) in prepared {
        bar.set_message(name.clone());
        let (parsed, story) = match result {
            Ok(p) => p,
            Err(e) => {
                tally.failures.push((name, e));
                bar.inc(1);
                continue;
            }
        };
        let article = &parsed.article;
        match store.ingest(article, &story) {
            Ok(outcome) => {
                match &outcome {
                    Ingested::Added => tally.added += 1,
                    Ingested::Updated => tally.updated += 1,
                    Ingested::Unchanged | Ingested::Duplicate { .. } => tally.skipped += 1,
                }
                if article.series.is_none() || article.episode.is_none() {
                    tally.notes.push((name.clone(), UNPLACED_ADVICE.into()));
                }
                tally.articles.push(json!({
                    "path": name,
                    "outcome": outcome,
                    "series": article.series,
                    "episode": article.episode_ref().map(|e| Episode::from(e).to_string()),
                    "outlet": article.outlet,
                    "placed_by": article.placed_by,
                }));
            }
            Err(e) => tally.failures.push((name, e.to_string())),
        }
        bar.inc(1);
    }
}

pub(crate) fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let target = Target::of(&args.store)?;
    let mut store = target.open_for_writing()?;
    let place = target.shown();
    let mut failures: Vec<(String, String)> = Vec::new();
    let sources = expand(&args.paths, &mut failures);
    let show_progress = !args.store.json && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} articles · {per_sec} · ETA {eta} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut tally = Tally {
        failures,
        ..Tally::default()
    };
    // Reading and extracting are pure and independent per article, so they run on every
    // core, a group of articles per task (`extract_batch` is faster on a group than one
    // article at a time); storing goes in the order the paths were given, one transaction
    // per article, while the next chunk is being extracted (so that the store's work, the
    // catalogue included, hides behind extraction). Chunks bound how many extracted stories
    // wait in memory.
    let prepare = |chunk: &[Source]| -> Vec<Prepared> {
        chunk
            .par_chunks(BATCH)
            .flat_map_iter(|group| read_and_extract(group, &args.placing))
            .collect()
    };
    let chunks: Vec<&[Source]> = sources.chunks(INGEST_CHUNK).collect();
    let mut next = chunks.first().map(|c| prepare(c));
    for i in 0..chunks.len() {
        let current = next.take().unwrap_or_default();
        let ((), upcoming) = rayon::join(
            || store_prepared(store.as_mut(), current, &bar, &mut tally),
            || chunks.get(i + 1).map(|c| prepare(c)),
        );
        next = upcoming;
    }
    let Tally {
        added,
        updated,
        skipped,
        notes,
        articles,
        failures,
    } = tally;
    bar.finish_and_clear();
    let failed = failures.len();
    if args.store.json {
        print_json(&json!({
            "db": place,
            "added": added,
            "updated": updated,
            "skipped": skipped,
            "failed": failures.iter().map(|(p, e)| json!({"path": p, "error": e})).collect::<Vec<_>>(),
            "notes": notes.iter().map(|(p, n)| json!({"path": p, "note": n})).collect::<Vec<_>>(),
            "articles": articles,
        }))?;
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "{added} added, {updated} updated, {skipped} skipped (unchanged), {failed} failed — store: {place}"
        )?;
        for (p, n) in &notes {
            writeln!(out, "note: {p}: {n}")?;
        }
        out.flush()?;
        for (p, e) in &failures {
            // The reader's message already names the file; a store error does not.
            if e.contains(p.as_str()) {
                eprintln!("failed: {e}");
            } else {
                eprintln!("failed: {p}: {e}");
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

// ---------------------------------------------------------------------------------------
// series and episodes

pub(crate) fn series(args: SeriesArgs) -> Result<ExitCode> {
    if let Some(pair) = &args.same {
        let mut store = Target::of(&args.store)?.open_for_reading()?;
        if let [a, b] = &pair[..] {
            store.declare_same_series(a, b)?;
        }
    }
    // From the catalogue: one row per series, no story read.
    let store = Target::of(&args.store)?.open_for_reading()?;
    let all: Vec<previously_series::SeriesSummary> = store
        .whole_catalogue()?
        .iter()
        .map(previously_series::SeriesDigest::summary)
        .collect();
    if args.store.json {
        return print_json(&json!({ "series": all })).map(|_| ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if all.is_empty() {
        writeln!(
            out,
            "No series yet: ingest some articles with `previously ingest PATH`."
        )?;
    }
    for s in &all {
        let span = match (s.episodes.first(), s.episodes.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        writeln!(
            out,
            "{} — {} episode{} ({span}), {} article{}, outlets: {}",
            s.title,
            s.episodes.len(),
            if s.episodes.len() == 1 { "" } else { "s" },
            s.articles,
            if s.articles == 1 { "" } else { "s" },
            if s.outlets.is_empty() {
                "(none named)".to_string()
            } else {
                s.outlets.join(", ")
            },
        )?;
    }
    let unplaced = store.unplaced_count()?;
    if unplaced > 0 {
        writeln!(
            out,
            "{unplaced} article(s) have no series title or episode number and are not placed."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn knowledge(args: &SeriesQueryArgs) -> Result<Knowledge> {
    let store = Target::of(&args.store)?.open_for_reading()?;
    let (lib, key) = store.series_library(&args.series)?;
    Ok(lib
        .knowledge(&key, args.as_of.as_of.unwrap_or(Horizon::Latest))
        .with_confidence(args.confidence.confidence()))
}

pub(crate) fn episodes(args: SeriesQueryArgs) -> Result<ExitCode> {
    let kb = knowledge(&args)?;
    if args.store.json {
        let mut v = horizon_json(&kb);
        v["series"] = json!(kb.title);
        v["episodes"] = json!(kb.episodes);
        return print_json(&v).map(|_| ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — episodes {}", kb.title, horizon_line(&kb))?;
    for e in &kb.episodes {
        let title = e
            .title
            .as_deref()
            .map(|t| format!(" “{t}”"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}{title} — {} article{}: {}",
            e.episode,
            e.articles,
            if e.articles == 1 { "" } else { "s" },
            e.outlets.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// cast

pub(crate) fn cast(args: SeriesQueryArgs) -> Result<ExitCode> {
    let kb = knowledge(&args)?;
    let cast = kb.cast();
    if args.store.json {
        let mut v = horizon_json(&kb);
        v["series"] = json!(kb.title);
        v["cast"] = json!(cast);
        return print_json(&v).map(|_| ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — cast {}", kb.title, horizon_line(&kb))?;
    let line = |c: &previously_series::CastMember| {
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.aliases.join(", "))
        };
        format!("{}{aliases} — since {}", c.name, c.first_seen)
    };
    for kind in [
        Kind::Character,
        Kind::Group,
        Kind::Place,
        Kind::Thing,
        Kind::Kind,
    ] {
        let members: Vec<_> = cast.iter().filter(|c| c.kind == kind).collect();
        if members.is_empty() {
            continue;
        }
        writeln!(out, "\n{}", kind.heading())?;
        if kind != Kind::Character {
            for c in members {
                writeln!(out, "  {}", line(c))?;
            }
            continue;
        }
        // Characters under their first confirmed group, then those in none.
        let mut groups: Vec<&str> = Vec::new();
        for c in &members {
            if let Some(g) = c.groups.first() {
                if !groups.contains(&g.as_str()) {
                    groups.push(g);
                }
            }
        }
        for g in groups {
            writeln!(out, "  {g}")?;
            for c in members
                .iter()
                .filter(|c| c.groups.first().map(String::as_str) == Some(g))
            {
                writeln!(out, "    {}", line(c))?;
            }
        }
        let loose: Vec<_> = members.iter().filter(|c| c.groups.is_empty()).collect();
        if !loose.is_empty() {
            writeln!(out, "  In no known group")?;
            for c in loose {
                writeln!(out, "    {}", line(c))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// who

/// Up to this many series, `who` without `--series` asks every one; past it, only those
/// whose recaps mention the name (through the catalogue's search index), so that the
/// answer never reads the whole store.
const WHO_EVERY_SERIES: usize = 32;

/// The series `who NAME` asks when no series is named, loaded: every one in a small store;
/// in a large one, the series whose paragraphs mention the name as of the horizon (an exact
/// name then: a misspelling finds nothing to suggest from).
fn who_candidates(args: &WhoArgs, horizon: Horizon) -> Result<(Library, Vec<String>)> {
    let target = Target::of(&args.store)?;
    let store = target.open_for_reading()?;
    let first = store.catalogue(&previously_store::CatalogueQuery {
        filter: String::new(),
        offset: 0,
        limit: WHO_EVERY_SERIES + 1,
    })?;
    let keys: Vec<String> = if first.total <= WHO_EVERY_SERIES {
        first.series.into_iter().map(|d| d.key).collect()
    } else {
        let index = crate::search_cmd::catalogue_index(&target, store.as_ref(), args.store.json)?;
        let phrase = format!("\"{}\"", args.name.replace('"', " "));
        let mut keys: Vec<String> = Vec::new();
        for hit in index.search(None, &phrase, horizon, previously_search::MAX_HITS)? {
            if !keys.contains(&hit.series) && keys.len() < WHO_EVERY_SERIES {
                keys.push(hit.series);
            }
        }
        keys
    };
    let mut lib = Library::with_declarations([], &store.same_series()?);
    for key in &keys {
        for input in store.inputs_of(&store.keys_of_series(key)?)? {
            lib.push(input);
        }
    }
    Ok((lib, keys))
}

pub(crate) fn who(args: WhoArgs) -> Result<ExitCode> {
    let horizon = args.as_of.as_of.unwrap_or(Horizon::Latest);
    // With a series named, only its stories are loaded; without, every series is searched.
    let (lib, keys) = match &args.series {
        Some(s) => {
            let store = Target::of(&args.store)?.open_for_reading()?;
            let (lib, key) = store.series_library(s)?;
            (lib, vec![key])
        }
        None => who_candidates(&args, horizon)?,
    };
    let answers: Vec<(Knowledge, previously_series::Who)> = keys
        .iter()
        .map(|k| {
            let kb = lib
                .knowledge(k, horizon)
                .with_confidence(args.confidence.confidence());
            let who = kb.who(&args.name);
            (kb, who)
        })
        .collect();
    let found = answers.iter().any(|(_, w)| !w.matches.is_empty());
    let mut suggestions: Vec<String> = Vec::new();
    if !found {
        for (_, w) in &answers {
            for s in &w.suggestions {
                if !suggestions.contains(s) {
                    suggestions.push(s.clone());
                }
            }
        }
    }
    if args.store.json {
        let results: Vec<serde_json::Value> = answers
            .iter()
            .filter(|(_, w)| !w.matches.is_empty())
            .map(|(kb, w)| {
                let mut v = horizon_json(kb);
                v["series"] = json!(kb.title);
                v["matches"] = json!(w.matches);
                v
            })
            .collect();
        print_json(&json!({
            "query": args.name,
            "horizon": horizon.to_string(),
            "found": found,
            "results": results,
            "suggestions": suggestions,
        }))?;
        return Ok(if found {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let mut out = std::io::stdout().lock();
    if !found {
        let scope = match horizon {
            Horizon::Latest => String::new(),
            Horizon::Upto(h) => format!(" as of {h}"),
        };
        writeln!(out, "No one called “{}” is known{scope}.", args.name)?;
        if !suggestions.is_empty() {
            writeln!(out, "Did you mean: {}?", suggestions.join(", "))?;
        }
        return Ok(ExitCode::from(1));
    }
    for (kb, w) in answers.iter().filter(|(_, w)| !w.matches.is_empty()) {
        writeln!(
            out,
            "“{}” in {} — {}",
            args.name,
            kb.title,
            horizon_line(kb)
        )?;
        for p in &w.matches {
            let e = &p.entity;
            writeln!(
                out,
                "\n{} ({}), first seen in {}, named in {} article{} by {}",
                e.name,
                e.kind.as_str(),
                e.first_seen,
                e.articles,
                if e.articles == 1 { "" } else { "s" },
                if e.outlets.is_empty() {
                    "(no outlet named)".to_string()
                } else {
                    e.outlets.join(", ")
                },
            )?;
            if !e.aliases.is_empty() {
                let aliases: Vec<String> = e
                    .aliases
                    .iter()
                    .map(|a| match a.revealed_in {
                        Some(r) => format!(
                            "{} (seen {}, revealed as this one in {r})",
                            a.text, a.first_seen
                        ),
                        None => format!("{} ({})", a.text, a.first_seen),
                    })
                    .collect();
                writeln!(out, "  Also known as: {}", aliases.join(", "))?;
            }
            if !p.groups.is_empty() {
                let groups: Vec<String> = p
                    .groups
                    .iter()
                    .map(|m| {
                        if m.certainty == Certainty::Confirmed {
                            m.group.clone()
                        } else {
                            format!("{} (suspected)", m.group)
                        }
                    })
                    .collect();
                writeln!(out, "  Groups: {}", groups.join(", "))?;
            }
            if !p.facts.is_empty() {
                writeln!(out, "  Facts:")?;
                for f in &p.facts {
                    writeln!(out, "    {}", fact_line(f))?;
                    fact_sources(&mut out, f, "        ")?;
                }
            }
        }
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// reveals and timeline

pub(crate) fn reveals(args: SeriesQueryArgs) -> Result<ExitCode> {
    let kb = knowledge(&args)?;
    let reveals = kb.reveals();
    if args.store.json {
        let mut v = horizon_json(&kb);
        v["series"] = json!(kb.title);
        v["reveals"] = json!(reveals);
        return print_json(&v).map(|_| ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — reveals {}", kb.title, horizon_line(&kb))?;
    if reveals.is_empty() {
        writeln!(out, "No identities or natures revealed yet.")?;
    }
    for f in &reveals {
        writeln!(out, "{}", fact_line(f))?;
        if let (Some(e), Some(s)) = (f.evidence().filter(|e| !e.is_empty()), f.sources.first()) {
            writeln!(
                out,
                "    “{e}” ({})",
                s.outlet.as_deref().unwrap_or("no outlet named")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn timeline(args: SeriesQueryArgs) -> Result<ExitCode> {
    let kb = knowledge(&args).context("cannot build the timeline")?;
    let timeline = kb.timeline();
    if args.store.json {
        let mut v = horizon_json(&kb);
        v["series"] = json!(kb.title);
        v["timeline"] = json!(timeline);
        return print_json(&v).map(|_| ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — timeline {}", kb.title, horizon_line(&kb))?;
    let list = |v: Vec<String>| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join("; ")
        }
    };
    for t in &timeline {
        let title = t
            .title
            .as_deref()
            .map(|x| format!(" “{x}”"))
            .unwrap_or_default();
        writeln!(out, "\n{}{title}", t.episode)?;
        writeln!(out, "  New characters: {}", list(t.new_characters.clone()))?;
        writeln!(
            out,
            "  Reveals: {}",
            list(
                t.reveals
                    .iter()
                    .map(|f| format!(
                        "{} {} {} ({})",
                        f.subject,
                        f.relation.phrase(),
                        f.object,
                        f.certainty.as_str()
                    ))
                    .collect()
            )
        )?;
        writeln!(
            out,
            "  Deaths: {}",
            list(
                t.deaths
                    .iter()
                    .map(|f| format!("{} (killed by {})", f.object, f.subject))
                    .collect()
            )
        )?;
        writeln!(
            out,
            "  Scenes: {} (the fullest of {} recap{})",
            t.scenes,
            t.articles,
            if t.articles == 1 { "" } else { "s" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------
// shared with the other store-backed commands (critic_cmd)

impl StoreOpts {
    pub(crate) fn wants_json(&self) -> bool {
        self.json
    }
}

impl AsOf {
    pub(crate) fn horizon(&self) -> Horizon {
        self.as_of.unwrap_or(Horizon::Latest)
    }
}

/// Opens the store for reading and loads the one series `series` names.
pub(crate) fn open_series(opts: &StoreOpts, series: &str) -> Result<(Library, String)> {
    let store = Target::of(opts)?.open_for_reading()?;
    Ok(store.series_library(series)?)
}
