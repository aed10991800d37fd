//! `previously search`: full-text search over the stored recaps and reviews of a series,
//! never past the reader's horizon (the horizon is part of the query; see
//! `previously-search`).

use crate::kb_cmd::{AsOf, StoreOpts, Target};
use anyhow::{bail, Context, Result};
use previously_search::{CatalogueIndex, Hit, Paragraph, SearchIndex, Section};
use previously_series::{Episode, Horizon};
use previously_store::{CatalogueQuery, Store};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub(crate) struct SearchArgs {
    /// Words to find; every word must occur in a paragraph. Quotes search for a phrase.
    query: String,
    /// The series to search; without it, every series in the store is searched (through
    /// the catalogue's index on disk, brought up to date first).
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
    let target = Target::of(&args.store)?;
    let store = target.open_for_reading()?;
    let digest = match args.series.as_deref() {
        Some(s) => match store.find_series(s)? {
            Some(d) => d,
            None => {
                return Err(previously_series::SeriesError::Unknown {
                    query: s.to_string(),
                    known: store.closest_series(s, 5)?,
                }
                .into())
            }
        },
        None => {
            let first = store.catalogue(&CatalogueQuery {
                filter: String::new(),
                offset: 0,
                limit: 2,
            })?;
            match (first.total, first.series.into_iter().next()) {
                (1, Some(only)) => only,
                (0, _) | (_, None) => {
                    bail!("nothing has been ingested yet; run `previously ingest PATH` first")
                }
                // Several series: every one of them, from the catalogue's index.
                _ => return search_everywhere(&args, &target, store.as_ref()),
            }
        }
    };
    let key = digest.key.clone();
    let horizon = args.as_of.horizon();
    let series_title = digest.title.clone();
    let stored = store.series_articles(&key)?;

    // Only admitted articles are even indexed: what is not in the index cannot leak.
    let mut paragraphs = Vec::new();
    let mut latest: Option<Episode> = None;
    for (input, article) in &stored {
        let Some(ep) = input.article.episode.map(Episode::from) else {
            continue;
        };
        if !horizon.admits(ep) {
            continue;
        }
        latest = latest.max(Some(ep));
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
        print_hit(&mut out, h, bold)?;
    }
    if hits.is_empty() && args.query.trim().is_empty() {
        bail!("the search query is empty");
    }
    Ok(ExitCode::SUCCESS)
}

/// A search of every series, through the catalogue's index beside the store: brought up to
/// date first (only the series changed since it was last), then queried at the horizon;
/// the hits are grouped by series.
fn search_everywhere(args: &SearchArgs, target: &Target, store: &dyn Store) -> Result<ExitCode> {
    let index = catalogue_index(target, store, args.store.wants_json())?;
    let horizon = args.as_of.horizon();
    let hits = index.search(None, &args.query, horizon, args.limit)?;
    // Grouped by series, in the order of each series' best hit, each titled from its
    // catalogue row (one read for all of them).
    let groups = previously_search::group_by_series(hits);
    let keys: Vec<String> = groups.iter().map(|(k, _)| k.clone()).collect();
    let rows = store.catalogue_entries(&keys)?;
    let titled: Vec<(String, String, Vec<Hit>)> = groups
        .into_iter()
        .zip(rows)
        .map(|((key, hits), row)| {
            let title = row.map(|d| d.title).unwrap_or_else(|| key.clone());
            (key, title, hits)
        })
        .collect();
    if args.store.wants_json() {
        let results: Vec<_> = titled
            .iter()
            .map(|(key, title, hits)| json!({"series": key, "title": title, "hits": hits}))
            .collect();
        let v = json!({"horizon": horizon.to_string(), "query": args.query, "results": results});
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    let n: usize = titled.iter().map(|(_, _, h)| h.len()).sum();
    let reach = match horizon {
        Horizon::Upto(e) => format!("as of {e} in each series"),
        Horizon::Latest => "every episode ingested (no --as-of given: matches may spoil)".into(),
    };
    writeln!(
        out,
        "every series, {reach}: {n} match{} for “{}” in {} series",
        if n == 1 { "" } else { "es" },
        args.query,
        titled.len()
    )?;
    for (_, title, hits) in &titled {
        writeln!(out, "\n{title}")?;
        for h in hits {
            print_hit(&mut out, h, bold)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The catalogue's search index beside the store, brought up to date first (only the series
/// changed since it last was; with a progress bar on a terminal when there are many).
pub(crate) fn catalogue_index(
    target: &Target,
    store: &dyn Store,
    quiet: bool,
) -> Result<CatalogueIndex> {
    let dir = previously_store::search_index_dir(&target.spec())?;
    let index = CatalogueIndex::open(&dir)
        .with_context(|| format!("opening the search index {}", dir.display()))?;
    let stamp = store.stamp()?;
    let changed = store.changed_since(index.stamp()?)?;
    let bar = if !quiet && std::io::stderr().is_terminal() && changed.len() > 50 {
        let bar = indicatif::ProgressBar::new(changed.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "indexing {bar:30} {pos}/{len} series · ETA {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    previously_web::search::catch_up(&index, stamp, changed, |key| {
        bar.inc(1);
        previously_web::search::paragraphs_of(store, key)
    })
    .with_context(|| format!("bringing the search index {} up to date", dir.display()))?;
    bar.finish_and_clear();
    Ok(index)
}

/// One hit: where it is, and its snippet with the matched words marked.
fn print_hit(out: &mut impl Write, h: &Hit, bold: bool) -> Result<()> {
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
    Ok(())
}
