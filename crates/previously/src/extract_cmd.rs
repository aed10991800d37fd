//! `previously extract`: read each file, extract its story, print it. A bad file is
//! reported and skipped; the exit code says whether any failed.

use crate::render;
use crate::{ExtractArgs, OutputFormat};
use anyhow::{Context, Result};
use previously_article::{read_from, read_path, Parsed};
use previously_extract::{Story, BATCH};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(args: ExtractArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        OutputFormat::Text
    } else {
        OutputFormat::Json
    });
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the output folder", dir.display()))?;
    }
    let mut failed = 0usize;
    let mut stories: Vec<Story> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Files are read and extracted a group at a time (see `extract_each`); messages and
    // output still follow the order of the files given.
    for group in args.files.chunks(BATCH) {
        let read: Vec<Result<Parsed, String>> = group.iter().map(|p| read_one(p)).collect();
        for (path, done) in group.iter().zip(crate::extract_each(read)) {
            let (parsed, extraction) = match done {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    failed += 1;
                    continue;
                }
            };
            let origin = path.display();
            if !args.quiet {
                for w in &parsed.warnings {
                    eprintln!("warning: {origin}: {w}");
                }
            }
            if !args.quiet {
                for d in &extraction.diagnostics {
                    eprintln!("note: {origin}: {d}");
                }
            }
            if let Some(dir) = &args.out_dir {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("stdin");
                let target = dir.join(format!("{stem}.json"));
                let json = serde_json::to_string_pretty(&extraction.story)?;
                std::fs::write(&target, json + "\n")
                    .with_context(|| format!("{}: cannot write", target.display()))?;
                continue;
            }
            match format {
                OutputFormat::Json => stories.push(extraction.story),
                OutputFormat::Text => {
                    if args.files.len() > 1 {
                        writeln!(out, "== {origin}")?;
                    }
                    render::text(&mut out, &parsed, &extraction, args.paragraphs)?;
                }
            }
        }
    }
    if format == OutputFormat::Json && args.out_dir.is_none() {
        let json = if args.files.len() == 1 {
            match stories.first() {
                Some(story) => serde_json::to_string_pretty(story)?,
                None => String::new(),
            }
        } else {
            serde_json::to_string_pretty(&stories)?
        };
        if !json.is_empty() {
            writeln!(out, "{json}")?;
        }
    }
    out.flush()?;
    if failed > 0 {
        if args.files.len() > 1 {
            eprintln!("{failed} of {} files could not be read", args.files.len());
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads one FILE argument: standard input, a web address, or a file. Each error names
/// its input, so it is printed as it is.
fn read_one(path: &Path) -> Result<Parsed, String> {
    if path.as_os_str() == "-" {
        return read_from(std::io::stdin().lock(), "<stdin>").map_err(|e| e.to_string());
    }
    match path.to_str().filter(|p| crate::fetch::is_url(p)) {
        Some(url) => crate::fetch::read_url(url),
        None => read_path(path).map_err(|e| e.to_string()),
    }
}
