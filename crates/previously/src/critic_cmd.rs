//! The critic commands: `reviews` prints every outlet's verdict per episode with the mean,
//! spread and count, the season's trend and what critics agree on; `chart` draws the same as
//! an SVG. Both stop at the reader's horizon.

use crate::kb_cmd::{open_series, AsOf, StoreOpts};
use anyhow::{bail, Context, Result};
use previously_extract::{AspectName, Label};
use previously_series::{CriticView, Episode, Horizon};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub(crate) struct ReviewsArgs {
    /// The series title (any spelling that normalises to it, or a unique prefix).
    series: String,
    /// Only this episode (S1E2, 1x02, or 2 for season 1); it must not be after --as-of.
    #[arg(long, value_name = "EPISODE")]
    episode: Option<Episode>,
    #[command(flatten)]
    as_of: AsOf,
    #[command(flatten)]
    store: StoreOpts,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ChartArgs {
    /// The series title.
    series: String,
    /// Where to write the SVG.
    #[arg(long, short = 'o', value_name = "FILE", default_value = "trend.svg")]
    output: PathBuf,
    /// Width of the chart in pixels.
    #[arg(long, default_value_t = 900)]
    width: u32,
    /// Height of the chart in pixels.
    #[arg(long, default_value_t = 480)]
    height: u32,
    #[command(flatten)]
    as_of: AsOf,
    #[command(flatten)]
    store: StoreOpts,
}

fn view(series: &str, as_of: &AsOf, store: &StoreOpts) -> Result<CriticView> {
    let (lib, key) = open_series(store, series)?;
    Ok(lib.critics(&key, as_of.horizon()))
}

fn aspect_word(a: AspectName) -> &'static str {
    match a {
        AspectName::Visuals => "visuals",
        AspectName::Story => "story",
        AspectName::Characters => "characters",
        AspectName::Pacing => "pacing",
        AspectName::Action => "action",
        AspectName::Music => "music",
        AspectName::Worldbuilding => "worldbuilding",
        AspectName::VoiceActing => "voice acting",
    }
}

/// Says how far the answer reaches; a missing `--as-of` is said plainly.
fn reach(v: &CriticView) -> String {
    match (v.horizon, v.episodes.last()) {
        (Horizon::Latest, Some(last)) => format!(
            "as of the latest episode reviewed ({}), since no --as-of was given",
            last.episode
        ),
        (Horizon::Latest, None) => "with no reviews ingested".to_string(),
        (Horizon::Upto(e), _) => format!("as of {e}"),
    }
}

pub(crate) fn reviews(args: ReviewsArgs) -> Result<ExitCode> {
    let mut v = view(&args.series, &args.as_of, &args.store)?;
    if let Some(ep) = args.episode {
        if let Horizon::Upto(h) = v.horizon {
            if ep > h {
                bail!("{ep} is after your horizon {h}; raise --as-of to read its reviews");
            }
        }
        v.episodes.retain(|e| e.episode == ep);
        if v.episodes.is_empty() {
            bail!("no reviews of {ep} of {} have been ingested", v.series);
        }
    }
    if args.store.wants_json() {
        let value = json!({ "series": v.series, "horizon": v.horizon.to_string(), "critics": v });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} — critics' verdicts {}", v.series, reach(&v))?;
    for e in &v.episodes {
        let title = e
            .title
            .as_deref()
            .map(|t| format!(" “{t}”"))
            .unwrap_or_default();
        writeln!(
            out,
            "\n{}{title}: {} (mean {:+.2}, spread {:.2}, {} review{})",
            e.episode,
            e.label.as_str(),
            e.mean,
            e.spread,
            e.count,
            if e.count == 1 { "" } else { "s" }
        )?;
        for r in &e.verdicts {
            let outlet = r.outlet.as_deref().unwrap_or("(unnamed outlet)");
            let explicit = r
                .explicit
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {outlet}: {} {:+.2}{explicit}",
                r.label.as_str(),
                r.score
            )?;
            // The critic's evaluation sentences are the evidence of the verdict; a review
            // stored before they were kept shows its one evidence sentence.
            if r.evaluation.is_empty() {
                if !r.evidence.is_empty() {
                    writeln!(out, "      “{}”", r.evidence)?;
                }
            } else {
                for sentence in &r.evaluation {
                    writeln!(out, "      “{sentence}”")?;
                }
            }
        }
    }
    if args.episode.is_none() {
        if let Some(t) = v.trend {
            let word = if t > 0.05 {
                "rising"
            } else if t < -0.05 {
                "falling"
            } else {
                "steady"
            };
            writeln!(out, "\nTrend: {word} ({t:+.2} per episode)")?;
        }
        if let (Some(b), Some(w)) = (v.best, v.worst) {
            writeln!(out, "Best: {b}. Worst: {w}.")?;
        }
        let agreed: Vec<String> = v
            .aspects
            .iter()
            .filter_map(|a| {
                let l = a.agreed?;
                Some(format!(
                    "{} {} ({} of {})",
                    aspect_word(a.aspect),
                    l.as_str(),
                    match l {
                        Label::Positive => a.positive,
                        Label::Mixed => a.mixed,
                        Label::Negative => a.negative,
                    },
                    a.positive + a.mixed + a.negative
                ))
            })
            .collect();
        if !agreed.is_empty() {
            writeln!(out, "Critics agree on: {}", agreed.join("; "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn chart(args: ChartArgs) -> Result<ExitCode> {
    let v = view(&args.series, &args.as_of, &args.store)?;
    let svg = previously_chart::trend_svg(
        &v,
        args.width.clamp(200, 4000),
        args.height.clamp(150, 4000),
    )?;
    std::fs::write(&args.output, svg)
        .with_context(|| format!("{}: cannot write the chart", args.output.display()))?;
    if !args.store.wants_json() {
        eprintln!(
            "wrote {} ({} episodes, {})",
            args.output.display(),
            v.episodes.len(),
            reach(&v)
        );
    } else {
        println!(
            "{}",
            json!({ "output": args.output.display().to_string(), "episodes": v.episodes.len(), "horizon": v.horizon.to_string() })
        );
    }
    Ok(ExitCode::SUCCESS)
}
