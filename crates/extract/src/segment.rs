//! Sentence and token segmentation with byte offsets into the paragraph text.
//!
//! Sentences end at `.`, `!`, `?` or `…` (possibly repeated, possibly followed by closing
//! quotes or brackets) when white space follows and the next text starts like a sentence
//! (a capital, a digit, an opening quote or bracket). A full stop does not end a sentence
//! after a listed abbreviation ("Dr.", "Ms.", "St.") or a single capital letter (an initial,
//! "J. R. R. Tolkien"), and no terminator ends one when the next word starts in lower case
//! ("wait... what"). Everything is one pass over the characters, so time is linear.

use crate::lexicon::LEX;
use std::ops::Range;

/// Splits a paragraph into sentence byte ranges, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    // Terminators are found by byte with SIMD searches (memchr): '.', '!', '?' in one, and
    // '…' in another whose next position is kept until passed, so most text is never
    // decoded and each byte is looked at about once.
    let bytes = text.as_bytes();
    let ellipsis = memchr::memmem::Finder::new("…");
    let mut next_ellipsis = ellipsis.find(bytes);
    let mut scan = 0usize;
    while scan < bytes.len() {
        if next_ellipsis.is_some_and(|e| e < scan) {
            next_ellipsis = bytes
                .get(scan..)
                .and_then(|rest| ellipsis.find(rest))
                .map(|e| scan + e);
        }
        let ascii = bytes
            .get(scan..)
            .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
            .map(|i| scan + i);
        let (i, c) = match (ascii, next_ellipsis) {
            (Some(a), Some(e)) if e < a => (e, '…'),
            (Some(a), _) => (a, bytes[a] as char),
            (None, Some(e)) => (e, '…'),
            (None, None) => break,
        };
        // Extend over repeated terminators and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        for d in text[end..].chars() {
            if matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']' | '»'
            ) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        scan = end;
        // A sentence break needs white space next (or the end of the text).
        let rest = &text[end..];
        let next_non_space = rest.trim_start();
        if next_non_space.is_empty() {
            break;
        }
        if next_non_space.len() == rest.len() {
            continue;
        }
        let next = next_non_space.chars().next().unwrap_or(' ');
        let starts_sentence = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(
                next,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '*' | '-' | '–' | '—'
            );
        if !starts_sentence {
            continue;
        }
        if c == '.' && end == i + 1 && is_abbreviation_before(text, i) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// True when the word right before the full stop at `dot` is an abbreviation or an initial.
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(dot, |(j, _)| j);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: one capital letter ("J.").
    if first.is_uppercase() && chars.next().is_none() {
        return true;
    }
    // Dotted abbreviations ("e.g", "U.S") are written with inner dots.
    if word.contains('.') {
        return true;
    }
    LEX.abbreviations.contains(word)
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner apostrophes or hyphens) or a mix with digits.
    Word,
    /// Digits only.
    Number,
    /// The possessive or contracted "'s" split off a word.
    Clitic,
    /// Any other single character that is not white space.
    Punct,
}

/// One token with byte offsets into the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, para: &'a str) -> &'a str {
        para.get(self.start..self.end).unwrap_or("")
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `para[range]` into tokens. Words keep inner apostrophes and hyphens ("doesn't",
/// "co-worker"); a trailing "'s" becomes its own [`TokKind::Clitic`] token so that the name
/// before it is clean.
pub fn tokens(para: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let Some(s) = para.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let b = s.as_bytes();
    // The character at byte `i` and its length, decoding only outside ASCII.
    let ch = |i: usize| -> Option<(char, usize)> {
        match b.get(i) {
            None => None,
            Some(&x) if x < 128 => Some((x as char, 1)),
            Some(_) => s.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    // One forward pass with a one-character look-ahead; no per-sentence buffers.
    let mut next = 0usize;
    while let Some((c, len)) = ch(next) {
        let pos = next;
        next += len;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                start: base + pos,
                end: base + pos + len,
                kind: TokKind::Punct,
            });
            continue;
        }
        let mut end = pos + len;
        loop {
            // Most of a word is ASCII letters: those are skipped without decoding.
            while b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            let Some((d, dl)) = ch(end) else { break };
            if d.is_alphanumeric() {
                end += dl;
            } else if is_apostrophe(d) || d == '-' || d == '‐' {
                // Inner apostrophes and hyphens join two runs of letters ("doesn't",
                // "co-worker"); a trailing one is punctuation.
                match ch(end + dl) {
                    Some((e, el)) if e.is_alphanumeric() => end += dl + el,
                    _ => break,
                }
            } else {
                break;
            }
        }
        next = end;
        let word = &s[pos..end];
        // Split off a final "'s" ("Malik's", "she's") as a clitic token.
        let clitic_len = clitic_suffix(word);
        let word_end = end - clitic_len;
        let all_digits = word[..word_end - pos].bytes().all(|d| d.is_ascii_digit());
        out.push(Token {
            start: base + pos,
            end: base + word_end,
            kind: if all_digits {
                TokKind::Number
            } else {
                TokKind::Word
            },
        });
        if clitic_len > 0 {
            out.push(Token {
                start: base + word_end,
                end: base + end,
                kind: TokKind::Clitic,
            });
        }
    }
}

/// Byte length of a trailing "'s" / "’s" on a word longer than the suffix, else 0.
fn clitic_suffix(word: &str) -> usize {
    // Every suffix ends in "s" or "S": other words need no comparison.
    if !word.ends_with(['s', 'S']) {
        return 0;
    }
    for suffix in ["’s", "'s", "’S", "'S"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return suffix.len();
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    // Titles before names end in a full stop; splitting there would cut "Dr." from its name.
    #[test]
    fn no_split_after_titles() {
        assert_eq!(
            split("The reporter names Dr. Roy Junghardt. A female (Ms. Sara) asks her."),
            vec![
                "The reporter names Dr. Roy Junghardt.",
                "A female (Ms. Sara) asks her."
            ]
        );
        assert_eq!(
            split("They meet at St. Mary's. Then rain."),
            vec!["They meet at St. Mary's.", "Then rain."]
        );
    }

    // Initials ("J. R. R. Tolkien") are capital letters with full stops, not sentence ends.
    #[test]
    fn no_split_after_initials() {
        assert_eq!(
            split("It reads like J. R. R. Tolkien wrote it. Nice."),
            vec!["It reads like J. R. R. Tolkien wrote it.", "Nice."]
        );
    }

    // An ellipsis followed by a lower-case word continues the sentence.
    #[test]
    fn ellipsis_inside_a_sentence() {
        assert_eq!(
            split("She waits... and waits. Then he comes."),
            vec!["She waits... and waits.", "Then he comes."]
        );
        assert_eq!(
            split("She waits… Then he comes."),
            vec!["She waits…", "Then he comes."]
        );
    }

    // Terminators are found by two searches (ASCII marks and '…'); whichever comes first
    // must end the sentence, in any order and mix.
    #[test]
    fn mixed_terminators_split_in_text_order() {
        assert_eq!(
            split("Wait… What? Yes. No! Maybe… Fine."),
            vec!["Wait…", "What?", "Yes.", "No!", "Maybe…", "Fine."]
        );
        assert_eq!(split("Dr. Vane waits…"), vec!["Dr. Vane waits…"]);
    }

    // Closing quotes after the terminator belong to the sentence that ends there.
    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("Edda greets her as “Miss Arden.” Sol smiles. He asks, “Why?” She leaves."),
            vec![
                "Edda greets her as “Miss Arden.”",
                "Sol smiles.",
                "He asks, “Why?”",
                "She leaves."
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  One.  Two!  ";
        let r = sentences(text);
        assert_eq!(r, vec![2..6, 8..12]);
    }

    #[test]
    fn tokens_split_possessives() {
        let p = "Scar Head’s Nectar isn’t a co-worker's.";
        let mut t = Vec::new();
        tokens(p, 0..p.len(), &mut t);
        let words: Vec<(&str, TokKind)> = t.iter().map(|x| (x.text(p), x.kind)).collect();
        assert_eq!(
            words,
            vec![
                ("Scar", TokKind::Word),
                ("Head", TokKind::Word),
                ("’s", TokKind::Clitic),
                ("Nectar", TokKind::Word),
                ("isn’t", TokKind::Word),
                ("a", TokKind::Word),
                ("co-worker", TokKind::Word),
                ("'s", TokKind::Clitic),
                (".", TokKind::Punct),
            ]
        );
    }
}
