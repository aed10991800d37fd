//! `previously search`: full-text search over the stored recaps and reviews of a series,
//! never past the reader's horizon (the horizon is part of the query; see
//! `previously-search`).

use crate::kb_cmd::{open_store, AsOf, StoreOpts};
use anyhow::{bail, Result};
use previously_search::{Paragraph, SearchIndex, Section};
use previously_series::{Episode, Horizon, Library};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub(crate) struct SearchArgs {
    /// Words to find; every word must occur in a paragraph. Quotes search for a phrase.
    query: String,
    /// The series to search (needed when the store holds several).
    #[arg(long, short = 's')]
    series: Option<String>,
    /// The most matches to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    as_of: AsOf,
    #[command(flatten)]
    store: StoreOpts,
}

pub(crate) fn run(args: SearchArgs) -> Result<ExitCode> {
    let store = open_store(&args.store)?;
    let mut lib = Library::default();
    for (a, b) in store.same_series()? {
        lib.same_series(&a, &b);
    }
    let titles = store.series_titles()?;
    // A horizon belongs to one series, so a search names it unless there is only one.
    let key = lib.find_series_among(titles.iter().map(String::as_str), args.series.as_deref())?;
    let horizon = args.as_of.horizon();
    // The store selects by raw series key; a declared alias may have its own.
    let mut wanted: Vec<String> = titles
        .iter()
        .filter(|t| lib.key_of(t) == key)
        .map(|t| previously_series::series_key(t))
        .collect();
    wanted.sort();
    wanted.dedup();
    let inputs = store.inputs_of(&wanted)?;
    let series_title = inputs
        .iter()
        .find_map(|i| i.article.series.clone())
        .unwrap_or_else(|| key.clone());

    // Only admitted articles are even indexed: what is not in the index cannot leak.
    let mut paragraphs = Vec::new();
    let mut latest: Option<Episode> = None;
    for input in &inputs {
        let Some(ep) = input.article.episode.map(Episode::from) else {
            continue;
        };
        if !horizon.admits(ep) {
            continue;
        }
        latest = latest.max(Some(ep));
        let Some(article) = store.article_by_hash(&input.article.id)? else {
            continue;
        };
        for (section, texts) in [
            (Section::Recap, &article.recap),
            (Section::Review, &article.review),
        ] {
            for (index, text) in texts.iter().enumerate() {
                paragraphs.push(Paragraph {
                    series: key.clone(),
                    episode: ep,
                    article: input.article.id.clone(),
                    outlet: input.article.outlet.clone(),
                    section,
                    index,
                    text: text.clone(),
                });
            }
        }
    }
    let index = SearchIndex::build(paragraphs)?;
    let hits = index.search(Some(&key), &args.query, horizon, args.limit)?;
    let reach = match (horizon, latest) {
        (Horizon::Upto(e), _) => format!("as of {e}"),
        (Horizon::Latest, Some(e)) => format!("as of {e}, the latest episode ingested (no --as-of given: matches may spoil everything up to {e})"),
        (Horizon::Latest, None) => "with nothing ingested".to_string(),
    };

    if args.store.wants_json() {
        let v = json!({ "series": series_title, "horizon": horizon.to_string(), "query": args.query, "hits": hits });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{series_title}, {reach}: {} match{} for “{}”",
        hits.len(),
        if hits.len() == 1 { "" } else { "es" },
        args.query
    )?;
    for h in &hits {
        let section = match h.section {
            Section::Recap => "recap",
            Section::Review => "review",
        };
        let outlet = h.outlet.as_deref().unwrap_or("(unnamed outlet)");
        let snippet: String = h
            .snippet
            .iter()
            .map(|s| match (s.highlight, bold) {
                (true, true) => format!("\x1b[1m{}\x1b[0m", s.text),
                (true, false) => format!("[{}]", s.text),
                (false, _) => s.text.clone(),
            })
            .collect();
        writeln!(
            out,
            "\n{} · {outlet} · {section} ¶{}",
            h.episode,
            h.index + 1
        )?;
        writeln!(out, "  …{}…", snippet.replace('\n', " "))?;
    }
    if hits.is_empty() && args.query.trim().is_empty() {
        bail!("the search query is empty");
    }
    Ok(ExitCode::SUCCESS)
}
