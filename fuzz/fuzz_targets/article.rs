//! Any bytes, read as an article under each extension hint: the reader may refuse them with
//! an error, but must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use previously_article::{parse_bytes, parse_headline, Origin};

fuzz_target!(|data: &[u8]| {
    let origin = Origin("fuzz".to_string());
    for ext in [None, Some("md"), Some("html")] {
        let _ = parse_bytes(data, &origin, ext);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = parse_headline(s);
    }
});
