//! Bad input never panics and stays linear: arbitrary Unicode, a 1 MB single sentence,
//! 100 000 capitalised words, text with no punctuation at all.

use previously_extract::extract_parts;
use proptest::prelude::*;
use std::time::Instant;

fn run(text: &str) {
    let story = extract_parts(&[text], &[text], Some("Series"));
    // The output must always serialise.
    assert!(serde_json::to_string(&story).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,400}") {
        run(&s);
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(s in ".{0,400}") {
        run(&s);
    }

    // Name-like text with the punctuation the rules care about.
    #[test]
    fn name_soup_never_panics(words in prop::collection::vec(prop::sample::select(vec![
        "Rouge", "Sara", "Dr.", "Ms.", "(", ")", "“", "”", "’s", "is", "a", "the", "of", "and",
        "confirms", "she’s", "he", "her", "Nean", "Club", "Canal", ",", ".", "…", "Meanwhile",
        "At", "kills", "member", "named", "co-worker", "+", "-", "Studio", "8/10", "Grade:", "B+",
    ]), 0..200)) {
        run(&words.join(" "));
    }
}

// One sentence of a megabyte: segmentation, mentions and templates must all be linear.
#[test]
fn one_megabyte_single_sentence() {
    let unit = "and Rouge meets Sara who confirms she is Viola near Club Canal with Nectar ";
    let text: String = unit.repeat(1_000_000 / unit.len() + 1);
    let t = Instant::now();
    run(&text);
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}

// 100 000 capitalised words in a row: a name run that is far too long to be a name.
#[test]
fn hundred_thousand_capitalised_words() {
    let text: String = (0..100_000).map(|i| format!("Word{} ", i % 977)).collect();
    let t = Instant::now();
    run(&text);
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
    // Distinct capitalised words without separators between them.
    let text: String = (0..100_000u32)
        .map(|i| format!("Zq{:x} ", i.wrapping_mul(2654435761)))
        .collect();
    run(&text);
}

// No punctuation at all: one endless sentence of ordinary words and names.
#[test]
fn no_punctuation_at_all() {
    let text =
        "Naomi tells Rouge Sara is likely a Nean and one of the Immortal Nine then Jaron leaves "
            .repeat(5000);
    run(&text);
}

// Many distinct one-word names that are one edit apart: the misspelling rule must not
// compare every pair.
#[test]
fn many_near_duplicate_names() {
    let mut text = String::new();
    for i in 0..20_000u32 {
        let a = (b'a' + (i % 26) as u8) as char;
        let b = (b'a' + ((i / 26) % 26) as u8) as char;
        let c = (b'a' + ((i / 676) % 26) as u8) as char;
        text.push_str(&format!("Mar{a}{b}{c} waits. "));
    }
    let t = Instant::now();
    run(&text);
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}

// "The two of them" repeated in one huge sentence: the look-back for the two characters
// named before it once scanned the whole sentence so far for every entry it checked, and
// 4 000 repetitions took two minutes in a release build. The look-back is bounded now.
#[test]
fn the_two_repeated_in_one_sentence_stays_linear() {
    let text = "Ida Brenn meets Tam Reyes, and the two of them are allies and ".repeat(4000);
    let t = Instant::now();
    run(&text);
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
}

// The episode title quoted thousands of times in one paragraph: each mention is checked
// against the title's quoted spans by binary search, not against every span.
#[test]
fn a_title_quoted_thousands_of_times_stays_linear() {
    let body = "In “Dead Man’s Switch” Ida Brenn waits and Tam Reyes runs, ".repeat(20_000);
    let text = format!("Show – Season 1 Episode 2 Recap: “Dead Man’s Switch”\n\n{body}end.\n");
    let parsed = previously_article::parse_str(&text, "quoted-title.txt").expect("readable");
    assert_eq!(parsed.article.title.as_deref(), Some("Dead Man’s Switch"));
    let t = Instant::now();
    let story = previously_extract::extract(&parsed.article).story;
    assert!(t.elapsed().as_secs() < 60, "took {:?}", t.elapsed());
    // The title's own words name no one; the characters around it are found.
    assert!(
        story.entities.iter().all(|e| e.name != "Dead Man"),
        "{:?}",
        story.entities
    );
    assert!(story.entities.iter().any(|e| e.name == "Ida Brenn"));
}

// Empty and blank input.
#[test]
fn empty_input() {
    run("");
    run("   ");
    let story = extract_parts(&[], &[], None);
    assert!(story.entities.is_empty());
}
