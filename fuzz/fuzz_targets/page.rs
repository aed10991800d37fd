//! Any bytes as a fetched web page and its address: the readability pass (`parse_page`) and
//! the placing cues read from a URL or file name (`parse_slug`) may refuse input, but must
//! never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use previously_article::{parse_page, parse_slug};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // The first line plays the page's address, the rest its HTML.
    let (url, html) = s.split_once('\n').unwrap_or((s, ""));
    let _ = parse_page(html, url);
    let _ = parse_slug(url);
});
