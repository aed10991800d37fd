//! Prints how the review scorer reads each review sentence of the given articles: its
//! clauses with weights and VADER scores, for people tuning `data/review_genre.txt`.
//! `cargo run -p previously-extract --example review_debug -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let parsed = match previously_article::read_path(std::path::Path::new(&path)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        println!("== {path}");
        for p in &parsed.article.review {
            for s in previously_extract::segment::sentences(p) {
                let text = &p[s];
                let clauses = previously_extract::review::clauses(text);
                println!(
                    "{:+.2}  {}",
                    previously_extract::review::sentence_score(text),
                    text
                );
                for c in clauses {
                    println!("        {:+.2} w{:.1} {}", c.score, c.weight, c.text);
                }
            }
        }
        let doc = previously_extract::doc::Doc::new(&parsed.article);
        if let Some(r) = previously_extract::review::analyse_with(&doc, false).0 {
            println!(
                "=> lexicon only: {:?} {:+.2}",
                r.verdict.label, r.verdict.score
            );
            for a in &r.aspects {
                println!("   {:?} {:?}: {}", a.aspect, a.polarity, a.evidence);
            }
        }
        let e = previously_extract::extract(&parsed.article);
        if let Some(r) = e.story.review {
            println!(
                "=> {:?} {:+.2} {:?}",
                r.verdict.label, r.verdict.score, r.verdict.explicit
            );
        }
    }
}
