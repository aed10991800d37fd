//! Fuzzes the extractor: any UTF-8 text, split into recap and review at the first form
//! feed, must extract without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (recap, review) = text.split_once('\u{c}').unwrap_or((text, ""));
    let recap: Vec<&str> = recap.split("\n\n").collect();
    let review: Vec<&str> = review.split("\n\n").collect();
    let story = previously_extract::extract_parts(&recap, &review, Some("Series"));
    // Every fact must name something, and every scene starts at a sentence.
    for f in &story.facts {
        assert!(!f.subject.is_empty() && !f.object.is_empty());
    }
    for s in &story.scenes {
        assert!(!s.first_sentence.is_empty());
    }
});
