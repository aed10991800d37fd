//! Plain text as copied from a web page: paragraphs separated by blank lines (or one
//! paragraph per long line), short lines for the headline, title, byline and headings.

use crate::assemble::Block;
use crate::headline::fold_spaces;

/// A line longer than this is a whole paragraph on one line, the usual shape of text
/// copied from a browser.
const PARAGRAPH_LINE: usize = 200;
/// Lines up to this long may be header lines (headline, title, byline, date).
const SHORT_LINE: usize = 160;
/// How many leading groups of lines may be the page header, whose short lines (a site
/// name, a section path, headline, byline, "Updated: ..." and "Posted: ..." dates) stay
/// apart. Pages stack a dozen such lines in as many groups.
const HEADER_GROUPS: usize = 8;

pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let mut groups_seen = 0usize;
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if !line.is_empty() {
            group.push(line);
            continue;
        }
        if group.is_empty() {
            continue;
        }
        push_group(&group, groups_seen < HEADER_GROUPS, &mut out);
        groups_seen += 1;
        group.clear();
    }
    out
}

/// A group of consecutive non-blank lines becomes one paragraph (hard-wrapped prose) or
/// one block per line (paragraph-per-line text, or the stacked header lines at the top).
fn push_group(lines: &[&str], near_top: bool, out: &mut Vec<Block>) {
    let one_per_line = lines.len() == 1
        || lines.iter().any(|l| l.chars().count() > PARAGRAPH_LINE)
        || (near_top
            && lines
                .iter()
                .all(|l| l.chars().count() <= SHORT_LINE && !l.ends_with('.')));
    if one_per_line {
        out.extend(lines.iter().map(|l| Block::Para(fold_spaces(l))));
    } else {
        out.push(Block::Para(fold_spaces(&lines.join(" "))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let b = blocks("Headline\n\nThis is a paragraph that was\nwrapped at a narrow width by\nsomeone's editor.\n\nNext.");
        assert_eq!(
            b[1],
            Block::Para(
                "This is a paragraph that was wrapped at a narrow width by someone's editor."
                    .into()
            )
        );
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn stacked_header_lines_stay_apart() {
        let b = blocks("Show – Season 1 Episode 1 Recap\nThe Title\nBy Someone\n\nBody.");
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn crlf_and_trailing_spaces_are_ignored() {
        let b = blocks("One.  \r\n\r\nTwo. \r\n");
        assert_eq!(
            b,
            vec![Block::Para("One.".into()), Block::Para("Two.".into())]
        );
    }
}
