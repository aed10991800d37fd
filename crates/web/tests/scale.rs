//! The server reads what a request needs: a series at a time, the catalogue a page at a
//! time, and after a change only what changed. On SQLite and (when configured) PostgreSQL.

mod common;

use common::*;
use previously_article::{Article, Format};
use previously_store::Store;

both_backends!(
    an_ingest_by_another_process_shows_on_the_next_request_and_other_series_stay_cached,
    two_servers_on_one_store_each_see_the_others_ingest,
    the_series_list_pages_and_filters_with_a_next_link,
    a_paged_listing_shows_nothing_past_the_horizon,
    an_unknown_series_suggests_at_most_five_close_names,
    the_catalogue_search_finds_every_series_at_the_horizon_and_follows_ingests,
    a_server_without_a_catalogue_index_says_so_and_a_cacheless_one_still_answers,
    claims_can_be_limited_to_the_confirmed_or_the_corroborated,
);

/// A short recap of `series`, episode `n`, with no file or URL (so its identity is its
/// text).
fn recap(series: &str, n: u32) -> Article {
    Article {
        series: Some(series.into()),
        season: Some(1),
        episode: Some(n),
        title: Some(format!("The Night of {n} Bells")),
        outlet: Some("Harbour Weekly".into()),
        url: None,
        date: None,
        author: None,
        headline: None,
        recap: vec![format!(
            "Ilsa Marrow rows to lighthouse {n} and finds Corvin Pike waiting for her in {series}."
        )],
        review: vec!["A terrific episode, tense and beautifully shot.".into()],
        review_heading: Some("Review".into()),
        format: Format::Text,
        source: None,
        content_hash: format!("scale-{series}-{n}"),
        placed_by: None,
    }
}

fn ingest(store: &mut dyn Store, a: &Article) {
    let story = previously_extract::extract(a).story;
    store.ingest(a, &story).expect("ingests");
}

// A CLI ingest into the store a server reads (another process, another connection) must show
// on the server's next request after its poll, and forget only the series it touched: the
// demo series' cached pages stay cached.
fn an_ingest_by_another_process_shows_on_the_next_request_and_other_series_stay_cached(
    b: &Backend,
) {
    let (state, app) = b.app_with_state(None);
    assert_eq!(get(&app, "/s/vesper%20tide").status, 200);
    assert!(state.is_cached("vesper tide"));
    assert_eq!(get(&app, "/api/v1/series/salt%20road").status, 404);
    let home = get(&app, "/").body;
    assert!(!home.contains("Salt Road"));
    // The other process.
    let mut other = b.open();
    ingest(other.as_mut(), &recap("Salt Road", 1));
    // What the poll does twice a second.
    state.sync().expect("syncs");
    let r = get(&app, "/api/v1/series/salt%20road");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        get(&app, "/").body.contains("Salt Road"),
        "the home page lists it"
    );
    assert!(
        state.is_cached("vesper tide"),
        "the untouched series stays cached"
    );
    // A second episode of the new series replaces its cached view.
    ingest(other.as_mut(), &recap("Salt Road", 2));
    state.sync().expect("syncs");
    assert!(
        !state.is_cached("salt road"),
        "the changed series is forgotten"
    );
    let r = get(&app, "/api/v1/series/salt%20road/episodes");
    assert_eq!(
        r.json()["episodes"].as_array().map(Vec::len),
        Some(2),
        "{}",
        r.body
    );
    assert!(state.is_cached("vesper tide"));
}

// Two servers share one store (two processes on one PostgreSQL, or on one SQLite file): an
// article POSTed to one shows on the other's next request after its poll.
fn two_servers_on_one_store_each_see_the_others_ingest(b: &Backend) {
    let (_a_state, a) = b.app_with_state(Some("s3cret-token"));
    let b_state = previously_web::AppState::open(b.open(), None).expect("opens");
    let b_app = previously_web::router(b_state.clone());
    assert_eq!(get(&b_app, "/api/v1/series/salt%20road").status, 404);
    let posted = send(
        &a,
        axum::http::Request::post("/api/v1/articles?series=Salt%20Road&season=1&episode=1")
            .header("content-type", "text/plain")
            .header("authorization", "Bearer s3cret-token")
            .body(axum::body::Body::from(
                "Ilsa Marrow rows to the lighthouse and finds Corvin Pike waiting for her.",
            ))
            .expect("a request"),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    // The server that took the POST shows it at once.
    assert_eq!(get(&a, "/api/v1/series/salt%20road").status, 200);
    b_state.sync().expect("syncs");
    assert_eq!(get(&b_app, "/api/v1/series/salt%20road").status, 200);
}

// The catalogue is read a page at a time: `limit`, `page`, a `next` link (and a Link header)
// that reaches every series once, and a filter.
fn the_series_list_pages_and_filters_with_a_next_link(b: &Backend) {
    let (_state, app) = b.app_with_state(None);
    let mut store = b.open();
    for name in ["Amber Coast", "Salt Road", "Tin Harbour", "Quiet Lanterns"] {
        ingest(store.as_mut(), &recap(name, 1));
    }
    let app = {
        // A fresh server sees them all (the first one has the demo only in its cache).
        drop(app);
        previously_web::router(previously_web::AppState::open(b.open(), None).expect("opens"))
    };
    let mut seen: Vec<String> = Vec::new();
    let mut next = Some("/api/v1/series?limit=2".to_string());
    let mut pages = 0;
    while let Some(url) = next {
        let r = get(&app, &url);
        assert_eq!(r.status, 200, "{url}: {}", r.body);
        let j = r.json();
        assert_eq!(j["total"], 5);
        assert!(j["series"].as_array().map_or(0, Vec::len) <= 2);
        for s in j["series"].as_array().into_iter().flatten() {
            seen.push(s["title"].as_str().unwrap_or("").to_string());
        }
        next = j["next"].as_str().map(str::to_string);
        match &next {
            Some(n) => assert_eq!(
                r.header("link"),
                Some(format!("<{n}>; rel=\"next\"").as_str())
            ),
            None => assert_eq!(r.header("link"), None),
        }
        pages += 1;
        assert!(pages <= 3, "three pages of two hold five series");
    }
    assert_eq!(
        seen,
        vec![
            "Amber Coast",
            "Quiet Lanterns",
            "Salt Road",
            "Tin Harbour",
            "Vesper Tide"
        ],
        "every series once, in title order"
    );
    let filtered = get(&app, "/api/v1/series?q=HARB").json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["series"][0]["title"], "Tin Harbour");
    let bad = get(&app, "/api/v1/series?limit=0");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], "bad_query");
    let home = get(&app, "/?q=lant").body;
    assert!(
        home.contains("Quiet Lanterns") && !home.contains("Salt Road"),
        "{home}"
    );
    assert!(home.contains("1 series"), "{home}");
}

// A paged listing at a horizon is cut at it like every page: a reader at S1E1 sees no later
// episode's title or verdict, whichever page of the catalogue they read.
fn a_paged_listing_shows_nothing_past_the_horizon(b: &Backend) {
    let app = b.app(false, None);
    let early = get(&app, "/api/v1/series?as_of=S1E1&limit=1").json();
    let card = &early["series"][0];
    assert_eq!(card["episodes_seen"], 1);
    let s1e1 = serde_json::json!({"season": 1, "episode": 1});
    assert_eq!(card["horizon"]["as_of"], s1e1);
    if let Some(v) = card["latest_verdict"].as_object() {
        assert_eq!(v["episode"], s1e1);
    }
    let full = get(&app, "/api/v1/series?limit=1").json();
    assert!(full["series"][0]["articles"].as_u64() > card["articles"].as_u64());
}

// An unknown series suggests a few close names, never the whole catalogue (a real site's
// store has thousands).
fn an_unknown_series_suggests_at_most_five_close_names(b: &Backend) {
    let (_state, _app) = b.app_with_state(None);
    let mut store = b.open();
    for n in 0..12 {
        ingest(store.as_mut(), &recap(&format!("Vesper Echo {n}"), 1));
    }
    let app =
        previously_web::router(previously_web::AppState::open(b.open(), None).expect("opens"));
    let r = get(&app, "/api/v1/series/vesper%20tyde");
    assert_eq!(r.status, 404);
    let j = r.json();
    assert_eq!(j["code"], "unknown_series");
    let suggestions = j["suggestions"].as_array().cloned().unwrap_or_default();
    assert!(
        !suggestions.is_empty() && suggestions.len() <= 5,
        "{suggestions:?}"
    );
    assert!(suggestions
        .iter()
        .all(|s| s.as_str().is_some_and(|s| s.starts_with("Vesper"))));
}

// The catalogue's search index covers every series, cuts each at the horizon, and follows
// the store: an article ingested by another process is found once the index catches up
// (which a search does itself when few series are behind), with nothing rebuilt.
fn the_catalogue_search_finds_every_series_at_the_horizon_and_follows_ingests(b: &Backend) {
    let app = b.app(false, None);
    let r = get(&app, "/api/v1/search?q=lamplighter&as_of=S1E2");
    assert_eq!(r.status, 200, "{}", r.body);
    let j = r.json();
    assert_eq!(j["complete"], true);
    let results = j["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0]["title"], "Vesper Tide");
    for hit in results[0]["hits"].as_array().into_iter().flatten() {
        assert!(hit["episode"]["episode"].as_u64() <= Some(2), "{hit}");
    }
    // Episode 5's reveal is not found as of episode 4.
    let early = get(&app, "/api/v1/search?q=Lamplighter%20sabotaging&as_of=S1E4").json();
    let late = get(&app, "/api/v1/search?q=Lamplighter%20sabotaging").json();
    assert!(
        early["results"].as_array().is_some_and(Vec::is_empty),
        "{early}"
    );
    assert!(
        late["results"].as_array().is_some_and(|r| !r.is_empty()),
        "{late}"
    );
    // Another process ingests a new series with the same word.
    let mut other = b.open();
    ingest(other.as_mut(), &recap("Salt Road", 1));
    let r = get(&app, "/api/v1/search?q=lighthouse%20Corvin");
    let j = r.json();
    assert_eq!(j["complete"], true, "{j}");
    let titles: Vec<&str> = j["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["title"].as_str())
        .collect();
    assert_eq!(titles, vec!["Salt Road"], "{j}");
    assert_eq!(
        get(&app, "/api/v1/search?q=").json()["code"],
        "missing_query"
    );
}

// A server that keeps no catalogue index (its folder could not be made) answers the
// catalogue search with the documented error, not a crash; and a server with every cache
// off (`--cache-mib 0`, used to measure first requests) answers every page the same as one
// with caches, keeping nothing.
fn a_server_without_a_catalogue_index_says_so_and_a_cacheless_one_still_answers(b: &Backend) {
    let (state, app) = b.app_with_state(None);
    let r = get(&app, "/api/v1/search?q=lamplighter");
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.json()["code"], "search_unavailable");
    let cacheless = previously_web::AppState::with_budget(b.open(), None, 0).expect("opens");
    let bare = previously_web::router(cacheless.clone());
    for path in [
        "/",
        "/s/vesper%20tide?as_of=S1E3",
        "/s/vesper%20tide/entity/Edda%20Vane?as_of=S1E5",
        "/api/v1/series?as_of=S1E2",
        "/api/v1/series/vesper%20tide/cast?as_of=S1E3",
    ] {
        let (with, without) = (get(&app, path), get(&bare, path));
        assert_eq!(with.status, 200, "{path}");
        assert_eq!(with.body, without.body, "{path}");
    }
    assert_eq!(cacheless.cache_usage(), (0, 0), "nothing kept");
    assert!(
        state.cache_usage().0 >= 1,
        "the normal server keeps the series"
    );
}

// A reader who wants only what the articles state outright, or what several outlets agree
// on, hides the rest: `?min_certainty=confirmed` and `?min_outlets=N` (issue "Corrections and
// continuity"). Hidden claims are gone from reveals and from who is who; names stay.
fn claims_can_be_limited_to_the_confirmed_or_the_corroborated(b: &Backend) {
    let app = b.app(false, None);
    let all = get(&app, "/api/v1/series/vesper%20tide/reveals?as_of=S1E4").json();
    let confirmed = get(
        &app,
        "/api/v1/series/vesper%20tide/reveals?as_of=S1E4&min_certainty=confirmed",
    )
    .json();
    let count = |v: &serde_json::Value, c: &str| {
        v["reveals"]
            .as_array()
            .map_or(0, |r| r.iter().filter(|f| f["certainty"] == c).count())
    };
    assert!(count(&all, "suspected") > 0, "{all}");
    assert_eq!(count(&confirmed, "suspected"), 0, "{confirmed}");
    assert_eq!(count(&confirmed, "confirmed"), count(&all, "confirmed"));
    let many = get(
        &app,
        "/api/v1/series/vesper%20tide/reveals?as_of=S1E4&min_outlets=99",
    )
    .json();
    assert_eq!(many["reveals"].as_array().map(Vec::len), Some(0), "{many}");
    // Names are never hidden: who the Lamplighter is stays answerable.
    let who = get(
        &app,
        "/api/v1/series/vesper%20tide/entities/Lamplighter?as_of=S1E4&min_outlets=99",
    );
    assert_eq!(who.status, 200, "{}", who.body);
    let bad = get(
        &app,
        "/api/v1/series/vesper%20tide/cast?min_certainty=maybe",
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], "bad_query");
}
