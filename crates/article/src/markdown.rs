//! Markdown with optional YAML (`---`) or TOML (`+++`) front matter. Front matter keys
//! (series, season, episode, title, outlet, url, date, author) override what the text says.

use crate::assemble::{Block, Meta};
use crate::headline::fold_spaces;
use crate::model::Warning;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Splits front matter from the body. Returns (front matter, its syntax, body).
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, FrontMatter, &str)> {
    let t = text.trim_start_matches('\u{feff}');
    for (fence, kind) in [("---", FrontMatter::Yaml), ("+++", FrontMatter::Toml)] {
        let Some(rest) = t.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        // The closing fence is a line of its own.
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                return Some((&rest[..offset], kind, &rest[offset + line.len()..]));
            }
            offset += line.len();
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrontMatter {
    Yaml,
    Toml,
}

/// Reads front matter into [`Meta`]. Malformed front matter is a warning, not an error:
/// the article body is still worth reading.
pub(crate) fn front_matter(src: &str, kind: FrontMatter, warnings: &mut Vec<Warning>) -> Meta {
    let pairs: Vec<(String, String)> = match kind {
        FrontMatter::Yaml => match yaml_rust2::YamlLoader::load_from_str(src) {
            Ok(docs) => docs
                .first()
                .and_then(|d| d.as_hash())
                .map(|h| {
                    h.iter()
                        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), yaml_scalar(v)?)))
                        .collect()
                })
                .unwrap_or_default(),
            Err(e) => {
                warnings.push(Warning {
                    message: format!("front matter is not valid YAML ({e}); it was ignored"),
                });
                Vec::new()
            }
        },
        FrontMatter::Toml => match src.parse::<toml::Table>() {
            Ok(t) => t
                .iter()
                .filter_map(|(k, v)| {
                    let v = match v {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Integer(i) => i.to_string(),
                        toml::Value::Float(f) => f.to_string(),
                        toml::Value::Datetime(d) => d.to_string(),
                        _ => return None,
                    };
                    Some((k.clone(), v))
                })
                .collect(),
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                warnings.push(Warning {
                    message: format!("front matter is not valid TOML ({first}); it was ignored"),
                });
                Vec::new()
            }
        },
    };
    let mut meta = Meta::default();
    for (key, value) in pairs {
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.to_lowercase().as_str() {
            "series" | "show" => meta.series = Some(value),
            "season" => meta.season = number_field(&key, &value, warnings),
            "episode" => meta.episode = number_field(&key, &value, warnings),
            "title" | "episode_title" => meta.title = Some(value),
            "outlet" | "site" | "publication" | "site_name" => meta.outlet = Some(value),
            "url" | "link" | "canonical" => meta.url = Some(value),
            "date" | "published" => meta.date = Some(value),
            "author" | "byline" => meta.author = Some(value),
            _ => {}
        }
    }
    meta
}

fn yaml_scalar(v: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number_field(key: &str, value: &str, warnings: &mut Vec<Warning>) -> Option<u32> {
    match value.trim_start_matches(['S', 's', 'E', 'e', '#']).parse() {
        Ok(n) => Some(n),
        Err(_) => {
            warnings.push(Warning {
                message: format!(
                    "front matter `{key}: {value}` is not a whole number; it was ignored"
                ),
            });
            None
        }
    }
}

/// The body's headings, paragraphs and list items in reading order. Raw HTML inside the
/// Markdown and code blocks are dropped: they are never article prose.
pub(crate) fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut heading: Option<u8> = None;
    let mut in_code = false;
    let flush = |buf: &mut String, heading: Option<u8>, out: &mut Vec<Block>| {
        let text = fold_spaces(buf);
        buf.clear();
        if text.is_empty() {
            return;
        }
        out.push(match heading {
            Some(level) => Block::Heading { level, text },
            None => Block::Para(text),
        });
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, None, &mut out);
                heading = Some(level as u8);
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut buf, heading, &mut out);
                heading = None;
            }
            Event::Start(Tag::Paragraph | Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                flush(&mut buf, heading, &mut out);
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_split_and_read() {
        let src =
            "---\nseries: Show\nseason: 2\nepisode: \"3\"\ntitle: A Title\n---\n# Head\n\nText.";
        let (fm, kind, body) = split_front_matter(src).expect("front matter");
        assert_eq!(kind, FrontMatter::Yaml);
        assert_eq!(body, "# Head\n\nText.");
        let mut w = Vec::new();
        let m = front_matter(fm, kind, &mut w);
        assert_eq!(
            (m.series.as_deref(), m.season, m.episode, m.title.as_deref()),
            (Some("Show"), Some(2), Some(3), Some("A Title"))
        );
        assert!(w.is_empty());
    }

    #[test]
    fn toml_front_matter_is_read() {
        let src = "+++\nseries = \"Show\"\nepisode = 4\n+++\nText.";
        let (fm, kind, _) = split_front_matter(src).expect("front matter");
        let m = front_matter(fm, kind, &mut Vec::new());
        assert_eq!((m.series.as_deref(), m.episode), (Some("Show"), Some(4)));
    }

    // Broken front matter must not lose the article: it is skipped with a warning.
    #[test]
    fn malformed_front_matter_is_a_warning() {
        let mut w = Vec::new();
        let m = front_matter("series: [unclosed", FrontMatter::Yaml, &mut w);
        assert_eq!(m, Meta::default());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn markdown_syntax_is_not_text() {
        let b = blocks("# Head\n\nSome *emphasis* and **bold** and a [link](http://x).\n\n- item one\n- item two\n\n<script>alert(1)</script>\n");
        assert_eq!(
            b,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Head".into()
                },
                Block::Para("Some emphasis and bold and a link.".into()),
                Block::Para("item one".into()),
                Block::Para("item two".into()),
            ]
        );
    }
}
