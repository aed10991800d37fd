//! Explicit scores a review states ("8/10", "4 out of 5 stars", "Grade: B+", "★★★½"),
//! parsed and normalised to a ratio in [0, 1]. A stated score wins over the lexicon when the
//! verdict is decided, because it is the critic's own summary.
//!
//! A number is read as a score only where the text marks it as one: a score word before it
//! ("Score:", "Rating:", "I give it", "Grade"), an article before it ("a 9/10"), "stars"
//! after it, a short line that holds little else ("**Score: 8/10**" after Markdown is
//! stripped), or a clause of its own ("7.5/10, cautiously hyped."). "24/7" in a sentence is
//! not a score, nor is a date. Out-of-range scores ("11/10", "-3/5") are clamped, and a grade
//! with more than one sign ("B++") is read with its first sign, each with a note.
//!
//! This module replaced a second, simpler parser that lived in `review.rs`; its tests are
//! kept below (`review_parser_cases_still_hold`).

use regex::Regex;
use std::sync::LazyLock;

/// A score as the article wrote it, and where it falls on its scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplicitScore {
    /// The score as written ("8/10", "B+", "4 out of 5 stars").
    pub written: String,
    /// Position on the scale: 0 is the worst, 1 the best.
    pub ratio: f64,
    /// What was adjusted or doubtful about it, for diagnostics.
    pub note: Option<String>,
}

/// Where a stated score stops being negative and starts being positive, as a share of its
/// scale. Critics' scales are not symmetric around the middle: 4/10, two stars of five or
/// a C- is a negative review, 5/10 to 6/10, three stars or a B- a mixed one, and 7/10,
/// three and a half stars or a B+ a positive one.
const NEGATIVE_UP_TO: f64 = 0.45;
const POSITIVE_FROM: f64 = 0.65;

impl ExplicitScore {
    /// The score on the verdict scale [-1, 1], where the labels' bounds are ±0.25: linear
    /// between the scale's ends and the two bounds above, so 4/10 reads as negative and
    /// 7/10 as positive.
    pub fn verdict_score(&self) -> f64 {
        let r = self.ratio.clamp(0.0, 1.0);
        let score = if r <= NEGATIVE_UP_TO {
            -1.0 + r / NEGATIVE_UP_TO * 0.75
        } else if r < POSITIVE_FROM {
            -0.25 + (r - NEGATIVE_UP_TO) / (POSITIVE_FROM - NEGATIVE_UP_TO) * 0.5
        } else {
            0.25 + (r - POSITIVE_FROM) / (1.0 - POSITIVE_FROM) * 0.75
        };
        score.clamp(-1.0, 1.0)
    }
}

/// A line this short that contains a fraction is a score line ("Score: 7.5/10").
const SCORE_LINE_CHARS: usize = 40;

static SCORE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:score|scored|rating|rated|rate|grade|graded|verdict|give|gives|giving|gave|earns|earned|gets|got|deserves|deserved|my take)\b[^.!?]{0,25}$")
        .expect("static regex")
});
/// An article (and at most one adjective) right before the number: "a 9/10", "a solid 8/10".
static ARTICLE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:a|an)(?:\s+[a-z]+)?\s*$").expect("static regex"));
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w./])([-−]?\d{1,3}(?:[.,]\d{1,2})?)\s*(?:/|out\s+of)\s*(\d{1,3})\b(\s+stars?)?")
        .expect("static regex")
});
static STARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|[^\w.])(\d(?:\.5)?)\s+stars?\b").expect("static regex"));
static STAR_GLYPHS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(★+)(½)?(☆*)").expect("static regex"));
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:grade|graded|rating)\s*[:\-–—]?\s*([A-F])([+\-−]*)(?:[^\w+\-−]|$)")
        .expect("static regex")
});
// "Score: A-", "Verdict: B", "Overall: D": a capital letter grade after a colon.
static LABELLED_GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:score|verdict|overall)\s*:\s*((?-i:[A-F]))([+\-−]*)(?:[^\w+\-−]|$)")
        .expect("static regex")
});
// A letter grade alone on its line ("B+"), as some outlets set it above the headline.
static LONE_GRADE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-F])([+\-−]?)$").expect("static regex"));
// "Rating: 7.5", "Score: 8": a number after a score label, with no scale written: out of 10.
static LABELLED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:our|the|final|overall|episode|critic[’']?s|editor[’']?s)\s+)?(?:rating|score)\s*:\s*(\d{1,2}(?:\.\d)?)\s*$")
        .expect("static regex")
});
// A line that is somebody else's score: the readers', the community's, a poll.
static NOT_THE_CRITICS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:community|readers?|users?|audience|viewers?|fans?|imdb|average|poll|how would you rate|rate this)\b")
        .expect("static regex")
});
// "Animation: 9/10", "Story: F": a score of one part of the episode, beside the overall one.
static SUB_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:story|plot|characters?|animation|art|visuals|sound|music|soundtrack|voice acting|acting|writing|pacing|action|enjoyment|direction|production)\s*:")
        .expect("static regex")
});

/// The words a score without a digit or a star needs ("Grade: B+", "Overall: D").
static SCORE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["grade", "rating", "score", "verdict", "overall"])
        .expect("static automaton")
});

/// Finds the last explicit score in the review paragraphs (the verdict usually closes a
/// review, and an earlier number is more often a comparison than the critic's score).
///
/// Somebody else's score (a readers' poll, "Community score: 4.4") is never the critic's,
/// and a score of one part of the episode ("Animation: 9/10") only stands beside an overall
/// one: with sub-scores alone, no overall score is stated.
pub fn find(review: &[&str]) -> Option<ExplicitScore> {
    // The score forms are looked for first: they exit early on the many paragraphs
    // without a digit or a score word, where the others' patterns would read every byte.
    review
        .iter()
        .rev()
        .find_map(|p| find_in(p).filter(|_| the_critics(p)))
}

/// Whether a paragraph holding a score is the critic's overall one: not somebody else's
/// (a poll, a community score) and not a part's score.
fn the_critics(p: &str) -> bool {
    !NOT_THE_CRITICS.is_match(p) && !SUB_SCORE.is_match(p.trim())
}

/// [`find`] over paragraphs outside the review (a recap that states its grade in a line of
/// its own or in a sentence): only forms that cannot be anything but a score are read —
/// labelled grades, stars, and fractions over 5, 10 or 100.
pub fn find_outside_review(paras: &[&str]) -> Option<ExplicitScore> {
    paras.iter().rev().find_map(|p| {
        find_in(p).filter(|s| {
            the_critics(p)
                && (s.written.contains('★')
                    || s.written.to_ascii_lowercase().contains("star")
                    || s.written.starts_with(|c: char| c.is_ascii_uppercase())
                    || ["/5", "/10", "/100", " out of 5", " out of 10"]
                        .iter()
                        .any(|scale| s.written.ends_with(scale)))
        })
    })
}

fn find_in(paragraph: &str) -> Option<ExplicitScore> {
    let p = paragraph.trim();
    // Every score form needs an ASCII digit (a number in other digits never parses), a
    // star glyph, or the word "grade" / "rating" (in any case; their letters have no
    // non-ASCII case variants). Most paragraphs have none, and skip the patterns.
    let digit = p.bytes().any(|b| b.is_ascii_digit());
    let star_glyph = p.contains('★');
    let lone_letter = p.len() <= 4 && p.starts_with(|c: char| ('A'..='F').contains(&c));
    // Most paragraphs (every recap paragraph is looked at) hold no score at all: tell so
    // without copying them. The letters of the score words have no non-ASCII case
    // variants, so an ASCII case-insensitive search finds them all.
    if !digit && !star_glyph && !lone_letter && !SCORE_WORDS.is_match(p) {
        return None;
    }
    // Each pattern below runs only when the words it needs are there, in any case ("ſ"
    // folds to "s", so the star word is looked for as "tar").
    let lower = p.to_ascii_lowercase();
    let graded = lower.contains("grade") || lower.contains("rating");
    let short = p.chars().count() <= SCORE_LINE_CHARS;
    if let Some(c) = LONE_GRADE.captures(p) {
        return Some(letter_grade(&c[1], c.get(2).map_or("", |m| m.as_str())));
    }
    if let Some(c) = LABELLED_NUMBER.captures(p) {
        let value: f64 = c[1].parse().ok()?;
        return Some(fraction(&c[1], value, 10.0));
    }
    let labelled =
        lower.contains("score") || lower.contains("verdict") || lower.contains("overall");
    if let Some(c) = labelled
        .then(|| LABELLED_GRADE.captures_iter(p).last())
        .flatten()
    {
        return Some(letter_grade(&c[1], c.get(2).map_or("", |m| m.as_str())));
    }
    if let Some(c) = graded.then(|| GRADE.captures_iter(p).last()).flatten() {
        let letter = c.get(1)?.as_str();
        let signs = c.get(2).map_or("", |m| m.as_str());
        return Some(letter_grade(letter, signs));
    }
    if let Some(c) = star_glyph
        .then(|| STAR_GLYPHS.captures_iter(p).last())
        .flatten()
    {
        let full = c.get(1)?.as_str().chars().count() as f64;
        let half: f64 = if c.get(2).is_some() { 0.5 } else { 0.0 };
        let empty = c.get(3).map_or(0, |m| m.as_str().chars().count()) as f64;
        // With empty stars the scale is written out; without them, five is the convention.
        let scale = if empty > 0.0 {
            full + half.ceil() + empty
        } else {
            5.0
        };
        return Some(fraction(&c[0], full + half, scale.max(full + half)));
    }
    let mut found = None;
    // A fraction is an ASCII number (others never parse) over "/" or "out of".
    let fractions = digit && (p.contains('/') || lower.contains("out"));
    for c in fractions
        .then(|| FRACTION.captures_iter(p))
        .into_iter()
        .flatten()
    {
        let Some(whole) = c.get(0) else { continue };
        let Some(number) = c.get(1) else { continue };
        let before = &p[..whole.start()];
        let after = &p[whole.end()..];
        // A date ("11/10/2024") goes on with another slash and number.
        if after.starts_with('/') {
            continue;
        }
        let stars = c.get(3).is_some();
        // A clause of its own: nothing but punctuation between it and the clause edges.
        let alone_before = {
            let b = &p[..number.start()];
            let t = b.trim_end();
            t.is_empty() || t.ends_with(['.', ',', ';', ':', '!', '?', '(', '—', '–', '-'])
        };
        let alone_after = {
            let t = after.trim_start();
            t.is_empty() || t.starts_with([',', '.', ';', '!', '?', ')', '—', '–'])
        };
        let marked = short
            || stars
            || SCORE_WORD.is_match(before)
            || ARTICLE_BEFORE.is_match(before)
            || (alone_before && alone_after);
        if !marked {
            continue;
        }
        let Ok(value) = number
            .as_str()
            .replace(',', ".")
            .replace('−', "-")
            .parse::<f64>()
        else {
            continue;
        };
        let Some(Ok(scale)) = c.get(2).map(|m| m.as_str().parse::<f64>()) else {
            continue;
        };
        if ![3.0, 4.0, 5.0, 10.0, 20.0, 100.0].contains(&scale) {
            continue;
        }
        let written = p[number.start()..whole.end()].trim();
        found = Some(fraction(written, value, scale));
    }
    if found.is_some() {
        return found;
    }
    if let Some(c) = (digit && lower.contains("tar"))
        .then(|| STARS.captures_iter(p).last())
        .flatten()
    {
        let whole = c.get(0)?;
        let before = &p[..whole.start()];
        if short || SCORE_WORD.is_match(before) || ARTICLE_BEFORE.is_match(before) {
            let value: f64 = c.get(1)?.as_str().parse().ok()?;
            let written = whole
                .as_str()
                .trim_start_matches(|ch: char| !ch.is_ascii_digit())
                .trim();
            return Some(fraction(written, value, 5.0));
        }
    }
    None
}

fn fraction(written: &str, value: f64, scale: f64) -> ExplicitScore {
    let mut note = None;
    let clamped = value.clamp(0.0, scale);
    if clamped != value {
        note = Some(format!(
            "the score {written} is outside its 0–{scale} scale; read as {clamped}/{scale}"
        ));
    }
    ExplicitScore {
        written: written.to_string(),
        ratio: clamped / scale,
        note,
    }
}

/// Letter grades on the usual grade-point scale (A = 4.0, each + or − a third of a step,
/// A+ the top at 4.33), so that B− sits just above the middle ("mixed") and D is clearly bad.
fn letter_grade(letter: &str, signs: &str) -> ExplicitScore {
    let base: f64 = match letter.to_ascii_uppercase().as_str() {
        "A" => 4.0,
        "B" => 3.0,
        "C" => 2.0,
        "D" => 1.0,
        _ => 0.0,
    };
    let plus = signs.matches('+').count();
    let minus = signs.chars().filter(|&c| c == '-' || c == '−').count();
    let written = format!("{}{}", letter.to_ascii_uppercase(), signs);
    let mut note = None;
    if plus + minus > 1 {
        let first = signs.chars().next().map(String::from).unwrap_or_default();
        note = Some(format!(
            "the grade {written} has more than one sign; read as {}{first}",
            letter.to_ascii_uppercase()
        ));
    }
    let first_is_plus = signs.starts_with('+');
    let step = match (plus + minus > 0, first_is_plus) {
        (true, true) if base > 0.0 => 1.0 / 3.0,
        (true, false) if base > 0.0 => -1.0 / 3.0,
        _ => 0.0,
    };
    let points = base + step;
    ExplicitScore {
        written,
        ratio: (points / (4.0 + 1.0 / 3.0)).clamp(0.0, 1.0),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(p: &str) -> Option<ExplicitScore> {
        find(&[p])
    }

    #[test]
    fn common_score_forms() {
        let s = one("Score: 8/10").expect("score");
        assert_eq!((s.written.as_str(), s.ratio), ("8/10", 0.8));
        let s = one("Score: 7.5/10").expect("score");
        assert_eq!(s.ratio, 0.75);
        let s = one("I give it 4 out of 5 stars.").expect("score");
        assert_eq!((s.written.as_str(), s.ratio), ("4 out of 5 stars", 0.8));
        let s = one("Rating: 4 out of 5 stars").expect("score");
        assert_eq!(s.written, "4 out of 5 stars");
        let s = one("Rating: 3.5 stars").expect("score");
        assert_eq!(s.ratio, 0.7);
        let s = one("Grade: B+").expect("grade");
        assert_eq!(s.written, "B+");
        assert!((s.ratio - (3.0 + 1.0 / 3.0) / (13.0 / 3.0)).abs() < 1e-9);
        let s = one("Grade: A−").expect("grade with a typographic minus");
        assert_eq!(s.written, "A−");
        let s = one("★★★½☆").expect("stars");
        assert_eq!(s.ratio, 0.7);
        let s = one("★★★½").expect("stars without empty ones");
        assert_eq!(s.ratio, 0.7);
    }

    // A score written as a clause of its own inside a long paragraph is still the score.
    #[test]
    fn a_fraction_standing_alone_in_prose_is_a_score() {
        let s = one("Still, I'm in. All ten episodes are on the service, and I'll be back for ep 2 this week. 7.5/10, cautiously hyped.")
            .expect("score");
        assert_eq!(s.written, "7.5/10");
        let s = one("It is, in the end, a solid 8/10 for a show still finding its feet.")
            .expect("score");
        assert_eq!(s.written, "8/10");
    }

    // A number with a slash inside prose is not a score unless a score word marks it.
    #[test]
    fn fractions_in_prose_are_not_scores() {
        assert_eq!(
            one("The crew works 24/7 to keep the ship afloat, and it shows in every frame."),
            None
        );
        assert_eq!(
            one("She finished 3/4 of the climb before the storm hit the mountain that night."),
            None
        );
        assert_eq!(
            one("The episode aired on 11/10/2024 to a quiet reception from most of its fans."),
            None
        );
        assert!(one("All told, this episode earns a 9/10 from me.").is_some());
    }

    // Out-of-range and odd scores are handled with a note, never a panic.
    #[test]
    fn odd_scores_get_a_note() {
        let s = one("Score: 11/10").expect("score");
        assert_eq!(s.ratio, 1.0);
        assert!(s.note.as_deref().is_some_and(|n| n.contains("outside")));
        let s = one("Score: -3/5").expect("score");
        assert_eq!(s.ratio, 0.0);
        assert!(s.note.is_some());
        let s = one("Grade: B++").expect("grade");
        assert!(s
            .note
            .as_deref()
            .is_some_and(|n| n.contains("more than one sign")));
        assert_eq!(s.written, "B++");
        let s = one("Grade: F+").expect("grade");
        assert_eq!(s.ratio, 0.0);
        assert_eq!(one(""), None);
        assert_eq!(one("Great."), None);
        assert_eq!(one("Score:"), None);
        assert_eq!(one("Grade: Z"), None);
    }

    #[test]
    fn the_last_score_wins() {
        let review = ["Last week I gave it Score: 5/10 in my head.", "Score: 9/10"];
        assert_eq!(find(&review).map(|s| s.written), Some("9/10".to_string()));
    }

    // The cases of the parser this module replaced (it lived in review.rs).
    #[test]
    fn review_parser_cases_still_hold() {
        assert_eq!(
            one("**Score: 8/10**").map(|x| x.written),
            Some("8/10".to_string())
        );
        // 8/10 is 0.8 of the scale: 0.25 + (0.8 − 0.65) / 0.35 × 0.75.
        assert!(one("Score: 8/10")
            .is_some_and(|x| (x.verdict_score() - (0.25 + 0.15 / 0.35 * 0.75)).abs() < 1e-9));
        assert!(one("Grade: B+").is_some_and(|x| x.written == "B+" && x.verdict_score() > 0.25));
        assert!(one("I give it 4 out of 5.").is_some_and(|x| x.verdict_score() > 0.5));
        // A date-like "10/5" is not a score.
        assert!(one("It aired at 10/5 central, after the news, on a Tuesday night.").is_none());
    }

    // The verdict labels the demo's grades must earn: B− is mixed, B+ positive, D negative.
    #[test]
    fn letter_grades_map_to_the_expected_labels() {
        use crate::model::Label;
        let label =
            |g: &str| one(&format!("Grade: {g}")).map(|s| Label::from_score(s.verdict_score()));
        assert_eq!(label("A"), Some(Label::Positive));
        assert_eq!(label("B+"), Some(Label::Positive));
        assert_eq!(label("B-"), Some(Label::Mixed));
        assert_eq!(label("C"), Some(Label::Mixed));
        assert_eq!(label("D"), Some(Label::Negative));
        assert_eq!(label("F"), Some(Label::Negative));
    }

    // Numeric scales follow critics' habits, not their arithmetic middle: 4/10 and two
    // stars are negative, 5/10, 6/10 and three stars mixed, 7/10 and three and a half
    // stars positive.
    #[test]
    fn numeric_scores_map_to_critics_labels() {
        use crate::model::Label;
        let label = |s: &str| one(s).map(|x| Label::from_score(x.verdict_score()));
        assert_eq!(label("Score: 4/10"), Some(Label::Negative));
        assert_eq!(label("Score: 5/10"), Some(Label::Mixed));
        assert_eq!(label("Score: 6/10"), Some(Label::Mixed));
        assert_eq!(label("Score: 7/10"), Some(Label::Positive));
        assert_eq!(label("Rating: 2 out of 5 stars"), Some(Label::Negative));
        assert_eq!(label("Rating: 3 out of 5 stars"), Some(Label::Mixed));
        assert_eq!(label("Rating: 3.5 out of 5 stars"), Some(Label::Positive));
    }

    // Every common form of a stated grade, and scores that are not the critic's.
    #[test]
    fn grade_forms_and_scores_that_are_not_the_critics() {
        let written = |p: &[&str]| find(p).map(|s| s.written);
        assert_eq!(written(&["B+"]).as_deref(), Some("B+"));
        assert_eq!(written(&["Score: A-"]).as_deref(), Some("A-"));
        assert_eq!(written(&["Verdict: B"]).as_deref(), Some("B"));
        assert_eq!(written(&["Overall: D"]).as_deref(), Some("D"));
        assert_eq!(written(&["Rating: 7.5"]).as_deref(), Some("7.5"));
        assert_eq!(
            written(&["I give it 8 out of 10."]).as_deref(),
            Some("8 out of 10")
        );
        assert_eq!(written(&["Score: 4.5/5"]).as_deref(), Some("4.5/5"));
        assert_eq!(written(&["★★★½"]).as_deref(), Some("★★★½"));
        assert_eq!(
            written(&["Rating: 3.5 stars"]).as_deref(),
            Some("3.5 stars")
        );
        // Readers' scores and polls are never the critic's.
        assert_eq!(written(&["Community score: 4.4"]), None);
        assert_eq!(
            written(&["How would you rate episode 21 of Ember Gate?"]),
            None
        );
        assert_eq!(written(&["Readers' rating: 8/10"]), None);
        // "Overall a fine hour" is a sentence, not a grade A.
        assert_eq!(written(&["Overall a fine hour of television."]), None);
        // Sub-scores stand beside the overall grade, never for it.
        assert_eq!(
            written(&["Story: F", "Animation: B", "Overall: D"]).as_deref(),
            Some("D")
        );
        assert_eq!(
            written(&[
                "Episode 8 (10/10 A masterpiece)",
                "Animation: 9/10",
                "Pacing: 9/10"
            ])
            .as_deref(),
            Some("10/10")
        );
        assert_eq!(written(&["Animation: 9/10"]), None);
        // Outside the review only unmistakable scores count.
        assert_eq!(
            find_outside_review(&["Overall, this is a 7.5/10 for me."])
                .map(|s| s.written)
                .as_deref(),
            Some("7.5/10")
        );
        assert_eq!(find_outside_review(&["They won 3/4 of the rounds."]), None);
    }
}
