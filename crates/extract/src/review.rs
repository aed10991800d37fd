//! The critic's verdict: a first cut at positive / mixed / negative, with the sentence it
//! rests on, an explicit score when the article states one, and per-aspect polarity.
//!
//! Each review sentence is scored by counting praise and fault words from `data/`
//! (a "not", "n't", "never" or "no" up to three words before a praise word turns it into a
//! fault: "wasn't solid"). The verdict sentence is the last one opened by a summing-up cue
//! ("Overall", "All told") or, failing that, the last scored sentence. The score blends the
//! verdict sentence (two thirds) with the whole review (one third); an explicit score
//! ("8/10", "4 out of 5", "Grade: B+") overrides both.

use crate::doc::Doc;
use crate::lexicon::LEX;
use crate::model::{Aspect, AspectName, Label, Part, Review, Verdict};
use regex::Regex;
use std::sync::LazyLock;

static EXPLICIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}(?:\.\d)?)\s*(?:/|out of)\s*(10|5|100)\b|\bgrade\s*:?\s*([A-F][+\-−]?)(?:\W|$)")
        .expect("static regex")
});

/// Scores a sentence given as text (the tests' entry point).
#[cfg(test)]
fn sentence_score(text: &str) -> f32 {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    score_words(&words.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Scores a sentence from the document's lower-cased tokens, without re-splitting it.
fn sentence_score_doc(doc: &Doc, s: usize) -> f32 {
    let Some(sent) = doc.sents.get(s) else {
        return 0.0;
    };
    let words: Vec<&str> = sent
        .toks
        .clone()
        .filter(|&k| doc.kind(k) == Some(crate::segment::TokKind::Word))
        .map(|k| doc.lower(k))
        .collect();
    score_words(&words)
}

fn score_words(words: &[&str]) -> f32 {
    let mut score = 0.0f32;
    for (i, w) in words.iter().enumerate() {
        let negated = words[i.saturating_sub(3)..i].iter().any(|p| {
            matches!(*p, "not" | "never" | "no" | "hardly" | "barely" | "without")
                || p.ends_with("n't")
                || p.ends_with("n’t")
        });
        let w = *w;
        // "like" is praise only after "I" or "we" ("I like"), never as a preposition.
        let praise = LEX.positive.contains(w)
            && (w != "like" || i > 0 && matches!(words[i - 1], "i" | "we" | "really"));
        if praise {
            score += if negated { -1.0 } else { 1.0 };
        } else if LEX.negative.contains(w) {
            score += if negated { 0.5 } else { -1.0 };
        }
    }
    score
}

fn explicit_score(text: &str) -> Option<(String, f64)> {
    let c = EXPLICIT.captures(text)?;
    if let (Some(n), Some(max)) = (c.get(1), c.get(2)) {
        let n: f64 = n.as_str().parse().ok()?;
        let max: f64 = max.as_str().parse().ok()?;
        if max <= 0.0 || n > max {
            return None;
        }
        let written = c.get(0).map_or("", |m| m.as_str()).trim().to_string();
        return Some((written, (n / max) * 2.0 - 1.0));
    }
    let g = c.get(3)?.as_str().replace('−', "-");
    let base = match g.chars().next()? {
        'A' => 0.9,
        'B' => 0.45,
        'C' => 0.0,
        'D' => -0.45,
        _ => -0.9,
    };
    let adj = if g.ends_with('+') {
        0.15
    } else if g.ends_with('-') {
        -0.15
    } else {
        0.0
    };
    Some((g.clone(), f64::clamp(base + adj, -1.0, 1.0)))
}

fn label(score: f64) -> Label {
    if score > 0.25 {
        Label::Positive
    } else if score < -0.25 {
        Label::Negative
    } else {
        Label::Mixed
    }
}

fn aspect_name(s: &str) -> Option<AspectName> {
    Some(match s {
        "visuals" => AspectName::Visuals,
        "story" => AspectName::Story,
        "characters" => AspectName::Characters,
        "pacing" => AspectName::Pacing,
        "action" => AspectName::Action,
        "music" => AspectName::Music,
        "worldbuilding" => AspectName::Worldbuilding,
        "voice_acting" => AspectName::VoiceActing,
        _ => return None,
    })
}

/// The review verdict, or `None` when the article has no review text.
pub fn verdict(doc: &Doc) -> Option<Review> {
    let sents: Vec<usize> = (0..doc.sents.len())
        .filter(|&s| doc.sent_part(s) == Part::Review)
        .collect();
    if sents.is_empty() {
        return None;
    }
    let scores: Vec<f32> = sents.iter().map(|&s| sentence_score_doc(doc, s)).collect();
    let cue_sentence = sents.iter().enumerate().rev().find(|(_, &s)| {
        let t = doc.sent_text(s).to_lowercase();
        LEX.verdict_cues.iter().any(|c| t.starts_with(c.as_str()))
    });
    let (vi, &vs) = cue_sentence
        .or_else(|| {
            sents
                .iter()
                .enumerate()
                .rev()
                .find(|(i, _)| scores[*i] != 0.0)
        })
        .or_else(|| sents.iter().enumerate().next_back())?;
    let total: f32 = scores.iter().sum();
    let overall = (total / (sents.len() as f32).sqrt()).tanh();
    let local = (scores[vi] / 1.5).tanh();
    let mut score = f64::from(2.0 * local + overall) / 3.0;
    let mut evidence = doc.sent_text(vs).to_string();
    let mut explicit = None;
    for &s in &sents {
        if let Some((written, value)) = explicit_score(doc.sent_text(s)) {
            explicit = Some(written);
            score = value;
            if cue_sentence.is_none() {
                evidence = doc.sent_text(s).to_string();
            }
            break;
        }
    }
    let score = (score.clamp(-1.0, 1.0) * 100.0).round() / 100.0;
    let mut aspects: Vec<Aspect> = Vec::new();
    for (i, &s) in sents.iter().enumerate() {
        if scores[i] == 0.0 {
            continue;
        }
        let text = doc.sent_text(s);
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            let Some(a) = LEX
                .aspects
                .get(&w.to_lowercase())
                .and_then(|a| aspect_name(a))
            else {
                continue;
            };
            if aspects.iter().any(|x| x.aspect == a) {
                continue;
            }
            let polarity = if scores[i] > 0.0 {
                Label::Positive
            } else {
                Label::Negative
            };
            aspects.push(Aspect {
                aspect: a,
                polarity,
                evidence: text.to_string(),
            });
        }
    }
    Some(Review {
        verdict: Verdict {
            label: label(score),
            score,
            explicit,
            evidence,
        },
        aspects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Negation flips praise: "wasn't solid" is a fault.
    #[test]
    fn negated_praise_is_a_fault() {
        assert!(sentence_score("Overall, this introductory chapter wasn’t solid.") < 0.0);
        assert!(sentence_score("The visuals are gorgeous.") > 0.0);
    }

    #[test]
    fn explicit_scores() {
        assert_eq!(
            explicit_score("**Score: 8/10**").map(|x| x.0),
            Some("8/10".to_string())
        );
        assert!(explicit_score("Score: 8/10").is_some_and(|x| (x.1 - 0.6).abs() < 1e-9));
        assert!(explicit_score("Grade: B+").is_some_and(|x| x.0 == "B+" && x.1 > 0.25));
        assert!(explicit_score("I give it 4 out of 5.").is_some_and(|x| x.1 > 0.5));
        // A date-like "10/5" is not a score: the number exceeds the scale.
        assert!(explicit_score("It aired at 10/5 central").is_none());
    }

    #[test]
    fn verdict_from_summing_up_sentence() {
        let story = crate::extract_parts(&["Rouge runs."], &["The visuals are gorgeous and the action is great. Overall, this chapter wasn’t solid, and the story feels off."], None);
        let r = story.review.expect("a review");
        assert_eq!(
            r.verdict.evidence,
            "Overall, this chapter wasn’t solid, and the story feels off."
        );
        assert_ne!(r.verdict.label, Label::Positive);
        assert!(r
            .aspects
            .iter()
            .any(|a| a.aspect == AspectName::Visuals && a.polarity == Label::Positive));
    }
}
