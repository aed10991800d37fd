//! Explicit scores a review states ("8/10", "4 out of 5 stars", "Grade: B+", "★★★½"),
//! parsed and normalised to a ratio in [0, 1]. A stated score wins over the lexicon when the
//! verdict is decided, because it is the critic's own summary.
//!
//! A number is read as a score only where the text marks it as one: a score word before it
//! ("Score:", "Rating:", "I give it", "Grade"), "stars" after it, or a short line that holds
//! little else ("**Score: 8/10**" after Markdown is stripped). "24/7" in a sentence is not a
//! score. Out-of-range scores ("11/10", "-3/5") are clamped, with a note.

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

/// A line this short that contains a fraction is a score line ("Score: 7.5/10").
const SCORE_LINE_CHARS: usize = 40;

static SCORE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:score|scored|rating|rated|grade|graded|verdict|give it|gives it|giving it|earns|gets|deserves)\b[^.!?]{0,25}$")
        .expect("static regex")
});
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w./])(-?\d{1,3}(?:[.,]\d{1,2})?)\s*(?:/|out\s+of)\s*(\d{1,3})\b(\s+stars?)?").expect("static regex")
});
static STARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w.])(\d(?:\.5)?)\s+stars?\b").expect("static regex")
});
static STAR_GLYPHS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([★]+)(½)?([☆]*)").expect("static regex"));
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bgrade\s*[:\-–—]?\s*([A-F])([+\-−]*)(?:[^\w+\-]|$)").expect("static regex")
});

/// Finds the last explicit score in the review paragraphs (the verdict usually closes a
/// review, and an earlier number is more often a comparison than the critic's score).
pub fn find(review: &[String]) -> Option<ExplicitScore> {
    review.iter().rev().find_map(|p| find_in(p))
}

fn find_in(paragraph: &str) -> Option<ExplicitScore> {
    let p = paragraph.trim();
    let short = p.chars().count() <= SCORE_LINE_CHARS;
    if let Some(c) = GRADE.captures(p) {
        let letter = c.get(1)?.as_str();
        let signs = c.get(2).map_or("", |m| m.as_str());
        return Some(letter_grade(letter, signs));
    }
    if let Some(c) = STAR_GLYPHS.captures(p) {
        let full = c.get(1)?.as_str().chars().count() as f64;
        let half: f64 = if c.get(2).is_some() { 0.5 } else { 0.0 };
        let empty = c.get(3).map_or(0, |m| m.as_str().chars().count()) as f64;
        let scale = if empty > 0.0 || half > 0.0 { full + half.ceil() + empty } else { 5.0 };
        return Some(fraction(&c[0], full + half, scale.max(full + half)));
    }
    for c in FRACTION.captures_iter(p) {
        let whole = c.get(0)?;
        let before = &p[..whole.start()];
        let stars = c.get(3).is_some();
        if !(short || stars || SCORE_WORD.is_match(before)) {
            continue;
        }
        let value: f64 = c.get(1)?.as_str().replace(',', ".").parse().ok()?;
        let scale: f64 = c.get(2)?.as_str().parse().ok()?;
        if scale < 3.0 || !(scale == 3.0 || scale == 4.0 || scale == 5.0 || scale == 10.0 || scale == 20.0 || scale == 100.0) {
            continue;
        }
        let written = whole.as_str().trim_start_matches(|ch: char| !ch.is_ascii_digit() && ch != '-').trim();
        return Some(fraction(written, value, scale));
    }
    if let Some(c) = STARS.captures(p) {
        let before = &p[..c.get(0)?.start()];
        if short || SCORE_WORD.is_match(before) {
            let value: f64 = c.get(1)?.as_str().parse().ok()?;
            let written = c.get(0)?.as_str().trim_start_matches(|ch: char| !ch.is_ascii_digit()).trim();
            return Some(fraction(written, value, 5.0));
        }
    }
    None
}

fn fraction(written: &str, value: f64, scale: f64) -> ExplicitScore {
    let mut note = None;
    let clamped = value.clamp(0.0, scale);
    if clamped != value {
        note = Some(format!("the score {written} is outside its 0–{scale} scale; read as {clamped}/{scale}"));
    }
    ExplicitScore { written: written.to_string(), ratio: clamped / scale, note }
}

/// Letter grades on the usual grade-point scale (A = 4.0, each + or − a third of a step,
/// A+ the top at 4.33), so that B− sits below the middle of "good" and D is clearly bad.
fn letter_grade(letter: &str, signs: &str) -> ExplicitScore {
    let base = match letter.to_ascii_uppercase().as_str() {
        "A" => 4.0,
        "B" => 3.0,
        "C" => 2.0,
        "D" => 1.0,
        _ => 0.0,
    };
    let plus = signs.matches('+').count();
    let minus = signs.chars().filter(|&c| c == '-' || c == '−').count();
    let mut note = None;
    if plus + minus > 1 {
        note = Some(format!("the grade {letter}{signs} has more than one sign; read as {letter}{}", &signs[..signs.chars().next().map_or(0, char::len_utf8)]));
    }
    let step = match (plus > 0, minus > 0) {
        (true, _) if base > 0.0 => 1.0 / 3.0,
        (false, true) if base > 0.0 => -1.0 / 3.0,
        _ => 0.0,
    };
    let points = base + step;
    ExplicitScore { written: format!("{}{}", letter.to_ascii_uppercase(), signs), ratio: points / (4.0 + 1.0 / 3.0), note }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(p: &str) -> Option<ExplicitScore> {
        find(&[p.to_string()])
    }

    #[test]
    fn common_score_forms() {
        let s = one("Score: 8/10").expect("score");
        assert_eq!((s.written.as_str(), s.ratio), ("8/10", 0.8));
        let s = one("Score: 7.5/10").expect("score");
        assert_eq!(s.ratio, 0.75);
        let s = one("I give it 4 out of 5 stars.").expect("score");
        assert_eq!((s.written.as_str(), s.ratio), ("4 out of 5 stars", 0.8));
        let s = one("Rating: 3.5 stars").expect("score");
        assert_eq!(s.ratio, 0.7);
        let s = one("Grade: B+").expect("grade");
        assert_eq!(s.written, "B+");
        assert!((s.ratio - (3.0 + 1.0 / 3.0) / (13.0 / 3.0)).abs() < 1e-9);
        let s = one("★★★½☆").expect("stars");
        assert_eq!(s.ratio, 0.7);
    }

    // A number with a slash inside prose is not a score unless a score word marks it.
    #[test]
    fn fractions_in_prose_are_not_scores() {
        assert_eq!(one("The crew works 24/7 to keep the ship afloat, and it shows in every frame."), None);
        assert_eq!(one("She finished 3/4 of the climb before the storm hit the mountain that night."), None);
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
        assert!(s.note.as_deref().is_some_and(|n| n.contains("more than one sign")));
        assert_eq!(one(""), None);
        assert_eq!(one("Great."), None);
    }

    #[test]
    fn the_last_score_wins() {
        let review = vec!["Last week I gave it Score: 5/10 in my head.".to_string(), "Score: 9/10".to_string()];
        assert_eq!(find(&review).map(|s| s.written), Some("9/10".to_string()));
    }
}
