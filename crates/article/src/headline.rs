//! The headline parser: "<Series> – Season N Episode M Recap & Review" and its many
//! variants ("Episode 5 Review", "Ep. 5", "S01E03", "1x03", "Season 2, Episode 5", with an
//! en dash, em dash, hyphen, colon or pipe between the parts, and an optional episode title
//! after the marker).
//!
//! A headline is recognised by its episode marker; the series is what stands before it and
//! the episode title, if any, what stands after it once the words "Recap" and "Review" are
//! taken away.

use regex::Regex;
use std::sync::LazyLock;

/// What a headline says about the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub series: Option<String>,
    pub season: Option<u32>,
    pub episode: u32,
    pub title: Option<String>,
}

/// Headlines are short; a longer line is a sentence that happens to say "Episode 3".
const MAX_HEADLINE_CHARS: usize = 200;

// "Season 1 Episode 2", "Season 2, Ep. 5", "S01E03", "S1 E3", "Season 1 - Episode 4", and
// the British "series 2, episode 5".
static SEASON_EPISODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:season|series|s)\s*0*(\d{1,3})\s*[,:\-–—/|]?\s*(?:episodes?|eps?\.?|e)\s*#?\s*0*(\d{1,4})(?:\s*(?:-|–|&|and|to)\s*\d{1,4}\b)?\b",
    )
    .expect("static regex")
});
// "2nd Season, Episode 6", "Season Two, Episode 3": an ordinal season, or a season number
// written as a word.
static WORDY_SEASON_EPISODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)\s+season|season\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s*[,:\-–—/|]?\s*(?:episodes?|eps?\.?)\s*#?\s*0*(\d{1,4})\b",
    )
    .expect("static regex")
});
// "S2 – 12 – The Title": an anime blog's season and episode between dashes.
static SEASON_DASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Ss](\d{1,2})\s+[–—-]\s+0*(\d{1,4})\b").expect("static regex"));
// "The Title - [Review]", "The Title (Recap)": a label after the title.
static BRACKET_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s\-–—|]*[\[(]\s*(?:recaps?|reviews?|spoilers?)\s*[\])]\s*$")
        .expect("static regex")
});
// "1x03", the fan-wiki style.
static CROSS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[x×](\d{2,3})\b").expect("static regex"));
// "Season Three Episode Three", "Episode Seven": a number written as a word after the word
// it counts. Rewritten as digits before the markers are looked for.
static WORD_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(season|series|episode|ep\.?)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b")
        .expect("static regex")
});
// "English Dub Review: ", "HomeTelevisionReview: " (a breadcrumb run into the label): a
// column label that ends in Review or Recap before a colon, ahead of the series.
static COLUMN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^:]{0,40}?(?:recaps?|reviews?|reaction)\s*:\s*").expect("static regex")
});
/// Words that label a line's fields or the article's kind, never a series name on their
/// own ("Episode Number: 3×02", "Anime Review").
const NOT_A_SERIES: [&str; 12] = [
    "episode", "number", "no", "season", "series", "title", "anime", "tv", "review", "recap",
    "reviews", "recaps",
];
// "Episode 5", "Ep. 5", "Ep 5", "Episode #5"; a recap of several episodes ("Episodes 1-3")
// is filed under the first.
static EPISODE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:episodes?|eps?\.?)\s*#?\s*0*(\d{1,4})(?:\s*(?:-|–|&|and|to)\s*\d{1,4}\b)?\b",
    )
    .expect("static regex")
});
// Words that label the article type and are neither series nor title.
static LABEL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:episode\s+)?(?:recaps?|reviews?|recap\s*(?:&|and|\+)\s*reviews?)\s*[:\-–—|]\s*)")
        .expect("static regex")
});
// The label words between the episode marker and the title, and after the title; a label
// may name the medium ("– TV Review", "Episode #07 Anime Review"), which is never a title.
static LABEL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s|[,:\-–—|/&+()]|\b(?:(?:tv|television|anime|series|episode|spoiler|weekly)\s+)?(?:recaps?|reviews?|and|spoilers?)\b)*")
        .expect("static regex")
});
static TRAILING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s|[,:\-–—|/&+(]|\b(?:(?:tv|television|anime|series|episode|weekly)\s+)?(?:recaps?|reviews?|and)\b)*$").expect("static regex")
});

/// What page titles put between a headline and a site name or section label ("Show Season
/// 1 Episode 3 Recap | Site", "TV Review · Show, season 2, ...").
const SITE_SEPARATORS: [&str; 3] = [" | ", " · ", " • "];

/// A title in quotes, each kind of quote closed by its own: inside single curly quotes an
/// apostrophe between letters ("‘Dead Man’s Switch’") does not close them.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:“([^”]+?)[,.]?”|"([^"]+?)[,.]?"|‘((?:[^’]|’\p{L})+)’(?:[^\p{L}]|$))"#)
        .expect("static regex")
});

/// The text inside the quotes [`QUOTED`] found.
fn quoted_inner<'a>(c: &regex::Captures<'a>) -> Option<&'a str> {
    c.get(1)
        .or_else(|| c.get(2))
        .or_else(|| c.get(3))
        .map(|m| m.as_str())
}

// "The Marchbank Letters Recap: The Widow’s Candle": the series, a label, the title.
static LABEL_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.{2,80}?)\s+(?:Recap|Review|Recap & Review|Recap and Review)\s*[:–—|-]\s*(.{2,120})$",
    )
    .expect("static regex")
});
// "Stream It Or Skip It: ‘Overnighters’ On Parlour, ...", "‘The Show’ Review": a show
// named in quotes right after a column's label, or before the word Recap or Review.
static QUOTED_SHOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[^‘“":]{2,40}:\s*[‘“"]((?:[^’”"]|’\p{L}){1,60}?)[’”"]|[‘“"]((?:[^’”"]|’\p{L}){1,60}?)[’”"]\s+(?:Recap|Review)\b)"#)
        .expect("static regex")
});

/// Reads a headline without an episode marker: "The Show Recap: The Title" gives the
/// series and the title, "Column Name: ‘The Show’ On ..." the series alone. Returns
/// `None` for a line with an episode marker (that is [`parse_headline`]'s) or none of
/// these shapes. Never panics.
pub fn parse_label_headline(line: &str) -> Option<(Option<String>, Option<String>)> {
    if parse_headline(line).is_some() {
        return None;
    }
    label_headline_without_marker(line)
}

/// [`parse_label_headline`] of a line already known to have no episode marker.
pub(crate) fn label_headline_without_marker(
    line: &str,
) -> Option<(Option<String>, Option<String>)> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_HEADLINE_CHARS {
        return None;
    }
    // Both shapes need a "Recap" / "Review" or a quotation mark: most lines have neither.
    if !line.contains("Recap") && !line.contains("Review") && !line.contains(['‘', '“', '"']) {
        return None;
    }
    // "English Dub Review: The Show “The Title”": a column's label, then the show and its
    // episode's title in quotes.
    if let Some(m) = COLUMN_LABEL.find(line) {
        let rest = &line[m.end()..];
        if let Some(q) = rest.find(['“', '"']) {
            let name = clean_name(&rest[..q]);
            let title = QUOTED
                .captures(&rest[q..])
                .and_then(|c| quoted_inner(&c).and_then(clean_name));
            if name.as_deref().is_some_and(written_as_title) && title.is_some() {
                return Some((name, title));
            }
        }
    }
    if let Some(c) = LABEL_HEADLINE.captures(line) {
        let series = c.get(1).and_then(|m| clean_name(m.as_str()));
        let after = c.get(2).map_or("", |m| m.as_str());
        let title = match QUOTED.captures(after) {
            Some(q) => quoted_inner(&q).and_then(clean_name),
            None => clean_name(after),
        };
        // A series name is a name: a capital first and only a few words.
        if series.as_deref().is_some_and(|s| {
            s.chars().next().is_some_and(char::is_uppercase) && s.split_whitespace().count() <= 8
        }) {
            return Some((series, title));
        }
    }
    let c = QUOTED_SHOW.captures(line)?;
    let series = c
        .get(1)
        .or_else(|| c.get(2))
        .and_then(|m| clean_name(m.as_str()))?;
    Some((Some(series), None))
}

/// Reads a headline line. Returns `None` when the line has no episode marker or is too long
/// to be a headline. Never panics.
pub fn parse_headline(line: &str) -> Option<Headline> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_HEADLINE_CHARS {
        return None;
    }
    let digits;
    let line = if WORD_NUMBER.is_match(line) {
        digits = WORD_NUMBER.replace_all(line, |c: &regex::Captures<'_>| {
            format!("{} {}", &c[1], number_word(&c[2]).unwrap_or(0))
        });
        digits.as_ref()
    } else {
        line
    };
    // The first marker in the line wins; at the same position a marker that names the
    // season beats one that names only the episode.
    let mut best: Option<(usize, usize, Option<u32>, u32)> = None;
    let mut consider = |start: usize, end: usize, season: Option<u32>, episode: Option<u32>| {
        if let Some(episode) = episode {
            let better = match best {
                None => true,
                Some((s, _, bs, _)) => {
                    start < s || (start == s && bs.is_none() && season.is_some())
                }
            };
            if better {
                best = Some((start, end, season, episode));
            }
        }
    };
    if let Some(c) = SEASON_EPISODE.captures(line) {
        let m = c.get(0)?;
        consider(m.start(), m.end(), number(c.get(1)), number(c.get(2)));
    }
    if let Some(c) = WORDY_SEASON_EPISODE.captures(line) {
        let m = c.get(0)?;
        let season = number(c.get(1)).or_else(|| c.get(2).and_then(|w| number_word(w.as_str())));
        consider(m.start(), m.end(), season, number(c.get(3)));
    }
    if let Some(c) = SEASON_DASH.captures(line) {
        let m = c.get(0)?;
        consider(m.start(), m.end(), number(c.get(1)), number(c.get(2)));
    }
    if let Some(c) = CROSS.captures(line) {
        let m = c.get(0)?;
        consider(m.start(), m.end(), number(c.get(1)), number(c.get(2)));
    }
    if let Some(c) = EPISODE_ONLY.captures(line) {
        let m = c.get(0)?;
        consider(m.start(), m.end(), None, number(c.get(1)));
    }
    let (start, end, season, episode) = best?;

    // Before the marker, a " · ", " | " or " • " ends a section label or a site name that
    // page headers put first ("TV Review · Cold Fathom, season 2, ..."): the series is the
    // part nearest the marker.
    // A separator right before the marker ("Show | Season 1 Episode 4") separates the
    // series from the marker instead, so only a cut that leaves a name counts.
    let mut before = &line[..start];
    if let Some(cut) = SITE_SEPARATORS
        .iter()
        .flat_map(|sep| before.match_indices(sep).map(|(i, _)| i + sep.len()))
        .filter(|&i| before[i..].chars().any(char::is_alphabetic))
        .max()
    {
        before = &before[cut..];
    }
    let before = LABEL_PREFIX.replace(before, "");
    // "‘Succession’ season 3 episode 3 recap", "‘Westworld’ recap: ... in Episode 2": a
    // headline that opens on a quoted name names the series in the quotes, whatever label
    // and standfirst follow it.
    let quoted_series = QUOTED
        .captures(&before)
        .and_then(|c| quoted_inner(&c).and_then(clean_name));
    // A column label before the series goes, when a name is left after it ("Harbour
    // Lights recap: series 2, episode 5" keeps its series).
    let before = match COLUMN_LABEL.find(&before) {
        Some(m) if before[m.end()..].chars().any(char::is_alphabetic) => {
            std::borrow::Cow::Owned(before[m.end()..].to_string())
        }
        _ => before,
    };
    let untrimmed = before.trim_end().to_string();
    let before = TRAILING_LABEL.replace(&before, "");
    // "C3 -Cube x Cursed x Curious- Episode 3": a hyphen that opened a subtitle inside the
    // name closes it too, and stays.
    let closing_hyphen = |name: String| {
        if name.contains(" -") && untrimmed.ends_with(&format!("{name}-")) {
            format!("{name}-")
        } else {
            name
        }
    };
    let series = quoted_series
        .or_else(|| clean_name(&before).map(closing_hyphen))
        .filter(|s| {
            !s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| NOT_A_SERIES.contains(&w.to_lowercase().as_str()))
        });

    // After the marker, a " | " or " · " starts the site name that page titles append
    // ("Show Season 1 Episode 3 Recap | Site"); it is never part of the episode title.
    let mut after = &line[end..];
    if let Some(cut) = SITE_SEPARATORS
        .iter()
        .filter_map(|sep| after.find(sep))
        .min()
    {
        after = &after[..cut];
    }
    let after = BRACKET_LABEL.replace(after, "");
    let after = LABEL_WORDS.replace(&after, "");
    // A quoted title is exactly what stands between the quotes. Unquoted, what follows the
    // marker is the episode's title only when it is written like one (title case, not a
    // sentence): "Episode 4 Review: A slight flex in animation" is the article's own
    // headline, "Anime Review The truth of what haunts her is revealed." a standfirst.
    let title = match QUOTED.captures(&after) {
        Some(c) => quoted_inner(&c).and_then(clean_name),
        None => clean_name(&after).filter(|t| written_as_title(t)),
    };

    Some(Headline {
        series,
        season,
        episode,
        title,
    })
}

/// The small words title case leaves in lower case ("Sex and Skin", "Cleanup on Aisle
/// Nine").
pub(crate) const SMALL_WORDS: [&str; 16] = [
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "is", "with", "as",
    "vs",
];

/// A word as title case writes it: capitalised, one of [`SMALL_WORDS`], or opening on a
/// digit or a sign ("2-B", "(Part").
pub(crate) fn title_case_word(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        || SMALL_WORDS.contains(&w)
}

/// An unquoted phrase written as an episode title: every word in title case and no
/// sentence end inside or after it ("New Voices", "Rickmancing the Stone", "Why Is Josh’s
/// Ex-Girlfriend Eating Carbs?"), as opposed to an article's sentence-case headline.
pub(crate) fn written_as_title(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|w| title_case_word(w))
        && !t.ends_with('.')
        && !t.contains(". ")
}

/// "one" to "twenty" as a number.
pub(crate) fn number_word(w: &str) -> Option<u32> {
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = w.to_ascii_lowercase();
    words.iter().position(|x| *x == lower).map(|i| i as u32 + 1)
}

fn number(m: Option<regex::Match<'_>>) -> Option<u32> {
    m.and_then(|m| m.as_str().parse().ok())
}

/// Trims separators, white space and the quotes that often wrap a series or episode title.
fn clean_name(s: &str) -> Option<String> {
    let trimmed = s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '–' | '—'
                    | '-'
                    | ':'
                    | '|'
                    | ','
                    | '"'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '\''
                    | '«'
                    | '»'
                    | '('
                    | ')'
            )
    });
    // A trailing closing quote may have been cut above while its opening one sits inside
    // a longer name; only names that still contain a letter are names at all.
    if trimmed.chars().any(char::is_alphabetic) {
        Some(fold_spaces(trimmed))
    } else {
        None
    }
}

pub(crate) fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Seasons written as ordinals or words are seasons, not part of the series name.
    #[test]
    fn ordinal_and_spelled_out_seasons() {
        assert_eq!(
            parse_headline("The Lantern Diaries – 2nd Season, Episode 6 Recap"),
            h("The Lantern Diaries", Some(2), 6, None)
        );
        assert_eq!(
            parse_headline("Harbor Lights Season Two, Episode 3 Review"),
            h("Harbor Lights", Some(2), 3, None)
        );
    }

    // A recap of several episodes at once is filed under the first of them.
    #[test]
    fn episode_ranges_take_the_first() {
        assert_eq!(
            parse_headline("'Andor' Season 2 Episodes 1-3 Recap"),
            h("Andor", Some(2), 1, None)
        );
        assert_eq!(
            parse_headline("Dark Lanes Episodes 4 & 5 Review"),
            h("Dark Lanes", None, 4, None)
        );
    }

    // A section label or site name before the series, cut off by a middle dot or a pipe,
    // is not part of the series name.
    #[test]
    fn kicker_before_the_series_is_dropped() {
        assert_eq!(
            parse_headline("TV Review · Cold Harbor, season 2, episode 3, “Slack Water”"),
            h("Cold Harbor", Some(2), 3, Some("Slack Water"))
        );
        assert_eq!(
            parse_headline("Anime | Star Lanes Episode 4 Review"),
            h("Star Lanes", None, 4, None)
        );
    }

    // A label that names the medium ("TV Review", "Anime Review") after the episode marker
    // is the article's kind, not the episode's title (both seen on real pages).
    #[test]
    fn medium_label_is_not_a_title() {
        assert_eq!(
            parse_headline("Cold Harbor: Season 3, Episode 2 – TV Review"),
            h("Cold Harbor", Some(3), 2, None)
        );
        assert_eq!(
            parse_headline("Star Lanes Episode #07 Anime Review"),
            h("Star Lanes", None, 7, None)
        );
        assert_eq!(
            parse_headline("Star Lanes Episode 7 Anime Review: “The Long Fall”"),
            h("Star Lanes", None, 7, Some("The Long Fall"))
        );
    }

    fn h(series: &str, season: Option<u32>, episode: u32, title: Option<&str>) -> Option<Headline> {
        Some(Headline {
            series: Some(series.to_string()),
            season,
            episode,
            title: title.map(str::to_string),
        })
    }

    #[test]
    fn common_headline_variants() {
        let cases = [
            (
                "Metallic Rouge – Season 1 Episode 1 Recap & Review",
                h("Metallic Rouge", Some(1), 1, None),
            ),
            ("Frieren — Episode 5 Review", h("Frieren", None, 5, None)),
            // The British "series" is a season; a label after the marker's closing
            // parenthesis is not the title.
            (
                "Harbour Lights recap: series 2, episode 5 – Low Water",
                h("Harbour Lights", Some(2), 5, Some("Low Water")),
            ),
            (
                "The Copper Job (1x03) Recap & Review: \"Blind Corners\"",
                h("The Copper Job", Some(1), 3, Some("Blind Corners")),
            ),
            ("Frieren - Ep. 5 Review", h("Frieren", None, 5, None)),
            (
                "Vesper Tide S01E03 Recap & Review",
                h("Vesper Tide", Some(1), 3, None),
            ),
            (
                "Shogun: Season 2, Episode 5 Recap",
                h("Shogun", Some(2), 5, None),
            ),
            (
                "Vesper Tide | Season 1 Episode 4 Recap and Review",
                h("Vesper Tide", Some(1), 4, None),
            ),
            (
                "Vesper Tide: Season 1 Ep. 5 Recap & Review",
                h("Vesper Tide", Some(1), 5, None),
            ),
            (
                "Vesper Tide Episode 1 Review: The Diver's Bell",
                h("Vesper Tide", None, 1, Some("The Diver's Bell")),
            ),
            (
                "Vesper Tide 1x04 “The Drowned Cathedral”",
                h("Vesper Tide", Some(1), 4, Some("The Drowned Cathedral")),
            ),
            (
                "Recap: Vesper Tide Season 1 Episode 2",
                h("Vesper Tide", Some(1), 2, None),
            ),
            (
                "Mob Psycho 100 Season 3 Episode 12 Review",
                h("Mob Psycho 100", Some(3), 12, None),
            ),
            // Page titles append the site after a pipe or middle dot.
            (
                "Show Season 1 Episode 3 Recap | Some Site",
                h("Show", Some(1), 3, None),
            ),
            (
                "Recap: Show season 2 episode 5, “The Long Table” · Some Site",
                h("Show", Some(2), 5, Some("The Long Table")),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_headline(line), want, "{line}");
        }
    }

    #[test]
    fn lines_without_an_episode_marker_are_not_headlines() {
        assert_eq!(parse_headline("Crimson Is The Sound of Dawn"), None);
        assert_eq!(parse_headline("The Episode Review"), None);
        assert_eq!(parse_headline(""), None);
    }

    // A body sentence may mention an episode; length alone keeps most of them out, and the
    // caller only offers the first short lines of an article.
    #[test]
    fn overlong_lines_are_not_headlines() {
        let long = format!("Episode 1 of Something {}", "word ".repeat(60));
        assert_eq!(parse_headline(&long), None);
    }

    fn word() -> impl Strategy<Value = String> {
        "[A-Z][a-z]{2,9}".prop_filter("not a label word", |w| {
            let l = w.to_lowercase();
            ![
                "season", "episode", "recap", "recaps", "review", "reviews", "and", "spoiler",
                "spoilers",
            ]
            .contains(&l.as_str())
                && !l.starts_with("ep")
        })
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = parse_headline(&s);
        }

        #[test]
        fn round_trips_generated_headlines(
            words in prop::collection::vec(word(), 1..4),
            season in 1u32..40,
            episode in 1u32..500,
            sep in prop::sample::select(vec![" – ", " — ", " - ", ": ", " | ", " "]),
            form in 0usize..4,
        ) {
            let series = words.join(" ");
            let line = match form {
                0 => format!("{series}{sep}Season {season} Episode {episode} Recap & Review"),
                1 => format!("{series}{sep}Season {season}, Episode {episode} Review"),
                2 => format!("{series}{sep}S{season:02}E{episode:02} Recap"),
                _ => format!("{series}{sep}Season {season} Ep. {episode} Recap and Review"),
            };
            let got = parse_headline(&line);
            prop_assert_eq!(got, Some(Headline { series: Some(series), season: Some(season), episode, title: None }));
        }
    }

    // Headlines without an episode marker still name the show (and perhaps the title).
    #[test]
    fn label_headlines_name_the_show() {
        assert_eq!(
            parse_label_headline("The Copper Sisters Recap: The Lamplighter’s Daughter"),
            Some((
                Some("The Copper Sisters".into()),
                Some("The Lamplighter’s Daughter".into())
            ))
        );
        assert_eq!(
            parse_label_headline("Watch Or Wait: ‘Night Porters’ On Streamly, A Hotel Comedy"),
            Some((Some("Night Porters".into()), None))
        );
        assert_eq!(
            parse_label_headline("Salt Lanterns Season 3 Episode 4 Review"),
            None
        );
        assert_eq!(
            parse_label_headline("a line of prose about nothing in particular"),
            None
        );
    }

    // An apostrophe inside single curly quotes does not end the quoted title.
    #[test]
    fn apostrophes_inside_quoted_titles() {
        assert_eq!(
            parse_headline(
                "Salt Lanterns Season 1, Episode 6 Review: ‘Dead Man’s Lantern’ Falls Flat"
            ),
            h("Salt Lanterns", Some(1), 6, Some("Dead Man’s Lantern"))
        );
    }
}
