//! The human summary printed by `previously extract --format text`.

use previously_article::Parsed;
use previously_extract::{Certainty, Extraction, Kind};
use std::io::{self, Write};

pub(crate) fn text(
    out: &mut impl Write,
    parsed: &Parsed,
    extraction: &Extraction,
    paragraphs: bool,
) -> io::Result<()> {
    let a = &parsed.article;
    let story = &extraction.story;
    let or_unknown = |s: &Option<String>| s.clone().unwrap_or_else(|| "(unknown)".to_string());
    writeln!(out, "Series:   {}", or_unknown(&a.series))?;
    let episode = match (a.season, a.episode) {
        (Some(s), Some(e)) => format!("season {s}, episode {e}"),
        (None, Some(e)) => format!("episode {e} (season not stated)"),
        _ => "(unknown)".to_string(),
    };
    writeln!(out, "Episode:  {episode}")?;
    writeln!(out, "Title:    {}", or_unknown(&a.title))?;
    for (label, value) in [
        ("Outlet", &a.outlet),
        ("Author", &a.author),
        ("Date", &a.date),
        ("URL", &a.url),
    ] {
        if let Some(v) = value {
            writeln!(out, "{label}:{:pad$}{v}", "", pad = 9 - label.len())?;
        }
    }
    writeln!(out, "Format:   {}", a.format)?;
    writeln!(out, "Recap:    {} paragraphs", a.recap.len())?;
    match &a.review_heading {
        Some(h) => writeln!(out, "Review:   {} paragraphs (under “{h}”)", a.review.len())?,
        None => writeln!(out, "Review:   {} paragraphs", a.review.len())?,
    }
    if paragraphs {
        for (heading, paras) in [("Recap", &a.recap), ("Review", &a.review)] {
            writeln!(out, "\n{heading}:")?;
            for (i, p) in paras.iter().enumerate() {
                writeln!(out, "  [{}] {p}", i + 1)?;
            }
        }
    }

    let groups: [(&str, &[Kind]); 5] = [
        ("Cast", &[Kind::Character]),
        ("Groups", &[Kind::Group]),
        ("Places", &[Kind::Place]),
        ("Things and kinds", &[Kind::Thing, Kind::Kind]),
        (
            "Works, studios and people",
            &[Kind::Work, Kind::Org, Kind::Person],
        ),
    ];
    for (heading, kinds) in groups {
        let members: Vec<_> = story
            .entities
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .collect();
        if members.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading}:")?;
        for e in members {
            let mut line = format!("  {}", e.name);
            if kinds.len() > 1 {
                line.push_str(&format!(" [{}]", e.kind.as_str()));
            }
            if !e.aliases.is_empty() {
                line.push_str(&format!(" — also {}", e.aliases.join(", ")));
            }
            writeln!(out, "{line} ({}×)", e.mentions)?;
        }
    }
    if !story.facts.is_empty() {
        writeln!(out, "\nFacts:")?;
        for f in &story.facts {
            let c = match f.certainty {
                Certainty::Confirmed => "confirmed",
                Certainty::Suspected => "suspected",
            };
            writeln!(
                out,
                "  {} {} {} ({c})",
                f.subject,
                f.relation.as_str(),
                f.object
            )?;
            writeln!(out, "      “{}”", f.evidence)?;
        }
    }
    if !story.scenes.is_empty() {
        writeln!(out, "\nScenes:")?;
        for (i, s) in story.scenes.iter().enumerate() {
            let place = s.place.as_deref().unwrap_or("—");
            writeln!(out, "  {:>2}. {place}: {}", i + 1, s.entities.join(", "))?;
        }
    }
    if let Some(r) = &story.review {
        let explicit = r
            .verdict
            .explicit
            .as_deref()
            .map(|e| format!(", stated {e}"))
            .unwrap_or_default();
        writeln!(
            out,
            "\nVerdict:  {:?} ({:+.2}{explicit})",
            r.verdict.label, r.verdict.score
        )?;
        writeln!(out, "      “{}”", r.verdict.evidence)?;
    }
    Ok(())
}
