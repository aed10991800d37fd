//! The critic's verdict: positive / mixed / negative with a score in [-1, 1], the sentence it
//! rests on, an explicit score when the article states one, and per-aspect opinions.
//!
//! Sentiment comes from VADER (Hutto & Gilbert, 2014): its published, human-rated lexicon of
//! 7,500 entries, taken from the `vader_sentiment` crate, and VADER's rules for negation
//! ("wasn't solid"), intensifiers ("very", "barely"; `data/vader_boosters.txt`), capitals
//! and exclamation marks, re-implemented here ([`raw_valence`]) because the crate's port
//! matches intensifiers inside other words ("so" in "episode", "really" three words back
//! again), which cancels the intensifying of faults and tilts every review towards praise.
//! Two deliberate departures from VADER: a negation or intensifier reaches back only as far
//! as the previous opinion word, and never across a comma ("or not, it's nice").
//! VADER was built for everyday and social-media English, so `data/review_genre.txt` adjusts
//! it for TV criticism: words it lacks ("filler", "padded", "rushed", "feels off"), words it
//! misreads ("devastating" is praise in a review), and story content that is no verdict
//! ("death", "villain", "fury": critics describe dark stories without faulting them).
//!
//! On top of VADER sit the genre's habits of argument:
//! - within a sentence, the clause that carries the point weighs more: in "While X, Y" and
//!   "X, but Y" the main clause Y counts in full and X only in part;
//! - "should have been X" and "could have been X" say the episode was not X;
//! - a hope or a condition ("can become", "If the back half holds, ...") weighs less;
//! - the summing-up sentence ("Overall", "All told", "In the end", see
//!   `data/verdict_cues.txt`) and the closing paragraph weigh more, and a "However, ..." right
//!   after the summing-up tempers it rather than overturning it;
//! - a critic who calls the episode "a mixed bag" or "uneven" in the summing-up has named
//!   the verdict (`data/review_mixed.txt`).
//!
//! An explicit score (see [`crate::explicit`]) wins over all of this. Aspect opinions use the
//! clause that names the aspect (`data/aspects.txt`), so "While the episode delivers
//! impressive imagery ..., the story structure feels off" praises the visuals and faults
//! the story.

use crate::doc::Doc;
use crate::explicit;
use crate::lexicon::LEX;
use crate::model::{Aspect, AspectName, Diagnostic, Evaluation, Label, Part, Review, Verdict};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// VADER's lexicon with the genre lexicon laid over it, keyed in lower case: a genre entry
/// replaces VADER's valence, a valence of 0 removes the word, and a phrase is keyed by its
/// joined form (see [`join_phrase`]).
static LEXICON: LazyLock<FxHashMap<String, f64>> = LazyLock::new(|| {
    let mut lexicon: FxHashMap<String, f64> = vader_sentiment::LEXICON
        .iter()
        .map(|(k, v)| (k.as_ref().to_lowercase(), *v))
        .collect();
    for (phrase, valence) in &LEX.review_genre {
        let key = join_phrase(phrase);
        if *valence == 0.0 {
            lexicon.remove(&key);
        } else {
            lexicon.insert(key, *valence);
        }
    }
    lexicon
});

/// VADER's intensifiers and downtoners, with their step (`data/vader_boosters.txt`).
static BOOSTERS: LazyLock<FxHashMap<String, f64>> = LazyLock::new(|| {
    crate::lexicon::entries(include_str!("../data/vader_boosters.txt"))
        .filter_map(|e| {
            let (word, sign) = e.rsplit_once(char::is_whitespace)?;
            let step = match sign {
                "+" => BOOST,
                "-" => -BOOST,
                _ => return None,
            };
            Some((join_phrase(word), step))
        })
        .collect()
});

/// VADER's negations (`data/vader_negations.txt`); any word ending in "n't" negates too.
static NEGATIONS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::lexicon::entries(include_str!("../data/vader_negations.txt"))
        .map(str::to_lowercase)
        .collect()
});

/// VADER's empirical constants (Hutto & Gilbert 2014): the step of an intensifier, the
/// extra weight of a word in capitals among lower-case ones, and the factor of a negation.
const BOOST: f64 = 0.293;
const CAPS: f64 = 0.733;
/// VADER's normalisation constant: compound = x / sqrt(x² + α).
const VADER_ALPHA: f64 = 15.0;

/// The raw VADER valence of one stretch of text with no inner punctuation: the sum of its
/// opinion words, each scaled by the intensifiers and negations in the three words before
/// it. Unlike VADER, an intensifier or negation reaches only as far back as the previous
/// opinion word ("can't save a hollow script" negates "save", not "hollow"), and
/// multi-word intensifiers are matched as phrases, never inside other words.
fn raw_valence(text: &str) -> f64 {
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| c.is_ascii_punctuation() && c != '_'))
        // More than four bytes is more than one character: no need to count them.
        .filter(|t| {
            t.len() > 4
                || t.chars().count() > 1
                || t.chars().all(char::is_alphanumeric) && !t.is_empty()
        })
        .collect();
    // Most tokens are already lower case: borrowing them saves an allocation each.
    let lower: Vec<std::borrow::Cow<str>> = tokens
        .iter()
        .map(|t| {
            if t.bytes().all(|b| b < 128 && !b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(*t)
            } else {
                std::borrow::Cow::Owned(t.to_lowercase())
            }
        })
        .collect();
    let is_caps = |t: &str| {
        t.chars().any(char::is_alphabetic)
            && !t.chars().any(char::is_lowercase)
            && t.chars().count() > 1
    };
    // Whether the text mixes words in capitals with others: needed only once an opinion
    // word is found, which most stretches of text lack, so it is worked out then.
    let mut mixed_caps_once: Option<bool> = None;
    let mut mixed_caps = || {
        *mixed_caps_once.get_or_insert_with(|| {
            tokens.iter().any(|t| is_caps(t)) && tokens.iter().any(|t| !is_caps(t))
        })
    };
    let negated = |w: &str| NEGATIONS.contains(w) || w.ends_with("n't");
    let mut sum = 0.0;
    for (i, word) in lower.iter().enumerate() {
        let word: &str = word;
        let Some(&base) = LEXICON.get(word) else {
            continue;
        };
        // "kind of" and the boosters themselves carry no opinion of their own.
        if BOOSTERS.contains_key(word)
            || (word == "kind" && lower.get(i + 1).is_some_and(|n| n == "of"))
        {
            continue;
        }
        let mut v = base;
        let mixed_caps = mixed_caps();
        if mixed_caps && tokens.get(i).is_some_and(|t| is_caps(t)) {
            v += if v > 0.0 { CAPS } else { -CAPS };
        }
        for back in 1..=3usize {
            let Some(j) = i.checked_sub(back) else { break };
            let Some(prev) = lower.get(j) else { break };
            let prev: &str = prev;
            if LEXICON.contains_key(prev) && !BOOSTERS.contains_key(prev) {
                break;
            }
            // The two-word key ("kind_of") is built only when the one word is no booster.
            let step = BOOSTERS
                .get(prev)
                .copied()
                .or_else(|| {
                    let p = lower.get(j.checked_sub(1)?)?;
                    BOOSTERS.get(format!("{p}_{prev}").as_str()).copied()
                })
                .unwrap_or(0.0);
            let damp = [1.0, 0.95, 0.9][back - 1];
            let mut s = step * damp;
            if v < 0.0 {
                s = -s;
            }
            if mixed_caps && step != 0.0 && tokens.get(j).is_some_and(|t| is_caps(t)) {
                s += if v > 0.0 { CAPS } else { -CAPS };
            }
            v += s;
            // "never so", "without doubt" intensify rather than negate.
            let before = j
                .checked_sub(1)
                .and_then(|k| lower.get(k))
                .map(|w| -> &str { w });
            if prev == "doubt" && before == Some("without") {
                continue;
            }
            if negated(prev) {
                v *= NEGATION;
            }
        }
        // "at least good" is faint praise; "least" alone inverts.
        if i >= 1
            && lower.get(i - 1).is_some_and(|p| p == "least")
            && !(i >= 2 && lower.get(i - 2).is_some_and(|p| p == "at"))
        {
            v *= NEGATION;
        }
        sum += v;
    }
    // Exclamation marks add emphasis in the direction of the text (VADER: 0.292 each, 4 at most).
    let marks = text.matches('!').count().min(4) as f64 * 0.292;
    if sum > 0.0 {
        sum += marks;
    } else if sum < 0.0 {
        sum -= marks;
    }
    sum
}

/// The genre's multi-word phrases, longest first, so that each is scored as one word.
/// With a prefilter: an automaton of the same phrases in lower case, run over the
/// lower-cased sentence, which tells in one cheap pass whether the pattern can match.
static PHRASES: LazyLock<Option<(Regex, aho_corasick::AhoCorasick)>> = LazyLock::new(|| {
    let mut phrases: Vec<&str> = LEX
        .review_genre
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| p.contains(' ') || p.contains('\''))
        .collect();
    if phrases.is_empty() {
        return None;
    }
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternation: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    let re = Regex::new(&format!(r"(?i)\b(?:{})\b", alternation.join("|"))).ok()?;
    // Run over lower-case text, so the phrases are lower-cased too.
    let lower: Vec<String> = phrases.iter().map(|p| p.to_lowercase()).collect();
    let pre = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&lower)
        .ok()?;
    Some((re, pre))
});

/// The kinds of cue in `data/evaluation_cues.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EvalCue {
    Subject,
    First,
    Word,
    Compare,
    Narration,
}

/// The evaluation cues, as one automaton over lower-case text and the kind of each.
static EVAL_CUES: LazyLock<Option<(aho_corasick::AhoCorasick, Vec<EvalCue>)>> =
    LazyLock::new(|| {
        let mut phrases = Vec::new();
        let mut kinds = Vec::new();
        for entry in crate::lexicon::entries(include_str!("../data/evaluation_cues.txt")) {
            let (kind, phrase) = entry.split_once(' ')?;
            let kind = match kind {
                "subject" => EvalCue::Subject,
                "first" => EvalCue::First,
                "word" => EvalCue::Word,
                "compare" => EvalCue::Compare,
                "narration" => EvalCue::Narration,
                _ => continue,
            };
            let phrase = phrase.trim().replace('’', "'");
            // Pages write apostrophes both ways: each phrase with one is looked for as
            // written with a typographic one too.
            if phrase.contains('\'') {
                phrases.push(phrase.replace('\'', "’"));
                kinds.push(kind);
            }
            phrases.push(phrase);
            kinds.push(kind);
        }
        // A DFA over the sentence as written, matching ASCII letters in any case: every
        // sentence of an article is scanned, so the scan copies nothing.
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .ok()?;
        Some((ac, kinds))
    });

/// What a sentence's place in the article adds to its cues: a review guessed from its
/// words leans towards judgement; the recap needs cues of its own. (Every sentence of a
/// headed review may judge: the heading says it is the critic's.)
const GUESSED_REVIEW: f64 = 1.0;
const HEADED_REVIEW: f64 = 1.5;
/// The weight from which a sentence with a readable polarity is an evaluation sentence.
const EVALUATION: f64 = 2.0;
/// How much more an evaluation sentence of the review section counts in the verdict.
const REVIEW_SECTION: f64 = 1.5;
/// The weight from which a sentence is evaluation when its paragraph holds one.
const PARAGRAPH_COMPANION: f64 = 1.0;

/// How strongly the cues of a lower-case sentence mark it as the critic's evaluation: one
/// for naming the episode or its craft as what is judged, one for the critic's first
/// person, one for each judging word (at most two), a half for a comparison with other
/// episodes, less one for a cue of retelling.
/// How strongly the cues of a sentence mark it as the critic's evaluation: one for naming
/// the episode or its craft as what is judged, one for the critic's first person, one for
/// each judging word (at most two), a half for a comparison with other episodes, less one
/// for a cue of retelling. Quoted speech is a character's, not the critic's ("“I'm just
/// really happy”"), and a judging word written with a capital inside the sentence is part
/// of a name ("Good Tweet Bad Tweet").
fn evaluation_weight(text: &str, series: Option<&str>) -> f64 {
    let Some((ac, kinds)) = EVAL_CUES.as_ref() else {
        return 0.0;
    };
    // The spans inside double quotes, found only where the sentence has any.
    let mut quoted: Vec<std::ops::Range<usize>> = Vec::new();
    if text.contains(['“', '"']) {
        let mut open = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i),
                ('”', Some(o)) | ('"', Some(o)) => {
                    quoted.push(o..i);
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(o) = open {
            quoted.push(o..text.len());
        }
    }
    let (mut subject, mut first, mut words, mut compare, mut narration) =
        (false, false, 0u32, false, false);
    for m in ac.find_iter(text) {
        if quoted.iter().any(|q| q.contains(&m.start())) {
            continue;
        }
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        match kinds[m.pattern().as_usize()] {
            EvalCue::Subject => subject = true,
            EvalCue::First => first = true,
            EvalCue::Word => {
                let in_name =
                    m.start() > 0 && text[m.start()..].starts_with(|c: char| c.is_uppercase());
                if !in_name {
                    words += 1;
                }
            }
            EvalCue::Compare => compare = true,
            EvalCue::Narration => narration = true,
        }
    }
    // The show named as what is judged ("Odd Taxi is still a breeze to watch").
    if !subject {
        // (Pages write their show's name the way its headline does: a substring search.)
        subject = series.is_some_and(|s| !s.is_empty() && contains_phrase(text, s));
    }
    f64::from(u8::from(subject))
        + f64::from(u8::from(first))
        + f64::from(words.min(2))
        + 0.5 * f64::from(u8::from(compare))
        - f64::from(u8::from(narration))
}

/// A concession opening a sentence: "While X, Y", "Although X, Y".
static CONCESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:while|although|though|even though|even if|despite|for all|whereas|granted)\b",
    )
    .expect("static regex")
});
/// "X, but Y" and its kin: the clause after the contrast is the point.
static CONTRAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:,|;|:)?\s+(?:but|yet|however|though,)\s+|;\s*(?:still|even so|that said),?\s+",
    )
    .expect("static regex")
});
/// Places where a sentence splits into clauses of equal weight.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*;\s*|:\s+|\s+-\s+|,\s+(?:and|while|whereas|so|with)\s+").expect("static regex")
});
/// A counterfactual: "should have been a gut punch" says it was not one, and "I wanted to
/// love this episode" says the critic did not.
static COUNTERFACTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:should|could|would|might|ought to)(?:\s+\w+)?\s+have\s+(?:been|made|had|felt|landed|worked)\b|\b(?:wanted|want|wished|hoped) to (?:love|like|enjoy|be moved by)\b")
        .expect("static regex")
});
/// A hope, a condition or a possibility: it weighs less than what the critic saw.
static IRREALIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:if|unless|hopefully)\b|\b(?:can|could|may|might|will) (?:become|be|grow|get)\b|\bi hope\b|\bhere'?s hoping\b")
        .expect("static regex")
});
/// A sentence that opens by contrasting with the one before it.
static CONTRAST_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:however|but|still|that said|even so|nevertheless|nonetheless|yet|then again|mind you)\b")
        .expect("static regex")
});

/// What a clause weighs within its sentence.
const MAIN: f64 = 1.0;
/// A conceded clause ("While X, ...") or the clause before a "but".
const CONCEDED: f64 = 0.4;
/// How much a summing-up sentence weighs against an ordinary one.
const SUMMING_UP: f64 = 3.0;
/// How much a sentence of the closing paragraph weighs against one earlier on.
const CLOSING: f64 = 1.5;
/// How much a hope or a condition weighs against what the critic saw.
const HYPOTHETICAL: f64 = 0.5;
/// VADER's own factor for a negated word, used for counterfactuals.
const NEGATION: f64 = -0.74;
/// How far a "mixed bag" in the summing-up pulls the score towards zero.
const MIXED_PULL: f64 = 0.35;
/// Clause scores closer to zero than this express no opinion.
const NEUTRAL: f64 = 0.05;
/// A review with fewer words than this is too short to judge.
const MIN_WORDS: usize = 4;

/// Puts curly quotes and dashes into the ASCII forms VADER's tokenizer knows, so that
/// "wasn’t" is read as the negation "wasn't".
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '’' | '‘' | '`' | '´' => out.push('\''),
            '“' | '”' | '«' | '»' => out.push('"'),
            '—' | '–' => out.push_str(" - "),
            '…' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    out
}

/// The form of a genre phrase as one token: lower case, words joined by `_`, apostrophes
/// dropped (so that "can't wait" does not look like a negation to VADER).
fn join_phrase(phrase: &str) -> String {
    phrase
        .to_lowercase()
        .replace('\'', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
}

/// "like" after a subject or an auxiliary is the verb of liking; anywhere else it is the
/// preposition ("classic works like Mob Psycho 100", "feels like a hallway"), which VADER
/// would read as praise.
static LIKE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\blike\b").expect("static regex"));

/// The words after which "like" is the verb.
const LIKE_VERB_AFTER: &[&str] = &[
    "i",
    "we",
    "you",
    "they",
    "really",
    "also",
    "genuinely",
    "do",
    "does",
    "did",
    "don't",
    "didn't",
    "doesn't",
    "would",
    "i'd",
    "we'd",
    "to",
    "i'll",
    "we'll",
    "will",
    "might",
];

/// Replaces the preposition "like" with a word VADER does not score.
fn like_as_preposition(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in LIKE.find_iter(text) {
        let before = text[..m.start()].trim_end();
        let prev = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        out.push_str(&text[last..m.start()]);
        if !before.ends_with([',', '.', ';', ':']) && LIKE_VERB_AFTER.contains(&prev.as_str()) {
            out.push_str(m.as_str());
        } else {
            out.push_str("akin");
        }
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}
/// A hyphenated word ("well-beloved", "low-light").
static HYPHENATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b").expect("static regex"));
/// Punctuation that ends the scope of a negation or an intensifier.
const SCOPE_BREAK: [char; 5] = [',', ';', ':', '(', ')'];

/// VADER's compound score of a piece of text, after genre phrases are joined.
///
/// VADER lets a negation reach three words back across any punctuation, so "or not, it's
/// nice" would read as "not nice"; here each comma-separated stretch is scored on its own
/// and the raw sums are added before VADER's normalisation, which keeps VADER's scale.
pub fn polarity(text: &str) -> f64 {
    polarity_normalised(&normalise(text), Triggers::ALL)
}

/// Which of [`polarity`]'s rewrites and patterns can apply to a text, decided once per
/// sentence: a clause is part of its sentence, so what the sentence lacks, every clause
/// lacks. Each flag is a superset test (it may be true when the pattern then finds
/// nothing, never false when the pattern would match), so skipping on `false` changes no
/// result.
#[derive(Debug, Clone, Copy)]
struct Triggers {
    /// "like", in any case.
    like: bool,
    /// A letter, a hyphen and a letter in a row.
    hyphen: bool,
    /// A genre phrase, in any case, or non-ASCII text (where Unicode case folding of the
    /// phrase pattern could match what the ASCII prefilter cannot see).
    phrase: bool,
    /// "have" or "to ", which every counterfactual form holds (their letters have no
    /// non-ASCII case variants).
    counterfactual: bool,
}

impl Triggers {
    /// Every rewrite and pattern may apply: for texts not scanned.
    const ALL: Triggers = Triggers {
        like: true,
        hyphen: true,
        phrase: true,
        counterfactual: true,
    };

    /// The triggers of a normalised text, given also in lower case (`to_lowercase` of
    /// it: an ASCII letter found case-insensitively in `text` is in `lower` as is).
    fn of(text: &str, lower: &str) -> Triggers {
        Triggers {
            like: lower.contains("like"),
            hyphen: has_hyphenated_word(text),
            phrase: !text.is_ascii()
                || PHRASES.as_ref().is_some_and(|(_, pre)| pre.is_match(lower)),
            counterfactual: lower.contains("have") || lower.contains("to "),
        }
    }
}

/// Whether `text` has a letter, a hyphen and a letter in a row: what the hyphenated-word
/// pattern needs before it can match.
fn has_hyphenated_word(text: &str) -> bool {
    // Hyphens are rare: a SIMD search finds them, and only their neighbours are checked.
    let b = text.as_bytes();
    memchr::memchr_iter(b'-', b).any(|i| {
        i > 0 && b[i - 1].is_ascii_alphabetic() && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// [`polarity`] of a text [`normalise`] has already been through (it is idempotent, so
/// the clauses of a normalised sentence need not be copied through it again).
fn polarity_normalised(text: &str, on: Triggers) -> f64 {
    // Each rewrite is skipped when its trigger is absent, which is most of the time: the
    // checks are byte scans, far cheaper than running the patterns.
    let text: std::borrow::Cow<str> = if on.like
        && text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"like"))
    {
        std::borrow::Cow::Owned(like_as_preposition(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if !(on.hyphen && has_hyphenated_word(&text)) {
        return polarity_of_joined(&text, on);
    }
    // A hyphenated word VADER does not list is read by its parts ("well-beloved").
    let text = HYPHENATED.replace_all(&text, |c: &regex::Captures| {
        let w = &c[0];
        if LEXICON.contains_key(&w.to_lowercase()) {
            w.to_string()
        } else {
            w.replace('-', " ")
        }
    });
    polarity_of_joined(&text, on)
}

/// [`polarity`] after the rewrites of "like" and hyphenated words.
fn polarity_of_joined(text: &str, on: Triggers) -> f64 {
    let joined: std::borrow::Cow<str> = match PHRASES.as_ref() {
        Some((re, _)) if on.phrase => {
            re.replace_all(text, |c: &regex::Captures| join_phrase(&c[0]))
        }
        _ => std::borrow::Cow::Borrowed(text),
    };
    // Splitting at each break character gives empty stretches between runs of them
    // ("),"), which score zero, so the sum is that of splitting at the runs.
    let raw: f64 = joined.split(SCOPE_BREAK).map(raw_valence).sum();
    let mut score = normalise_raw(raw);
    if on.counterfactual && COUNTERFACTUAL.is_match(&joined) {
        score *= NEGATION;
    }
    score
}

/// VADER's normalisation of a raw valence sum into [-1, 1].
fn normalise_raw(raw: f64) -> f64 {
    (raw / (raw * raw + VADER_ALPHA).sqrt()).clamp(-1.0, 1.0)
}

/// One clause of a sentence, with its weight and its polarity.
#[derive(Debug, Clone)]
pub struct Clause {
    pub text: String,
    pub weight: f64,
    pub score: f64,
}

/// Cuts a sentence into clauses, weighting the conceded ones down.
pub fn clauses(sentence: &str) -> Vec<Clause> {
    let text = normalise(sentence);
    let lower = text.to_lowercase();
    clauses_of(&text, &lower)
}

/// [`clauses`] of a sentence already normalised, given also in lower case.
fn clauses_of(text: &str, lower: &str) -> Vec<Clause> {
    let on = Triggers::of(text, lower);
    let mut parts: Vec<(&str, f64)> = Vec::new();
    // "While X, Y": the first comma closes the concession.
    let (conceded, rest) = match (CONCESSIVE.is_match(text), text.find(", ")) {
        (true, Some(i)) => (Some(&text[..i]), &text[i + 2..]),
        _ => (None, text),
    };
    if let Some(c) = conceded {
        parts.push((c, CONCEDED));
    }
    // "X, but Y": everything before the last contrast is conceded. Every contrast holds one
    // of these words or a semicolon (their letters have no non-ASCII case variants), so
    // the pattern runs only when one occurs.
    let contrast = ["but", "yet", "however", "though,", ";"]
        .iter()
        .any(|w| lower.contains(w));
    let pieces: Vec<&str> = if contrast {
        CONTRAST.split(rest).collect()
    } else {
        vec![rest]
    };
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.iter().enumerate() {
        let weight = if i < last { CONCEDED } else { MAIN };
        for sub in split_clauses(piece) {
            if !sub.trim().is_empty() {
                parts.push((sub.trim(), weight));
            }
        }
    }
    parts
        .into_iter()
        .map(|(text, weight)| Clause {
            text: text.to_string(),
            weight,
            score: polarity_normalised(text, on),
        })
        .collect()
}

/// Splits at clause breaks, except after a short label ("The verdict:", "What didn't:"),
/// which belongs to what follows it.
fn split_clauses(piece: &str) -> Vec<&str> {
    // Every break holds one of these characters.
    if !piece.contains([';', ':', '-', ',']) {
        return vec![piece];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for m in CLAUSE_BREAK.find_iter(piece) {
        let before = &piece[start..m.start()];
        if m.as_str().trim_start().starts_with(':') && before.split_whitespace().count() <= 3 {
            continue;
        }
        out.push(before);
        start = m.end();
    }
    out.push(&piece[start..]);
    out
}

/// A sentence's polarity: the weighted mean of its opinionated clauses.
fn sentence_polarity(clauses: &[Clause]) -> f64 {
    let (mut sum, mut weight) = (0.0, 0.0);
    for c in clauses.iter().filter(|c| c.score.abs() >= NEUTRAL) {
        sum += c.weight * c.score;
        weight += c.weight;
    }
    if weight > 0.0 {
        sum / weight
    } else {
        0.0
    }
}

/// The verdict score of a sentence that is nothing but a watch-or-skip call ("Stream it.",
/// "SKIP IT!"), given in lower case.
fn call_of(lower: &str) -> Option<f64> {
    let t = lower.trim_matches(|c: char| !c.is_alphanumeric()).trim();
    match t {
        "stream it" | "watch it" | "binge it" => Some(0.8),
        "skip it" => Some(-0.8),
        _ => None,
    }
}

/// Scores a sentence given as text (the tests' entry point).
pub fn sentence_score(text: &str) -> f64 {
    sentence_polarity(&clauses(text))
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

/// What one review sentence contributes.
struct Scored<'a> {
    text: &'a str,
    /// The sentence normalised and lower-cased.
    lower: String,
    para: usize,
    clauses: Vec<Clause>,
    score: f64,
    weight: f64,
    summing_up: bool,
    score_line: bool,
}

/// The review verdict, or `None` when the article has no review text.
pub fn verdict(doc: &Doc) -> Option<Review> {
    analyse(doc).0
}

/// The review verdict with notes about anything doubtful: a missing or near-empty review,
/// an odd explicit score.
pub fn analyse(doc: &Doc) -> (Option<Review>, Vec<Diagnostic>) {
    analyse_with(doc, true)
}

/// [`analyse`], optionally ignoring an explicit score, so that tests can measure the
/// lexicon's verdicts on reviews whose stated scores give the right answer.
pub fn analyse_with(doc: &Doc, explicit_wins: bool) -> (Option<Review>, Vec<Diagnostic>) {
    let mut notes = Vec::new();
    let review_paras: Vec<&str> = doc
        .paras
        .iter()
        .filter(|p| p.part == Part::Review)
        .map(|p| p.text)
        .collect();
    let recap_paras: Vec<&str> = doc
        .paras
        .iter()
        .filter(|p| p.part == Part::Recap)
        .map(|p| p.text)
        .collect();
    // The sentences that may judge the episode: every sentence of a headed review, as
    // before; elsewhere those whose cues mark them as the critic's (the polarity, read
    // below, decides). The cue scan is one automaton pass, so the recap costs little.
    // (the section's weight, the sentence's own cues) for every sentence.
    let weights: Vec<(f64, f64)> = (0..doc.sents.len())
        .map(|s| {
            let text = doc.sent_text(s);
            if text.trim().is_empty() {
                return (0.0, f64::NEG_INFINITY);
            }
            let bonus = match doc.sent_part(s) {
                Part::Review if doc.review_headed => HEADED_REVIEW,
                Part::Review => GUESSED_REVIEW,
                Part::Recap => 0.0,
            };
            // A sentence that opens by summing up ("Overall, ...", "VERDICT The
            // revelations come thick and fast ...") is the critic's by its opening alone.
            let summing_up = opens_summing_up(text);
            // A line stating the critic's grade ("Score: 8/10") is an evaluation by itself.
            // (A grade needs a digit, a star, a colon or a line of a few bytes: the cheap
            // test keeps the score parser off nearly every sentence.)
            let may_grade = text.len() <= 60
                && (text.len() <= 4
                    || text.bytes().any(|b| b.is_ascii_digit() || b == b':')
                    || text.contains('★'));
            if summing_up || (may_grade && explicit::find(&[text]).is_some()) {
                return (0.0, EVALUATION);
            }
            (bonus, evaluation_weight(text, doc.series.as_deref()))
        })
        .collect();
    // Critics' opinions come in paragraphs: beside an evaluation sentence, a sentence of the
    // same paragraph with one cue of its own ("It actually got boring after a while.") is
    // evaluation too.
    let judged_paras: std::collections::HashSet<usize> = weights
        .iter()
        .enumerate()
        .filter(|(_, &(bonus, cues))| bonus + cues >= EVALUATION)
        .filter_map(|(s, _)| doc.sents.get(s).map(|x| x.para))
        .collect();
    let sents: Vec<usize> = weights
        .iter()
        .enumerate()
        .filter(|&(s, &(bonus, cues))| {
            bonus + cues >= EVALUATION
                || (cues >= PARAGRAPH_COMPANION
                    && doc
                        .sents
                        .get(s)
                        .is_some_and(|x| judged_paras.contains(&x.para)))
        })
        .map(|(s, _)| s)
        .collect();
    let explicit = explicit::find(&review_paras)
        .or_else(|| explicit::find_outside_review(&recap_paras))
        .filter(|_| explicit_wins);
    if sents.is_empty() && explicit.is_none() {
        notes.push(Diagnostic {
            message: "the critic judges nothing the reader can find: no review section, no evaluation sentence and no stated grade; there is no verdict".into(),
        });
        return (None, notes);
    }
    if let Some(note) = explicit.as_ref().and_then(|e| e.note.clone()) {
        notes.push(Diagnostic { message: note });
    }
    let last_para = sents
        .iter()
        .filter_map(|&s| doc.sents.get(s))
        .map(|s| s.para)
        .max();
    let first_para = sents
        .iter()
        .filter_map(|&s| doc.sents.get(s))
        .map(|s| s.para)
        .min();
    let mut scored: Vec<Scored> = sents
        .iter()
        .map(|&s| {
            let text = doc.sent_text(s);
            let para = doc.sents.get(s).map_or(0, |x| x.para);
            let norm = normalise(text);
            let lower = norm.to_lowercase();
            let trimmed = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
            let summing_up = opens_summing_up(trimmed);
            // The length test comes first: it is free, and most sentences are too long to be a
            // score line.
            let score_line = text.len() <= 60 && explicit::find(&[text]).is_some();
            let clauses = if score_line {
                Vec::new()
            } else {
                clauses_of(&norm, &lower)
            };
            let score = sentence_polarity(&clauses);
            // The review section, where there is one, weighs more than opinion met in the
            // retelling.
            let mut weight = if doc.paras.get(para).is_some_and(|p| p.part == Part::Review) {
                REVIEW_SECTION
            } else {
                1.0
            };
            if summing_up {
                weight *= SUMMING_UP;
            }
            if last_para != first_para && Some(para) == last_para {
                weight *= CLOSING;
            }
            // Every irrealis form opens with "if" / "un(less)" or holds one of these
            // words (`trimmed` is lower case; the letters have no non-ASCII case variants).
            let maybe_irrealis = trimmed.starts_with("if")
                || trimmed.starts_with("un")
                || [" be", " grow", " get", "hop"]
                    .iter()
                    .any(|w| trimmed.contains(w));
            if maybe_irrealis && IRREALIS.is_match(trimmed) {
                weight *= HYPOTHETICAL;
            }
            Scored {
                text,
                lower,
                para,
                clauses,
                score,
                weight,
                summing_up,
                score_line,
            }
        })
        .collect();
    // A score line ("Score: 8/10") closes many reviews; the paragraph before it is then the
    // closing one, so it gets the closing weight too.
    if let Some(lp) = last_para {
        if scored.iter().filter(|s| s.para == lp).all(|s| s.score_line) {
            let prose_last = scored
                .iter()
                .filter(|s| !s.score_line)
                .map(|s| s.para)
                .max();
            for s in scored.iter_mut() {
                if Some(s.para) == prose_last && prose_last != first_para {
                    s.weight *= CLOSING;
                }
            }
        }
    }
    let words: usize = scored
        .iter()
        .filter(|s| !s.score_line)
        .map(|s| s.text.split_whitespace().count())
        .sum();
    let closing_para = scored
        .iter()
        .filter(|s| !s.score_line)
        .map(|s| s.para)
        .max();
    // The mean over every opinionated sentence, by weight.
    let (mut sum, mut weight) = (0.0, 0.0);
    for s in scored.iter().filter(|s| s.score.abs() >= NEUTRAL) {
        sum += s.weight * s.score;
        weight += s.weight;
    }
    let overall = if weight > 0.0 { sum / weight } else { 0.0 };
    // The summing-up sentence: the last one opened by a cue, tempered by a contrast that
    // follows it at once ("Overall, ... wasn't solid. However, ... can become ...").
    let cue_index = scored.iter().rposition(|s| s.summing_up);
    let mut score = overall;
    if let Some(i) = cue_index {
        let mut local = scored[i].score;
        if let Some(next) = scored.get(i + 1) {
            let opener = normalise(next.text);
            if CONTRAST_OPENER.is_match(opener.trim_start_matches(|c: char| !c.is_alphanumeric()))
                && next.score.abs() >= NEUTRAL
            {
                // A qualification after the verdict softens it, at most by half; it does
                // not overturn it, because the critic chose to state the verdict first.
                let t = next.score * next.weight.min(1.0);
                local = if t * local < 0.0 {
                    local * (1.0 - 0.5 * t.abs().min(1.0))
                } else {
                    0.7 * local + 0.3 * t
                };
            }
        }
        // A summing-up sentence that says nothing the lexicon can read ("Bottom line:
        // watch it.") must not drag the verdict towards "mixed".
        if local.abs() >= NEUTRAL {
            score = 0.5 * local + 0.5 * overall;
        }
    }
    // The critic's own word for a mixed episode, in the summing-up or the closing paragraph.
    let mixed_named = scored.iter().any(|s| {
        (s.summing_up || Some(s.para) == closing_para)
            && LEX
                .review_mixed
                .iter()
                .any(|m| contains_phrase(&s.lower, m))
    });
    if mixed_named {
        score *= MIXED_PULL;
    }
    // Evidence: the summing-up sentence, else the strongest sentence of the closing
    // paragraph, else the line that states the score.
    let evidence_index = cue_index
        .or_else(|| {
            scored
                .iter()
                .enumerate()
                .filter(|(_, s)| Some(s.para) == closing_para && !s.score_line)
                .max_by(|a, b| {
                    (a.1.score * a.1.weight)
                        .abs()
                        .total_cmp(&(b.1.score * b.1.weight).abs())
                })
                .map(|(i, _)| i)
        })
        .or_else(|| scored.iter().rposition(|s| s.score_line))
        .unwrap_or(scored.len().saturating_sub(1));
    // A streaming guide's call ("Our Call: STREAM IT", "SKIP IT"): the critic's verdict
    // in two words, which outweighs the tone of the prose around it. It is not a score,
    // so `explicit` stays empty.
    let call = scored
        .iter()
        .rev()
        .find_map(|s| call_of(&s.lower).map(|v| (v, s.text)));
    let evidence = match call {
        Some((_, text)) if explicit.is_none() => text.to_string(),
        _ => scored
            .get(evidence_index)
            .map(|s| s.text.to_string())
            .unwrap_or_default(),
    };
    if let Some(e) = &explicit {
        score = e.verdict_score();
    } else if let Some((v, _)) = call {
        score = v;
    } else if words < MIN_WORDS || weight == 0.0 {
        // No judgement is not "mixed": a reader would take "mixed" for the critic's view.
        notes.push(Diagnostic {
            message: if words < MIN_WORDS {
                format!(
                    "the critic's sentences hold only {words} word{}; too little to judge, so there is no verdict",
                    if words == 1 { "" } else { "s" }
                )
            } else {
                "no sentence judges the episode in words the lexicon can read, and no grade is stated; there is no verdict".into()
            },
        });
        return (None, notes);
    }
    // Adding zero turns a rounded -0.0 into 0.0, which reads better in the JSON.
    let score = (score.clamp(-1.0, 1.0) * 100.0).round() / 100.0 + 0.0;
    let aspects = aspects(&scored);
    let evaluation = scored
        .iter()
        .filter(|s| s.score_line || s.score.abs() >= NEUTRAL)
        .map(|s| Evaluation {
            text: s.text.trim().to_string(),
            polarity: (s.score.clamp(-1.0, 1.0) * 100.0).round() / 100.0 + 0.0,
            part: doc.paras.get(s.para).map_or(Part::Review, |p| p.part),
        })
        .collect();
    (
        Some(Review {
            verdict: Verdict {
                label: Label::from_score(score),
                score,
                explicit: explicit.map(|e| e.written),
                evidence,
            },
            aspects,
            evaluation,
        }),
        notes,
    )
}

/// Whether `phrase` occurs in `text` as whole words (both lower case).
/// Whether a sentence opens, past any punctuation, with a summing-up cue of
/// `data/verdict_cues.txt` ("Overall, ...", "VERDICT The revelations ..."), in any case.
fn opens_summing_up(text: &str) -> bool {
    let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    LEX.verdict_cues.iter().any(|c| {
        trimmed
            .get(..c.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(c))
            && !trimmed[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
    })
}

fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The aspects a clause names, in order of first mention.
/// The aspect words, for one pass over ASCII text (see [`aspects_named`]).
static ASPECT_WORDS: LazyLock<Option<(aho_corasick::AhoCorasick, Vec<String>)>> =
    LazyLock::new(|| {
        let words: Vec<String> = LEX.aspects.keys().cloned().collect();
        // A full DFA: the list is small, and overlapping search is fastest on it.
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .ok()?;
        Some((ac, words))
    });

fn aspects_named(text: &str) -> Vec<AspectName> {
    // ASCII text (nearly all of it): one automaton pass finds the aspect words, kept only
    // where they are whole words, exactly as the word-by-word loop below would find them.
    if text.is_ascii() {
        if let Some((ac, words)) = ASPECT_WORDS.as_ref() {
            let b = text.as_bytes();
            let word_byte = |i: usize| {
                b.get(i)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-')
            };
            let mut named = Vec::new();
            for m in ac.find_overlapping_iter(text) {
                let (start, end) = (m.start(), m.end());
                if (start > 0 && word_byte(start - 1)) || word_byte(end) {
                    continue;
                }
                let Some(a) = words
                    .get(m.pattern().as_usize())
                    .and_then(|w| LEX.aspects.get(w))
                    .and_then(|a| aspect_name(a))
                else {
                    continue;
                };
                if !named.contains(&a) {
                    named.push(a);
                }
            }
            return named;
        }
    }
    let mut named = Vec::new();
    let mut lower = String::new();
    for w in text.split(|ch: char| !(ch.is_alphanumeric() || ch == '-')) {
        if w.is_empty() {
            continue;
        }
        // One buffer for the lower-case word, instead of an allocation per word.
        lower.clear();
        if w.is_ascii() {
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        if let Some(a) = LEX.aspects.get(lower.as_str()).and_then(|a| aspect_name(a)) {
            if !named.contains(&a) {
                named.push(a);
            }
        }
    }
    named
}

/// The polarity a clause gives one aspect: that of the part of the clause around the
/// aspect's word when "and" joins two opinions ("the best scene of the season and some of
/// its weakest plotting"), else the clause's.
fn aspect_polarity(clause: &str, aspect: AspectName, clause_score: f64) -> f64 {
    let parts: Vec<&str> = clause.split(" and ").collect();
    if parts.len() < 2 {
        return clause_score;
    }
    for part in parts {
        if aspects_named(part).contains(&aspect) {
            let p = polarity_normalised(part, Triggers::of(part, &part.to_lowercase()));
            if p.abs() >= NEUTRAL {
                return p;
            }
        }
    }
    clause_score
}

/// Per-aspect opinions: each clause that names an aspect and holds an opinion votes for it,
/// by its weight; the aspect's polarity is the balance of the votes, and its evidence the
/// sentence with the strongest vote on the winning side.
fn aspects(scored: &[Scored]) -> Vec<Aspect> {
    struct Votes<'a> {
        aspect: AspectName,
        positive: f64,
        negative: f64,
        best_positive: (f64, &'a str),
        best_negative: (f64, &'a str),
    }
    let mut votes: Vec<Votes> = Vec::new();
    for s in scored.iter().filter(|s| !s.score_line) {
        // The aspects of the conceded clause before a contrast that names none of its own:
        // "The animation has been the calling card, but the scenes are muddy" is about
        // the animation, so the main clause's fault goes to it and the concession is dropped.
        let mut carried: Vec<AspectName> = Vec::new();
        // Each clause's aspects, found once (the loop looks at the next clause's too).
        let named_in: Vec<Vec<AspectName>> =
            s.clauses.iter().map(|c| aspects_named(&c.text)).collect();
        for (ci, c) in s.clauses.iter().enumerate() {
            let own = named_in.get(ci).cloned().unwrap_or_default();
            let next_takes_over = s.clauses.get(ci + 1).is_some_and(|n| {
                c.weight < n.weight
                    && named_in.get(ci + 1).is_some_and(Vec::is_empty)
                    && n.score.abs() >= NEUTRAL
            });
            if next_takes_over {
                carried = own;
                continue;
            }
            let named: Vec<(AspectName, f64)> = if own.is_empty() {
                std::mem::take(&mut carried)
                    .into_iter()
                    .map(|a| (a, c.score))
                    .collect()
            } else {
                carried.clear();
                own.into_iter()
                    .map(|a| (a, aspect_polarity(&c.text, a, c.score)))
                    .collect()
            };
            for (a, score) in named {
                if score.abs() < NEUTRAL {
                    continue;
                }
                let vote = c.weight * score;
                let i = match votes.iter().position(|v| v.aspect == a) {
                    Some(i) => i,
                    None => {
                        votes.push(Votes {
                            aspect: a,
                            positive: 0.0,
                            negative: 0.0,
                            best_positive: (0.0, ""),
                            best_negative: (0.0, ""),
                        });
                        votes.len() - 1
                    }
                };
                let Some(v) = votes.get_mut(i) else { continue };
                if vote > 0.0 {
                    v.positive += vote;
                    if vote > v.best_positive.0 {
                        v.best_positive = (vote, s.text);
                    }
                } else {
                    v.negative -= vote;
                    if -vote > v.best_negative.0 {
                        v.best_negative = (-vote, s.text);
                    }
                }
            }
        }
    }
    votes
        .into_iter()
        .filter(|v| v.positive + v.negative > 0.0)
        .map(|v| {
            let (more, less) = if v.positive >= v.negative {
                (v.positive, v.negative)
            } else {
                (v.negative, v.positive)
            };
            let polarity = if less > 0.0 && less >= 0.6 * more {
                Label::Mixed
            } else if v.positive >= v.negative {
                Label::Positive
            } else {
                Label::Negative
            };
            let evidence = match polarity {
                Label::Negative => v.best_negative.1,
                Label::Positive => v.best_positive.1,
                Label::Mixed if v.best_positive.0 >= v.best_negative.0 => v.best_positive.1,
                Label::Mixed => v.best_negative.1,
            };
            Aspect {
                aspect: v.aspect,
                polarity,
                evidence: evidence.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    // A watch-or-skip call is a verdict; a sentence that merely mentions streaming is not.
    #[test]
    fn watch_or_skip_calls() {
        assert_eq!(call_of("stream it."), Some(0.8));
        assert_eq!(call_of("skip it!"), Some(-0.8));
        assert_eq!(call_of("you can stream it on lumenbox."), None);
    }

    use super::*;

    /// The review of an article whose review paragraphs stand under a review heading.
    fn review(paras: &[&str]) -> (Option<Review>, Vec<Diagnostic>) {
        let mut doc = article_doc(&["Rouge runs."], paras);
        doc.review_headed = true;
        analyse(&doc)
    }

    fn article_doc<'a>(recap: &[&'a str], review: &[&'a str]) -> Doc<'a> {
        let mut ps = Vec::new();
        for (i, p) in recap.iter().enumerate() {
            ps.push(crate::doc::Para {
                text: p,
                part: Part::Recap,
                index: i,
            });
        }
        for (i, p) in review.iter().enumerate() {
            ps.push(crate::doc::Para {
                text: p,
                part: Part::Review,
                index: i,
            });
        }
        Doc::from_paras(ps)
    }

    // Real reviews weave the critic's view into the retelling: with no review heading,
    // the evaluation sentences found among recap paragraphs make the verdict, and only
    // they are its evidence.
    #[test]
    fn opinion_inside_recap_paragraphs_makes_the_verdict() {
        let doc = article_doc(
            &[
                "Mira rows out to the wreck and finds her brother's compass under the hull.",
                "This episode is a gorgeous, gripping hour, and I loved every minute of the storm sequence.",
                "Later, Tomas lies to the harbourmaster about the cargo.",
                "The animation in the final fight is stunning, the best the show has looked so far.",
            ],
            &[],
        );
        let (r, _) = analyse(&doc);
        let r = r.expect("a verdict");
        assert_eq!(r.verdict.label, Label::Positive);
        let texts: Vec<&str> = r.evaluation.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts
                .iter()
                .all(|t| !t.contains("Tomas") && !t.contains("compass")),
            "{texts:?}"
        );
        assert!(r.evaluation.iter().all(|e| e.part == Part::Recap));
    }

    // The show's name counts as a whole name, and a name longer than the sentence is
    // simply not in it.
    #[test]
    fn the_shows_name_is_found_as_a_whole_name() {
        assert!(contains_phrase("Ember Gate is a delight.", "Ember Gate"));
        assert!(!contains_phrase("Short.", "A Much Longer Series Title"));
        assert!(!contains_phrase("Embergate fans rejoice.", "Ember"));
    }

    // A judging word inside a name ("Good Tweet Bad Tweet") judges nothing; a sentence with
    // one cue of its own counts beside an evaluation sentence of its paragraph.
    #[test]
    fn names_do_not_judge_and_opinions_come_in_paragraphs() {
        assert_eq!(
            evaluation_weight("Team Kendall play Good Tweet Bad Tweet in the limo.", None),
            0.0
        );
        let doc = article_doc(
            &[
                "Mira rows out to the wreck and finds her brother's compass under the hull.",
                "This episode is a gorgeous, gripping hour. It actually got boring after a while, though.",
            ],
            &[],
        );
        let r = analyse(&doc).0.expect("a verdict");
        assert!(
            r.evaluation
                .iter()
                .any(|e| e.text.starts_with("It actually got boring")),
            "{:?}",
            r.evaluation
        );
    }

    // A page that only retells has no verdict: "mixed" would read as the critic's view.
    #[test]
    fn a_page_with_no_judgement_has_no_verdict() {
        let doc = article_doc(
            &[
                "Mira rows out to the wreck and finds her brother's compass under the hull.",
                "Later, Tomas lies to the harbourmaster about the cargo, and the storm breaks.",
                "Kendall tells a reporter: “I'm just really happy in my headspace, it's great.”",
            ],
            &[],
        );
        let (r, notes) = analyse(&doc);
        assert!(r.is_none(), "{r:?}");
        assert!(
            notes.iter().any(|n| n.message.contains("no verdict")),
            "{notes:?}"
        );
    }

    // A readers' poll and a community score beside a page with no judgement stay silent;
    // a stated grade anywhere sets the label whatever the wording.
    #[test]
    fn community_scores_are_ignored_and_a_stated_grade_sets_the_label() {
        let doc = article_doc(
            &[
                "How would you rate episode 5 of Ember Gate?",
                "Community score: 4.4",
                "Mira rows out to the wreck and finds her brother's compass under the hull.",
            ],
            &[],
        );
        assert!(analyse(&doc).0.is_none());
        let graded = article_doc(
            &[
                "B+",
                "Mira rows out to the wreck and finds her brother's compass under the hull.",
            ],
            &[],
        );
        let r = analyse(&graded).0.expect("a graded verdict");
        assert_eq!(
            (r.verdict.label, r.verdict.explicit.as_deref()),
            (Label::Positive, Some("B+"))
        );
    }

    // Negation flips praise, with the typographic apostrophe too: "wasn’t solid" is a fault.
    #[test]
    fn negated_praise_is_a_fault() {
        assert!(sentence_score("Overall, this introductory chapter wasn’t solid.") < 0.0);
        assert!(sentence_score("Overall, this introductory chapter wasn't solid.") < 0.0);
        assert!(sentence_score("The visuals are gorgeous.") > 0.0);
        assert!(sentence_score("The visuals are not gorgeous.") < 0.0);
    }

    // Intensifiers strengthen and downtoners weaken, as VADER defines them.
    #[test]
    fn intensifiers_scale_the_opinion() {
        let plain = sentence_score("The animation is good.");
        assert!(sentence_score("The animation is very good.") > plain);
        assert!(sentence_score("The animation is barely good.") < plain);
    }

    // The crate's VADER port matched "so" inside "episode" and counted "really" twice,
    // which cancelled the intensifying of faults: guard the in-house rules against both.
    #[test]
    fn intensifiers_strengthen_faults_too() {
        let plain = sentence_score("The show was boring.");
        assert!(sentence_score("The show was really boring.") < plain);
        assert_eq!(
            sentence_score("The show was really boring."),
            sentence_score("The episode was really boring.")
        );
    }

    // A negation is taken by the first opinion word after it: "can't save a hollow script"
    // negates "save" and leaves "hollow" a fault.
    #[test]
    fn negation_stops_at_the_first_opinion_word() {
        assert!(sentence_score("Pretty visuals can't save a hollow script.") < 0.0);
    }

    // The genre lexicon: faults VADER lacks, praise it misreads, content that is no verdict.
    #[test]
    fn genre_words_are_read_as_critics_mean_them() {
        assert!(sentence_score("The middle of the episode is filler.") < 0.0);
        assert!(sentence_score("The ending feels rushed.") < 0.0);
        assert!(sentence_score("The story structure feels off.") < 0.0);
        assert!(sentence_score("It is a padded, uneven hour.") < 0.0);
        assert!(sentence_score("One devastating scene carries the hour.") > 0.0);
        assert!(sentence_score("The ending doesn't feel rushed.") > 0.0);
        assert_eq!(
            sentence_score("Bastian's death is staged without music."),
            0.0
        );
    }

    #[test]
    fn every_genre_entry_parses() {
        let lines = crate::lexicon::entries(include_str!("../data/review_genre.txt")).count();
        assert_eq!(
            LEX.review_genre.len(),
            lines,
            "a genre line lacks a valence"
        );
    }

    // "While X, Y": the main clause decides the sentence, and each clause keeps its own
    // polarity for the aspects.
    #[test]
    fn concessive_clause_weighs_less() {
        let cs = clauses("While the episode delivers impressive imagery and tackles interesting themes, the story structure feels off.");
        assert_eq!(cs.len(), 2);
        assert!(cs[0].score > 0.0 && cs[0].weight < cs[1].weight);
        assert!(cs[1].score < 0.0);
        assert!(
            sentence_score("The premise is great, but the execution is boring and dull.") < 0.0
        );
        assert!(sentence_score("The middle drags, but the finale is terrific.") > 0.0);
    }

    // "should have been X" says it was not X.
    #[test]
    fn like_as_a_preposition_is_no_praise() {
        assert_eq!(sentence_score("The hallway feels like a tunnel."), 0.0);
        assert_eq!(
            sentence_score("Like previous shows, it airs on Sundays."),
            0.0
        );
        assert!(sentence_score("I like the new opening.") > 0.0);
    }

    // A negation does not reach across a comma: "or not, it's nice" is praise.
    #[test]
    fn negation_stops_at_a_comma() {
        assert!(sentence_score("Whether it is a copy or not, it's nice to see.") > 0.0);
    }

    // A hyphenated word VADER lacks is read by its parts.
    #[test]
    fn hyphenated_words_fall_back_to_their_parts() {
        assert!(sentence_score("It can become a show that is well-beloved.") > 0.0);
    }

    #[test]
    fn counterfactual_praise_is_a_fault() {
        assert!(sentence_score("Morrow's death should have been a gut punch.") < 0.0);
    }

    // The seed's closing: a negative summing-up, then a hopeful "However": mixed or negative.
    #[test]
    fn however_after_the_summing_up_tempers_it() {
        let (r, _) = review(&[
            "The visuals are pleasant and the cityscapes are impressive.",
            "Overall, this introductory chapter wasn’t solid. However, through proper build-up, the show can become a sci-fi anime that’s well-beloved in the community.",
        ]);
        let r = r.expect("a review");
        assert_ne!(r.verdict.label, Label::Positive);
        assert!(r.verdict.evidence.starts_with("Overall"));
    }

    #[test]
    fn a_named_mixed_bag_is_mixed() {
        let (r, _) = review(&[
            "The opening scene is terrific and beautifully acted.",
            "Overall, this is a mixed bag: one brilliant scene and a lot of filler.",
        ]);
        assert_eq!(r.expect("a review").verdict.label, Label::Mixed);
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

    // An explicit score wins over the words around it.
    #[test]
    fn explicit_score_wins_over_the_lexicon() {
        let (r, _) = review(&[
            "This is a wonderful, gorgeous, brilliant episode.",
            "Score: 3/10",
        ]);
        let r = r.expect("a review");
        assert_eq!(r.verdict.explicit.as_deref(), Some("3/10"));
        assert_eq!(r.verdict.label, Label::Negative);
    }

    // Bad input: no review, an empty one, a single word, odd scores. Notes, never a panic.
    #[test]
    fn missing_review_is_null_with_a_note() {
        let (r, notes) = review(&[]);
        assert!(r.is_none());
        assert!(notes.iter().any(|n| n.message.contains("no review")));
        let (r, notes) = review(&["   "]);
        assert!(r.is_none());
        assert!(!notes.is_empty());
    }

    // A one-word review is too little to judge: no verdict, and a note says why (it was
    // "mixed" before the real-pages issue: no judgement is not a mixed one).
    #[test]
    fn one_word_review_has_no_verdict_with_a_note() {
        let (r, notes) = review(&["Great."]);
        assert!(r.is_none());
        assert!(notes.iter().any(|n| n.message.contains("too little")));
    }

    #[test]
    fn odd_explicit_scores_are_clamped_with_a_note() {
        for (text, label) in [
            ("Score: 11/10", Label::Positive),
            ("Score: -3/5", Label::Negative),
            ("Grade: B++", Label::Positive),
        ] {
            let (r, notes) = review(&["A fine enough episode with some good moments.", text]);
            let r = r.expect("a review");
            assert_eq!(r.verdict.label, label, "{text}");
            assert!((-1.0..=1.0).contains(&r.verdict.score));
            assert!(!notes.is_empty(), "{text} should get a note");
        }
    }
}
