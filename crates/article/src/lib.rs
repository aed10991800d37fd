//! `previously-article` reads one recap & review article — plain text copied from a web
//! page, Markdown with front matter, or an HTML page — into an [`Article`]: series, season,
//! episode, episode title, outlet, url, date, recap paragraphs and review paragraphs.
//!
//! The flow is bytes → checks (size, binary, UTF-8) → format detection from the content →
//! a format-specific reader that yields blocks (headings and paragraphs) and out-of-band
//! metadata → one shared assembler (`assemble`) that finds the headline, title, byline and
//! the review heading. Because all formats meet in the assembler, the same article in three
//! syntaxes reads the same.
//!
//! Only IO and unusable input return `Err` ([`ReadError`], which names the file and the
//! problem); anything that can be read is read, with [`Warning`]s for what was missing.

mod assemble;
mod error;
mod headline;
mod html;
mod markdown;
mod model;
mod place;
mod readable;
mod text;

pub use error::{Origin, Problem, ReadError};
pub use headline::{parse_headline, parse_label_headline, Headline};
pub use model::{url_host, Article, Cue, EpisodeRef, Format, Parsed, Placement, Section, Warning};
pub use place::{parse_slug, place_from_name, SlugPlace};
pub use readable::parse_page;

use std::io::Read;
use std::path::Path;

/// No recap is anywhere near this long; a larger file is a mistake (a log, a dump, a video)
/// and is refused before it is read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads and parses the article at `path`.
pub fn read_path(path: &Path) -> Result<Parsed, ReadError> {
    let origin = Origin(path.display().to_string());
    let meta = std::fs::metadata(path).map_err(|e| {
        let problem = if e.kind() == std::io::ErrorKind::NotFound {
            Problem::NotFound
        } else {
            Problem::Io(e)
        };
        ReadError::new(&origin, problem)
    })?;
    if meta.is_dir() {
        return Err(ReadError::new(&origin, Problem::IsDirectory));
    }
    if !meta.is_file() {
        return Err(ReadError::new(&origin, Problem::NotAFile));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(ReadError::new(
            &origin,
            Problem::TooLarge {
                size: meta.len(),
                limit: MAX_ARTICLE_BYTES,
            },
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::new(&origin, Problem::Io(e)))?;
    let mut parsed = read_limited(file, &origin, path.extension().and_then(|e| e.to_str()))?;
    parsed.article.source = Some(path.to_path_buf());
    // The page's own URL (a canonical link, front matter) names it better than the file
    // name a user saved it under; both only fill what the text left open.
    if let Some(url) = parsed.article.url.clone() {
        place_from_name(&mut parsed.article, &url, &mut parsed.warnings);
    }
    place_from_name(
        &mut parsed.article,
        &path.display().to_string(),
        &mut parsed.warnings,
    );
    Ok(parsed)
}

/// Reads an article from any reader (standard input, a network body), refusing more than
/// [`MAX_ARTICLE_BYTES`] without holding more than that in memory.
pub fn read_from(reader: impl Read, origin: &str) -> Result<Parsed, ReadError> {
    read_limited(reader, &Origin(origin.to_string()), None)
}

fn read_limited(
    reader: impl Read,
    origin: &Origin,
    extension: Option<&str>,
) -> Result<Parsed, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::new(origin, Problem::Io(e)))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ReadError::new(
            origin,
            Problem::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_ARTICLE_BYTES,
            },
        ));
    }
    parse_bytes(&bytes, origin, extension)
}

/// Parses an article held in memory. `extension` (without the dot) only breaks ties when
/// the content does not show its format.
pub fn parse_bytes(
    bytes: &[u8],
    origin: &Origin,
    extension: Option<&str>,
) -> Result<Parsed, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(origin, Problem::Empty));
    }
    let decoded;
    let text: &str = if let Some(utf16) = decode_utf16(bytes) {
        decoded = utf16;
        &decoded
    } else {
        if let Some(what) = sniff_binary(bytes) {
            return Err(ReadError::new(origin, Problem::Binary(what)));
        }
        std::str::from_utf8(bytes).map_err(|e| {
            ReadError::new(
                origin,
                Problem::InvalidUtf8 {
                    offset: e.valid_up_to(),
                },
            )
        })?
    };
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ReadError::new(origin, Problem::Blank));
    }

    let mut warnings = Vec::new();
    let format = detect_format(text, extension);
    let (blocks, meta) = match format {
        Format::Text => (text::blocks(text), assemble::Meta::default()),
        Format::Markdown => match markdown::split_front_matter(text) {
            Some((fm, kind, body)) => (
                markdown::blocks(body),
                markdown::front_matter(fm, kind, &mut warnings),
            ),
            None => (markdown::blocks(text), assemble::Meta::default()),
        },
        Format::Html => {
            if html::nesting_exceeds(text, html::MAX_NESTING) {
                return Err(ReadError::new(
                    origin,
                    Problem::TooDeep {
                        limit: html::MAX_NESTING,
                    },
                ));
            }
            html::read(text)
        }
    };
    let mut article = assemble::assemble(blocks, meta, format, &mut warnings);
    if article.recap.is_empty() && article.review.is_empty() {
        let problem = if format == Format::Html {
            Problem::NoArticleText
        } else {
            Problem::NoParagraphs
        };
        return Err(ReadError::new(origin, problem));
    }
    article.content_hash = blake3::hash(bytes).to_hex().to_string();
    Ok(Parsed { article, warnings })
}

/// Parses in-memory text (tests, the API's request bodies).
pub fn parse_str(text: &str, origin: &str) -> Result<Parsed, ReadError> {
    parse_bytes(text.as_bytes(), &Origin(origin.to_string()), None)
}

/// Text saved as UTF-16 (some Windows editors do) is decoded rather than refused, when it
/// says so with a byte-order mark.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Names the binary format when the bytes are not text, so the message can say "PNG image"
/// rather than "invalid UTF-8 at byte 0".
fn sniff_binary(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive or office document"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"\x7FELF", "an executable"),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"RIFF", "a RIFF media file"),
        (b"\x00\x00\x00", "a media or binary file"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some((*what).to_string());
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("it contains NUL bytes".to_string());
    }
    None
}

/// Decides the format from the content; the extension only settles what the content leaves
/// open (a Markdown file with no Markdown syntax reads the same as text anyway).
pub fn detect_format(text: &str, extension: Option<&str>) -> Format {
    let head: String = text
        .trim_start()
        .chars()
        .take(4096)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head>")
    {
        return Format::Html;
    }
    if markdown::split_front_matter(text).is_some() {
        return Format::Markdown;
    }
    let tags = [
        "<p>", "<p ", "<div", "<h1", "<h2", "<article", "<br", "<span", "</p>",
    ]
    .iter()
    .map(|t| head.matches(t).count())
    .sum::<usize>();
    if tags >= 3 {
        return Format::Html;
    }
    let md_headings = text.lines().take(400).filter(|l| {
        let l = l.trim_start();
        let hashes = l.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    });
    if md_headings.count() > 0 {
        return Format::Markdown;
    }
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        Some("html" | "htm" | "xhtml") if tags > 0 => Format::Html,
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> String {
        parse_bytes(bytes, &Origin("f.txt".into()), None)
            .expect_err("should fail")
            .to_string()
    }

    #[test]
    fn unusable_input_names_the_file_and_problem() {
        assert_eq!(err(b""), "f.txt: the file is empty");
        assert_eq!(err(b"  \n\t\n"), "f.txt: the file holds only white space");
        assert!(err(b"\x89PNG\r\n\x1a\n\0\0rest").contains("a PNG image"));
        assert!(
            err(b"abc\xff\xfedef").contains("not valid UTF-8 text (first bad byte at offset 3)")
        );
        assert!(err(b"text\0with nul").contains("NUL bytes"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Show – Season 1 Episode 2 Recap\n\nIt happens.".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let p = parse_bytes(&bytes, &Origin("u16.txt".into()), None).expect("readable");
        assert_eq!(p.article.episode, Some(2));
    }

    #[test]
    fn format_is_decided_by_content_before_extension() {
        assert_eq!(
            detect_format("<html><body><p>x</p></body></html>", Some("txt")),
            Format::Html
        );
        assert_eq!(
            detect_format("---\nseries: x\n---\ntext", Some("txt")),
            Format::Markdown
        );
        assert_eq!(detect_format("# Heading\n\ntext", None), Format::Markdown);
        assert_eq!(
            detect_format("Just text.\n\nMore text.", Some("html")),
            Format::Text
        );
        assert_eq!(detect_format("Just text.", Some("md")), Format::Markdown);
    }

    // A text with no headline is still read, with a warning, so a user can see what was
    // understood rather than get nothing.
    #[test]
    fn text_without_a_headline_is_read_with_a_warning() {
        let p = parse_str(
            "Some thoughts about nothing in particular.\n\nAnother paragraph.",
            "notes.txt",
        )
        .expect("readable");
        assert_eq!(p.article.series, None);
        assert_eq!(p.article.recap.len(), 2);
        assert!(p
            .warnings
            .iter()
            .any(|w| w.message.contains("no recap headline")));
    }
}
