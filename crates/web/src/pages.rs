//! The server-rendered pages, written with maud.
//!
//! Every string that comes from an article — names, titles, outlets, paragraphs, evidence —
//! goes through maud's `(expr)` splice, which escapes it; nothing here uses `PreEscaped`.
//! Links are built only from values this module encodes itself: series keys, entity names
//! and search queries are percent-encoded path or query components under our own `/s/`
//! prefix, so no text from an article can become a `javascript:` URL or leave its attribute.

use crate::data::{EpisodeDetail, HorizonInfo, SeriesCard, SeriesOverview, VerdictSummary};
use crate::graph::{self, Graph};
use crate::link::{Linker, Piece};
use crate::search::{Hit, Segment};
use crate::state::SeriesMeta;
use maud::{html, Markup, DOCTYPE};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use previously_extract::Kind;
use previously_search::Section;
use previously_series::{AliasVia, Conflict, Episode, Fact, Horizon, Knowledge, Profile, Who};

/// The stylesheet, served at `/assets/style.css`.
pub const CSS: &str = include_str!("style.css");

/// A count and its noun as English writes them: "1 article", "3 articles", "1 time".
fn count(n: usize, noun: &str) -> String {
    // "series" is its own plural.
    if n == 1 || noun.ends_with('s') {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// URLs of the site. Every one carries the reader's horizon once the reader has chosen
/// one, so that it can be shared; before that they carry none, so that following a link
/// does not count as choosing the default.
pub struct Urls<'a> {
    pub key: &'a str,
    /// `None` while the reader has not chosen a horizon.
    pub horizon: Option<Horizon>,
}

impl<'a> Urls<'a> {
    pub fn new(key: &'a str, info: &HorizonInfo, chosen_default: bool) -> Self {
        Urls {
            key,
            horizon: (!chosen_default).then(|| horizon_of(info)),
        }
    }
    fn q(&self, first: char) -> String {
        self.horizon
            .map(|h| format!("{first}as_of={h}"))
            .unwrap_or_default()
    }
    pub fn series(&self) -> String {
        format!("/s/{}{}", enc(self.key), self.q('?'))
    }
    pub fn series_at(&self, h: Horizon) -> String {
        format!("/s/{}?as_of={h}", enc(self.key))
    }
    pub fn episode(&self, e: Episode) -> String {
        format!("/s/{}/e/{e}{}", enc(self.key), self.q('?'))
    }
    pub fn episode_at(&self, e: Episode, h: Horizon) -> String {
        format!("/s/{}/e/{e}?as_of={h}", enc(self.key))
    }
    pub fn entity(&self, name: &str) -> String {
        format!("/s/{}/entity/{}{}", enc(self.key), enc(name), self.q('?'))
    }
    pub fn graph(&self) -> String {
        format!("/s/{}/graph{}", enc(self.key), self.q('?'))
    }
    pub fn search(&self, q: &str) -> String {
        format!("/s/{}/search?q={}{}", enc(self.key), enc(q), self.q('&'))
    }
    pub fn search_path(&self) -> String {
        format!("/s/{}/search", enc(self.key))
    }
    /// The hidden `as_of` field of a GET form, when a horizon was chosen.
    pub fn hidden_horizon(&self) -> Markup {
        html! { @if let Some(h) = self.horizon { input type="hidden" name="as_of" value=(h.to_string()); } }
    }
}

/// The page frame: a title, the breadcrumb and the body.
pub fn layout(title: &str, crumbs: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · previously" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.top {
                    nav { a href="/" { "previously" } (crumbs) }
                }
                main { (body) }
                footer { "Spoiler-safe: nothing past your horizon is shown." }
            }
        }
    }
}

/// "You have seen up to S1E3": the horizon, the one-click raise, and a picker.
pub fn horizon_bar(
    meta: &SeriesMeta,
    info: &HorizonInfo,
    here: &str,
    chosen_default: bool,
    keep_q: Option<&str>,
) -> Markup {
    let with_h = |h: Horizon| -> String {
        let sep = if here.contains('?') { '&' } else { '?' };
        match keep_q {
            Some(q) => format!("{here}{sep}as_of={h}&q={}", enc(q)),
            None => format!("{here}{sep}as_of={h}"),
        }
    };
    html! {
        section.horizon aria-label="Your horizon" {
            p {
                @if info.latest {
                    "Showing everything ingested"
                    @if let Some(e) = info.as_of { " (up to " strong { (e) } ")" }
                    ". This may spoil every episode."
                } @else {
                    @match info.as_of {
                        Some(e) => { "You have seen up to " strong { (e) } "." }
                        None => { "You have not seen any ingested episode yet." }
                    }
                }
                @if chosen_default { " " em { "(Not chosen yet: showing the first episode only.)" } }
            }
            @if let Some(next) = info.next {
                p { a.raise href=(with_h(Horizon::Upto(next))) { "I have seen " (next) " →" } }
            }
            form method="get" action=(here.split('?').next().unwrap_or(here)) {
                @if let Some(q) = keep_q { input type="hidden" name="q" value=(q); }
                label for="as_of" { "Seen up to " }
                select id="as_of" name="as_of" {
                    @for e in &meta.episodes {
                        option value=(e) selected[info.as_of == Some(*e) && !info.latest] { (e) }
                    }
                    option value="latest" selected[info.latest] { "everything" }
                }
                " " button type="submit" { "Set" }
            }
        }
    }
}

/// Where the home page is in the catalogue: the filter typed, the page shown and how many
/// series match in all.
pub struct Paging<'a> {
    pub filter: &'a str,
    pub page: usize,
    pub pages: usize,
    pub total: usize,
}

impl Paging<'_> {
    fn href(&self, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.filter.is_empty() {
            pairs.push(("q", self.filter.to_string()));
        }
        pairs.push(("page", page.to_string()));
        format!(
            "/?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    }
}

pub fn home(cards: &[SeriesCard], paging: &Paging) -> Markup {
    layout(
        "Series",
        html! {},
        html! {
            h1 { "Series" }
            form.inline method="get" action="/" {
                input type="search" name="q" value=(paging.filter) placeholder="Filter series" aria-label="Filter series";
                " " button type="submit" { "Filter" }
            }
            @if paging.total == 0 && paging.filter.is_empty() {
                p { "Nothing has been ingested yet. Run " code { "previously ingest PATH" } " and reload." }
            } @else if paging.total == 0 {
                p { "No series matches “" (paging.filter) "”." }
            } @else {
                p { (count(paging.total, "series")) @if paging.pages > 1 { " · page " (paging.page) " of " (paging.pages) } }
            }
            ul.cards {
                @for c in cards {
                    @let urls = Urls::new(&c.key, &c.horizon, c.horizon_default);
                    li {
                        h2 { a href=(urls.series()) { (c.title) } }
                        p {
                            (c.episodes_seen) " of " (count(c.episodes_ingested, "episode")) " seen"
                            @if let Some(e) = c.horizon.as_of { " (as of " (e) ")" }
                            " · " (count(c.articles, "article")) " from " (count(c.outlets.len(), "outlet"))
                        }
                        @if let Some(v) = &c.latest_verdict {
                            p { "Latest verdict, " (v.episode) ": " span class=(format!("verdict {}", v.label.as_str())) { (v.label.as_str()) } " (mean " (format!("{:+.2}", v.mean)) ", " (count(v.count, "review")) ")" }
                        }
                    }
                }
            }
            @if paging.pages > 1 {
                nav.sub {
                    @if paging.page > 1 { a rel="prev" href=(paging.href(paging.page - 1)) { "← Previous" } " " }
                    @if paging.page < paging.pages { a rel="next" href=(paging.href(paging.page + 1)) { "Next →" } }
                }
            }
        },
    )
}

/// The horizon a page's links carry: what the reader asked for.
pub fn horizon_of(info: &HorizonInfo) -> Horizon {
    info.requested.parse().unwrap_or(Horizon::Latest)
}

fn series_crumbs(urls: &Urls, title: &str) -> Markup {
    html! {
        " › " a href=(urls.series()) { (title) }
    }
}

fn series_nav(urls: &Urls, query: &str) -> Markup {
    html! {
        nav.sub {
            a href=(urls.series()) { "Overview" } " · "
            a href=(urls.graph()) { "Relationships" } " · "
            form.inline method="get" action=(urls.search_path()) {
                (urls.hidden_horizon())
                input type="search" name="q" value=(query) placeholder="Search recaps" aria-label="Search recaps";
                " " button type="submit" { "Search" }
            }
        }
    }
}

pub fn series_page(meta: &SeriesMeta, o: &SeriesOverview, chosen_default: bool) -> Markup {
    let urls = Urls::new(&o.key, &o.horizon, chosen_default);
    let here = format!("/s/{}", enc(&o.key));
    let mut kinds: Vec<Kind> = o.cast.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    layout(
        &o.title,
        series_crumbs(&urls, &o.title),
        html! {
            h1 { (o.title) }
            (horizon_bar(meta, &o.horizon, &here, chosen_default, None))
            (series_nav(&urls, ""))
            h2 { "Episodes" }
            ol.episodes {
                @for e in &o.episodes {
                    li {
                        a href=(urls.episode(e.info.episode)) { (e.info.episode) }
                        @if let Some(t) = &e.info.title { " — " (t) }
                        " · " (count(e.info.articles, "article"))
                        @if let Some(v) = &e.verdict { " · " span class=(format!("verdict {}", v.label.as_str())) { (v.label.as_str()) } }
                    }
                }
                @for e in &o.later_episodes {
                    li.later {
                        (e) " — not seen yet · "
                        a href=(urls.series_at(Horizon::Upto(*e))) { "I have seen it" }
                    }
                }
            }
            @if !o.critics.is_empty() {
                h2 { "What the critics thought" }
                (trend_chart(&o.title, &o.critics, o.trend))
            }
            h2 { "Cast as of " @if let Some(e) = o.horizon.as_of { (e) } @else { "now" } }
            @for k in &kinds {
                h3 { (k.heading()) }
                ul.cast {
                    @for c in o.cast.iter().filter(|c| c.kind == *k) {
                        li {
                            a href=(urls.entity(&c.name)) { (c.name) }
                            @if !c.aliases.is_empty() { " — also " (c.aliases.join(", ")) }
                            @if !c.groups.is_empty() { " · " (c.groups.join(", ")) }
                            " · first seen " (c.first_seen)
                        }
                    }
                }
            }
            @if !o.reveals.is_empty() {
                h2 { "Reveals so far" }
                ul.facts { @for f in &o.reveals { li { (fact_line(&urls, None, f)) } } }
            }
        },
    )
}

/// The critics' mean per episode as an inline SVG line chart, scores in [-1, 1].
pub fn trend_chart(series: &str, points: &[VerdictSummary], trend: Option<f64>) -> Markup {
    let (w, h, pad) = (600.0_f64, 200.0_f64, 36.0_f64);
    let n = points.len().max(1) as f64;
    let x = |i: usize| {
        if n <= 1.0 {
            w / 2.0
        } else {
            pad + (w - 2.0 * pad) * i as f64 / (n - 1.0)
        }
    };
    let y = |s: f64| pad / 2.0 + (h - pad) * (1.0 - (s.clamp(-1.0, 1.0) + 1.0) / 2.0);
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.mean)))
        .collect();
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby="chart-title" {
                title id="chart-title" { (series) ": critics' mean verdict per episode" }
                line.axis x1="0" x2=(w) y1=(format!("{:.1}", y(0.0))) y2=(format!("{:.1}", y(0.0))) {}
                text.tick x="2" y=(format!("{:.1}", y(1.0) + 4.0)) { "+1" }
                text.tick x="2" y=(format!("{:.1}", y(-1.0))) { "−1" }
                polyline.mean points=(line.join(" ")) {}
                @for (i, p) in points.iter().enumerate() {
                    circle class=(format!("pt {}", p.label.as_str())) cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(p.mean))) r="5" {
                        title { (p.episode) ": " (p.label.as_str()) ", mean " (format!("{:+.2}", p.mean)) ", " (count(p.count, "review")) }
                    }
                    text.tick x=(format!("{:.1}", x(i))) y=(format!("{:.1}", h - 4.0)) text-anchor="middle" { (p.episode) }
                }
            }
            figcaption {
                "Mean verdict per episode (−1 negative … +1 positive)."
                @if let Some(t) = trend { " Trend: " (if t > 0.02 { "improving" } else if t < -0.02 { "declining" } else { "steady" }) "." }
            }
        }
    }
}

/// The paragraph with known names linked to their entity pages.
fn linked(urls: &Urls, linker: &Linker, text: &str) -> Markup {
    html! {
        @for piece in linker.pieces(text) {
            @match piece {
                Piece::Text(t) => { (t) }
                Piece::Name { text, target } => { a.entity href=(urls.entity(&target)) { (text) } }
            }
        }
    }
}

pub fn episode_page(
    meta: &SeriesMeta,
    d: &EpisodeDetail,
    linker: &Linker,
    kb: &Knowledge,
    chosen_default: bool,
) -> Markup {
    let urls = Urls::new(&d.series, &d.horizon, chosen_default);
    let here = format!("/s/{}/e/{}", enc(&d.series), d.episode);
    let heading = match &d.title {
        Some(t) => format!("{} — {t}", d.episode),
        None => d.episode.to_string(),
    };
    layout(
        &format!("{} {heading}", d.title_of_series),
        html! { (series_crumbs(&urls, &d.title_of_series)) " › " (d.episode) },
        html! {
            h1 { (heading) }
            (horizon_bar(meta, &d.horizon, &here, chosen_default, None))
            (series_nav(&urls, ""))
            nav.pager {
                @if let Some(p) = d.previous { a href=(urls.episode(p)) { "← " (p) } }
                " "
                @if let Some(n) = d.next { a href=(urls.episode(n)) { (n) " →" } }
            }
            @if !d.reveals.is_empty() {
                section.reveals {
                    h2 { "Revealed in this episode" }
                    ul.facts { @for f in &d.reveals { li { (fact_line(&urls, Some(kb), f)) } } }
                }
            }
            @if let Some(c) = &d.critics {
                section {
                    h2 { "Reviews" }
                    p { "Mean verdict " span class=(format!("verdict {}", c.label.as_str())) { (c.label.as_str()) } " (" (format!("{:+.2}", c.mean)) ", spread " (format!("{:.2}", c.spread)) ", " (count(c.count, "review")) ")" }
                    ul.verdicts {
                        @for v in &c.verdicts {
                            li {
                                strong { (v.outlet.as_deref().unwrap_or("(no outlet)")) } ": "
                                span class=(format!("verdict {}", v.label.as_str())) { (v.label.as_str()) }
                                @if let Some(x) = &v.explicit { " (" (x) ")" }
                                // The critic's evaluation sentences are the evidence of the
                                // verdict; a review stored before they were kept shows its one
                                // evidence sentence.
                                @if v.evaluation.is_empty() {
                                    @if !v.evidence.is_empty() { blockquote { (v.evidence) } }
                                } @else {
                                    ul.evaluation { @for e in &v.evaluation { li { blockquote { (e) } } } }
                                }
                            }
                        }
                    }
                }
            }
            @for a in &d.articles {
                article.recap {
                    h2 { (a.outlet.as_deref().unwrap_or("(no outlet)")) }
                    @for (i, p) in a.recap.iter().enumerate() {
                        p id=(format!("a{}-recap-{i}", a.index)) { (linked(&urls, linker, p)) }
                    }
                    @if !a.review.is_empty() {
                        h3 { "Review" }
                        @for (i, p) in a.review.iter().enumerate() {
                            p id=(format!("a{}-review-{i}", a.index)) { (linked(&urls, linker, p)) }
                        }
                    }
                    @if let Some(v) = &a.verdict {
                        p.verdict-line { "Verdict: " span class=(format!("verdict {}", v.label.as_str())) { (v.label.as_str()) } @if let Some(x) = &v.explicit { " (" (x) ")" } }
                    }
                    @if !a.scenes.is_empty() {
                        details {
                            summary { (a.scenes.len()) " scenes" }
                            ol.scenes {
                                @for s in &a.scenes {
                                    li {
                                        @if let Some(place) = &s.place { strong { (place) } ": " }
                                        (s.first_sentence)
                                        @if !s.entities.is_empty() { " " small { "(" (s.entities.join(", ")) ")" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// "Subject relation Object" with both ends linked when they are known entities.
fn fact_line(urls: &Urls, _kb: Option<&Knowledge>, f: &Fact) -> Markup {
    html! {
        a.entity href=(urls.entity(&f.subject)) { (f.subject) }
        " " (f.relation.phrase()) " "
        a.entity href=(urls.entity(&f.object)) { (f.object) }
        " "
        span class=(format!("certainty {}", f.certainty.as_str())) { (f.certainty.as_str()) }
        " · " (f.first_seen)
        @if f.corroboration > 1 { " · " (f.corroboration) " outlets" }
        @for c in &f.conflicts {
            @match c {
                Conflict::Certainty { other, first_seen } => { " · also stated as " (other.as_str()) " from " (first_seen) }
                Conflict::Contradiction { relation, certainty, first_seen } => {
                    " · contradicted: " (relation.phrase()) " (" (certainty.as_str()) ") from " (first_seen)
                }
            }
        }
    }
}

fn via_word(v: AliasVia) -> &'static str {
    match v {
        AliasVia::Name => "used by the articles",
        AliasVia::Spelling => "a spelling variant",
        AliasVia::Reveal => "joined by a reveal",
    }
}

fn profile(urls: &Urls, p: &Profile) -> Markup {
    let e = &p.entity;
    html! {
        section.profile {
            h2 { (e.name) }
            p {
                span.kind { (e.kind.as_str()) }
                " · first seen " a href=(urls.episode(e.first_seen)) { (e.first_seen) }
                " · named " (count(e.mentions, "time")) " in " (count(e.articles, "article"))
                @if !e.outlets.is_empty() { " by " (e.outlets.join(", ")) }
            }
            @if !e.aliases.is_empty() {
                h3 { "Also known as" }
                ul {
                    @for a in &e.aliases {
                        li {
                            (a.text) " — " (via_word(a.via)) ", first seen " (a.first_seen)
                            @if let Some(r) = a.revealed_in { ", revealed in " (r) }
                        }
                    }
                }
            }
            @if !p.groups.is_empty() {
                h3 { "Groups" }
                ul { @for gc in &p.groups { li { a href=(urls.entity(&gc.group)) { (gc.group) } " (" (gc.certainty.as_str()) ")" } } }
            }
            @if !p.facts.is_empty() {
                h3 { "Facts" }
                ul.facts {
                    @for f in &p.facts {
                        li {
                            (fact_line(urls, None, f))
                            ul.sources {
                                @for s in &f.sources {
                                    li {
                                        (s.outlet.as_deref().unwrap_or("(no outlet)")) ", " a href=(urls.episode(s.episode)) { (s.episode) }
                                        @if let Some(ev) = s.evidence.as_deref().filter(|e| !e.is_empty()) { ": " q { (ev) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn entity_page(
    meta: &SeriesMeta,
    title: &str,
    info: &HorizonInfo,
    who: &Who,
    chosen_default: bool,
) -> Markup {
    let urls = Urls::new(&meta.key, info, chosen_default);
    let here = format!("/s/{}/entity/{}", enc(&meta.key), enc(&who.query));
    layout(
        &format!("{} · {title}", who.query),
        html! { (series_crumbs(&urls, title)) " › " (who.query) },
        html! {
            h1 { (who.query) }
            (horizon_bar(meta, info, &here, chosen_default, None))
            (series_nav(&urls, ""))
            @for p in &who.matches { (profile(&urls, p)) }
        },
    )
}

pub fn graph_page(
    meta: &SeriesMeta,
    title: &str,
    info: &HorizonInfo,
    g: &Graph,
    chosen_default: bool,
) -> Markup {
    let urls = Urls::new(&meta.key, info, chosen_default);
    let here = format!("/s/{}/graph", enc(&meta.key));
    let size = graph::SIZE;
    layout(
        &format!("Relationships · {title}"),
        html! { (series_crumbs(&urls, title)) " › relationships" },
        html! {
            h1 { "Relationships" }
            (horizon_bar(meta, info, &here, chosen_default, None))
            (series_nav(&urls, ""))
            figure.graph {
                svg viewBox=(format!("-120 0 {} {size}", size + 240.0)) role="img" aria-labelledby="graph-title" {
                    title id="graph-title" { (title) ": who is related to whom" @if let Some(e) = info.as_of { " as of " (e) } }
                    @for e in &g.edges {
                        @if let (Some(s), Some(t)) = (g.nodes.get(e.source), g.nodes.get(e.target)) {
                            line class=(format!("edge {} {}", e.relation.as_str(), e.certainty.as_str()))
                                x1=(s.x) y1=(s.y) x2=(t.x) y2=(t.y) {
                                title { (s.name) " " (e.relation.phrase()) " " (t.name) " (" (e.certainty.as_str()) ", " (e.first_seen) ")" }
                            }
                        }
                    }
                    @for n in &g.nodes {
                        @let right = n.x >= size / 2.0;
                        a href=(urls.entity(&n.name)) {
                            circle class=(format!("node {}", n.kind.as_str())) cx=(n.x) cy=(n.y) r="7" {
                                title { (n.name) " (" (n.kind.as_str()) ", first seen " (n.first_seen) ")" }
                            }
                            text x=(if right { n.x + 11.0 } else { n.x - 11.0 }) y=(n.y + 4.0) text-anchor=(if right { "start" } else { "end" }) { (n.name) }
                        }
                    }
                }
                figcaption { "Solid lines are confirmed, dashed ones suspected. Hover a line for the relation." }
            }
            h2 { "Relations" }
            ul.facts {
                @for e in &g.edges {
                    @if let (Some(s), Some(t)) = (g.nodes.get(e.source), g.nodes.get(e.target)) {
                        li {
                            a href=(urls.entity(&s.name)) { (s.name) } " " (e.relation.phrase()) " "
                            a href=(urls.entity(&t.name)) { (t.name) } " (" (e.certainty.as_str()) ", " (e.first_seen) ")"
                        }
                    }
                }
            }
        },
    )
}

pub fn search_page(
    meta: &SeriesMeta,
    title: &str,
    info: &HorizonInfo,
    query: &str,
    hits: &[Hit],
    chosen_default: bool,
) -> Markup {
    let urls = Urls::new(&meta.key, info, chosen_default);
    let here = urls.search_path();
    layout(
        &format!("Search · {title}"),
        html! { (series_crumbs(&urls, title)) " › search" },
        html! {
            h1 { "Search" }
            (horizon_bar(meta, info, &here, chosen_default, Some(query)))
            (series_nav(&urls, query))
            @if !query.trim().is_empty() {
                p { (hits.len()) " paragraphs match" @if hits.len() >= crate::search::MAX_RESULTS { " (first " (crate::search::MAX_RESULTS) " shown)" } "." }
                ol.hits {
                    @for h in hits {
                        li {
                            a href=(format!("{}#a{}-{}-{}", urls.episode(h.episode), h.article, match h.section { Section::Recap => "recap", Section::Review => "review" }, h.paragraph)) {
                                (h.episode) " · " (h.outlet.as_deref().unwrap_or("(no outlet)"))
                                @if h.section == Section::Review { " · review" }
                            }
                            p { @for s in &h.snippet { (segment(s)) } }
                        }
                    }
                }
            }
        },
    )
}

fn segment(s: &Segment) -> Markup {
    html! { @if s.highlight { mark { (s.text) } } @else { (s.text) } }
}

/// An error as a page, with its code, and a way back.
pub fn error_page(
    status: u16,
    code: &str,
    message: &str,
    suggestions: &[String],
    raise: Option<(String, Episode)>,
) -> Markup {
    layout(
        "Error",
        html! {},
        html! {
            h1 { "Error " (status) }
            p { (message) }
            p { small { "code: " code { (code) } } }
            @if let Some((href, e)) = raise { p { a.raise href=(href) { "I have seen " (e) " →" } } }
            @if !suggestions.is_empty() {
                p { "Did you mean:" }
                ul { @for s in suggestions { li { (s) } } }
            }
            p { a href="/" { "Back to the series list" } }
        },
    )
}

#[cfg(test)]
mod count_tests {
    // Counts read as English: the home page of a store with one article used to say
    // "1 articles from 1 outlets".
    #[test]
    fn counts_read_as_english() {
        assert_eq!(super::count(1, "article"), "1 article");
        assert_eq!(super::count(0, "outlet"), "0 outlets");
        assert_eq!(super::count(24, "review"), "24 reviews");
    }
}
