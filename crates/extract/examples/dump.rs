//! Prints the Story JSON for each article file given on the command line, or with
//! `--out DIR`, writes `DIR/<file stem>.json` for each, for grading with score.py.

use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut files = Vec::new();
    let mut debug = false;
    while let Some(a) = args.next() {
        if a == "--debug" {
            debug = true;
        } else if a == "--out" {
            out = args.next().map(PathBuf::from);
        } else {
            files.push(a);
        }
    }
    for f in files {
        let parsed = match previously_article::read_path(Path::new(&f)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        if debug {
            print!("{}", previously_extract::debug_report(&parsed.article));
            continue;
        }
        let ex = previously_extract::extract(&parsed.article);
        let json = serde_json::to_string_pretty(&ex.story).unwrap_or_default();
        match &out {
            Some(dir) => {
                let stem = Path::new(&f)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("out");
                let _ = std::fs::create_dir_all(dir);
                if let Err(e) = std::fs::write(dir.join(format!("{stem}.json")), json) {
                    eprintln!("{e}");
                }
            }
            None => println!("{json}"),
        }
    }
}
