//! Finding the proper-name mentions in a segmented article.
//!
//! A mention is a run of capitalised words ("Club Canal", "Dr. Roy Junghardt"), with
//! numbers after a word ("Mob Psycho 100"), name particles inside ("Ludwig van Beethoven")
//! and, in the review or inside quotes, the small words of titles ("Castle in the Sky").
//! The run is then trimmed:
//! - leading function words and labels go ("Then", "Meanwhile", "Episode 1 of ...");
//! - a single word that opens a sentence is dropped when it is a common word: listed, an
//!   "-ly" adverb, an "-ing" participle, or a word the article also writes in lower case;
//! - leading titles ("Dr.", "Captain") are kept apart as the mention's title;
//! - runs longer than [`MAX_NAME_WORDS`] are title-case prose, not names, and are skipped.
//!
//! A name written as "X card" where "card" is a thing word keeps the noun ("Joker card").
//! A possessive "'s" is never part of the name.

use crate::doc::Doc;
use crate::lexicon::LEX;
use crate::model::Part;
use crate::segment::TokKind;

/// Longer capitalised runs are headings or title-case prose rather than names.
pub const MAX_NAME_WORDS: usize = 6;

/// One proper-name mention.
#[derive(Debug, Clone)]
pub struct RawMention {
    pub sent: usize,
    /// Token range of the bare name (title excluded).
    pub toks: std::ops::Range<usize>,
    /// First token of the whole mention, title included.
    pub first_tok: usize,
    /// Byte range of the whole mention in its paragraph.
    pub start: usize,
    pub end: usize,
    /// Byte range of the bare name.
    pub name_start: usize,
    pub name_end: usize,
    /// The bare name with white space folded.
    pub name: String,
    /// The mention as written, title included ("Dr. Roy Junghardt").
    pub full: String,
    pub title: Option<String>,
    pub quoted: bool,
    pub possessive: bool,
    pub part: Part,
}

/// Abbreviations that stand inside place names with their full stop: "St. Aldhelm's",
/// "Mt. Hiei", "Ft. Brandt".
pub(crate) const NAME_ABBREVIATIONS: [&str; 3] = ["St", "Mt", "Ft"];

fn is_cap_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_opening_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "'" | "«" | "(" | "*" | "_")
}

fn is_closing_quote(w: &str) -> bool {
    matches!(w, "\"" | "”" | "’" | "'" | "»" | "*" | "_")
}

/// True for token `k`, a word that is common English rather than a name when it opens a
/// sentence.
///
/// `seen_mid` says the word is also written capitalised inside a sentence, which adverbs
/// and participles never are: then "-ly" and "-ing" do not make it common ("Emily",
/// "Stavely", "Kimberly" are names).
fn common_at_start(doc: &Doc, k: usize, single: bool, seen_mid: bool) -> bool {
    let w = doc.tok(k);
    let lower = doc.lower(k);
    if LEX.function_words.contains(lower) {
        return true;
    }
    if seen_mid {
        return single && doc.lower_vocab.contains(lower);
    }
    let n = w.chars().count();
    if n >= 5 && lower.ends_with("ly") {
        return true;
    }
    if n >= 6 && lower.ends_with("ing") {
        return true;
    }
    single && doc.lower_vocab.contains(lower)
}

/// An adjective of nationality, region or faith: listed, or ending in "-ish", "-ese" or
/// "-ern" ("British", "Japanese", "Midwestern").
fn is_demonym(lower: &str) -> bool {
    LEX.demonyms.contains(lower)
        || (lower.chars().count() > 5
            && (lower.ends_with("ish") || lower.ends_with("ese") || lower.ends_with("ern")))
}

/// Whether `w` (as written) is an honorific or title.
/// Whether `w` (as written) is an honorific or title. A hyphenated title counts when both
/// its parts are titles or rank prefixes and one is a listed title ("Lord-Marshal",
/// "Vice-Admiral", "Lieutenant-Colonel").
pub fn is_honorific(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if LEX.honorifics.contains(w) {
        return true;
    }
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let part = |p: &str| {
        LEX.honorifics.contains(p) || matches!(p, "Vice" | "Sub" | "Under" | "Grand" | "High")
    };
    part(a) && part(b) && (LEX.honorifics.contains(a) || LEX.honorifics.contains(b))
}

/// True when the token after a sentence-opening word reads like the verb of a name used as
/// subject ("Rogue heads", "Giallon doesn't", "Jaron lied", "Sara's"), not like the rest of
/// a phrase opened by a common word ("Deeper in", "Lanterns bob", "Keep an").
fn subject_follows(doc: &Doc, next: usize, end: usize) -> bool {
    if next >= end {
        return false;
    }
    // A possessive, or a parenthetical credit ("Edda (Saoirse Doyle) ...").
    if doc.kind(next) == Some(TokKind::Clitic) || doc.tok(next) == "(" {
        return true;
    }
    let w = doc.lower(next);
    // "Wren, the chatty constable": an appositive after a name; "Jonah, voiced by Daniel
    // Okoye, ...": a credit.
    if w == "," {
        let after = doc.lower(next + 1);
        return next + 1 < end
            && (matches!(
                after,
                "the" | "a" | "an" | "who" | "whose" | "his" | "her" | "their" | "our" | "one"
            ) || (matches!(after, "voiced" | "played" | "portrayed")
                && doc.lower(next + 2) == "by"));
    }
    if doc.kind(next) != Some(TokKind::Word)
        || !doc.tok(next).chars().next().is_some_and(char::is_lowercase)
    {
        return false;
    }
    if w == "and" || w == "or" {
        return next + 1 < end && is_cap_word(doc.tok(next + 1));
    }
    if w == "," {
        return false;
    }
    if w.ends_with("n't") || w.ends_with("n’t") {
        return true;
    }
    if LEX.verbs_after_name.contains(w) {
        return true;
    }
    (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
        || (w.len() > 3 && w.ends_with("ed"))
}

/// Finds every mention in the document, in text order.
pub fn find(doc: &Doc) -> Vec<RawMention> {
    let mut out = Vec::new();
    // Capitalised words seen away from the start of a sentence: such a word is a name
    // wherever it stands.
    let mut cap_mid: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for s in &doc.sents {
        let mut first_word = true;
        for k in s.toks.clone() {
            if doc.kind(k) != Some(TokKind::Word) {
                continue;
            }
            let w = doc.tok(k);
            let after_break = k > s.toks.start
                && matches!(doc.tok(k - 1), ":" | "\"" | "“" | "‘" | ";" | "—" | "–");
            if !first_word && !after_break && is_cap_word(w) {
                cap_mid.insert(w);
            }
            first_word = false;
        }
    }
    // Capitalised words used other than right before "'s" and another capitalised word:
    // a word seen only as "Natsume's Book of Friends" is part of a title, not a name.
    let mut standalone: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for s in &doc.sents {
        for k in s.toks.clone() {
            let w = doc.tok(k);
            if doc.kind(k) != Some(TokKind::Word) || !is_cap_word(w) {
                continue;
            }
            let titled = doc.kind(k + 1) == Some(TokKind::Clitic)
                && k + 2 < s.toks.end
                && doc.kind(k + 2) == Some(TokKind::Word)
                && is_cap_word(doc.tok(k + 2));
            if !titled {
                standalone.insert(w);
            }
        }
    }
    for (si, s) in doc.sents.iter().enumerate() {
        let part = doc.paras.get(s.para).map_or(Part::Recap, |p| p.part);
        let text = doc.paras.get(s.para).map_or("", |p| p.text);
        let (a, b) = (s.toks.start, s.toks.end);
        // Positions where a new sentence (or quote, or clause after a colon) starts.
        let mut initial = a;
        while initial < b && doc.kind(initial) == Some(TokKind::Punct) {
            initial += 1;
        }
        let mut i = a;
        while i < b {
            let w = doc.tok(i);
            let kind = doc.kind(i);
            if kind != Some(TokKind::Word) || !is_cap_word(w) {
                i += 1;
                continue;
            }
            // Opening quote before the run?
            let quoted_open = i > a && is_opening_quote(doc.tok(i - 1)) && doc.tok(i - 1) != "(";
            let clause_start = i == initial
                || (i > a && matches!(doc.tok(i - 1), ":" | "\"" | "“" | "‘" | ";" | "—" | "–"));
            // Extend the run.
            let allow_title_words = part == Part::Review || quoted_open;
            let mut j = i + 1;
            let mut last_word = i;
            let mut hyphen_cut: Option<usize> = None;
            if w.contains('-') {
                if let Some(h) = hyphen_suffix_cut(w) {
                    hyphen_cut = Some(h);
                }
            }
            while hyphen_cut.is_none() && j < b {
                let t = doc.tok(j);
                match doc.kind(j) {
                    // "the British The Office": a capitalised "The" after one word starts
                    // another name (a longer run of title-case words is prose, and is
                    // judged whole).
                    Some(TokKind::Word) if t == "The" && j == i + 1 => break,
                    // "Meridian Drift Season 2 is streaming": a season or episode number
                    // after a name is not part of it (a number right after a word, as in
                    // "Mob Psycho 100", still is).
                    Some(TokKind::Word)
                        if matches!(
                            t,
                            "Season" | "Episode" | "Ep" | "Part" | "Chapter" | "Volume" | "Vol"
                        ) && doc.kind(j + 1) == Some(TokKind::Number)
                            && j + 1 < b =>
                    {
                        break
                    }
                    Some(TokKind::Word) if is_cap_word(t) => {
                        last_word = j;
                        if t.contains('-') && hyphen_suffix_cut(t).is_some() {
                            hyphen_cut = hyphen_suffix_cut(t);
                            j += 1;
                            break;
                        }
                        j += 1;
                    }
                    Some(TokKind::Number) => {
                        last_word = j;
                        j += 1;
                    }
                    // In a review, titles hold an ampersand ("Law & Order") or a possessive
                    // ("Ocean's Eleven", "Natsume's Book of Friends") whose owner is named
                    // nowhere else.
                    Some(TokKind::Punct | TokKind::Clitic)
                        if part == Part::Review
                            && j == last_word + 1
                            && j + 1 < b
                            && doc.kind(j + 1) == Some(TokKind::Word)
                            && is_cap_word(doc.tok(j + 1))
                            && (t == "&"
                                || (doc.kind(j) == Some(TokKind::Clitic)
                                    && j == i + 1
                                    && !standalone.contains(w))) =>
                    {
                        j += 1;
                    }
                    // "Pellow's Boatyard", "Joe's Diner": a possessive before one
                    // capitalised venue word is the venue's name, not its owner.
                    Some(TokKind::Clitic)
                        if j == last_word + 1
                            && j + 1 < b
                            && doc.kind(j + 1) == Some(TokKind::Word)
                            && is_cap_word(doc.tok(j + 1))
                            && LEX.place_words.contains(doc.lower(j + 1))
                            && !(j + 2 < b
                                && doc.kind(j + 2) == Some(TokKind::Word)
                                && is_cap_word(doc.tok(j + 2))) =>
                    {
                        last_word = j + 1;
                        j += 2;
                        break;
                    }
                    Some(TokKind::Punct)
                        if t == "." && is_honorific(doc.tok(j - 1)) && j == last_word + 1 =>
                    {
                        // "Dr." — the full stop belongs to the title.
                        j += 1;
                    }
                    // "St. Aldhelm's", "Mt. Hiei": an abbreviation that is part of a place's
                    // name, full stop included.
                    Some(TokKind::Punct)
                        if t == "."
                            && NAME_ABBREVIATIONS.contains(&doc.tok(j - 1))
                            && j == last_word + 1
                            && j + 1 < b
                            && is_cap_word(doc.tok(j + 1)) =>
                    {
                        j += 1;
                    }
                    Some(TokKind::Word) if LEX.connectors.contains(t) => {
                        // Allowed only when a capitalised word follows within two words.
                        let particle =
                            !matches!(t, "of" | "in" | "on" | "the" | "and" | "a" | "no" | "wa");
                        // "Kingdom of Elaria", "Order of the Phoenix": "of" after a place or
                        // group head word belongs to the name.
                        let prev = doc.lower(j - 1);
                        // "Earl of Stavely", "Duke of Hastings": a title of nobility with the
                        // place it is held of (offices are roles: "a Minister of State").
                        let head_of = t == "of"
                            && (LEX.place_words.contains(prev)
                                || LEX.group_words.contains(prev)
                                || LEX.noble_titles.contains(doc.tok(j - 1)));
                        if !(allow_title_words || particle || head_of) {
                            break;
                        }
                        let mut k = j + 1;
                        while k < b
                            && k < j + 3
                            && doc.kind(k) == Some(TokKind::Word)
                            && LEX.connectors.contains(doc.tok(k))
                        {
                            k += 1;
                        }
                        if k < b
                            && doc.kind(k) == Some(TokKind::Word)
                            && is_cap_word(doc.tok(k))
                            && !common_at_start(doc, k, false, cap_mid.contains(doc.tok(k)))
                        {
                            j = k;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let run_end = last_word + 1;
            let next = run_end.max(j);
            // A quote that closes right after the run is a quoted name ("“Scar Head”"); one
            // that goes on is speech ("“Poison! Guards!”"), whose first word is ordinary.
            let quote_closes = quoted_open && {
                let mut k = run_end;
                if k < b && matches!(doc.tok(k), "," | ".") {
                    k += 1;
                }
                k < b && is_closing_quote(doc.tok(k))
            };
            let quoted_open = quote_closes;
            // Trim the run into a name.
            let mut first = i;
            // Leading labels and function words, and numbers right after a dropped label.
            let mut dropped = false;
            while first < run_end {
                let t = doc.tok(first);
                let single = run_end - first == 1;
                let at_start = first == i && (clause_start || quoted_open);
                let drop = if doc.kind(first) == Some(TokKind::Number) {
                    dropped
                } else if LEX.function_words.contains(doc.lower(first)) && !is_honorific(t) {
                    true
                } else if LEX.fan_acronyms.contains(t) {
                    // "Ren's VA", "the MC".
                    true
                } else if at_start && !quoted_open {
                    let followed_by_connector = first + 1 < run_end
                        && doc.kind(first + 1) == Some(TokKind::Word)
                        && !is_cap_word(doc.tok(first + 1));
                    // "Fans of Last Exile": a noun that goes with a work, before a title.
                    let lower_t = doc.lower(first);
                    let head_of_title = followed_by_connector
                        && (LEX.work_after.contains(lower_t) || LEX.member_nouns.contains(lower_t));
                    head_of_title
                        || common_at_start(doc, first, single, cap_mid.contains(t))
                        || (single
                            && !cap_mid.contains(t)
                            && (t.chars().count() < 2 || !subject_follows(doc, run_end, b)))
                        || (single
                            && !cap_mid.contains(t)
                            && t.chars().count() >= 5
                            && t.ends_with("ed"))
                } else {
                    false
                };
                if !drop {
                    break;
                }
                dropped = true;
                first += 1;
                // Skip connectors left dangling after a dropped label ("Episode 1 of X").
                while first < run_end
                    && doc.kind(first) == Some(TokKind::Word)
                    && !is_cap_word(doc.tok(first))
                {
                    first += 1;
                }
            }
            // Titles: honorific words (with their full stop) before at least one more word.
            let title_first = first;
            let mut name_first = first;
            while name_first < run_end {
                let t = doc.tok(name_first);
                if doc.kind(name_first) == Some(TokKind::Word) && is_honorific(t) {
                    let mut k = name_first + 1;
                    if k < run_end && doc.tok(k) == "." {
                        k += 1;
                    }
                    if k < run_end && doc.kind(k) == Some(TokKind::Word) && is_cap_word(doc.tok(k))
                    {
                        name_first = k;
                        continue;
                    }
                }
                break;
            }
            let words = (name_first..run_end)
                .filter(|&k| doc.kind(k) == Some(TokKind::Word))
                .count();
            // A lone capital letter is a grade or an initial, not a name; a lone title is a
            // role ("a Minister", "the Captain").
            let lone = run_end - name_first == 1;
            let words = if lone
                && (doc.tok(name_first).chars().count() < 2 || is_honorific(doc.tok(name_first)))
            {
                0
            } else {
                words
            };
            // A nationality or regional adjective before a noun ("a Soviet source", "Czech
            // newspapers") is not a name.
            let words = if lone
                && run_end < b
                && doc.kind(run_end) == Some(TokKind::Word)
                && is_demonym(doc.lower(name_first))
            {
                let next_lower = doc
                    .tok(run_end)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
                if next_lower {
                    0
                } else {
                    words
                }
            } else {
                words
            };
            if name_first >= run_end
                || words == 0
                || (run_end - name_first) > MAX_NAME_WORDS * 2
                || words > MAX_NAME_WORDS
            {
                i = next.max(i + 1);
                continue;
            }
            // A name may not end on a connector.
            let Some(start_tok) = doc.tokens.get(title_first) else {
                break;
            };
            let Some(name_tok) = doc.tokens.get(name_first) else {
                break;
            };
            let Some(last_tok) = doc.tokens.get(run_end - 1) else {
                break;
            };
            let mut name_end = last_tok.end;
            if let Some(cut) = hyphen_cut {
                name_end = last_tok.start + cut;
            }
            let mut end_tok = run_end;
            // "Disney+", "Lumen+": a plus sign glued to the name is part of it.
            if end_tok < b
                && doc.tok(end_tok) == "+"
                && doc.tokens.get(end_tok).map(|t| t.start) == Some(name_end)
            {
                name_end += 1;
                end_tok += 1;
            }
            // "a Joker card": a thing noun right after a one-word name joins it.
            if hyphen_cut.is_none()
                && run_end - name_first == 1
                && name_first == title_first
                && end_tok < b
                && doc.kind(end_tok) == Some(TokKind::Word)
                && LEX.thing_words.contains(doc.tok(end_tok))
                && doc.kind(end_tok + 1) != Some(TokKind::Clitic)
                && end_tok > a
                && matches!(doc.lower(title_first.saturating_sub(1)), "a" | "an" | "the")
            {
                if let Some(t) = doc.tokens.get(end_tok) {
                    name_end = t.end;
                    end_tok += 1;
                }
            }
            // "Akane-chan": a Japanese honorific after the hyphen is kept in the full form
            // (an alias) and acts as the title; the name is the part before it.
            let suffix = hyphen_cut.and_then(|_| {
                let word = text.get(last_tok.start..last_tok.end)?;
                let (_, sfx) = word.split_once(['-', '‐'])?;
                LEX.honorific_suffixes
                    .contains_key(sfx.to_lowercase().as_str())
                    .then(|| sfx.to_string())
            });
            let full_end = if suffix.is_some() {
                last_tok.end
            } else {
                name_end
            };
            let name_raw = text.get(name_tok.start..name_end).unwrap_or("");
            let full_raw = text.get(start_tok.start..full_end).unwrap_or("");
            let name = fold(name_raw);
            if name.is_empty() || shouted(&name) {
                i = next.max(i + 1);
                continue;
            }
            let title = (name_first > title_first)
                .then(|| fold(text.get(start_tok.start..name_tok.start).unwrap_or("")))
                .or(suffix.map(|s| format!("-{s}")));
            let after = end_tok;
            let possessive =
                hyphen_cut.is_none() && doc.kind(after) == Some(TokKind::Clitic) && after < b;
            let quoted = quoted_open && {
                let mut k = after;
                if k < b && matches!(doc.tok(k), "," | ".") {
                    k += 1;
                }
                k < b && is_closing_quote(doc.tok(k))
            };
            out.push(RawMention {
                sent: si,
                toks: name_first..end_tok,
                first_tok: title_first,
                start: start_tok.start,
                end: name_end,
                name_start: name_tok.start,
                name_end,
                name,
                full: fold(full_raw),
                title,
                quoted,
                possessive,
                part,
            });
            i = next.max(i + 1);
        }
    }
    match doc.series.as_deref() {
        Some(series) => whole_series_titles(doc, series, out),
        None => out,
    }
}

/// Makes every place the text writes the series' own title one mention of the whole
/// title: a title with small or lower-case words inside ("Game of Thrones", "Ranking of
/// Kings", "Rikei ga Koi ni ...") is otherwise read as several names ("Game", "Thrones"),
/// none of them anyone's.
fn whole_series_titles(doc: &Doc, series: &str, mentions: Vec<RawMention>) -> Vec<RawMention> {
    let want: Vec<String> = series
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // A one-word title is one name already.
    if want.len() < 2 {
        return mentions;
    }
    let mut spans: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (si, s) in doc.sents.iter().enumerate() {
        let words: Vec<usize> = s
            .toks
            .clone()
            .filter(|&k| doc.tok(k).chars().any(char::is_alphanumeric))
            .collect();
        let mut i = 0;
        while i + want.len() <= words.len() {
            let run = &words[i..i + want.len()];
            let same = run
                .iter()
                .zip(&want)
                .all(|(&k, w)| doc.lower(k) == w.as_str());
            if same {
                spans.push((si, run[0]..run[run.len() - 1] + 1));
                i += want.len();
            } else {
                i += 1;
            }
        }
    }
    if spans.is_empty() {
        return mentions;
    }
    let mut out: Vec<RawMention> = mentions
        .into_iter()
        .filter(|m| {
            !spans
                .iter()
                .any(|(si, r)| *si == m.sent && m.toks.start < r.end && r.start < m.toks.end)
        })
        .collect();
    for (si, r) in spans {
        let Some(s) = doc.sents.get(si) else { continue };
        let Some(p) = doc.paras.get(s.para) else {
            continue;
        };
        let (Some(first), Some(last)) = (doc.tokens.get(r.start), doc.tokens.get(r.end - 1)) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        let name = fold(p.text.get(start..end).unwrap_or(""));
        if name.is_empty() {
            continue;
        }
        let possessive = doc.kind(r.end) == Some(TokKind::Clitic);
        out.push(RawMention {
            sent: si,
            toks: r.clone(),
            first_tok: r.start,
            start,
            end,
            name_start: start,
            name_end: end,
            full: name.clone(),
            name,
            title: None,
            quoted: false,
            possessive,
            part: p.part,
        });
    }
    out.sort_by_key(|m| (m.sent, m.first_tok));
    out
}

/// Words in capitals that include a function word ("STREAM IT", "THE END") are a
/// shouted phrase, not a name; an acronym ("NBPD") or a name in capitals without one
/// ("SCAR HEAD") is left alone.
fn shouted(name: &str) -> bool {
    // Nearly every name has a lower-case letter: those are settled by one scan.
    !name.chars().any(char::is_lowercase)
        && name.contains(' ')
        && name.chars().any(char::is_alphabetic)
        && name
            .split_whitespace()
            .any(|w| LEX.function_words.contains(&w.to_lowercase()))
}

/// Moves a capitalised common word at the front of a name into its title when the rest is
/// a name the article uses on its own: "Harbourmaster Edda Vane" beside "the
/// harbourmaster" and "Edda", "Old Bastian" beside "the old inventor" and "Bastian".
pub fn strip_common_titles(doc: &Doc, mut mentions: Vec<RawMention>) -> Vec<RawMention> {
    let mut alone: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for m in &mentions {
        // A name is mentioned many times: it is copied once.
        if !alone.contains(m.name.as_str()) {
            alone.insert(m.name.clone());
        }
    }
    // Surname → the multi-word names that end in it ("Vane" → "Edda Vane"). Four distinct
    // names are already too many to pick one from; the cap keeps this linear on hostile
    // input.
    let mut by_surname: rustc_hash::FxHashMap<&str, Vec<&str>> = rustc_hash::FxHashMap::default();
    for m in &mentions {
        if let Some((_, last)) = m.name.rsplit_once(' ') {
            let names = by_surname.entry(last).or_default();
            if names.len() < 4 && !names.contains(&m.name.as_str()) {
                names.push(m.name.as_str());
            }
        }
    }
    // A job title before the surname of one full name: "Harbourmaster Vane" beside "Edda
    // Vane". Other names that start with the same title ("Harbourmaster Edda Vane") are
    // that person too; any second full name with that surname (a sibling) makes it
    // ambiguous.
    let title_surname: Vec<bool> = mentions
        .iter()
        .map(|m| {
            let Some((first, rest)) = m.name.split_once(' ') else {
                return false;
            };
            if rest.contains(' ') {
                return false;
            }
            let lw = first.to_lowercase();
            if !(LEX.person_nouns.contains_key(&lw) || doc.lower_vocab.contains(lw.as_str())) {
                return false;
            }
            by_surname.get(rest).is_some_and(|names| {
                names.len() < 4
                    && names
                        .iter()
                        .filter(|n| **n != m.name && n.split(' ').next() != Some(first))
                        .count()
                        == 1
            })
        })
        .collect();
    drop(by_surname);
    for (m, title_surname) in mentions.iter_mut().zip(title_surname) {
        let Some((first, rest)) = m.name.split_once(' ') else {
            continue;
        };
        let second = rest.split(' ').next().unwrap_or("");
        // Two-word names need the article to write the first word in lower case too
        // ("the harbourmaster"); longer ones only need the rest to start with a name used
        // alone ("Harbourmaster Edda Vane" beside "Edda").
        // A group, place or thing word at the end ("Gilded Choir", "Lantern Wardens")
        // makes the first word part of the name, not a title.
        let last = rest.rsplit(' ').next().unwrap_or("").to_lowercase();
        if LEX.group_words.contains(&last)
            || LEX.place_words.contains(&last)
            || LEX.thing_words.contains(&last)
        {
            continue;
        }
        let three = rest.contains(' ') && alone.contains(second) && !is_honorific(second);
        if !(three
            || title_surname
            || (doc.lower_vocab.contains(first.to_lowercase().as_str())
                && (alone.contains(rest) || alone.contains(second))))
        {
            continue;
        }
        let first_word = m.toks.start;
        let rest_start = first_word + 1;
        let Some(t) = doc.tokens.get(rest_start) else {
            continue;
        };
        if !is_cap_word(doc.tok(rest_start)) {
            continue;
        }
        // Only a name that loses its title is copied.
        let (first, rest) = (first.to_string(), rest.to_string());
        m.toks = rest_start..m.toks.end;
        m.name_start = t.start;
        m.name = rest;
        m.title = Some(match &m.title {
            Some(tt) => format!("{tt} {first}"),
            None => first,
        });
    }
    mentions
}

/// Splits two names written side by side ("Naomi tells Rouge Sara is likely a Nean"): a
/// two-word mention whose first word was already used on its own at least twice earlier in
/// the article, and whose second word is used on its own somewhere (or that follows a verb
/// of giving: "gives Pell Brine"), is two mentions. A real full name is introduced before
/// its parts are used alone, so it is not split.
pub fn split_juxtaposed(doc: &Doc, mentions: Vec<RawMention>) -> Vec<RawMention> {
    // One-word names and how often they were used alone so far.
    let mut seen: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let mut anywhere: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for m in mentions.iter().filter(|m| !m.name.contains(' ')) {
        // A name is mentioned many times: it is copied once.
        if !anywhere.contains(m.name.as_str()) {
            anywhere.insert(m.name.clone());
        }
    }
    // Last words of multi-word names seen so far ("Wardens" of "Ninefold Wardens"): a
    // short form of a group or a surname, which does not start a new full name.
    let mut last_words: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    // First words of multi-word names seen so far ("Tobin" of "Tobin Ashgrove").
    let mut first_words: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let words: Vec<usize> = m
            .toks
            .clone()
            .filter(|&k| doc.kind(k) == Some(TokKind::Word))
            .collect();
        if m.title.is_none() && !m.quoted && words.len() == 2 && m.toks.len() == 2 {
            let (a, b) = (doc.tok(words[0]), doc.tok(words[1]));
            // The first word must be an established name (used alone at least twice before),
            // so a full name introduced late is not cut in two.
            // The second word must stand alone elsewhere, or the two must be the two
            // objects of a verb of giving ("gives Pell Brine": Pell gets Brine).
            let giving = words[0]
                .checked_sub(1)
                .filter(|&k| doc.tok_sent.get(k) == doc.tok_sent.get(words[0]))
                .is_some_and(|k| crate::entities::GIVING_VERBS.contains(&doc.lower(k)));
            // Or the first word ends an earlier full name and the second is a name already
            // used alone twice: "one of the Wardens Tobin once trained alongside".
            let short_form_then_name = last_words.contains(a)
                && (seen.get(b).is_some_and(|&n| n >= 1) || first_words.contains(b));
            // A second word that already ended a full name is a family name: "Souta
            // Kisaragi" after "Haruto Kisaragi" is Haruto's brother, not two people.
            let family_name = last_words.contains(b);
            if (seen.get(a).is_some_and(|&n| n >= 2)
                && (anywhere.contains(b) || giving)
                && !family_name)
                || short_form_then_name
            {
                let (ta, tb) = (
                    doc.tokens.get(words[0]).copied(),
                    doc.tokens.get(words[1]).copied(),
                );
                if let (Some(ta), Some(tb)) = (ta, tb) {
                    let mut first = m.clone();
                    first.toks = words[0]..words[0] + 1;
                    first.end = ta.end;
                    first.name_end = ta.end;
                    first.name = a.to_string();
                    first.full = a.to_string();
                    first.possessive = false;
                    let mut second = m;
                    second.toks = words[1]..words[1] + 1;
                    second.first_tok = words[1];
                    second.start = tb.start;
                    second.name_start = tb.start;
                    second.name = b.to_string();
                    second.full = b.to_string();
                    out.push(first);
                    out.push(second);
                    continue;
                }
            }
        }
        if words.len() == 1 {
            *seen.entry(m.name.clone()).or_insert(0) += 1;
        } else if m.title.is_none() {
            if let Some(last) = m.name.rsplit(' ').next() {
                last_words.insert(last.to_string());
            }
            if let Some(first) = m.name.split(' ').next() {
                first_words.insert(first.to_string());
            }
        }
        out.push(m);
    }
    out
}

/// For "Nectar-related", the byte length of the capitalised part before a hyphen followed
/// by a lower-case word; `None` when the whole word is a name part ("Jean-Luc").
fn hyphen_suffix_cut(w: &str) -> Option<usize> {
    let h = w.find(['-', '‐'])?;
    let rest = w.get(h..)?;
    let after = rest.chars().nth(1)?;
    after.is_lowercase().then_some(h)
}

/// Folds runs of white space into single spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    // "one of the Wardens Tobin once trained alongside": a group's short form (the last
    // word of an earlier full name) right before a known name is two mentions.
    #[test]
    fn short_form_then_name_is_split() {
        let story = crate::extract_parts(
            &[
                "Sael rides with Tobin Ashgrove, the Ninefold Wardens behind them. \
               They meet Ser Aldous Finch, one of the Wardens Tobin once trained alongside.",
            ],
            &[],
            None,
        );
        let all: Vec<&str> = story
            .entities
            .iter()
            .flat_map(|e| {
                std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str))
            })
            .collect();
        assert!(!all.contains(&"Wardens Tobin"), "{all:?}");
    }

    use super::*;
    use crate::doc::Para;

    fn names(recap: &str) -> Vec<String> {
        let doc = Doc::from_paras(vec![Para {
            text: recap,
            part: Part::Recap,
            index: 0,
        }]);
        find(&doc).into_iter().map(|m| m.full).collect()
    }

    fn review_names(text: &str) -> Vec<String> {
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Review,
            index: 0,
        }]);
        find(&doc).into_iter().map(|m| m.full).collect()
    }

    // Multi-word names are one mention, not several.
    #[test]
    fn multi_word_names() {
        assert_eq!(names("At Club Canal, the crew waits."), vec!["Club Canal"]);
        assert_eq!(
            names("She is one of the Immortal Nine."),
            vec!["Immortal Nine"]
        );
        assert_eq!(
            review_names("It recalls Mob Psycho 100 and Soul Eater."),
            vec!["Mob Psycho 100", "Soul Eater"]
        );
    }

    // The title stays with the name; it is split off later as an alias.
    #[test]
    fn titles_stay_with_their_name() {
        let doc_text = "The reporter names Dr. Roy Junghardt as a victim.";
        let doc = Doc::from_paras(vec![Para {
            text: doc_text,
            part: Part::Recap,
            index: 0,
        }]);
        let m = find(&doc);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].name, "Roy Junghardt");
        assert_eq!(m[0].full, "Dr. Roy Junghardt");
        assert_eq!(m[0].title.as_deref(), Some("Dr."));
    }

    // Capitalised function words at the start of a sentence are not names.
    #[test]
    fn sentence_initial_function_words_are_not_names() {
        assert_eq!(
            names("Then, we see Mars. Meanwhile, Rouge waits. Suddenly Kevin runs."),
            vec!["Mars", "Rouge", "Kevin"]
        );
        assert_eq!(names("Overall, this was fine."), Vec::<String>::new());
        assert_eq!(
            names("Episode 1 of Metallic Rouge starts here."),
            vec!["Metallic Rouge"]
        );
    }

    // "-ly" adverbs and "-ing" participles open sentences often; they are not names.
    #[test]
    fn sentence_initial_adverbs_and_participles() {
        assert_eq!(
            names("Realizing he's in a bind, Jaron runs."),
            vec!["Jaron"]
        );
        assert_eq!(names("Essentially, nothing happens."), Vec::<String>::new());
    }

    // A word the article also writes in lower case is a common word when it opens a sentence.
    #[test]
    fn words_seen_in_lower_case_are_common_at_sentence_start() {
        assert_eq!(
            names("Crowds gather. The crowds cheer for Sol."),
            vec!["Sol"]
        );
    }

    // "St." and a title of rank with "of" belong to the name: "St. Aldhelm's" was read as
    // "St" and "Aldhelm", "the Earl of Stavely" as "Stavely".
    #[test]
    fn saints_and_titles_of_rank_keep_their_words() {
        assert_eq!(
            names("Greer waits at St. Aldhelm's. The Earl of Stavely rides out."),
            vec!["Greer", "St. Aldhelm", "Earl of Stavely"]
        );
    }

    // A name ending in "-ly" opened sentences and was taken for an adverb ("Emily",
    // "Kimberly"); written capitalised inside a sentence too, it is a name.
    #[test]
    fn names_ending_in_ly_at_sentence_start() {
        assert_eq!(
            names("Emily runs to the car. Later, Tom calls Emily. Suddenly the lights go out."),
            vec!["Emily", "Tom", "Emily"]
        );
    }

    // A brother's full name, first used late, shares the family name of a character
    // named before: "Souta Kisaragi" after "Haruto Kisaragi" and "Souta" used alone is one
    // name, not "Souta" then "Kisaragi".
    #[test]
    fn a_family_name_after_a_known_first_name_is_not_split() {
        let text = "Haruto Kisaragi flies out. Kisaragi misses Souta. Souta was lost. Souta vanished years ago. The pilot is Souta Kisaragi.";
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        let got: Vec<String> = split_juxtaposed(&doc, find(&doc))
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(
            got.last().map(String::as_str),
            Some("Souta Kisaragi"),
            "{got:?}"
        );
    }

    // A possessive before one capitalised venue word names the venue: "Pellow's
    // Boatyard" was "Pellow" and "Boatyard". Other possessives stay the owner's.
    #[test]
    fn possessive_venue_names() {
        assert_eq!(
            names("Callum worked at Pellow's Boatyard. Rouge's Gladiator form returns."),
            vec!["Callum", "Pellow's Boatyard", "Rouge", "Gladiator"]
        );
    }

    // The series' own title is one mention wherever the text writes it, small words and
    // lower-case words inside included; other names stay as they are. (Real pages: "Game
    // of Thrones" was read as "Game" and "Thrones".)
    #[test]
    fn the_series_title_is_one_mention() {
        let text = "Game of Thrones returns, and Arya rides to Winterfell. Rikei ga Koi ni Ochita shines too.";
        let mut doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        doc.series = Some("Game of Thrones".into());
        let got: Vec<String> = find(&doc).into_iter().map(|m| m.name).collect();
        assert_eq!(got[0], "Game of Thrones", "{got:?}");
        assert!(
            !got.iter().any(|n| n == "Game" || n == "Thrones"),
            "{got:?}"
        );
        assert!(got.iter().any(|n| n == "Arya"), "{got:?}");
        doc.series = Some("Rikei ga Koi ni Ochita".into());
        let got: Vec<String> = find(&doc).into_iter().map(|m| m.name).collect();
        assert!(got.iter().any(|n| n == "Rikei ga Koi ni Ochita"), "{got:?}");
        assert!(!got.iter().any(|n| n == "Koi" || n == "Ochita"), "{got:?}");
    }

    // A name at the start of a sentence is still a name.
    #[test]
    fn names_at_sentence_start() {
        assert_eq!(
            names("Rogue heads backstage. Giallon doesn't believe it."),
            vec!["Rogue", "Giallon"]
        );
    }

    // Quoted nicknames are names, and the quotes are noted.
    #[test]
    fn quoted_nicknames() {
        let text = "A worker referred to as “Scar Head” hands Rouge her items.";
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        let m = find(&doc);
        assert_eq!(m[0].name, "Scar Head");
        assert!(m[0].quoted);
        assert_eq!(m[1].name, "Rouge");
    }

    // The possessive "'s" is not part of the name but is remembered.
    #[test]
    fn possessives() {
        let text = "They stole Scar Head’s Nectar.";
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        let m = find(&doc);
        assert_eq!(m[0].name, "Scar Head");
        assert!(m[0].possessive);
        assert_eq!(m[1].name, "Nectar");
    }

    // "Nectar-related" mentions Nectar; "Jean-Luc" is a whole name.
    #[test]
    fn hyphenated_compounds() {
        assert_eq!(
            names("She discusses Nectar-related matters with Jean-Luc."),
            vec!["Nectar", "Jean-Luc"]
        );
    }

    // A thing noun after a one-word name is part of the name ("a Joker card").
    #[test]
    fn thing_noun_joins_the_name() {
        assert_eq!(names("She looks at a Joker card."), vec!["Joker card"]);
    }

    // Title words like "in the" join names only in reviews, where work titles live.
    #[test]
    fn title_connectors_only_in_reviews() {
        assert_eq!(
            review_names("It echoes Castle in the Sky."),
            vec!["Castle in the Sky"]
        );
        assert_eq!(names("Rouge waits in the Club."), vec!["Rouge", "Club"]);
    }

    // Two names side by side, each already used alone, are two mentions.
    #[test]
    fn juxtaposed_names_split() {
        let text = "Rouge waits. Rouge runs. Sara sings. Naomi tells Rouge Sara is likely a Nean. Naomi Orthmann smiles.";
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        let ms = split_juxtaposed(&doc, find(&doc));
        let got: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "Rouge",
                "Rouge",
                "Sara",
                "Naomi",
                "Rouge",
                "Sara",
                "Nean",
                "Naomi Orthmann"
            ]
        );
        // A full name introduced late, after each part was used alone once, stays whole.
        let text = "Edda waits. Vane smiles. Later, Edda Vane leaves.";
        let doc = Doc::from_paras(vec![Para {
            text,
            part: Part::Recap,
            index: 0,
        }]);
        let ms = split_juxtaposed(&doc, find(&doc));
        assert!(ms.iter().any(|m| m.name == "Edda Vane"));
    }

    // Speech in quotes is not a quoted name; a lone title or a nationality is not a name.
    #[test]
    fn quotes_titles_and_nationalities() {
        assert_eq!(
            names("Corvane shouts “Poison! Guards!” at them."),
            vec!["Corvane"]
        );
        assert_eq!(names("Lord Ashcombe, a Minister of the crown, reads Czech newspapers at the British Embassy."), vec!["Lord Ashcombe", "British Embassy"]);
    }

    // In a review, a title may hold an ampersand or a possessive whose owner is named
    // nowhere else; a character's possessive stays a possessive.
    #[test]
    fn review_titles_with_ampersands_and_possessives() {
        let doc = Doc::from_paras(vec![Para {
            text: "It owes a debt to Law & Order and to Marlow's Last Tide. Rouge's Gladiator form is back. Rouge waits.",
            part: Part::Review,
            index: 0,
        }]);
        let got: Vec<String> = find(&doc).into_iter().map(|m| m.name).collect();
        assert!(got.contains(&"Law & Order".to_string()), "{got:?}");
        assert!(got.contains(&"Marlow's Last Tide".to_string()), "{got:?}");
        assert!(got.contains(&"Rouge".to_string()), "{got:?}");
        assert!(!got.iter().any(|n| n.starts_with("Rouge's")), "{got:?}");
    }

    // A British police rank before a surname is a title, like "Inspector".
    #[test]
    fn police_ranks_are_titles() {
        let doc = Doc::from_paras(vec![Para {
            text: "DI Sorvik arrives with DCI Hana Brook.",
            part: Part::Recap,
            index: 0,
        }]);
        let ms = find(&doc);
        let got: Vec<(&str, Option<&str>)> = ms
            .iter()
            .map(|m| (m.name.as_str(), m.title.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![("Sorvik", Some("DI")), ("Hana Brook", Some("DCI"))]
        );
    }

    // Shouted words with a function word among them are not a name; an acronym is.
    #[test]
    fn shouted_phrases_are_not_names() {
        assert!(names("Our verdict: STREAM IT, and soon.").is_empty());
        assert_eq!(names("The NBPD arrives."), vec!["NBPD"]);
    }

    // Title-case prose is not a name.
    #[test]
    fn long_capitalised_runs_are_skipped() {
        assert!(names("We Saw The Big Red House Fall Down Today And Then Left.").is_empty());
    }
}
