//! Facts: relations between entities, each with a certainty and the sentence it rests on.
//!
//! Every sentence is rewritten as a *template*: lower-case words separated by single
//! spaces, with each name replaced by `⟨i⟩` (the index of its mention) and the personal
//! pronouns "he", "she", "him" replaced by the mention they refer to. Patterns then run
//! over templates, so "Sara confirms she's Viola Keane" becomes "⟨7⟩ confirms ⟨7⟩ 's ⟨8⟩"
//! and one regular expression finds the reveal. The verbs and nouns the patterns use come
//! from `data/` (relation verbs and nouns, member and workplace nouns, kind nouns, reveal
//! verbs); the regex engine runs in linear time, so a long sentence costs linear time.
//!
//! **Pronouns** resolve to the most recent character mentioned in this or the two previous
//! sentences whose known gender does not contradict the pronoun ("Jaron speculates she's
//! an Alethia agent": Jaron is "he", so "she" is the character before him).
//!
//! **Certainty** is `suspected` when a hedge ("wonders if", "likely", "suspects", ...) stands
//! in the same clause before the end of the match, `confirmed` otherwise.

use crate::doc::Doc;
use crate::entities::Cluster;
use crate::lexicon::{entries, Gender, LEX};
use crate::mentions::RawMention;
use crate::model::{Certainty, Kind, Relation};
use crate::segment::TokKind;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The object of a fact: another mention, or a kind word ("android").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Object {
    Mention(usize),
    Word(String),
}

/// A fact before names are chosen for its ends.
#[derive(Debug, Clone)]
pub struct RawFact {
    pub subject: usize,
    pub relation: Relation,
    pub object: Object,
    pub certainty: Certainty,
    pub sent: usize,
}

struct Lists {
    relation_nouns: HashMap<String, Relation>,
    relation_verbs: Vec<(String, Relation)>,
    workplace_nouns: Vec<String>,
}

fn relation_from(s: &str) -> Option<Relation> {
    Some(match s {
        "ally_of" => Relation::AllyOf,
        "enemy_of" => Relation::EnemyOf,
        "killed" => Relation::Killed,
        _ => return None,
    })
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let relation_nouns = entries(include_str!("../data/relation_nouns.txt"))
        .filter_map(|e| {
            let (w, r) = e.rsplit_once(' ')?;
            Some((w.trim().to_lowercase(), relation_from(r.trim())?))
        })
        .collect();
    let mut relation_verbs: Vec<(String, Relation)> = entries(include_str!("../data/relation_verbs.txt"))
        .filter_map(|e| {
            let (w, r) = e.rsplit_once(' ')?;
            Some((w.trim().to_lowercase(), relation_from(r.trim())?))
        })
        .collect();
    relation_verbs.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let workplace_nouns = entries(include_str!("../data/workplace_nouns.txt")).map(str::to_lowercase).collect();
    Lists { relation_nouns, relation_verbs, workplace_nouns }
});

fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<String> = words.map(regex::escape).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.dedup();
    if v.is_empty() {
        v.push("\u{0}".into());
    }
    v.join("|")
}

/// A name placeholder with an optional leading article.
const M: &str = r"(?:the )?⟨([0-9]+)⟩";
/// Adverbs that may sit between a copula and its complement.
const ADV: &str = r"(?:(?:likely|probably|possibly|perhaps|maybe|apparently|allegedly|supposedly|actually|secretly|really|also|truly|indeed|now|still|once|already|clearly|in fact|squarely|openly|officially|not) )*";
const COP: &str = r"(?:is|was|'s|are|were|has been|had been|becomes|became|may be|might be|could be|must be|seems to be|appears to be)";

struct Patterns {
    copula: Regex,
    is_a: Regex,
    member_pred: Regex,
    member_one_of: Regex,
    member_noun_pred: Regex,
    member_named: Regex,
    member_appos: Regex,
    member_of_named: Regex,
    member_title_before: Regex,
    member_possessive_group: Regex,
    member_verb: Regex,
    member_with: Regex,
    rel_possessive: Regex,
    rel_of: Regex,
    rel_pair: Regex,
    rel_as: Regex,
    rel_pron_named: Regex,
    rel_appos_pron: Regex,
    the_two: Regex,
    verb_rel: Regex,
    on_side: Regex,
    passive_killed: Regex,
    responsible: Regex,
    works_at: Regex,
    works_where: Regex,
    job_at: Regex,
    coworker: Regex,
    these_two: Regex,
    reveal_passive: Regex,
    played_by_paren: Regex,
    voices: Regex,
    credit_as: Regex,
    hedge: Regex,
    /// Cheap gates: does the sentence hold any relation noun / verb / job noun at all?
    any_rel_noun: Regex,
    any_rel_verb: Regex,
    any_job: Regex,
}

static PAT: LazyLock<Patterns> = LazyLock::new(|| {
    let member_nouns = alternation(LEX.member_nouns.iter().map(String::as_str));
    let kind_nouns = alternation(LEX.kind_nouns.iter().map(String::as_str));
    let rel_nouns = alternation(LISTS.relation_nouns.keys().map(String::as_str));
    let rel_verbs = alternation(LISTS.relation_verbs.iter().map(|(w, _)| w.as_str()));
    let jobs = alternation(LISTS.workplace_nouns.iter().map(String::as_str));
    let hedges = alternation(LEX.hedges.iter().map(String::as_str));
    let r = |s: String| Regex::new(&s).unwrap_or_else(|e| panic!("static pattern {s}: {e}"));
    Patterns {
        // "⟨a⟩ is ⟨b⟩" (identity), checked further in code.
        copula: r(format!(r"{M} {COP} {ADV}(?:none other than |revealed to be |revealed as )?(?:the )?⟨([0-9]+)⟩( 's)?")),
        // "⟨a⟩ is (likely) a (different type of) ⟨K⟩ / android".
        is_a: r(format!(r"{M} {COP} {ADV}(?:an? |part |one of the |)(?:[a-z-]+ ){{0,2}}?(?:⟨([0-9]+)⟩( (?:member|members|{member_nouns})(?-u:\b))?|(?-u:\b)({kind_nouns})s?(?-u:\b))")),
        // "⟨a⟩ is (also) a member of the ⟨G⟩", "⟨a⟩, the leader of the ⟨G⟩".
        member_pred: r(format!(r"{M} (?:, )?(?:(?:[a-z'-]+ |⟨[0-9]+⟩ 's ){{0,6}}?(?:and |, ))?(?:{COP} {ADV})?(?:an? |the |another )?(?:[a-z-]+ )?(?:member|leader|head|part|captain|founder|boss|{member_nouns}) of {M}")),
        member_one_of: r(format!(r"{M} (?:, |{COP} {ADV}|{COP} {ADV}(?:an? [a-z⟨⟩[0-9]]+ )and |, who (?:is|was) ){ADV}(?:one|the first|the last|another|the rest) of {M}")),
        // "⟨a⟩ is an ⟨G⟩ agent", "⟨a⟩, the ⟨G⟩ 's leader".
        member_noun_pred: r(format!(r"{M} (?:, |{COP} {ADV})(?:an? |the )?(?:[a-z-]+ )?{M}(?: 's)? (?:[a-z-]+ )?(?:member|members|leader|head|captain|founder|boss|{member_nouns})(?-u:\b)")),
        // "a fellow ⟨G⟩ member named ⟨a⟩".
        member_named: r(format!(r"{M} (?:member|members|{member_nouns}) (?:named|called) ⟨([0-9]+)⟩")),
        // "⟨a⟩, one of the ⟨G⟩" / "⟨a⟩, loyal to the ⟨G⟩".
        member_appos: r(format!(r"{M} , (?:[a-z]+ ){{0,3}}?(?:loyal to|one of|the first of|the last of) {M}")),
        // "Constable Wren of the Wardens", "a constable of the Lantern Wardens named Wren".
        member_of_named: r(format!(r"(?:{M} of {M}|(?-u:\b)[a-z-]+ of {M} (?:named|called) ⟨([0-9]+)⟩)")),
        // "the Choir's leader, Captain Ivo Strand", "Choir enforcer Mira Kest".
        member_title_before: r(format!(r"{M}(?: 's)? (?:[a-z-]+ )?(?:member|leader|head|captain|founder|boss|{member_nouns}) (?:, )?⟨([0-9]+)⟩")),
        // "their group (⟨G⟩)".
        member_possessive_group: r(r"(?-u:\b)(his|her|their) (?:[a-z-]+ )?(?:group|faction|team|crew|organization|organisation|order|clan|family|gang|guild|unit|squad) \( ⟨([0-9]+)⟩ \)".to_string()),
        // "⟨a⟩ leads the ⟨G⟩", "⟨a⟩ joins the ⟨G⟩".
        member_verb: r(format!(r"{M} (?:, [^⟨]*?, |, who )?(?:{ADV})(?:leads|led|joins|joined|rejoins|heads|commands|works for|worked for|is working for|takes command of|took command of|is in command of|is in charge of|serves) (?:an? )?{M}")),
        // "⟨a⟩ steps out with a handful of ⟨G⟩ enforcers".
        member_with: r(format!(r"{M} (?:[a-z'-]+ ){{0,8}}?(?:with|and|head of) (?:[a-z-]+ ){{0,3}}?(?:{M} (?:{member_nouns}|[a-z]+s(?-u:\b))|(?:members|{member_nouns}) of {M})")),
        // "⟨a⟩ is the ⟨b⟩ 's sworn enemy", "⟨a⟩, ⟨b⟩ 's most unlikely ally",
        // "⟨a⟩, whom he now calls the ⟨b⟩ 's worst enemy".
        rel_possessive: r(format!(r"{M} (?:, (?:who|whom|which) (?:[a-z⟨⟩[0-9]']+ ){{0,5}}?|, |{COP} {ADV})(?:an? |the )?(?:[a-z-]+ ){{0,2}}?{M} 's (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ is an enemy of the ⟨b⟩".
        rel_of: r(format!(r"{M} (?:{COP}|becomes|became|remains) {ADV}(?:an? |the )?(?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns}) (?:of|to) {M}")),
        // "⟨a⟩ and ⟨b⟩ are now enemies".
        rel_pair: r(format!(r"{M} and {M} (?:are|were|become|became|remain|remained) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ accepts ⟨b⟩ as an ally".
        rel_as: r(format!(r"{M} (?:[a-z]+ ){{1,2}}{M} as (?:an? |her |his |their )?(?:[a-z-]+ )?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "her partner and closest friend, a cartographer named ⟨b⟩".
        rel_pron_named: r(format!(r"(?-u:\b)(his|her) (?:[a-z-]+ ){{0,1}}(?-u:\b)({rel_nouns})(?-u:\b)(?: (?:and|,) (?:[a-z-]+ ){{0,2}}?(?:{rel_nouns}))?(?: , (?:an? |the )?(?:[a-z-]+ ){{0,2}}?(?:named|called))? ⟨([0-9]+)⟩")),
        // "⟨b⟩, her partner, ...".
        rel_appos_pron: r(format!(r"⟨([0-9]+)⟩ , (his|her) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "the two become fast allies".
        the_two: r(format!(r"(?-u:\b)(?:the two|both|the pair|the duo)(?: of them)? (?:are|were|become|became|remain|are now) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ kills ⟨b⟩", "⟨a⟩ supports ⟨b⟩".
        verb_rel: r(format!(r"{M} (?:[a-z]+ (?:and |, ))?(?:{ADV})(?:[a-z]+ly )?(?-u:\b)({rel_verbs})(?-u:\b) (?:the )?⟨([0-9]+)⟩((?: (?:,|and|, and) (?:the )?⟨[0-9]+⟩)*)")),
        // "Mara Kest, now firmly on Sol's side".
        on_side: r(format!(r"{M} (?:, )?(?:[a-z]+ ){{0,3}}?on ⟨([0-9]+)⟩ 's side")),
        // "⟨b⟩ is killed by ⟨a⟩".
        passive_killed: r(format!(r"{M} (?:is|was|gets|got|has been|had been) (?:[a-z]+ )?(?:killed|murdered|slain|assassinated|executed) by {M}")),
        // "⟨a⟩ is responsible for murdering ⟨b⟩ and ⟨c⟩".
        responsible: r(format!(r"{M} (?:[a-z⟨⟩[0-9]' ]+ )?(?:is |was )?responsible for (?:murdering|killing|the murders? of|the deaths? of|the killing of) (?:the )?⟨([0-9]+)⟩((?: (?:,|and|, and) (?:the )?⟨[0-9]+⟩)*)")),
        // "⟨a⟩ works at the ⟨P⟩".
        works_at: r(format!(r"{M} (?:{ADV})(?:works|worked|working|is employed|was employed|tends bar|waits tables) (?:[a-z]+ ){{0,2}}?(?:at|in|for) {M}")),
        // "the ⟨P⟩, the dockside tavern where ⟨a⟩ works".
        works_where: r(r"⟨([0-9]+)⟩ , (?:[a-z⟨⟩[0-9]-]+ ){0,6}?where ⟨([0-9]+)⟩ (?:[a-z]+ )?(?:works|worked|is working)".to_string()),
        // "⟨a⟩ is a new worker at ⟨P⟩", "⟨a⟩, the keeper of the ⟨P⟩".
        job_at: r(format!(r"{M} (?:, |{COP} {ADV})(?:an? |the |her |his )?(?:[a-z-]+ ){{0,2}}?(?:{jobs}) (?:at|of|in) {M}")),
        // "another male co-worker (⟨a⟩)", "a co-worker named ⟨a⟩".
        coworker: r(r"(?-u:\b)(?:co-worker|coworker|colleague|co-workers|colleagues) (?:\( |named |called )⟨([0-9]+)⟩".to_string()),
        // "confirms these two are androids".
        these_two: r(format!(r"(?-u:\b)(?:these|those|the) (?:two|three|both) (?:are|were) (?:[a-z-]+ )?(?:({kind_nouns})s?(?-u:\b)|⟨([0-9]+)⟩)")),
        // "⟨a⟩ is revealed as ⟨b⟩", "⟨a⟩ turns out to be ⟨b⟩", "⟨a⟩ unmasks as ⟨b⟩".
        reveal_passive: r(format!(r"{M} (?:is |was )?(?:revealed (?:as|to be)|turns out to be|turned out to be|unmasks as|unmasked as|is unmasked as) (?:none other than )?{M}")),
        // "⟨a⟩ (⟨b⟩)": in a review, an actor credit.
        played_by_paren: r(format!(r"⟨([0-9]+)⟩ \( (?:voiced by |played by )?⟨([0-9]+)⟩ \)")),
        // "⟨b⟩, who voices ⟨a⟩", "⟨b⟩ voices ⟨a⟩".
        voices: r(format!(r"⟨([0-9]+)⟩ (?:, who )?(?:voices|plays|played|voiced|gives|lends) {M}")),
        // "Kaito Mirae's final scenes as Pell".
        credit_as: r(format!(r"⟨([0-9]+)⟩ (?:'s )?(?:[a-z,'-]+ ){{0,5}}?as ⟨([0-9]+)⟩")),
        hedge: r(format!(r"(?-u:\b)(?:{hedges})(?-u:\b)")),
        any_rel_noun: r(format!(r"(?-u:\b)(?:{rel_nouns})(?-u:\b)")),
        any_rel_verb: r(format!(r"(?-u:\b)(?:{rel_verbs})(?-u:\b)")),
        any_job: r(format!(r"(?-u:\b)(?:{jobs})(?-u:\b)")),
    }
});

/// The rewritten sentence plus where each possessive pronoun points.
struct Template {
    text: String,
    /// Byte offset in `text` of a possessive pronoun → the mention it refers to.
    possessives: HashMap<usize, usize>,
}

fn num(c: &regex::Captures, i: usize) -> Option<usize> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// All mention indices in a text like " , ⟨3⟩ and ⟨4⟩".
fn list_mentions(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('⟨') {
        let after = &rest[a + '⟨'.len_utf8()..];
        let Some(b) = after.find('⟩') else { break };
        if let Ok(n) = after[..b].parse() {
            out.push(n);
        }
        rest = &after[b..];
    }
    out
}

/// What the fact finder needs to know about names.
pub struct Names<'a> {
    pub mentions: &'a [RawMention],
    /// Mention → cluster index in `clusters`.
    pub mention_cluster: &'a [usize],
    pub clusters: &'a [Cluster],
}

impl Names<'_> {
    fn cluster(&self, mi: usize) -> Option<&Cluster> {
        self.mention_cluster.get(mi).and_then(|&c| self.clusters.get(c))
    }
    fn kind(&self, mi: usize) -> Option<Kind> {
        self.cluster(mi).map(|c| c.kind)
    }
    fn is_agent(&self, mi: usize) -> bool {
        matches!(self.kind(mi), Some(Kind::Character | Kind::Kind | Kind::Group))
    }
    /// A character, or a name nothing is known about (so it may be one).
    fn may_be_character(&self, mi: usize) -> bool {
        self.is_character(mi) || self.cluster(mi).is_some_and(|c| c.weak_kind)
    }
    fn is_character(&self, mi: usize) -> bool {
        matches!(self.kind(mi), Some(Kind::Character))
    }
    fn same(&self, a: usize, b: usize) -> bool {
        self.mention_cluster.get(a).is_some() && self.mention_cluster.get(a) == self.mention_cluster.get(b)
    }
}

/// Finds the facts of the whole document.
pub fn find(doc: &Doc, names: &Names) -> Vec<RawFact> {
    let mut facts = Vec::new();
    let mut by_first: HashMap<usize, usize> = HashMap::new();
    for (mi, m) in names.mentions.iter().enumerate() {
        by_first.insert(m.first_tok, mi);
    }
    // Recent character mentions for pronouns: (sentence, mention).
    let mut history: Vec<(usize, usize)> = Vec::new();
    // The last workplace named as "⟨P⟩ workers" or "worker at ⟨P⟩", for "co-worker".
    let mut last_workplace: Option<(usize, usize)> = None;
    for (si, s) in doc.sents.iter().enumerate() {
        let t = template(doc, names, &by_first, s.toks.clone(), si, &mut history);
        sentence_facts(&t, si, names, &mut facts, &history, &mut last_workplace);
    }
    facts
}

fn gender_of(names: &Names, mi: usize) -> Option<Gender> {
    names.cluster(mi).and_then(|c| c.gender)
}

fn resolve(names: &Names, history: &[(usize, usize)], si: usize, want: Gender) -> Option<usize> {
    history
        .iter()
        .rev()
        .take(12)
        .take_while(|(s, _)| si.saturating_sub(*s) <= 2)
        .find(|(_, mi)| gender_of(names, *mi).is_none_or(|g| g == want))
        .map(|&(_, mi)| mi)
}

fn template(
    doc: &Doc,
    names: &Names,
    by_first: &HashMap<usize, usize>,
    toks: std::ops::Range<usize>,
    si: usize,
    history: &mut Vec<(usize, usize)>,
) -> Template {
    let mut text = String::new();
    let mut possessives = HashMap::new();
    let mut k = toks.start;
    while k < toks.end {
        if !text.is_empty() {
            text.push(' ');
        }
        if let Some(&mi) = by_first.get(&k) {
            text.push('⟨');
            text.push_str(&mi.to_string());
            text.push('⟩');
            if names.is_character(mi) {
                history.push((si, mi));
                if history.len() > 64 {
                    history.drain(..32);
                }
            }
            let end = names.mentions.get(mi).map_or(k + 1, |m| m.toks.end.max(k + 1));
            k = end;
            continue;
        }
        let w = doc.tok(k);
        let lw = w.to_lowercase().replace('’', "'");
        let pron = match lw.as_str() {
            "he" | "him" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            // "her" is an object pronoun when no noun follows it.
            "her" => {
                let next = doc.tok(k + 1);
                let object = k + 1 >= toks.end
                    || doc.kind(k + 1) != Some(TokKind::Word)
                    || matches!(next, "and" | "to" | "from" | "with" | "at" | "in" | "on" | "about" | "as" | "for" | "that" | "if" | "into" | "across" | "out" | "up" | "off" | "down" | "away" | "back");
                if object {
                    Some(Gender::Female)
                } else {
                    if let Some(a) = resolve(names, history, si, Gender::Female) {
                        possessives.insert(text.len(), a);
                    }
                    None
                }
            }
            "his" => {
                if let Some(a) = resolve(names, history, si, Gender::Male) {
                    possessives.insert(text.len(), a);
                }
                None
            }
            _ => None,
        };
        // An object pronoun never names the subject of its own clause ("Sol accepts her":
        // her is not Sol), so the first character of the clause is skipped.
        let object_pronoun = matches!(lw.as_str(), "him" | "her");
        let clause_subject = if object_pronoun { clause_first_character(&text, names) } else { None };
        let resolved = pron.and_then(|g| {
            history
                .iter()
                .rev()
                .take(12)
                .take_while(|(s, _)| si.saturating_sub(*s) <= 2)
                .filter(|(_, mi)| clause_subject.is_none_or(|cs| !names.same(cs, *mi)))
                .find(|(_, mi)| gender_of(names, *mi).is_none_or(|x| x == g))
                .map(|&(_, mi)| mi)
        });
        match resolved {
            Some(a) => {
                text.push('⟨');
                text.push_str(&a.to_string());
                text.push('⟩');
            }
            None => match doc.kind(k) {
                Some(TokKind::Clitic) => text.push_str("'s"),
                _ => text.push_str(&lw),
            },
        }
        k += 1;
    }
    Template { text, possessives }
}

/// The first character named in the clause being written (after the last ", and", "and",
/// "but", ";" or ":" of the template so far).
fn clause_first_character(text: &str, names: &Names) -> Option<usize> {
    let window = tail(text, WINDOW);
    let start = [" and ", " but ", " ; ", " : ", " while ", " as ", " when "]
        .iter()
        .filter_map(|b| window.rfind(b))
        .max()
        .unwrap_or(0);
    list_mentions(&window[start..]).into_iter().find(|&m| names.is_character(m))
}

/// How far back (in bytes of template) clause-level look-backs search. A clause is far
/// shorter; the bound keeps every look-back constant-time, so a one-megabyte sentence
/// stays linear.
const WINDOW: usize = 400;

/// The last `n` bytes of `s` (cut at a character boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

fn certainty(t: &str, end: usize) -> Certainty {
    let mut end = end.min(t.len());
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let upto = tail(&t[..end], WINDOW);
    // The clause: after the last "but", ";" or ", and" before the end of the match.
    let start = [" but ", " ; ", " however ", " while "]
        .iter()
        .filter_map(|b| upto.rfind(b))
        .max()
        .unwrap_or(0);
    if PAT.hedge.is_match(&upto[start..]) {
        Certainty::Suspected
    } else {
        Certainty::Confirmed
    }
}

fn push(facts: &mut Vec<RawFact>, names: &Names, s: usize, rel: Relation, o: Object, cert: Certainty, si: usize) {
    if let Object::Mention(om) = o {
        if names.same(s, om) && rel != Relation::SameAs {
            return;
        }
        if s == om {
            return;
        }
    }
    facts.push(RawFact { subject: s, relation: rel, object: o, certainty: cert, sent: si });
}

fn sentence_facts(
    tp: &Template,
    si: usize,
    names: &Names,
    facts: &mut Vec<RawFact>,
    history: &[(usize, usize)],
    last_workplace: &mut Option<(usize, usize)>,
) {
    let t = tp.text.as_str();
    if std::env::var_os("PREVIOUSLY_TEMPLATES").is_some() {
        eprintln!("{t}");
    }
    if !t.contains('⟨') {
        return;
    }
    let p = &*PAT;
    // Gates: most patterns need two names, or a keyword; checking those first keeps the
    // regular expressions off sentences they cannot match.
    let n_names = t.matches('⟨').count();
    let two = n_names >= 2;
    let has = |w: &str| t.contains(w);
    let copular = has(" is ") || has(" 's ") || has(" was ") || has(" are ") || has(" were ") || has(" been ") || has(" bec") || has(" be ");
    let rel_noun = two && p.any_rel_noun.is_match(t);
    let rel_verb = two && p.any_rel_verb.is_match(t);
    let kind = |mi: usize| names.kind(mi);
    let is_group = |mi: usize| matches!(kind(mi), Some(Kind::Group | Kind::Org));
    let is_place = |mi: usize| matches!(kind(mi), Some(Kind::Place | Kind::Org));

    // Identity: "⟨a⟩ is ⟨b⟩", "⟨a⟩ is revealed as ⟨b⟩".
    for c in p.copula.captures_iter(if two && copular { t } else { "" }) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else { continue };
        if c.get(3).is_some() {
            continue; // "⟨a⟩ is ⟨b⟩ 's partner": a possessive, not an identity.
        }
        let both_people = (names.is_agent(a) || names.may_be_character(a))
            && (names.is_agent(b) || names.may_be_character(b))
            && (names.is_agent(a) || names.is_agent(b))
            && !is_group(a)
            && !is_group(b);
        if both_people && !names.same(a, b) {
            let end = c.get(0).map_or(0, |m| m.end());
            push(facts, names, a, Relation::SameAs, Object::Mention(b), certainty(t, end), si);
        }
    }
    for c in p.reveal_passive.captures_iter(if two && (has("reveal") || has("turn") || has("unmask")) { t } else { "" }) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else { continue };
        if names.is_agent(a) && names.is_agent(b) {
            let end = c.get(0).map_or(0, |m| m.end());
            push(facts, names, a, Relation::SameAs, Object::Mention(b), certainty(t, end), si);
        }
    }
    // Kinds: "⟨a⟩ is a ⟨Nean⟩", "⟨a⟩ is an android".
    for c in p.is_a.captures_iter(if copular { t } else { "" }) {
        let Some(a) = num(&c, 1) else { continue };
        if !names.is_character(a) {
            continue;
        }
        let whole = c.get(0).map_or("", |m| m.as_str());
        // "one of the ⟨G⟩" is membership, handled below.
        if whole.contains("one of the") {
            continue;
        }
        let end = c.get(0).map_or(0, |m| m.end());
        if let Some(k) = num(&c, 2) {
            // "an ⟨Alethia⟩ agent" is membership, not a kind.
            // "a ⟨Cogborn⟩": a name after an indefinite article is a class of being even
            // when the rest of the text did not settle its kind.
            let with_article = whole.contains(" a ⟨") || whole.contains(" an ⟨") || whole.contains(" part ⟨");
            if c.get(3).is_some() || !(kind(k) == Some(Kind::Kind) || (with_article && kind(k) == Some(Kind::Character))) {
                continue;
            }
            push(facts, names, a, Relation::IsA, Object::Mention(k), certainty(t, end), si);
        } else if let Some(w) = c.get(4) {
            if whole.contains(" not ") {
                continue;
            }
            push(facts, names, a, Relation::IsA, Object::Word(w.as_str().to_string()), certainty(t, end), si);
        }
    }
    for c in p.these_two.captures_iter(if has("two") || has("both") || has("three") { t } else { "" }) {
        let start = c.get(0).map_or(0, |m| m.start());
        let end = c.get(0).map_or(0, |m| m.end());
        // The characters named before "these two" in this sentence.
        let before: Vec<usize> = list_mentions(tail(&t[..start], WINDOW)).into_iter().filter(|&m| names.is_character(m)).collect();
        let mut seen: Vec<usize> = Vec::new();
        for m in before {
            if !seen.iter().any(|&s| names.same(s, m)) {
                seen.push(m);
            }
        }
        let obj = if let Some(w) = c.get(1) {
            Object::Word(w.as_str().to_string())
        } else if let Some(k) = num(&c, 2).filter(|&k| kind(k) == Some(Kind::Kind)) {
            Object::Mention(k)
        } else {
            continue;
        };
        for s in seen {
            push(facts, names, s, Relation::IsA, obj.clone(), certainty(t, end), si);
        }
    }
    // Membership.
    let member = |facts: &mut Vec<RawFact>, a: usize, g: usize, end: usize| {
        if is_group(g) && matches!(kind(a), Some(Kind::Character | Kind::Kind)) {
            push(facts, names, a, Relation::MemberOf, Object::Mention(g), certainty(t, end), si);
        }
    };
    for re in [&p.member_pred, &p.member_one_of, &p.member_noun_pred, &p.member_appos, &p.member_verb] {
        for c in re.captures_iter(if two { t } else { "" }) {
            let (Some(a), Some(g)) = (num(&c, 1), num(&c, 2)) else { continue };
            member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.member_of_named.captures_iter(if two && has(" of ") { t } else { "" }) {
        let (a, g) = match (num(&c, 1), num(&c, 2), num(&c, 3), num(&c, 4)) {
            (Some(a), Some(g), _, _) => (a, g),
            (_, _, Some(g), Some(a)) => (a, g),
            _ => continue,
        };
        if names.is_character(a) {
            member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.member_title_before.captures_iter(if two { t } else { "" }) {
        let (Some(g), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.member_with.captures_iter(if two && (has(" with ") || has(" and ") || has("head of")) { t } else { "" }) {
        let Some(a) = num(&c, 1) else { continue };
        let Some(g) = num(&c, 2).or_else(|| num(&c, 3)) else { continue };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.member_named.captures_iter(if two && (has("named") || has("called")) { t } else { "" }) {
        let (Some(g), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.member_possessive_group.captures_iter(if has(" ( ") { t } else { "" }) {
        let Some(g) = num(&c, 2) else { continue };
        let end = c.get(0).map_or(0, |m| m.end());
        let start = c.get(0).map_or(0, |m| m.start());
        let who: Vec<usize> = match c.get(1).map(|m| m.as_str()) {
            Some("their") => list_mentions(tail(&t[..start], WINDOW)).into_iter().filter(|&m| names.is_character(m)).collect(),
            _ => tp.possessives.get(&start).copied().into_iter().collect(),
        };
        for a in who {
            member(facts, a, g, end);
        }
    }
    // Relations between characters.
    let relate = |facts: &mut Vec<RawFact>, a: usize, rel: Relation, b: usize, end: usize| {
        let ok = match rel {
            // A weapon or machine can kill too, so the killer may be a thing.
            Relation::Killed => (names.is_agent(a) || kind(a) == Some(Kind::Thing)) && names.is_agent(b) && !is_group(b),
            _ => names.is_agent(a) && names.is_agent(b),
        };
        if ok {
            push(facts, names, a, rel, Object::Mention(b), certainty(t, end), si);
        }
    };
    let noun_rel = |w: &str| LISTS.relation_nouns.get(w).copied();
    for c in p.rel_possessive.captures_iter(if rel_noun { t } else { "" }) {
        let (Some(a), Some(b), Some(rel)) = (num(&c, 1), num(&c, 2), c.get(3).and_then(|m| noun_rel(m.as_str()))) else { continue };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.rel_of.captures_iter(if rel_noun { t } else { "" }) {
        let (Some(a), Some(rel), Some(b)) = (num(&c, 1), c.get(2).and_then(|m| noun_rel(m.as_str())), num(&c, 3)) else { continue };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    for re in [&p.rel_pair, &p.rel_as] {
        for c in re.captures_iter(if rel_noun { t } else { "" }) {
            let (Some(a), Some(b), Some(rel)) = (num(&c, 1), num(&c, 2), c.get(3).and_then(|m| noun_rel(m.as_str()))) else { continue };
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.rel_pron_named.captures_iter(if p.any_rel_noun.is_match(t) { t } else { "" }) {
        let start = c.get(0).map_or(0, |m| m.start());
        let (Some(rel), Some(b)) = (c.get(2).and_then(|m| noun_rel(m.as_str())), num(&c, 3)) else { continue };
        if let Some(&a) = tp.possessives.get(&start) {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.rel_appos_pron.captures_iter(if p.any_rel_noun.is_match(t) { t } else { "" }) {
        let (Some(b), Some(rel)) = (num(&c, 1), c.get(3).and_then(|m| noun_rel(m.as_str()))) else { continue };
        let Some(pm) = c.get(2) else { continue };
        if let Some(&a) = tp.possessives.get(&pm.start()) {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.the_two.captures_iter(if has("two") || has("both") || has("pair") || has("duo") { t } else { "" }) {
        let Some(rel) = c.get(1).and_then(|m| noun_rel(m.as_str())) else { continue };
        // The two most recent distinct characters.
        let mut two: Vec<usize> = Vec::new();
        for &(_, m) in history.iter().rev().take(12) {
            if !two.iter().any(|&x| names.same(x, m)) {
                two.push(m);
            }
            if two.len() == 2 {
                break;
            }
        }
        if let [a, b] = two[..] {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in p.verb_rel.captures_iter(if rel_verb { t } else { "" }) {
        let (Some(a), Some(verb), Some(b)) = (num(&c, 1), c.get(2), num(&c, 3)) else { continue };
        let Some(rel) = LISTS.relation_verbs.iter().find(|(w, _)| w == verb.as_str()).map(|(_, r)| *r) else { continue };
        let end = c.get(0).map_or(0, |m| m.end());
        relate(facts, a, rel, b, end);
        if rel == Relation::Killed {
            for o in list_mentions(c.get(4).map_or("", |m| m.as_str())) {
                relate(facts, a, rel, o, end);
            }
        }
    }
    for c in p.on_side.captures_iter(if two && has(" side") { t } else { "" }) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else { continue };
        relate(facts, a, Relation::AllyOf, b, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.passive_killed.captures_iter(if two && has(" by ") { t } else { "" }) {
        let (Some(b), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        relate(facts, a, Relation::Killed, b, c.get(0).map_or(0, |m| m.end()));
    }
    for c in p.responsible.captures_iter(if two && has("responsible") { t } else { "" }) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else { continue };
        let end = c.get(0).map_or(0, |m| m.end());
        relate(facts, a, Relation::Killed, b, end);
        // "⟨b⟩ and ⟨c⟩, ⟨d⟩ and ⟨e⟩'s comrades": the list ends after its "and".
        let rest = c.get(3).map_or("", |m| m.as_str());
        let mut after_and = false;
        for part in rest.split(" ⟨").skip(1) {
            let Some(n) = part.split('⟩').next().and_then(|x| x.parse::<usize>().ok()) else { continue };
            if after_and {
                break;
            }
            relate(facts, a, Relation::Killed, n, end);
            after_and = true;
        }
        let _ = rest;
    }
    // Work places.
    let works = |facts: &mut Vec<RawFact>, a: usize, pl: usize, end: usize| {
        if names.is_character(a) {
            if is_place(pl) {
                push(facts, names, a, Relation::WorksAt, Object::Mention(pl), certainty(t, end), si);
            } else if is_group(pl) {
                push(facts, names, a, Relation::MemberOf, Object::Mention(pl), certainty(t, end), si);
            }
        }
    };
    let work_gate = two && (has("work") || has("employ") || has("tends") || has("waits") || p.any_job.is_match(t));
    for re in [&p.works_at, &p.job_at] {
        for c in re.captures_iter(if work_gate { t } else { "" }) {
            let (Some(a), Some(pl)) = (num(&c, 1), num(&c, 2)) else { continue };
            works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
            if is_place(pl) {
                *last_workplace = Some((si, pl));
            }
        }
    }
    for c in p.works_where.captures_iter(if two && has("where") { t } else { "" }) {
        let (Some(pl), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
    }
    // "two ⟨P⟩ male workers" names a workplace for a later "co-worker".
    for w in LISTS.workplace_nouns.iter().filter(|w| w.ends_with('s') && n_names >= 1) {
        if let Some(pos) = t.find(&format!(" {w}")) {
            if let Some(&pl) = list_mentions(tail(&t[..pos], WINDOW)).last() {
                if is_place(pl) && t[..pos].rsplit('⟩').next().is_some_and(|gap| gap.split_whitespace().count() <= 2) {
                    *last_workplace = Some((si, pl));
                }
            }
        }
    }
    for c in p.coworker.captures_iter(if has("co-worker") || has("coworker") || has("colleague") { t } else { "" }) {
        let Some(a) = num(&c, 1) else { continue };
        if let Some((ws, pl)) = *last_workplace {
            if si.saturating_sub(ws) <= 2 {
                works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
            }
        }
    }
    // Cast credits.
    for c in p.played_by_paren.captures_iter(if two && has(" ( ") { t } else { "" }) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else { continue };
        if kind(b) == Some(Kind::Person) && names.is_character(a) {
            push(facts, names, a, Relation::PlayedBy, Object::Mention(b), Certainty::Confirmed, si);
        }
    }
    for c in p.credit_as.captures_iter(if two && has(" as ") { t } else { "" }) {
        let (Some(b), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        if kind(b) == Some(Kind::Person) && names.is_character(a) {
            push(facts, names, a, Relation::PlayedBy, Object::Mention(b), Certainty::Confirmed, si);
        }
    }
    for c in p.voices.captures_iter(if two && (has("voice") || has("play") || has("gives") || has("lends")) { t } else { "" }) {
        let (Some(b), Some(a)) = (num(&c, 1), num(&c, 2)) else { continue };
        if kind(b) == Some(Kind::Person) && names.is_character(a) {
            push(facts, names, a, Relation::PlayedBy, Object::Mention(b), Certainty::Confirmed, si);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Certainty, Relation};
    use crate::{extract_parts, Fact};

    fn facts(recap: &str) -> Vec<Fact> {
        extract_parts(&[recap], &[], None).facts
    }

    fn has(fs: &[Fact], s: &str, r: Relation, o: &str, c: Certainty) -> bool {
        fs.iter().any(|f| f.subject == s && f.relation == r && f.object == o && f.certainty == c)
    }

    // A reveal with a pronoun subject resolves the pronoun to the speaker.
    #[test]
    fn reveal_with_pronoun() {
        let fs = facts("Rouge meets Sara. Sara confirms she’s Viola Keane.");
        assert!(has(&fs, "Sara", Relation::SameAs, "Viola Keane", Certainty::Confirmed), "{fs:#?}");
    }

    // Hedges make a reveal a suspicion.
    #[test]
    fn hedged_reveal_is_suspected() {
        let fs = facts("Rouge updates Naomi with intel surrounding Sara. She wonders if she’s Purgatory Viola.");
        assert!(has(&fs, "Sara", Relation::SameAs, "Purgatory Viola", Certainty::Suspected), "{fs:#?}");
    }

    // Coordinated predicates share the subject and the hedge.
    #[test]
    fn is_a_and_member_of_with_hedge() {
        let fs = facts("The Immortal Nine rule. Rouge runs. Sara sings. Naomi tells Rouge Sara is likely a Nean and one of the Immortal Nine. A Nean walks.");
        assert!(has(&fs, "Sara", Relation::IsA, "Nean", Certainty::Suspected), "{fs:#?}");
        assert!(has(&fs, "Sara", Relation::MemberOf, "Immortal Nine", Certainty::Suspected), "{fs:#?}");
    }

    // "these two are androids" gives is_a for the characters named before it.
    #[test]
    fn these_two_are_androids() {
        let fs = facts("Scar Head refuses the serum because he knows the woman needs it, which confirms these two are androids.");
        assert!(has(&fs, "Scar Head", Relation::IsA, "android", Certainty::Confirmed), "{fs:#?}");
    }

    // Killing lists stop at the appositive after "and".
    #[test]
    fn responsible_for_murdering_a_list() {
        let fs = facts("Jaron waits. Sara waits. We learn the Gladiator is responsible for murdering Nius and Achillus, Jaron and Sara’s comrades.");
        assert!(fs.iter().any(|f| f.relation == Relation::Killed && f.object == "Nius"), "{fs:#?}");
        assert!(fs.iter().any(|f| f.relation == Relation::Killed && f.object == "Achillus"));
        assert!(!fs.iter().any(|f| f.relation == Relation::Killed && f.object == "Jaron"));
    }

    // Speculation about a pronoun skips a male speaker for "she".
    #[test]
    fn pronoun_skips_wrong_gender() {
        let fs = facts("Jaron pulls out his cards. Rouge smiles at her friend. Viola believes Rouge’s innocent, but Jaron speculates she’s an Alethia agent. The Alethia agents run.");
        assert!(has(&fs, "Rouge", Relation::MemberOf, "Alethia", Certainty::Suspected), "{fs:#?}");
    }

    // Work places from "a new worker at X".
    #[test]
    fn works_at() {
        let fs = facts("At Club Canal, Rouge watches. We learn from Sara that Rouge is a new worker at Club Canal.");
        assert!(has(&fs, "Rouge", Relation::WorksAt, "Club Canal", Certainty::Confirmed), "{fs:#?}");
    }

    // Relation verbs and nouns.
    #[test]
    fn allies_and_enemies() {
        let fs = facts("Rouge runs. Naomi supports Rouge from the shadows. Rouge defeats Viola. Mara and Mira are now enemies.");
        assert!(has(&fs, "Naomi", Relation::AllyOf, "Rouge", Certainty::Confirmed), "{fs:#?}");
        assert!(has(&fs, "Rouge", Relation::EnemyOf, "Viola", Certainty::Confirmed));
        assert!(has(&fs, "Mara", Relation::EnemyOf, "Mira", Certainty::Confirmed));
    }
}
#[cfg(test)]
mod debug_tests {
    #[test]
    fn copula_matches() {
        let t = "⟨2⟩ confirms ⟨2⟩ 's ⟨3⟩ .";
        let caps: Vec<String> = super::PAT.copula.captures_iter(t).map(|c| format!("{:?}", c)).collect();
        assert!(!caps.is_empty(), "{}", super::PAT.copula.as_str());
    }
}
