//! Property tests: the reader never panics, whatever the bytes, and every success has
//! paragraphs. Errors are fine; panics and hangs are not.

use previously_article::{parse_bytes, Origin};
use proptest::prelude::*;

fn origin() -> Origin {
    Origin("prop".into())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec![None, Some("md"), Some("html"), Some("txt")])) {
        if let Ok(p) = parse_bytes(&bytes, &origin(), ext) {
            prop_assert!(!(p.article.recap.is_empty() && p.article.review.is_empty()));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,2000}") {
        let _ = parse_bytes(s.as_bytes(), &origin(), None);
    }

    // Markup-shaped noise reaches the HTML and Markdown readers rather than the checks.
    #[test]
    fn markup_shaped_noise_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "<p>", "</p>", "<h1>", "</h1>", "<h2>Review</h2>", "<script>", "</script>", "<article>", "<br>", "<!--", "-->",
        "---\n", "+++\n", "# ", "## Review\n", "\n\n", "Show – Season 1 Episode 2 Recap", "text.", "&amp;", "&#0;", "*", "`",
    ]), 0..80)) {
        let s: String = parts.concat();
        let _ = parse_bytes(s.as_bytes(), &origin(), Some("html"));
        let _ = parse_bytes(s.as_bytes(), &origin(), Some("md"));
    }
}

/// A page nested 20 000 deep once overflowed the recursive walker's stack, and the HTML
/// parser's time grows with the square of the depth; it is now refused up front by a
/// linear scan.
#[test]
fn deeply_nested_html_is_refused_quickly() {
    let depth = 20_000;
    let page = format!(
        "<html><body><article>{}<p>Deep text.</p>{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let err = parse_bytes(page.as_bytes(), &origin(), None).expect_err("refused");
    assert!(
        err.to_string()
            .contains("nests elements more than 1000 deep"),
        "{err}"
    );
}

/// Nesting just under the limit is still read, so the limit does not cut real pages.
#[test]
fn nesting_under_the_limit_is_read() {
    let depth = 900;
    let page = format!(
        "<html><body><article>{}<p>Deep text.</p>{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let parsed = parse_bytes(page.as_bytes(), &origin(), None).expect("read");
    assert_eq!(parsed.article.recap, vec!["Deep text."]);
}
