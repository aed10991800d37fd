//! Turns the blocks of any format (headings and paragraphs in reading order, plus metadata
//! the format carries out of band) into one [`Article`].
//!
//! Every format goes through here, so a text, a Markdown and an HTML copy of the same
//! article give the same `Article`: the header zone (headline, episode-title line, byline,
//! date) is read by the same rules, and the review starts at the same kind of heading.

use crate::headline::{fold_spaces, parse_headline, title_case_word, written_as_title};
use crate::model::{Article, Format, Warning};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A unit of reading order, already reduced to plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// An explicit heading (Markdown `#`, HTML `<h1>`..`<h6>`), with its level.
    Heading { level: u8, text: String },
    /// A paragraph, list item or a line of plain text.
    Para(String),
}

impl Block {
    fn text(&self) -> &str {
        match self {
            Block::Heading { text, .. } | Block::Para(text) => text,
        }
    }
}

/// Metadata a format states outside the running text (front matter, HTML `<meta>`). It
/// overrides what the headline says, because it was written for machines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub series: Option<String>,
    pub season: Option<u32>,
    pub episode: Option<u32>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Headlines from outside the body (`og:title`, `<title>`), best first: the first is
    /// used when the body has none, and any of them may fill in a title or season the
    /// headline leaves out, when it names the same episode.
    pub headlines: Vec<String>,
}

static REVIEW_HEADINGS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lexicon(include_str!("../data/review-headings.txt")));
static RECAP_HEADINGS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lexicon(include_str!("../data/recap-headings.txt")));

/// Site chrome, from `data/chrome.txt`: phrases that mark a line as chrome anywhere in it,
/// and whole lines that are chrome alone.
struct Chrome {
    phrases: Vec<String>,
    lines: HashSet<String>,
}

static CHROME: LazyLock<Chrome> = LazyLock::new(|| {
    let mut chrome = Chrome {
        phrases: Vec::new(),
        lines: HashSet::new(),
    };
    for entry in lexicon(include_str!("../data/chrome.txt")) {
        if let Some(p) = entry.strip_prefix("phrase ") {
            chrome.phrases.push(p.trim().to_string());
        } else if let Some(l) = entry.strip_prefix("line ") {
            chrome.lines.insert(l.trim().to_string());
        }
    }
    chrome
});

/// True when a line is site chrome: short, and a chrome phrase or nothing but a chrome
/// word once bullets and punctuation are set aside.
fn is_chrome(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 200 {
        return false;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '×');
    CHROME.lines.contains(bare) || CHROME.phrases.iter().any(|p| lower.contains(p.as_str()))
}

/// How many opening blocks are looked at for chrome.
const CHROME_ZONE: usize = 30;

/// Drops the chrome lines of a page's opening, before its first line of prose: a reader
/// who copies a page brings the menus and prompts along, and they would otherwise end the
/// header zone early (a newsletter prompt is as long as a sentence) or be read as recap.
fn strip_leading_chrome(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut in_opening = true;
    for (i, b) in blocks.into_iter().enumerate() {
        if in_opening && i < CHROME_ZONE {
            if is_chrome(b.text()) {
                continue;
            }
            if prose_like(b.text()) {
                in_opening = false;
            }
        }
        out.push(b);
    }
    out
}

/// Reads a lexicon file: one entry per line, `#` starts a comment.
fn lexicon(data: &str) -> HashSet<String> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

// A full stop, question or exclamation mark followed by more words: a line of prose, not a
// title. (This also refuses "Dr. Stone" as an episode title line; such a title still
// arrives through front matter or the headline.)
static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.!?]\s+\S").expect("static regex"));

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("static regex"));

/// Lower-cases a heading and strips what does not change its meaning.
fn heading_key(text: &str) -> String {
    let mut s = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace(['(', ')', '&', ':'], " ");
    s = s.replace(" and ", " ");
    s = fold_spaces(&s);
    for prefix in ["the ", "our ", "my "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    s
}

/// Headings are short and do not end like a sentence.
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && t.split_whitespace().count() <= 8
        && !t.ends_with(['.', ',', ';'])
}

fn is_review_heading(text: &str) -> bool {
    if !heading_like(text) {
        return false;
    }
    let key = heading_key(text);
    REVIEW_HEADINGS.contains(DIGITS.replace_all(&key, "n").as_ref())
}

fn is_recap_heading(text: &str) -> bool {
    if !heading_like(text) {
        return false;
    }
    let key = heading_key(text);
    RECAP_HEADINGS.contains(DIGITS.replace_all(&key, "n").as_ref())
}

// "By Corin Hale · Tidewater Recaps", "By Corin Hale | Outlet", "By Corin Hale for Outlet".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Bb]y|BY|Written by|Words by)\s+(\p{Lu}.{0,120})$").expect("static regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:(?:last\s+)?(?:published|posted|updated))(?:\s+on)?\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?((?:\d{4}-\d{2}-\d{2})|(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}))(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+[a-z]{2,4})?)?\s*$",
    )
    .expect("static regex")
});
/// Where a date starts after the name in a byline: a comma, or a "Published" / "Updated"
/// / "Posted" label, or a month name.
static DATE_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s*|\s+(?:(?:last\s+)?(?:published|posted|updated)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)")
        .expect("static regex")
});

struct Byline {
    author: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
}

/// What a byline line says, as (author, outlet, date), for a reader that finds the byline
/// outside the blocks: the readability pass takes it out of a page's body.
pub(crate) fn byline_parts(text: &str) -> Option<(Option<String>, Option<String>, Option<String>)> {
    parse_byline(text).map(|b| (b.author, b.outlet, b.date))
}

fn parse_byline(text: &str) -> Option<Byline> {
    let caps = BYLINE.captures(text.trim())?;
    let rest = caps.get(1)?.as_str();
    let mut parts = rest
        .split(['·', '•', '|', '—', '–'])
        .flat_map(|p| p.splitn(2, " for "))
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let mut author = parts.next().map(str::to_string);
    let mut outlet = None;
    let mut date = None;
    // "By Ana Ruiz, Mar 14th 2026", "By Ana Ruiz Published Apr 6, 2026": a date run on
    // after the name.
    if let Some(a) = author.clone() {
        let cut = DATE_AFTER_NAME.find(&a).filter(|m| {
            m.start() > 0 && DATE_LINE.is_match(a[m.start()..].trim_start_matches([',', ' ']))
        });
        if let Some(m) = cut {
            let d = a[m.start()..].trim_start_matches([',', ' ']);
            date = DATE_LINE
                .captures(d)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
            author = Some(a[..m.start()].trim().to_string()).filter(|s| !s.is_empty());
        }
    }
    for part in parts {
        if let Some(d) = DATE_LINE.captures(part) {
            date = d.get(1).map(|m| m.as_str().to_string());
        } else if outlet.is_none() {
            outlet = Some(part.to_string());
        }
    }
    Some(Byline {
        author,
        outlet,
        date,
    })
}

/// How many leading blocks may hold the headline, title, byline and date.
const HEADER_ZONE: usize = 10;

/// A block of prose, which ends the header zone: a long paragraph, or a middling one of
/// several sentences (a date line, "Feb. 22, 2026", is short).
fn prose_like(text: &str) -> bool {
    let n = text.chars().count();
    n > 200 || (n > 120 && SENTENCE_BREAK.is_match(text))
}

/// "Meridian Drift Season 2", "The Show – Season 3": a header line that names the series
/// and its season and nothing else. Returns (series, season).
fn series_season_line(text: &str) -> Option<(String, u32)> {
    let c = SERIES_SEASON.captures(text.trim())?;
    let name = c
        .get(1)?
        .as_str()
        .trim_end_matches([' ', '–', '—', '-', ':', ',']);
    let season = c.get(2)?.as_str().parse().ok()?;
    name_line(name).then(|| (fold_spaces(name), season))
}

/// A short line that can only be a name (a series title over an episode marker): a capital
/// first, no digits, no sentence punctuation, no site separators, not a byline.
fn name_line(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    t.chars().next().is_some_and(char::is_uppercase)
        && (1..=8).contains(&words)
        && t.chars().count() <= 60
        && !t.chars().any(|c| c.is_ascii_digit())
        && !t.contains(['|', '·', '•', '>', '›', '»', ':', ';', '.', ',', '?'])
        && parse_byline(t).is_none()
        && !is_review_heading(t)
        && !is_recap_heading(t)
}

/// "Soul Eater 08" over "Episode 08": a name line that ends in the marker's episode
/// number names the series.
fn numbered_name(text: &str, episode: u32) -> Option<String> {
    let t = text.trim();
    let (name, number) = t.rsplit_once(' ')?;
    (number.parse::<u32>().ok()? == episode && name_line(name)).then(|| fold_spaces(name))
}

static SERIES_SEASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{2,60}?)\s*[–—:,-]?\s*\bseason\s+0*(\d{1,2})$").expect("static regex")
});
/// The critic's rating on a line of its own: "Rating: 4 stars", "Our Rating: 1.5/5",
/// "Editor’s Rating: 4 stars", "Grade: B+". A readers' score ("Community score: 3.8") is
/// not the critic's.
static RATING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:editor[’']?s|our|critic[’']?s|the|episode|overall)\s+)?(?:rating|score|grade|verdict)(?:\s*:\s*\S.{0,40}|\s+[\d★☆½].{0,20})$")
        .expect("static regex")
});
/// A letter grade alone on a line, as some outlets set it above the headline.
static LONE_GRADE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-F][+\-−]?$").expect("static regex"));
/// A score over 10 or 5 in a header line, in brackets or after a dash: "(10/10 A
/// masterpiece)", "– 8/10".
static HEADER_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\(|[–—-]\s)\s*\d{1,2}(?:\.\d)?\s*/\s*(?:10|5)\b").expect("static regex")
});
/// "Community score: 3.8", "Runtime: 48 min": a short labelled value, page furniture in a
/// header.
static LABELLED_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}’' ]{2,30}:\s*\S.{0,40}$").expect("static regex"));

pub(crate) fn assemble(
    blocks: Vec<Block>,
    meta: Meta,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Article {
    let blocks = strip_leading_chrome(blocks);
    let mut author = None;
    let mut outlet = None;
    let mut date = None;
    // The critic's rating as the header states it ("Our Rating: 1.5/5"): it belongs with
    // the review, where the verdict is read.
    let mut header_rating: Option<String> = None;

    // The header zone: the short lines before the first paragraph of prose (a site name,
    // a section path, the headline, a standfirst, the byline and dates, a rating line).
    let zone_end = blocks
        .iter()
        .take(HEADER_ZONE)
        .position(|b| prose_like(b.text()))
        .unwrap_or_else(|| blocks.len().min(HEADER_ZONE));

    // The headline: the first line of the zone with an episode marker, or else a top-level
    // heading, or else the headline the format gives out of band.
    // Each zone line read once as a headline (an episode marker) and, without one, as a
    // marker-less headline: the patterns are many, and the zone is read several times.
    let heads: Vec<Option<crate::headline::Headline>> = blocks
        .iter()
        .take(zone_end)
        .map(|b| {
            heading_like_line(b.text())
                .then(|| parse_headline(b.text()))
                .flatten()
        })
        .collect();
    let mut headline_at = heads.iter().position(Option::is_some);
    // "The Show Recap: The Title" or "Stream It Or Skip It: ‘The Show’ On ...": a headline
    // without an episode marker, which names the show and perhaps the title.
    let labels: Vec<Option<(Option<String>, Option<String>)>> = blocks
        .iter()
        .take(zone_end)
        .zip(&heads)
        .map(|(b, h)| {
            if h.is_some() {
                None
            } else {
                crate::headline::label_headline_without_marker(b.text())
            }
        })
        .collect();
    let label_at = labels.iter().position(Option::is_some);
    if headline_at.is_none() {
        headline_at = blocks
            .iter()
            .take(HEADER_ZONE)
            .position(|b| matches!(b, Block::Heading { level: 1, .. }));
    }
    let body_headline = label_at
        .filter(|&l| headline_at.is_none_or(|h| l < h))
        .or(headline_at)
        .map(|i| blocks[i].text().to_string());
    let headline_text = body_headline
        .clone()
        .or_else(|| meta.headlines.first().cloned());
    let mut parsed = headline_at
        .and_then(|i| {
            heads
                .get(i)
                .cloned()
                .flatten()
                .or_else(|| parse_headline(blocks[i].text()))
        })
        .or_else(|| {
            body_headline
                .is_none()
                .then(|| meta.headlines.first().and_then(|t| parse_headline(t)))
                .flatten()
        });
    if let Some(h) = parsed.as_mut() {
        for other in meta.headlines.iter().filter_map(|t| parse_headline(t)) {
            if other.episode == h.episode
                && (other.season.is_none() || h.season.is_none() || other.season == h.season)
            {
                h.season = h.season.or(other.season);
                h.title = h.title.take().or(other.title);
                h.series = h.series.take().or(other.series);
            }
        }
        // "Episode 9" over "The Show Season 2", or "The Show" over "Season 2, Episode 5":
        // the series stands on the line next to a bare episode marker.
        if let Some(at) = headline_at.filter(|_| h.series.is_none()) {
            let next = blocks.get(at + 1).map(Block::text).unwrap_or("");
            let prev = at
                .checked_sub(1)
                .and_then(|p| blocks.get(p))
                .map(Block::text);
            let prev2 = at
                .checked_sub(2)
                .and_then(|p| blocks.get(p))
                .map(Block::text);
            if let Some((series, season)) =
                series_season_line(next).or_else(|| prev.and_then(series_season_line))
            {
                h.series = Some(series);
                h.season = h.season.or(Some(season));
            } else if let Some(name) = prev.filter(|p| name_line(p)) {
                // "Starstruck / Winter / Season 1 Episode 5": two name lines over a bare
                // marker are the series and then the episode's title.
                match prev2.filter(|p| name_line(p) && h.title.is_none()) {
                    Some(series) => {
                        h.series = Some(fold_spaces(series));
                        h.title = Some(fold_spaces(name));
                    }
                    None => h.series = Some(fold_spaces(name)),
                }
            } else if let Some(name) = prev.and_then(|p| numbered_name(p, h.episode)) {
                h.series = Some(name);
            }
        }
    }
    // What a headline without an episode marker says, (series, title): each stands after
    // what the marked headline says.
    let (label_series, label_title) = label_at
        .and_then(|i| labels.get(i).cloned().flatten())
        .unwrap_or((None, None));

    // The zone's lines are read for what they say (byline, date, a title line, the critic's
    // rating); the body starts after the last line that is header furniture, so that a
    // standfirst or a "rate this episode" box before the byline is not read as recap.
    let first = label_at
        .into_iter()
        .chain(headline_at)
        .min()
        .map_or(0, |h| h + 1);
    let mut title_line = None;
    // A title stated with a label anywhere in the header ("Episode Title: Guardians").
    let mut zone_title = blocks
        .iter()
        .take(zone_end)
        .find_map(|b| labelled_title(b.text()));
    let mut body_start = first;
    for (i, b) in blocks.iter().enumerate().take(zone_end).skip(first) {
        let t = b.text();
        if let Some(by) = parse_byline(t) {
            author = author.or(by.author);
            outlet = outlet.or(by.outlet);
            date = date.or(by.date);
        } else if let Some(d) = DATE_LINE.captures(t.trim()) {
            date = date.or(d.get(1).map(|m| m.as_str().to_string()));
        } else if is_recap_heading(t) || is_review_heading(t) {
            // A section heading ends the header; it and what stands before it since the
            // last header line are the body's (whose reading skips a recap heading).
            break;
        } else if RATING_LINE.is_match(t.trim()) {
            header_rating.get_or_insert_with(|| t.trim().to_string());
        } else if heads.get(i).is_some_and(Option::is_some)
            || series_season_line(t).is_some()
            || t.contains('?')
            || LABELLED_LINE.is_match(t.trim())
        {
            // A second marker line, "The Show Season 2", a "rate this episode" box:
            // furniture, though a spoiler warning may quote the title ("details from
            // Season 2 Episode 2, "Reunion."").
            zone_title = zone_title.or_else(|| title_in_opening(t));
            // A second marker line of the same episode may give the season the first left
            // out.
            if let (Some(h), Some(Some(other))) = (parsed.as_mut(), heads.get(i)) {
                if other.episode == h.episode && h.season.is_none() {
                    h.season = other.season;
                }
            }
        } else if title_line.is_none()
            && (headline_at.is_some() || label_at.is_some())
            && i == first
            && heading_like_line(t)
            // A list item under the headline is an infobox's ("• Creator: ...", "• TV
            // Show"), never the episode's title.
            && !t.trim_start().starts_with(['•', '·', '▪', '*', '-', '–'])
            && t.chars().count() <= 100
            && !SENTENCE_BREAK.is_match(t)
            && written_as_title(&strip_title_label(t))
        {
            title_line = Some(strip_title_label(t));
        } else {
            continue;
        }
        body_start = i + 1;
    }
    // A score stated on a header line itself ("Episode 08 (10/10 A masterpiece)"), or a
    // grade above the headline ("B+", "Score: A-"), is the critic's rating too.
    if header_rating.is_none() {
        header_rating = blocks
            .iter()
            .take(body_start)
            .map(Block::text)
            .find(|t| {
                let t = t.trim();
                t.chars().count() <= 80
                    && (HEADER_SCORE.is_match(t)
                        || RATING_LINE.is_match(t)
                        || LONE_GRADE.is_match(t))
            })
            .map(|t| t.trim().to_string());
    }
    let i = body_start;

    // The body: recap until a review heading, review after it. Headings that open the
    // recap again (a "Recap" heading after the intro) switch back.
    let mut recap = Vec::new();
    let mut review = Vec::new();
    let mut review_heading = None;
    let mut in_review = false;
    for b in &blocks[i.min(blocks.len())..] {
        let t = b.text().trim();
        if t.is_empty() {
            continue;
        }
        let explicit_heading = matches!(b, Block::Heading { .. });
        if is_review_heading(t) {
            if !in_review {
                review_heading = Some(t.to_string());
            }
            in_review = true;
            continue;
        }
        if is_recap_heading(t) && !in_review {
            continue;
        }
        if explicit_heading {
            // Other headings inside the body ("What worked") are structure, not text.
            continue;
        }
        // "Our Take: It is a small show ...", "The Gist: In the first episode ...": a
        // column's label run into its paragraph. A review label opens the review; any
        // label is structure, not text, and is dropped.
        let (label, text) = split_run_in_label(t);
        if let Some(label) = label {
            if is_review_heading(label) {
                if !in_review {
                    review_heading = Some(label.to_string());
                }
                in_review = true;
            }
        }
        if in_review {
            review.push(text.to_string());
        } else {
            recap.push(text.to_string());
        }
    }

    // With no headline, the opening paragraphs may still place the article: a headline
    // standing among them ("Angels of Death episode 5 anime review" after an aside), or a
    // sentence that opens on the episode ("Episode 12 of Lycoris Recoil was ...", "Episode
    // 5 starts off where ...").
    let mut placed_by = if meta.episode.is_some() {
        Some(crate::model::Cue::Metadata)
    } else if parsed.is_some() {
        Some(crate::model::Cue::Headline)
    } else {
        None
    };
    if parsed.is_none() {
        parsed = place_in_opening(recap.iter().take(OPENING_PARAGRAPHS).map(String::as_str));
        if parsed.is_some() {
            placed_by = Some(crate::model::Cue::Opening);
        }
    }
    if parsed.is_none() && meta.episode.is_none() {
        warnings.push(Warning {
            message: "no recap headline (like “Series – Season 1 Episode 2 Recap & Review”) was found; series and episode are unknown".into(),
        });
    }
    if review_heading.is_none() {
        // Many outlets give the verdict in the closing paragraphs with no heading: those
        // that read as criticism are the review.
        let split = trailing_review(&recap);
        let outcome = if split < recap.len() {
            review = recap.split_off(split);
            format!(
                "the last {} paragraph{} read as the review, because they talk about the show rather than tell its story",
                review.len(),
                if review.len() == 1 { "" } else { "s" }
            )
        } else {
            "every paragraph is read as recap".to_string()
        };
        warnings.push(Warning {
            message: format!(
                "no review heading (like “The Episode Review” or “Final Thoughts”) was found; {outcome}"
            ),
        });
    }

    // The header's rating line closes the review, where the verdict is read.
    if let Some(r) = header_rating {
        review.push(r);
    }
    let parsed_series = parsed
        .as_ref()
        .and_then(|h| h.series.clone())
        .or(label_series);
    // The body's first paragraphs, wherever the review split put them.
    let opening = recap
        .iter()
        .chain(review.iter())
        .take(3)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    // With no episode marker anywhere, "the first episode" of "its first season" in the
    // opening lines says which.
    let episode = meta
        .episode
        .or(parsed.as_ref().map(|h| h.episode))
        .or_else(|| ordinal_in_opening(&opening, "episode"))
        .or_else(|| only_numbered_episode(recap.iter().chain(review.iter()).map(String::as_str)));
    Article {
        series: meta.series.or(parsed_series),
        season: meta
            .season
            .or(parsed.as_ref().and_then(|h| h.season))
            .or_else(|| season_in_opening(&opening))
            .or_else(|| {
                episode
                    .is_some()
                    .then(|| ordinal_in_opening(&opening, "season"))
                    .flatten()
            }),
        episode,
        title: meta
            .title
            .or(parsed.as_ref().and_then(|h| h.title.clone()))
            .or(label_title)
            .or(zone_title)
            // A title the opening quotes beside an episode marker ("details from Season 2
            // Episode 2, "Reunion."") is surer than an unlabelled line under the headline,
            // which may be the author's name.
            .or_else(|| title_in_opening(&opening))
            // A quoted title-case line of its own among the first paragraphs, as recaps set
            // the episode's title as a subheading ("“Why Is the Lighthouse Dark?”").
            .or_else(|| recap.iter().take(8).find_map(|p| quoted_line(p)))
            .or(title_line)
            .or_else(|| recap.first().and_then(|p| quoted_title_case(p))),
        outlet: meta.outlet.or(outlet),
        url: meta.url,
        date: meta.date.or(date),
        author: meta.author.or(author),
        headline: headline_text,
        recap,
        review,
        review_heading,
        format,
        source: None,
        content_hash: String::new(),
        // An episode found with no marked cue came from the opening's ordinals.
        placed_by: episode
            .map(|_| crate::model::Placement::by(placed_by.unwrap_or(crate::model::Cue::Opening))),
    }
}

/// A label run into the start of a paragraph: "Our Take: ...", "Sleeper Star: ...",
/// "What Shows Will It Remind You Of? ...". A label is a review or recap heading, or two to
/// six words in title case, ended by a colon or a question mark, before at least forty
/// characters of text. Returns (label, the rest), or (None, the paragraph).
fn split_run_in_label(p: &str) -> (Option<&str>, &str) {
    // The label ends at the first colon or question mark, within its first 52 characters;
    // looked for by hand, since most paragraphs have none and a pattern over the whole
    // paragraph costs more than the rest of the reading.
    let Some((end, mark)) = p
        .char_indices()
        .take(52)
        .find(|&(_, c)| c == ':' || c == '?')
    else {
        return (None, p);
    };
    let label_part = &p[..end];
    let mut chars = label_part.chars();
    let starts_upper = chars.next().is_some_and(char::is_uppercase);
    let label_chars = label_part
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '’' | '\'' | '-' | ' '));
    let after = &p[end + mark.len_utf8()..];
    let rest = after.trim_start();
    if !starts_upper || !label_chars || label_part.chars().count() < 2 || rest.len() == after.len()
    {
        return (None, p);
    }
    let l = label_part.trim();
    let words: Vec<&str> = l.split_whitespace().collect();
    // Title case: every word capitalised but the small ones ("Sex and Skin").
    let title_case = words.iter().all(|w| title_case_word(w));
    let heading = is_review_heading(l) || is_recap_heading(l);
    let labelled = heading || ((2..=6).contains(&words.len()) && title_case);
    if labelled && rest.chars().count() >= 40 {
        (Some(l), rest)
    } else {
        (None, p)
    }
}

/// "the first episode", "its second season": the number an ordinal before `noun` gives.
// "is back with a special 13th episode": an episode numbered by an ordinal in digits.
static NUMBERED_EPISODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)\s+episode\b").expect("static regex")
});

/// The episode an article with no marker names as "the 13th episode" anywhere, when that
/// is the only episode it numbers so: a page that numbers two is about neither for sure.
fn only_numbered_episode<'a>(paras: impl Iterator<Item = &'a str>) -> Option<u32> {
    let mut found = None;
    for p in paras {
        for c in NUMBERED_EPISODE.captures_iter(p) {
            let n: u32 = c[1].parse().ok()?;
            match found {
                Some(f) if f != n => return None,
                _ => found = Some(n),
            }
        }
    }
    found
}

// "13th episode", "4th season": a number and an ordinal ending before the noun.
static NUMERIC_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(episode|season)\b").expect("static regex")
});

fn ordinal_in_opening(opening: &str, noun: &str) -> Option<u32> {
    const ORDINALS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let lower = opening.to_lowercase();
    // "a special 13th episode", "its 4th season": a numeric ordinal.
    let numeric = NUMERIC_ORDINAL
        .captures_iter(&lower)
        .find(|c| &c[2] == noun)
        .and_then(|c| c[1].parse().ok());
    if numeric.is_some() {
        return numeric;
    }
    ORDINALS
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let phrase = format!("{o} {noun}");
            lower
                .match_indices(&phrase)
                // A whole word: "the first episodes" is not one episode.
                .find(|(at, _)| {
                    let before = lower[..*at].chars().next_back();
                    let after = lower[at + phrase.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .map(|(at, _)| (at, i as u32 + 1))
        })
        .min()
        .map(|(_, n)| n)
}

/// A quoted phrase of two to eight words in title case ("If "The Archive Never Sleeps"
/// has a thesis"): in an article's first paragraph, the episode's title. Quoted dialogue
/// is a sentence, with lower-case words.
fn quoted_title_case(paragraph: &str) -> Option<String> {
    QUOTED_PHRASE.captures_iter(paragraph).find_map(|c| {
        let t = c.get(1).or_else(|| c.get(2))?.as_str().trim();
        // "The question after “Forgiving Jeff” was ...": a title named as what came before
        // is another episode's.
        let before = paragraph[..c.get(0)?.start()].trim_end().to_lowercase();
        if ANOTHER_EPISODE_BEFORE.iter().any(|w| before.ends_with(w)) {
            return None;
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        let title_case = (2..=8).contains(&words.len())
            && words
                .first()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && words.iter().all(|w| title_case_word(w));
        title_case.then(|| fold_spaces(t.trim_end_matches([',', '.'])))
    })
}

/// Words that put a quoted title before or beside the episode under review ("after",
/// "last week's", "since"), so the title is another episode's.
const ANOTHER_EPISODE_BEFORE: [&str; 8] = [
    "after",
    "since",
    "last week's",
    "last week’s",
    "previous",
    "previously",
    "following",
    "before",
];

static QUOTED_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"“([^”]{2,80})”|"([^"]{2,80})""#).expect("static regex"));

static CRITIC_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| lexicon(include_str!("../data/critic-words.txt")));

/// A paragraph this long or longer is judged by its words; a shorter one (a score line, a
/// list item) goes with the paragraphs around it.
const JUDGED_WORDS: usize = 25;
/// The share of critic words from which a paragraph reads as criticism. Measured on the
/// demo and held-out articles, whose review headings say which is which: recap paragraphs
/// have a median of 1.1% and a 90th percentile of 2.6%, review paragraphs a median of
/// 6.1%.
const CRITIC_SHARE: f64 = 0.045;

/// The share of a paragraph's words that are critic words, and its word count.
fn critic_share(p: &str) -> (f64, usize) {
    let mut n = 0;
    let mut hits = 0;
    for w in p.split_whitespace() {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .trim_matches(|c: char| c == '\'' || c == '’')
            .to_lowercase()
            .replace('’', "'");
        if w.is_empty() {
            continue;
        }
        n += 1;
        if CRITIC_WORDS.contains(&w) {
            hits += 1;
        }
    }
    (if n == 0 { 0.0 } else { hits as f64 / n as f64 }, n)
}

/// Where the review starts among `paras` when no heading says so: after the last long
/// paragraph, counting back from the end, that does not read as criticism. Short lines
/// (a grade, a list of stray observations) go with their neighbours. Returns `paras.len()`
/// (no review) unless at least one long paragraph reads as criticism and at least one
/// paragraph stays in the recap.
fn trailing_review(paras: &[String]) -> usize {
    let mut split = paras.len();
    let mut judged = false;
    while split > 1 {
        let (share, words) = critic_share(&paras[split - 1]);
        if words >= JUDGED_WORDS {
            if share < CRITIC_SHARE {
                break;
            }
            judged = true;
        }
        split -= 1;
    }
    if judged {
        split
    } else {
        paras.len()
    }
}

// Recaps often name the episode in their first lines: `Episode 5, “The Long Table,” opens`,
// `its Season 1 premiere, "Kindling," and`. A quoted title right after such a reference is
// the episode title.
static OPENING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:episode\s+\d+|ep\.?\s*\d+|premiere|finale|episode|installment|instalment|chapter|season)\s*(?:[,:—–-]\s*)?(?:titled|called|entitled)?\s*[“"]([^”"]{2,80}?)[,.]?[”"]"#)
        .expect("static regex")
});
// "the Season 2 premiere", "Season 1's finale", "this season 3 episode": a season stated in
// the opening lines, used only when the headline does not give one.
static OPENING_SEASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bseason\s+(\d{1,2})(?:'s|’s)?\s+(?:premiere|finale|opener|episode|debut|closer)\b",
    )
    .expect("static regex")
});

/// How many opening paragraphs may place an article that has no headline.
const OPENING_PARAGRAPHS: usize = 4;

// "Episode 12 of Lycoris Recoil was", "Episode seven of Rikei ga Koi": the series is the run
// of capitalised words after "of".
static EPISODE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[^.!?]{0,60}?\b)?episode\s+(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+of\s+").expect("static regex")
});
// "In season 3, episode 2 — Rickmancing the Stone — it looks", "On Star Season 1 Episode 5,
// not much happened": an opening sentence set in the episode, perhaps naming the series.
static IN_SEASON_EPISODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:In|On)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’&-]*\s+){0,6}?)?(?i:season)\s+(\d{1,2}),?\s+(?i:episode)\s+(\d{1,4})(?:\s*[—–,]\s*[“"]?((?:\p{Lu}|\d)[^—–,”"]{1,60}?)[”"]?\s*[—–,])?"#).expect("static regex")
});
// "Episode 5 starts off where ...", "Episode 3 opens on ...": an opening sentence about
// the episode gives its number, and no series.
static EPISODE_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^episode\s+(\d{1,4})\s+(?:starts|begins|opens|picks|kicks|sees|was|is|finds|continues)\b").expect("static regex")
});

/// Places an article from its opening paragraphs, for a page with no headline: a short
/// paragraph that reads as a headline with a series, else a paragraph that opens on the
/// episode.
fn place_in_opening<'a>(
    paras: impl Iterator<Item = &'a str> + Clone,
) -> Option<crate::headline::Headline> {
    let headline = paras.clone().find_map(|p| {
        (p.chars().count() <= 100 && heading_like_line(p) && !SENTENCE_BREAK.is_match(p))
            .then(|| parse_headline(p))
            .flatten()
            .filter(|h| h.series.is_some())
    });
    if headline.is_some() {
        return headline;
    }
    paras.into_iter().find_map(|p| {
        let p = p.trim();
        if let Some(c) = EPISODE_OF.captures(p) {
            let episode = c[1]
                .parse()
                .ok()
                .or_else(|| crate::headline::number_word(&c[1]))?;
            let series = capitalised_run(&p[c.get(0)?.end()..]);
            return Some(crate::headline::Headline {
                series,
                season: None,
                episode,
                title: None,
            });
        }
        if let Some(c) = IN_SEASON_EPISODE.captures(p) {
            return Some(crate::headline::Headline {
                series: c
                    .get(1)
                    .map(|m| fold_spaces(m.as_str()))
                    .filter(|s| !s.is_empty()),
                season: c[2].parse().ok(),
                episode: c[3].parse().ok()?,
                title: c
                    .get(4)
                    .map(|m| fold_spaces(m.as_str()))
                    .filter(|t| written_as_title(t)),
            });
        }
        let c = EPISODE_OPENS.captures(p)?;
        Some(crate::headline::Headline {
            series: None,
            season: None,
            episode: c[1].parse().ok()?,
            title: None,
        })
    })
}

/// The name at the start of `text`: capitalised words, with title case's small words
/// inside it ("Angels of Death", "Lycoris Recoil"), up to the first other word; a
/// possessive ending ("Succession's") is cut.
fn capitalised_run(text: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for w in text.split_whitespace() {
        let bare = w.trim_end_matches([',', '.', ';', ':', '!', '?']);
        let capital = bare
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let small = crate::headline::SMALL_WORDS.contains(&bare) && !words.is_empty();
        if !(capital || small) {
            break;
        }
        let possessive = bare.strip_suffix("'s").or_else(|| bare.strip_suffix("’s"));
        words.push(possessive.unwrap_or(bare));
        if possessive.is_some() || bare.len() != w.len() {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| crate::headline::SMALL_WORDS.contains(w))
    {
        words.pop();
    }
    (!words.is_empty() && words.len() <= 8).then(|| words.join(" "))
}

/// A paragraph that is nothing but a quoted phrase written as a title.
fn quoted_line(p: &str) -> Option<String> {
    let t = p.trim();
    let inner = t
        .strip_prefix('“')
        .and_then(|r| r.strip_suffix('”'))
        .or_else(|| t.strip_prefix('"').and_then(|r| r.strip_suffix('"')))?;
    let inner = fold_spaces(inner);
    let words = inner.split_whitespace().count();
    ((2..=12).contains(&words) && !inner.contains(['“', '”', '"']) && written_as_title(&inner))
        .then_some(inner)
}

fn title_in_opening(opening: &str) -> Option<String> {
    OPENING_TITLE
        .captures(opening)
        .map(|c| fold_spaces(c[1].trim()))
        .filter(|t| !t.is_empty())
}

fn season_in_opening(opening: &str) -> Option<u32> {
    OPENING_SEASON
        .captures(opening)
        .and_then(|c| c[1].parse().ok())
}

/// Like [`heading_like`] but for header lines, which may be a little longer (a headline
/// with a title after it).
fn heading_like_line(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 160 && !t.ends_with(['.', ',', ';'])
}

// "Episode Title: Guardians", "Title: The Long Table": a field of an episode box.
static TITLE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:episode\s+)?title\s*:\s*(\S.{0,99})$").expect("static regex")
});

fn labelled_title(text: &str) -> Option<String> {
    TITLE_FIELD
        .captures(text.trim())
        .map(|c| fold_spaces(c[1].trim_matches(['"', '“', '”', '‘', '’', ' '])))
        .filter(|t| !t.is_empty())
}

/// `Episode title: "The Diver's Bell"` reads as `The Diver's Bell`.
fn strip_title_label(text: &str) -> String {
    let t = text.trim();
    let t = ["Episode title:", "Episode Title:", "Title:"]
        .iter()
        .find_map(|l| t.strip_prefix(l))
        .unwrap_or(t);
    fold_spaces(t.trim().trim_matches(['"', '“', '”', '‘', '’']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_headings_of_the_genre_are_recognised() {
        for h in [
            "The Episode Review",
            "Review",
            "Verdict",
            "The Verdict",
            "Final Thoughts",
            "Episode 3 Review",
            "Our Take:",
            "Final Verdict",
        ] {
            assert!(is_review_heading(h), "{h}");
        }
        for h in [
            "Crimson Is The Sound of Dawn",
            "I did not review it.",
            "Recap",
        ] {
            assert!(!is_review_heading(h), "{h}");
        }
    }

    #[test]
    fn the_opening_lines_may_name_the_title_and_season() {
        assert_eq!(
            title_in_opening("Episode 5, “The Long Table,” gives her six hours.").as_deref(),
            Some("The Long Table")
        );
        assert_eq!(
            title_in_opening(r#"It finally dropped its Season 1 premiere, "Kindling," and wow."#)
                .as_deref(),
            Some("Kindling")
        );
        assert_eq!(title_in_opening("She said “hello” to the episode."), None);
        assert_eq!(
            season_in_opening("its Season 1 premiere, \"Kindling,\""),
            Some(1)
        );
        assert_eq!(season_in_opening("unlike last season, the show"), None);
    }

    #[test]
    fn bylines_give_author_outlet_and_date() {
        let b = parse_byline("By Corin Hale · Tidewater Recaps · March 4, 2026").expect("byline");
        assert_eq!(b.author.as_deref(), Some("Corin Hale"));
        assert_eq!(b.outlet.as_deref(), Some("Tidewater Recaps"));
        assert_eq!(b.date.as_deref(), Some("March 4, 2026"));
        let b = parse_byline("By Ana Ruiz for Screen Notes").expect("byline");
        assert_eq!(b.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(b.outlet.as_deref(), Some("Screen Notes"));
        // A sentence that starts with "By" is not a byline when no capital name follows.
        assert!(parse_byline("by the end, everyone is tired").is_none());
    }

    // Newspaper date lines open with a weekday and give the time with a dot and a zone
    // ("Mon 23 Nov 2026 22.05 GMT"); read as text, they made names of "GMT" and "Mon".
    #[test]
    fn newspaper_date_lines_are_dates() {
        for line in [
            "Mon 23 Nov 2026 22.05 GMT",
            "Tuesday, 24 November 2026",
            "Nov 24, 2026 at 9:30 pm EST",
        ] {
            assert!(DATE_LINE.is_match(line), "{line}");
        }
        assert!(!DATE_LINE.is_match("Monday night, Nora waits at the quay"));
    }

    // Outlets that run the verdict as the closing paragraphs, with no heading, still get a
    // review: the trailing paragraphs that talk about the show are read as one, with the
    // grade line and short observations after them.
    #[test]
    fn closing_criticism_without_a_heading_is_the_review() {
        let blocks = vec![
            Block::Para("Show – Season 1 Episode 2 Recap & Review".into()),
            Block::Para("Mara walks to the harbour at dawn and finds the boat gone. She runs to the tavern, wakes Tobin, and the two of them row out past the breakwater while the fog closes in behind them and the bell on the point starts ringing for no reason anyone can see.".into()),
            Block::Para("It is the best episode of the season so far, and the show finally trusts its characters: the writing gives every scene room, the performances are terrific, and I found the final scene genuinely moving even if the subplot about the harbour council is still thin.".into()),
            Block::Para("Grade: B+".into()),
        ];
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.recap.len(), 1, "{:?}", a.recap);
        assert_eq!(a.review.len(), 2, "{:?}", a.review);
        assert_eq!(a.review.last().map(String::as_str), Some("Grade: B+"));
        assert!(
            w.iter().any(|w| w.message.contains("read as the review")),
            "{w:?}"
        );
    }

    // A plain recap with no criticism in it stays a recap, with the usual warning.
    #[test]
    fn a_recap_without_criticism_has_no_review() {
        let blocks = vec![
            Block::Para("Show – Season 1 Episode 2 Recap".into()),
            Block::Para("Mara walks to the harbour at dawn and finds the boat gone. She runs to the tavern, wakes Tobin, and the two of them row out past the breakwater while the fog closes in behind them.".into()),
            Block::Para("On the island they find the keeper's cottage empty, the lamp cold and a letter on the table addressed to Mara in her mother's hand, which she folds into her coat without reading while Tobin keeps watch at the door.".into()),
        ];
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.recap.len(), 2);
        assert!(a.review.is_empty());
        assert!(
            w.iter()
                .any(|w| w.message.contains("every paragraph is read as recap")),
            "{w:?}"
        );
    }

    #[test]
    fn paragraphs_split_at_the_review_heading() {
        let blocks = vec![
            Block::Para("Show – Season 1 Episode 2 Recap & Review".into()),
            Block::Para("A Title".into()),
            Block::Para("First recap paragraph.".into()),
            Block::Para("Final Thoughts".into()),
            Block::Para("It was good.".into()),
        ];
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.series.as_deref(), Some("Show"));
        assert_eq!(a.title.as_deref(), Some("A Title"));
        assert_eq!(a.recap, vec!["First recap paragraph."]);
        assert_eq!(a.review, vec!["It was good."]);
        assert!(w.is_empty(), "{w:?}");
    }

    fn paras(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| Block::Para((*l).into())).collect()
    }

    const PROSE: &str = "Wren walks to the harbour at dawn and finds the boat gone. She runs to the tavern, wakes Tobin, and the two of them row out past the breakwater while the fog closes in behind them and the bell on the point starts ringing for no reason anyone can see.";

    // Pages stack furniture between the headline and the byline (a standfirst, a "rate
    // this episode" box, a readers' score): none of it is recap, and the byline's date may
    // carry a time.
    #[test]
    fn furniture_up_to_the_byline_is_not_recap() {
        let blocks = paras(&[
            "Harbor Weekly",
            "News · Reviews · Columns",
            "Episode 4",
            "Salt Lanterns Season 3",
            "How would you rate episode 4 of",
            "Salt Lanterns Season 3 ?",
            "Community score: 4.1",
            "by Rhea Okafor, Jun 2nd 2026",
            PROSE,
        ]);
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.series.as_deref(), Some("Salt Lanterns"));
        assert_eq!((a.season, a.episode), (Some(3), Some(4)));
        assert_eq!(a.author.as_deref(), Some("Rhea Okafor"));
        assert_eq!(a.date.as_deref(), Some("Jun 2nd 2026"));
        assert_eq!(a.recap, vec![PROSE.to_string()]);
        // A readers' score is not the critic's: nothing is added to the review.
        assert!(a.review.is_empty(), "{:?}", a.review);
    }

    // "The Show Recap: The Title" names no episode; the marker line under the byline does,
    // and the show's name stands over it. The critic's rating line joins the review.
    #[test]
    fn label_headline_with_marker_and_rating_below() {
        let blocks = paras(&[
            "THE PARLOR | TV | Recaps",
            "The Copper Sisters Recap: The Lamplighter’s Daughter",
            "A funeral, a forged will, and a sister nobody invited.",
            "By Ines Calder",
            "Updated: Mar 9, 2026 5:12 pm",
            "The Copper Sisters",
            "Season 2, Episode 5",
            "Editor’s Rating: 4 stars",
            PROSE,
        ]);
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.series.as_deref(), Some("The Copper Sisters"));
        assert_eq!((a.season, a.episode), (Some(2), Some(5)));
        assert_eq!(a.title.as_deref(), Some("The Lamplighter’s Daughter"));
        assert_eq!(a.author.as_deref(), Some("Ines Calder"));
        assert_eq!(a.date.as_deref(), Some("Mar 9, 2026"));
        assert_eq!(a.recap.first().map(String::as_str), Some(PROSE));
        assert_eq!(
            a.review.last().map(String::as_str),
            Some("Editor’s Rating: 4 stars")
        );
    }

    // A column's label, the show in quotes, no marker: the opening lines say "the first
    // episode" of "its first season" and quote the title.
    #[test]
    fn quoted_show_and_ordinal_episode_in_the_opening() {
        let blocks = paras(&[
            "Watch Or Wait: ‘Night Porters’ On Streamly, A Hotel Comedy About The Graveyard Shift",
            "By Ama Lind",
            "Published March 28, 2026, 12:30 p.m. ET",
            "Hotel comedies have a type, and Night Porters, whose first season just arrived, knows it.",
            "In the first episode, “Room Service at Four,” Pim takes over the front desk and loses a guest before midnight, which sets the tone for the season.",
        ]);
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Text, &mut w);
        assert_eq!(a.series.as_deref(), Some("Night Porters"));
        assert_eq!((a.season, a.episode), (Some(1), Some(1)));
        assert_eq!(a.title.as_deref(), Some("Room Service at Four"));
        assert_eq!(a.date.as_deref(), Some("March 28, 2026"));
    }

    // With no cue before it, a quoted phrase in title case in the first paragraph is the
    // episode's title; quoted dialogue is not.
    #[test]
    fn a_quoted_title_case_phrase_opens_the_recap() {
        assert_eq!(
            quoted_title_case("If \"The Vault Never Closes\" has a point, it is this.").as_deref(),
            Some("The Vault Never Closes")
        );
        assert_eq!(
            quoted_title_case("She says “go home, now” and leaves."),
            None
        );
    }

    // A sentence that happens to name an episode is not header furniture: the spoiler
    // warning under a byline stays in the body.
    #[test]
    fn a_sentence_with_an_episode_number_stays_in_the_body() {
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "Salt Lanterns Season 3 Episode 4 Review".into(),
            },
            Block::Para("Rhea Okafor — Harbor Weekly".into()),
            Block::Para("Spoilers below for Salt Lanterns up to episode 4.".into()),
            Block::Heading {
                level: 2,
                text: "Recap".into(),
            },
            Block::Para(PROSE.into()),
        ];
        let mut w = Vec::new();
        let a = assemble(blocks, Meta::default(), Format::Markdown, &mut w);
        assert_eq!(
            a.recap.first().map(String::as_str),
            Some("Spoilers below for Salt Lanterns up to episode 4.")
        );
    }

    fn placed(text: &str) -> (Option<String>, Option<u32>, Option<u32>, Option<String>) {
        let a = crate::parse_str(text, "t").expect("reads").article;
        (a.series, a.season, a.episode, a.title)
    }

    fn want(
        series: &str,
        season: Option<u32>,
        episode: u32,
        title: Option<&str>,
    ) -> (Option<String>, Option<u32>, Option<u32>, Option<String>) {
        (
            Some(series.to_string()),
            season,
            Some(episode),
            title.map(str::to_string),
        )
    }

    const BODY: &str = "Mira rows out to the wreck at dawn, and what she finds under the hull changes the shape of the whole season for everyone on the quay. Her brother does not believe a word of it.";

    // Every placing cue real pages give, each on invented text: the page chrome, grades
    // and date lines before a headline, the headline shapes, and the opening sentences of
    // pages with no headline.
    #[test]
    fn real_page_cues_place_the_article() {
        let cases: Vec<(String, _)> = vec![
            (format!("×\n  • remind me tomorrow\n  • never remind me\nSubscribe to the Newsletter • Wake up every Sunday to a curated list of our most interesting posts of the week. read more\n\nEmber Gate\nEpisode 3\n\nby Ana Ruiz,\n\n{BODY}"), want("Ember Gate", None, 3, None)),
            (format!("Score: A-\n\nEmber Gate – Season 2 Episode 6 “The Long Table” Recap & Review\n\n{BODY}"), want("Ember Gate", Some(2), 6, Some("The Long Table"))),
            (format!("B+\n\nEmber Gate Season 1 Episode 4 Review\n\n{BODY}"), want("Ember Gate", Some(1), 4, None)),
            (format!("Published March 3, 2024\n\nEmber Gate Episode 2 \"Salt Lines\" saw the crew split\n\n{BODY}"), want("Ember Gate", None, 2, Some("Salt Lines"))),
            (format!("Ember Gate S2 – 12 – The Drowned Bell\n\n{BODY}"), want("Ember Gate", Some(2), 12, Some("The Drowned Bell"))),
            (format!("Ember Gate Season 2\n\nEpisode 21\n\n{BODY}"), want("Ember Gate", Some(2), 21, None)),
            (format!("Ember Gate Ep.4 Review: a slight flex in animation\n\n{BODY}"), want("Ember Gate", None, 4, None)),
            (format!("Ember Gate Episode 5 – The Salt Road - [Review]\n\n{BODY}"), want("Ember Gate", None, 5, Some("The Salt Road"))),
            (format!("‘Ember Gate’ season three episode two recap: the siblings draw blood\n\n{BODY}"), want("Ember Gate", Some(3), 2, None)),
            (format!("HomeTelevisionReview: Ember Gate Season 4 Episode 4\n\n{BODY}"), want("Ember Gate", Some(4), 4, None)),
            (format!("Column Review: Ember Gate “The Salt Road”\n\n{BODY}"), want("Ember Gate", None, 0, Some("The Salt Road"))),
            (format!("overnights\n\nEmber Gate Recap: Sad Sacks\n\nEmber Gate\n\nWinter\nSeason 1 Episode 5\nEditor’s Rating 4 stars\n\n{BODY}"), want("Ember Gate", Some(1), 5, Some("Winter"))),
            (format!("Ember Gate 08\n\nEpisode 08 (10/10 A masterpiece)\n\n{BODY}"), want("Ember Gate", None, 8, None)),
            (format!("Episode Title: Guardians\nOriginal Air Date: May 19, 2017\nEpisode Number: 3×02\n\n{BODY}"), (None, Some(3), Some(2), Some("Guardians".into()))),
            (format!("Episode 5 of Ember Gate’s fourth season, titled “The Salt Road,” opens at sea. {BODY}"), want("Ember Gate", Some(4), 5, Some("The Salt Road"))),
            (format!("This is a spoiler review for Episode 8 of Ember Gate, so beware. {BODY}"), want("Ember Gate", None, 8, None)),
            (format!("Episode 4 of Ember Gate starts where the last one ended. {BODY}"), want("Ember Gate", None, 4, None)),
            (format!("Episode 5 starts off where the cliffhanger of episode 4 ends. {BODY}"), (None, None, Some(5), None)),
            (format!("Ember Gate Season 1 Episode 4\nCredit: Ana Ruiz/Network\nS1 E4\nShow MoreAbout Ember Gate\n  • TV Show\n\n{BODY}"), want("Ember Gate", Some(1), 4, None)),
            (format!("Ember Gate: Season 3, Episode 2 – TV Review\n\n  • Creator: Ana Ruiz and Tomas Bell\n  • Starring: Ana Ruiz\n\nGrade: A-\n\n{BODY}"), want("Ember Gate", Some(3), 2, None)),
            (format!("Ember Gate Season 3 Episode 2 Review\n\nThe lingering question after “Salt and Bone” was how Mira would handle the fallout. {BODY}"), want("Ember Gate", Some(3), 2, None)),
            (format!("Spoilers ahead.\n\nIn season 3, episode 2 — The Salt Road — the crew splits. {BODY}"), (None, Some(3), Some(2), Some("The Salt Road".into()))),
        ];
        for (text, expected) in cases {
            let mut got = placed(&text);
            // The label-headline case names no episode: compare what it does say.
            if expected.2 == Some(0) {
                got.2 = Some(0);
            }
            assert_eq!(got, expected, "{text}");
        }
    }

    // A quoted subheading that is all title is the episode's title; quoted dialogue is not.
    #[test]
    fn a_quoted_title_line_beats_the_line_under_the_headline() {
        let text = format!("‘Ember Gate’ Recap & Reaction: Season 2, Episode 5\n\nAna Ruiz\n\n{BODY}\n\n“Why Is the Lighthouse Dark?”\n\n{BODY}");
        assert_eq!(
            placed(&text),
            want(
                "Ember Gate",
                Some(2),
                5,
                Some("Why Is the Lighthouse Dark?")
            )
        );
        let dialogue = format!("Ember Gate Episode 3 Review\n\n{BODY}\n\n“There are some people who deserve to die”\n\n{BODY}");
        assert_eq!(placed(&dialogue), want("Ember Gate", None, 3, None));
    }

    // Each placing says which cue placed it and how far that is trusted.
    #[test]
    fn the_placing_cue_is_reported() {
        use crate::model::Cue;
        let cue = |t: &str| {
            crate::parse_str(t, "t")
                .expect("reads")
                .article
                .placed_by
                .map(|p| p.cue)
        };
        assert_eq!(
            cue(&format!("Ember Gate Season 1 Episode 4 Review\n\n{BODY}")),
            Some(Cue::Headline)
        );
        assert_eq!(
            cue(&format!("Episode 4 of Ember Gate starts at sea. {BODY}")),
            Some(Cue::Opening)
        );
        assert_eq!(cue(&format!("Some thoughts.\n\n{BODY}")), None);
        assert_eq!(
            cue(&format!("---\nseries: Ember Gate\nepisode: 3\n---\n{BODY}")),
            Some(Cue::Metadata)
        );
        let p = crate::parse_str(
            &format!("Ember Gate Season 1 Episode 4 Review\n\n{BODY}"),
            "t",
        )
        .expect("reads")
        .article
        .placed_by
        .expect("placed");
        assert!((p.confidence - Cue::Headline.confidence()).abs() < f32::EPSILON);
        assert!(Cue::Headline.confidence() > Cue::FileName.confidence());
    }

    // A grade above the headline is the critic's rating and reaches the review, where the
    // verdict is read.
    #[test]
    fn a_grade_above_the_headline_reaches_the_review() {
        for grade in ["B+", "Score: A-"] {
            let a = crate::parse_str(
                &format!("{grade}\n\nEmber Gate Season 1 Episode 4 Review\n\n{BODY}"),
                "t",
            )
            .expect("reads")
            .article;
            assert_eq!(a.review.last().map(String::as_str), Some(grade));
        }
    }

    // An author's name under the headline is no title when the page quotes the title
    // beside an episode marker.
    #[test]
    fn a_title_quoted_beside_a_marker_beats_the_line_under_the_headline() {
        let text = format!("‘Ember Gate’ recap: Some answers, at long last, in Episode 2\n\nAna Ruiz\n\nSpoiler alert! The following contains details from Ember Gate Season 2 Episode 2, \"Reunion.\"\n\n{BODY}");
        assert_eq!(
            placed(&text),
            want("Ember Gate", Some(2), 2, Some("Reunion"))
        );
    }
}
