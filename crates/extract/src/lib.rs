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
pub(crate) mod lexicon;
pub mod mentions;
pub mod model;
pub mod segment;

pub use model::*;

use previously_article::Article;

/// Extracts the story told by one article.
pub fn extract(article: &Article) -> Extraction {
    let doc = doc::Doc::new(article);
    let raw = mentions::split_juxtaposed(&doc, mentions::find(&doc));
    let mut resolver = entities::Resolver::new(&doc, &raw, article.series.as_deref());
    let (clusters, form_cluster) = resolver.clusters();
    let mut entities = Vec::with_capacity(clusters.len());
    for c in &clusters {
        let first_mention = raw.get(c.first_mention).map(|m| Mention {
            part: m.part,
            paragraph: doc.paras.get(doc.sents.get(m.sent).map_or(0, |s| s.para)).map_or(0, |p| p.index),
            start: m.start,
            end: m.end,
            text: m.full.clone(),
        });
        entities.push(Entity {
            name: c.canonical.clone(),
            kind: c.kind,
            aliases: c.aliases.clone(),
            mentions: c.mentions,
            first_mention,
        });
    }
    let _ = form_cluster;
    let story = Story {
        article: ArticleMeta::from_article(article),
        entities,
        facts: Vec::new(),
        scenes: Vec::new(),
        review: None,
    };
    Extraction { story, diagnostics: Vec::new() }
}
