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
use rustc_hash::FxHashMap as HashMap;
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
    /// A nickname or callsign ("whom everyone calls Bunny", "callsign Lark"): it merges
    /// the names like a reveal but reveals nothing, so it is not reported as a fact.
    pub merge_only: bool,
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

/// One row of `data/fact_rules.txt`: a phrasing of a relation between two characters.
struct FactRule {
    relation: Relation,
    /// Whether the first name captured is the subject.
    subject_first: bool,
    gate: String,
    re: Regex,
    /// The row's example sentence and the (subject, object) it must give (read by the
    /// test over every row).
    #[cfg_attr(not(test), allow(dead_code))]
    example: (String, String, String),
}

/// The rows of `data/fact_rules.txt`; a row that does not parse or compile is left out
/// (the test over every row's example catches it).
static FACT_RULES: LazyLock<Vec<FactRule>> = LazyLock::new(|| {
    entries(include_str!("../data/fact_rules.txt"))
        .filter_map(|row| {
            let fields: Vec<&str> = row.split(" | ").map(str::trim).collect();
            let [relation, order, gate, pattern, example] = fields[..] else {
                return None;
            };
            let (sentence, expected) = example.split_once(" => ")?;
            let (subject, object) = expected.split_once(" / ")?;
            Some(FactRule {
                relation: relation_from(relation)?,
                subject_first: order == "ab",
                gate: gate.to_string(),
                re: Regex::new(&pattern.replace("{M}", M)).ok()?,
                example: (
                    sentence.trim().to_string(),
                    subject.trim().to_string(),
                    object.trim().to_string(),
                ),
            })
        })
        .collect()
});

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let relation_nouns = entries(include_str!("../data/relation_nouns.txt"))
        .filter_map(|e| {
            let (w, r) = e.rsplit_once(' ')?;
            Some((w.trim().to_lowercase(), relation_from(r.trim())?))
        })
        .collect();
    let mut relation_verbs: Vec<(String, Relation)> =
        entries(include_str!("../data/relation_verbs.txt"))
            .filter_map(|e| {
                let (w, r) = e.rsplit_once(' ')?;
                Some((w.trim().to_lowercase(), relation_from(r.trim())?))
            })
            .collect();
    relation_verbs.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let workplace_nouns = entries(include_str!("../data/workplace_nouns.txt"))
        .map(str::to_lowercase)
        .collect();
    Lists {
        relation_nouns,
        relation_verbs,
        workplace_nouns,
    }
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

/// Set `PREVIOUSLY_TEMPLATES=1` to print every sentence template to standard error, for
/// people writing new patterns. Read once.
static SHOW_TEMPLATES: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("PREVIOUSLY_TEMPLATES").is_some());

/// A name placeholder with an optional leading article.
const M: &str = r"(?:the )?⟨([0-9]+)⟩";
/// Adverbs that may sit between a copula and its complement. The patterns' `{adv}` and
/// the identity pre-check ([`copula_reaches_name`]) are both built from this one list, so
/// the pre-check can never fall behind the pattern.
const ADVERBS: &[&str] = &[
    "likely",
    "probably",
    "possibly",
    "perhaps",
    "maybe",
    "apparently",
    "allegedly",
    "supposedly",
    "actually",
    "secretly",
    "really",
    "also",
    "truly",
    "indeed",
    "now",
    "still",
    "once",
    "already",
    "clearly",
    "in fact",
    "squarely",
    "openly",
    "officially",
    "not",
];
/// The copulas, in the order the patterns' `{cop}` tries them; the identity pre-check
/// reads the same list.
const COPULAS: &[&str] = &[
    "is",
    "was",
    "'s",
    "are",
    "were",
    "has been",
    "had been",
    "becomes",
    "became",
    "may be",
    "might be",
    "could be",
    "must be",
    "seems to be",
    "appears to be",
];
/// Phrases the identity pattern allows between its copula and the second name, after
/// the adverbs: "none other than", "revealed to be", "revealed as".
const IDENTITY_PHRASES: &[&str] = &["none other than", "revealed to be", "revealed as"];

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
    member_one_of_possessive: Regex,
    member_verb_pair: Regex,
    calls_name: Regex,
    role_possessive: Regex,
    runs_place: Regex,
    pair_allies: Regex,
    two_allies: Regex,
    alliance_with: Regex,
    war_on: Regex,
    on_pron_side: Regex,
    place_run_by: Regex,
    callsign_appos: Regex,
    rel_possessive: Regex,
    rel_of: Regex,
    rel_pair: Regex,
    rel_as: Regex,
    rel_pron_named: Regex,
    rel_appos_pron: Regex,
    the_two: Regex,
    verb_rel: Regex,
    verb_rel_pair: Regex,
    verb_rel_then: Regex,
    nickname: Regex,
    alongside: Regex,
    on_side: Regex,
    passive_killed: Regex,
    responsible: Regex,
    works_at: Regex,
    works_where: Regex,
    job_possessive: Regex,
    job_at: Regex,
    coworker: Regex,
    these_two: Regex,
    reveal_passive: Regex,
    played_by_paren: Regex,
    played_by_passive: Regex,
    kill_particle: Regex,
    member_their: Regex,
    rel_pron_pred: Regex,
    actor_possessive: Regex,
    kind_named: Regex,
    kind_appos: Regex,
    job_modifier: Regex,
    voices: Regex,
    voice_of: Regex,
    credit_possessive: Regex,
    killed_appos: Regex,
    rel_possessive_appos: Regex,
    voice_actor: Regex,
    credit_as: Regex,
    hedge: Regex,
    plural_after_name: Regex,
    reveal_verb: Regex,
}

static PAT: LazyLock<Patterns> = LazyLock::new(|| {
    // Any run of the adverbs, each followed by a space; then one copula.
    let adv = format!("(?:(?:{}) )*", ADVERBS.join("|"));
    let cop = format!("(?:{})", COPULAS.join("|"));
    let identity_phrases = IDENTITY_PHRASES.join(" |");
    let member_nouns = alternation(LEX.member_nouns.iter().map(String::as_str));
    let kind_nouns = alternation(LEX.kind_nouns.iter().map(String::as_str));
    let rel_nouns = alternation(LISTS.relation_nouns.keys().map(String::as_str));
    let rel_verbs = alternation(LISTS.relation_verbs.iter().map(|(w, _)| w.as_str()));
    let jobs = alternation(LISTS.workplace_nouns.iter().map(String::as_str));
    let hedges = alternation(LEX.hedges.iter().map(String::as_str));
    let r = |s: String| Regex::new(&s).unwrap_or_else(|e| panic!("static pattern {s}: {e}"));
    Patterns {
        // "⟨a⟩ is ⟨b⟩" (identity), checked further in code.
        copula: r(format!(r"{M} {cop} {adv}(?:{identity_phrases} )?(?:the )?⟨([0-9]+)⟩( 's)?")),
        // "⟨a⟩ is (likely) a (different type of) ⟨K⟩ / android".
        is_a: r(format!(r"{M} (?:{cop} {adv}(?:(?:revealed|confirmed|shown) (?:as|to be) )?|(?:turns|turned) out to be |(?:reveals|revealed) (?:herself|himself|itself|themselves) (?:as|to be) )(?:an? |part |one of the |)(?:[a-z-]+ ){{0,2}}?(?:⟨([0-9]+)⟩( (?:member|members|{member_nouns})(?-u:\b))?|(?-u:\b)({kind_nouns})s?(?-u:\b))")),
        // "⟨a⟩ is (also) a member of the ⟨G⟩", "⟨a⟩, the leader of the ⟨G⟩".
        member_pred: r(format!(r"{M} (?:, )?(?:(?:[a-z'-]+ |⟨[0-9]+⟩ 's ){{0,6}}?(?:and |, ))?(?:{cop} {adv})?(?:an? |the |another )?(?:[a-z-]+ )?(?:member|leader|head|part|captain|founder|boss|{member_nouns}|{jobs}) (?:of|in|with|at|for) {M}")),
        member_one_of: r(format!(r"{M} (?:, [^,]+? , )?(?:, |{cop} {adv}|{cop} {adv}(?:an? [a-z⟨⟩[0-9]]+ )and |, who (?:is|was) ){adv}(?:one|the first|the last|another|the rest) of {M}")),
        // "⟨a⟩ is an ⟨G⟩ agent", "⟨a⟩, the ⟨G⟩ 's leader".
        member_noun_pred: r(format!(r"{M} (?:, |{cop} {adv})(?:an? |the )?(?:[a-z-]+ )?{M}(?: 's)? (?:[a-z-]+ )?(?:member|members|leader|head|captain|founder|boss|{member_nouns})(?-u:\b)")),
        // "a fellow ⟨G⟩ member named ⟨a⟩".
        member_named: r(format!(r"{M} (?:member|members|{member_nouns}) (?:named|called) ⟨([0-9]+)⟩")),
        // "⟨a⟩, one of the ⟨G⟩" / "⟨a⟩, loyal to the ⟨G⟩".
        member_appos: r(format!(r"{M} , (?:[a-z]+ ){{0,3}}?(?:loyal to|one of|the first of|the last of) (?:the )?(?:[a-z-]+ ){{0,2}}?{M}")),
        // "Constable Wren of the Wardens", "a constable of the Lantern Wardens named Wren".
        member_of_named: r(format!(r"(?:{M} of {M}|(?-u:\b)[a-z-]+ of {M} (?:named|called) ⟨([0-9]+)⟩)")),
        // "the Choir's leader, Captain Ivo Strand", "Choir enforcer Mira Kest".
        member_title_before: r(format!(r"{M}(?: 's)? (?:[a-z-]+ )?(?:member|leader|head|captain|founder|boss|{member_nouns}) (?:, )?⟨([0-9]+)⟩")),
        // "their group (⟨G⟩)".
        member_possessive_group: r(r"(?-u:\b)(his|her|their) (?:[a-z-]+ )?(?:group|faction|team|crew|organization|organisation|order|clan|family|gang|guild|unit|squad) \( ⟨([0-9]+)⟩ \)".to_string()),
        // "⟨a⟩ leads the ⟨G⟩", "⟨a⟩ joins the ⟨G⟩".
        member_verb: r(format!(r"{M} (?:, [^,]+?, |, who )?(?:{adv})(?:(?:has|had|have) (?:{adv}))?(?:[a-z]+ly )?(?:leads|led|joins|joined|rejoins|heads|commands|works for|worked for|is working for|flies for|flew for|flown for|flying for|fights for|fought for|fighting for|spies for|spied for|spying for|takes command of|took command of|is in command of|is in charge of|serves) (?:an? |what is left of |what 's left of |the rest of |the remnants of )?{M}")),
        // "⟨a⟩ steps out with a handful of ⟨G⟩ enforcers".
        member_with: r(format!(r"{M} (?:[a-z'-]+ ){{0,8}}?(?:with|and|head of) (?:[a-z-]+ ){{0,3}}?(?:{M}(?: 's)? (?:{member_nouns}|[a-z]+s(?-u:\b))|(?:members|{member_nouns}) of {M})")),
        // "⟨a⟩, the ⟨Corps⟩' chief engineer", "⟨a⟩ (⟨actor⟩), the ⟨Halloran⟩'s head of
        // security": a role an apposition gives someone in a group or at a place.
        role_possessive: r(r"⟨([0-9]+)⟩ (?:\( ⟨[0-9]+⟩ \) )?, (?:the )?⟨([0-9]+)⟩ (?:'s|') ((?:[a-z-]+ ){0,3}?[a-z-]+)(?: of [a-z-]+)?(?: ,| \.| and| who| whose|$)".to_string()),
        // "⟨a⟩ runs the ⟨P⟩", "⟨a⟩, who has run the ⟨P⟩ for years", "⟨a⟩ founded the
        // ⟨G⟩": running or founding a place is work there, a group membership.
        runs_place: r(format!(r"{M} (?:\( ⟨[0-9]+⟩ \) )?(?:, who |, )?(?:{adv})(?:(?:has|had) (?:{adv}))?(?:runs|ran|run|owns|owned|manages|managed|founded|founds|co-founded|keeps|kept) (?:an? )?{M}")),
        // "⟨a⟩ and ⟨b⟩ team up", "⟨a⟩ and ⟨b⟩ agree to work together".
        pair_allies: r(format!(r"{M} and {M} (?:{adv})(?:(?:have|had) )?(?:finally )?(?:team up|teamed up|join forces|joined forces|band together|banded together|become allies|became allies|form an alliance|formed an alliance|agree to work together|agreed to work together|agree to stand together|agreed to stand together)(?-u:\b)")),
        // "the two of them team up": the two characters named last.
        two_allies: r(r"(?-u:\b)(?:the two|both|the pair|the duo)(?: of them| [a-z]+)? (?:finally )?(?:(?:decide|decides|decided|agree|agrees|agreed) to )?(?:team up|teamed up|join forces|joined forces|band together|banded together|agree to work together|agreed to work together|agree to stand together|agreed to stand together)(?-u:\b)".to_string()),
        // "⟨a⟩ agrees to an alliance with the ⟨b⟩", "⟨a⟩ forms an alliance with ⟨b⟩".
        alliance_with: r(format!(r"{M} (?:, [^,]+?, )?(?:[a-z']+ ){{0,4}}?(?:an |a |the )?(?:[a-z-]+ )?(?:alliance|truce|pact|partnership) with {M}")),
        // "⟨a⟩ declares war on the ⟨b⟩".
        war_on: r(format!(r"{M} (?:[a-z'-]+ |⟨[0-9]+⟩ 's |, ){{0,12}}?(?:and )?(?:(?:declares|declared|wages|waged|goes|went) (?:open )?war (?:on|against)|(?:is|are|was|were|been|remain|remains|remained) (?:[a-z]+ )?at war with) {M}")),
        // "⟨a⟩ is secretly on her side": the possessive's owner is the ally.
        on_pron_side: r(format!(r"{M} (?:[a-z]+ ){{0,3}}?on (his|her|their) side")),
        // "the ⟨P⟩, which ⟨a⟩ has run since ...".
        place_run_by: r(format!(r"{M} , (?:which|that) ⟨([0-9]+)⟩ (?:(?:has|had) )?(?:runs|ran|run|owns|owned|manages|managed|founded|keeps|kept)(?-u:\b)")),
        // "everyone calls ⟨Theodore⟩ ⟨Teddy⟩" once "him" is resolved.
        calls_name: r(r"(?-u:\b)(?:calls|call|called|dubs|dubbed|nicknames|nicknamed) ⟨([0-9]+)⟩ (?:[\x22“] )?⟨([0-9]+)⟩".to_string()),
        // "⟨a⟩, callsign ⟨b⟩", "⟨a⟩ (codename ⟨b⟩)".
        callsign_appos: r(r"⟨([0-9]+)⟩ (?:\( ⟨[0-9]+⟩ \) )?(?:, |\( )(?:callsign|call sign|call-sign|codename|code name|code-named|codenamed|alias|aka|a\.k\.a\.?) ⟨([0-9]+)⟩".to_string()),
        // "⟨a⟩ and ⟨b⟩ lead what is left of the ⟨G⟩": two subjects of a plural verb.
        member_verb_pair: r(format!(r"{M} and {M} (?:{adv})(?:lead|led|join|joined|rejoin|rejoined|head|headed|command|commanded|serve|served|work for|worked for) (?:an? |what is left of |what 's left of |the rest of |the remnants of )?{M}")),
        // "⟨a⟩, one of her most dependable ⟨G⟩": one of a group named after a possessive
        // and up to three adjectives.
        member_one_of_possessive: r(format!(r"{M} , (?:[a-z]+ ){{0,2}}?one of (?:his|her|their|its) (?:[a-z-]+ ){{0,3}}?{M}")),
        // "⟨a⟩ is the ⟨b⟩ 's sworn enemy", "⟨a⟩, ⟨b⟩ 's most unlikely ally",
        // "⟨a⟩, whom he now calls the ⟨b⟩ 's worst enemy".
        rel_possessive: r(format!(r"{M} (?:, (?:who|whom|which) (?:[a-z⟨⟩[0-9]']+ ){{0,5}}?|, |– |— |(?:{cop}|becomes|became|remains|remained) {adv}|(?:has |had )?(?:makes|made) (?:himself|herself|themselves|itself) )(?:an? |the )?(?:[a-z-]+ ){{0,2}}?{M} (?:'s|') (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ is an enemy of the ⟨b⟩".
        rel_of: r(format!(r"{M} (?:{cop}|becomes|became|remains) {adv}(?:an? |the )?(?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns}) (?:of|to) {M}")),
        // "⟨a⟩ and ⟨b⟩ are now enemies".
        rel_pair: r(format!(r"{M} and {M} (?:are|were|become|became|remain|remained|have been|had been|have become|had become) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ accepts ⟨b⟩ as an ally".
        rel_as: r(format!(r"{M} (?:[a-z]+ ){{1,2}}{M} as (?:an? |her |his |their )?(?:[a-z-]+ )?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "her partner and closest friend, a cartographer named ⟨b⟩".
        rel_pron_named: r(format!(r"(?-u:\b)(his|her|their) (?:[a-z-]+ ){{0,1}}(?-u:\b)({rel_nouns})(?-u:\b)(?: (?:and|,) (?:[a-z-]+ ){{0,2}}?(?:{rel_nouns}))?(?: , (?:an? |the )?(?:[a-z-]+ ){{0,2}}?(?:named|called))? ⟨([0-9]+)⟩")),
        // "⟨b⟩, her partner, ...".
        rel_appos_pron: r(format!(r"⟨([0-9]+)⟩ , (his|her) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "the two become fast allies".
        the_two: r(format!(r"(?-u:\b)(?:the two|both|the pair|the duo)(?: of them)? (?:are|were|become|became|remain|are now) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "⟨a⟩ kills ⟨b⟩", "⟨a⟩ supports ⟨b⟩".
        verb_rel: r(format!(r"{M} (?:, who )?(?:[a-z]+ (?:and |, ))?(?:{adv})(?:(?:has|had|have) (?:{adv}))?(?:[a-z]+ly )?(?-u:\b)({rel_verbs})(?-u:\b) (?:the )?⟨([0-9]+)⟩((?: (?:,|and|, and) (?:the )?⟨[0-9]+⟩)*)( 's)?")),
        // "Aubrey Fairweather, whom everyone calls Bunny", "X, known as Y": a nickname.
        nickname: r(r"⟨([0-9]+)⟩ (?:\( ⟨[0-9]+⟩ \) )?(?:, (?:[a-z'-]+ |⟨[0-9]+⟩ ){1,8}?)?, (?:(?:who|whom) (?:[a-z'-]+ |⟨[0-9]+⟩ ){0,6}?(?:calls|call|called|nicknamed|nickname)|known as|nicknamed|dubbed|also called) ⟨([0-9]+)⟩( 's)?".to_string()),
        // "⟨a⟩ fights a horde of imps alongside ⟨b⟩".
        alongside: r(format!(r"{M} (?:[a-z'-]+ ){{0,6}}?(?:alongside|together with|side by side with|teams up with|team up with|teamed up with|teaming up with|joins forces with|join forces with|joined forces with) {M}")),
        // "⟨a⟩ lets him finish the sentence, then kills ⟨b⟩": a second verb of the same
        // subject after "then" / "and then".
        verb_rel_then: r(format!(r"{M} (?:[a-z'-]+ |⟨[0-9]+⟩ |, ){{1,10}}?(?:, then|, and then|and then|, and) {adv}(?-u:\b)({rel_verbs})(?-u:\b) (?:the )?⟨([0-9]+)⟩( 's)?")),
        // "⟨a⟩ and ⟨b⟩ defeat ⟨c⟩": two subjects.
        verb_rel_pair: r(format!(r"{M} and {M} (?:{adv})(?:[a-z]+ly )?(?-u:\b)({rel_verbs})(?-u:\b) (?:the )?⟨([0-9]+)⟩( 's)?")),
        // "Mara Kest, now firmly on Sol's side".
        on_side: r(format!(r"{M} (?:, )?(?:[a-z]+ ){{0,3}}?on ⟨([0-9]+)⟩ 's side")),
        // "⟨b⟩ is killed by ⟨a⟩".
        passive_killed: r(format!(r"{M} (?:, [^,]+? , )?(?:is|was|gets|got|has been|had been) (?:[a-z]+ )?(?:killed|murdered|slain|assassinated|executed|shot dead|stabbed to death|beaten to death|poisoned) by {M}")),
        // "⟨a⟩ is responsible for murdering ⟨b⟩ and ⟨c⟩".
        responsible: r(format!(r"{M} (?:[a-z⟨⟩[0-9]' ]+ )?(?:is |was )?responsible for (?:murdering|killing|the murders? of|the deaths? of|the killing of) (?:the )?⟨([0-9]+)⟩((?: (?:,|and|, and) (?:the )?⟨[0-9]+⟩)*)")),
        // "⟨a⟩ works at the ⟨P⟩".
        works_at: r(format!(r"{M} (?:, (?:[a-z,'-]+ ){{0,6}}?who )?(?:{adv})(?:(?:has|had) (?:{adv}))?(?:works|worked|working|teaches|taught|teaching|is employed|was employed|tends bar|waits tables|(?:is |was )?(?:back )?at work) (?:[a-z]+ ){{0,3}}?(?:at|in|for|by) {M}")),
        // "the ⟨P⟩, the dockside tavern where ⟨a⟩ works".
        works_where: r(r"⟨([0-9]+)⟩ , (?:[a-z⟨⟩0-9-]+ ){0,6}?where ⟨([0-9]+)⟩ (?:[a-z]+ )?(?:works|worked|is working|pulls (?:a |her |his )?shifts?|tends bar|waits tables|serves drinks|pours drinks)".to_string()),
        // "the ⟨Eel⟩ 's keeper , ⟨Bastian⟩", "⟨Bastian⟩ , the ⟨Eel⟩ 's gruff keeper".
        job_possessive: r(format!(r"(?:{M} 's (?:[a-z-]+ )?(?:{jobs}) , ⟨([0-9]+)⟩|⟨([0-9]+)⟩ , (?:the )?⟨([0-9]+)⟩ 's (?:[a-z-]+ )?(?:{jobs})(?-u:\b))")),
        // "⟨a⟩ is a new worker at ⟨P⟩", "⟨a⟩, the keeper of the ⟨P⟩".
        job_at: r(format!(r"{M} (?:, |{cop} {adv})(?:an? |the |her |his )?(?:[a-z-]+ ){{0,2}}?(?:{jobs}) (?:at|of|in) {M}")),
        // "another male co-worker (⟨a⟩)", "a co-worker named ⟨a⟩".
        coworker: r(r"(?-u:\b)(?:co-worker|coworker|colleague|co-workers|colleagues) (?:\( |named |called )⟨([0-9]+)⟩".to_string()),
        // "confirms these two are androids".
        these_two: r(format!(r"(?-u:\b)(?:these|those|the) (?:two|three|both) (?:are|were) (?:[a-z-]+ )?(?:({kind_nouns})s?(?-u:\b)|⟨([0-9]+)⟩)")),
        // "⟨a⟩ is revealed as ⟨b⟩", "⟨a⟩ turns out to be ⟨b⟩", "⟨a⟩ unmasks as ⟨b⟩".
        reveal_passive: r(format!(r"{M} (?:, )?(?:is |was )?(?:revealed (?:as|to be)|turns out to be|turned out to be|unmasks as|unmasked as|is unmasked as|(?:reveals|revealed|unmasks|unmasked) (?:herself|himself|themselves|itself) (?:as|to be)) (?:none other than )?{M}")),
        // "⟨a⟩ (⟨b⟩)": in a review, an actor credit.
        played_by_paren: r(r"⟨([0-9]+)⟩ \( (?:voiced by |played by )?⟨([0-9]+)⟩ \)".to_string()),
        // "⟨a⟩ is played by ⟨b⟩", "⟨a⟩ , voiced by ⟨b⟩ ,": a credit in the passive.
        played_by_passive: r(r"⟨([0-9]+)⟩ (?:, |(?:is|was|'s|are|were|has been|had been|will be) (?:[a-z]+ )?)(?:played|voiced|portrayed|performed|brought to life)(?: [a-z,'-]+){0,6}? by ⟨([0-9]+)⟩".to_string()),
        // "⟨Mayumi Kagawa⟩ 's ⟨Velzareth⟩ is all menace": an actor's character (checked:
        // the owner is a real person, the other a character).
        actor_possessive: r(r"⟨([0-9]+)⟩ 's ⟨([0-9]+)⟩".to_string()),
        // "They call themselves the ⟨G⟩, and ⟨a⟩ is clearly their leader": the group is the
        // one named before in the sentence (checked in code).
        member_their: r(format!(r"⟨([0-9]+)⟩ (?:{cop}) {adv}(?:[a-z]+ )?(?:their|its) (?:[a-z-]+ )?(?:leader|member|head|founder|boss|captain|{member_nouns})(?-u:\b)")),
        // "⟨a⟩ is the grifter and her oldest friend": the possessive's owner is the other
        // side (resolved in the template).
        rel_pron_pred: r(format!(r"{M} (?:{cop}|becomes|became|remains|remained) {adv}(?:(?:an? |the )?(?:[a-z-]+ ){{0,3}}?(?:and|,) )?(his|her|their) (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)")),
        // "guns ⟨b⟩ down", "shot ⟨b⟩ dead": a killing with the victim inside the verb.
        kill_particle: r(format!(r"{M} (?:[a-z'-]+ |⟨[0-9]+⟩ |, ){{0,12}}?(?:and )?(?:guns|gunned|shoots|shot|cuts|cut) ⟨([0-9]+)⟩ (?:down|dead)(?-u:\b)")),
        // "a demon named ⟨a⟩", "a giant centipede yokai called ⟨a⟩": a being introduced
        // by its kind.
        kind_named: r(format!(r"(?-u:\b)(?:an?|another) (?:[a-z-]+ ){{0,3}}?({kind_nouns}) (?:named|called|known as) ⟨([0-9]+)⟩")),
        // "⟨a⟩ , a demon , ...", "⟨a⟩ , an android who ...": an apposition that gives the
        // kind, ended by punctuation or a relative pronoun (so "a demon hunter" is not one).
        kind_appos: r(format!(r"⟨([0-9]+)⟩ , (?:an?|another) (?:[a-z-]+ ){{0,2}}?({kind_nouns}) (?:,|\.|;|who|whom|that|with|from)(?: |$)")),
        // "⟨a⟩ , the ⟨P⟩ night clerk", "⟨a⟩ is a ⟨P⟩ barista": a job named after its place.
        job_modifier: r(format!(r"⟨([0-9]+)⟩ (?:, |(?:is|was|'s|has been|had been) (?:[a-z]+ )?)(?:the|an?|her|his|their) (?:[a-z-]+ )?⟨([0-9]+)⟩ (?:[a-z-]+ )?(?:{jobs})(?-u:\b)")),
        // "⟨b⟩, who voices ⟨a⟩", "⟨b⟩ voices ⟨a⟩".
        voices: r(format!(r"⟨([0-9]+)⟩ (?:, who )?(?:voices|plays|played|voiced|gives|lends) {M}")),
        // "⟨b⟩, the voice of ⟨a⟩", "⟨b⟩, the voice behind ⟨a⟩": a voice credit.
        voice_of: r(format!(r"⟨([0-9]+)⟩ , (?:the |who is the )?(?:[a-z-]+ )?(?:voice|voice actor|voice actress|actor|actress) (?:of|behind|playing) {M}")),
        // "⟨b⟩ gives ⟨a⟩ 's duel a cold fury", "⟨b⟩ makes ⟨a⟩ 's grief land": a review
        // crediting a performer with a character's scene (checked: ⟨b⟩ is a real person).
        credit_possessive: r(r"⟨([0-9]+)⟩ (?:gives|makes|brings|sells|lends|turns in|delivers|imbues|grounds) (?:[a-z]+ ){0,2}?⟨([0-9]+)⟩ 's".to_string()),
        // "⟨b⟩, the man ⟨a⟩ murdered": a killing told in a relative clause.
        killed_appos: r(format!(r"⟨([0-9]+)⟩ , (?:the|a) [a-z]+ (?:(?:whom|who|that) )?{M} (?:had |has )?(?:killed|murdered|slew|slain|assassinated|executed|shot dead|stabbed to death)(?-u:\b)")),
        // "⟨a⟩ 's partner, a cartographer named ⟨b⟩", "⟨a⟩ 's oldest friend, ⟨b⟩".
        rel_possessive_appos: r(format!(r"⟨([0-9]+)⟩ 's (?:[a-z-]+ ){{0,2}}?(?-u:\b)({rel_nouns})(?-u:\b)(?: and (?:[a-z-]+ ){{0,2}}?(?:{rel_nouns}))? , (?:(?:an? |the )?(?:[a-z-]+ ){{0,2}}?(?:named|called) )?⟨([0-9]+)⟩")),
        // "Kaito's voice actor, Yuki Tanaka".
        voice_actor: r(r"⟨([0-9]+)⟩ 's (?:[a-z-]+ )?(?:voice actor|voice actress|actor|actress|seiyuu|va|voice) ,? ⟨([0-9]+)⟩".to_string()),
        // "Kaito Mirae's final scenes as Pell".
        credit_as: r(r"⟨([0-9]+)⟩ (?:'s )?(?:[a-z,'-]+ ){0,5}?as ⟨([0-9]+)⟩".to_string()),
        hedge: r(format!(r"(?-u:\b)(?:{hedges})(?-u:\b)")),
        reveal_verb: r(format!(r"(?-u:\b)(?:{})(?-u:\b)", alternation(LEX.reveal_verbs.iter().map(String::as_str)))),
        plural_after_name: r(r"⟩ [a-z]+s(?-u:\b)".to_string()),
    }
});

/// Every keyword the gates below look for, found in one pass over the sentence.
const KEYWORDS: &[&str] = &[
    "then",
    " va ",
    "seiyuu",
    "⟩ 's ⟨",
    "actor",
    "actress",
    " 's ",
    " ( ",
    " a ",
    " an ",
    " and ",
    " are ",
    " as ",
    " be ",
    " bec",
    " been ",
    " by ",
    " is ",
    " of ",
    " side",
    " was ",
    " were ",
    " with ",
    "both",
    "called",
    "co-worker",
    "colleague",
    "command",
    "coworker",
    "duo",
    "employ",
    "gives",
    "head",
    "head of",
    "join",
    "lead",
    "lends",
    "loyal",
    "named",
    "one of",
    "pair",
    "part ",
    "play",
    "responsible",
    "reveal",
    "serve",
    "tends",
    "three",
    "turn",
    "two",
    "unmask",
    "voice",
    "waits",
    "where",
    "work",
    "⟩ is ",
    "⟩ 's ",
    "⟩ was ",
    "⟩ are ",
    "⟩ were ",
    "⟩ has been",
    "⟩ had been",
    "⟩ bec",
    "⟩ may be",
    "⟩ might be",
    "⟩ could be",
    "⟩ must be",
    "⟩ seems",
    "⟩ appears",
    "⟩ of ⟨",
    "⟩ of the ⟨",
    "first of",
    "last of",
    "rest of",
    "members",
    "⟩ , ",
    "alongside",
    "another",
    "call",
    "dubbed",
    "joins forces",
    "known as",
    "nickname",
    "side by",
    "teams up",
    "together",
    " at ",
    " in ",
    "brings",
    "delivers",
    "grounds",
    "imbues",
    "make",
    "sells",
    "turns in",
    "aka",
    "alias",
    "code",
    "fight",
    "flew for",
    "flies for",
    "flown for",
    "flying for",
    "fought for",
    "spied for",
    "spies for",
    "spying for",
    "found",
    "keeps",
    "kept",
    "manage",
    "own",
    "ran",
    "run",
    "that",
    "which",
    " war ",
    "alliance",
    "allies",
    "forces",
    "pact",
    "partnership",
    "team",
    "truce",
    " for ",
];

/// The index of `w` in [`KEYWORDS`], at compile time.
const fn keyword_index(w: &str) -> Option<usize> {
    let w = w.as_bytes();
    let mut i = 0;
    while i < KEYWORDS.len() && i < 128 {
        let k = KEYWORDS[i].as_bytes();
        if k.len() == w.len() {
            let mut j = 0;
            while j < k.len() && k[j] == w[j] {
                j += 1;
            }
            if j == k.len() {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// The bits of the keywords that put a name right before a copula.
const NAME_COPULA: u128 = {
    let words = [
        "⟩ is ",
        "⟩ 's ",
        "⟩ was ",
        "⟩ are ",
        "⟩ were ",
        "⟩ has been",
        "⟩ had been",
        "⟩ bec",
        "⟩ may be",
        "⟩ might be",
        "⟩ could be",
        "⟩ must be",
        "⟩ seems",
        "⟩ appears",
    ];
    let mut bits = 0u128;
    let mut i = 0;
    while i < words.len() {
        match keyword_index(words[i]) {
            Some(k) => bits |= 1u128 << k,
            None => panic!("a copula keyword is missing from KEYWORDS"),
        }
        i += 1;
    }
    bits
};

/// The possessive-or-copula keyword "⟩ 's ": most often a possessive ("⟨Rouge⟩ 's form").
const NAME_POSSESSIVE: u128 = match keyword_index("⟩ 's ") {
    Some(k) => 1u128 << k,
    None => panic!("the possessive keyword is missing from KEYWORDS"),
};

/// Classes of lexicon words the gates ask about, found together in one pass instead of one
/// regular expression each. A class bit is set when a word of the class occurs with the
/// same word boundaries the patterns require (ASCII `\b`, as `(?-u:\b)`).
mod class {
    pub const REL_NOUN: u8 = 1;
    pub const REL_VERB: u8 = 2;
    pub const JOB: u8 = 4;
    pub const MEMBER: u8 = 8;
    /// Needs only a word boundary before it ("android" in "androids").
    pub const KIND: u8 = 16;
    /// A plural workplace noun after a space, anywhere ("two ⟨P⟩ workers").
    pub const PLURAL_JOB: u8 = 32;
}

/// A pattern's keyword bit, then its word classes needing boundaries on both sides, on
/// the left only, and none.
type PatternBits = (u128, u8, u8, u8);

/// One automaton for the gates: the [`KEYWORDS`] and the word classes together, so a
/// sentence is scanned once.
struct WordClasses {
    ac: aho_corasick::AhoCorasick,
    /// Per pattern: its keyword bit (0 when it is not a keyword), then the classes needing
    /// boundaries on both sides, on the left only, and none.
    bits: Vec<PatternBits>,
    /// The plural workplace nouns, each with a leading space, in list order.
    plural_jobs: Vec<(String, String)>,
}

static WORD_CLASSES: LazyLock<WordClasses> = LazyLock::new(|| {
    let mut map: HashMap<String, PatternBits> = HashMap::default();
    for (i, k) in KEYWORDS.iter().enumerate().take(128) {
        map.entry(k.to_string()).or_insert((0, 0, 0, 0)).0 |= 1u128 << i;
    }
    let mut add = |w: &str, both: u8, left: u8, raw: u8| {
        let e = map.entry(w.to_string()).or_insert((0, 0, 0, 0));
        e.1 |= both;
        e.2 |= left;
        e.3 |= raw;
    };
    for w in LISTS.relation_nouns.keys() {
        add(w, class::REL_NOUN, 0, 0);
    }
    for (w, _) in &LISTS.relation_verbs {
        add(w, class::REL_VERB, 0, 0);
    }
    for w in &LISTS.workplace_nouns {
        add(w, class::JOB, 0, 0);
    }
    for w in [
        "member", "members", "leader", "head", "captain", "founder", "boss",
    ]
    .into_iter()
    .chain(LEX.member_nouns.iter().map(String::as_str))
    {
        add(w, class::MEMBER, 0, 0);
    }
    for w in &LEX.kind_nouns {
        add(w, 0, class::KIND, 0);
    }
    let plural_jobs: Vec<(String, String)> = LISTS
        .workplace_nouns
        .iter()
        .filter(|w| w.ends_with('s'))
        .map(|w| (w.clone(), format!(" {w}")))
        .collect();
    for (_, sw) in &plural_jobs {
        add(sw, 0, 0, class::PLURAL_JOB);
    }
    map.remove("");
    let (words, bits): (Vec<String>, Vec<PatternBits>) = map.into_iter().unzip();
    // A full DFA: the set is small, and overlapping search is fastest on it.
    let ac = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&words)
        .unwrap_or_else(|e| panic!("static keywords: {e}"));
    WordClasses {
        ac,
        bits,
        plural_jobs,
    }
});

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An ASCII word boundary at byte `i` of `t`, as `(?-u:\b)` defines it.
fn boundary(t: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word_byte(t[i - 1]);
    let after = i < t.len() && is_word_byte(t[i]);
    before != after
}

/// What one scan of a template finds: which of [`KEYWORDS`] occur (a bit set: the list
/// stays under 128 entries), which word classes, and where the first name-before-copula
/// keyword other than "⟩ 's " starts.
#[derive(Clone, Copy)]
struct Found {
    keywords: u128,
    classes: u8,
    first_copula: Option<usize>,
}

fn keywords_in(t: &str) -> Found {
    let wc = &*WORD_CLASSES;
    let b = t.as_bytes();
    let mut found = 0u128;
    let mut out = 0u8;
    let mut first_copula = None;
    for m in wc.ac.find_overlapping_iter(t) {
        let Some(&(kw, both, left, raw)) = wc.bits.get(m.pattern().as_usize()) else {
            continue;
        };
        if kw & NAME_COPULA & !NAME_POSSESSIVE != 0 && first_copula.is_none() {
            first_copula = Some(m.start());
        }
        found |= kw;
        out |= raw;
        if (both | left) & !out == 0 {
            continue;
        }
        if boundary(b, m.start()) {
            out |= left;
            if boundary(b, m.end()) {
                out |= both;
            }
        }
    }
    Found {
        keywords: found,
        classes: out,
        first_copula,
    }
}

/// The rewritten sentence plus where each possessive pronoun points.
#[derive(Default)]
struct Template {
    text: String,
    /// Byte offset in `text` of a possessive pronoun → the mention it refers to.
    possessives: HashMap<usize, usize>,
    /// "the ⟨Choir⟩ 's captain" written as the titled character: (possessor, character,
    /// byte offset in `text` where the character's placeholder ends). The possessor is
    /// dropped from the text, but a group that owns a title holds its bearer as a member.
    titled_by: Vec<(usize, usize, usize)>,
}

/// The matches of `re` in `t`, or none without searching when the gate `cond` is false
/// (not even the captures are allocated).
///
/// The iterator is boxed: the regex crate's is 160 bytes, and most gates are false, so
/// building and moving an empty one at each of the forty call sites cost more than the
/// searches (an empty box holds a zero-sized value and allocates nothing).
/// Whether `t` holds any of `words`: the literal a pattern cannot match without, checked
/// before the pattern runs. A pattern's first search in an article finds its automaton out
/// of the processor's cache and costs about a microsecond; these plain searches cost a
/// tenth of that.
fn contains_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.contains(w))
}

/// Whether one of `verbs` comes right before a name ("voices ⟨", "voices the ⟨").
fn verb_then_name(t: &str, verbs: &[&str]) -> bool {
    verbs.iter().any(|v| {
        t.match_indices(v).any(|(i, _)| {
            let after = &t[i + v.len()..];
            after.starts_with(" ⟨") || after.starts_with(" the ⟨")
        })
    })
}

fn gated<'r, 't>(
    re: &'r Regex,
    t: &'t str,
    cond: bool,
) -> Box<dyn Iterator<Item = regex::Captures<'t>> + 'r>
where
    't: 'r,
{
    if cond {
        Box::new(re.captures_iter(t))
    } else {
        Box::new(std::iter::empty())
    }
}

fn num(c: &regex::Captures, i: usize) -> Option<usize> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// The mention indices in a text like " , ⟨3⟩ and ⟨4⟩", in order, without collecting.
fn mention_iter(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut rest = s;
    std::iter::from_fn(move || loop {
        let a = rest.find('⟨')?;
        let after = &rest[a + '⟨'.len_utf8()..];
        let b = after.find('⟩')?;
        rest = &after[b..];
        if let Ok(n) = after[..b].parse() {
            return Some(n);
        }
    })
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
        self.mention_cluster
            .get(mi)
            .and_then(|&c| self.clusters.get(c))
    }
    fn kind(&self, mi: usize) -> Option<Kind> {
        self.cluster(mi).map(|c| c.kind)
    }
    fn is_agent(&self, mi: usize) -> bool {
        matches!(
            self.kind(mi),
            Some(Kind::Character | Kind::Kind | Kind::Group)
        )
    }
    /// A character, or a name nothing is known about (so it may be one).
    fn may_be_character(&self, mi: usize) -> bool {
        self.is_character(mi) || self.cluster(mi).is_some_and(|c| c.weak_kind)
    }
    fn is_character(&self, mi: usize) -> bool {
        matches!(self.kind(mi), Some(Kind::Character))
    }
    fn same(&self, a: usize, b: usize) -> bool {
        self.mention_cluster.get(a).is_some()
            && self.mention_cluster.get(a) == self.mention_cluster.get(b)
    }
}

/// Finds the facts of the whole document.
pub fn find(doc: &Doc, names: &Names) -> Vec<RawFact> {
    match_templates(&templates(doc, names), names)
}

/// Every sentence of a document rewritten for the patterns ([`templates`]), with the
/// pronoun history as it stood after each.
pub struct Templates {
    sentences: Vec<(Template, usize, Option<Found>)>,
    history: Vec<(usize, usize)>,
}

/// The first half of [`find`]: each sentence's template and keywords. Split from the
/// second half so that a batch of articles can run each half over all of them in turn
/// (the halves use different automata).
pub fn templates(doc: &Doc, names: &Names) -> Templates {
    // Token → the mention that starts there (u32::MAX for none): a flat table is faster
    // than a map for the per-token lookup below.
    let mut by_first: Vec<u32> = vec![u32::MAX; doc.tokens.len()];
    for (mi, m) in names.mentions.iter().enumerate() {
        if let Some(slot) = by_first.get_mut(m.first_tok) {
            *slot = mi as u32;
        }
    }
    // Recent character mentions for pronouns: (sentence, mention).
    let mut history: Vec<(usize, usize)> = Vec::new();
    let titles = title_words(doc, names);
    // Two passes: every template first, then the patterns over them, sentence by sentence
    // in the same order. Between two sentences' searches nothing else then runs, so the
    // patterns' automata stay in the processor's cache (measured: a search after other
    // work has evicted them costs three to four times as much).
    // The pronoun history is kept whole, and each sentence sees it as it stood then
    // (every reader of it looks at its last twelve entries only).
    // The keyword scan runs in the first pass too, for the same reason: its automaton is
    // large.
    let mut templates: Vec<(Template, usize, Option<Found>)> = Vec::with_capacity(doc.sents.len());
    for (si, s) in doc.sents.iter().enumerate() {
        // A sentence that names no one, says no "he" or "she" and no title word has no
        // placeholder in its template, so no fact: its template is not built.
        let can_name = s.toks.clone().any(|k| {
            by_first.get(k).is_some_and(|&m| m != u32::MAX)
                || matches!(doc.lower(k), "he" | "him" | "she" | "her")
                || (!titles.is_empty() && titles.contains_key(doc.lower(k)))
        });
        // "The two women team up": a pair named in earlier sentences, with no name here,
        // and a word of alliance or enmity after it (what the pair patterns need).
        let pair = !can_name && {
            let mut toks = s.toks.clone();
            toks.any(|k| matches!(doc.lower(k), "two" | "both" | "pair" | "duo"))
                && toks.any(|k| {
                    let w = doc.lower(k);
                    matches!(w, "team" | "teams" | "teamed" | "forces" | "together")
                        || LISTS.relation_nouns.contains_key(w)
                })
        };
        if !can_name && !pair && !*SHOW_TEMPLATES {
            templates.push((Template::default(), history.len(), None));
            continue;
        }
        let t = template(
            doc,
            names,
            &by_first,
            &titles,
            s.toks.clone(),
            si,
            &mut history,
        );
        // Only a sentence with a name, or about a pair named before, can hold a fact.
        let found = (pair || t.text.contains('⟨')).then(|| keywords_in(&t.text));
        templates.push((t, history.len(), found));
    }
    Templates {
        sentences: templates,
        history,
    }
}

/// The second half of [`find`]: the patterns over each template, sentence by sentence.
pub fn match_templates(templates: &Templates, names: &Names) -> Vec<RawFact> {
    let mut facts = Vec::new();
    let history = &templates.history;
    // The last workplace named as "⟨P⟩ workers" or "worker at ⟨P⟩", for "co-worker".
    let mut last_workplace: Option<(usize, usize)> = None;
    for (si, (t, seen, found)) in templates.sentences.iter().enumerate() {
        let history = history.get(..*seen).unwrap_or(history);
        sentence_facts(
            t,
            *found,
            si,
            names,
            &mut facts,
            history,
            &mut last_workplace,
        );
    }
    facts
}

fn gender_of(names: &Names, mi: usize) -> Option<Gender> {
    names.cluster(mi).and_then(|c| c.gender)
}

/// The character a pronoun stands for: the nearest fitting one named before it, at most two
/// sentences back. (Preferring the previous sentence's subject was tried: it mends
/// "Kieran leads the Owls at Mayfield's. Everybody calls him Kez." but breaks the
/// reference article's "Rouge updates Naomi with intel surrounding Sara. She wonders if
/// she's Purgatory Viola.", whose second "she" is the topic, Sara.)
fn resolve(names: &Names, history: &[(usize, usize)], si: usize, want: Gender) -> Option<usize> {
    resolve_except(names, history, si, want, None)
}

/// [`resolve`], never to a character who is the same as `except` (the subject of the
/// pronoun's own clause, for an object pronoun: "Sol accepts her" is not Sol).
fn resolve_except(
    names: &Names,
    history: &[(usize, usize)],
    si: usize,
    want: Gender,
    except: Option<usize>,
) -> Option<usize> {
    history
        .iter()
        .rev()
        .take(12)
        .take_while(|(s, _)| si.saturating_sub(*s) <= 2)
        .filter(|(_, mi)| except.is_none_or(|cs| !names.same(cs, *mi)))
        .find(|(_, mi)| gender_of(names, *mi).is_none_or(|g| g == want))
        .map(|&(_, mi)| mi)
}

/// Lower-case title words that stand for one character: "the harbourmaster" when only
/// "Harbourmaster Vane" carries that title and the article also writes it in lower case.
/// Maps the word to a mention of that character.
fn title_words(doc: &Doc, names: &Names) -> HashMap<String, usize> {
    let mut by_word: HashMap<String, Option<usize>> = HashMap::default();
    for (ci, c) in names.clusters.iter().enumerate() {
        if c.kind != Kind::Character {
            continue;
        }
        for a in c.aliases.iter().chain(std::iter::once(&c.canonical)) {
            let Some((first, _)) = a.split_once(' ') else {
                continue;
            };
            let w = first.trim_end_matches('.').to_lowercase();
            if !doc.lower_vocab.contains(w.as_str()) || w.len() < 4 {
                continue;
            }
            by_word
                .entry(w)
                .and_modify(|e| {
                    if *e != Some(ci) {
                        *e = None;
                    }
                })
                .or_insert(Some(ci));
        }
    }
    by_word
        .into_iter()
        .filter_map(|(w, c)| {
            let c = c?;
            let mi = names.clusters.get(c)?.first_mention;
            Some((w, mi))
        })
        .collect()
}

fn template(
    doc: &Doc,
    names: &Names,
    by_first: &[u32],
    titles: &HashMap<String, usize>,
    toks: std::ops::Range<usize>,
    si: usize,
    history: &mut Vec<(usize, usize)>,
) -> Template {
    // Room for the sentence and a few placeholders, so the text rarely grows.
    let bytes = match (
        doc.tokens.get(toks.start),
        toks.end.checked_sub(1).and_then(|e| doc.tokens.get(e)),
    ) {
        (Some(a), Some(b)) if b.end >= a.start => b.end - a.start,
        _ => 0,
    };
    let mut text = String::with_capacity(bytes + bytes / 4 + 16);
    let mut possessives = HashMap::default();
    let mut titled_by = Vec::new();
    let mut k = toks.start;
    while k < toks.end {
        // Quotation marks carry no relation: "“Dorothy Kemp” was Celeste all along" reads
        // as "⟨Dorothy Kemp⟩ was ⟨Celeste⟩".
        if doc.kind(k) == Some(TokKind::Punct)
            && matches!(doc.tok(k), "\"" | "“" | "”" | "‘" | "«" | "»")
        {
            k += 1;
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        if let Some(mi) = by_first
            .get(k)
            .copied()
            .filter(|&m| m != u32::MAX)
            .map(|m| m as usize)
        {
            push_placeholder(&mut text, mi);
            if names.is_character(mi) {
                history.push((si, mi));
            }
            let end = names
                .mentions
                .get(mi)
                .map_or(k + 1, |m| m.toks.end.max(k + 1));
            k = end;
            continue;
        }
        let w = doc.tok(k);
        let lw: std::borrow::Cow<str> = if w.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b == b'\''
                || b == b'-'
                || b.is_ascii_digit()
                || !b.is_ascii_alphabetic() && b < 128
        }) {
            std::borrow::Cow::Borrowed(w)
        } else if !w.contains('’') {
            // The document's lower-case copy.
            std::borrow::Cow::Borrowed(doc.lower(k))
        } else {
            std::borrow::Cow::Owned(w.to_lowercase().replace('’', "'"))
        };
        let lw = lw.as_ref();
        // The input's own angle brackets must never look like a placeholder.
        let lw = match lw {
            "⟨" => "<",
            "⟩" => ">",
            other => other,
        };
        // "the harbourmaster" / "Saltmere's harbourmaster" for the one titled character.
        // Title words are four bytes or more: shorter words skip the hash.
        if let Some(&tm) = (lw.len() >= 4 && !titles.is_empty())
            .then(|| titles.get(lw))
            .flatten()
        {
            let next_is_name = k + 1 < toks.end
                && doc
                    .tok(k + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            let after_the = text.ends_with("the ") || text.ends_with("'s ");
            if after_the && !next_is_name {
                if text.ends_with("'s ") {
                    // Drop the possessor: "⟨Saltmere⟩ 's harbourmaster" is the harbourmaster.
                    let cut = text.trim_end_matches("'s ").trim_end();
                    let keep = if cut.ends_with('⟩') {
                        cut.rfind('⟨').unwrap_or(cut.len())
                    } else {
                        cut.len()
                    };
                    let possessor = mention_iter(&text[keep..]).next();
                    text.truncate(keep);
                    if let Some(owner) = possessor {
                        push_placeholder(&mut text, tm);
                        titled_by.push((owner, tm, text.len()));
                        if names.is_character(tm) {
                            history.push((si, tm));
                        }
                        k += 1;
                        continue;
                    }
                } else {
                    text.truncate(text.len() - "the ".len());
                }
                push_placeholder(&mut text, tm);
                if names.is_character(tm) {
                    history.push((si, tm));
                }
                k += 1;
                continue;
            }
        }
        let pron = match lw {
            "he" | "him" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            // "her" is an object pronoun when no noun follows it.
            "her" => {
                let next = doc.tok(k + 1);
                let object = k + 1 >= toks.end
                    || doc.kind(k + 1) != Some(TokKind::Word)
                    || matches!(
                        next,
                        "and"
                            | "to"
                            | "from"
                            | "with"
                            | "at"
                            | "in"
                            | "on"
                            | "about"
                            | "as"
                            | "for"
                            | "that"
                            | "if"
                            | "into"
                            | "across"
                            | "out"
                            | "up"
                            | "off"
                            | "down"
                            | "away"
                            | "back"
                    );
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
        let object_pronoun = matches!(lw, "him" | "her");
        let clause_subject = if object_pronoun && pron.is_some() {
            clause_first_character(&text, names)
        } else {
            None
        };
        let resolved = pron.and_then(|g| resolve_except(names, history, si, g, clause_subject));
        match resolved {
            Some(a) => push_placeholder(&mut text, a),
            None => match doc.kind(k) {
                Some(TokKind::Clitic) => text.push_str("'s"),
                _ => text.push_str(lw),
            },
        }
        k += 1;
    }
    Template {
        text,
        possessives,
        titled_by,
    }
}

/// True when the word before byte `start` of the template is a preposition.
fn after_preposition(t: &str, start: usize) -> bool {
    let mut cut = start.min(t.len());
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = t[..cut].trim_end();
    let word = before.rsplit(' ').next().unwrap_or("");
    LEX.place_prepositions.contains(word)
        || matches!(
            word,
            "beside" | "with" | "of" | "for" | "by" | "about" | "behind" | "than" | "like"
        )
}

fn push_placeholder(text: &mut String, mi: usize) {
    use std::fmt::Write;
    text.push('⟨');
    let _ = write!(text, "{mi}");
    text.push('⟩');
}

/// The first character named in the clause being written (after the last ", and", "and",
/// "but", ";" or ":" of the template so far).
fn clause_first_character(text: &str, names: &Names) -> Option<usize> {
    let window = tail(text, WINDOW);
    // The last word that opens a clause, with a space on either side; one pass over the
    // words (a search per boundary word cost more than the rest of the template).
    let mut start = 0;
    let mut at = 0;
    for w in window.split(' ') {
        let end = at + w.len();
        let boundary = matches!(
            w,
            "and"
                | "but"
                | ";"
                | ":"
                | "while"
                | "as"
                | "when"
                | "because"
                | "since"
                | "although"
                | "though"
                | "until"
                | "unless"
                | "after"
                | "before"
        );
        if boundary && at > 0 && end < window.len() {
            start = at - 1;
        }
        at = end + 1;
    }
    mention_iter(window.get(start..).unwrap_or(window)).find(|&m| names.is_character(m))
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

fn push(
    facts: &mut Vec<RawFact>,
    names: &Names,
    s: usize,
    rel: Relation,
    o: Object,
    cert: Certainty,
    si: usize,
) {
    if let Object::Mention(om) = o {
        if names.same(s, om) && rel != Relation::SameAs {
            return;
        }
        if s == om {
            return;
        }
    }
    facts.push(RawFact {
        subject: s,
        relation: rel,
        object: o,
        certainty: cert,
        sent: si,
        merge_only: false,
    });
}

/// Whether some "⟩ <copula> " in `t` is followed, up to the next name, only by words the
/// identity pattern allows there (the words of [`ADVERBS`] and [`IDENTITY_PHRASES`], and
/// "the"). A cheap test that every match of the identity pattern passes, so sentences like
/// "⟨a⟩ is angry at ⟨b⟩" skip the pattern.
fn copula_reaches_name(t: &str) -> bool {
    let allowed = |w: &str| {
        w == "the"
            || ADVERBS
                .iter()
                .chain(IDENTITY_PHRASES)
                .any(|a| a.split(' ').any(|x| x == w))
    };
    // " <copula> " right after the name: how many bytes it takes.
    let copula_len = |after: &str| -> Option<usize> {
        COPULAS.iter().find_map(|c| {
            let rest = after.strip_prefix(' ')?.strip_prefix(*c)?;
            rest.starts_with(' ').then(|| c.len() + 2)
        })
    };
    let mut from = 0;
    while let Some(i) = t.get(from..).and_then(|r| r.find('⟩')).map(|i| i + from) {
        let after = &t[i + '⟩'.len_utf8()..];
        from = i + '⟩'.len_utf8();
        let Some(skip) = copula_len(after) else {
            continue;
        };
        let rest = &after[skip..];
        let Some(next) = rest.find('⟨') else {
            continue;
        };
        if rest[..next].split_whitespace().all(allowed) {
            return true;
        }
    }
    false
}

/// Nouns that name a bond with a group or place other than belonging to it: "the
/// Choir's latest victim", "the Halloran's oldest guest", "the Front's sworn enemy".
fn not_a_bond(noun: &str) -> bool {
    LISTS.relation_nouns.contains_key(noun)
        || LEX.person_nouns.contains_key(noun)
        || matches!(
            noun,
            "victim"
                | "victims"
                | "target"
                | "targets"
                | "prisoner"
                | "prisoners"
                | "captive"
                | "hostage"
                | "guest"
                | "guests"
                | "patron"
                | "customer"
                | "regular"
                | "visitor"
                | "resident"
                | "tenant"
                | "patient"
                | "fan"
                | "fans"
                | "quarry"
                | "prey"
                | "problem"
                | "favourite"
                | "favorite"
        )
}

/// The two most recent distinct characters among the last twelve in `history`, named at
/// most `within` sentences before sentence `si`: whom "the two" means. In sentence `si`
/// itself only names in `before` (the template up to "the two") count: "the two of them
/// team up before Maro can come back" does not mean Maro. Both look-backs are bounded
/// (the last [`WINDOW`] bytes of `before`, the last 64 entries of `history`), so a huge
/// sentence repeating "the two" stays linear.
fn last_two_characters(
    names: &Names,
    history: &[(usize, usize)],
    si: usize,
    within: usize,
    before: &str,
) -> Option<(usize, usize)> {
    let named_before: Vec<usize> = mention_iter(tail(before, WINDOW)).collect();
    let mut two: Vec<usize> = Vec::new();
    for &(_, m) in history
        .iter()
        .rev()
        .take_while(|(s, _)| si.saturating_sub(*s) <= within)
        .take(64)
        .filter(|&&(s, m)| s != si || named_before.contains(&m))
        .take(12)
    {
        if !two.iter().any(|&x| names.same(x, m)) {
            two.push(m);
        }
        if let [a, b] = two[..] {
            return Some((a, b));
        }
    }
    None
}

/// Records that two names are one character by a nickname or callsign, not a reveal.
fn push_alias(facts: &mut Vec<RawFact>, names: &Names, a: usize, b: usize, si: usize) {
    if a == b || names.same(a, b) {
        return;
    }
    facts.push(RawFact {
        subject: a,
        relation: Relation::SameAs,
        object: Object::Mention(b),
        certainty: Certainty::Confirmed,
        sent: si,
        merge_only: true,
    });
}

fn sentence_facts(
    tp: &Template,
    found: Option<Found>,
    si: usize,
    names: &Names,
    facts: &mut Vec<RawFact>,
    history: &[(usize, usize)],
    last_workplace: &mut Option<(usize, usize)>,
) {
    let t = tp.text.as_str();
    if *SHOW_TEMPLATES {
        eprintln!("{t}");
    }
    // `found` is `None` for a sentence without names.
    let Some(found) = found else {
        return;
    };
    let p = &*PAT;
    // Gates: most patterns need two names, or a keyword; checking those first keeps the
    // regular expressions off sentences they cannot match.
    // Two names at least (the count stops at two).
    let two = t.match_indices('⟨').nth(1).is_some();
    let Found {
        keywords: found,
        classes,
        first_copula,
    } = found;
    // A keyword missing from the list falls back to a plain search, so a new gate can
    // never silently fail.
    // `has!("w")` finds the keyword's index at compile time.
    macro_rules! has {
        ($w:literal) => {
            match const { keyword_index($w) } {
                Some(i) => found & (1u128 << i) != 0,
                None => t.contains($w),
            }
        };
    }
    // A name right before a copula: what identity and kind patterns start with.
    let name_copula = found & NAME_COPULA != 0;
    let any_rel = classes & class::REL_NOUN != 0;
    let rel_noun = two && any_rel;
    let rel_verb = two && classes & class::REL_VERB != 0;
    // Two names joined by "and" ("⟨a⟩ and ⟨b⟩ lead ..."): what the two-subject patterns
    // start with.
    let pair = two && has!(" and ") && (t.contains("⟩ and ⟨") || t.contains("⟩ and the ⟨"));
    let kind = |mi: usize| names.kind(mi);
    let is_group = |mi: usize| matches!(kind(mi), Some(Kind::Group | Kind::Org));
    let is_place = |mi: usize| matches!(kind(mi), Some(Kind::Place | Kind::Org));
    // The kinds of names in the sentence: patterns whose facts need a group (membership)
    // or a place (work) are skipped when the sentence names none, since the checks in
    // `member` and `works` would drop whatever they matched.
    // Likewise relations need two agents (a killer may be a thing), and an identity two
    // names that may be people.
    let (mut has_group, mut has_place) = (false, false);
    let (mut agents, mut people, mut things) = (0usize, 0usize, 0usize);
    if two {
        for m in mention_iter(t) {
            has_group |= is_group(m);
            has_place |= is_place(m);
            if names.is_agent(m) {
                agents += 1;
            }
            if names.is_agent(m) || names.may_be_character(m) {
                people += 1;
            }
            if kind(m) == Some(Kind::Thing) {
                things += 1;
            }
        }
    }
    let two_agents = agents >= 2 || (agents >= 1 && things >= 1);
    let rel_noun = rel_noun && two_agents;
    let rel_verb = rel_verb && two_agents;
    let pair = pair && (two_agents || has_group);

    // Identity: "⟨a⟩ is ⟨b⟩", "⟨a⟩ is revealed as ⟨b⟩". The second name comes after the
    // copula, so a sentence whose last name comes before its first copula is skipped; and
    // "⟨a⟩ 's ⟨b⟩" counts only after a verb of revealing (checked below), so a sentence
    // whose only copula is "'s" needs one.
    let last_name = t.rfind('⟨');
    let copula_then_name = first_copula.is_some_and(|c| last_name.is_some_and(|l| l > c));
    let identity_gate = two
        && people >= 2
        && name_copula
        && (copula_then_name || found & NAME_POSSESSIVE != 0 && p.reveal_verb.is_match(t))
        && copula_reaches_name(t);
    for c in gated(&p.copula, t, identity_gate) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if c.get(3).is_some() {
            continue; // "⟨a⟩ is ⟨b⟩ 's partner": a possessive, not an identity.
        }
        // "Standing beside him is Lord Corvane": a name after a preposition is not the
        // subject of the copula.
        if after_preposition(t, c.get(0).map_or(0, |m| m.start())) {
            continue;
        }
        // "⟨a⟩ 's ⟨b⟩" is an identity ("she's Viola Keane") only after a verb of revealing
        // ("confirms", "realizes", "wonders if"); otherwise it is a possessive
        // ("Rouge's Gladiator form").
        let whole = c.get(0).map_or("", |m| m.as_str());
        if whole.contains("⟩ 's ") {
            let start = c.get(0).map_or(0, |m| m.start());
            let mut cut = start;
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            if !p.reveal_verb.is_match(tail(&t[..cut], 120)) {
                continue;
            }
        }
        // "The other Owls are Agnieszka Wolny": a plural copula lists members, it does
        // not make two names one.
        let plural = whole.contains("⟩ are ") || whole.contains("⟩ were ");
        if plural {
            let end = c.get(0).map_or(0, |m| m.end());
            if matches!(kind(a), Some(Kind::Group | Kind::Kind)) && names.is_character(b) {
                push(
                    facts,
                    names,
                    b,
                    Relation::MemberOf,
                    Object::Mention(a),
                    certainty(t, end),
                    si,
                );
            }
            continue;
        }
        let both_people = (names.is_agent(a) || names.may_be_character(a))
            && (names.is_agent(b) || names.may_be_character(b))
            && (names.is_agent(a) || names.is_agent(b))
            && !is_group(a)
            && !is_group(b);
        if both_people && !names.same(a, b) {
            let end = c.get(0).map_or(0, |m| m.end());
            push(
                facts,
                names,
                a,
                Relation::SameAs,
                Object::Mention(b),
                certainty(t, end),
                si,
            );
        }
    }
    for c in gated(
        &p.nickname,
        t,
        two && (has!("call") || has!("known as") || has!("nickname") || has!("dubbed"))
            && contains_any(
                t,
                &[
                    "call ⟨",
                    "calls ⟨",
                    "called ⟨",
                    "nickname ⟨",
                    "nicknamed ⟨",
                    "known as ⟨",
                    "dubbed ⟨",
                ],
            ),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if c.get(3).is_none() && names.may_be_character(a) && names.may_be_character(b) {
            push_alias(facts, names, a, b, si);
        }
    }
    // "everyone calls him Teddy" (the pronoun already resolved): "calls ⟨a⟩ ⟨b⟩".
    for c in gated(
        &p.calls_name,
        t,
        two && (has!("call") || has!("dubbed"))
            && verb_then_name(
                t,
                &[
                    "calls",
                    "call",
                    "called",
                    "dubs",
                    "dubbed",
                    "nicknames",
                    "nicknamed",
                ],
            ),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if names.may_be_character(a) && names.may_be_character(b) {
            push_alias(facts, names, a, b, si);
        }
    }
    // "Haruka Sendou, callsign Wren", "Rei (codename Shrike)".
    for c in gated(
        &p.callsign_appos,
        t,
        two && (has!("call") || has!("code") || has!("alias") || has!("aka"))
            && contains_any(
                t,
                &[
                    "callsign ⟨",
                    "call sign ⟨",
                    "call-sign ⟨",
                    "codename ⟨",
                    "code name ⟨",
                    "code-named ⟨",
                    "codenamed ⟨",
                    "alias ⟨",
                    "aka ⟨",
                    "a.k.a ⟨",
                    "a.k.a. ⟨",
                ],
            ),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if names.may_be_character(a) && names.may_be_character(b) {
            push_alias(facts, names, a, b, si);
        }
    }
    for c in gated(
        &p.reveal_passive,
        t,
        two && (has!("reveal") || has!("turn") || has!("unmask"))
            && contains_any(
                t,
                &[
                    "revealed as",
                    "revealed to be",
                    " out to be ",
                    "unmasks as",
                    "unmasked as",
                    "self as ",
                    "self to be ",
                    "selves as ",
                    "selves to be ",
                ],
            ),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        // A reveal verb says the two are one: one of them must be someone, the other may
        // be a name the text has not yet shown to act ("the Magpie").
        let person = |m: usize| names.is_agent(m) || names.may_be_character(m);
        if person(a) && person(b) && (names.is_agent(a) || names.is_agent(b)) {
            let end = c.get(0).map_or(0, |m| m.end());
            push(
                facts,
                names,
                a,
                Relation::SameAs,
                Object::Mention(b),
                certainty(t, end),
                si,
            );
        }
    }
    // Kinds: "⟨a⟩ is a ⟨Nean⟩", "⟨a⟩ is an android".
    for c in gated(
        &p.is_a,
        t,
        name_copula
            && (has!(" a ")
                || has!(" an ")
                || has!("part ")
                || has!("one of")
                || classes & class::KIND != 0)
            // What follows the copula is a kind word or a name.
            && (classes & class::KIND != 0 || {
                let possessive = if found & NAME_POSSESSIVE != 0 {
                    t.find("⟩ 's ")
                } else {
                    None
                };
                let first = match (first_copula, possessive) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                first.is_some_and(|c| last_name.is_some_and(|l| l > c))
            }),
    ) {
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
            let with_article =
                whole.contains(" a ⟨") || whole.contains(" an ⟨") || whole.contains(" part ⟨");
            if c.get(3).is_some()
                || !(kind(k) == Some(Kind::Kind)
                    || (with_article && kind(k) == Some(Kind::Character)))
            {
                continue;
            }
            push(
                facts,
                names,
                a,
                Relation::IsA,
                Object::Mention(k),
                certainty(t, end),
                si,
            );
        } else if let Some(w) = c.get(4) {
            if whole.contains(" not ") {
                continue;
            }
            push(
                facts,
                names,
                a,
                Relation::IsA,
                Object::Word(w.as_str().to_string()),
                certainty(t, end),
                si,
            );
        }
    }
    // "a demon named ⟨a⟩", "⟨a⟩ , an android who ...".
    let kind_word = classes & class::KIND != 0;
    // (pattern, gate, whether the kind word comes first)
    for (re, gate, kind_first) in [
        (
            &p.kind_named,
            kind_word && (has!("named") || has!("called") || has!("known as")),
            true,
        ),
        (&p.kind_appos, kind_word && has!("⟩ , "), false),
    ] {
        for c in gated(re, t, gate) {
            let (w, a) = if kind_first {
                (c.get(1), num(&c, 2))
            } else {
                (c.get(2), num(&c, 1))
            };
            let (Some(w), Some(a)) = (w, a) else {
                continue;
            };
            if !names.may_be_character(a) {
                continue;
            }
            push(
                facts,
                names,
                a,
                Relation::IsA,
                Object::Word(w.as_str().to_string()),
                certainty(t, c.get(0).map_or(0, |m| m.end())),
                si,
            );
        }
    }
    for c in gated(
        &p.these_two,
        t,
        (has!("two") || has!("both") || has!("three"))
            && contains_any(
                t,
                &[
                    "two are ",
                    "two were ",
                    "three are ",
                    "three were ",
                    "both are ",
                    "both were ",
                ],
            ),
    ) {
        let start = c.get(0).map_or(0, |m| m.start());
        let end = c.get(0).map_or(0, |m| m.end());
        // The characters named before "these two" in this sentence.
        let before: Vec<usize> = list_mentions(tail(&t[..start], WINDOW))
            .into_iter()
            .filter(|&m| names.is_character(m))
            .collect();
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
            push(
                facts,
                names,
                s,
                Relation::IsA,
                obj.clone(),
                certainty(t, end),
                si,
            );
        }
    }
    // Membership.
    let member = |facts: &mut Vec<RawFact>, a: usize, g: usize, end: usize| {
        if is_group(g) && matches!(kind(a), Some(Kind::Character | Kind::Kind)) {
            push(
                facts,
                names,
                a,
                Relation::MemberOf,
                Object::Mention(g),
                certainty(t, end),
                si,
            );
        }
    };
    let member_word = two && has_group && classes & class::MEMBER != 0;
    let of = has!(" of ");
    // Membership needs a group in the sentence.
    let two_g = two && has_group;
    let member_gates: [(&Regex, bool); 5] = [
        (
            &p.member_pred,
            two_g
                && (of || has!(" in ") || has!(" with ") || has!(" at ") || has!(" for "))
                && (member_word || has!("part ") || classes & class::JOB != 0),
        ),
        (
            &p.member_one_of,
            two_g
                && (has!("one of")
                    || has!("first of")
                    || has!("last of")
                    || has!("rest of")
                    || has!("another")),
        ),
        // The name before the second needs a comma or a copula after it.
        (
            &p.member_noun_pred,
            member_word && (name_copula || has!("⟩ , ")),
        ),
        (
            &p.member_appos,
            two_g
                && has!("⟩ , ")
                && (has!("loyal") || has!("one of") || has!("first of") || has!("last of")),
        ),
        (
            &p.member_verb,
            two_g
                && (has!("lead")
                    || has!("join")
                    || has!("head")
                    || has!("command")
                    || has!("work")
                    || has!("serve")
                    || has!("flies for")
                    || has!("flew for")
                    || has!("flown for")
                    || has!("flying for")
                    || has!("fight")
                    || has!("fought for")
                    || has!("spies for")
                    || has!("spied for")
                    || has!("spying for")),
        ),
    ];
    for (re, cond) in member_gates {
        for c in gated(re, t, cond) {
            let (Some(a), Some(g)) = (num(&c, 1), num(&c, 2)) else {
                continue;
            };
            member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(
        &p.member_of_named,
        t,
        two_g && (has!("⟩ of ⟨") || has!("⟩ of the ⟨") || has!("named") || has!("called")),
    ) {
        let (a, g) = match (num(&c, 1), num(&c, 2), num(&c, 3), num(&c, 4)) {
            (Some(a), Some(g), _, _) => (a, g),
            (_, _, Some(g), Some(a)) => (a, g),
            _ => continue,
        };
        if names.is_character(a) {
            member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(
        &p.member_their,
        t,
        two_g && member_word && contains_any(t, &[" their ", " its "]),
    ) {
        let (Some(a), Some(m)) = (num(&c, 1), c.get(0)) else {
            continue;
        };
        // The nearest group named before the subject, within the clause-level window (a
        // look-back from the sentence start for every match would be quadratic).
        let Some(g) = mention_iter(tail(&t[..m.start()], WINDOW))
            .filter(|&g| is_group(g))
            .last()
        else {
            continue;
        };
        member(facts, a, g, m.end());
    }
    for c in gated(&p.member_title_before, t, member_word) {
        let (Some(g), Some(a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(
        &p.member_with,
        t,
        two_g
            && (has!(" with ") || has!(" and ") || has!("head of"))
            && (member_word || has!("members") || {
                // The plural after a name must come after the "with" / "and": searching
                // from the first of them keeps the sentences where a name is merely
                // followed by a verb ("⟨a⟩ returns") off the pattern.
                let from = [" with ", " and ", "head of"]
                    .iter()
                    .filter_map(|w| t.find(w))
                    .min()
                    .unwrap_or(t.len());
                p.plural_after_name.is_match_at(t, from)
            }),
    ) {
        let Some(a) = num(&c, 1) else { continue };
        let Some(g) = num(&c, 2).or_else(|| num(&c, 3)) else {
            continue;
        };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(
        &p.member_verb_pair,
        t,
        pair && has_group
            && (has!("lead")
                || has!("join")
                || has!("head")
                || has!("command")
                || has!("work")
                || has!("serve")),
    ) {
        let (Some(a1), Some(a2), Some(g)) = (num(&c, 1), num(&c, 2), num(&c, 3)) else {
            continue;
        };
        let end = c.get(0).map_or(0, |m| m.end());
        member(facts, a1, g, end);
        member(facts, a2, g, end);
    }
    for c in gated(&p.member_one_of_possessive, t, two_g && has!("one of")) {
        let (Some(a), Some(g)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    // "⟨a⟩, the ⟨Corps⟩' chief engineer": a role in a group is membership, a job at a
    // place is work there. Roles that are no such bond (a victim, a prisoner, a guest,
    // an enemy, a relative) are left alone.
    for c in gated(
        &p.role_possessive,
        t,
        two && (has_group || has_place)
            && (has!(" 's ") || t.contains("⟩ ' "))
            && contains_any(t, &[" , ⟨", " , the ⟨"]),
    ) {
        let (Some(a), Some(g), Some(role)) = (num(&c, 1), num(&c, 2), c.get(3)) else {
            continue;
        };
        let noun = role.as_str().rsplit(' ').next().unwrap_or("");
        if !names.is_character(a) || not_a_bond(noun) {
            continue;
        }
        let end = c.get(0).map_or(0, |m| m.end());
        if is_group(g) {
            member(facts, a, g, end);
        } else if is_place(g)
            && (LISTS.workplace_nouns.iter().any(|w| w == noun)
                || LEX.member_nouns.contains(noun)
                || matches!(noun, "head" | "chief" | "boss" | "owner" | "manager"))
        {
            push(
                facts,
                names,
                a,
                Relation::WorksAt,
                Object::Mention(g),
                certainty(t, end),
                si,
            );
        }
    }
    // Running, owning or founding: work at a place, membership of a group.
    let runs_gate = two
        && (has_group || has_place)
        && (has!("run")
            || has!("ran")
            || has!("own")
            || has!("manage")
            || has!("found")
            || has!("kept")
            || has!("keeps"));
    // Founding makes a member of a group but says nothing of working at a place.
    let mut run_by = |a: usize, g: usize, end: usize, founded: bool| {
        if !names.is_character(a) {
            return;
        }
        if is_group(g) && kind(g) == Some(Kind::Group) {
            member(facts, a, g, end);
        } else if is_place(g) && !founded {
            push(
                facts,
                names,
                a,
                Relation::WorksAt,
                Object::Mention(g),
                certainty(t, end),
                si,
            );
        }
    };
    for c in gated(&p.runs_place, t, runs_gate) {
        let (Some(a), Some(g)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        let whole = c.get(0).map_or("", |m| m.as_str());
        run_by(
            a,
            g,
            c.get(0).map_or(0, |m| m.end()),
            whole.contains("found"),
        );
    }
    for c in gated(
        &p.place_run_by,
        t,
        runs_gate && (has!("which") || has!("that")),
    ) {
        let (Some(g), Some(a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        let whole = c.get(0).map_or("", |m| m.as_str());
        run_by(
            a,
            g,
            c.get(0).map_or(0, |m| m.end()),
            whole.contains("found"),
        );
    }
    // "the ⟨Choir⟩ 's captain", written as the captain: the group holds its captain.
    for &(owner, bearer, end) in &tp.titled_by {
        member(facts, bearer, owner, end);
    }
    for c in gated(
        &p.member_named,
        t,
        two_g && (has!("named") || has!("called")),
    ) {
        let (Some(g), Some(a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        member(facts, a, g, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(&p.member_possessive_group, t, has_group && has!(" ( ")) {
        let Some(g) = num(&c, 2) else { continue };
        let end = c.get(0).map_or(0, |m| m.end());
        let start = c.get(0).map_or(0, |m| m.start());
        let who: Vec<usize> = match c.get(1).map(|m| m.as_str()) {
            Some("their") => list_mentions(tail(&t[..start], WINDOW))
                .into_iter()
                .filter(|&m| names.is_character(m))
                .collect(),
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
            Relation::Killed => {
                (names.is_agent(a) || kind(a) == Some(Kind::Thing))
                    && names.is_agent(b)
                    && !is_group(b)
            }
            _ => names.is_agent(a) && names.is_agent(b),
        };
        if ok {
            push(
                facts,
                names,
                a,
                rel,
                Object::Mention(b),
                certainty(t, end),
                si,
            );
        }
    };
    let noun_rel = |w: &str| LISTS.relation_nouns.get(w).copied();
    let verb_rel = |w: &str| {
        LISTS
            .relation_verbs
            .iter()
            .find(|(v, _)| v == w)
            .map(|(_, r)| *r)
    };
    for c in gated(
        &p.rel_possessive,
        t,
        rel_noun && (has!("⟩ 's ") || t.contains("⟩ ' ")),
    ) {
        let (Some(a), Some(b), Some(rel)) = (
            num(&c, 1),
            num(&c, 2),
            c.get(3).and_then(|m| noun_rel(m.as_str())),
        ) else {
            continue;
        };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(&p.rel_of, t, rel_noun) {
        let (Some(a), Some(rel), Some(b)) = (
            num(&c, 1),
            c.get(2).and_then(|m| noun_rel(m.as_str())),
            num(&c, 3),
        ) else {
            continue;
        };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    for (re, gate) in [
        (&p.rel_pair, rel_noun && pair),
        (&p.rel_as, rel_noun && has!(" as ")),
    ] {
        for c in gated(re, t, gate) {
            let (Some(a), Some(b), Some(rel)) = (
                num(&c, 1),
                num(&c, 2),
                c.get(3).and_then(|m| noun_rel(m.as_str())),
            ) else {
                continue;
            };
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(&p.rel_pron_named, t, any_rel) {
        let start = c.get(0).map_or(0, |m| m.start());
        let (Some(rel), Some(b)) = (c.get(2).and_then(|m| noun_rel(m.as_str())), num(&c, 3)) else {
            continue;
        };
        // "their newest ally": the group's first-named character, usually the lead.
        let owner = if c.get(1).is_some_and(|m| m.as_str() == "their") {
            list_mentions(tail(&t[..start], WINDOW))
                .into_iter()
                .find(|&m| names.is_character(m))
        } else {
            tp.possessives.get(&start).copied()
        };
        if let Some(a) = owner {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(
        &p.rel_appos_pron,
        t,
        any_rel && contains_any(t, &["⟩ , his ", "⟩ , her "]),
    ) {
        let (Some(b), Some(rel)) = (num(&c, 1), c.get(3).and_then(|m| noun_rel(m.as_str()))) else {
            continue;
        };
        let Some(pm) = c.get(2) else { continue };
        if let Some(&a) = tp.possessives.get(&pm.start()) {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(
        &p.the_two,
        t,
        (has!("two") || has!("both") || has!("pair") || has!("duo"))
            && contains_any(t, &[" are ", " were ", " become ", " became ", " remain "]),
    ) {
        let Some(rel) = c.get(1).and_then(|m| noun_rel(m.as_str())) else {
            continue;
        };
        let start = c.get(0).map_or(0, |m| m.start());
        if let Some((a, b)) = last_two_characters(names, history, si, usize::MAX, &t[..start]) {
            relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(&p.verb_rel, t, rel_verb) {
        let (Some(a), Some(verb), Some(b)) = (num(&c, 1), c.get(2), num(&c, 3)) else {
            continue;
        };
        // "⟨a⟩ kills ⟨b⟩ 's informant": the object is the possessed noun, not ⟨b⟩.
        if c.get(5).is_some() {
            continue;
        }
        let Some(rel) = verb_rel(verb.as_str()) else {
            continue;
        };
        let end = c.get(0).map_or(0, |m| m.end());
        relate(facts, a, rel, b, end);
        if rel == Relation::Killed {
            for o in list_mentions(c.get(4).map_or("", |m| m.as_str())) {
                relate(facts, a, rel, o, end);
            }
        }
    }
    // The verb and its object follow the "then": a sentence with no name after its first
    // "then" is skipped (the pattern is slow on long sentences).
    // ", and kills ⟨b⟩": a relation verb (after adverbs) right after ", and".
    let and_then_verb = || {
        t.match_indices(" , and ").any(|(i, m)| {
            let rest = &t[i + m.len()..];
            let mut rest = rest;
            while let Some((w, r)) = rest.split_once(' ') {
                if !(w.ends_with("ly") || ADVERBS.contains(&w)) {
                    break;
                }
                rest = r;
            }
            LISTS
                .relation_verbs
                .iter()
                .any(|(v, _)| rest.starts_with(v.as_str()))
        })
    };
    let name_after_then = || {
        t.find("then ")
            .is_some_and(|i| t.get(i..).is_some_and(|rest| rest.contains('⟨')))
    };
    for c in gated(
        &p.verb_rel_then,
        t,
        rel_verb && (has!("then") && name_after_then() || and_then_verb()),
    ) {
        let (Some(a), Some(verb), Some(b)) = (num(&c, 1), c.get(2), num(&c, 3)) else {
            continue;
        };
        if c.get(4).is_some() || !names.is_character(a) {
            continue;
        }
        let Some(rel) = verb_rel(verb.as_str()) else {
            continue;
        };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(&p.verb_rel_pair, t, rel_verb && pair) {
        let (Some(a1), Some(a2), Some(verb), Some(b)) =
            (num(&c, 1), num(&c, 2), c.get(3), num(&c, 4))
        else {
            continue;
        };
        if c.get(5).is_some() {
            continue;
        }
        let Some(rel) = verb_rel(verb.as_str()) else {
            continue;
        };
        let end = c.get(0).map_or(0, |m| m.end());
        relate(facts, a1, rel, b, end);
        relate(facts, a2, rel, b, end);
    }
    for c in gated(
        &p.alongside,
        t,
        two && (has!("alongside")
            || has!("together")
            || has!("side by")
            || has!("teams up")
            || has!("joins forces")),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if names.is_character(a) && names.is_character(b) {
            relate(
                facts,
                a,
                Relation::AllyOf,
                b,
                c.get(0).map_or(0, |m| m.end()),
            );
        }
    }
    // The phrasings kept as data (`data/fact_rules.txt`).
    for rule in FACT_RULES.iter() {
        if !two || !t.contains(rule.gate.as_str()) {
            continue;
        }
        for c in rule.re.captures_iter(t) {
            let (Some(x), Some(y)) = (num(&c, 1), num(&c, 2)) else {
                continue;
            };
            // "is plainly no friend of the Choir": a negated phrasing says the opposite.
            let span = c.get(0).map_or("", |m| m.as_str());
            if [" no ", " not ", "n't ", " never ", " nor "]
                .iter()
                .any(|n| span.contains(n))
            {
                continue;
            }
            let (a, b) = if rule.subject_first { (x, y) } else { (y, x) };
            relate(facts, a, rule.relation, b, c.get(0).map_or(0, |m| m.end()));
        }
    }
    for c in gated(&p.on_side, t, two && has!(" side")) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        relate(
            facts,
            a,
            Relation::AllyOf,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(
        &p.pair_allies,
        t,
        pair && (has!("together")
            || has!("team")
            || has!("forces")
            || has!("allies")
            || has!("alliance")),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        if names.is_character(a) && names.is_character(b) {
            relate(
                facts,
                a,
                Relation::AllyOf,
                b,
                c.get(0).map_or(0, |m| m.end()),
            );
        }
    }
    for c in gated(
        &p.two_allies,
        t,
        (has!("two") || has!("both") || has!("pair") || has!("duo"))
            && (has!("team") || has!("forces") || has!("together")),
    ) {
        // Both must be named in this sentence or the one before it.
        let start = c.get(0).map_or(0, |m| m.start());
        if let Some((a, b)) = last_two_characters(names, history, si, 1, &t[..start]) {
            relate(
                facts,
                a,
                Relation::AllyOf,
                b,
                c.get(0).map_or(0, |m| m.end()),
            );
        }
    }
    for c in gated(
        &p.alliance_with,
        t,
        two && (has!("alliance") || has!("truce") || has!("pact") || has!("partnership")),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        relate(
            facts,
            a,
            Relation::AllyOf,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(
        &p.kill_particle,
        t,
        two && contains_any(
            t,
            &[
                "guns ⟨",
                "gunned ⟨",
                "shoots ⟨",
                "shot ⟨",
                "cuts ⟨",
                "cut ⟨",
            ],
        ) && contains_any(t, &["⟩ down", "⟩ dead"]),
    ) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        relate(
            facts,
            a,
            Relation::Killed,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(&p.war_on, t, two && has!(" war ")) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        relate(
            facts,
            a,
            Relation::EnemyOf,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(
        &p.rel_pron_pred,
        t,
        any_rel && !tp.possessives.is_empty() && contains_any(t, &[" his ", " her ", " their "]),
    ) {
        let (Some(a), Some(pm), Some(rel)) = (
            num(&c, 1),
            c.get(2),
            c.get(3).and_then(|m| noun_rel(m.as_str())),
        ) else {
            continue;
        };
        // The owner, never the subject itself ("Marcus is her friend": her is not Marcus).
        let owner = tp
            .possessives
            .get(&pm.start())
            .copied()
            .filter(|&b| !names.same(a, b));
        if let Some(b) = owner {
            if names.is_character(a) && names.is_character(b) {
                relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
            }
        }
    }
    for c in gated(
        &p.on_pron_side,
        t,
        has!(" side") && !tp.possessives.is_empty(),
    ) {
        let (Some(a), Some(pm)) = (num(&c, 1), c.get(2)) else {
            continue;
        };
        // "Rei is on her side": "her" is someone other than Rei, so when the pronoun was
        // read as Rei, the character named before her is the owner.
        let owner = tp.possessives.get(&pm.start()).copied().and_then(|b| {
            if !names.same(a, b) {
                return Some(b);
            }
            history
                .iter()
                .rev()
                .take(12)
                .take_while(|(s, _)| si.saturating_sub(*s) <= 2)
                .map(|&(_, m)| m)
                .find(|&m| !names.same(m, a))
        });
        if let Some(b) = owner {
            if names.is_character(a) && names.is_character(b) {
                relate(
                    facts,
                    a,
                    Relation::AllyOf,
                    b,
                    c.get(0).map_or(0, |m| m.end()),
                );
            }
        }
    }
    for c in gated(
        &p.passive_killed,
        t,
        two && has!(" by ") && contains_any(t, &["ed by ", "slain by ", "dead by ", "death by "]),
    ) {
        let (Some(b), Some(a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        relate(
            facts,
            a,
            Relation::Killed,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(&p.responsible, t, two && has!("responsible")) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        let end = c.get(0).map_or(0, |m| m.end());
        relate(facts, a, Relation::Killed, b, end);
        // "⟨b⟩ and ⟨c⟩, ⟨d⟩ and ⟨e⟩'s comrades": the list ends after its "and".
        let rest = c.get(3).map_or("", |m| m.as_str());
        let mut after_and = false;
        for part in rest.split(" ⟨").skip(1) {
            let Some(n) = part.split('⟩').next().and_then(|x| x.parse::<usize>().ok()) else {
                continue;
            };
            if after_and {
                break;
            }
            relate(facts, a, Relation::Killed, n, end);
            after_and = true;
        }
        let _ = rest;
    }
    for c in gated(&p.killed_appos, t, rel_verb && has!("⟩ , ")) {
        let (Some(b), Some(mut a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        // "⟨Strand⟩ taunts her about ⟨Bastian⟩, the man he murdered": a pronoun inside a
        // clause about ⟨b⟩ never means ⟨b⟩, but the sentence's subject, the first
        // character named before it.
        if names.same(a, b) {
            let start = c.get(0).map_or(0, |m| m.start());
            match mention_iter(tail(&t[..start], WINDOW))
                .find(|&m| names.is_character(m) && !names.same(m, b))
            {
                Some(subject) => a = subject,
                None => continue,
            }
        }
        relate(
            facts,
            a,
            Relation::Killed,
            b,
            c.get(0).map_or(0, |m| m.end()),
        );
    }
    for c in gated(&p.rel_possessive_appos, t, rel_noun && has!(" 's ")) {
        let (Some(a), Some(rel), Some(b)) = (
            num(&c, 1),
            c.get(2).and_then(|m| noun_rel(m.as_str())),
            num(&c, 3),
        ) else {
            continue;
        };
        relate(facts, a, rel, b, c.get(0).map_or(0, |m| m.end()));
    }
    // Work places.
    let works = |facts: &mut Vec<RawFact>, a: usize, pl: usize, end: usize| {
        if names.is_character(a) {
            if is_place(pl) {
                push(
                    facts,
                    names,
                    a,
                    Relation::WorksAt,
                    Object::Mention(pl),
                    certainty(t, end),
                    si,
                );
            } else if is_group(pl) {
                push(
                    facts,
                    names,
                    a,
                    Relation::MemberOf,
                    Object::Mention(pl),
                    certainty(t, end),
                    si,
                );
            }
        }
    };
    let work_gate = two
        && (has_place || has_group)
        && (has!("work")
            || has!("employ")
            || has!("tends")
            || has!("waits")
            || t.contains("teach")
            || t.contains("taught")
            || classes & class::JOB != 0);
    for (re, gate) in [
        (&p.works_at, work_gate),
        (&p.job_at, work_gate),
        // "⟨a⟩ , the ⟨P⟩ night clerk".
        (&p.job_modifier, work_gate && classes & class::JOB != 0),
    ] {
        for c in gated(re, t, gate) {
            let (Some(a), Some(pl)) = (num(&c, 1), num(&c, 2)) else {
                continue;
            };
            works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
            if is_place(pl) {
                *last_workplace = Some((si, pl));
            }
        }
    }
    for c in gated(&p.job_possessive, t, work_gate && has!(" 's ")) {
        let (pl, a) = match (num(&c, 1), num(&c, 2), num(&c, 3), num(&c, 4)) {
            (Some(pl), Some(a), _, _) => (pl, a),
            (_, _, Some(a), Some(pl)) => (pl, a),
            _ => continue,
        };
        works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
    }
    for c in gated(&p.works_where, t, two && t.contains("where ⟨")) {
        let (Some(pl), Some(a)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
    }
    // "two ⟨P⟩ male workers" names a workplace for a later "co-worker".
    let plural_jobs: &[(String, String)] = if classes & class::PLURAL_JOB != 0 {
        &WORD_CLASSES.plural_jobs
    } else {
        &[]
    };
    for (_, sw) in plural_jobs {
        if let Some(pos) = t.find(sw.as_str()) {
            if let Some(&pl) = list_mentions(tail(&t[..pos], WINDOW)).last() {
                if is_place(pl)
                    && t[..pos]
                        .rsplit('⟩')
                        .next()
                        .is_some_and(|gap| gap.split_whitespace().count() <= 2)
                {
                    *last_workplace = Some((si, pl));
                }
            }
        }
    }
    for c in gated(
        &p.coworker,
        t,
        has!("co-worker") || has!("coworker") || has!("colleague"),
    ) {
        let Some(a) = num(&c, 1) else { continue };
        if let Some((ws, pl)) = *last_workplace {
            if si.saturating_sub(ws) <= 2 {
                works(facts, a, pl, c.get(0).map_or(0, |m| m.end()));
            }
        }
    }
    // Cast credits.
    for c in gated(&p.played_by_paren, t, two && has!(" ( ")) {
        let (Some(a), Some(b)) = (num(&c, 1), num(&c, 2)) else {
            continue;
        };
        // "Edda (Saoirse Doyle)" and "Lena Ortiz (Maya)" are both credits.
        if kind(b) == Some(Kind::Person) && names.is_character(a) {
            push(
                facts,
                names,
                a,
                Relation::PlayedBy,
                Object::Mention(b),
                Certainty::Confirmed,
                si,
            );
        } else if kind(a) == Some(Kind::Person) && names.is_character(b) {
            push(
                facts,
                names,
                b,
                Relation::PlayedBy,
                Object::Mention(a),
                Certainty::Confirmed,
                si,
            );
        }
    }
    // The other credit forms, in this order (the order facts come out in): each names a
    // character and the real person who plays them, in one order or the other.
    let voice_gate = two
        && (has!("voice") || has!("actor") || has!("actress") || has!(" va ") || has!("seiyuu"));
    let credits: [(&Regex, bool, bool); 7] = [
        // (pattern, gate, whether group 1 is the character)
        (&p.voice_actor, voice_gate, true),
        (
            &p.played_by_passive,
            two && has!(" by ")
                && t.contains("by ⟨")
                && contains_any(
                    t,
                    &[
                        "played",
                        "voiced",
                        "portrayed",
                        "performed",
                        "brought to life",
                    ],
                ),
            true,
        ),
        (&p.credit_as, two && t.contains(" as ⟨"), false),
        (
            &p.credit_possessive,
            two && has!(" 's ")
                && (has!("gives")
                    || has!("make")
                    || has!("brings")
                    || has!("sells")
                    || has!("lends")
                    || has!("turns in")
                    || has!("delivers")
                    || has!("imbues")
                    || has!("grounds")),
            false,
        ),
        (&p.voice_of, voice_gate, false),
        (
            &p.actor_possessive,
            // Only where a real person owns the next name (most "⟨a⟩ 's ⟨b⟩" are a
            // character's thing or friend).
            two && has!("⟩ 's ⟨") && {
                t.match_indices("⟩ 's ⟨").any(|(i, _)| {
                    let owner = t[..i]
                        .rfind('⟨')
                        .and_then(|a| t[a + '⟨'.len_utf8()..i].parse::<usize>().ok());
                    owner.is_some_and(|o| kind(o) == Some(Kind::Person))
                })
            },
            false,
        ),
        (
            &p.voices,
            two && (has!("voice") || has!("play") || has!("gives") || has!("lends"))
                && verb_then_name(
                    t,
                    &["voices", "plays", "played", "voiced", "gives", "lends"],
                ),
            false,
        ),
    ];
    for (re, cond, character_first) in credits {
        for c in gated(re, t, cond) {
            let (Some(x), Some(y)) = (num(&c, 1), num(&c, 2)) else {
                continue;
            };
            let (a, b) = if character_first { (x, y) } else { (y, x) };
            if kind(b) == Some(Kind::Person) && names.is_character(a) {
                push(
                    facts,
                    names,
                    a,
                    Relation::PlayedBy,
                    Object::Mention(b),
                    Certainty::Confirmed,
                    si,
                );
            }
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
        fs.iter()
            .any(|f| f.subject == s && f.relation == r && f.object == o && f.certainty == c)
    }

    // A reveal with a pronoun subject resolves the pronoun to the speaker.
    #[test]
    fn reveal_with_pronoun() {
        let fs = facts("Rouge meets Sara. Sara confirms she’s Viola Keane.");
        assert!(
            has(
                &fs,
                "Sara",
                Relation::SameAs,
                "Viola Keane",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    // Hedges make a reveal a suspicion.
    #[test]
    fn hedged_reveal_is_suspected() {
        let fs = facts("Rouge updates Naomi with intel surrounding Sara. She wonders if she’s Purgatory Viola.");
        assert!(
            has(
                &fs,
                "Sara",
                Relation::SameAs,
                "Purgatory Viola",
                Certainty::Suspected
            ),
            "{fs:#?}"
        );
    }

    // Coordinated predicates share the subject and the hedge.
    #[test]
    fn is_a_and_member_of_with_hedge() {
        let fs = facts("The Immortal Nine rule. Rouge runs. Rouge hides. Sara sings. Naomi tells Rouge Sara is likely a Nean and one of the Immortal Nine. A Nean walks.");
        assert!(
            has(&fs, "Sara", Relation::IsA, "Nean", Certainty::Suspected),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Sara",
                Relation::MemberOf,
                "Immortal Nine",
                Certainty::Suspected
            ),
            "{fs:#?}"
        );
    }

    // "these two are androids" gives is_a for the characters named before it.
    #[test]
    fn these_two_are_androids() {
        let fs = facts("Scar Head refuses the serum because he knows the woman needs it, which confirms these two are androids.");
        assert!(
            has(
                &fs,
                "Scar Head",
                Relation::IsA,
                "android",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    // Killing lists stop at the appositive after "and".
    #[test]
    fn responsible_for_murdering_a_list() {
        let fs = facts("Jaron waits. Sara waits. We learn the Gladiator is responsible for murdering Nius and Achillus, Jaron and Sara’s comrades.");
        assert!(
            fs.iter()
                .any(|f| f.relation == Relation::Killed && f.object == "Nius"),
            "{fs:#?}"
        );
        assert!(fs
            .iter()
            .any(|f| f.relation == Relation::Killed && f.object == "Achillus"));
        assert!(!fs
            .iter()
            .any(|f| f.relation == Relation::Killed && f.object == "Jaron"));
    }

    // Speculation about a pronoun skips a male speaker for "she".
    #[test]
    fn pronoun_skips_wrong_gender() {
        let fs = facts("Jaron pulls out his cards. Rouge smiles at her friend. Viola believes Rouge’s innocent, but Jaron speculates she’s an Alethia agent. The Alethia agents run.");
        assert!(
            has(
                &fs,
                "Rouge",
                Relation::MemberOf,
                "Alethia",
                Certainty::Suspected
            ),
            "{fs:#?}"
        );
    }

    // Work places from "a new worker at X".
    #[test]
    fn works_at() {
        let fs = facts("At Club Canal, Rouge watches. We learn from Sara that Rouge is a new worker at Club Canal.");
        assert!(
            has(
                &fs,
                "Rouge",
                Relation::WorksAt,
                "Club Canal",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    // An object pronoun is never the subject of its own clause: in "Sol accepts her", her
    // is the other woman (Mara), not Sol.
    #[test]
    fn object_pronoun_skips_clause_subject() {
        let fs = facts(
            "Mara throws in her lot with the divers. Mara waits, and Sol accepts her as an ally.",
        );
        assert!(
            has(&fs, "Sol", Relation::AllyOf, "Mara", Certainty::Confirmed),
            "{fs:#?}"
        );
    }

    // "the harbourmaster" stands for the one character titled Harbourmaster.
    #[test]
    fn title_word_refers_to_its_character() {
        let fs = facts("Harbourmaster Vane warns Sol. The harbourmaster leaves. Sol wonders if the harbourmaster is the Lamplighter.");
        assert!(
            fs.iter().any(|f| f.relation == Relation::SameAs
                && f.object == "Lamplighter"
                && f.certainty == Certainty::Suspected),
            "{fs:#?}"
        );
    }

    // "X's Y" is a possessive unless a verb of revealing introduces it.
    #[test]
    fn possessive_is_not_identity() {
        let fs = facts(
            "Rouge runs. Kevin hands Rouge Scar Head’s Nectar. Rouge uses Rouge’s Gladiator form.",
        );
        assert!(
            !fs.iter().any(|f| f.relation == Relation::SameAs),
            "{fs:#?}"
        );
        let fs = facts("Viola waits. Jaron waits. After careful deduction, Viola realizes the Gladiator’s Jaron.");
        assert!(
            fs.iter().any(|f| f.relation == Relation::SameAs
                && f.subject == "Gladiator"
                && f.object == "Jaron"),
            "{fs:#?}"
        );
    }

    // Membership from appositives and "named".
    #[test]
    fn membership_from_appositives() {
        let fs = facts("The Alters meet. Jaron tells Sarah a fellow Alters member named Silvia suspects her. Captain Ivo Strand, the leader of the Gilded Choir, listens. Wren, one of the Lantern Wardens, drops by.");
        assert!(
            has(
                &fs,
                "Silvia",
                Relation::MemberOf,
                "Alters",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Ivo Strand",
                Relation::MemberOf,
                "Gilded Choir",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Wren",
                Relation::MemberOf,
                "Lantern Wardens",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    // "kills ⟨b⟩ 's informant" does not kill ⟨b⟩; two subjects share the verb.
    #[test]
    fn possessive_objects_and_pair_subjects() {
        let fs = facts("Hart waits. Frank kills Hart’s informant, Danny. Kaito and Doran defeat Morrak. Kaito fights imps alongside Doran.");
        assert!(
            !fs.iter()
                .any(|f| f.relation == Relation::Killed && f.object == "Hart"),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Doran",
                Relation::EnemyOf,
                "Morrak",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Kaito",
                Relation::EnemyOf,
                "Morrak",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Kaito",
                Relation::AllyOf,
                "Doran",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    // A second verb after "then" keeps the clause's subject.
    #[test]
    fn then_keeps_the_subject() {
        let fs = facts("Bastian waits. Strand lets him finish the sentence, then kills Old Bastian with a single shot.");
        assert!(
            fs.iter()
                .any(|f| f.subject == "Strand" && f.relation == Relation::Killed),
            "{fs:#?}"
        );
    }

    // Credits in either order: "Maya (Lena Ortiz)" and "Lena Ortiz (Maya)".
    #[test]
    fn credits_in_both_orders() {
        let story = crate::extract_parts(
            &["Maya runs. Eli waits."],
            &["Lena Ortiz (Maya) is great. Eli (Sam Park) is fine."],
            None,
        );
        let fs = story.facts;
        assert!(
            has(
                &fs,
                "Maya",
                Relation::PlayedBy,
                "Lena Ortiz",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(
            has(
                &fs,
                "Eli",
                Relation::PlayedBy,
                "Sam Park",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
    }

    /// Asserts that `fs` holds a confirmed fact, printing all facts when it does not.
    fn expect(fs: &[Fact], s: &str, r: Relation, o: &str) {
        assert!(
            has(fs, s, r, o, Certainty::Confirmed),
            "{s} {r:?} {o}: {fs:#?}"
        );
    }

    // Reviews credit actors in the passive as often as with parentheses: "X is played by
    // Y", "X, voiced by Y,". The character comes first; a "voiced by" right after a name
    // once made that name the real person.
    #[test]
    fn passive_credits_name_the_character_first() {
        let story = crate::extract_parts(
            &["Mina Castell arrives late. Jonah Reyes waits. Korrath attacks the dorm."],
            &["Mina is played by Sofia Marchetti, who is excellent. Jonah, voiced by Daniel Okoye, is a delight. Korrath is portrayed by Lars Viken."],
            None,
        );
        let fs = &story.facts;
        expect(fs, "Mina Castell", Relation::PlayedBy, "Sofia Marchetti");
        expect(fs, "Jonah Reyes", Relation::PlayedBy, "Daniel Okoye");
        expect(fs, "Korrath", Relation::PlayedBy, "Lars Viken");
        let jonah = story.entities.iter().find(|e| e.name == "Jonah Reyes");
        assert_eq!(
            jonah.map(|e| e.kind),
            Some(crate::Kind::Character),
            "{:#?}",
            story.entities
        );
    }

    // A being introduced by its kind ("a demon named Korrath") or given it in an
    // apposition ("Vera Lisk, a vampire, ...") is of that kind; "a vampire hunter" is a
    // job, not a kind of being.
    #[test]
    fn a_kind_named_or_in_apposition_is_a() {
        let fs = facts("A demon named Korrath attacks the dorm. Vera Lisk, a vampire, watches from the docks. Cole Barret, a vampire hunter, waits.");
        expect(&fs, "Korrath", Relation::IsA, "demon");
        expect(&fs, "Vera Lisk", Relation::IsA, "vampire");
        assert!(
            !fs.iter()
                .any(|f| f.subject == "Cole Barret" && f.relation == Relation::IsA),
            "{fs:#?}"
        );
    }

    // Reviews credit an actor through the character's name: "Mayumi Kagawa's Velzareth",
    // and put words between the verb and "by": "is played with oily charm by ...".
    #[test]
    fn an_actors_character_and_a_credit_with_words_before_by() {
        let story = crate::extract_parts(
            &["Velzareth schemes. Anton Kessler waits in the vault."],
            &["Mayumi Kagawa's Velzareth is all menace. Anton Kessler is played with oily, unsettling charm by Lars Engström."],
            None,
        );
        let fs = &story.facts;
        expect(fs, "Velzareth", Relation::PlayedBy, "Mayumi Kagawa");
        expect(fs, "Anton Kessler", Relation::PlayedBy, "Lars Engström");
    }

    // "The two women team up", "the two decide to team up": the two characters named
    // last become allies; "has turned against" is enmity in the perfect tense; "is
    // employed by" is work.
    #[test]
    fn the_two_decide_to_team_up_and_perfect_tense_verbs() {
        let fs = facts("Philippa Ashdown finds Agatha Penhallow in the kitchen. The two women team up from here on. Cedric Valemont has turned against the Iron Syndicate. Piet Vos is employed by the Aurelia Casino.");
        expect(
            &fs,
            "Agatha Penhallow",
            Relation::AllyOf,
            "Philippa Ashdown",
        );
        expect(&fs, "Cedric Valemont", Relation::EnemyOf, "Iron Syndicate");
        expect(&fs, "Piet Vos", Relation::WorksAt, "Aurelia Casino");
    }

    // Fan shorthand: "Ren's VA, Shouta Iwamura" (the "VA" once became a name and broke
    // the credit). And an object pronoun after "because" starts a new clause: in "Wicket
    // has been a favourite, mostly because Sayaka Imai plays her", "her" is Wicket.
    #[test]
    fn a_va_credit_and_a_pronoun_after_because() {
        let story = crate::extract_parts(
            &["Ren Tokiwa joins the club. Ren is quiet. Wicket fixes the engine, and Wicket laughs."],
            &["Ren's VA, Shouta Iwamura, is great. Wicket has been a favourite, mostly because Sayaka Imai plays her as a bored teenager."],
            None,
        );
        let fs = &story.facts;
        expect(fs, "Ren Tokiwa", Relation::PlayedBy, "Shouta Iwamura");
        expect(fs, "Wicket", Relation::PlayedBy, "Sayaka Imai");
        assert!(
            !story.entities.iter().any(|e| e.name == "VA"),
            "{:#?}",
            story.entities
        );
    }

    // A kind after a verb of revealing ("Nine is revealed as an android"); a second verb
    // after ", and" shares the subject ("Dale steps out, fires, and kills the Knocker"); a
    // victim inside a phrasal verb ("guns him down"); "their leader" after the group; an
    // apposition between dashes ("the Syndicate – Kessler's old rivals –").
    #[test]
    fn reveals_of_kind_coordinated_kills_phrasal_kills_their_leader_and_dashes() {
        let fs = facts("Ilsa Varga attacks the convoy. Ilsa Varga is revealed as an android. Dale Brandt steps out of the trees, fires a bolt, and kills Marcy Kline. Piet Vos finds Sol Mendez in the car park and guns him down. They call themselves the Thorn Sisters, and Greta Halvorsen is clearly their leader. Marcus calls the Brandauer Syndicate – Anton Kessler's old rivals – from the car.");
        expect(&fs, "Ilsa Varga", Relation::IsA, "android");
        expect(&fs, "Dale Brandt", Relation::Killed, "Marcy Kline");
        expect(&fs, "Piet Vos", Relation::Killed, "Sol Mendez");
        expect(&fs, "Greta Halvorsen", Relation::MemberOf, "Thorn Sisters");
        expect(
            &fs,
            "Brandauer Syndicate",
            Relation::EnemyOf,
            "Anton Kessler",
        );
    }

    // A common given name carries its gender: "He" after a sentence naming Nora last is
    // Jamie, not Nora (whose only nearby pronoun, "his office", was her superior's).
    #[test]
    fn a_given_name_says_which_pronoun_fits() {
        let fs = facts("Superintendent Graham Ashby calls Nora Kettering into his office. Jamie Doyle picks the lock while Nora watches. He turns out to be James Dunmore, an undercover officer.");
        expect(&fs, "Jamie Doyle", Relation::SameAs, "James Dunmore");
        assert!(
            !fs.iter()
                .any(|f| f.subject == "Nora Kettering" && f.relation == Relation::SameAs),
            "{fs:#?}"
        );
    }

    // "Marcus is the grifter and her oldest friend": the possessive's owner, named in
    // the sentence before, is the other side.
    #[test]
    fn a_relation_through_a_possessive_pronoun() {
        let fs = facts(
            "Vivienne Roux plans the job. Marcus Oduya is the grifter and her oldest friend.",
        );
        expect(&fs, "Marcus Oduya", Relation::AllyOf, "Vivienne Roux");
    }

    // A plural possessive has a bare apostrophe: "the Corps' sworn enemy".
    #[test]
    fn a_plural_possessive_relation() {
        let fs = facts("Commander Varga briefs the Lantern Wardens. She explains that Rook, the Lantern Wardens' sworn enemy, has parked a carrier nearby. Rook laughs.");
        expect(&fs, "Rook", Relation::EnemyOf, "Lantern Wardens");
    }

    // "the Gull Tavern night clerk": a job named after its place is work there.
    #[test]
    fn a_job_named_after_its_place_is_work_there() {
        let fs = facts("Tessa Moreau walks into the Gull Tavern. Owen Hale, the Gull Tavern night clerk, hands her a key.");
        expect(&fs, "Owen Hale", Relation::WorksAt, "Gull Tavern");
    }

    // Enmity and alliance in the perfect tense, "at war with", and becoming someone's
    // ally.
    #[test]
    fn perfect_tenses_war_and_becoming_an_ally() {
        let fs = facts("Tessa Moreau meets Owen Hale at the docks. Later, Tessa becomes Owen's closest ally. Tessa and the Harbor Syndicate have been enemies for years. The Harbor Syndicate is at war with the Blackwater Crew.");
        expect(&fs, "Tessa Moreau", Relation::AllyOf, "Owen Hale");
        expect(&fs, "Tessa Moreau", Relation::EnemyOf, "Harbor Syndicate");
        expect(
            &fs,
            "Harbor Syndicate",
            Relation::EnemyOf,
            "Blackwater Crew",
        );
    }

    // A group's title for a character ("the Order's captain") was dropped from the
    // template when the title stood for the character; the membership it states must
    // survive.
    #[test]
    fn group_possessive_title_is_membership() {
        let fs = facts(
            "Captain Dara Vell boards the barge. The Order of Ash waits in the hold. \
             The crew of the barge answers to Dara Vell, the Order's captain, without question.",
        );
        expect(&fs, "Dara Vell", Relation::MemberOf, "Order of Ash");
    }

    // Membership stated by rank with "of", "in", "with" or "at", and through an appositive.
    #[test]
    fn common_phrasings_of_joining_killing_revealing_and_working() {
        // An adverb before "joins"; "one of the original X"; "shot dead by"; ", who killed";
        // a comma before "turns out to be"; "reveals herself to be"; "have agreed to work
        // together"; a relative clause before "works ... at"; "teaches at".
        let fs = facts(
            "The Lantern Wardens patrol the docks. Ida Brenn officially joins the Lantern Wardens. \
             Tam, one of the original Lantern Wardens, is shot dead by Corvin Hale. \
             Corvin Hale, who killed Ossie Marr, walks away. \
             The voice on the radio, the Magpie, turns out to be Lena Voss. \
             Then Mrs. Quill reveals herself to be Oriel Vant. \
             Ida Brenn and Wren Tull have agreed to work together against Corvin Hale. \
             Pell Brine, a tired clerk who works the night shift at the Halloran Hotel, waits. \
             Ada Moss teaches at Greyfield Academy.",
        );
        expect(&fs, "Ida Brenn", Relation::MemberOf, "Lantern Wardens");
        expect(&fs, "Tam", Relation::MemberOf, "Lantern Wardens");
        expect(&fs, "Corvin Hale", Relation::Killed, "Tam");
        expect(&fs, "Corvin Hale", Relation::Killed, "Ossie Marr");
        expect(&fs, "Magpie", Relation::SameAs, "Lena Voss");
        expect(&fs, "Quill", Relation::SameAs, "Oriel Vant");
        expect(&fs, "Ida Brenn", Relation::AllyOf, "Wren Tull");
        expect(&fs, "Pell Brine", Relation::WorksAt, "Halloran Hotel");
        expect(&fs, "Ada Moss", Relation::WorksAt, "Greyfield Academy");
    }

    #[test]
    fn the_two_means_names_before_it() {
        // "the two of them" are the characters named before it; Corvin, named after, is
        // the one they team up against.
        let fs = facts(
            "Ida Brenn finds Wren Tull at the pier. \
             Ida hesitates, and the two of them team up before Corvin Hale can return.",
        );
        expect(&fs, "Ida Brenn", Relation::AllyOf, "Wren Tull");
        assert!(
            !fs.iter().any(|f| f.relation == Relation::AllyOf
                && (f.subject == "Corvin Hale" || f.object == "Corvin Hale")),
            "{fs:?}"
        );
    }

    #[test]
    fn a_plural_copula_lists_members() {
        // "The other Wardens are X" names a member; it does not make the group and X one.
        let fs = facts(
            "The Lantern Wardens patrol the docks. The Wardens meet at night. \
             The other Wardens are Ida Brenn (Cora Vell), who keeps the keys, and a boy named Tam.",
        );
        expect(&fs, "Ida Brenn", Relation::MemberOf, "Lantern Wardens");
        assert!(!fs.iter().any(|f| f.relation == Relation::SameAs), "{fs:?}");
    }

    #[test]
    fn membership_by_rank_and_preposition() {
        let fs = facts(
            "Lord Hale, commander of the Iron Wolves, rides out. Kit Moran is a squire in the Iron Wolves. \
             Jonah Webb, a homicide detective with the Harbor Police, arrives. \
             Tess, the quiet recruit from the first episode, is the first of the Iron Wolves to kneel.",
        );
        expect(&fs, "Hale", Relation::MemberOf, "Iron Wolves");
        expect(&fs, "Kit Moran", Relation::MemberOf, "Iron Wolves");
        expect(&fs, "Jonah Webb", Relation::MemberOf, "Harbor Police");
        expect(&fs, "Tess", Relation::MemberOf, "Iron Wolves");
    }

    // Leading a group with an appositive that names someone else in between, and two
    // subjects of a plural verb.
    #[test]
    fn leading_a_group() {
        let fs = facts(
            "Ada Marsh, now openly the Raven and done with disguises, leads the Night Watch into the fog. \
             Bram Kell and Lise Kell lead what is left of the Crimson Order down the stairs.",
        );
        expect(&fs, "Ada Marsh", Relation::MemberOf, "Night Watch");
        expect(&fs, "Bram Kell", Relation::MemberOf, "Crimson Order");
        expect(&fs, "Lise Kell", Relation::MemberOf, "Crimson Order");
    }

    // "one of her most trusted Wardens" belongs the character to the group.
    #[test]
    fn one_of_possessive_group() {
        let fs = facts("Edda Vane calls the Lantern Wardens. Wren, one of her most trusted Lantern Wardens, runs the boats.");
        expect(&fs, "Wren", Relation::MemberOf, "Lantern Wardens");
    }

    // A killing told in a relative clause, and turning against a group.
    #[test]
    fn relative_clause_killing_and_turning() {
        let fs = facts(
            "Strand taunts Edda about Old Bastian, the man he murdered at the tavern. \
             Mara Kest turns against the Gilded Choir.",
        );
        expect(&fs, "Strand", Relation::Killed, "Old Bastian");
        expect(&fs, "Mara Kest", Relation::EnemyOf, "Gilded Choir");
    }

    // "⟨a⟩'s partner, a cartographer named ⟨b⟩" and "made himself ⟨a⟩'s enemy".
    #[test]
    fn possessive_relations() {
        let fs = facts(
            "Sol finds the wreck. Sol's partner, a cartographer named Tobias Quill, reads the map. \
             Senator Brandt meets Sir Edmund. By noon Brandt has made himself Sir Edmund's most dangerous enemy.",
        );
        expect(&fs, "Sol", Relation::AllyOf, "Tobias Quill");
        expect(&fs, "Brandt", Relation::EnemyOf, "Edmund");
    }

    // Voice credits in a review: "X, the voice of Y" and "X gives Y's scene ...".
    #[test]
    fn review_voice_credits() {
        let story = crate::extract_parts(
            &["Maya runs. Eli waits."],
            &["Lena Ortiz (Maya) is great. Sam Park, the voice of Eli, is better. Sam Park gives Eli's last scene a quiet dignity."],
            None,
        );
        expect(&story.facts, "Eli", Relation::PlayedBy, "Sam Park");
    }

    // A role an apposition gives someone in a group or at a place: "the Corps' chief
    // engineer" is membership, "the Halloran's head of security" work there, and "the
    // Choir's latest victim" neither.
    #[test]
    fn roles_in_possessive_appositions() {
        let fs = facts(
            "Sayo Ishiguro, the Glasswing Corps' chief engineer, reads the logs. \
             Celeste Moreau (Sasha Petrenko), the Halloran Hotel's head of security, checks the keys. \
             Pell, the Gilded Choir's latest victim, sleeps. Rei has flown for the Ouroboros Front for years.",
        );
        expect(&fs, "Sayo Ishiguro", Relation::MemberOf, "Glasswing Corps");
        expect(&fs, "Celeste Moreau", Relation::WorksAt, "Halloran Hotel");
        expect(&fs, "Rei", Relation::MemberOf, "Ouroboros Front");
        assert!(
            !fs.iter()
                .any(|f| f.subject == "Pell" && f.relation == Relation::MemberOf),
            "{fs:#?}"
        );
    }

    // Running or keeping a place is work there; founding a group is membership; the
    // place may come first ("the Cannery, which Ruth has run since ...").
    #[test]
    fn running_and_founding() {
        let fs = facts(
            "Vivian Prescott, who has run the Halloran Hotel for eleven years, frowns. \
             The Prentiss Cannery, which Ruth has run since the war, is failing. \
             Dai founded the Lunch Society in his first year.",
        );
        expect(&fs, "Vivian Prescott", Relation::WorksAt, "Halloran Hotel");
        expect(&fs, "Ruth", Relation::WorksAt, "Prentiss Cannery");
        expect(&fs, "Dai", Relation::MemberOf, "Lunch Society");
    }

    // Alliances and wars stated as such, including across a coordinated clause.
    #[test]
    fn alliances_and_wars() {
        let fs = facts(
            "Sael, who refuses to belong to anyone, agrees to an alliance with the Veiled Synod. \
             In the Glass Keep, Maelis hears Harrow's account, looks at the cord, and declares war on the Veiled Synod. \
             Dai and Ryuu finally team up. Akane is sure Rei is secretly on her side.",
        );
        expect(&fs, "Sael", Relation::AllyOf, "Veiled Synod");
        expect(&fs, "Maelis", Relation::EnemyOf, "Veiled Synod");
        expect(&fs, "Dai", Relation::AllyOf, "Ryuu");
        expect(&fs, "Rei", Relation::AllyOf, "Akane");
    }

    // Heirs belong to their house, stewards to their guild, and "X, as Y, plays" in a
    // review credits an actor.
    #[test]
    fn heirs_stewards_and_role_credits() {
        let story = crate::extract_parts(
            &["Prince Corin, the last heir of House Dravenhal, rides out. \
               Walt is the shop steward for the Harbor Workers Guild. Harrow waits. Harrow draws his sword. Harrow rides to the keep."],
            &["Jonah Whitlow, as Harrow, plays the scene with a blank face."],
            None,
        );
        let fs = &story.facts;
        expect(fs, "Corin", Relation::MemberOf, "House Dravenhal");
        expect(fs, "Walt", Relation::MemberOf, "Harbor Workers Guild");
        expect(fs, "Harrow", Relation::PlayedBy, "Jonah Whitlow");
    }

    // Working "back at work at" a place.
    #[test]
    fn back_at_work() {
        let fs = facts("Sol is back at work at the Brass Eel tavern, pulling pints.");
        expect(&fs, "Sol", Relation::WorksAt, "Brass Eel");
    }

    // Relation verbs and nouns.
    #[test]
    fn allies_and_enemies() {
        let fs = facts("Rouge runs. Naomi supports Rouge from the shadows. Rouge defeats Viola. Mara and Mira are now enemies.");
        assert!(
            has(
                &fs,
                "Naomi",
                Relation::AllyOf,
                "Rouge",
                Certainty::Confirmed
            ),
            "{fs:#?}"
        );
        assert!(has(
            &fs,
            "Rouge",
            Relation::EnemyOf,
            "Viola",
            Certainty::Confirmed
        ));
        assert!(has(
            &fs,
            "Mara",
            Relation::EnemyOf,
            "Mira",
            Certainty::Confirmed
        ));
    }

    // Every row of data/fact_rules.txt gives the fact its example names, and every row
    // parses (a row that did not would be missing from the table).
    #[test]
    fn every_fact_rule_gives_its_example() {
        let rows = super::entries(include_str!("../data/fact_rules.txt")).count();
        assert_eq!(
            super::FACT_RULES.len(),
            rows,
            "a row of fact_rules.txt does not parse"
        );
        for rule in super::FACT_RULES.iter() {
            let (sentence, subject, object) = &rule.example;
            let fs = facts(sentence);
            let found = fs.iter().any(|f| {
                f.relation == rule.relation
                    && ((f.subject == *subject && f.object == *object)
                        || (matches!(rule.relation, Relation::AllyOf | Relation::EnemyOf)
                            && f.subject == *object
                            && f.object == *subject))
            });
            assert!(
                found,
                "{sentence} should give {subject} {} {object}: {fs:?}",
                rule.relation.as_str()
            );
        }
        // A negated phrasing gives nothing.
        let fs = facts("Tomas Reyne, who is plainly no friend of Mira Solberg, waits outside.");
        assert!(!fs.iter().any(|f| f.relation == Relation::AllyOf), "{fs:?}");
    }
}
#[cfg(test)]
mod debug_tests {
    #[test]
    fn copula_matches() {
        let t = "⟨2⟩ confirms ⟨2⟩ 's ⟨3⟩ .";
        let caps: Vec<String> = super::PAT
            .copula
            .captures_iter(t)
            .map(|c| format!("{:?}", c))
            .collect();
        assert!(!caps.is_empty(), "{}", super::PAT.copula.as_str());
    }
}
