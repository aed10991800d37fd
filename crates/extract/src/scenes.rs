//! Scenes: the recap cut where it changes place or thread.
//!
//! A sentence opens a new scene when it starts with a scene cue from `data/scene_cues.txt`
//! ("We cut to", "Meanwhile", "Elsewhere", "The next morning") or with a place opener from
//! `data/scene_place_openers.txt` followed by a place and a comma ("At a church,", "On a
//! rooftop,", "At Club Canal,"). The first recap sentence opens the first scene. A scene's
//! place is a named place in its cue or first sentence, else the place phrase the cue
//! describes ("a rooftop"), else none. Its entities are the story's named entities in its
//! sentences (not the place, nor works, companies or real people), in order of first
//! mention.

use crate::doc::Doc;
use crate::lexicon::LEX;
use crate::model::{Kind, Part, Scene};
use crate::segment::TokKind;

/// What the scene builder needs to know about each mention: its sentence, canonical name
/// and kind.
pub struct MentionInfo {
    pub sent: usize,
    pub first_tok: usize,
    pub name: String,
    pub kind: Kind,
}

/// Longest cue at the start of the sentence, as written.
fn cue_at_start(text: &str) -> Option<&str> {
    // Only the sentence's opening can hold a cue: lower-casing that much is enough. Lower
    // case can be a third as long in bytes (the Kelvin sign is three bytes, "k" one), so
    // three times the longest cue plus a few characters are kept.
    let mut cut = (3 * (LEX.longest_scene_cue + 4)).min(text.len());
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let lower = text.get(..cut).unwrap_or(text).to_lowercase();
    let first = lower.as_bytes().first().copied();
    for cue in &LEX.scene_cues {
        // Most cues start with another letter: one byte compared rules them out.
        if cue.as_bytes().first().copied() != first {
            continue;
        }
        if lower.starts_with(cue.as_str()) {
            let rest = &lower[cue.len()..];
            if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                // `to_lowercase` can change byte lengths for some scripts; only cut when
                // the boundary is valid in the original text.
                return text.get(..cue.len());
            }
        }
    }
    None
}

/// The "(a|the) ... <place noun>" phrase right after a cue, within four words.
fn described_after_cue(doc: &Doc, si: usize, cue: &str) -> Option<String> {
    let s = doc.sents.get(si)?;
    let para = doc.paras.get(s.para)?.text;
    let cue_end = s.bytes.start + cue.len();
    let first = s
        .toks
        .clone()
        .find(|&k| doc.tokens.get(k).is_some_and(|t| t.start >= cue_end))?;
    if !matches!(doc.lower(first), "a" | "an" | "the") {
        return None;
    }
    let mut k = first + 1;
    while k < s.toks.end && k < first + 5 && doc.kind(k) == Some(TokKind::Word) {
        if LEX.place_words.contains(doc.lower(k)) {
            let (a, b) = (doc.tokens.get(first)?, doc.tokens.get(k)?);
            return para.get(a.start..b.end).map(str::to_string);
        }
        if !doc.tok(k).chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        k += 1;
    }
    None
}

/// Splits the recap into scenes.
pub fn build(doc: &Doc, mentions: &[MentionInfo]) -> Vec<Scene> {
    let mut scenes: Vec<Scene> = Vec::new();
    let mut mi = 0usize;
    for (si, s) in doc.sents.iter().enumerate() {
        if doc.paras.get(s.para).is_none_or(|p| p.part != Part::Recap) {
            continue;
        }
        let text = doc.sent_text(si);
        // Mentions of this sentence.
        while mi < mentions.len() && mentions[mi].sent < si {
            mi += 1;
        }
        let mut here = Vec::new();
        let mut k = mi;
        while k < mentions.len() && mentions[k].sent == si {
            here.push(k);
            k += 1;
        }
        let mut cue: Option<String> = cue_at_start(text).map(str::to_string);
        let mut place: Option<String> = None;
        // "At a church," / "On a rooftop," / "At Club Canal,".
        let first = doc.lower(s.toks.start);
        if cue.is_none() && LEX.scene_place_openers.contains(first) {
            let end = (s.toks.start + 8).min(s.toks.end);
            if let Some(comma) = (s.toks.start + 1..end).find(|&t| doc.tok(t) == ",") {
                let named = here
                    .iter()
                    .find(|&&m| mentions[m].first_tok < comma && mentions[m].kind == Kind::Place)
                    .map(|&m| mentions[m].name.clone());
                let det = doc.lower(s.toks.start + 1);
                // A described place needs a place noun at its head ("On a rooftop", not "On
                // the other hand", "In the final scene").
                let described = matches!(det, "a" | "an" | "the")
                    && (s.toks.start + 2..comma).all(|t| doc.kind(t) == Some(TokKind::Word))
                    && comma > s.toks.start + 2
                    && LEX.place_words.contains(doc.lower(comma - 1));
                if named.is_some() || described {
                    let (a, b) = (doc.tokens.get(s.toks.start), doc.tokens.get(comma - 1));
                    let para = doc.paras.get(s.para).map_or("", |p| p.text);
                    if let (Some(a), Some(b)) = (a, b) {
                        cue = para.get(a.start..b.end).map(str::to_string);
                        place = named.or_else(|| {
                            let (c, d) = (
                                doc.tokens.get(s.toks.start + 1)?,
                                doc.tokens.get(comma - 1)?,
                            );
                            para.get(c.start..d.end).map(str::to_string)
                        });
                    }
                }
            }
        }
        let starts = scenes.is_empty() || cue.is_some();
        if starts {
            // A cue without a place phrase takes the first named place of its sentence, or a
            // described place right after the cue ("We cut to the jetty").
            if place.is_none() {
                place = here
                    .iter()
                    .find(|&&m| mentions[m].kind == Kind::Place)
                    .map(|&m| mentions[m].name.clone());
            }
            // "Back at the precinct", "We cut to the jetty": a described place right after a
            // cue that ends in a preposition.
            if place.is_none() {
                if let Some(c) = &cue {
                    place = described_after_cue(doc, si, c);
                }
            }
            scenes.push(Scene {
                cue,
                place,
                entities: Vec::new(),
                first_sentence: text.to_string(),
            });
        }
        if let Some(scene) = scenes.last_mut() {
            for &m in &here {
                let n = &mentions[m].name;
                // Works, companies and real people belong to the review, not to a scene.
                let in_story = !matches!(mentions[m].kind, Kind::Work | Kind::Org | Kind::Person);
                if in_story
                    && Some(n) != scene.place.as_ref()
                    && !scene.entities.contains(n)
                    && scene.entities.len() < 64
                {
                    scene.entities.push(n.clone());
                }
            }
        }
    }
    scenes
}

#[cfg(test)]
mod tests {
    use crate::extract_parts;

    // Only the opening of a sentence is lower-cased to look for a cue; a cue in capitals
    // is still found, and a long sentence of non-ASCII text after it changes nothing.
    #[test]
    fn cue_found_in_any_case_whatever_follows() {
        let long = format!("MEANWHILE, Kevin waits {}.", "ÉÉÉ ".repeat(200));
        assert_eq!(super::cue_at_start(&long), Some("MEANWHILE"));
        assert_eq!(super::cue_at_start("Meanwhiles are not cues."), None);
        assert_eq!(super::cue_at_start("ÉÉÉ"), None);
    }

    // Cues and place openers split scenes; each keeps its place and entities.
    #[test]
    fn scenes_split_at_cues_and_places() {
        let story = extract_parts(
            &["Naomi sends her bird. At Club Canal, Rouge watches. Rouge heads out. We cut to a conversation between a female and Scar Head. On a rooftop, Naomi waits. Meanwhile, Scar Head confronts Kevin."],
            &[],
            None,
        );
        let cues: Vec<Option<&str>> = story.scenes.iter().map(|s| s.cue.as_deref()).collect();
        assert_eq!(
            cues,
            vec![
                None,
                Some("At Club Canal"),
                Some("We cut to"),
                Some("On a rooftop"),
                Some("Meanwhile")
            ]
        );
        assert_eq!(story.scenes[1].place.as_deref(), Some("Club Canal"));
        assert_eq!(story.scenes[3].place.as_deref(), Some("a rooftop"));
        assert_eq!(
            story.scenes[4].entities,
            vec!["Scar Head".to_string(), "Kevin".to_string()]
        );
    }
}
