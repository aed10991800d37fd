//! The segmented article: paragraphs, sentences and tokens with byte offsets, plus the
//! set of words the article writes in lower case (used to tell a capitalised common word at
//! the start of a sentence from a name).

use crate::model::Part;
use crate::segment::{self, TokKind, Token};
use previously_article::Article;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// One paragraph of the article.
pub struct Para<'a> {
    pub text: &'a str,
    pub part: Part,
    /// Index within its part.
    pub index: usize,
}

/// One sentence: its paragraph, byte range in it, and range of tokens in [`Doc::tokens`].
#[derive(Debug, Clone)]
pub struct Sent {
    pub para: usize,
    pub bytes: Range<usize>,
    pub toks: Range<usize>,
}

/// An article cut into sentences and tokens.
pub struct Doc<'a> {
    pub paras: Vec<Para<'a>>,
    /// Whether the article's review half was opened by a heading, as opposed to guessed
    /// from the closing paragraphs' words (or absent): only a headed review says surely
    /// that a name in it is not part of the story.
    pub review_headed: bool,
    /// The series title as the article writes it, when it names it: the show named as
    /// what a sentence judges marks the critic's evaluation.
    pub series: Option<String>,
    pub sents: Vec<Sent>,
    pub tokens: Vec<Token>,
    /// For each token, the sentence it belongs to.
    pub tok_sent: Vec<u32>,
    /// Words written at least once with a lower-case first letter, lower-cased.
    pub lower_vocab: HashSet<&'a str>,
    /// Every token lower-cased, concatenated; [`Doc::lower`] slices it. Rules compare
    /// lower-case words constantly, and one buffer saves an allocation per comparison.
    lower_buf: String,
    lower_at: Vec<(u32, u32)>,
    /// Every token's text, sliced once: rules read tokens constantly, and a slice saves
    /// the paragraph lookup and boundary checks of cutting it out again each time.
    texts: Vec<&'a str>,
}

impl<'a> Doc<'a> {
    pub fn new(article: &'a Article) -> Self {
        let mut paras = Vec::new();
        for (i, p) in article.recap.iter().enumerate() {
            paras.push(Para {
                text: p.as_str(),
                part: Part::Recap,
                index: i,
            });
        }
        for (i, p) in article.review.iter().enumerate() {
            paras.push(Para {
                text: p.as_str(),
                part: Part::Review,
                index: i,
            });
        }
        let mut doc = Self::from_paras(paras);
        doc.review_headed = article.review_heading.is_some();
        doc.series = article.series.clone();
        doc
    }

    pub fn from_paras(paras: Vec<Para<'a>>) -> Self {
        // About one token per four to five bytes of English prose (punctuation counts):
        // reserving a token per four bytes saves regrowing, which copies the whole vector.
        let bytes: usize = paras.iter().map(|p| p.text.len()).sum();
        let mut sents = Vec::new();
        let mut tokens = Vec::with_capacity(bytes / 4 + 16);
        let mut tok_sent = Vec::with_capacity(bytes / 4 + 16);
        for (pi, p) in paras.iter().enumerate() {
            for r in segment::sentences(p.text) {
                let t0 = tokens.len();
                segment::tokens(p.text, r.clone(), &mut tokens);
                let si = sents.len() as u32;
                tok_sent.resize(tokens.len(), si);
                sents.push(Sent {
                    para: pi,
                    bytes: r,
                    toks: t0..tokens.len(),
                });
            }
        }
        // One pass per sentence over its tokens fills both the lower-case vocabulary and
        // the lower-case buffer; the paragraph is looked up once per sentence.
        // About one distinct lower-case word per eight tokens in English prose: sized
        // once, the set seldom rehashes.
        let mut lower_vocab: HashSet<&'a str> =
            HashSet::with_capacity_and_hasher(tokens.len() / 8 + 16, Default::default());
        let mut lower_buf = String::with_capacity(bytes);
        let mut lower_at = Vec::with_capacity(tokens.len());
        let mut texts = Vec::with_capacity(tokens.len());
        // The last lower-case word inserted per slot, slots keyed by the word's length and
        // first and last bytes: most words repeat one used shortly before ("the", "her"),
        // and comparing a few bytes is cheaper than hashing the word again.
        let mut recent: [&str; 256] = [""; 256];
        for s in &sents {
            let text = paras.get(s.para).map_or("", |p| p.text);
            for t in tokens.get(s.toks.clone()).unwrap_or(&[]) {
                let w = t.text(text);
                texts.push(w);
                let start = lower_buf.len();
                // ASCII words (nearly all of them) are copied and lower-cased in place.
                let first_lower = if w.is_ascii() {
                    lower_buf.push_str(w);
                    if let Some(copy) = lower_buf.get_mut(start..) {
                        copy.make_ascii_lowercase();
                    }
                    w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                } else {
                    // `str::to_lowercase`, not char by char: a final capital sigma
                    // lower-cases by its context ("ΟΔΟΣ" is "οδος" with a final "ς").
                    lower_buf.push_str(&w.to_lowercase());
                    w.chars().next().is_some_and(char::is_lowercase)
                };
                if t.kind == TokKind::Word && first_lower {
                    let b = w.as_bytes();
                    let slot = b.len().wrapping_mul(31)
                        ^ usize::from(b.first().copied().unwrap_or(0)).wrapping_mul(7)
                        ^ usize::from(b.last().copied().unwrap_or(0));
                    if let Some(r) = recent.get_mut(slot & 255) {
                        if *r != w {
                            lower_vocab.insert(w);
                            *r = w;
                        }
                    }
                }
                lower_at.push((start as u32, lower_buf.len() as u32));
            }
        }
        Doc {
            paras,
            // Paragraphs alone say nothing of a heading; `new` sets it from the article.
            review_headed: false,
            series: None,
            sents,
            tokens,
            tok_sent,
            lower_vocab,
            lower_buf,
            lower_at,
            texts,
        }
    }

    /// The text of token `i`, lower-cased (exactly as `str::to_lowercase` gives it).
    pub fn lower(&self, i: usize) -> &str {
        self.lower_at
            .get(i)
            .and_then(|&(a, b)| self.lower_buf.get(a as usize..b as usize))
            .unwrap_or("")
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.texts.get(i).copied().unwrap_or("")
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    pub fn sent_text(&self, s: usize) -> &'a str {
        self.sents
            .get(s)
            .and_then(|s| {
                self.paras
                    .get(s.para)
                    .and_then(|p| p.text.get(s.bytes.clone()))
            })
            .unwrap_or("")
    }

    pub fn sent_part(&self, s: usize) -> Part {
        self.sents
            .get(s)
            .and_then(|s| self.paras.get(s.para))
            .map_or(Part::Recap, |p| p.part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The lower-case copy is `str::to_lowercase` of the token, final sigma included, so
    // every rule can read it instead of lower-casing the token again.
    #[test]
    fn lower_case_copy_matches_to_lowercase() {
        let doc = Doc::from_paras(vec![Para {
            text: "Kaito walks the ΟΔΟΣ with Ms. Ödegaard.",
            part: Part::Recap,
            index: 0,
        }]);
        for i in 0..doc.tokens.len() {
            assert_eq!(doc.lower(i), doc.tok(i).to_lowercase(), "token {i}");
        }
        assert_eq!(doc.lower(3), "οδος");
    }
}
