//! Normalisation of names and series titles, so that spelling noise (case, punctuation,
//! a leading "the", a possessive) never decides whether two mentions are one thing.

/// The comparison form of an entity name: lower case, apostrophes unified, a possessive and
/// a leading "the" removed, punctuation dropped, white space folded.
pub fn norm_name(s: &str) -> String {
    let lowered = s.trim().to_lowercase().replace(['’', '‘'], "'");
    let without_possessive = lowered.strip_suffix("'s").unwrap_or(&lowered).to_string();
    let mut out = String::with_capacity(without_possessive.len());
    for c in without_possessive.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '.' {
            // "Dr. Morrow" and "Dr Morrow", "O'Neil" and "ONeil" are the same spelling.
        } else {
            out.push(' ');
        }
    }
    let folded = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => folded,
    }
}

/// The words of a normalised name.
pub(crate) fn tokens(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(' ').filter(|t| !t.is_empty())
}

/// The grouping key of a series title. A subtitle after a colon or dash is dropped when
/// what precedes it is a real title on its own ("Frieren: Beyond Journey's End" and
/// "Frieren" are one series), but not when the prefix is too short to be one ("Re:Zero").
pub fn series_key(title: &str) -> String {
    let t = title.trim();
    let cut = [":", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min();
    if let Some(at) = cut {
        let prefix = norm_name(&t[..at]);
        if prefix.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            return prefix;
        }
    }
    norm_name(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_case_punctuation_possessive_and_article() {
        assert_eq!(norm_name("Dr. Morrow"), "dr morrow");
        assert_eq!(norm_name("the Lamplighter"), "lamplighter");
        assert_eq!(norm_name("Sol’s"), "sol");
        assert_eq!(norm_name("  Mira   Kest "), "mira kest");
        assert_eq!(norm_name("The"), "the");
    }

    #[test]
    fn series_subtitle_variants_share_a_key() {
        assert_eq!(
            series_key("Frieren: Beyond Journey's End"),
            series_key("Frieren")
        );
        assert_eq!(series_key("The Vesper Tide"), series_key("Vesper Tide"));
        assert_ne!(series_key("Re:Zero - Starting Life in Another World"), "re");
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    /// A store filters by the key it computed at ingest, and queries compute the key of the
    /// user's title, so a key must be its own key.
    #[test]
    fn series_key_is_its_own_key() {
        for t in [
            "Frieren: Beyond Journey's End",
            "The Vesper Tide",
            "Re:Zero − Starting Life",
            "Mob Psycho 100 - III",
        ] {
            let k = series_key(t);
            assert_eq!(series_key(&k), k, "{t}");
        }
    }
}

/// The string given most often, ties going to the alphabetically first, so that the choice
/// (of a series title, an episode title) does not depend on the order articles came in.
pub(crate) fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for t in items {
        *counts.entry(t).or_default() += 1;
    }
    most_common_counted(&counts)
}

/// [`most_common`] over strings already counted.
pub(crate) fn most_common_counted(
    counts: &std::collections::BTreeMap<&str, usize>,
) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(t, _)| t.to_string())
}
