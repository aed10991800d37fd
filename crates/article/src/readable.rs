//! A web page fetched from its address, read as an article: the page's own metadata (the
//! `<head>`, the `<h1>`, a `<time datetime>`) as the HTML reader reads it, but the body
//! from a readability pass (`dom_smoothie`, a port of Mozilla's Readability), which keeps
//! the one block of the page that reads as an article and drops menus, cookie banners,
//! sidebars and related-article lists by how they score rather than by a list of names.
//! A page the readability pass cannot read is read whole, as a saved page would be.

use crate::assemble::{self, Block, Meta};
use crate::error::{Origin, Problem, ReadError};
use crate::headline::fold_spaces;
use crate::html;
use crate::model::{Format, Parsed, Warning};
use crate::MAX_ARTICLE_BYTES;

/// Reads the HTML page fetched from `url`. The article's `url` is the page's canonical
/// link (made absolute against `url` when the page gives it relative), else `url` itself;
/// its `content_hash` is that of the page as fetched, the same as reading the saved page.
pub fn parse_page(html: &str, url: &str) -> Result<Parsed, ReadError> {
    let origin = Origin(url.to_string());
    if html.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ReadError::new(
            &origin,
            Problem::TooLarge {
                size: html.len() as u64,
                limit: MAX_ARTICLE_BYTES,
            },
        ));
    }
    if html.is_empty() {
        return Err(ReadError::new(&origin, Problem::Empty));
    }
    if html.trim().is_empty() {
        return Err(ReadError::new(&origin, Problem::Blank));
    }
    // The readability pass parses the page with the same kind of parser as the HTML reader,
    // whose cost grows with the square of the nesting depth, so a hostile page is refused
    // before either parses it.
    if html::nesting_exceeds(html, html::MAX_NESTING) {
        return Err(ReadError::new(
            &origin,
            Problem::TooDeep {
                limit: html::MAX_NESTING,
            },
        ));
    }

    // The whole page as the HTML reader reads it: its metadata is the article's, and its
    // blocks are the fallback when the readability pass finds nothing.
    let (page_blocks, mut meta) = html::read(html);
    meta.url = Some(match meta.url.take() {
        Some(canonical) => absolute(url, &canonical),
        None => url.to_string(),
    });

    let mut warnings = Vec::new();
    let readable = readable_blocks(html, &page_blocks, &mut meta)
        .map(|blocks| assemble::assemble(blocks, meta.clone(), Format::Html, &mut warnings))
        .filter(|a| !a.recap.is_empty() || !a.review.is_empty());
    let mut article = match readable {
        Some(article) => article,
        None => {
            warnings.clear();
            let article = assemble::assemble(page_blocks, meta, Format::Html, &mut warnings);
            if article.recap.is_empty() && article.review.is_empty() {
                return Err(ReadError::new(&origin, Problem::NoArticleText));
            }
            warnings.push(Warning {
                message: "the page's article text could not be told from its menus and sidebars; the whole page was read".into(),
            });
            article
        }
    };
    article.content_hash = blake3::hash(html.as_bytes()).to_hex().to_string();
    Ok(Parsed { article, warnings })
}

/// The blocks of the article the readability pass extracts, led by the page's headline as
/// an `<h1>`, or `None` when it extracts no paragraph. It fills in the byline and date
/// that the pass strips from the body when the page's metadata does not give them.
fn readable_blocks(html: &str, page_blocks: &[Block], meta: &mut Meta) -> Option<Vec<Block>> {
    // No document URL is given: it only makes the content's links absolute, and links are
    // not read.
    let mut readability = dom_smoothie::Readability::new(html, None, None).ok()?;
    let extracted = readability.parse().ok()?;
    let (mut blocks, _) = html::read(&extracted.content);
    if !blocks.iter().any(|b| matches!(b, Block::Para(_))) {
        return None;
    }

    // The pass turns the page's `<h1>` into an `<h2>`, or drops it as a copy of the title,
    // but the assembler finds a headline without an episode marker by its level: the page's
    // `<h1>` (else the pass's title) is put back as the first heading of level 1.
    let headline = page_blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.clone()),
            _ => None,
        })
        .or_else(|| Some(fold_spaces(&extracted.title)).filter(|t| !t.is_empty()));
    let has_h1 = blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if let (false, Some(headline)) = (has_h1, headline) {
        let key = headline.to_lowercase();
        // Promoted where it stands, a kept copy of the headline leaves what stood before it
        // (a kicker, a section name) outside the header the assembler reads after it.
        let copy = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { text, .. } if text.to_lowercase() == key));
        let heading = Block::Heading {
            level: 1,
            text: headline,
        };
        match copy {
            Some(at) => blocks[at] = heading,
            None => blocks.insert(0, heading),
        }
    }

    // The pass takes the byline out of the body, so it is read here by the assembler's
    // byline rule (author, and an outlet or date after a separator), as the byline of a
    // saved page would be. It is not put back among the blocks, where its place is not
    // known and a wrong one would hide the episode title line after the headline.
    if meta.author.is_none() {
        // A byline from the page's metadata is a bare name ("Corin Hale"); one taken from
        // the body keeps its "By".
        let parts = extracted.byline.as_deref().map(fold_spaces).and_then(|b| {
            assemble::byline_parts(&b).or_else(|| assemble::byline_parts(&format!("By {b}")))
        });
        if let Some((author, outlet, date)) = parts {
            meta.author = author;
            meta.outlet = meta.outlet.take().or(outlet);
            meta.date = meta.date.take().or(date);
        }
    }
    if meta.date.is_none() {
        meta.date = extracted.published_time.filter(|d| !d.trim().is_empty());
    }
    Some(blocks)
}

/// `href` made absolute against the page's address `base`. A canonical link given as a
/// path ("/recaps/x/") names no site, and the address is the article's identity in the
/// store, so two sites' pages at the same path must not share it.
fn absolute(base: &str, href: &str) -> String {
    let href = href.trim();
    let scheme_end = match base.find("://") {
        Some(i) => i,
        None => return href.to_string(),
    };
    if href.contains("://") {
        return href.to_string();
    }
    let scheme = &base[..scheme_end];
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    let after_scheme = &base[scheme_end + 3..];
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let origin = &base[..scheme_end + 3 + authority_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    // A relative path replaces the last segment of the base's path; the base's query and
    // fragment are not part of its folder.
    let path = &after_scheme[authority_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let folder = if folder.is_empty() { "/" } else { folder };
    format!("{origin}{folder}{href}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An invented recap page in a site's chrome. The chrome uses neutral class names, so
    /// only the readability pass, not the HTML reader's list of furniture words, can tell
    /// it from the article.
    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbor Lights S2E4 recap | The Night Desk</title>
<meta property="og:title" content="Harbor Lights Season 2 Episode 4 Recap: The Long Tide">
<meta property="og:site_name" content="The Night Desk">
<meta property="article:published_time" content="2031-03-14T09:00:00Z">
</head>
<body>
<div class="top">
  <ul class="links">
    <li><a href="/">Home</a></li><li><a href="/tv/">TV</a></li><li><a href="/film/">Film</a></li>
    <li><a href="/games/">Games</a></li><li><a href="/about/">About us</a></li>
  </ul>
</div>
<div class="notice">
  <p>We use small files on your device to remember your choices and to count visits; by
  staying on the site you accept them. Read our policy to learn more about the choices.</p>
  <a href="/policy/">Policy</a> <a href="/policy/accept/">Accept all</a>
</div>
<div class="wrap">
  <div class="story">
    <h1>Harbor Lights Season 2 Episode 4 Recap: The Long Tide</h1>
    <p>Marisol Quint spends the first act of the episode at the lighthouse, counting the
    ships that should have come home before the storm and finding one name missing from
    the harbor ledger that she kept by hand for eleven years.</p>
    <p>Down at the docks, Teodor Vance argues with the harbor master about the missing
    trawler, and the argument turns into a confession when the old man admits that he sold
    the trawler's berth to a buyer from the mainland without telling anyone.</p>
    <p>The storm arrives in the second half, and the show stages it almost entirely in the
    lamp room, where Marisol and her brother take turns at the signal while the radio
    crackles with voices that neither of them can place.</p>
    <h2>The Episode Review</h2>
    <p>This is the strongest hour of the season so far, patient where the premiere was
    hurried, and it trusts its two leads to carry long scenes with almost no dialogue while
    the weather does the talking for them.</p>
    <p>If the finale keeps this nerve, Harbor Lights will have earned its second season
    after all, and the slow opening episodes will look like a deliberate choice.</p>
  </div>
  <div class="rail">
    <h3>More from the desk</h3>
    <ul>
      <li><a href="/tv/harbor-lights-s2e3/">Harbor Lights S2E3 recap: Salt</a></li>
      <li><a href="/tv/harbor-lights-s2e2/">Harbor Lights S2E2 recap: Ballast</a></li>
      <li><a href="/tv/other-show/">Other Show finale recap</a></li>
    </ul>
  </div>
</div>
<div class="bottom"><p>Copyright The Night Desk. All rights reserved.</p></div>
</body></html>"#;

    const URL: &str = "https://nightdesk.example/tv/harbor-lights-s2e4/";

    fn all_text(p: &Parsed) -> String {
        p.article
            .paragraphs()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_body_is_read_and_the_chrome_is_not() {
        let p = parse_page(PAGE, URL).expect("readable");
        let a = &p.article;
        assert_eq!(a.series.as_deref(), Some("Harbor Lights"));
        assert_eq!((a.season, a.episode), (Some(2), Some(4)));
        assert_eq!(a.title.as_deref(), Some("The Long Tide"));
        assert_eq!(a.outlet.as_deref(), Some("The Night Desk"));
        assert_eq!(a.date.as_deref(), Some("2031-03-14T09:00:00Z"));
        assert_eq!(a.recap.len(), 3, "{:#?}", a.recap);
        assert!(a.recap[0].starts_with("Marisol Quint spends the first act"));
        assert_eq!(a.review_heading.as_deref(), Some("The Episode Review"));
        assert_eq!(a.review.len(), 2, "{:#?}", a.review);
        let text = all_text(&p);
        for chrome in [
            "Home",
            "small files on your device",
            "Accept all",
            "Ballast",
            "Copyright",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} was read: {text}");
        }
    }

    // The same page read whole keeps the related links and the footer: what the test above
    // shows is the readability pass's work, not the HTML reader's.
    #[test]
    fn the_whole_page_reader_alone_would_keep_the_chrome() {
        let whole = crate::parse_str(PAGE, "page.html").expect("readable");
        let text = all_text(&whole);
        assert!(
            text.contains("Ballast") && text.contains("Copyright"),
            "{text}"
        );
    }

    #[test]
    fn the_url_is_the_canonical_link_else_the_address_read() {
        let p = parse_page(PAGE, URL).expect("readable");
        assert_eq!(p.article.url.as_deref(), Some(URL));
        let with_canonical = PAGE.replace(
            "</head>",
            r#"<link rel="canonical" href="/recaps/harbor-lights/2-4/"></head>"#,
        );
        let p = parse_page(&with_canonical, URL).expect("readable");
        assert_eq!(
            p.article.url.as_deref(),
            Some("https://nightdesk.example/recaps/harbor-lights/2-4/")
        );
        assert_eq!(p.article.source, None);
    }

    #[test]
    fn a_byline_the_pass_removes_is_still_read() {
        let page = PAGE.replace(
            "</h1>",
            r#"</h1><p class="byline">By Ines Falk · The Night Desk</p>"#,
        );
        let p = parse_page(&page, URL).expect("readable");
        assert_eq!(p.article.author.as_deref(), Some("Ines Falk"));
        assert!(!all_text(&p).contains("Ines Falk"));
    }

    #[test]
    fn a_page_with_too_little_text_for_the_pass_is_read_whole() {
        let page = "<html><head><title>Show – Season 1 Episode 2 Recap</title></head>\
                    <body><p>One short line.</p></body></html>";
        let p = parse_page(page, URL).expect("readable");
        assert_eq!(p.article.episode, Some(2));
        assert_eq!(p.article.recap, vec!["One short line.".to_string()]);
    }

    #[test]
    fn unusable_pages_are_refused_naming_the_address() {
        let err = |page: &str| parse_page(page, URL).expect_err("refused").to_string();
        assert_eq!(err(""), format!("{URL}: the file is empty"));
        assert!(err("<html><body><nav>Menu</nav></body></html>").contains("no article text"));
        let deep = format!("{}x{}", "<div>".repeat(1200), "</div>".repeat(1200));
        assert!(err(&deep).contains("nests elements"));
    }

    #[test]
    fn relative_links_are_made_absolute() {
        let base = "https://a.example/tv/show/ep-4/?ref=x";
        assert_eq!(absolute(base, "/x/"), "https://a.example/x/");
        assert_eq!(absolute(base, "//b.example/y"), "https://b.example/y");
        assert_eq!(
            absolute(base, "ep-5/"),
            "https://a.example/tv/show/ep-4/ep-5/"
        );
        assert_eq!(absolute(base, "http://c.example/"), "http://c.example/");
        assert_eq!(absolute("https://a.example", "z"), "https://a.example/z");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        // A fetched page is anyone's markup: the readability pass and the fallback must
        // give an article or an error, never a panic, and an article always has text.
        #[test]
        fn markup_shaped_noise_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<p>", "</p>", "<h1>", "</h1>", "<h2>Review</h2>", "<script>", "</script>", "<article>",
            "<div class=\"byline\">By Ana Ruiz</div>", "<nav>", "</nav>", "<br>", "<!--", "-->",
            "<head><title>Show – Season 1 Episode 2 Recap</title></head>", "<link rel=canonical href=/a>",
            "Show – Season 1 Episode 2 Recap", "A sentence of recap text, long enough to count.", "&amp;", "&#0;",
        ]), 0..80)) {
            let s: String = parts.concat();
            if let Ok(p) = parse_page(&s, URL) {
                proptest::prop_assert!(!(p.article.recap.is_empty() && p.article.review.is_empty()));
            }
        }
    }
}
