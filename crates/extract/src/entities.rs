//! From mentions to entities: surface forms, alias resolution, kinds and genders.
//!
//! Each distinct bare name is a *form*. Forms are grouped into clusters by documented rules,
//! each tested below:
//! 1. **Titles** — "Dr. Roy Junghardt" and "Roy Junghardt" are one form; the titled text is
//!    kept as an alias. A capitalised first word that the article also writes in lower case
//!    ("Harbourmaster Vane" beside "the harbourmaster") is a title too, when the rest of the
//!    name is used on its own.
//! 2. **Plurals** — "Cogborns" beside "Cogborn" is the same kind word.
//! 3. **Partial names** — a one-word form that is the first or last word of multi-word
//!    names of exactly one cluster joins it ("Naomi" ← "Naomi Orthmann"); with two candidate
//!    clusters ("Kest": "Mira Kest", "Mara Kest") it stays apart. Works (the series title)
//!    never absorb partial names, since "Rouge" is not "Metallic Rouge".
//! 4. **Misspellings** — a rare form one edit (or one swap) away from a form at least three
//!    times as frequent, with the same first letter, joins it ("Rogue" → "Rouge"). Two
//!    frequent forms never merge ("Naomi"/"Noami", "Mira Kest"/"Mara Kest"), nor forms
//!    written side by side ("Mira and Mara"), nor a rare form that has its own full name.
//!    Every merge is rare → frequent, so similarity never chains (A~B, B~C ⇏ A~C).
//! 5. **Identity reveals** — applied by the caller from `same_as` facts
//!    ([`Resolver::merge_reveals`]), then partial names are tried again.
//!
//! Kinds are decided over all mentions of a cluster from scored evidence (titles, head
//! words, prepositions, articles, appositives, following pronouns and verbs, the review's
//! vocabulary), never from one mention alone.

use crate::doc::Doc;
use crate::lexicon::{class, Gender, LEX};
use crate::mentions::RawMention;
use crate::model::{Kind, Part};
use crate::segment::TokKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const KINDS: [Kind; 8] = [
    Kind::Character,
    Kind::Person,
    Kind::Group,
    Kind::Place,
    Kind::Thing,
    Kind::Kind,
    Kind::Work,
    Kind::Org,
];

fn kind_index(k: Kind) -> usize {
    KINDS.iter().position(|&x| x == k).unwrap_or(0)
}

/// Scored evidence for each kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub score: [f32; 8],
    /// Mentions not preceded by an article or possessive ("Rouge" rather than "the Gladiator").
    pub bare: u32,
    pub total: u32,
    pub male: f32,
    pub female: f32,
}

impl Evidence {
    fn add(&mut self, k: Kind, w: f32) {
        self.score[kind_index(k)] += w;
    }
    fn merge(&mut self, o: &Evidence) {
        for i in 0..8 {
            self.score[i] += o.score[i];
        }
        self.bare += o.bare;
        self.total += o.total;
        self.male += o.male;
        self.female += o.female;
    }
}

/// One distinct bare name.
#[derive(Debug, Clone)]
pub struct Form {
    pub name: String,
    pub words: usize,
    pub count: usize,
    pub first_mention: usize,
    /// Titled spellings seen ("Dr. Roy Junghardt").
    pub titled: Vec<String>,
    /// Mentions written without a title; a form only ever written with one ("Miss
    /// Arden") is not itself a surface form of the text.
    pub untitled: usize,
    pub evidence: Evidence,
    pub recap: usize,
    pub review: usize,
    pub is_series: bool,
    /// Whether the article's review half was opened by a heading ([`Doc::review_headed`]).
    pub review_headed: bool,
    /// Whether the name opens on a common given name (`data/given_names.txt`).
    pub given_name: bool,
    /// A titled spelling of another form ("Harbourmaster Vane" of "Vane"); never canonical.
    pub title_variant: bool,
}

/// A resolved entity.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub forms: Vec<usize>,
    pub kind: Kind,
    /// The kind is a default, not backed by evidence.
    pub weak_kind: bool,
    pub gender: Option<Gender>,
    pub canonical: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub first_mention: usize,
}

/// Union-find over forms.
#[derive(Debug, Clone)]
struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// Joins the sets of `a` and `b`; whether they were apart.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller index (earlier form) as root so results are stable.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
        ra != rb
    }
}

/// The state of alias resolution for one article.
pub struct Resolver {
    pub forms: Vec<Form>,
    pub mention_form: Vec<usize>,
    /// Forms merged by rules 1–4 only (the names an entity had before any reveal).
    base: Dsu,
    /// Forms merged by all rules.
    full: Dsu,
    /// Pairs of forms written side by side ("Mira and Mara"): evidence of two people.
    side_by_side: Vec<(usize, usize)>,
    /// Forms that a reveal named as someone's other identity ("she is Shrike"): the
    /// revealed side, which does not give the entity its canonical name.
    revealed: Vec<usize>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl Resolver {
    /// Builds forms from mentions and applies rules 1–4.
    pub fn new(doc: &Doc, mentions: &[RawMention], series: Option<&str>) -> Self {
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut forms: Vec<Form> = Vec::new();
        let mut mention_form = Vec::with_capacity(mentions.len());
        // "The Marchbank Letters" is named "the Marchbank Letters" in running text, whose
        // "the" the mention leaves out: the series is compared without a leading article.
        let without_the = |s: &str| -> String {
            let l = lower(s.trim());
            l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
        };
        let series_norm = series.map(without_the);
        for (mi, m) in mentions.iter().enumerate() {
            let fi = match index.get(&m.name) {
                Some(&fi) => fi,
                None => {
                    let fi = forms.len();
                    index.insert(m.name.clone(), fi);
                    forms.push(Form {
                        name: m.name.clone(),
                        words: m.name.split(' ').count(),
                        count: 0,
                        first_mention: mi,
                        titled: Vec::new(),
                        untitled: 0,
                        evidence: Evidence::default(),
                        recap: 0,
                        review: 0,
                        is_series: series_norm.as_deref() == Some(without_the(&m.name).as_str()),
                        review_headed: doc.review_headed,
                        given_name: m.name.split(' ').next().is_some_and(|w| {
                            LEX.given_names.contains_key(w.to_lowercase().as_str())
                        }),
                        title_variant: false,
                    });
                    fi
                }
            };
            let ev = mention_evidence(doc, mentions, mi);
            let f = &mut forms[fi];
            f.count += 1;
            f.evidence.merge(&ev);
            match m.part {
                Part::Recap => f.recap += 1,
                Part::Review => f.review += 1,
            }
            if m.title.is_some() {
                if !f.titled.contains(&m.full) && f.titled.len() < 16 {
                    f.titled.push(m.full.clone());
                }
            } else {
                f.untitled += 1;
            }
            mention_form.push(fi);
        }
        // Forms written side by side: "A and B", "A, B", "A or B".
        let mut side_by_side = Vec::new();
        for w in 0..mentions.len().saturating_sub(1) {
            let (a, b) = (&mentions[w], &mentions[w + 1]);
            if a.sent == b.sent && b.first_tok >= a.toks.end && b.first_tok - a.toks.end <= 1 {
                let between = if b.first_tok > a.toks.end {
                    doc.tok(a.toks.end)
                } else {
                    ""
                };
                if matches!(between, "and" | "or" | "," | "&" | "nor") {
                    side_by_side.push((mention_form[w], mention_form[w + 1]));
                }
            }
        }
        // A quoted nickname inside a full name: Aubrey “Bunny” Fairweather.
        let mut nick_pairs = Vec::new();
        for w in 0..mentions.len().saturating_sub(2) {
            let (a, n, z) = (&mentions[w], &mentions[w + 1], &mentions[w + 2]);
            if a.sent == z.sent
                && n.quoted
                && a.toks.len() == 1
                && z.toks.len() == 1
                && n.first_tok == a.toks.end + 1
                && z.first_tok == n.toks.end + 1
            {
                nick_pairs.push((mention_form[w + 1], mention_form[w + 2]));
            }
        }
        // Credits in a review: "Edda (Saoirse Doyle)" or "Lena Ortiz (Maya)". Of the two
        // names, the one the recap never uses is the real person.
        let mut inner_credit = vec![0usize; forms.len()];
        for w in 0..mentions.len().saturating_sub(1) {
            let (a, b) = (&mentions[w], &mentions[w + 1]);
            if a.sent != b.sent
                || b.first_tok != a.toks.end + 1
                || doc.tok(a.toks.end) != "("
                || doc.tok(b.toks.end) != ")"
            {
                continue;
            }
            let (fa, fb) = (mention_form[w], mention_form[w + 1]);
            if a.part == Part::Review {
                if forms[fa].recap > 0 && forms[fb].recap == 0 {
                    forms[fb].evidence.add(Kind::Person, 5.0);
                } else if forms[fb].recap > 0 && forms[fa].recap == 0 {
                    forms[fa].evidence.add(Kind::Person, 5.0);
                } else if forms[fa].recap == 0
                    && forms[fb].recap == 0
                    && forms[fa].words > 1
                    && forms[fb].words > 1
                {
                    // Neither name is in the recap: the genre's convention, "Character
                    // (Actor)", decides. Only full names, since "Pluto (Studio M2)" or
                    // "Frieren (Madhouse)" credit a studio.
                    forms[fb].evidence.add(Kind::Person, 3.0);
                    forms[fa].evidence.add(Kind::Character, 2.0);
                }
            } else {
                inner_credit[fb] += 1;
            }
        }
        // "Mayumi Kagawa's Velzareth": in a review, a name the recap never uses that owns
        // a character of the recap is the actor's.
        for w in 0..mentions.len().saturating_sub(1) {
            let (a, b) = (&mentions[w], &mentions[w + 1]);
            if a.part != Part::Review
                || !a.possessive
                || a.sent != b.sent
                || b.first_tok != a.toks.end + 1
            {
                continue;
            }
            let (fa, fb) = (mention_form[w], mention_form[w + 1]);
            if forms[fa].recap == 0 && forms[fb].recap > 0 && forms[fa].words > 1 {
                forms[fa].evidence.add(Kind::Person, 4.0);
            }
        }
        // "Tamsin Reed (voiced by Lena Ortiz)", "(played by ...)": the credit says outright
        // that the name in parentheses is the performer's, in recap or review.
        for w in 0..mentions.len().saturating_sub(1) {
            let (a, b) = (&mentions[w], &mentions[w + 1]);
            if a.sent != b.sent
                || b.first_tok != a.toks.end + 3
                || doc.tok(a.toks.end) != "("
                || !matches!(
                    doc.lower(a.toks.end + 1),
                    "voiced" | "played" | "portrayed" | "performed"
                )
                || doc.lower(a.toks.end + 2) != "by"
                || doc.tok(b.toks.end) != ")"
            {
                continue;
            }
            let fb = mention_form[w + 1];
            forms[fb].evidence.add(Kind::Person, 6.0);
        }
        // "Sam Park, the voice of Eli", "Sam Park, who voices Eli": an apposition that
        // says the first name is the performer's.
        for w in 0..mentions.len().saturating_sub(1) {
            let (a, b) = (&mentions[w], &mentions[w + 1]);
            if a.sent != b.sent || doc.tok(a.toks.end) != "," {
                continue;
            }
            let gap: Vec<&str> = (a.toks.end + 1..b.first_tok)
                .map(|k| doc.lower(k))
                .collect();
            // "Jonah Whitlow, as Harrow, plays the scene ..." credits an actor in a review
            // (in a recap, "Edda, as the Lamplighter, ..." is a character in a role).
            let as_role = a.part == Part::Review
                && matches!(gap.as_slice(), ["as"])
                && doc.tok(b.toks.end) == ",";
            let credit = as_role
                || matches!(
                    gap.as_slice(),
                    ["the", "voice", "of" | "behind"]
                        | ["who", "voices" | "plays" | "voiced" | "played"]
                        | ["the", "actor" | "actress", "playing" | "behind"]
                );
            if credit {
                let fa = mention_form[w];
                forms[fa].evidence.add(Kind::Person, 6.0);
            }
        }
        // In a recap, "Nora Calloway (Imogen Sallis)": a full name that only ever appears
        // in parentheses after another name is the actor's.
        for (fi, &n) in inner_credit.iter().enumerate() {
            if n > 0 && n == forms[fi].recap && forms[fi].words > 1 {
                forms[fi].evidence.add(Kind::Person, 5.0);
            }
        }
        let n = forms.len();
        let mut r = Resolver {
            forms,
            mention_form,
            base: Dsu::new(n),
            full: Dsu::new(n),
            side_by_side,
            revealed: Vec::new(),
        };
        for (nick, last) in nick_pairs {
            r.union_base(nick, last);
        }
        r.rule_lowercase_titles(doc, &index);
        r.rule_plurals(&index);
        r.rule_acronyms();
        r.rule_partial_names();
        r.rule_misspellings();
        r.rule_nicknames();
        r
    }

    /// Rule 4b: a one-word name that shortens exactly one character's first name is a
    /// nickname: its end ("Sol" ← "Marisol") or its start plus a pet ending ("Toby" ←
    /// "Tobias", "Sam" ← "Samantha"). Three letters at least, and only into a cluster of
    /// a single first name, so "Mara" never becomes "Marisol".
    fn rule_nicknames(&mut self) {
        let n = self.forms.len();
        // First names of multi-word character forms and one-word character forms.
        let mut firsts: Vec<(String, usize)> = Vec::new();
        for fi in 0..n {
            let f = &self.forms[fi];
            if f.is_series || f.title_variant || self.form_kind(fi) != Kind::Character {
                continue;
            }
            if let Some(first) = f.name.split(' ').next() {
                if first.chars().count() >= 5 && first.chars().all(char::is_alphabetic) {
                    firsts.push((lower(first), fi));
                }
            }
        }
        if firsts.len() > 2000 {
            // A pathological text with thousands of names: skip this optional rule to
            // stay linear.
            return;
        }
        let mut has_multi = vec![false; n];
        for o in 0..n {
            if self.forms[o].words > 1 {
                let r = self.base.clone_find(o);
                has_multi[r] = true;
            }
        }
        let mut merges = Vec::new();
        for fi in 0..n {
            let f = &self.forms[fi];
            let len = f.name.chars().count();
            if f.words != 1 || len < 3 || f.is_series || self.form_kind(fi) != Kind::Character {
                continue;
            }
            let own = self.base.clone_find(fi);
            // A name that already belongs to a multi-word name is not a nickname.
            if has_multi[own] {
                continue;
            }
            let nick = lower(&f.name);
            let mut roots: Vec<(usize, usize)> = Vec::new();
            for (first, c) in &firsts {
                if *first == nick || first.chars().count() < len + 2 {
                    continue;
                }
                let stem: String = nick.chars().take(len - 1).collect();
                let pet = (nick.ends_with('y')
                    || nick.ends_with("ie")
                    || nick.ends_with('i')
                    || nick.ends_with('o'))
                    && len >= 4
                    && first.starts_with(&stem);
                let prefix = len >= 3 && first.starts_with(&nick);
                let suffix = first.ends_with(&nick);
                if pet || prefix || suffix {
                    let r = self.base.clone_find(*c);
                    if r != own && !roots.iter().any(|x| x.0 == r) {
                        roots.push((r, *c));
                    }
                }
            }
            if let [(_, c)] = roots.as_slice() {
                merges.push((fi, *c));
            }
        }
        for (a, b) in merges {
            self.union_base(a, b);
        }
    }

    fn union_base(&mut self, a: usize, b: usize) {
        let _ = self.base.union(a, b);
        let _ = self.full.union(a, b);
    }

    /// Rule 1b: "Harbourmaster Vane" when "harbourmaster" is also written in lower case and
    /// "Vane" is a form of its own: the first word is a title.
    fn rule_lowercase_titles(&mut self, doc: &Doc, index: &HashMap<String, usize>) {
        for fi in 0..self.forms.len() {
            let f = &self.forms[fi];
            if f.words < 2 || f.is_series {
                continue;
            }
            let Some((first, rest)) = f.name.split_once(' ') else {
                continue;
            };
            if !doc.lower_vocab.contains(lower(first).as_str()) {
                continue;
            }
            let last_word = lower(rest.rsplit(' ').next().unwrap_or(""));
            if LEX.group_words.contains(&last_word)
                || LEX.place_words.contains(&last_word)
                || LEX.thing_words.contains(&last_word)
            {
                continue;
            }
            if let Some(&ri) = index.get(rest) {
                if ri != fi && !self.forms[ri].is_series {
                    let full = self.forms[fi].name.clone();
                    if !self.forms[ri].titled.contains(&full) {
                        self.forms[ri].titled.push(full);
                    }
                    self.forms[fi].title_variant = true;
                    self.union_base(fi, ri);
                }
            }
        }
    }

    /// Rule 2: "Xs" beside "X" is the plural of a kind word.
    fn rule_plurals(&mut self, index: &HashMap<String, usize>) {
        // Surnames: last words of multi-word names. "the Donovans" beside "Frank Donovan"
        // is the family, a group, not a plural kind word.
        let surnames: HashSet<String> = self
            .forms
            .iter()
            .filter(|f| f.words > 1)
            .filter_map(|f| f.name.rsplit(' ').next().map(str::to_string))
            .collect();
        // Group names by their first word: "the Greyhounds" beside "the Greyhound Crew"
        // is the crew's short plural form. Only a first word that starts one group name
        // counts.
        let mut group_heads: HashMap<String, Vec<usize>> = HashMap::default();
        for (gi, f) in self.forms.iter().enumerate() {
            let Some((first, last)) = f.name.split_once(' ') else {
                continue;
            };
            let last = last.rsplit(' ').next().unwrap_or(last).to_lowercase();
            if f.words > 1 && LEX.group_words.contains(last.as_str()) {
                group_heads.entry(first.to_string()).or_default().push(gi);
            }
        }
        for fi in 0..self.forms.len() {
            let name = &self.forms[fi].name;
            if self.forms[fi].words != 1 || name.chars().count() < 4 {
                continue;
            }
            if let Some(singular) = name.strip_suffix('s') {
                if let Some([gi]) = group_heads.get(singular).map(Vec::as_slice) {
                    let gi = *gi;
                    self.forms[fi].evidence.add(Kind::Group, 4.0);
                    self.union_base(fi, gi);
                    continue;
                }
                if surnames.contains(singular) {
                    self.forms[fi].evidence.add(Kind::Group, 4.0);
                    continue;
                }
                if let Some(&si) = index.get(singular) {
                    self.forms[si].evidence.add(Kind::Kind, 4.0);
                    self.forms[fi].evidence.add(Kind::Kind, 4.0);
                    self.union_base(fi, si);
                }
            }
        }
    }

    /// Rule 2c: an acronym joins the one multi-word name whose initials it spells
    /// ("NBPD" and "New Bristol Police Department"; "of", "the" and "and" may be skipped or
    /// kept: "SHIELD" has no such word to skip, "NYPD" and "New York Police Department").
    fn rule_acronyms(&mut self) {
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
        for (fi, f) in self.forms.iter().enumerate() {
            if f.words < 2 || f.is_series {
                continue;
            }
            let words: Vec<&str> = f.name.split(' ').collect();
            let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
            let content: String = words
                .iter()
                .filter(|w| !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for"))
                .filter_map(|w| w.chars().next())
                .collect();
            for key in [all, content] {
                let key = key.to_uppercase();
                let list = by_initials.entry(key).or_default();
                if !list.contains(&fi) {
                    list.push(fi);
                }
            }
        }
        let mut merges = Vec::new();
        for (fi, f) in self.forms.iter().enumerate() {
            let n = f.name.chars().count();
            if f.words != 1
                || !(2..=6).contains(&n)
                || !f.name.chars().all(|c| c.is_ascii_uppercase())
            {
                continue;
            }
            if let Some([target]) = by_initials.get(&f.name).map(Vec::as_slice) {
                merges.push((fi, *target));
            }
        }
        for (a, b) in merges {
            self.union_base(a, b);
        }
    }

    /// Preliminary kind of a form from its own evidence (for rules that need one).
    fn form_kind(&self, fi: usize) -> Kind {
        decide_kind(&self.forms[fi], &self.forms[fi].evidence)
    }

    /// A form with real evidence of being a work (not just named only in the review).
    fn is_work(&self, fi: usize) -> bool {
        let (k, weak) = decide_kind_weak(&self.forms[fi], &self.forms[fi].evidence);
        k == Kind::Work && !weak
    }

    /// Rule 3: one-word forms join the single cluster whose multi-word names start or end
    /// with them.
    fn rule_partial_names(&mut self) {
        // Word -> multi-word forms whose first or last word it is.
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::default();
        for (fi, f) in self.forms.iter().enumerate() {
            let ends_lower = f
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
            if f.words < 2 || f.is_series || f.title_variant || ends_lower || self.is_work(fi) {
                continue;
            }
            let words: Vec<&str> = f.name.split(' ').collect();
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                by_word.entry(first).or_default().push(fi);
                if last != first {
                    by_word.entry(last).or_default().push(fi);
                }
            }
        }
        let mut merges = Vec::new();
        for (fi, f) in self.forms.iter().enumerate() {
            if f.words != 1 || f.is_series {
                continue;
            }
            let Some(cands) = by_word.get(f.name.as_str()) else {
                continue;
            };
            // Names already in this form's own cluster ("Harbourmaster Vane" for "Vane")
            // are not candidates.
            let own = self.full.clone_find(fi);
            let mut roots: Vec<(usize, usize)> = cands
                .iter()
                .map(|&c| (self.full.clone_find(c), c))
                .filter(|&(r, _)| r != own)
                .collect();
            roots.sort_unstable();
            roots.dedup_by_key(|x| x.0);
            if let [(_, c)] = roots.as_slice() {
                merges.push((fi, *c));
            }
        }
        for (a, b) in merges {
            self.union_base(a, b);
        }
    }

    /// Rule 4: a rare form one edit from a much more frequent one is a misspelling.
    fn rule_misspellings(&mut self) {
        let n = self.forms.len();
        let mut counts = vec![0usize; n];
        let mut has_multi = vec![false; n];
        for fi in 0..n {
            let r = self.base.find(fi);
            counts[r] += self.forms[fi].count;
            has_multi[r] |= self.forms[fi].words > 1;
        }
        // Index the forms of frequent clusters by their one-deletion neighbourhood.
        // Keys are hashes: a collision only adds a candidate, which the distance check
        // below then rejects, so the result is that of comparing the strings.
        let mut index: Vec<(u64, usize)> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        // Each form's name in lower case, made once for the index and the comparisons.
        let lowered: Vec<String> = self.forms.iter().map(|f| lower(&f.name)).collect();
        for (fi, low) in lowered.iter().enumerate() {
            let r = self.base.find(fi);
            let len = self.forms[fi].name.chars().count();
            if counts[r] < 3 || !(4..=40).contains(&len) {
                continue;
            }
            deletion_keys(low, &mut keys);
            index.extend(keys.iter().map(|&k| (k, fi)));
        }
        index.sort_unstable();
        let mut merges = Vec::new();
        for fi in 0..n {
            let r = self.base.find(fi);
            let name = &lowered[fi];
            let len = name.chars().count();
            if has_multi[r] || !(4..=40).contains(&len) || self.forms[fi].is_series {
                continue;
            }
            let mut targets: Vec<usize> = Vec::new();
            deletion_keys(name, &mut keys);
            for &key in &keys {
                let from = index.partition_point(|&(k, _)| k < key);
                let cands = index[from..].iter().take_while(|&&(k, _)| k == key);
                {
                    for &(_, c) in cands {
                        let rc = self.base.find(c);
                        if rc == r || targets.contains(&rc) {
                            continue;
                        }
                        let other = &lowered[c];
                        // A plural ("Donovans" / "Donovan") is not a misspelling.
                        let plural = other.strip_suffix('s') == Some(name.as_str())
                            || name.strip_suffix('s') == Some(other.as_str());
                        if plural
                            || other.chars().next() != name.chars().next()
                            || strsim::osa_distance(name, other) > 1
                            || counts[rc] < 3 * counts[r]
                        {
                            continue;
                        }
                        targets.push(rc);
                    }
                }
            }
            if targets.len() == 1 {
                let t = targets[0];
                let beside = self.side_by_side.iter().any(|&(a, b)| {
                    let (ra, rb) = (self.base.find(a), self.base.find(b));
                    (ra == r && rb == t) || (ra == t && rb == r)
                });
                if !beside {
                    merges.push((fi, t));
                }
            }
        }
        for (a, b) in merges {
            self.union_base(a, b);
        }
    }

    /// Rule 5: identity reveals merge clusters (but not the base clusters that choose the
    /// canonical name), then partial names get another chance now that candidates may
    /// have become one cluster.
    /// The forms that two or more different characters are each said to be ("Sael is
    /// Wyrdborn", "Tobin might be Wyrdborn too"), given reveal pairs (subject form,
    /// object form). Such a name is a class of beings or an open question, not one person.
    /// (One character said to be two names, "she's Viola Keane" and "she may be Purgatory
    /// Viola", is one person with two aliases.)
    pub fn contested_reveals(&mut self, pairs: &[(usize, usize)]) -> Vec<usize> {
        // How many distinct names claim each name, counted through a set of (claimed,
        // claimant) pairs so that a text with thousands of claimants stays linear.
        let mut seen: HashSet<(usize, usize)> = HashSet::default();
        let mut claimants: HashMap<usize, usize> = HashMap::default();
        for &(a, b) in pairs {
            if a < self.forms.len() && b < self.forms.len() {
                let (ra, rb) = (self.base.find(a), self.base.find(b));
                if seen.insert((rb, ra)) {
                    *claimants.entry(rb).or_default() += 1;
                }
            }
        }
        let mut out: Vec<usize> = pairs
            .iter()
            .map(|&(_, b)| b)
            .filter(|&b| {
                b < self.forms.len() && claimants.get(&self.base.find(b)).is_some_and(|&n| n > 1)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `contested` is [`Resolver::contested_reveals`] of the same pairs: a name two
    /// characters are each said to be would join them by chaining, so it joins neither.
    /// Returns whether anything was merged (when nothing was, the clusters are those of
    /// [`Resolver::clusters`] before the call).
    pub fn merge_reveals(&mut self, pairs: &[(usize, usize)], contested: &[usize]) -> bool {
        let mut changed = false;
        // Each distinct pair once (a text may repeat one reveal thousands of times), and
        // the side-by-side pairs likewise: the check below compares the two lists, so
        // both are kept short. A hostile text with more distinct reveals than any story
        // has gets only the first MAX_REVEALS, which keeps the work linear in its size.
        const MAX_REVEALS: usize = 2048;
        let mut unique: Vec<(usize, usize)> = Vec::new();
        let mut seen_pairs: HashSet<(usize, usize)> = HashSet::default();
        for &p in pairs {
            if unique.len() >= MAX_REVEALS {
                break;
            }
            if seen_pairs.insert(p) {
                unique.push(p);
            }
        }
        let mut beside: Vec<(usize, usize)> = self.side_by_side.clone();
        beside.sort_unstable();
        beside.dedup();
        beside.truncate(MAX_REVEALS);
        for &(a, b) in &unique {
            if a >= self.forms.len() || b >= self.forms.len() {
                continue;
            }
            if contested.binary_search(&b).is_ok() {
                continue;
            }
            // Names written side by side as two people ("Sael and Tobin reach the chapel")
            // never end up in one cluster, whatever chain of reveals links them.
            let (ra, rb) = (self.full.find(a), self.full.find(b));
            let apart = beside.iter().any(|&(x, y)| {
                let (rx, ry) = (self.full.clone_find(x), self.full.clone_find(y));
                (rx == ra && ry == rb) || (rx == rb && ry == ra)
            });
            if !apart && self.full.union(a, b) {
                self.revealed.push(b);
                changed = true;
            }
        }
        // Partial names again, but only into the full clusters.
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::default();
        for (fi, f) in self.forms.iter().enumerate() {
            let ends_lower = f
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
            if f.words < 2 || f.is_series || f.title_variant || ends_lower || self.is_work(fi) {
                continue;
            }
            let words: Vec<&str> = f.name.split(' ').collect();
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                by_word.entry(first.to_string()).or_default().push(fi);
                by_word.entry(last.to_string()).or_default().push(fi);
            }
        }
        let mut merges = Vec::new();
        for (fi, f) in self.forms.iter().enumerate() {
            if f.words != 1 {
                continue;
            }
            let Some(cands) = by_word.get(&f.name) else {
                continue;
            };
            let own = self.full.clone_find(fi);
            let mut roots: Vec<(usize, usize)> = cands
                .iter()
                .map(|&c| (self.full.clone_find(c), c))
                .filter(|&(r, _)| r != own)
                .collect();
            roots.sort_unstable();
            roots.dedup_by_key(|x| x.0);
            if let [(_, c)] = roots.as_slice() {
                merges.push((fi, *c));
            }
        }
        for (a, b) in merges {
            changed |= self.full.union(a, b);
        }
        changed
    }

    /// The cluster root of a form under all merges so far.
    pub fn root(&mut self, fi: usize) -> usize {
        self.full.find(fi)
    }

    /// Kind of the cluster a form belongs to, from the evidence of all its forms.
    pub fn cluster_kinds(&mut self) -> HashMap<usize, (Kind, bool)> {
        let mut ev: HashMap<usize, (Evidence, usize, usize, bool, usize, bool)> =
            HashMap::default();
        // One article: every form shares whether its review was headed.
        let headed = self.forms.first().is_none_or(|f| f.review_headed);
        for fi in 0..self.forms.len() {
            let r = self.full.find(fi);
            let f = &self.forms[fi];
            let e = ev
                .entry(r)
                .or_insert((Evidence::default(), 0, 0, false, 0, false));
            e.0.merge(&f.evidence);
            e.1 += f.recap;
            e.2 += f.review;
            e.3 |= f.is_series;
            e.4 = e.4.max(f.words);
            e.5 |= f.given_name;
        }
        ev.into_iter()
            .map(|(r, (e, recap, review, series, words, given_name))| {
                let probe = Form {
                    name: String::new(),
                    words,
                    count: recap + review,
                    first_mention: 0,
                    titled: Vec::new(),
                    untitled: 0,
                    evidence: e,
                    recap,
                    review,
                    is_series: series,
                    review_headed: headed,
                    given_name,
                    title_variant: false,
                };
                (r, decide_kind_weak(&probe, &e))
            })
            .collect()
    }

    /// Gender of each cluster root, when its evidence leans one way.
    pub fn cluster_genders(&mut self) -> HashMap<usize, Gender> {
        let mut votes: HashMap<usize, (f32, f32)> = HashMap::default();
        for fi in 0..self.forms.len() {
            let r = self.full.find(fi);
            let e = &self.forms[fi].evidence;
            let v = votes.entry(r).or_insert((0.0, 0.0));
            v.0 += e.male;
            v.1 += e.female;
        }
        votes
            .into_iter()
            .filter_map(|(r, (m, f))| {
                if m > f {
                    Some((r, Gender::Male))
                } else if f > m {
                    Some((r, Gender::Female))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Final clusters in order of first mention.
    pub fn clusters(&mut self) -> (Vec<Cluster>, Vec<usize>) {
        let kinds = self.cluster_kinds();
        let genders = self.cluster_genders();
        let n = self.forms.len();
        let mut root_to_cluster: HashMap<usize, usize> = HashMap::default();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&fi| self.forms[fi].first_mention);
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut form_cluster = vec![0usize; n];
        for &fi in &order {
            let r = self.full.find(fi);
            let ci = *root_to_cluster.entry(r).or_insert_with(|| {
                clusters.push(Cluster {
                    forms: Vec::new(),
                    kind: kinds.get(&r).map_or(Kind::Character, |k| k.0),
                    weak_kind: kinds.get(&r).is_none_or(|k| k.1),
                    gender: genders.get(&r).copied(),
                    canonical: String::new(),
                    aliases: Vec::new(),
                    mentions: 0,
                    first_mention: self.forms[fi].first_mention,
                });
                clusters.len() - 1
            });
            clusters[ci].forms.push(fi);
            clusters[ci].mentions += self.forms[fi].count;
            form_cluster[fi] = ci;
        }
        // The base roots of names a reveal named as someone's other identity.
        let revealed_roots: HashSet<usize> = self
            .revealed
            .clone()
            .into_iter()
            .map(|f| self.base.find(f))
            .collect();
        for c in clusters.iter_mut() {
            // The canonical name comes from a base cluster (the names an entity had before
            // any reveal): not one a reveal named as the other identity ("Sara confirms
            // she's Viola Keane": Sara; "Rei confirms she is Shrike": Rei Kurosawa, even
            // when the mask is mentioned first), then the one whose fullest name has the
            // most words, then the one the text uses most; remaining ties go to the one
            // mentioned first. Within it, the fullest name wins.
            let first_form = c.forms.first().copied().unwrap_or(0);
            // (base root, not revealed, most words of a form, mentions), in order of first
            // appearance; `at` finds a root's entry in constant time.
            let mut bases: Vec<(usize, bool, usize, usize)> = Vec::new();
            let mut at: HashMap<usize, usize> = HashMap::default();
            for &fi in &c.forms {
                let r = self.base.find(fi);
                let f = &self.forms[fi];
                let words = if f.title_variant { 0 } else { f.words };
                match at.get(&r).and_then(|&i| bases.get_mut(i)) {
                    Some((_, _, w, n)) => {
                        *w = (*w).max(words);
                        *n += f.count;
                    }
                    None => {
                        at.insert(r, bases.len());
                        bases.push((r, !revealed_roots.contains(&r), words, f.count));
                    }
                }
            }
            // `max_by_key` keeps the last of equals; scanning in reverse keeps the first.
            let base_root = bases
                .iter()
                .rev()
                .max_by_key(|(_, own, w, n)| (*own, *w, *n))
                .map_or_else(|| self.base.find(first_form), |(r, _, _, _)| *r);
            let mut best: Option<usize> = None;
            for &fi in &c.forms {
                if self.base.find(fi) != base_root || self.forms[fi].title_variant {
                    continue;
                }
                let f = &self.forms[fi];
                let better = match best {
                    None => true,
                    Some(b) => {
                        let g = &self.forms[b];
                        (f.words, f.count) > (g.words, g.count)
                    }
                };
                if better {
                    best = Some(fi);
                }
            }
            let canon_form = best.unwrap_or(first_form);
            c.canonical = self.forms[canon_form].name.clone();
            let mut aliases: Vec<String> = Vec::new();
            let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
            seen.insert(c.canonical.as_str());
            for &fi in &c.forms {
                let f = &self.forms[fi];
                // A bare one-word form only ever written with a title ("Arden" of "Miss
                // Arden") is not a name of the text; a bare full name ("Edda Vane" of
                // "Harbourmaster Edda Vane") is kept.
                if fi != canon_form
                    && (f.untitled > 0 || f.words > 1)
                    && seen.insert(f.name.as_str())
                {
                    aliases.push(f.name.clone());
                }
                for t in &f.titled {
                    if seen.insert(t.as_str()) {
                        aliases.push(t.clone());
                    }
                }
            }
            c.aliases = aliases;
        }
        (clusters, form_cluster)
    }
}

impl Dsu {
    /// Find without needing `&mut` (no path compression), for read-only passes.
    fn clone_find(&self, mut x: usize) -> usize {
        while self.parent[x] != x {
            x = self.parent[x];
        }
        x
    }
}

/// Hashes of the string itself and of every string one character shorter, for
/// edit-distance lookup (into `out`, cleared first).
fn deletion_keys(s: &str, out: &mut Vec<u64>) {
    use std::hash::Hasher;
    out.clear();
    let n = s.chars().count();
    // The hash of the chars of `s` but the one at `skip` (none when `skip` is `n`).
    let hash = |skip: usize| {
        let mut h = rustc_hash::FxHasher::default();
        for (j, c) in s.chars().enumerate() {
            if j != skip {
                h.write_u32(c as u32);
            }
        }
        h.write_usize(n - usize::from(skip < n));
        h.finish()
    };
    out.push(hash(n));
    for i in 0..n {
        out.push(hash(i));
    }
}

/// Credits that name a real person or company wherever they stand, recap or review (many
/// outlets run their commentary through the recap):
/// - a lower-case crew role right before the name ("director Ilse Brandauer"; a
///   capitalised "Director Fury" in a recap is a character's title);
/// - "played by" / "voiced by" before it;
/// - a role or a company label before a colon ("Showrunner: Marcus Adeyinka",
///   "Network: Parlour"), or a role before a comma ("Ren's VA, Shouta Iwamura");
/// - "X plays her" (the name plays a character);
/// - "X is too good an actor";
/// - a service after "streaming on", "landed on", "airs on", "via".
///
/// `before` is the word right before the name (its index) and the one before that, lower
/// case; `after` is the index of the first word after the name (and its possessive) and
/// the end of the sentence's tokens.
fn credit_evidence(
    doc: &Doc,
    m: &RawMention,
    ev: &mut Evidence,
    (p1i, p1, p2): (Option<usize>, &str, &str),
    (after, sent_end): (usize, usize),
    recap: bool,
) {
    let role = |w: &str| in_class(LEX.class_of(w), class::PERSON_ROLE);
    if recap && p1i.is_some_and(|i| is_lower_word(doc, i)) && role(p1) {
        ev.add(Kind::Person, 5.0);
    }
    // "played by X", and "played with oily charm by X": a verb of performing up to six
    // words back, with no other full stop between.
    let performed_by = p1 == "by"
        && p1i.is_some_and(|i| {
            (i.saturating_sub(7)..i)
                .rev()
                .take_while(|&k| !matches!(doc.tok(k), "." | ";" | ":" | "(" | ")"))
                .any(|k| {
                    matches!(
                        doc.lower(k),
                        "played" | "voiced" | "portrayed" | "performed"
                    )
                })
        });
    if performed_by {
        ev.add(Kind::Person, 6.0);
    }
    if matches!(p1, ":" | ",") && role(p2) {
        ev.add(Kind::Person, 6.0);
    }
    if p1 == ":"
        && matches!(
            p2,
            "network"
                | "streamer"
                | "streaming"
                | "platform"
                | "channel"
                | "studio"
                | "distributor"
        )
    {
        ev.add(Kind::Org, 5.0);
    }
    if matches!(p1, "on" | "via")
        && matches!(
            p2,
            "streaming"
                | "streams"
                | "streamed"
                | "landed"
                | "lands"
                | "airs"
                | "aired"
                | "premieres"
                | "premiered"
                | "available"
                | "exclusively"
                | "season"
                | "image"
                | "watch"
        )
    {
        ev.add(Kind::Org, 4.0);
    }
    // After the name: "plays her with a deadpan", "is too good an actor".
    let next = |k: usize| {
        if after + k < sent_end {
            doc.lower(after + k)
        } else {
            ""
        }
    };
    if !m.possessive
        && matches!(next(0), "plays" | "played")
        && matches!(next(1), "her" | "him" | "them")
    {
        ev.add(Kind::Person, 4.0);
    }
    if !m.possessive && matches!(next(0), "is" | "was") {
        let role = (1..6)
            .map(next)
            .take_while(|w| !w.is_empty() && *w != "," && *w != ".")
            .any(|w| matches!(w, "actor" | "actress" | "performer" | "comedian"));
        let article = (1..6).map(next).any(|w| matches!(w, "a" | "an"));
        if role && article {
            ev.add(Kind::Person, 5.0);
        }
    }
}

/// Chooses a kind from evidence; defaults follow where the form is mentioned.
pub fn decide_kind(f: &Form, e: &Evidence) -> Kind {
    decide_kind_weak(f, e).0
}

/// Like [`decide_kind`], and also says whether the kind is only a default (no evidence).
pub fn decide_kind_weak(f: &Form, e: &Evidence) -> (Kind, bool) {
    if f.is_series {
        return (Kind::Work, false);
    }
    let mut score = e.score;
    // A name never used bare ("the Gladiator", "a Nean") is less likely a personal name.
    // Many mentions, all with an article ("the Gladiator" ten times): a common noun.
    if e.total > 0 && e.bare == 0 {
        score[kind_index(Kind::Character)] *= if e.total >= 4 { 0.4 } else { 0.75 };
    }
    // Named only in the review: a work or a real person, when a heading opened the review.
    // A review guessed from its words often holds retelling too (real pages weave the two),
    // so there a name's place says nothing and the story's defaults hold.
    let review_only = f.recap == 0 && f.review > 0 && f.review_headed;
    // A name that opens on a common given name is somebody's name: what a preposition
    // before it suggests ("the breakup with Josh" a thing, "the divorce of Jerry" a place)
    // counts for little. Person and work evidence stand (an actor, "Violet Evergarden").
    if f.given_name {
        score[kind_index(Kind::Place)] *= 0.3;
        score[kind_index(Kind::Thing)] *= 0.3;
    }
    // A name the recap uses is part of the story: the review's weak hints that it is a
    // work ("it", "like X") count for little.
    if f.recap > 0 {
        score[kind_index(Kind::Work)] *= 0.3;
    }
    let mut best = None;
    let mut best_score = 0.0f32;
    for (i, &s) in score.iter().enumerate() {
        if s > best_score + 1e-6 {
            best_score = s;
            best = Some(KINDS[i]);
        }
    }
    let weak = !(best.is_some() && best_score >= 0.75);
    let kind = match best {
        Some(k) if best_score >= 0.75 => k,
        _ => {
            if review_only {
                Kind::Work
            } else if e.total > 0 && e.bare == 0 {
                // Always "the X" and nothing else known: an object or vessel more often
                // than a person.
                Kind::Thing
            } else {
                Kind::Character
            }
        }
    };
    // A person-like agent named only in the review is a real person (crew or cast).
    if review_only && kind == Kind::Character && score[kind_index(Kind::Person)] >= 0.0 {
        return (Kind::Person, weak);
    }
    (kind, weak)
}

fn is_word(doc: &Doc, i: usize) -> bool {
    doc.kind(i) == Some(TokKind::Word)
}

/// Whether a lower-case word right after a name looks like the name's verb: an auxiliary,
/// a modal or an adverb from `data/verbs_after_name.txt`, a negated auxiliary ("can't"),
/// or a third-person or past form ("heads", "lied").
fn verbish(v: &str) -> bool {
    (v.len() > 3 && v.ends_with('s') && !v.ends_with("ss") && !v.ends_with("us"))
        || (v.len() > 4 && v.ends_with("ed"))
        || v.ends_with("n't")
        || v.ends_with("n’t")
        || LEX.verbs_after_name.contains(v)
}

/// Whether word-class bits `c` (from [`crate::lexicon::Lexicon::class_of`]) include `bit`.
fn in_class(c: u32, bit: u32) -> bool {
    c & bit != 0
}

fn is_lower_word(doc: &Doc, i: usize) -> bool {
    is_word(doc, i) && doc.tok(i).chars().next().is_some_and(char::is_lowercase)
}

fn title_gender(title: &str) -> Option<Gender> {
    let t = title.trim_end_matches('.').to_lowercase();
    match t.as_str() {
        "ms" | "mrs" | "miss" | "lady" | "queen" | "princess" | "sister" | "mother" | "aunt"
        | "auntie" | "duchess" | "empress" | "countess" | "dame" | "grandma" | "granny" => {
            Some(Gender::Female)
        }
        "mr" | "mister" | "sir" | "lord" | "king" | "prince" | "father" | "brother" | "uncle"
        | "duke" | "emperor" | "count" | "baron" | "grandpa" => Some(Gender::Male),
        _ => None,
    }
}

/// Looks for the head noun of a lower-case description within a few tokens, stopping at
/// punctuation or an appositive stop word; returns the last lower-case word seen.
fn head_noun(doc: &Doc, from: usize, to: usize) -> Option<String> {
    let mut head = None;
    let mut i = from;
    while i < to {
        match doc.kind(i) {
            Some(TokKind::Word) => {
                let w = doc.lower(i);
                // Stop words, and participles that start a modifier ("a bar owned by ...").
                let participle =
                    (w.len() > 4 && w.ends_with("ed")) || (w.len() > 5 && w.ends_with("ing"));
                if LEX.appositive_stops.contains(w) || w == "by" || (participle && head.is_some()) {
                    break;
                }
                if is_lower_word(doc, i) {
                    head = Some(w.to_string());
                }
            }
            Some(TokKind::Clitic) | Some(TokKind::Number) => {}
            _ => break,
        }
        i += 1;
    }
    head
}

/// Adds the evidence a noun gives about the name it describes.
fn noun_evidence(ev: &mut Evidence, noun: &str, w: f32) {
    if let Some(g) = LEX.person_nouns.get(noun) {
        ev.add(Kind::Character, w);
        match g {
            Some(Gender::Male) => ev.male += w,
            Some(Gender::Female) => ev.female += w,
            None => {}
        }
    } else if LEX.member_nouns.contains(noun) || LEX.workplace_nouns.contains(noun) {
        ev.add(Kind::Character, w);
    } else if LEX.org_words.contains(noun) {
        ev.add(Kind::Org, w);
    } else if LEX.group_words.contains(noun) {
        ev.add(Kind::Group, w);
    } else if LEX.place_words.contains(noun) {
        ev.add(Kind::Place, w);
    } else if LEX.thing_words.contains(noun) {
        ev.add(Kind::Thing, w);
    } else if LEX.work_words.contains(noun) {
        ev.add(Kind::Work, w);
    } else if LEX.kind_nouns.contains(noun) {
        ev.add(Kind::Character, w * 0.5);
    }
}

/// Verbs of giving with two objects, receiver first: "gives Pell Brine".
pub(crate) const GIVING_VERBS: &[&str] = &[
    "give", "gives", "gave", "giving", "hand", "hands", "handed", "offer", "offers", "offered",
    "sell", "sells", "sold", "bring", "brings", "brought", "pass", "passes", "passed", "feed",
    "feeds", "fed", "lend", "lends", "lent",
];

/// Verbs and nouns of travel and sending, before "to X" / "from X": X is a place.
const TRAVEL_WORDS: &[&str] = &[
    "fly",
    "flies",
    "flew",
    "flown",
    "flying",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "return",
    "returns",
    "returned",
    "returning",
    "move",
    "moves",
    "moved",
    "sail",
    "sails",
    "sailed",
    "drive",
    "drives",
    "drove",
    "driven",
    "sent",
    "wired",
    "cables",
    "cable",
    "cabled",
    "back",
    "home",
    "way",
    "trip",
    "flight",
    "journey",
    "road",
    "train",
    "route",
    "defects",
    "defected",
    "escapes",
    "escaped",
    "flees",
    "fled",
    "relocates",
    "relocated",
];

/// Verbs that take "in" + a person: "confides in Sol", "believes in Pell".
fn believe_in(verb: &str) -> bool {
    matches!(
        verb,
        "believe"
            | "believes"
            | "believed"
            | "confide"
            | "confides"
            | "confided"
            | "trust"
            | "trusts"
            | "interest"
            | "interested"
            | "faith"
            | "sees"
            | "saw"
            | "see"
    )
}

/// `w` lower-cased, borrowed when it already is.
/// `word` in lower case: the document's lower-case copy of token `k` when that token is
/// the word (before the sentence end `sb`), else lowered here.
fn word_lower<'a>(doc: &'a Doc, word: &'a str, k: usize, sb: usize) -> std::borrow::Cow<'a, str> {
    if k < sb && doc.tok(k) == word {
        std::borrow::Cow::Borrowed(doc.lower(k))
    } else {
        lower_cow(word)
    }
}

fn lower_cow(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 128) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// The evidence one mention gives about what its name is.
pub fn mention_evidence(doc: &Doc, mentions: &[RawMention], mi: usize) -> Evidence {
    let mut ev = Evidence {
        total: 1,
        ..Default::default()
    };
    let Some(m) = mentions.get(mi) else { return ev };
    let Some(sent) = doc.sents.get(m.sent) else {
        return ev;
    };
    let (sa, sb) = (sent.toks.start, sent.toks.end);
    let recap = m.part == Part::Recap;
    // Titles.
    if let Some(t) = &m.title {
        ev.add(Kind::Character, 4.0);
        match title_gender(t.split_whitespace().next().unwrap_or("")) {
            Some(Gender::Male) => ev.male += 3.0,
            Some(Gender::Female) => ev.female += 3.0,
            None => {}
        }
    }
    // A real-world country or major city ("Boston", "Moscow"): as strong as a place cue,
    // so a character of the same name still wins on the text's own evidence.
    if LEX.world_places.contains(m.name.as_str()) {
        ev.add(Kind::Place, 3.0);
    }
    // A real-world network, service, studio or platform ("HBO Max", "Crunchyroll").
    if LEX.world_orgs.contains(m.name.as_str()) {
        ev.add(Kind::Org, 3.0);
    }
    // "St. Aldhelm's", "Mt. Hiei", "Ft. Brandt": churches, schools, streets, mountains and
    // forts; a saint or a mountain as a person is rare in a recap.
    if m.name
        .split_once(". ")
        .is_some_and(|(a, _)| crate::mentions::NAME_ABBREVIATIONS.contains(&a))
    {
        ev.add(Kind::Place, 2.0);
    }
    // Head words inside the name.
    let n_words = m.name.split(' ').count();
    // The name's first and last words in lower case: the document's lower-case copy of
    // the token when the token is that word (no allocation), else lowered here.
    let first_word = m.name.split(' ').next().unwrap_or("");
    // The head of "Order of the White Lily" or "Kingdom of Elaria" is the word before
    // "of", not the last one ("Lily" would make a thing of an order of knights).
    let of_tok = (m.toks.start + 1..m.toks.end).find(|&k| doc.tok(k) == "of");
    let (last_word, last_tok) = match of_tok {
        Some(k) => (doc.tok(k - 1), k - 1),
        None => (
            m.name.rsplit(' ').next().unwrap_or(""),
            m.toks.end.saturating_sub(1),
        ),
    };
    let first_cow = word_lower(doc, first_word, m.toks.start, sb);
    let last_cow = word_lower(doc, last_word, last_tok, sb);
    let (first, last): (&str, &str) = (&first_cow, &last_cow);
    // A common given name says which pronouns fit ("Nora", "James"): as much as a pronoun
    // right after the name, less than a title.
    if let Some(g) = LEX.given_names.get(first) {
        match g {
            Gender::Male => ev.male += 1.5,
            Gender::Female => ev.female += 1.5,
        }
    }

    // The word-class bits of the words the rules below ask about, one lookup each.
    let (c_first, c_last) = (LEX.class_of(first), LEX.class_of(last));
    if in_class(c_first, class::ORG) || in_class(c_last, class::ORG) {
        ev.add(Kind::Org, 4.0);
    }
    // In a review, "Castle in the Sky" or "Paper Harbor" is more likely a work's title than
    // a place, so head words count for less there.
    let head_weight = if recap { 3.0 } else { 0.9 };
    if n_words > 1 {
        if in_class(c_last, class::PLACE) || in_class(c_first, class::PLACE) {
            ev.add(Kind::Place, head_weight);
        }
        // A word that names both ("House"): last it is a building ("Lowther House"),
        // first a family ("House Stark").
        if in_class(c_last, class::GROUP) && !in_class(c_last, class::PLACE) {
            ev.add(Kind::Group, head_weight);
        }
        if in_class(c_first, class::GROUP) && in_class(c_first, class::PLACE) {
            ev.add(Kind::Group, head_weight);
        }
    }
    if n_words > 1 && in_class(c_last, class::THING) {
        ev.add(Kind::Thing, 3.0);
    }

    // A one-word name that is itself a group or place word ("the Choir", "the Wardens",
    // "the Undercroft") is a short form of such a name.
    if n_words == 1 && recap {
        if in_class(c_last, class::GROUP) && !in_class(c_last, class::PLACE) {
            ev.add(Kind::Group, 3.0);
        } else if in_class(c_last, class::PLACE) {
            ev.add(Kind::Place, 3.0);
        }
    }
    // "Liesel, Maelis' exiled sister", "Amos Prentiss, Ruth's husband": an apposition
    // that names a family or social role makes a person of the story.
    if !m.possessive && m.toks.end < sb && doc.tok(m.toks.end) == "," {
        let role = (m.toks.end + 1..(m.toks.end + 6).min(sb))
            .take_while(|&k| doc.tok(k) != "," && doc.tok(k) != ".")
            .any(|k| is_lower_word(doc, k) && LEX.person_nouns.contains_key(doc.lower(k)));
        let possessor = (m.toks.end + 1..(m.toks.end + 4).min(sb)).any(|k| {
            doc.kind(k) == Some(TokKind::Clitic)
                || matches!(doc.lower(k), "his" | "her" | "their" | "'" | "’")
        });
        if role && possessor {
            ev.add(Kind::Character, 2.0);
        }
    }
    // Context before the name.
    let p1i = m.first_tok.checked_sub(1).filter(|&i| i >= sa);
    // A crew or cast role before the name in a review ("creator Simone Adair",
    // "Director Dara Ellison shoots ...") credits a real person; the recap's "Director
    // Fury" is a character, so only the review counts.
    let role_before = p1i.is_some_and(|i| LEX.person_roles.contains(doc.lower(i)));
    let role_title = m.title.as_deref().is_some_and(|t| {
        LEX.person_roles
            .contains(t.trim_end_matches('.').to_lowercase().as_str())
    });
    // A credit line of its own ("Writer Paul Mousley", "Director Mark Everest" above the
    // recap) is a credit wherever it stands: the role and the name are the whole sentence.
    let credit_line = (role_before || role_title)
        && m.first_tok.saturating_sub(usize::from(role_before)) == sa
        && (m.toks.end..sb).all(|k| doc.kind(k) != Some(TokKind::Word));
    if (!recap || credit_line) && (role_before || role_title) {
        ev.add(Kind::Person, 8.0);
    }
    // "Photo: Colin Hutton/AppleTV", "Credit: Macall B. Polay/HBO": a photo credit names
    // a photographer.
    let photo_credit = p1i.is_some_and(|i| {
        doc.lower(i) == ":"
            && i.checked_sub(1).filter(|&j| j >= sa).is_some_and(|j| {
                matches!(
                    doc.lower(j),
                    "photo" | "photos" | "photograph" | "credit" | "image"
                )
            })
    });
    // (Weighed below a known network's evidence: "Photo: HBO Max" credits the network.)
    if photo_credit {
        ev.add(Kind::Person, 2.0);
    }
    let p1: &str = p1i.map(|i| doc.lower(i)).unwrap_or("");
    let p2i = p1i.and_then(|i| i.checked_sub(1)).filter(|&i| i >= sa);
    let p2: &str = p2i.map(|i| doc.lower(i)).unwrap_or("");
    let p3: &str = p2i
        .and_then(|i| i.checked_sub(1))
        .filter(|&i| i >= sa)
        .map(|i| doc.lower(i))
        .unwrap_or("");
    let after = m.toks.end;
    let mut n1i = after;
    if m.possessive {
        n1i += 1;
    }
    credit_evidence(doc, m, &mut ev, (p1i, p1, p2), (n1i, sb), recap);
    let n1: &str = if n1i < sb { doc.lower(n1i) } else { "" };
    let n1_lower_word = n1i < sb && is_lower_word(doc, n1i);
    let (c_p1, c_p2, c_p3, c_n1) = (
        LEX.class_of(p1),
        LEX.class_of(p2),
        LEX.class_of(p3),
        LEX.class_of(n1),
    );
    let determiner = matches!(
        p1,
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
    ) || (matches!(p2, "the" | "a" | "an" | "his" | "her" | "their" | "its")
        && p1i.is_some_and(|i| is_lower_word(doc, i))
        && !in_class(c_p1, class::PERSON_NOUN));
    if !determiner {
        ev.bare += 1;
    }
    // Prepositions of place (recap only; review prepositions usually govern works).
    if recap && !m.possessive {
        let w: f32 = match p1 {
            // "decoded in London": people are seldom *in* anyone, so "in" outweighs a
            // city's metonymic agency ("London writes"); "at" is weaker ("glares at Sol").
            "in" | "inside" | "within" if !believe_in(p2) => 2.5,
            "at" | "in" | "inside" | "outside" | "aboard" | "within" | "near" | "beneath" => 1.5,
            // "on Mars", but also "runs on Brine": weaker.
            "on" => 0.5,
            "into" | "toward" | "towards" | "across" | "through" | "around" | "above" | "under" => {
                1.0
            }
            // "flies to Moscow", "cables to Moscow", "back from London": after a verb or
            // noun of travel or sending, a destination; otherwise weak, since people are
            // talked to and hear from.
            "to" | "from" if TRAVEL_WORDS.contains(&p2) => 1.5,
            "to" | "from" => 0.5,
            "the" if in_class(c_p2, class::PLACE_PREP) && !matches!(p2, "to" | "from") => 1.0,
            _ => 0.0,
        };
        // "On Mars, we see ...": a sentence that opens on a place.
        let opens = p1i == Some(sa) && n1 == ",";
        let w = if opens { w.max(1.5) } else { w };
        if w > 0.0 && !(p1 == "on" && n1_lower_word) {
            ev.add(Kind::Place, w);
        }
        // "the city of Saltmere" (strong); "the back alleys of Saltmere", "a brief
        // overview of Mars" (weak: a noun of something located there).
        if p1 == "of" && in_class(c_p2, class::PLACE) {
            ev.add(Kind::Place, 3.0);
        } else if p1 == "of" && in_class(c_p2, class::THING) {
            // "a flask of Brine".
            ev.add(Kind::Thing, 1.5);
        } else if (p1 == "of" || (p1 == "the" && p2 == "of"))
            && p1i
                .and_then(|i| i.checked_sub(if p1 == "of" { 1 } else { 2 }))
                .is_some_and(|j| j >= sa && is_lower_word(doc, j))
        {
            let noun = if p1 == "of" { p2 } else { p3 };
            if !LEX.person_nouns.contains_key(noun)
                && !LEX.member_nouns.contains(noun)
                && !matches!(
                    noun,
                    "one"
                        | "part"
                        | "type"
                        | "kind"
                        | "species"
                        | "race"
                        | "breed"
                        | "some"
                        | "all"
                        | "both"
                        | "two"
                        | "three"
                        | "each"
                        | "none"
                        | "any"
                        | "fans"
                        | "fan"
                )
            {
                ev.add(Kind::Place, 1.0);
            }
        }
    }
    // Membership: "member of (the) X", "one of the X".
    // A possessor ("Saltmere's clockwork people") is not what the words around it describe.
    let of_the = if m.possessive {
        None
    } else if p1 == "of" {
        Some(p2)
    } else if p1 == "the" && p2 == "of" {
        Some(p3)
    } else {
        None
    };
    // "they call themselves the Thorn Sisters": a group names itself.
    if p1 == "the"
        && p2 == "themselves"
        && p2i
            .and_then(|i| i.checked_sub(1))
            .filter(|&i| i >= sa)
            .is_some_and(|i| {
                matches!(
                    doc.lower(i),
                    "call" | "called" | "calling" | "name" | "named"
                )
            })
    {
        ev.add(Kind::Group, 3.0);
    }
    // "joins the Coppersmiths", "rejoined the Folklore Club": one joins a group (a name
    // right after the verb, without "the", is as often a person: "joins Sara").
    if p1 == "the"
        && matches!(
            p2,
            "joins" | "joined" | "join" | "joining" | "rejoins" | "rejoined"
        )
    {
        ev.add(Kind::Group, 2.0);
    }
    if let Some(w) = of_the {
        if LEX.member_nouns.contains(w) || w == "one" || w == "part" {
            ev.add(Kind::Group, 3.0);
        }
        if matches!(w, "type" | "kind" | "species" | "race" | "breed") {
            ev.add(Kind::Kind, 3.0);
        }
    }
    // Articles: "a Nean", "an Alethia agent", "a Nean researcher".
    let indefinite = matches!(p1, "a" | "an")
        || (matches!(p2, "a" | "an") && p1i.is_some_and(|i| is_lower_word(doc, i)));
    if p1 == "part" && !m.possessive {
        // "part Cogborn", "part human".
        ev.add(Kind::Kind, 2.0);
    }
    if !recap && matches!(p1, "on" | "via") {
        // "streaming on Lumen+": a service, not a work.
        ev.add(Kind::Org, 1.5);
    }
    if indefinite && !m.possessive {
        if !recap {
            ev.add(Kind::Work, 1.0);
        } else if n1_lower_word && in_class(c_n1, class::MEMBER) {
            ev.add(Kind::Group, 3.0);
        } else if n1_lower_word
            && (in_class(c_n1, class::PERSON_NOUN) || in_class(c_n1, class::KIND))
        {
            ev.add(Kind::Kind, 1.5);
        } else if n1_lower_word && in_class(c_n1, class::THING) {
            ev.add(Kind::Thing, 1.5);
        } else if n1_lower_word && in_class(c_n1, class::PLACE) {
            ev.add(Kind::Place, 1.0);
        } else if n1_lower_word
            && !verbish(n1)
            && !in_class(c_n1, class::FUNCTION)
            && !matches!(
                p2,
                "is" | "was" | "'s" | "are" | "were" | "be" | "been" | "becomes" | "became"
            )
        {
            // "a Boston developer", "a Portland steakhouse": a name that modifies another
            // noun is more often a place (or a company) than a class of beings, whose name
            // the text also uses on its own; the evidence is weak either way. After a
            // copula ("Pell is a Cogborn built to ...") the name is what someone is: a class.
            ev.add(Kind::Place, 1.0);
            ev.add(Kind::Kind, 0.8);
        } else {
            // "a Nean", "a Cogborn can't ...": a name with an indefinite article is a class.
            ev.add(Kind::Kind, 3.0);
        }
    } else if n1_lower_word && in_class(c_n1, class::MEMBER) {
        // "a fellow Alters member", "Choir enforcers".
        ev.add(Kind::Group, 3.0);
    }
    // A lower-case noun right before: "partner Malik", "protagonist Rouge", "anime Pluto",
    // "named Silvia" (the noun before "named").
    // "an airship called the Aurelian": look through the article.
    let (p1i, p1, p2i, p2) =
        if p1 == "the" && matches!(p2, "named" | "called" | "dubbed" | "nicknamed") {
            (
                p2i,
                p2,
                p2i.and_then(|i| i.checked_sub(1)).filter(|&i| i >= sa),
                p3,
            )
        } else {
            (p1i, p1, p2i, p2)
        };
    let (c_p1, c_p2) = (LEX.class_of(p1), LEX.class_of(p2));
    // A capitalised person noun dropped from the front of the name ("Showrunner Miriam
    // Oduya", "Director Aiko Tanabe").
    if let Some(i) = p1i {
        if is_word(doc, i) && !is_lower_word(doc, i) && in_class(c_p1, class::PERSON_NOUN) {
            noun_evidence(&mut ev, p1, 3.0);
        }
    }
    // Owned by a name ("Pell's Brine", "Scar Head's Nectar"): usually a thing.
    // ("she's Viola Keane" is "she is": only a clitic after a name is possessive.)
    if p1i.is_some_and(|i| {
        doc.kind(i) == Some(TokKind::Clitic) && i > sa && !is_lower_word(doc, i - 1)
    }) {
        ev.add(Kind::Thing, 1.0);
    }
    if let Some(i) = p1i {
        if is_lower_word(doc, i) {
            if matches!(p1, "named" | "called" | "dubbed" | "nicknamed" | "deemed")
                || (p1 == "as" && matches!(p2, "referred" | "known"))
            {
                // The noun before "named": skip back over "named"/"referred to as".
                let mut k = i;
                let mut found = None;
                let lo = sa.max(i.saturating_sub(5));
                while k > lo {
                    k -= 1;
                    if is_lower_word(doc, k) {
                        let w = doc.lower(k);
                        if LEX.person_nouns.contains_key(w)
                            || LEX.member_nouns.contains(w)
                            || LEX.group_words.contains(w)
                            || LEX.place_words.contains(w)
                            || LEX.thing_words.contains(w)
                        {
                            found = Some(w);
                            break;
                        }
                    }
                }
                match found {
                    Some(w) => noun_evidence(&mut ev, w, 4.0),
                    None => ev.add(Kind::Character, 1.0),
                }
            } else if in_class(c_p1, class::WORK_WORD) {
                ev.add(Kind::Work, 3.0);
            } else if in_class(c_p1, class::THING) {
                // "the airship Aurelian", but not "the map Mira saw", where the name is the
                // subject of a relative clause.
                if !n1_lower_word {
                    noun_evidence(&mut ev, p1, 1.5);
                }
            } else {
                noun_evidence(&mut ev, p1, 3.0);
            }
        }
        // "(Fate Jaron)" after a description: "the glasses-wearing gentleman (Fate Jaron)".
        if p1 == "(" {
            if let Some(j) = p2i {
                if is_lower_word(doc, j) {
                    noun_evidence(&mut ev, p2, 4.0);
                }
            }
        }
        // Quoted nickname after "referred to as" / "called".
        if matches!(p1, "“" | "\"" | "‘") && matches!(p2, "as" | "called" | "named" | "dubbed")
        {
            ev.add(Kind::Character, 2.0);
        }
    }
    // An appositive noun before: "her partner, Eli Brooks", "Kaito's voice actor, Yuki
    // Tanaka".
    if p1 == "," && p2i.is_some_and(|j| is_lower_word(doc, j)) && in_class(c_p2, class::PERSON_NOUN)
    {
        noun_evidence(&mut ev, p2, 3.0);
    }
    // Possessive determiner before: "his Nectar", "her Brine", "his Brine all but gone"
    // (a function word after the name does not make it a modifier, as "form" does in "her
    // Gladiator form").
    if matches!(p1, "his" | "her" | "their" | "its" | "my" | "our" | "your")
        && (!n1_lower_word || in_class(c_n1, class::FUNCTION))
    {
        ev.add(Kind::Thing, 1.5);
    }
    // A substance: "runs on Brine", "running low on Brine", "topped up with Brine", "the
    // same colour as Brine". People are not run on, topped up with or a colour.
    if (p1 == "on" && matches!(p2, "run" | "runs" | "running" | "ran" | "low" | "short"))
        || (p1 == "with"
            && matches!(
                p2,
                "up" | "filled" | "refilled" | "laced" | "fuelled" | "fueled"
            ))
        || (matches!(p1, "as" | "of")
            && matches!(p2, "colour" | "color" | "shade" | "smell" | "taste"))
    {
        ev.add(Kind::Thing, 2.0);
    }
    // The second object of a verb of giving: "gives Pell Brine", "hands Sol Nectar".
    // The first object (right after the verb) is the receiver, a character.
    if let (Some(i1), Some(i2)) = (p1i, p2i) {
        if is_word(doc, i1)
            && !is_lower_word(doc, i1)
            && is_lower_word(doc, i2)
            && GIVING_VERBS.contains(&p2)
        {
            ev.add(Kind::Thing, 2.0);
        }
    }
    // An epithet given to someone: "whom the dockhands call the Lamplighter", "whisper a
    // name, the Lamplighter". A ship or tavern "called the X" is not one.
    if p1 == "the" {
        let named = matches!(
            p2,
            "call" | "calls" | "called" | "dub" | "dubs" | "dubbed" | "nicknamed" | "christened"
        ) && !(in_class(c_p3, class::PLACE)
            || in_class(c_p3, class::THING)
            || in_class(c_p3, class::GROUP)
            || in_class(c_p3, class::WORK_WORD));
        let appositive_name =
            p2 == "," && matches!(p3, "name" | "nickname" | "alias" | "moniker" | "codename");
        if named || appositive_name {
            ev.add(Kind::Character, 2.5);
        }
    }
    // What only a person has: "the Lamplighter's mask", "the Lamplighter's identity".
    if m.possessive
        && matches!(
            n1,
            "mask" | "face" | "voice" | "identity" | "hood" | "cloak" | "coat" | "eyes" | "gloves"
        )
    {
        ev.add(Kind::Character, 1.5);
    }
    // A review names a studio's other work in the sentence that names the studio: "Studio
    // Kestrel made its name with Paper Harbor". A title with a place or thing head word
    // there is a work, not a place.
    if !recap && n_words > 1 && (in_class(c_last, class::PLACE) || in_class(c_last, class::THING)) {
        // Within 40 tokens either side, so a one-megabyte sentence stays linear.
        let studio = (m.first_tok.saturating_sub(40).max(sa)..after.saturating_add(40).min(sb))
            .any(|k| matches!(doc.lower(k), "studio" | "studios"));
        if studio {
            ev.add(Kind::Work, 2.0);
        }
    }
    if matches!(p1, "with" | "without") {
        ev.add(Kind::Thing, 0.5);
        if p2.ends_with("self") || p2.starts_with("inject") {
            ev.add(Kind::Thing, 1.5);
        }
    }
    // Context after the name.
    if n1i < sb {
        // "Teo Lindqvist's accordion-and-brass score": a credit noun within a few words.
        if m.possessive && !recap {
            let credit = (n1i..(n1i + 4).min(sb))
                .take_while(|&k| is_lower_word(doc, k))
                .any(|k| LEX.credit_nouns.contains(doc.lower(k)));
            if credit {
                ev.add(Kind::Person, 3.0);
            }
        }
        if n1_lower_word && in_class(c_n1, class::WORK_AFTER) {
            ev.add(Kind::Work, 2.0);
        }
        // "Netflix sci-fi anime Pluto": a company before a work noun and a name.
        if !m.possessive {
            let mut k = n1i;
            while k < sb && k < n1i + 3 && is_lower_word(doc, k) {
                if LEX.work_words.contains(doc.lower(k)) {
                    if k + 1 < sb && is_word(doc, k + 1) && !is_lower_word(doc, k + 1) {
                        ev.add(Kind::Org, 3.0);
                    } else if k == n1i {
                        ev.add(Kind::Work, 1.0);
                    }
                    break;
                }
                k += 1;
            }
        }
        // An appositive: "X, the studio responsible for ...", "X (a Nean researcher)".
        if n1 == "," || n1 == "(" {
            let k = n1i + 1;
            if k < sb {
                let det = doc.lower(k);
                if matches!(det, "the" | "a" | "an" | "our" | "his" | "her" | "their") {
                    if let Some(h) = head_noun(doc, k + 1, (k + 7).min(sb)) {
                        noun_evidence(&mut ev, &h, if n1 == "(" { 4.0 } else { 2.5 });
                    }
                } else if n1 == "," && det == "where" {
                    ev.add(Kind::Place, 2.0);
                }
            }
        }
        // A review's appositive with a maker's work noun: "Paper Harbor, Kestrel's earlier
        // work".
        if !recap && n1 == "," {
            let end = (n1i + 7).min(sb);
            if let Some(c) = (n1i + 1..end).find(|&k| doc.kind(k) == Some(TokKind::Clitic)) {
                let work = (c + 1..(c + 4).min(sb))
                    .take_while(|&k| is_lower_word(doc, k))
                    .any(|k| {
                        matches!(doc.lower(k), "work" | "works")
                            || LEX.work_words.contains(doc.lower(k))
                    });
                if work {
                    ev.add(Kind::Work, 2.0);
                }
            }
        }
        // Agency: a verb right after the name ("Rouge heads", "Jaron lied").
        if n1_lower_word && !m.possessive {
            let v = n1;
            let verbish = verbish(v);
            let noun = LEX.work_after.contains(v)
                || LEX.member_nouns.contains(v)
                || LEX.thing_words.contains(v)
                || LEX.group_words.contains(v)
                || LEX.person_nouns.contains_key(v)
                || LEX.credit_nouns.contains(v);
            if verbish && !noun {
                ev.add(
                    Kind::Character,
                    if matches!(v, "is" | "was" | "has" | "had") {
                        0.5
                    } else {
                        1.0
                    },
                );
            }
        }
    }
    // The first personal pronoun after the name in its sentence, with no name between.
    let next_mention_tok = mentions
        .get(mi + 1)
        .filter(|n| n.sent == m.sent)
        .map_or(sb, |n| n.first_tok);
    let mut k = after;
    while k < next_mention_tok.min(sb) && k < after + 25 {
        let w = doc.lower(k);
        match w {
            // Subject pronouns are left out: after a verb of saying they often belong to
            // someone else ("Jaron speculates she's ...").
            "his" | "himself" => {
                ev.add(Kind::Character, 1.0);
                ev.male += 1.0;
                break;
            }
            "her" | "hers" | "herself" => {
                ev.add(Kind::Character, 1.0);
                ev.female += 1.0;
                break;
            }
            "it" | "its" | "itself" => {
                if recap {
                    ev.add(Kind::Thing, 0.5);
                    ev.add(Kind::Kind, 0.5);
                } else {
                    ev.add(Kind::Work, 1.0);
                }
                break;
            }
            _ => {}
        }
        k += 1;
    }
    // A credit in a review: "Rina Hoshida, who voices Sol", "Kaito Mirae's final scenes as
    // Pell", "Saoirse Doyle gives Edda ...".
    if !recap {
        let mut k = after;
        while k < sb && k < after + 6 {
            let w = doc.lower(k);
            if matches!(w, "voices" | "voiced" | "plays" | "played") {
                // "Jonah, voiced by Daniel Okoye", "Kessler is played with oily charm by
                // Lars Engström": the passive names the character first.
                let by = (k + 1..(k + 8).min(sb))
                    .take_while(|&j| !matches!(doc.tok(j), "." | ";" | ":" | "(" | ")"))
                    .any(|j| doc.lower(j) == "by");
                if by {
                    ev.add(Kind::Character, 2.0);
                } else {
                    ev.add(Kind::Person, 3.0);
                }
                break;
            }
            if w == "as" && k + 1 < sb && is_word(doc, k + 1) && !is_lower_word(doc, k + 1) {
                ev.add(Kind::Person, 2.0);
                break;
            }
            if matches!(doc.kind(k), Some(TokKind::Punct)) && w != "," {
                break;
            }
            k += 1;
        }
    }
    // Review works: "like X", "recalls X", "of X".
    if !recap
        && (in_class(c_p1, class::WORK_CONTEXT)
            || (p1 == "and" && in_class(c_p3, class::WORK_CONTEXT)))
    {
        ev.add(Kind::Work, 1.5);
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Para;
    use crate::mentions;

    /// Resolves a recap and a review the way an article whose review has a heading is
    /// read.
    fn resolve(recap: &str, review: &str, series: Option<&str>) -> Vec<Cluster> {
        resolve_with(recap, review, series, true)
    }

    /// Resolves a recap and a review whose split was guessed (no review heading).
    fn resolve_unheaded(recap: &str, review: &str) -> Vec<Cluster> {
        resolve_with(recap, review, None, false)
    }

    fn resolve_with(recap: &str, review: &str, series: Option<&str>, headed: bool) -> Vec<Cluster> {
        let mut doc = Doc::from_paras(vec![
            Para {
                text: recap,
                part: Part::Recap,
                index: 0,
            },
            Para {
                text: review,
                part: Part::Review,
                index: 0,
            },
        ]);
        doc.review_headed = headed;
        let ms = mentions::split_juxtaposed(&doc, mentions::find(&doc));
        let mut r = Resolver::new(&doc, &ms, series);
        r.clusters().0
    }

    // A review guessed from its closing paragraphs' words (no heading) often retells the
    // story too: a name seen only there keeps the story's default, a character, where a
    // headed review makes it a real person or a work. (Real pages, 2026-12-02: characters
    // named only in a guessed review were read as works.)
    #[test]
    fn a_guessed_review_does_not_make_its_names_works_or_people() {
        let recap = "The crew sails north at dawn.";
        let review = "Gilgamesh finally opens up here, and it is a fine episode for it.";
        assert_eq!(
            cluster_of(&resolve_unheaded(recap, review), "Gilgamesh").kind,
            Kind::Character
        );
        assert_ne!(
            cluster_of(&resolve(recap, review, None), "Gilgamesh").kind,
            Kind::Character
        );
    }

    // A credit line of its own and a photo credit name real people, in the recap too;
    // the recap's "Director Fury" in a sentence stays a character.
    #[test]
    fn credit_lines_and_photo_credits_name_people() {
        let cs = resolve(
            "Writer Paul Mousley. Director Fury orders the strike. Photo: Colin Hutton/HBO Max. Fury waits.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Paul Mousley").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Colin Hutton").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Fury").kind, Kind::Character);
    }

    // A common given name is a person's name whatever one preposition suggests: "the
    // breakup with Josh" does not make Josh a thing, nor "the divorce of Jerry" a place
    // (real pages, 2026-12-02).
    #[test]
    fn a_given_name_after_a_preposition_is_a_character() {
        let cs = resolve(
            "Rebecca will heal after the breakup with Josh. There is no turning back on the divorce of Jerry and Beth.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Jerry").kind, Kind::Character);
        assert_eq!(cluster_of(&cs, "Josh").kind, Kind::Character);
    }

    // Real-world networks and platforms are orgs wherever they are named.
    #[test]
    fn world_orgs_are_orgs() {
        let cs = resolve(
            "Kendall checks what Twitter thinks. Photo: HBO Max.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Twitter").kind, Kind::Org);
        assert_eq!(cluster_of(&cs, "HBO Max").kind, Kind::Org);
    }

    fn cluster_of<'a>(cs: &'a [Cluster], name: &str) -> &'a Cluster {
        cs.iter()
            .find(|c| c.canonical == name || c.aliases.iter().any(|a| a == name))
            .unwrap_or_else(|| panic!("no cluster for {name}: {cs:#?}"))
    }

    // One joins a group: "joins the Coppersmiths" made a place of a crew whose only other
    // evidence was being somewhere ("at the Coppersmiths' hideout").
    #[test]
    fn joining_the_name_is_evidence_of_a_group() {
        let cs = resolve(
            "Vesna plans the job. Mags joins the Coppersmiths that night. Later, Teodor joined the Coppersmiths too.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Coppersmiths").kind, Kind::Group, "{cs:#?}");
    }

    // The head of "X of Y" is X: "the Order of the White Lily" is a group, though a lily
    // is a thing.
    #[test]
    fn the_head_of_a_name_with_of_comes_before_it() {
        let cs = resolve(
            "Crane funds the Order of the White Lily. The Order of the White Lily rides at dawn.",
            "",
            None,
        );
        assert_eq!(
            cluster_of(&cs, "Order of the White Lily").kind,
            Kind::Group,
            "{cs:#?}"
        );
    }

    // Titles are stripped for the canonical name and kept as aliases.
    #[test]
    fn honorifics_and_titles() {
        let cs = resolve("Dr. Roy Junghardt arrives. Later, Roy Junghardt leaves. A female (Ms. Sara) asks. Sara waits.", "", None);
        let c = cluster_of(&cs, "Roy Junghardt");
        assert_eq!(c.canonical, "Roy Junghardt");
        assert!(c.aliases.contains(&"Dr. Roy Junghardt".to_string()));
        let s = cluster_of(&cs, "Sara");
        assert!(s.aliases.contains(&"Ms. Sara".to_string()));
        assert_eq!(s.kind, Kind::Character);
    }

    // A capitalised word the article also writes in lower case is a title.
    #[test]
    fn lowercase_title_words() {
        let cs = resolve("Harbourmaster Vane warns Sol. The harbourmaster leaves. Vane returns. Edda Vane smiles.", "", None);
        let c = cluster_of(&cs, "Edda Vane");
        assert!(
            c.aliases.contains(&"Harbourmaster Vane".to_string()),
            "{c:?}"
        );
        assert!(c.aliases.contains(&"Vane".to_string()));
    }

    // Partial names join the one full name they belong to.
    #[test]
    fn partial_names_when_unambiguous() {
        let cs = resolve(
            "Naomi Orthmann sends her bird. Naomi waits. The man (Fate Jaron) smiles. Jaron runs.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Naomi").canonical, "Naomi Orthmann");
        assert_eq!(cluster_of(&cs, "Jaron").canonical, "Fate Jaron");
    }

    // A shared surname of two people is ambiguous and stays apart.
    #[test]
    fn partial_names_stay_apart_when_ambiguous() {
        let cs = resolve("Mira Kest fights. Mara Kest hides. Kest laughs.", "", None);
        assert_eq!(cluster_of(&cs, "Kest").canonical, "Kest");
        assert_ne!(
            cluster_of(&cs, "Mira Kest").canonical,
            cluster_of(&cs, "Mara Kest").canonical
        );
    }

    // The series title never absorbs a character's name.
    #[test]
    fn series_title_does_not_absorb_names() {
        let cs = resolve(
            "Rouge Redstar works. Rouge runs.",
            "Metallic Rouge is fun. Metallic Rouge looks good.",
            Some("Metallic Rouge"),
        );
        assert_eq!(cluster_of(&cs, "Rouge").canonical, "Rouge Redstar");
        assert_eq!(cluster_of(&cs, "Metallic Rouge").kind, Kind::Work);
    }

    // A rare misspelling joins the frequent spelling.
    #[test]
    fn misspellings_merge_rare_into_frequent() {
        let cs = resolve("Rouge runs. Rouge jumps. Rouge waits. Rogue heads out. Sara sings. Sara waits. Sara leaves. Jaron tells Sarah.", "", None);
        assert_eq!(cluster_of(&cs, "Rogue").canonical, "Rouge");
        assert_eq!(cluster_of(&cs, "Sarah").canonical, "Sara");
    }

    // Two frequent spellings are two people (Naomi and Noami).
    #[test]
    fn two_frequent_forms_do_not_merge() {
        let cs = resolve(
            "Naomi runs. Noami waits. Naomi jumps. Noami sings. Naomi laughs. Noami leaves.",
            "",
            None,
        );
        assert_ne!(
            cluster_of(&cs, "Naomi").canonical,
            cluster_of(&cs, "Noami").canonical
        );
    }

    // Twins written side by side, or introduced with a full name, are two people even when
    // one is rare (Mira Kest / Mara Kest).
    #[test]
    fn side_by_side_or_fully_named_forms_do_not_merge() {
        let cs = resolve(
            "Mira runs. Mira waits. Mira jumps. Mira and Mara leave.",
            "",
            None,
        );
        assert_ne!(
            cluster_of(&cs, "Mira").canonical,
            cluster_of(&cs, "Mara").canonical
        );
        let cs = resolve(
            "Mira runs. Mira waits. Mira jumps. We meet her sister, Mara Kest. Mara smiles.",
            "",
            None,
        );
        assert_ne!(
            cluster_of(&cs, "Mira").canonical,
            cluster_of(&cs, "Mara").canonical
        );
    }

    // No chaining through reveals: a name two different characters are each said to be
    // ("Sael is Wyrdborn", "Tobin might be Wyrdborn") joins neither, so the two stay apart,
    // and the claims come out as kinds.
    #[test]
    fn a_name_claimed_by_two_characters_does_not_chain_them() {
        let story = crate::extract_parts(
            &["Sael and Tobin reach the chapel. The abbess tells Sael the truth. Sael is Wyrdborn. \
               Sael throws a candlestick. Later Tobin wonders aloud, and I suspect Tobin might be Wyrdborn too."],
            &[],
            None,
        );
        let names_of = |n: &str| {
            story
                .entities
                .iter()
                .find(|e| e.name == n || e.aliases.iter().any(|a| a == n))
                .map(|e| e.name.clone())
        };
        assert_ne!(names_of("Sael"), names_of("Tobin"), "{:#?}", story.entities);
        assert_ne!(
            names_of("Sael"),
            names_of("Wyrdborn"),
            "{:#?}",
            story.entities
        );
        assert!(
            story.facts.iter().any(|f| f.subject == "Sael"
                && f.relation == crate::model::Relation::IsA
                && f.object == "Wyrdborn"),
            "{:#?}",
            story.facts
        );
    }

    // A mask or codename mentioned first does not become the canonical name when the text
    // mostly uses the character's own name.
    #[test]
    fn canonical_name_is_the_one_the_text_uses_most() {
        let story = crate::extract_parts(
            &[
                "The masked ace Shrike cuts down two frames. Rei Kurosawa brings Akane tea. \
               Rei laughs. Rei flies the night patrol. Rei confirms she is Shrike.",
            ],
            &[],
            None,
        );
        let rei = story
            .entities
            .iter()
            .find(|e| e.aliases.iter().any(|a| a == "Shrike") || e.name == "Shrike");
        assert_eq!(
            rei.map(|e| e.name.as_str()),
            Some("Rei Kurosawa"),
            "{:#?}",
            story.entities
        );
        // The reveal names each side by its fullest earlier name.
        assert!(
            story
                .facts
                .iter()
                .any(|f| f.relation == crate::model::Relation::SameAs
                    && f.subject == "Rei Kurosawa"
                    && f.object == "Shrike"),
            "{:#?}",
            story.facts
        );
    }

    // Honorific suffixes ("Akane-chan") and hyphenated or fantasy titles ("Lord-Marshal",
    // "Ser") are titles: the bare name is the entity, the titled form an alias.
    #[test]
    fn honorific_suffixes_and_compound_titles() {
        let story = crate::extract_parts(
            &[
                "Akane Shiraishi wakes early. Kenta calls her Akane-chan. Akane laughs. \
               Lord-Marshal Edric Harrow rides in with Ser Aldous Finch. Harrow waits.",
            ],
            &[],
            None,
        );
        let entity = |n: &str| story.entities.iter().find(|e| e.name == n);
        let akane = entity("Akane Shiraishi")
            .map(|e| e.aliases.clone())
            .unwrap_or_default();
        assert!(
            akane.iter().any(|a| a == "Akane-chan"),
            "{:#?}",
            story.entities
        );
        let harrow = entity("Edric Harrow")
            .map(|e| e.aliases.clone())
            .unwrap_or_default();
        assert!(
            harrow.iter().any(|a| a == "Lord-Marshal Edric Harrow"),
            "{:#?}",
            story.entities
        );
        assert!(entity("Aldous Finch").is_some(), "{:#?}", story.entities);
    }

    // An acronym joins the one full name whose initials it spells, and a group's plural
    // short form ("the Greyhounds") joins the group it starts.
    #[test]
    fn acronyms_and_plural_group_forms() {
        let cs = resolve(
            "Detective Ana Ruiz of the New Bristol Police Department arrives. The NBPD closes the street. \
             The Greyhound Crew runs the docks. The Greyhounds want the ledger.",
            "",
            None,
        );
        assert_eq!(
            cluster_of(&cs, "NBPD").canonical,
            "New Bristol Police Department"
        );
        assert_eq!(cluster_of(&cs, "Greyhounds").canonical, "Greyhound Crew");
    }

    // "X, whom everyone calls Y" and "X, callsign Y" merge the names, but a nickname is no
    // reveal, so no same_as fact is reported for it; quotation marks do not hide a reveal.
    #[test]
    fn nicknames_merge_without_a_fact_and_quotes_do_not_hide_reveals() {
        let story = crate::extract_parts(
            &[
                "Theodore Prentiss keeps the books, and everyone calls him Teddy. Teddy sweats. \
               Haruka Sendou, callsign Wren, flies cover. Wren dives. \
               \u{201c}Dorothy Kemp\u{201d} was Celeste Moreau all along.",
            ],
            &[],
            None,
        );
        let entity_of = |n: &str| {
            story
                .entities
                .iter()
                .find(|e| e.name == n || e.aliases.iter().any(|a| a == n))
                .map(|e| e.name.clone())
        };
        assert_eq!(
            entity_of("Teddy"),
            Some("Theodore Prentiss".into()),
            "{:#?}",
            story.entities
        );
        assert_eq!(
            entity_of("Wren"),
            Some("Haruka Sendou".into()),
            "{:#?}",
            story.entities
        );
        assert_eq!(
            entity_of("Dorothy Kemp"),
            entity_of("Celeste Moreau"),
            "{:#?}",
            story.entities
        );
        let same_as: Vec<_> = story
            .facts
            .iter()
            .filter(|f| f.relation == crate::model::Relation::SameAs)
            .map(|f| (f.subject.as_str(), f.object.as_str()))
            .collect();
        assert_eq!(
            same_as,
            vec![("Dorothy Kemp", "Celeste Moreau")],
            "{:#?}",
            story.facts
        );
    }

    // A real-world capital used for its government ("London doesn't help") is still a
    // place, but a character who shares a listed name keeps it on the text's evidence.
    #[test]
    fn real_world_places_are_places() {
        let cs = resolve(
            "Nora cables London. London doesn't help. The source sells secrets to Moscow.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "London").kind, Kind::Place);
        assert_eq!(cluster_of(&cs, "Moscow").kind, Kind::Place);
    }

    // A series titled with "The" is the series when the text writes "Marrowfolk": the
    // mention has no article, so the comparison drops it too.
    #[test]
    fn a_series_titled_with_the_is_found_without_it() {
        let cs = resolve(
            "Mara sails. Mara waits.",
            "This week Marrowfolk knows exactly what it is, and she says so.",
            Some("The Marrowfolk"),
        );
        assert_eq!(cluster_of(&cs, "Marrowfolk").kind, Kind::Work);
    }

    // Credits name real people and companies in a recap as well as a review: a lower-case
    // crew role, "played by", "Showrunner:", "X plays her", "X is too good an actor", a
    // service one streams on.
    #[test]
    fn credits_in_the_recap_name_people_and_companies() {
        let cs = resolve(
            "Mara is played by Ada Quist. Ada Quist is too good an actor to waste. Pell Brine plays her with a sneer. The heist is staged by director Ilse Varn. The episode is now streaming on Lumenbox. Showrunner: Theo Hart.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Ada Quist").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Pell Brine").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Ilse Varn").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Lumenbox").kind, Kind::Org);
        assert_eq!(cluster_of(&cs, "Theo Hart").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Mara").kind, Kind::Character);
    }

    // No chaining: each misspelling merges only into a frequent form it is close to.
    #[test]
    fn misspellings_do_not_chain() {
        // "Mary" is close to "Mara", "Mara" to "Mira", but "Mary" and "Mira" are two edits
        // apart; with Mara rare, Mary must not reach Mira through it.
        let cs = resolve("Mira runs. Mira waits. Mira jumps. Mira sings. Mira eats. Mira naps. Mary smiles. Mara hides.", "", None);
        assert_ne!(cluster_of(&cs, "Mary").canonical, "Mira");
    }

    // Nicknames shorten a first name: "Sol" for Marisol, "Toby" for Tobias.
    #[test]
    fn nicknames() {
        let cs = resolve(
            "Marisol Arden dives. Tobias Quill maps. Sol laughs. Toby waits. Mara hides.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Sol").canonical, "Marisol Arden");
        assert_eq!(cluster_of(&cs, "Toby").canonical, "Tobias Quill");
        assert_eq!(cluster_of(&cs, "Mara").canonical, "Mara");
    }

    // "the Donovans" beside "Frank Donovan" is the family, not a plural kind nor a typo.
    #[test]
    fn surname_plural_is_a_family() {
        let cs = resolve(
            "Frank Donovan waits. Donovan smiles. Donovan leaves. Maya chases the Donovans.",
            "",
            None,
        );
        let fam = cluster_of(&cs, "Donovans");
        assert_eq!(fam.kind, Kind::Group);
        assert_ne!(fam.canonical, "Frank Donovan");
    }

    // "of" after a place or group head word belongs to the name.
    #[test]
    fn kingdom_of_names() {
        let cs = resolve(
            "We open on the Kingdom of Elaria, where Lyra waits.",
            "",
            None,
        );
        assert_eq!(cluster_of(&cs, "Kingdom of Elaria").kind, Kind::Place);
    }

    // Plural kind words are kinds, and the plural joins the singular.
    #[test]
    fn plural_kind_words() {
        let cs = resolve("Pell is a Cogborn. The Cogborns run on Brine.", "", None);
        let c = cluster_of(&cs, "Cogborn");
        assert_eq!(c.kind, Kind::Kind);
        assert!(c.aliases.contains(&"Cogborns".to_string()));
    }

    // Kinds from evidence across mentions.
    #[test]
    fn kinds_from_evidence() {
        let cs = resolve(
            "At Club Canal, Rouge watches. Scar Head notices his serum (Nectar) missing. Kevin injected himself with Nectar. They parted ways with their group (Alters). Sara is one of the Immortal Nine. Jaron says she is an Alethia agent. Rouge sees a Joker card. On Mars, we see people.",
            "Studio Bones, the studio responsible for works like Mob Psycho 100, made it. It evokes the recent Netflix sci-fi anime Pluto.",
            None,
        );
        assert_eq!(cluster_of(&cs, "Club Canal").kind, Kind::Place);
        assert_eq!(cluster_of(&cs, "Nectar").kind, Kind::Thing);
        assert_eq!(cluster_of(&cs, "Alters").kind, Kind::Group);
        assert_eq!(cluster_of(&cs, "Immortal Nine").kind, Kind::Group);
        assert_eq!(cluster_of(&cs, "Alethia").kind, Kind::Group);
        assert_eq!(cluster_of(&cs, "Joker card").kind, Kind::Thing);
        assert_eq!(cluster_of(&cs, "Mars").kind, Kind::Place);
        assert_eq!(cluster_of(&cs, "Rouge").kind, Kind::Character);
        assert_eq!(cluster_of(&cs, "Studio Bones").kind, Kind::Org);
        assert_eq!(cluster_of(&cs, "Netflix").kind, Kind::Org);
        assert_eq!(cluster_of(&cs, "Pluto").kind, Kind::Work);
        assert_eq!(cluster_of(&cs, "Mob Psycho 100").kind, Kind::Work);
    }

    // Appositives and "named" introduce characters, and the noun gives the gender.
    #[test]
    fn appositives_make_characters() {
        let mut cs = resolve(
            "The glasses-wearing gentleman (Fate Jaron) checks the case. They turn to another male co-worker (Kevin). They discuss a male executive named Herman. A fellow Alters member named Silvia waits.",
            "",
            None,
        );
        for n in ["Fate Jaron", "Kevin", "Herman", "Silvia"] {
            assert_eq!(cluster_of(&cs, n).kind, Kind::Character, "{n}");
        }
        cs.retain(|c| c.canonical == "Fate Jaron");
        assert_eq!(cs[0].gender, Some(Gender::Male));
    }

    // An indefinite article marks a class of beings, and a credit in the review a person.
    #[test]
    fn kinds_and_people() {
        let cs = resolve("Naomi says Sara is likely a Nean. A robotic individual (deemed a red Gladiator) arrives. The Gladiator flees. Edda waits.",
            "Edda (Saoirse Doyle) is great. Aiko Tanabe stages it well. Lena Ortiz (Naomi) shines.", None);
        assert_eq!(cluster_of(&cs, "Lena Ortiz").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Naomi").kind, Kind::Character);
        assert_eq!(cluster_of(&cs, "Nean").kind, Kind::Kind);
        assert_eq!(cluster_of(&cs, "Gladiator").kind, Kind::Kind);
        assert_eq!(cluster_of(&cs, "Saoirse Doyle").kind, Kind::Person);
        assert_eq!(cluster_of(&cs, "Aiko Tanabe").kind, Kind::Person);
    }

    fn story_entity(story: &crate::Story, name: &str) -> Option<crate::Entity> {
        story
            .entities
            .iter()
            .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
            .cloned()
    }

    fn kind_in(recap: &str, review: &str, name: &str) -> Option<Kind> {
        let story = crate::extract_parts(&[recap], &[review], None);
        story_entity(&story, name).map(|e| e.kind)
    }

    // "gives Corin Emberwine": the receiver and the gift of a verb of giving are two names,
    // not one full name, and the gift is a thing.
    #[test]
    fn giving_verb_splits_receiver_from_gift() {
        let story = crate::extract_parts(
            &["Corin waits by the door. Corin eats alone. Later Odile gives Corin Emberwine, a full flask of it."],
            &[],
            None,
        );
        assert!(
            story_entity(&story, "Corin Emberwine").is_none(),
            "{:?}",
            story.entities
        );
        assert_eq!(
            story_entity(&story, "Corin").map(|e| e.kind),
            Some(Kind::Character)
        );
        assert_eq!(
            story_entity(&story, "Emberwine").map(|e| e.kind),
            Some(Kind::Thing)
        );
    }

    // "Harbourmaster Crane" beside "Talia Crane": a job title and the surname of the one
    // full name with that surname is that person.
    #[test]
    fn title_before_surname_of_one_full_name_is_an_alias() {
        let story = crate::extract_parts(
            &["Talia Crane greets Sol at the pier. Sol leaves. Later, Harbourmaster Crane stops by the tavern."],
            &[],
            None,
        );
        let e = story_entity(&story, "Talia Crane").expect("Talia Crane");
        assert!(
            e.aliases.contains(&"Harbourmaster Crane".to_string()),
            "{e:?}"
        );
    }

    // Two full names share the surname (siblings): the titled surname stays ambiguous.
    #[test]
    fn title_before_shared_surname_stays_apart() {
        let story = crate::extract_parts(
            &["Talia Crane and Jory Crane argue at the pier. Later, Harbourmaster Crane stops by."],
            &[],
            None,
        );
        for n in ["Talia Crane", "Jory Crane"] {
            let e = story_entity(&story, n).expect(n);
            assert!(
                !e.aliases.contains(&"Harbourmaster Crane".to_string()),
                "{e:?}"
            );
        }
    }

    // What a character runs on, runs low on or is topped up with is a substance.
    #[test]
    fn substance_contexts_make_a_thing() {
        assert_eq!(
            kind_in(
                "Tam runs on Glowmead. By dusk Tam is running low on Glowmead.",
                "",
                "Glowmead"
            ),
            Some(Kind::Thing)
        );
        assert_eq!(
            kind_in(
                "Tam, freshly topped up with Glowmead, asks questions. Tam laughs.",
                "",
                "Glowmead"
            ),
            Some(Kind::Thing)
        );
    }

    // "his Glowmead all but gone": a function word after the name keeps the possessive
    // determiner's evidence (the name is the head, not a modifier).
    #[test]
    fn possessed_name_before_function_word_is_a_thing() {
        assert_eq!(
            kind_in(
                "Tam goes out to buy Glowmead from a seller. The episode ends with Tam collapsing, his Glowmead all but gone.",
                "",
                "Glowmead"
            ),
            Some(Kind::Thing)
        );
    }

    // An epithet people give someone ("whom the sailors call the Nightjar", "whisper a
    // name, the Nightjar") names a character, though it always takes "the".
    #[test]
    fn epithet_after_call_is_a_character() {
        assert_eq!(
            kind_in("A stranger, whom the sailors call the Nightjar, vanishes into the smoke. Whoever the Nightjar is, the Choir is worried.", "", "Nightjar"),
            Some(Kind::Character)
        );
        assert_eq!(
            kind_in(
                "Sailors whisper a name, the Nightjar, and nobody sleeps.",
                "",
                "Nightjar"
            ),
            Some(Kind::Character)
        );
    }

    // A review names a studio's earlier show: "Studio Wren made its name with Glass Harbor"
    // and "Glass Harbor, Wren's earlier work" are works, not places.
    #[test]
    fn studio_work_in_review_is_a_work() {
        assert_eq!(
            kind_in(
                "Sol waits.",
                "Studio Wren made its name with Glass Harbor, and it shows.",
                "Glass Harbor"
            ),
            Some(Kind::Work)
        );
        assert_eq!(
            kind_in(
                "Sol waits.",
                "Even Glass Harbor, Wren's earlier work, paced its turns better.",
                "Glass Harbor"
            ),
            Some(Kind::Work)
        );
    }

    // "Ada Finch (voiced by Mira Solberg)": the credited name is a person, and the fact is
    // played_by.
    #[test]
    fn voiced_by_credit_is_a_person_and_played_by() {
        let story = crate::extract_parts(
            &["The goat belongs to Ada Finch (voiced by Mira Solberg), a girl from the village. Ada Finch runs."],
            &[],
            None,
        );
        assert_eq!(
            story_entity(&story, "Mira Solberg").map(|e| e.kind),
            Some(Kind::Person)
        );
        assert!(
            story.facts.iter().any(|f| f.subject == "Ada Finch"
                && f.relation == crate::model::Relation::PlayedBy
                && f.object == "Mira Solberg"),
            "{:?}",
            story.facts
        );
    }

    // A destination of travel or sending is a place: "flies to Vostra", "cables to Vostra".
    #[test]
    fn travel_destination_is_a_place() {
        assert_eq!(
            kind_in(
                "Ivo learns the source was selling cables to Vostra. Ivo waits.",
                "",
                "Vostra"
            ),
            Some(Kind::Place)
        );
    }

    // "decoded in Vostra" outweighs a city's metonymic agency ("Vostra writes").
    #[test]
    fn in_a_city_outweighs_metonymic_agency() {
        assert_eq!(
            kind_in("She feeds them whatever Vostra writes for her. The cable is decoded in Vostra and wired back.", "", "Vostra"),
            Some(Kind::Place)
        );
    }
}
