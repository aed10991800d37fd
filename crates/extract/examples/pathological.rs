//! Times extraction of pathological texts at 1x, 2x and 4x size, to check linearity by
//! hand: `cargo run --release --example pathological`.

use std::time::Instant;

type Case = (&'static str, Box<dyn Fn(usize) -> String>);

fn main() {
    let cases: [Case; 3] = [
        (
            "single sentence",
            Box::new(|n| {
                "and Rouge meets Sara who confirms she is Viola near Club Canal with Nectar "
                    .repeat(n)
            }),
        ),
        (
            "capitalised words",
            Box::new(|n| (0..n * 12).map(|i| format!("Word{} ", i % 977)).collect()),
        ),
        (
            "no punctuation",
            Box::new(|n| {
                "Naomi tells Rouge Sara is likely a Nean and one of the Immortal Nine then Jaron leaves ".repeat(n)
            }),
        ),
    ];
    for (name, make) in cases.iter() {
        for k in [1usize, 2, 4] {
            let text = make(3000 * k);
            let t = Instant::now();
            let story = previously_extract::extract_parts(&[&text], &[], None);
            let dt = t.elapsed();
            println!(
                "{name:<18} {:>8} bytes {:>8.1} ms  {:.1} MB/s ({} entities)",
                text.len(),
                dt.as_secs_f64() * 1e3,
                text.len() as f64 / dt.as_secs_f64() / 1e6,
                story.entities.len()
            );
        }
    }
}
