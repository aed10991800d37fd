//! Story extraction: from one [`Article`] to the Story JSON of `shared/spec/story-json.md`.
//!
//! The pipeline runs in stages, each in its own module: sentence and token segmentation
//! with byte offsets ([`segment`], [`doc`]), proper-name mentions ([`mentions`]), entities
//! with aliases and kinds ([`entities`]), facts ([`facts`]), scenes ([`scenes`]) and the
//! review verdict ([`review`]). The word lists every rule relies on live in `data/`
//! (see `lexicon.rs`). Analysis never fails: whatever the input, an [`Extraction`] comes
//! out, and anything doubtful is reported as a [`Diagnostic`].

pub mod doc;
pub mod entities;
pub mod explicit;
pub mod facts;
pub(crate) mod lexicon;
pub mod mentions;
pub mod model;
pub mod review;
pub mod scenes;
pub mod segment;

pub use model::*;

use previously_article::Article;

/// Runs the mention and entity stages and describes every form with its kind evidence, for
/// people tuning the rules (`cargo run --example dump -- --debug FILE`).
pub fn debug_report(article: &Article) -> String {
    let doc = doc::Doc::new(article);
    let raw = prepare_mentions(&doc, article.series.as_deref(), article.title.as_deref());
    let mut resolver = entities::Resolver::new(&doc, &raw, article.series.as_deref());
    let mut out = String::new();
    for fi in 0..resolver.forms.len() {
        let root = resolver.root(fi);
        let f = &resolver.forms[fi];
        let e = &f.evidence;
        out.push_str(&format!(
            "{:<28} root={:<3} n={:<3} char={:.1} pers={:.1} group={:.1} place={:.1} thing={:.1} kind={:.1} work={:.1} org={:.1} bare={}/{} m={:.0} f={:.0}\n",
            f.name, root, f.count, e.score[0], e.score[1], e.score[2], e.score[3], e.score[4], e.score[5], e.score[6], e.score[7], e.bare, e.total, e.male, e.female
        ));
    }
    out
}

fn prepare_mentions(
    doc: &doc::Doc,
    series: Option<&str>,
    title: Option<&str>,
) -> Vec<mentions::RawMention> {
    let raw = mentions::find(doc);
    // The episode's own title, when the review repeats it, is not a story entity (unless
    // it is also the series title, as in a finale named after the show).
    let spans = title.map(|t| title_spans(doc, t)).unwrap_or_default();
    let title = title.map(str::to_lowercase);
    let series = series.map(str::to_lowercase);
    let raw: Vec<_> = raw
        .into_iter()
        .filter(|m| {
            // Most names are ASCII: compared without a lower-cased copy (`target` is lower
            // case already, so ignoring ASCII case is the same test).
            let is = |target: &Option<String>| {
                target.as_deref().is_some_and(|t| {
                    if m.name.is_ascii() {
                        m.name.eq_ignore_ascii_case(t)
                    } else {
                        m.name.to_lowercase() == t
                    }
                })
            };
            !is(&title) || is(&series)
        })
        .collect();
    // Words inside the episode's title where the text quotes it ("“Dead Man’s Switch,”
    // the sixth episode") name no one.
    let raw: Vec<_> = if spans.is_empty() {
        raw
    } else {
        raw.into_iter()
            .filter(|m| {
                let Some(para) = doc.sents.get(m.sent).map(|s| s.para) else {
                    return true;
                };
                // The last span starting at or before the mention (spans are sorted and do
                // not overlap), so a text quoting the title thousands of times stays linear.
                let at = spans.partition_point(|(p, r)| (*p, r.start) <= (para, m.start));
                !at.checked_sub(1)
                    .and_then(|i| spans.get(i))
                    .is_some_and(|(p, r)| *p == para && m.end <= r.end)
            })
            .collect()
    };
    let raw = mentions::strip_common_titles(doc, raw);
    mentions::split_juxtaposed(doc, raw)
}

/// Where the episode's title stands quoted in the text: (paragraph, byte range), sorted. Only
/// titles of two or more words count, and only where quoted: titles often name a place or
/// thing of the episode ("The Drowned Cathedral"), which the text also names unquoted.
/// A quoted title is copied as written, so the search is exact (with either apostrophe).
fn title_spans(doc: &doc::Doc, title: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    if title.split_whitespace().count() < 2 {
        return Vec::new();
    }
    let mut variants = vec![title.to_string()];
    if title.contains(['’', '\'']) {
        variants.push(title.replace('’', "'"));
        variants.push(title.replace('\'', "’"));
    }
    let finders: Vec<memchr::memmem::Finder> = variants
        .iter()
        .map(|v| memchr::memmem::Finder::new(v.as_bytes()).into_owned())
        .collect();
    let mut out = Vec::new();
    for (pi, p) in doc.paras.iter().enumerate() {
        for f in &finders {
            for at in f.find_iter(p.text.as_bytes()) {
                let quoted = p.text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| matches!(c, '“' | '"' | '‘' | '\''));
                if quoted {
                    out.push((pi, at..at + f.needle().len()));
                }
            }
        }
    }
    out.sort_unstable_by_key(|(p, r)| (*p, r.start));
    out
}

pub fn extract(article: &Article) -> Extraction {
    let doc = doc::Doc::new(article);
    let (mut story, diagnostics) = run(doc, article.series.as_deref(), article.title.as_deref());
    story.article = ArticleMeta::from_article(article);
    Extraction { story, diagnostics }
}

/// How many articles [`extract_batch`] takes through the stages together: enough to keep
/// each stage's automata and word lists in the processor's cache across articles, few
/// enough that the group's intermediate data (tokens, mentions, templates) stays small.
/// Measured on the demo corpus, one thread: 8 gains 3%, 16 gains 9%, 32 and 64 gain 10%.
/// 16 is below the 19 distinct articles the bench corpus cycles through, so no group the
/// bench times holds the same article twice.
pub const BATCH: usize = 16;

/// [`extract`] for many articles, with the same result for each, faster.
///
/// One article at a time, each stage finds its automata and word lists evicted from the
/// processor's cache by the other stages' work on the previous article. Here the articles
/// go through the stages in groups of [`BATCH`]: every article's mentions, then every
/// article's entities, facts and review, so each stage's working set is loaded once per
/// group instead of once per article.
pub fn extract_batch<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Extraction> {
    let mut out = Vec::new();
    let mut articles = articles.into_iter();
    loop {
        let group: Vec<&Article> = articles.by_ref().take(BATCH).collect();
        if group.is_empty() {
            return out;
        }
        let staged = group
            .iter()
            .map(|a| (doc::Doc::new(a), a.series.as_deref(), a.title.as_deref()))
            .collect();
        for (a, (mut story, diagnostics)) in group.iter().zip(run_stages(staged)) {
            story.article = ArticleMeta::from_article(a);
            out.push(Extraction { story, diagnostics });
        }
    }
}

/// Extracts a story from bare recap and review paragraphs (for tests and tools that have
/// no [`Article`]).
pub fn extract_parts(recap: &[&str], review: &[&str], series: Option<&str>) -> Story {
    let mut paras = Vec::new();
    for (i, p) in recap.iter().enumerate() {
        paras.push(doc::Para {
            text: p,
            part: Part::Recap,
            index: i,
        });
    }
    for (i, p) in review.iter().enumerate() {
        paras.push(doc::Para {
            text: p,
            part: Part::Review,
            index: i,
        });
    }
    let doc = doc::Doc::from_paras(paras);
    let (mut story, _) = run(doc, series, None);
    story.article.series = series.map(str::to_string);
    story
}

/// One article through the same stages as a batch (a batch of one), so the two paths
/// cannot drift apart.
fn run(doc: doc::Doc<'_>, series: Option<&str>, title: Option<&str>) -> (Story, Vec<Diagnostic>) {
    // `run_stages` gives one result per article: the default is never used.
    run_stages(vec![(doc, series, title)])
        .pop()
        .unwrap_or_default()
}

/// One article between the stages of [`run_stages`]: the segmented text and what the
/// mention, entity and fact stages found in it.
struct Work<'a> {
    doc: doc::Doc<'a>,
    series: Option<&'a str>,
    title: Option<&'a str>,
    raw: Vec<mentions::RawMention>,
    resolver: entities::Resolver,
    /// The first pass's clusters (before reveals merge names) and each form's cluster.
    clusters: Vec<entities::Cluster>,
    form_cluster: Vec<usize>,
    /// Mention → cluster in `clusters`.
    mention_cluster: Vec<usize>,
    raw_facts: Vec<facts::RawFact>,
}

impl<'a> Work<'a> {
    /// The entity stage: forms, kinds and the first pass's clusters.
    fn new(
        doc: doc::Doc<'a>,
        series: Option<&'a str>,
        title: Option<&'a str>,
        raw: Vec<mentions::RawMention>,
    ) -> Self {
        let mut resolver = entities::Resolver::new(&doc, &raw, series);
        // First pass: clusters without reveals, to find the facts (reveals among them).
        let (clusters, form_cluster) = resolver.clusters();
        let mention_cluster: Vec<usize> = resolver
            .mention_form
            .iter()
            .map(|&f| form_cluster.get(f).copied().unwrap_or(0))
            .collect();
        Work {
            doc,
            series,
            title,
            raw,
            resolver,
            clusters,
            form_cluster,
            mention_cluster,
            raw_facts: Vec::new(),
        }
    }

    /// What the fact stage needs to know about names.
    fn names(&self) -> facts::Names<'_> {
        facts::Names {
            mentions: &self.raw,
            mention_cluster: &self.mention_cluster,
            clusters: &self.clusters,
        }
    }
}

/// Takes segmented articles through the stages, each stage over all of them before the
/// next (see [`extract_batch`]); one result per article, in order. Every stage is pure per
/// article, so the order of work changes no result.
fn run_stages<'a>(
    staged: Vec<(doc::Doc<'a>, Option<&'a str>, Option<&'a str>)>,
) -> Vec<(Story, Vec<Diagnostic>)> {
    let mentioned: Vec<_> = staged
        .into_iter()
        .map(|(doc, series, title)| {
            let raw = prepare_mentions(&doc, series, title);
            (doc, series, title, raw)
        })
        .collect();
    let mut works: Vec<Work> = mentioned
        .into_iter()
        .map(|(doc, series, title, raw)| Work::new(doc, series, title, raw))
        .collect();
    // The fact stage in its two halves, each over every article: the templates and
    // keyword scan, then the patterns.
    let templates: Vec<facts::Templates> = works
        .iter()
        .map(|w| facts::templates(&w.doc, &w.names()))
        .collect();
    for (w, t) in works.iter_mut().zip(&templates) {
        w.raw_facts = facts::match_templates(t, &w.names());
    }
    let reviews: Vec<_> = works.iter().map(|w| review::analyse(&w.doc)).collect();
    works
        .into_iter()
        .zip(reviews)
        .map(|(w, r)| finish(w, r))
        .collect()
}

/// The last stage: reveals merge names, facts get their final names, then scenes, the
/// review's comparisons and credits, and the entities.
fn finish(w: Work<'_>, review: (Option<Review>, Vec<Diagnostic>)) -> (Story, Vec<Diagnostic>) {
    let Work {
        doc,
        series,
        title,
        raw,
        mut resolver,
        clusters,
        form_cluster,
        mention_cluster,
        raw_facts,
    } = w;
    let doc = &doc;
    let mut diagnostics = Vec::new();
    let names = facts::Names {
        mentions: &raw,
        mention_cluster: &mention_cluster,
        clusters: &clusters,
    };
    // Reveals between two characters merge them; a character revealed to be a kind of
    // being ("the Gladiator's Jaron" where Gladiator is a kind) stays apart.
    let mut pairs = Vec::new();
    for f in &raw_facts {
        if f.relation != Relation::SameAs {
            continue;
        }
        if let facts::Object::Mention(o) = f.object {
            let both = [f.subject, o].iter().all(|&m| {
                names
                    .mention_cluster
                    .get(m)
                    .and_then(|&c| clusters.get(c))
                    .is_some_and(|c| c.kind == Kind::Character || c.weak_kind)
            });
            if both {
                if let (Some(&a), Some(&b)) = (
                    resolver.mention_form.get(f.subject),
                    resolver.mention_form.get(o),
                ) {
                    pairs.push((a, b));
                }
            }
        }
    }
    // A name two different characters are each said to be is a class ("Sael is
    // Wyrdborn", "Tobin might be Wyrdborn too"): those reveals are kinds, not identities.
    let contested = resolver.contested_reveals(&pairs);
    // Without a merge the clusters are the first pass's: no need to work them out again.
    let (final_clusters, final_form_cluster) = if resolver.merge_reveals(&pairs, &contested) {
        resolver.clusters()
    } else {
        (clusters.clone(), form_cluster.clone())
    };
    let canonical_of = |mi: usize| -> String {
        resolver
            .mention_form
            .get(mi)
            .and_then(|&f| final_form_cluster.get(f))
            .and_then(|&c| final_clusters.get(c))
            .map(|c| c.canonical.clone())
            .unwrap_or_default()
    };
    let form_name = |mi: usize| -> String {
        resolver
            .mention_form
            .get(mi)
            .and_then(|&f| resolver.forms.get(f))
            .map(|f| f.name.clone())
            .unwrap_or_default()
    };
    let mut facts_out: Vec<Fact> = Vec::new();
    // (relation, subject, object) → index in `facts_out`, symmetric relations keyed in
    // sorted order; a map keeps de-duplication linear.
    let mut seen: rustc_hash::FxHashMap<(Relation, String, String), usize> =
        rustc_hash::FxHashMap::default();
    for f in raw_facts.iter().filter(|f| !f.merge_only) {
        let relation = match (&f.relation, &f.object) {
            (Relation::SameAs, facts::Object::Mention(o))
                if resolver
                    .mention_form
                    .get(*o)
                    .is_some_and(|fo| contested.binary_search(fo).is_ok()) =>
            {
                Relation::IsA
            }
            (r, _) => *r,
        };
        let (subject, object) = match (&relation, &f.object) {
            // A reveal names each side by the fullest name it had before the reveal ("Rei"
            // is "Rei Kurosawa" when she confirms she is Shrike), or by the name as
            // written when both were already one entity.
            (Relation::SameAs, facts::Object::Mention(o)) => {
                let (sc, oc) = (
                    names.mention_cluster.get(f.subject),
                    names.mention_cluster.get(*o),
                );
                match (
                    sc.and_then(|&c| clusters.get(c)),
                    oc.and_then(|&c| clusters.get(c)),
                ) {
                    (Some(a), Some(b)) if sc != oc => (a.canonical.clone(), b.canonical.clone()),
                    _ => (form_name(f.subject), form_name(*o)),
                }
            }
            (_, facts::Object::Mention(o)) => (canonical_of(f.subject), canonical_of(*o)),
            (_, facts::Object::Word(w)) => (canonical_of(f.subject), w.clone()),
        };
        if subject.is_empty() || object.is_empty() || subject == object {
            continue;
        }
        let symmetric = matches!(
            relation,
            Relation::SameAs | Relation::AllyOf | Relation::EnemyOf
        );
        let key = if symmetric && object < subject {
            (relation, object.clone(), subject.clone())
        } else {
            (relation, subject.clone(), object.clone())
        };
        if let Some(&i) = seen.get(&key) {
            // A later confirmation upgrades an earlier suspicion.
            if f.certainty == Certainty::Confirmed {
                if let Some(existing) = facts_out.get_mut(i) {
                    existing.certainty = Certainty::Confirmed;
                }
            }
            continue;
        }
        seen.insert(key, facts_out.len());
        facts_out.push(Fact {
            subject,
            relation,
            object,
            certainty: f.certainty,
            evidence: doc.sent_text(f.sent).to_string(),
        });
    }
    // Scenes, with each mention's final name and kind.
    let infos: Vec<scenes::MentionInfo> = raw
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let cluster = resolver
                .mention_form
                .get(mi)
                .and_then(|&f| final_form_cluster.get(f))
                .and_then(|&c| final_clusters.get(c));
            scenes::MentionInfo {
                sent: m.sent,
                first_tok: m.first_tok,
                name: cluster.map(|c| c.canonical.clone()).unwrap_or_default(),
                kind: cluster.map_or(Kind::Character, |c| c.kind),
            }
        })
        .collect();
    let scenes_out = scenes::build(doc, &infos);
    // The review's comparisons and credits: the series is compared to each work the
    // review names, and a work named in a sentence with a studio is made by it.
    let series_name = series.map(str::to_string);
    let mut compared: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut made: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    // The first studio named in each review sentence.
    let mut studio_in: rustc_hash::FxHashMap<usize, String> = rustc_hash::FxHashMap::default();
    for info in &infos {
        if info.kind == Kind::Org && info.name.to_lowercase().contains("studio") {
            studio_in
                .entry(info.sent)
                .or_insert_with(|| info.name.clone());
        }
    }
    // Whether a sentence says who made something; computed once per sentence, because a
    // sentence may name many works and re-reading it for each would cost time quadratic in
    // its length.
    let mut maker_cue: rustc_hash::FxHashMap<usize, bool> = rustc_hash::FxHashMap::default();
    for info in infos.iter() {
        if info.kind != Kind::Work || doc.sent_part(info.sent) != Part::Review {
            continue;
        }
        if let Some(sn) = &series_name {
            if !info.name.eq_ignore_ascii_case(sn) && compared.insert(info.name.clone()) {
                facts_out.push(Fact {
                    subject: sn.clone(),
                    relation: Relation::ComparedTo,
                    object: info.name.clone(),
                    certainty: Certainty::Confirmed,
                    evidence: doc.sent_text(info.sent).to_string(),
                });
            }
        }
        let Some(org) = studio_in.get(&info.sent) else {
            continue;
        };
        if made.contains(&info.name) {
            continue;
        }
        let says_maker = *maker_cue.entry(info.sent).or_insert_with(|| {
            let lower = doc.sent_text(info.sent).to_lowercase();
            [
                "responsible for",
                "behind",
                "produced",
                "made",
                "earlier",
                "from",
                "studio's",
                "studio’s",
            ]
            .iter()
            .any(|w| lower.contains(w))
        });
        if says_maker {
            made.insert(info.name.clone());
            facts_out.push(Fact {
                subject: info.name.clone(),
                relation: Relation::MadeBy,
                object: org.clone(),
                certainty: Certainty::Confirmed,
                evidence: doc.sent_text(info.sent).to_string(),
            });
        }
    }
    let (review_out, review_notes) = review;
    diagnostics.extend(review_notes);
    let mut entities_out = Vec::with_capacity(final_clusters.len());
    for c in &final_clusters {
        let first_mention = raw.get(c.first_mention).map(|m| Mention {
            part: m.part,
            paragraph: doc
                .paras
                .get(doc.sents.get(m.sent).map_or(0, |s| s.para))
                .map_or(0, |p| p.index),
            start: m.start,
            end: m.end,
            text: m.full.clone(),
        });
        entities_out.push(Entity {
            name: c.canonical.clone(),
            kind: c.kind,
            aliases: c.aliases.clone(),
            mentions: c.mentions,
            first_mention,
        });
    }
    if doc.paras.iter().all(|p| p.part == Part::Review) && !doc.paras.is_empty() {
        diagnostics.push(Diagnostic {
            message: "the article has no recap section; only the review was analysed".into(),
        });
    }
    let story = Story {
        article: ArticleMeta {
            series: series.map(str::to_string),
            season: None,
            episode: None,
            title: title.map(str::to_string),
            outlet: None,
        },
        entities: entities_out,
        facts: facts_out,
        scenes: scenes_out,
        review: review_out,
    };
    (story, diagnostics)
}
