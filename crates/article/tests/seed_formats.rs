//! The reference article from `../shared` read as text, and the same article turned into
//! Markdown and HTML by this test, must give the same `Article`. The seed is third-party
//! text, so it is read from `../shared` at test time and never copied into the repository.

use previously_article::{parse_str, read_path, Article, Format};
use std::path::PathBuf;

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds/metallic-rouge-s1e1.txt")
}

fn seed_text() -> String {
    let path = seed_path();
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed must be at {}: {e}", path.display()))
}

/// Everything but the fields that depend on the syntax or the bytes.
fn comparable(a: &Article) -> Article {
    Article {
        format: Format::Text,
        source: None,
        content_hash: String::new(),
        placed_by: None,
        ..a.clone()
    }
}

#[test]
fn seed_reads_with_its_metadata_and_sections() {
    let parsed = read_path(&seed_path()).expect("the seed is readable");
    let a = &parsed.article;
    assert_eq!(a.series.as_deref(), Some("Metallic Rouge"));
    assert_eq!(a.season, Some(1));
    assert_eq!(a.episode, Some(1));
    assert_eq!(a.title.as_deref(), Some("Crimson Is The Sound of Dawn"));
    assert_eq!(a.outlet, None);
    assert_eq!(a.recap.len(), 12);
    assert_eq!(a.review.len(), 4);
    assert_eq!(a.review_heading.as_deref(), Some("The Episode Review"));
    assert!(a.recap[0].starts_with("Episode 1 of Metallic Rouge starts"));
    assert!(a.review[3].starts_with("Overall, this introductory chapter"));
    assert_eq!(a.format, Format::Text);
    assert_eq!(a.content_hash.len(), 64);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

/// Splits the plain-text seed into its lines, to rebuild it in other syntaxes.
fn seed_lines() -> Vec<String> {
    seed_text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn seed_as_markdown_reads_the_same() {
    let lines = seed_lines();
    let mut md = format!("# {}\n\n{}\n\n", lines[0], lines[1]);
    for l in &lines[2..] {
        if l == "The Episode Review" {
            md.push_str(&format!("## {l}\n\n"));
        } else {
            md.push_str(&format!("{l}\n\n"));
        }
    }
    let text = read_path(&seed_path()).expect("seed").article;
    let markdown = parse_str(&md, "seed.md").expect("markdown seed").article;
    assert_eq!(markdown.format, Format::Markdown);
    assert_eq!(comparable(&markdown), comparable(&text));
}

#[test]
fn seed_as_html_reads_the_same() {
    let lines = seed_lines();
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut html = String::from(
        "<!DOCTYPE html><html><head><title>Recap</title><script>var x = 'not text';</script></head><body>\
         <nav><a href='/'>Home</a></nav><article>",
    );
    html.push_str(&format!(
        "<h1>{}</h1><p>{}</p>",
        esc(&lines[0]),
        esc(&lines[1])
    ));
    for l in &lines[2..] {
        if l == "The Episode Review" {
            html.push_str(&format!("<h2>{}</h2>", esc(l)));
        } else {
            html.push_str(&format!("<p>{}</p>\n", esc(l)));
        }
    }
    html.push_str("</article><footer><p>Copyright</p></footer></body></html>");
    let text = read_path(&seed_path()).expect("seed").article;
    let page = parse_str(&html, "seed.html").expect("html seed").article;
    assert_eq!(page.format, Format::Html);
    assert_eq!(comparable(&page), comparable(&text));
}
