//! Placing from a name: the file name a page was saved under, or the URL it came from,
//! often says the series and the episode when the page text does not
//! (`lycoris-recoil-12.txt`, `/show-season-2-episode-5-recap/`, `show-s03e08-title`).
//!
//! These cues are weaker than anything the text says: they only fill what the headline,
//! front matter and opening left unknown, and where they disagree with the text a warning
//! says so and the text wins. Slugs are lower case, so a name they give is looked for in
//! the text and written as the text writes it ("luck-logic" is "Luck & Logic"); a name the
//! text never writes is title-cased.

use crate::headline::{fold_spaces, written_as_title};
use crate::model::{Article, Warning};
use regex::Regex;
use std::sync::LazyLock;

/// What a slug says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SlugPlace {
    pub series: Option<String>,
    pub season: Option<u32>,
    pub episode: Option<u32>,
    pub title: Option<String>,
}

/// Words of a slug that label the page, never part of a series or a title.
const LABELS: [&str; 14] = [
    "recap",
    "recaps",
    "review",
    "reviews",
    "anime",
    "tv",
    "spoilers",
    "spoiler",
    "stream",
    "reaction",
    "thoughts",
    "impressions",
    "discussion",
    "preview",
];

/// A slug's number, in digits or as a word ("five").
fn number_word(w: &str) -> Option<u32> {
    w.parse()
        .ok()
        .filter(|&n| n < 10_000)
        .or_else(|| crate::headline::number_word(w))
}

/// The slug of a file name or URL: for a URL, the last path segment with an episode
/// marker, joined to the segment before it when the marker stands alone
/// (`/review/odd-taxi/episode-5/.172436`); for a file, its name without the extension.
fn slug_of(name: &str) -> String {
    let is_url = name.starts_with("http://") || name.starts_with("https://");
    if !is_url {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        return match file.rsplit_once('.') {
            Some((stem, ext)) if ext.len() <= 8 && !stem.is_empty() => stem.to_string(),
            _ => file.to_string(),
        };
    }
    let path = name
        .split_once("://")
        .map_or(name, |(_, rest)| rest)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let segments: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|s| {
            s.trim_end_matches(".html")
                .trim_end_matches(".htm")
                .to_string()
        })
        .filter(|s| s.chars().any(char::is_alphabetic))
        .collect();
    for (i, seg) in segments.iter().enumerate().rev() {
        let words = words_of(seg);
        if let Some(m) = find_marker(&words) {
            if m.start == 0 && i > 0 {
                return format!("{}-{seg}", segments[i - 1]);
            }
            return seg.clone();
        }
    }
    segments.last().cloned().unwrap_or_default()
}

fn words_of(slug: &str) -> Vec<String> {
    slug.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where an episode marker stands in a slug's words, and what it says.
struct Marker {
    start: usize,
    end: usize,
    season: Option<u32>,
    episode: u32,
    /// A bare trailing number ("soul-eater-08") is a weaker cue than a marked one.
    bare: bool,
}

// "s03e08", "3x02": one slug word that holds both numbers.
static SEASON_EPISODE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^s(\d{1,2})e(\d{1,4})$").expect("static regex"));
static CROSS_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})x(\d{1,3})$").expect("static regex"));

impl Marker {
    /// A marked (not bare) episode marker over words `start..end`.
    fn at(start: usize, end: usize, season: Option<u32>, episode: u32) -> Marker {
        Marker {
            start,
            end,
            season,
            episode,
            bare: false,
        }
    }
}

fn find_marker(words: &[String]) -> Option<Marker> {
    let (re_se, re_x) = (&*SEASON_EPISODE_WORD, &*CROSS_WORD);
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str);
        let next2 = words.get(i + 2).map(String::as_str);
        let next3 = words.get(i + 3).map(String::as_str);
        if let Some(c) = re_se.captures(w) {
            return Some(Marker::at(i, i + 1, c[1].parse().ok(), c[2].parse().ok()?));
        }
        if let Some(c) = re_x.captures(w) {
            return Some(Marker::at(i, i + 1, c[1].parse().ok(), c[2].parse().ok()?));
        }
        let episode_word = |x: Option<&str>| matches!(x, Some("episode" | "ep" | "e" | "eps"));
        if matches!(w.as_str(), "season" | "series" | "s") {
            if let (Some(season), true) = (next.and_then(number_word), episode_word(next2)) {
                if let Some(episode) = next3.and_then(number_word) {
                    return Some(Marker::at(i, i + 4, Some(season), episode));
                }
            }
        }
        if episode_word(Some(w)) {
            if let Some(episode) = next.and_then(number_word) {
                // "episode-4-07": a second, zero-padded number is the episode of the
                // season the first one names.
                if let Some(second) = next2.filter(|n| n.len() == 2 && n.starts_with('0')) {
                    if let Some(e2) = number_word(second) {
                        return Some(Marker::at(i, i + 3, Some(episode), e2));
                    }
                }
                return Some(Marker::at(i, i + 2, None, episode));
            }
        }
    }
    // "lycoris-recoil-12", "soul-eater-08-review": a number after the series words, with
    // only labels after it.
    let last = words.iter().rposition(|w| !LABELS.contains(&w.as_str()))?;
    let episode: u32 = words[last].parse().ok()?;
    (last > 0 && episode > 0 && episode < 200 && words[last].len() <= 3).then_some(Marker {
        start: last,
        end: last + 1,
        season: None,
        episode,
        bare: true,
    })
}

/// Reads a file name or URL for series, season, episode and title.
pub fn parse_slug(name: &str) -> SlugPlace {
    let slug = slug_of(name);
    let words = words_of(&slug);
    let Some(m) = find_marker(&words) else {
        return SlugPlace::default();
    };
    let keep = |w: &&String| !LABELS.contains(&w.as_str());
    let mut series: Vec<&String> = words[..m.start].iter().collect();
    // Labels and dates before or after the series ("review-better-call-saul",
    // "2022-05-...") and a page id after the title ("-3084278") are not names.
    while series
        .first()
        .is_some_and(|w| !keep(w) || w.chars().all(|c| c.is_ascii_digit()))
    {
        series.remove(0);
    }
    while series.last().is_some_and(|w| !keep(w)) {
        series.pop();
    }
    let mut title: Vec<&String> = words[m.end..].iter().collect();
    while title.first().is_some_and(|w| !keep(w)) {
        title.remove(0);
    }
    while title
        .last()
        .is_some_and(|w| !keep(w) || (w.len() > 4 && w.chars().all(|c| c.is_ascii_digit())))
    {
        title.pop();
    }
    let joined = |ws: &[&String]| {
        (!ws.is_empty()).then(|| ws.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" "))
    };
    SlugPlace {
        series: joined(&series),
        season: m.season,
        episode: Some(m.episode),
        title: if m.bare { None } else { joined(&title) },
    }
}

/// The words of `phrase` as `text` writes them (any case, any punctuation between the
/// words), or `None` when the text never writes them. One pass over the text's words, so
/// placing costs no pattern compiled per article.
fn as_written(phrase: &str, text: &str) -> Option<String> {
    let want: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    if want.is_empty() {
        return None;
    }
    // The text's words with their byte spans.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let same = |(s, e): (usize, usize), w: &str| text[s..e].to_lowercase() == w;
    words.windows(want.len()).find_map(|run| {
        let matches = run.iter().zip(&want).all(|(&span, w)| same(span, w));
        // At most a few characters of punctuation between the words ("Luck & Logic").
        let tight = run.windows(2).all(|p| p[1].0 - p[0].1 <= 4);
        (matches && tight).then(|| {
            let end = run[run.len() - 1].1;
            let name = &text[run[0].0..end];
            // "C3 -Cube x Cursed x Curious-": a subtitle opened by a hyphen is closed by one.
            let closes = name.contains(" -") && text[end..].starts_with('-');
            fold_spaces(&text[run[0].0..end + usize::from(closes)])
        })
    })
}

fn title_cased(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fills what the article's text left unknown from the file name or URL `name`; says in a
/// warning where the two disagree (the text's reading is kept).
pub fn place_from_name(article: &mut Article, name: &str, warnings: &mut Vec<Warning>) {
    let slug = parse_slug(name);
    let Some(episode) = slug.episode else {
        // A page called after its own headline ("rickmancing-the-stone-...-on-rick-and-
        // morty") may still name the series among its words.
        if article.series.is_none() && article.episode.is_some() {
            article.series = series_among_words(name, article);
        }
        return;
    };
    // The text a slug's words are looked for in: the headline and the body.
    let text: String = article
        .headline
        .iter()
        .chain(article.recap.iter())
        .chain(article.review.iter())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let series = slug
        .series
        .as_deref()
        .map(|s| as_written(s, &text).unwrap_or_else(|| title_cased(s)));
    let mut disagree = Vec::new();
    match (&article.series, &series) {
        (None, Some(s)) => article.series = Some(s.clone()),
        (Some(a), Some(s)) if !same_name(a, s) => disagree.push(format!("series “{s}”")),
        _ => {}
    }
    match article.episode {
        None => {
            article.episode = Some(episode);
            article.season = article.season.or(slug.season);
            let is_url = name.starts_with("http://") || name.starts_with("https://");
            article.placed_by = Some(crate::model::Placement::by(if is_url {
                crate::model::Cue::Url
            } else {
                crate::model::Cue::FileName
            }));
        }
        Some(e) if e != episode => disagree.push(format!("episode {episode}")),
        Some(_) => article.season = article.season.or(slug.season),
    }
    if let (Some(s), Some(a)) = (slug.season, article.season) {
        if s != a {
            disagree.push(format!("season {s}"));
        }
    }
    if article.title.is_none() {
        // A title only the slug gives is trusted when the text writes it as a title.
        article.title = slug
            .title
            .as_deref()
            .and_then(|t| as_written(t, &text))
            .filter(|t| written_as_title(t));
    }
    if !disagree.is_empty() {
        warnings.push(Warning {
            message: format!(
                "the name {name} says {}, unlike the text; the text's reading is kept",
                disagree.join(", ")
            ),
        });
    }
}

/// For a placed episode whose series the text never states: the longest run of at least
/// two of the name's words that the text writes as a name (in title case), other than the
/// episode's title. Slugs of pages named after their headline often end on the show's name.
fn series_among_words(name: &str, article: &Article) -> Option<String> {
    let words = words_of(&slug_of(name));
    let text: String = article
        .recap
        .iter()
        .chain(article.review.iter())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let title = article.title.as_deref().map(str::to_lowercase);
    for len in (2..=words.len().min(6)).rev() {
        for run in words.windows(len) {
            let small = |w: &String| crate::headline::SMALL_WORDS.contains(&w.as_str());
            if run.iter().any(|w| LABELS.contains(&w.as_str()))
                || run.first().is_some_and(small)
                || run.last().is_some_and(small)
            {
                continue;
            }
            let phrase = run.join(" ");
            let Some(written) = as_written(&phrase, &text) else {
                continue;
            };
            // A part of the episode's title is not the series.
            let is_title = title
                .as_deref()
                .is_some_and(|t| t.contains(written.to_lowercase().as_str()));
            let capitalised = written.chars().next().is_some_and(char::is_uppercase);
            if capitalised && written_as_title(&written) && !is_title {
                return Some(written);
            }
        }
    }
    None
}

/// Two spellings of one series name: the same letters and digits, ignoring case,
/// punctuation and a leading "The".
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let l = s.to_lowercase();
        let l = l.strip_prefix("the ").unwrap_or(&l).to_string();
        l.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(
        series: Option<&str>,
        season: Option<u32>,
        episode: u32,
        title: Option<&str>,
    ) -> SlugPlace {
        SlugPlace {
            series: series.map(str::to_string),
            season,
            episode: Some(episode),
            title: title.map(str::to_string),
        }
    }

    // Every common way a saved page or a URL names the episode.
    #[test]
    fn file_names_and_urls_place_the_episode() {
        for (name, want) in [
            (
                "harbour-lights-s1e4-notes.txt",
                slug(Some("harbour lights"), Some(1), 4, Some("notes")),
            ),
            (
                "https://example.com/2024/05/harbour-lights-season-2-episode-5-recap/",
                slug(Some("harbour lights"), Some(2), 5, None),
            ),
            (
                "https://example.com/review/cold-fathom/episode-7/.120394",
                slug(Some("cold fathom"), None, 7, None),
            ),
            (
                "cold-fathom-12.txt",
                slug(Some("cold fathom"), None, 12, None),
            ),
            (
                "cold-fathom-08-review.md",
                slug(Some("cold fathom"), None, 8, None),
            ),
            (
                "harbour-lights-season-one-episode-five-recap-winter",
                slug(Some("harbour lights"), Some(1), 5, Some("winter")),
            ),
            (
                "review-harbour-lights-season-4-episode-4",
                slug(Some("harbour lights"), Some(4), 4, None),
            ),
            (
                "https://example.com/harbour-lights-episode-4-07-review",
                slug(Some("harbour lights"), Some(4), 7, None),
            ),
            (
                "harbour-lights-recap-season-3-episode-3-the-drop-3084278.html",
                slug(Some("harbour lights"), Some(3), 3, Some("the drop")),
            ),
            (
                "star-lanes-ep-5-the-long-table",
                slug(Some("star lanes"), None, 5, Some("the long table")),
            ),
            (
                "harbour-lights-3x02.txt",
                slug(Some("harbour lights"), Some(3), 2, None),
            ),
        ] {
            assert_eq!(parse_slug(name), want, "{name}");
        }
        // No marker, no place: a page called after its own headline says nothing.
        assert_eq!(
            parse_slug("this-is-my-distraction-dance.txt"),
            SlugPlace::default()
        );
        assert_eq!(parse_slug("notes.txt"), SlugPlace::default());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        // Any file name or address is read without a panic.
        #[test]
        fn any_name_never_panics(name in ".{0,300}") {
            let _ = parse_slug(&name);
        }

        // A series slug with an `s<N>e<M>` marker, in a file name or a URL path, is placed at
        // that season and episode under that series, whatever title follows.
        #[test]
        fn a_marked_slug_gives_its_season_and_episode(
            series in proptest::sample::select(vec!["harbour-lights", "cold-fathom", "star-lanes", "vesper-bell-academy"]),
            season in 1u32..30,
            episode in 1u32..200,
            title in proptest::sample::select(vec!["", "-the-long-table", "-winter", "-recap"]),
            url in proptest::bool::ANY,
        ) {
            let name = if url {
                format!("https://example.com/2024/05/{series}-s{season}e{episode}{title}/")
            } else {
                format!("{series}-s{season}e{episode}{title}.txt")
            };
            let got = parse_slug(&name);
            let want = series.replace('-', " ");
            proptest::prop_assert_eq!(got.series.as_deref(), Some(want.as_str()));
            proptest::prop_assert_eq!(got.season, Some(season));
            proptest::prop_assert_eq!(got.episode, Some(episode));
        }
    }

    fn article(headline: &str, recap: &str) -> Article {
        crate::parse_str(&format!("{headline}\n\n{recap}"), "t")
            .expect("reads")
            .article
    }

    // A slug's lower-case words are written as the text writes them, and fill only what
    // the text left open.
    #[test]
    fn a_slug_fills_what_the_text_leaves_open_in_the_texts_spelling() {
        let mut a = article(
            "Some thoughts on this week.",
            "I watched Luck & Logic again and Yoshi is still the best part of it all.",
        );
        let mut w = Vec::new();
        place_from_name(
            &mut a,
            "luck-logic-ep-8-review-it-is-logical-to-drop-this.txt",
            &mut w,
        );
        assert_eq!(
            (a.series.as_deref(), a.episode),
            (Some("Luck & Logic"), Some(8))
        );
        assert_eq!(
            a.title, None,
            "a sentence-case headline in a slug is no episode title"
        );
        assert!(w.is_empty(), "{w:?}");
        // A page named after its headline: the series among its words, not its title.
        let mut c = article(
            "Spoilers ahead, kind of.",
            "That is especially cool for Ember Gate, since it takes years between seasons.\n\nIn season 3, episode 2 — Salt and Iron — the crew splits.",
        );
        place_from_name(
            &mut c,
            "salt-and-iron-is-a-triumph-for-ember-gate.txt",
            &mut w,
        );
        assert_eq!(
            (c.series.as_deref(), c.episode, c.title.as_deref()),
            (Some("Ember Gate"), Some(2), Some("Salt and Iron"))
        );
        // A series the text never writes is title-cased.
        let mut b = article(
            "A quiet week.",
            "Nothing names the show in this text at all, really.",
        );
        place_from_name(
            &mut b,
            "https://blog.example/2012/05/08/ember-gate-episode-5/",
            &mut w,
        );
        assert_eq!(
            (b.series.as_deref(), b.episode),
            (Some("Ember Gate"), Some(5))
        );
    }

    // The text wins over the name, and the disagreement is reported.
    #[test]
    fn a_name_that_disagrees_with_the_text_is_a_warning() {
        let mut a = article(
            "Ember Gate – Season 1 Episode 3 Recap",
            "Mira opens the gate.",
        );
        let mut w = Vec::new();
        place_from_name(&mut a, "ember-gate-s1e4.txt", &mut w);
        assert_eq!(a.episode, Some(3));
        assert!(w.iter().any(|w| w.message.contains("episode 4")), "{w:?}");
    }
}
