//! Why an article could not be read at all. Anything that can be worked around is a
//! [`crate::Warning`] instead; these are the cases where nothing usable came out.

use std::fmt;
use thiserror::Error;

/// Where the bytes came from, for messages: a path, or `<stdin>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(pub String);

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An article that could not be read, with the file it came from.
#[derive(Debug, Error)]
#[error("{origin}: {problem}")]
pub struct ReadError {
    pub origin: Origin,
    pub problem: Problem,
}

/// What was wrong with the input. Each message says the problem in words a user can act on.
#[derive(Debug, Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("no such file")]
    NotFound,
    #[error("is a directory, not an article file (pass the files inside it, or use `ingest` for folders)")]
    IsDirectory,
    #[error("is not a regular file")]
    NotAFile,
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only white space")]
    Blank,
    #[error("binary data ({0}), not a text, Markdown or HTML article")]
    Binary(String),
    #[error("not valid UTF-8 text (first bad byte at offset {offset}); save the article as UTF-8")]
    InvalidUtf8 { offset: usize },
    #[error("{size} bytes is larger than the {limit} byte limit for one article")]
    TooLarge { size: u64, limit: u64 },
    #[error(
        "the HTML page has no article text (no paragraphs outside navigation, scripts and footers)"
    )]
    NoArticleText,
    #[error("the HTML nests elements more than {limit} deep; no article page does, so it was not parsed")]
    TooDeep { limit: usize },
    #[error("no paragraphs of text were found")]
    NoParagraphs,
}

impl ReadError {
    pub(crate) fn new(origin: &Origin, problem: Problem) -> Self {
        ReadError {
            origin: origin.clone(),
            problem,
        }
    }
}
