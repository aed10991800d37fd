//! An HTML article page: the main text only. Navigation, headers without the headline,
//! footers, asides, forms, scripts, styles, comments and blocks whose class or id marks them
//! as sharing widgets, comments or related links are left out. The headline comes from
//! `<h1>` (else `og:title`, else `<title>`), the outlet from `og:site_name`, the url from
//! the canonical link.

use crate::assemble::{Block, Meta};
use crate::headline::fold_spaces;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose whole subtree is never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "textarea",
    "head",
    "figcaption",
    "object",
    "embed",
    "canvas",
    "input",
    "label",
    "menu",
    "dialog",
];

/// Elements that end the paragraph before them and start a new one.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "pre",
    "figure",
    "header",
    "hr",
    "address",
    "details",
    "summary",
];

/// Words in a class or id that mark page furniture rather than the article.
const FURNITURE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "advert",
    "sidebar",
    "breadcrumb",
    "cookie",
    "promo",
    "subscribe",
    "signup",
    "popup",
    "modal",
    "banner",
    "sponsor",
    "recommend",
];

/// Real article pages nest a few dozen elements deep. The HTML parser checks its stack of
/// open elements for each tag, so a hostile page nested tens of thousands deep costs time
/// quadratic in its depth; such a page is refused before parsing.
pub(crate) const MAX_NESTING: usize = 1000;

/// Elements that never have a closing tag, or whose closing tag is usually left out; they
/// are not counted as nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rb", "rt", "rp", "optgroup", "!doctype",
];

/// A cheap upper-bound estimate of how deep the page's elements nest, stopping as soon as it
/// passes `limit`. It reads tags only, skipping comments and the contents of scripts and
/// styles, so text that merely contains "<" does not count.
pub(crate) fn nesting_exceeds(src: &str, limit: usize) -> bool {
    let bytes = src.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            match src[i..].find("-->") {
                Some(end) => i += end + 3,
                None => return false,
            }
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = src[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = match src[name_start..].find('>') {
            Some(e) => name_start + e,
            None => return false,
        };
        let self_closing = tag_end > 0 && bytes[tag_end - 1] == b'/';
        i = tag_end + 1;
        if NOT_NESTING.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if name == "script" || name == "style" {
            // Find the closing tag case-insensitively without copying the rest of the page,
            // which would make many scripts cost quadratic time.
            let close = format!("</{name}");
            match bytes[i..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
            {
                Some(end) => i += end,
                None => return false,
            }
            continue;
        }
        depth += 1;
        if depth > limit {
            return true;
        }
    }
    false
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, sel: &str, attr: &str) -> Option<String> {
    let sel = selector(sel)?;
    doc.select(&sel)
        .find_map(|e| e.value().attr(attr).map(fold_spaces))
        .filter(|s| !s.is_empty())
}

fn first_text(doc: &Html, sel: &str) -> Option<String> {
    let sel = selector(sel)?;
    doc.select(&sel)
        .map(|e| fold_spaces(&e.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

pub(crate) fn read(src: &str) -> (Vec<Block>, Meta) {
    let doc = Html::parse_document(src);
    let og_title = first_attr(&doc, r#"meta[property="og:title"]"#, "content");
    let meta = Meta {
        outlet: first_attr(&doc, r#"meta[property="og:site_name"]"#, "content"),
        url: first_attr(&doc, r#"link[rel="canonical"]"#, "href")
            .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content")),
        date: first_attr(
            &doc,
            r#"meta[property="article:published_time"]"#,
            "content",
        )
        .or_else(|| first_attr(&doc, "time[datetime]", "datetime")),
        author: first_attr(&doc, r#"meta[name="author"]"#, "content"),
        headlines: og_title
            .into_iter()
            .chain(first_text(&doc, "title"))
            .collect(),
        ..Meta::default()
    };

    let root = choose_root(&doc);
    let mut walker = Walker::default();
    if let Some(root) = root {
        // The headline often sits in a page header above the <article>.
        let has_h1 = selector("h1").is_some_and(|s| root.select(&s).next().is_some());
        if !has_h1 {
            if let Some(h1) = first_text(&doc, "h1") {
                walker.out.push(Block::Heading { level: 1, text: h1 });
            }
        }
        walker.walk(*root);
        walker.flush();
    }
    (walker.out, meta)
}

/// The element that holds the article: the `<article>` with the most paragraph text, else
/// `<main>`, else the body.
fn choose_root(doc: &Html) -> Option<ElementRef<'_>> {
    let p = selector("p")?;
    let text_len = |e: &ElementRef<'_>| {
        e.select(&p)
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum::<usize>()
    };
    if let Some(sel) = selector("article") {
        if let Some(best) = doc.select(&sel).max_by_key(text_len) {
            if text_len(&best) > 0 {
                return Some(best);
            }
        }
    }
    for s in ["main", r#"[role="main"]"#, "body"] {
        if let Some(e) = selector(s).and_then(|sel| doc.select(&sel).next()) {
            return Some(e);
        }
    }
    Some(doc.root_element())
}

#[derive(Default)]
struct Walker {
    out: Vec<Block>,
    buf: String,
}

impl Walker {
    fn flush(&mut self) {
        // Two line breaks in a row separate paragraphs in pages that use <br> for layout.
        for part in self.buf.split("\n\n") {
            let text = fold_spaces(part);
            if !text.is_empty() {
                self.out.push(Block::Para(text));
            }
        }
        self.buf.clear();
    }

    /// Walks the subtree in document order without recursion, so that a page nested
    /// thousands of levels deep cannot overflow the stack.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() || node.id() == root.id() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.buf.push_str(t),
                        Node::Element(e) => {
                            let name = e.name();
                            if SKIP.contains(&name)
                                || is_furniture(e)
                                || (name == "header" && !contains(node, "h1"))
                            {
                                skipping = Some(node.id());
                            } else if let Some(level) = heading_level(name) {
                                self.flush();
                                let text = fold_spaces(&text_of(node));
                                if !text.is_empty() {
                                    self.out.push(Block::Heading { level, text });
                                }
                                skipping = Some(node.id());
                            } else if name == "br" {
                                self.buf.push('\n');
                            } else if BLOCK.contains(&name) {
                                self.flush();
                            }
                        }
                        // Comments, doctypes and processing instructions are never text.
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    } else if skipping.is_none() {
                        if let Node::Element(e) = node.value() {
                            if BLOCK.contains(&e.name()) {
                                self.flush();
                            }
                        }
                    }
                }
            }
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn is_furniture(e: &scraper::node::Element) -> bool {
    let mut words = e.classes().map(str::to_lowercase).collect::<Vec<_>>();
    if let Some(id) = e.id() {
        words.push(id.to_lowercase());
    }
    words
        .iter()
        .any(|w| FURNITURE.iter().any(|f| w.contains(f)))
}

fn contains(node: NodeRef<'_, Node>, tag: &str) -> bool {
    node.descendants()
        .any(|d| matches!(d.value(), Node::Element(e) if e.name() == tag))
}

/// The text under a node, skipping scripts and styles; iterative for the same reason as
/// [`Walker::walk`].
fn text_of(root: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) if SKIP.contains(&e.name()) => skipping = Some(node.id()),
                Node::Element(_) => s.push(' '),
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_estimate_counts_only_real_nesting() {
        let deep = format!("{}x{}", "<div>".repeat(50), "</div>".repeat(50));
        assert!(nesting_exceeds(&deep, 49));
        assert!(!nesting_exceeds(&deep, 50));
        // Unclosed paragraphs, void elements, comments and script text do not nest.
        let flat = format!(
            "{}<script>{}</script><!-- <div><div> -->",
            "<p>a<br><img src=x>".repeat(500),
            "<div>".repeat(100)
        );
        assert!(!nesting_exceeds(&flat, 10));
    }

    #[test]
    fn page_furniture_is_left_out() {
        let page = r#"<!doctype html><html><head><title>T</title>
<meta property="og:site_name" content="Site"><link rel="canonical" href="https://x.example/a">
<style>p{color:red}</style><script>var leak = "SCRIPT TEXT";</script></head>
<body><nav><a href="/">Home</a></nav><header><p>Site header</p></header>
<main><article><h1>Show – Season 1 Episode 2 Recap</h1><!-- a comment -->
<p>First &amp; <em>only</em> paragraph.</p><div class="share-buttons"><p>Share this</p></div>
<aside><p>Related</p></aside></article></main><footer><p>© Site</p></footer></body></html>"#;
        let (blocks, meta) = read(page);
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Show – Season 1 Episode 2 Recap".into()
                },
                Block::Para("First & only paragraph.".into()),
            ]
        );
        assert_eq!(meta.outlet.as_deref(), Some("Site"));
        assert_eq!(meta.url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn line_breaks_separate_loose_paragraphs() {
        let (blocks, _) = read("<html><body><div>One.<br><br>Two.</div></body></html>");
        assert_eq!(
            blocks,
            vec![Block::Para("One.".into()), Block::Para("Two.".into())]
        );
    }
}
