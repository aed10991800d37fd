//! The property the crate exists for: the knowledge base queried as of H equals one built
//! only from the articles about episodes up to H. Checked exhaustively over every horizon of
//! the demo series, and on random subsets and orders of its articles.

mod common;

use previously_series::{Episode, Horizon, Input, Library};
use proptest::prelude::*;

fn horizons() -> Vec<Horizon> {
    let mut h: Vec<Horizon> = (0..=7).map(|e| Horizon::Upto(Episode::new(1, e))).collect();
    h.push(Horizon::Upto(Episode::new(2, 1)));
    h.push(Horizon::Latest);
    h
}

fn only_up_to(inputs: &[Input], h: Horizon) -> Vec<Input> {
    inputs
        .iter()
        .filter(|i| {
            i.article
                .episode
                .map(Episode::from)
                .is_some_and(|e| h.admits(e))
        })
        .cloned()
        .collect()
}

/// Compares every query as well as the whole knowledge base, so that a failure names the
/// view that leaked.
fn assert_no_leak(all: &[Input], h: Horizon) {
    let full = Library::new(all.iter().cloned());
    let early = Library::new(only_up_to(all, h));
    let Ok(key) = full.find_series(Some("Vesper Tide")) else {
        return;
    };
    let (a, b) = (full.knowledge(&key, h), early.knowledge(&key, h));
    assert_eq!(a.cast(), b.cast(), "cast leaks past {h}");
    assert_eq!(a.reveals(), b.reveals(), "reveals leak past {h}");
    assert_eq!(a.timeline(), b.timeline(), "timeline leaks past {h}");
    for name in [
        "Lamplighter",
        "Edda Vane",
        "Mara",
        "Tobais",
        "Morrow",
        "Nobody",
        "Lamplighte",
    ] {
        assert_eq!(a.who(name), b.who(name), "who {name} leaks past {h}");
    }
    assert_eq!(a, b, "the knowledge base leaks past {h}");
    assert_eq!(
        full.series(h),
        early.series(h),
        "the series list leaks past {h}"
    );
}

#[test]
fn no_horizon_of_the_demo_series_sees_a_later_episode() {
    let all = common::gold_inputs();
    assert_eq!(all.len(), 18);
    for h in horizons() {
        assert_no_leak(&all, h);
    }
}

#[test]
fn ingestion_order_does_not_change_the_knowledge_base() {
    let all = common::gold_inputs();
    let mut reversed = all.clone();
    reversed.reverse();
    let (a, b) = (Library::new(all), Library::new(reversed));
    let key = a.find_series(Some("Vesper Tide")).expect("the demo series");
    for h in horizons() {
        assert_eq!(
            a.knowledge(&key, h),
            b.knowledge(&key, h),
            "order matters at {h}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_subset_in_any_order_never_leaks_later_episodes(
        mask in 0u32..(1 << 18),
        seed in any::<u64>(),
        episode in 0u32..8,
    ) {
        let gold = common::gold_inputs();
        let mut chosen: Vec<Input> = gold.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, x)| x).collect();
        // A cheap deterministic shuffle, so that ingestion order varies with the seed.
        let mut s = seed | 1;
        for i in (1..chosen.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            chosen.swap(i, (s % (i as u64 + 1)) as usize);
        }
        assert_no_leak(&chosen, Horizon::Upto(Episode::new(1, episode)));
    }
}

// A store lists its catalogue from one digest per series instead of fusing every series;
// the catalogue line must say at every horizon exactly what the fused view says, or the
// home page would disagree with the series page (or show a later episode's verdict).
#[test]
fn the_digest_at_every_horizon_agrees_with_the_fused_view() {
    // The demo's articles as the extractor reads them (the gold leaves verdicts out).
    let root =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/vesper-tide");
    let mut inputs = Vec::new();
    for outlet in ["glasshouse", "lantern-screen", "tidewater"] {
        for entry in std::fs::read_dir(root.join(outlet))
            .expect("the demo folder")
            .flatten()
        {
            let parsed = previously_article::read_path(&entry.path()).expect("a demo article");
            let story = previously_extract::extract(&parsed.article).story;
            inputs.push(Input::new(&parsed.article, story));
        }
    }
    assert_eq!(inputs.len(), 18);
    let lib = Library::new(inputs);
    let key = lib
        .find_series(Some("Vesper Tide"))
        .expect("the demo series");
    let digest = lib.digest(&key).expect("a digest of the demo series");
    // Stored as JSON, it must come back the same.
    let json = serde_json::to_string(&digest).expect("serialises");
    let digest: previously_series::SeriesDigest = serde_json::from_str(&json).expect("reads back");
    assert!(
        digest.episodes.iter().any(|e| e.verdict.is_some()),
        "the demo has reviews"
    );
    for h in horizons() {
        let kb = lib.knowledge(&key, h);
        let critics = lib.critics(&key, h);
        let at = digest.at(h);
        assert_eq!(at.title, kb.title, "title at {h}");
        assert_eq!(at.as_of, kb.as_of, "as of at {h}");
        assert_eq!(at.episodes_seen, kb.episodes.len(), "episodes at {h}");
        assert_eq!(
            at.articles,
            kb.episodes.iter().map(|e| e.articles).sum::<usize>(),
            "articles at {h}"
        );
        let mut outlets: Vec<String> = kb.episodes.iter().flat_map(|e| e.outlets.clone()).collect();
        outlets.sort();
        outlets.dedup();
        assert_eq!(at.outlets, outlets, "outlets at {h}");
        let want = critics
            .episodes
            .last()
            .map(|c| (c.episode, c.label, c.mean, c.count));
        let got = at
            .latest_verdict
            .map(|(e, v)| (e, v.label, v.mean, v.count));
        assert_eq!(got, want, "latest verdict at {h}");
    }
    assert_eq!(digest.title, lib.knowledge(&key, Horizon::Latest).title);
    // `previously series` lists the store from digests: the same as the library's list.
    assert_eq!(vec![digest.summary()], lib.series(Horizon::Latest));
}

// A store updates one episode of a digest at a time; the result must be the digest of the
// whole series, whichever episode changed and in whatever order they came.
#[test]
fn a_digest_updated_episode_by_episode_equals_the_whole_digest() {
    let all = common::gold_inputs();
    let lib = Library::new(all.clone());
    let key = lib
        .find_series(Some("Vesper Tide"))
        .expect("the demo series");
    let whole = lib.digest(&key).expect("a digest");
    let mut built = previously_series::SeriesDigest::empty(&key);
    for e in whole.episodes.iter().rev() {
        let only: Vec<Input> = all
            .iter()
            .filter(|i| i.article.episode.map(Episode::from) == Some(e.episode))
            .cloned()
            .collect();
        let part = Library::new(only).digest(&key).expect("one episode");
        built.replace_episode(e.episode, part.episodes.into_iter().next());
    }
    assert_eq!(built, whole);
    // Removing an episode leaves the others.
    built.replace_episode(Episode::new(1, 3), None);
    assert_eq!(built.episodes.len(), whole.episodes.len() - 1);
}
