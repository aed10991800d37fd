//! The word lists the rules rely on, loaded from `data/*.txt` at compile time.
//!
//! Every list lives in a plain text file, one entry per line with a `#` comment that says
//! why it is there, so a reader who does not write Rust can check and extend them. Nothing
//! in these files names a particular show: they describe English and the recap genre.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Reads one data file: the text before `#` on each line, trimmed; blank results skipped.
pub(crate) fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().filter_map(|line| {
        let text = line.split('#').next().unwrap_or("").trim();
        (!text.is_empty()).then_some(text)
    })
}

fn lower_set(file: &'static str) -> HashSet<String> {
    entries(file).map(str::to_lowercase).collect()
}

/// The gender mark after a word in a list: "m", "f", or none.
fn gender_mark(mark: Option<&str>) -> Option<Gender> {
    match mark {
        Some("m") => Some(Gender::Male),
        Some("f") => Some(Gender::Female),
        _ => None,
    }
}

/// All lists, parsed once.
pub(crate) struct Lexicon {
    pub abbreviations: HashSet<&'static str>,
    /// Fan and critic shorthand in capitals ("VA", "MC", "OP"), as written.
    pub fan_acronyms: HashSet<&'static str>,
    /// Titles of nobility ("Earl", "Duke"), as written: "of" after them stays in the name.
    pub noble_titles: HashSet<&'static str>,
    pub honorifics: HashSet<String>,
    pub function_words: HashSet<String>,
    pub connectors: HashSet<String>,
    /// Person noun (lower case) to the gender it implies, if any.
    pub person_nouns: HashMap<String, Option<Gender>>,
    /// Common given name (lower case) to the gender it usually carries.
    pub given_names: HashMap<String, Gender>,
    pub group_words: HashSet<String>,
    pub member_nouns: HashSet<String>,
    /// Words that, right after a name, show it is a verb's subject (`verbs_after_name.txt`).
    pub verbs_after_name: HashSet<String>,
    /// Crew and cast roles written before a real person's name (`person_roles.txt`).
    pub person_roles: HashSet<String>,
    /// Japanese honorific suffixes after a hyphen, with the gender some imply
    /// (`honorific_suffixes.txt`).
    pub honorific_suffixes: HashMap<String, Option<Gender>>,
    pub place_words: HashSet<String>,
    pub thing_words: HashSet<String>,
    pub kind_nouns: HashSet<String>,
    pub work_words: HashSet<String>,
    pub work_after: HashSet<String>,
    pub work_context: HashSet<String>,
    pub org_words: HashSet<String>,
    pub place_prepositions: HashSet<String>,
    /// Scene cues, lower case, longest first so that the longest match wins.
    pub scene_cues: Vec<String>,
    /// The byte length of the longest scene cue.
    pub longest_scene_cue: usize,
    pub scene_place_openers: HashSet<String>,
    /// Hedge phrases, lower case.
    pub hedges: Vec<String>,
    pub reveal_verbs: Vec<String>,
    /// Genre words and phrases (lower case) with their valence on VADER's scale.
    pub review_genre: Vec<(String, f64)>,
    /// Phrases with which a critic calls an episode mixed, lower case.
    pub review_mixed: Vec<String>,
    pub verdict_cues: Vec<String>,
    /// Word to aspect name.
    pub aspects: HashMap<String, String>,
    pub credit_nouns: HashSet<String>,
    /// Every lower-case word of the word-class lists above with the bits of the lists it is
    /// in ([`class`]), so that a rule asking about several lists hashes the word once.
    pub classes: HashMap<String, u32>,
    /// Real-world countries and major cities (`world_places.txt`), as written.
    pub world_places: HashSet<String>,
    /// Real-world media companies, networks, services and platforms (`world_orgs.txt`).
    pub world_orgs: HashSet<String>,
    pub workplace_nouns: HashSet<String>,
    pub demonyms: HashSet<String>,
    pub appositive_stops: HashSet<String>,
}

/// A grammatical gender, as far as pronouns show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// Bits of [`Lexicon::classes`]: which word-class list a word is in.
pub mod class {
    pub const PLACE: u32 = 1;
    pub const THING: u32 = 1 << 1;
    pub const GROUP: u32 = 1 << 2;
    pub const ORG: u32 = 1 << 3;
    pub const PERSON_NOUN: u32 = 1 << 4;
    pub const MEMBER: u32 = 1 << 5;
    pub const KIND: u32 = 1 << 6;
    pub const WORK_WORD: u32 = 1 << 7;
    pub const WORK_AFTER: u32 = 1 << 8;
    pub const WORK_CONTEXT: u32 = 1 << 9;
    pub const FUNCTION: u32 = 1 << 10;
    pub const PLACE_PREP: u32 = 1 << 11;
    pub const CREDIT: u32 = 1 << 12;
    pub const PERSON_ROLE: u32 = 1 << 13;
}

impl Lexicon {
    /// The word-class bits of a lower-case word (0 when it is in none of the lists).
    pub fn class_of(&self, w: &str) -> u32 {
        self.classes.get(w).copied().unwrap_or(0)
    }
}

pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut scene_cues: Vec<String> = entries(include_str!("../data/scene_cues.txt"))
        .map(str::to_lowercase)
        .collect();
    scene_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let mut verdict_cues: Vec<String> = entries(include_str!("../data/verdict_cues.txt"))
        .map(str::to_lowercase)
        .collect();
    verdict_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let mut lex = Lexicon {
        abbreviations: entries(include_str!("../data/abbreviations.txt")).collect(),
        fan_acronyms: entries(include_str!("../data/fan_acronyms.txt")).collect(),
        noble_titles: entries(include_str!("../data/noble_titles.txt")).collect(),
        honorifics: entries(include_str!("../data/honorifics.txt"))
            .map(str::to_string)
            .collect(),
        function_words: lower_set(include_str!("../data/function_words.txt")),
        connectors: lower_set(include_str!("../data/connectors.txt")),
        person_nouns: entries(include_str!("../data/person_nouns.txt"))
            .map(|e| {
                let mut parts = e.split_whitespace();
                let noun = parts.next().unwrap_or("").to_lowercase();
                (noun, gender_mark(parts.next()))
            })
            .collect(),
        given_names: entries(include_str!("../data/given_names.txt"))
            .filter_map(|e| {
                let mut parts = e.split_whitespace();
                let name = parts.next()?.to_lowercase();
                Some((name, gender_mark(parts.next())?))
            })
            .collect(),
        group_words: lower_set(include_str!("../data/group_words.txt")),
        member_nouns: lower_set(include_str!("../data/member_nouns.txt")),
        verbs_after_name: lower_set(include_str!("../data/verbs_after_name.txt")),
        person_roles: lower_set(include_str!("../data/person_roles.txt")),
        honorific_suffixes: entries(include_str!("../data/honorific_suffixes.txt"))
            .map(|e| {
                let mut parts = e.split_whitespace();
                let suffix = parts.next().unwrap_or("").to_lowercase();
                let gender = match parts.next() {
                    Some("m") => Some(Gender::Male),
                    Some("f") => Some(Gender::Female),
                    _ => None,
                };
                (suffix, gender)
            })
            .collect(),
        place_words: lower_set(include_str!("../data/place_words.txt")),
        thing_words: lower_set(include_str!("../data/thing_words.txt")),
        kind_nouns: lower_set(include_str!("../data/kind_nouns.txt")),
        work_words: lower_set(include_str!("../data/work_words.txt")),
        work_after: lower_set(include_str!("../data/work_after.txt")),
        work_context: lower_set(include_str!("../data/work_context.txt")),
        org_words: lower_set(include_str!("../data/org_words.txt")),
        place_prepositions: lower_set(include_str!("../data/place_prepositions.txt")),
        longest_scene_cue: scene_cues.first().map_or(0, String::len),
        scene_cues,
        scene_place_openers: lower_set(include_str!("../data/scene_place_openers.txt")),
        hedges: entries(include_str!("../data/hedges.txt"))
            .map(str::to_lowercase)
            .collect(),
        reveal_verbs: entries(include_str!("../data/reveal_verbs.txt"))
            .map(str::to_lowercase)
            .collect(),
        review_genre: entries(include_str!("../data/review_genre.txt"))
            .filter_map(|e| {
                let (phrase, valence) = e.rsplit_once(char::is_whitespace)?;
                Some((phrase.trim().to_lowercase(), valence.parse().ok()?))
            })
            .collect(),
        review_mixed: entries(include_str!("../data/review_mixed.txt"))
            .map(str::to_lowercase)
            .collect(),
        verdict_cues,
        aspects: entries(include_str!("../data/aspects.txt"))
            .filter_map(|e| {
                let mut parts = e.split_whitespace();
                let aspect = parts.next()?.to_string();
                let word = parts.next()?.to_lowercase();
                Some((word, aspect))
            })
            .collect(),
        credit_nouns: lower_set(include_str!("../data/credit_nouns.txt")),
        workplace_nouns: lower_set(include_str!("../data/workplace_nouns.txt")),
        demonyms: lower_set(include_str!("../data/demonyms.txt")),
        appositive_stops: lower_set(include_str!("../data/appositive_stops.txt")),
        classes: HashMap::default(),
        world_places: entries(include_str!("../data/world_places.txt"))
            .map(str::to_string)
            .collect(),
        world_orgs: entries(include_str!("../data/world_orgs.txt"))
            .map(str::to_string)
            .collect(),
    };
    let mut classes: HashMap<String, u32> = HashMap::default();
    {
        let mut add = |words: &mut dyn Iterator<Item = &String>, bit: u32| {
            for w in words {
                *classes.entry(w.to_lowercase()).or_insert(0) |= bit;
            }
        };
        add(&mut lex.place_words.iter(), class::PLACE);
        add(&mut lex.thing_words.iter(), class::THING);
        add(&mut lex.group_words.iter(), class::GROUP);
        add(&mut lex.org_words.iter(), class::ORG);
        add(&mut lex.person_nouns.keys(), class::PERSON_NOUN);
        add(&mut lex.member_nouns.iter(), class::MEMBER);
        add(&mut lex.kind_nouns.iter(), class::KIND);
        add(&mut lex.work_words.iter(), class::WORK_WORD);
        add(&mut lex.work_after.iter(), class::WORK_AFTER);
        add(&mut lex.work_context.iter(), class::WORK_CONTEXT);
        add(&mut lex.function_words.iter(), class::FUNCTION);
        add(&mut lex.place_prepositions.iter(), class::PLACE_PREP);
        add(&mut lex.credit_nouns.iter(), class::CREDIT);
        add(&mut lex.person_roles.iter(), class::PERSON_ROLE);
    }
    lex.classes = classes;
    lex
});

#[cfg(test)]
mod tests {
    use super::*;

    // Every data line must carry a `#` comment saying why it is there; this keeps the
    // lists reviewable by people who do not read the code.
    #[test]
    fn every_data_entry_has_a_reason() {
        let files = [
            include_str!("../data/abbreviations.txt"),
            include_str!("../data/fan_acronyms.txt"),
            include_str!("../data/noble_titles.txt"),
            include_str!("../data/honorifics.txt"),
            include_str!("../data/function_words.txt"),
            include_str!("../data/connectors.txt"),
            include_str!("../data/person_nouns.txt"),
            include_str!("../data/given_names.txt"),
            include_str!("../data/group_words.txt"),
            include_str!("../data/member_nouns.txt"),
            include_str!("../data/verbs_after_name.txt"),
            include_str!("../data/person_roles.txt"),
            include_str!("../data/honorific_suffixes.txt"),
            include_str!("../data/world_places.txt"),
            include_str!("../data/place_words.txt"),
            include_str!("../data/thing_words.txt"),
            include_str!("../data/kind_nouns.txt"),
            include_str!("../data/work_words.txt"),
            include_str!("../data/work_after.txt"),
            include_str!("../data/work_context.txt"),
            include_str!("../data/org_words.txt"),
            include_str!("../data/place_prepositions.txt"),
            include_str!("../data/scene_cues.txt"),
            include_str!("../data/scene_place_openers.txt"),
            include_str!("../data/hedges.txt"),
            include_str!("../data/reveal_verbs.txt"),
            include_str!("../data/review_genre.txt"),
            include_str!("../data/review_mixed.txt"),
            include_str!("../data/vader_boosters.txt"),
            include_str!("../data/vader_negations.txt"),
            include_str!("../data/verdict_cues.txt"),
            include_str!("../data/aspects.txt"),
            include_str!("../data/credit_nouns.txt"),
            include_str!("../data/workplace_nouns.txt"),
            include_str!("../data/demonyms.txt"),
            include_str!("../data/relation_nouns.txt"),
            include_str!("../data/relation_verbs.txt"),
            include_str!("../data/appositive_stops.txt"),
        ];
        for file in files {
            for line in file.lines() {
                let t = line.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                assert!(t.contains('#'), "data line without a reason: {t:?}");
            }
        }
    }

    #[test]
    fn lists_load() {
        assert!(LEX.abbreviations.contains("Dr"));
        assert!(LEX.function_words.contains("meanwhile"));
        assert_eq!(LEX.person_nouns.get("gentleman"), Some(&Some(Gender::Male)));
        assert!(
            LEX.scene_cues.first().map_or(0, |c| c.len())
                >= LEX.scene_cues.last().map_or(0, |c| c.len())
        );
    }
}
