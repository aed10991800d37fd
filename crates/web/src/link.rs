//! Finding the names of known entities in a paragraph, so that the episode page can link
//! them. Only names the knowledge base knows *as of the horizon* are linked, and each links
//! to the entity page at that horizon, so a link can never point past it.

use previously_series::Knowledge;
use std::collections::HashMap;

/// A piece of a paragraph: plain text, or a name and the entity name it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Name { text: &'a str, target: String },
}

/// The names of a knowledge base, indexed by their first character.
#[derive(Debug, Default)]
pub struct Linker {
    /// First char → (name, target), longest names first so "Edda Vane" wins over "Edda".
    by_first: HashMap<char, Vec<(String, String)>>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Linker {
    pub fn new(kb: &Knowledge) -> Linker {
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for e in &kb.entities {
            for name in e.names() {
                // Names of one or two letters match too many words to be worth linking.
                if name.chars().count() < 3 {
                    continue;
                }
                // A name shared by several entities links to the name itself, whose page
                // lists all of them; otherwise it links to the canonical name.
                let target = if kb.lookup(name).len() == 1 {
                    e.name.clone()
                } else {
                    name.to_string()
                };
                let Some(first) = name.chars().next() else {
                    continue;
                };
                let list = by_first.entry(first).or_default();
                if !list.iter().any(|(n, _)| n == name) {
                    list.push((name.to_string(), target));
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Linker { by_first }
    }

    /// Splits `text` into plain text and linked names. Names match whole words only.
    pub fn pieces<'a>(&self, text: &'a str) -> Vec<Piece<'a>> {
        let mut out = Vec::new();
        let mut plain_from = 0;
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < text.len() {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at_word_start = !prev.is_some_and(is_word);
            let mut matched = None;
            if at_word_start {
                if let Some(list) = self.by_first.get(&c) {
                    for (name, target) in list {
                        if text[i..].starts_with(name.as_str()) {
                            let end = i + name.len();
                            if !text[end..].chars().next().is_some_and(is_word) {
                                matched = Some((end, target));
                                break;
                            }
                        }
                    }
                }
            }
            match matched {
                Some((end, target)) => {
                    if plain_from < i {
                        out.push(Piece::Text(&text[plain_from..i]));
                    }
                    out.push(Piece::Name {
                        text: &text[i..end],
                        target: target.clone(),
                    });
                    prev = text[..end].chars().next_back();
                    i = end;
                    plain_from = end;
                }
                None => {
                    prev = Some(c);
                    i += c.len_utf8();
                }
            }
        }
        if plain_from < text.len() {
            out.push(Piece::Text(&text[plain_from..]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linker(names: &[(&str, &str)]) -> Linker {
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for (n, t) in names {
            by_first
                .entry(n.chars().next().unwrap_or(' '))
                .or_default()
                .push((n.to_string(), t.to_string()));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
        }
        Linker { by_first }
    }

    #[test]
    fn longest_whole_word_names_are_linked() {
        let l = linker(&[
            ("Edda", "Edda Vane"),
            ("Edda Vane", "Edda Vane"),
            ("Sol", "Marisol Arden"),
        ]);
        let p = l.pieces("Edda Vane warns Sol; Solace and Eddard are not names. Édda, Sol.");
        let names: Vec<&str> = p
            .iter()
            .filter_map(|x| match x {
                Piece::Name { text, .. } => Some(*text),
                _ => None,
            })
            .collect();
        assert_eq!(names, vec!["Edda Vane", "Sol", "Sol"]);
        let joined: String = p
            .iter()
            .map(|x| match x {
                Piece::Text(t) => *t,
                Piece::Name { text, .. } => text,
            })
            .collect();
        assert_eq!(
            joined,
            "Edda Vane warns Sol; Solace and Eddard are not names. Édda, Sol."
        );
    }
}
