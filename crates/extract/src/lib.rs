//! Story extraction: from one [`Article`] to the Story JSON of `shared/spec/story-json.md`.
//!
//! The pipeline runs in stages, each in its own module: sentence segmentation with byte
//! offsets ([`segment`]), proper-name mentions ([`mentions`]), entities with aliases and kinds
//! ([`entities`]), facts ([`facts`]), scenes ([`scenes`]) and the review verdict ([`review`]).
//! Analysis never fails: whatever the input, an [`Extraction`] comes out, and anything
//! doubtful is reported as a [`Diagnostic`].

pub mod model;

pub use model::*;

use previously_article::Article;

/// Extracts the story told by one article.
pub fn extract(article: &Article) -> Extraction {
    let story = Story {
        article: ArticleMeta::from_article(article),
        entities: Vec::new(),
        facts: Vec::new(),
        scenes: Vec::new(),
        review: None,
    };
    Extraction { story, diagnostics: Vec::new() }
}
