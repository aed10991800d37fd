//! The `previously` binary: a thin command-line layer over the domain crates. It parses
//! arguments, reads files, calls `previously-article` and `previously-extract`, and renders
//! the result. No analysis lives here.

mod extract_cmd;
mod render;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Article files to read; `-` reads standard input.
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
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
