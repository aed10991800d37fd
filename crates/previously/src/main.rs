//! The `previously` binary: a thin command-line layer over the domain crates. It parses
//! arguments, reads files, calls `previously-article` and `previously-extract`, and renders
//! the result. No analysis lives here.

mod critic_cmd;
mod extract_cmd;
mod fetch;
mod kb_cmd;
mod render;
mod search_cmd;
mod serve_cmd;

use clap::{Parser, Subcommand, ValueEnum};

// Extraction allocates many small strings; mimalloc makes it about 8% faster than the
// system allocator (measured by `cargo bench -p previously-extract`, which uses it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

/// Extracts every article read, a group at a time (`extract_batch` is faster on a group
/// than one article at a time), and pairs each with its read; a failed read keeps its
/// error. The order is the order read.
pub(crate) fn extract_each<E>(
    read: Vec<Result<previously_article::Parsed, E>>,
) -> Vec<Result<(previously_article::Parsed, previously_extract::Extraction), E>> {
    let mut extractions = previously_extract::extract_batch(
        read.iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|p| &p.article),
    )
    .into_iter();
    read.into_iter()
        .map(|r| {
            r.map(|parsed| {
                // `extract_batch` gives one extraction per article, in order; extracting
                // alone would give the same, were one ever missing.
                let extraction = extractions
                    .next()
                    .unwrap_or_else(|| previously_extract::extract(&parsed.article));
                (parsed, extraction)
            })
        })
        .collect()
}

/// A spoiler-safe companion for TV and anime series, built from episode recap & review
/// articles: who is who, what was revealed when, and what the critics thought.
#[derive(Parser, Debug)]
#[command(name = "previously", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read recap & review articles and print what they tell: metadata, sections, cast,
    /// facts, scenes and verdict.
    ///
    /// Each FILE may be plain text, Markdown (with YAML or TOML front matter) or an HTML
    /// page; the format is decided from the content. A file that cannot be read is reported
    /// with its path and the problem, the others are still read, and the exit code is 1.
    Extract(ExtractArgs),
    /// Read articles (files, folders, glob patterns, http(s) URLs, `-` for standard input),
    /// extract their stories and keep them in the store. Unchanged articles are skipped,
    /// changed ones replaced; every failure is named and the rest kept (exit code 1 if any
    /// failed).
    Ingest(kb_cmd::IngestArgs),
    /// List the series in the store.
    Series(kb_cmd::SeriesArgs),
    /// List the ingested episodes of a series.
    Episodes(kb_cmd::SeriesQueryArgs),
    /// The cast of a series as of an episode, grouped by kind and group, with the names
    /// known by then.
    Cast(kb_cmd::SeriesQueryArgs),
    /// Everything known about a name as of an episode: aliases, kind, groups, and facts with
    /// their certainty, episode, outlet and evidence. An unknown name suggests close ones.
    Who(kb_cmd::WhoArgs),
    /// Identity and nature reveals of a series, in the order they were made.
    Reveals(kb_cmd::SeriesQueryArgs),
    /// Per episode: new characters, reveals, deaths and scenes.
    Timeline(kb_cmd::SeriesQueryArgs),
    /// Every outlet's verdict on each episode, with the mean, spread and count per episode,
    /// the season's trend, the best and worst episodes and the aspects critics agree on.
    Reviews(critic_cmd::ReviewsArgs),
    /// Draw the critics' verdict per episode as an SVG chart: one mark per outlet, the mean
    /// line, axes and a legend.
    Chart(critic_cmd::ChartArgs),
    /// Full-text search over the recaps and reviews of a series, never past --as-of.
    Search(search_cmd::SearchArgs),
    /// Serve the web app and JSON API (/api/v1) on the store: every page and answer cut at
    /// the reader's horizon. Stops cleanly on Ctrl-C or SIGTERM.
    Serve(serve_cmd::ServeArgs),
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Article files or `http://` / `https://` addresses to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format. Defaults to `text` on a terminal and `json` otherwise.
    #[arg(long, short = 'f', value_enum)]
    format: Option<OutputFormat>,
    /// Write one Story JSON file per article into DIR (named after the article's file stem)
    /// instead of printing it.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// In text format, also print every recap and review paragraph.
    #[arg(long)]
    paragraphs: bool,
    /// Do not print warnings (errors are still printed).
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    /// A human summary.
    Text,
    /// Story JSON (see shared/spec/story-json.md): one object for one file, an array for
    /// several.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(args),
        Command::Ingest(args) => kb_cmd::ingest(args),
        Command::Series(args) => kb_cmd::series(args),
        Command::Episodes(args) => kb_cmd::episodes(args),
        Command::Cast(args) => kb_cmd::cast(args),
        Command::Who(args) => kb_cmd::who(args),
        Command::Reveals(args) => kb_cmd::reveals(args),
        Command::Timeline(args) => kb_cmd::timeline(args),
        Command::Reviews(args) => critic_cmd::reviews(args),
        Command::Chart(args) => critic_cmd::chart(args),
        Command::Search(args) => search_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
