//! The OpenAPI 3.1 document of `/api/v1`, written by hand because the response types live
//! in the domain crates, which must not depend on an HTTP schema library. A test calls
//! every documented path on the demo series and checks each answer against its schema
//! (types, and every required property present), so the document cannot drift silently.

use crate::error::ErrorCode;
use serde_json::{json, Map, Value};

fn s() -> Value {
    json!({"type": "string"})
}
fn ns() -> Value {
    json!({"type": ["string", "null"]})
}
fn int() -> Value {
    json!({"type": "integer"})
}
fn num() -> Value {
    json!({"type": "number"})
}
fn nnum() -> Value {
    json!({"type": ["number", "null"]})
}
fn boolean() -> Value {
    json!({"type": "boolean"})
}
fn arr(items: Value) -> Value {
    json!({"type": "array", "items": items})
}
fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}
fn nr(name: &str) -> Value {
    json!({"oneOf": [r(name), {"type": "null"}]})
}
fn strings() -> Value {
    arr(s())
}
fn en(values: &[&str]) -> Value {
    json!({"type": "string", "enum": values})
}

/// An object schema; every property is required unless listed in `optional`.
fn obj(props: &[(&str, Value)], optional: &[&str]) -> Value {
    let mut p = Map::new();
    for (k, v) in props {
        p.insert((*k).to_string(), v.clone());
    }
    let required: Vec<&str> = props
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !optional.contains(k))
        .collect();
    json!({"type": "object", "properties": p, "required": required})
}

const KINDS: &[&str] = &[
    "character",
    "person",
    "group",
    "place",
    "thing",
    "kind",
    "work",
    "org",
];
const RELATIONS: &[&str] = &[
    "same_as",
    "is_a",
    "member_of",
    "killed",
    "works_at",
    "ally_of",
    "enemy_of",
    "played_by",
    "compared_to",
    "made_by",
];
const CERTAINTIES: &[&str] = &["confirmed", "suspected"];
const LABELS: &[&str] = &["positive", "mixed", "negative"];

fn schemas() -> Value {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    json!({
        "Error": obj(&[("message", s()), ("code", en(&codes)), ("suggestions", strings())], &["suggestions"]),
        "Episode": obj(&[("season", int()), ("episode", int())], &[]),
        "Horizon": obj(&[("requested", s()), ("as_of", nr("Episode")), ("latest", boolean()), ("next", nr("Episode"))], &[]),
        "VerdictSummary": obj(&[("episode", r("Episode")), ("label", en(LABELS)), ("mean", num()), ("count", int())], &[]),
        "SeriesCard": obj(&[
            ("key", s()), ("title", s()), ("horizon", r("Horizon")), ("episodes_seen", int()),
            ("episodes_ingested", int()), ("articles", int()), ("outlets", strings()),
            ("latest_verdict", nr("VerdictSummary")),
        ], &[]),
        "EpisodeInfo": obj(&[("episode", r("Episode")), ("title", ns()), ("articles", int()), ("outlets", strings()), ("scenes", int())], &[]),
        "EpisodeRow": obj(&[
            ("episode", r("Episode")), ("title", ns()), ("articles", int()), ("outlets", strings()), ("scenes", int()),
            ("verdict", nr("VerdictSummary")),
        ], &[]),
        "CastMember": obj(&[("name", s()), ("kind", en(KINDS)), ("aliases", strings()), ("groups", strings()), ("first_seen", r("Episode"))], &[]),
        "Provenance": obj(&[("article", s()), ("outlet", ns()), ("episode", r("Episode")), ("evidence", ns())], &[]),
        "Conflict": {"oneOf": [
            obj(&[("kind", en(&["certainty"])), ("other", en(CERTAINTIES)), ("first_seen", r("Episode"))], &[]),
            obj(&[
                ("kind", en(&["contradiction"])), ("relation", en(RELATIONS)), ("certainty", en(CERTAINTIES)),
                ("first_seen", r("Episode")),
            ], &[]),
        ]},
        "Fact": obj(&[
            ("subject", s()), ("relation", en(RELATIONS)), ("object", s()), ("certainty", en(CERTAINTIES)),
            ("first_seen", r("Episode")), ("corroboration", int()), ("sources", arr(r("Provenance"))),
            ("conflicts", arr(r("Conflict"))), ("subject_entity", json!({"type": ["integer", "null"]})),
            ("object_entity", json!({"type": ["integer", "null"]})),
        ], &[]),
        "Alias": obj(&[
            ("text", s()), ("first_seen", r("Episode")), ("via", en(&["name", "spelling", "reveal"])),
            ("revealed_in", nr("Episode")), ("sources", arr(r("Provenance"))),
        ], &[]),
        "Entity": obj(&[
            ("name", s()), ("kind", en(KINDS)), ("aliases", arr(r("Alias"))), ("first_seen", r("Episode")),
            ("articles", int()), ("outlets", strings()), ("mentions", int()),
        ], &[]),
        "Profile": obj(&[
            ("entity", r("Entity")),
            ("groups", arr(obj(&[("group", s()), ("certainty", en(CERTAINTIES))], &[]))),
            ("facts", arr(r("Fact"))),
        ], &[]),
        "Who": obj(&[("query", s()), ("series", s()), ("as_of", nr("Episode")), ("matches", arr(r("Profile"))), ("suggestions", strings())], &[]),
        "TimelineEntry": obj(&[
            ("episode", r("Episode")), ("title", ns()), ("new_characters", strings()), ("reveals", arr(r("Fact"))),
            ("deaths", arr(r("Fact"))), ("scenes", int()), ("articles", int()),
        ], &[]),
        "SeriesOverview": obj(&[
            ("key", s()), ("title", s()), ("horizon", r("Horizon")), ("episodes", arr(r("EpisodeRow"))),
            ("later_episodes", arr(r("Episode"))), ("cast", arr(r("CastMember"))), ("reveals", arr(r("Fact"))),
            ("critics", arr(r("VerdictSummary"))), ("trend", nnum()),
        ], &[]),
        "Scene": obj(&[("cue", ns()), ("place", ns()), ("entities", strings()), ("first_sentence", s())], &[]),
        "Verdict": obj(&[("label", en(LABELS)), ("score", num()), ("explicit", ns()), ("evidence", s())], &[]),
        "ArticleView": obj(&[
            ("outlet", ns()), ("title", ns()), ("recap", strings()), ("review", strings()), ("scenes", arr(r("Scene"))),
            ("verdict", nr("Verdict")),
        ], &[]),
        "OutletVerdict": obj(&[("outlet", ns()), ("article", s()), ("label", en(LABELS)), ("score", num()), ("explicit", ns()), ("evidence", s()), ("evaluation", strings())], &[]),
        "EpisodeCritics": obj(&[
            ("episode", r("Episode")), ("title", ns()), ("verdicts", arr(r("OutletVerdict"))), ("count", int()),
            ("mean", num()), ("spread", num()), ("label", en(LABELS)),
        ], &[]),
        "EpisodeDetail": obj(&[
            ("series", s()), ("title_of_series", s()), ("episode", r("Episode")), ("title", ns()), ("horizon", r("Horizon")),
            ("articles", arr(r("ArticleView"))), ("reveals", arr(r("Fact"))), ("critics", nr("EpisodeCritics")),
            ("previous", nr("Episode")), ("next", nr("Episode")),
        ], &[]),
        "GraphNode": obj(&[("id", int()), ("name", s()), ("kind", en(KINDS)), ("first_seen", r("Episode")), ("x", num()), ("y", num())], &[]),
        "GraphEdge": obj(&[
            ("source", int()), ("target", int()), ("relation", en(RELATIONS)), ("certainty", en(CERTAINTIES)), ("first_seen", r("Episode")),
        ], &[]),
        "Graph": obj(&[("nodes", arr(r("GraphNode"))), ("edges", arr(r("GraphEdge")))], &[]),
        "Segment": obj(&[("text", s()), ("highlight", boolean())], &[]),
        "SearchHit": obj(&[
            ("episode", r("Episode")), ("outlet", ns()), ("section", en(&["recap", "review"])), ("paragraph", int()),
            ("score", num()), ("snippet", arr(r("Segment"))),
        ], &[]),
        "IngestResult": obj(&[
            ("status", en(&["added", "updated", "unchanged", "duplicate"])), ("duplicate_of", ns()), ("series", ns()),
            ("episode", nr("Episode")), ("title", ns()), ("outlet", ns()), ("content_hash", s()), ("warnings", strings()),
        ], &[]),
        "CatalogueSearch": obj(&[("query", s()), ("horizon", s()), ("complete", boolean()), ("results", arr(r("SeriesHits")))], &[]),
        "SeriesHits": obj(&[("series", s()), ("title", s()), ("hits", arr(r("CatalogueHit")))], &[]),
        "CatalogueHit": obj(&[("series", s()), ("episode", r("Episode")), ("article", s()), ("outlet", ns()), ("section", en(&["recap", "review"])), ("index", int()), ("score", num()), ("snippet", arr(r("Segment")))], &[]),
        "SeriesList": obj(&[("series", arr(r("SeriesCard"))), ("page", int()), ("limit", int()), ("total", int()), ("next", ns())], &[]),
        "EpisodeList": obj(&[("series", s()), ("horizon", r("Horizon")), ("episodes", arr(r("EpisodeInfo"))), ("later_episodes", arr(r("Episode")))], &[]),
        "Cast": obj(&[("series", s()), ("horizon", r("Horizon")), ("cast", arr(r("CastMember")))], &[]),
        "WhoAnswer": obj(&[("series", s()), ("horizon", r("Horizon")), ("who", r("Who"))], &[]),
        "Reveals": obj(&[("series", s()), ("horizon", r("Horizon")), ("reveals", arr(r("Fact")))], &[]),
        "Timeline": obj(&[("series", s()), ("horizon", r("Horizon")), ("timeline", arr(r("TimelineEntry")))], &[]),
        "GraphAnswer": obj(&[("series", s()), ("horizon", r("Horizon")), ("graph", r("Graph"))], &[]),
        "SearchAnswer": obj(&[("series", s()), ("horizon", r("Horizon")), ("query", s()), ("results", arr(r("SearchHit")))], &[]),
    })
}

fn param(name: &str, place: &str, description: &str, required: bool) -> Value {
    json!({"name": name, "in": place, "required": required, "description": description, "schema": {"type": "string"}})
}

fn get(summary: &str, params: Vec<Value>, schema: &str) -> Value {
    json!({"get": {
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": r(schema)}}},
            "default": {"description": "An error from the error table", "content": {"application/json": {"schema": r("Error")}}},
        }
    }})
}

/// The document served at `/api/v1/openapi.json`.
pub fn document() -> Value {
    let key = || {
        param(
            "key",
            "path",
            "The series key (as listed by /series) or any title spelling of it.",
            true,
        )
    };
    let as_of = || {
        param("as_of", "query", "The horizon: S1E3, 1x03, 3 or latest. Default latest; every answer states it in `horizon`.", false)
    };
    let min_certainty = || {
        param("min_certainty", "query", "Which claims to show: confirmed (only what the articles state as confirmed) or suspected (all, the default).", false)
    };
    let min_outlets = || {
        param(
            "min_outlets",
            "query",
            "Only claims at least this many outlets make (default 1: all).",
            false,
        )
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "previously API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A spoiler-safe series knowledge base. Every answer is cut at the horizon `as_of`: nothing first seen in a later episode is included, and titles of later episodes are never given. Errors are `{message, code}` with a code from the Error schema's enum.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/series": get(
                "A page of the series, in title order, with episode counts and the latest verdict as of the horizon; `next` (and a `Link` header) gives the next page.",
                vec![
                    as_of(),
                    param("page", "query", "The page, from 1. Default 1.", false),
                    param("limit", "query", "Series per page, 1 to 200. Default 50.", false),
                    param("q", "query", "Only series whose title holds this text (any case).", false),
                ],
                "SeriesList",
            ),
            "/search": get(
                "Every series' recaps and reviews at once (the catalogue's search index), cut at the horizon in each series and grouped by series. `complete` is false while the index is catching up with the store.",
                vec![
                    param("q", "query", "Words to find; every word must occur in a paragraph.", true),
                    as_of(),
                    param("limit", "query", "The most paragraphs to return, 1 to 100. Default 50.", false),
                ],
                "CatalogueSearch",
            ),
            "/series/{key}": get("A series: episodes, cast, reveals and critics' means as of the horizon.", vec![key(), as_of()], "SeriesOverview"),
            "/series/{key}/episodes": get("The admitted episodes, and the numbers of later ones.", vec![key(), as_of()], "EpisodeList"),
            "/series/{key}/episodes/{episode}": get(
                "One episode: every outlet's recap and review paragraphs, scenes, reveals and verdicts.",
                vec![key(), param("episode", "path", "The episode, like S1E3.", true), as_of()],
                "EpisodeDetail"
            ),
            "/series/{key}/cast": get("The cast as of the horizon (groups from the facts shown).", vec![key(), as_of(), min_certainty(), min_outlets()], "Cast"),
            "/series/{key}/entities/{name}": get(
                "Who a name is: aliases, kind, groups, facts with certainty, episode, outlet and evidence.",
                vec![key(), param("name", "path", "A name or alias.", true), as_of(), min_certainty(), min_outlets()],
                "WhoAnswer"
            ),
            "/series/{key}/reveals": get("Identity and nature reveals, in the order they were made.", vec![key(), as_of(), min_certainty(), min_outlets()], "Reveals"),
            "/series/{key}/timeline": get("Per episode: new characters, reveals, deaths, scenes.", vec![key(), as_of(), min_certainty(), min_outlets()], "Timeline"),
            "/series/{key}/graph": get("Entities and relations, with a circular layout.", vec![key(), as_of(), min_certainty(), min_outlets()], "GraphAnswer"),
            "/series/{key}/search": get(
                "Full-text search (tantivy, BM25) of recap and review paragraphs admitted by the horizon; every word must occur.",
                vec![key(), as_of(), param("q", "query", "The words to find (at most 200 characters).", true)],
                "SearchAnswer"
            ),
            "/articles": {"post": {
                "summary": "Ingest one article (plain text, Markdown or HTML; told apart by content). Requires the operator's bearer token.",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/markdown": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                }},
                "responses": {
                    "201": {"description": "Added", "content": {"application/json": {"schema": r("IngestResult")}}},
                    "200": {"description": "Updated, unchanged or a duplicate", "content": {"application/json": {"schema": r("IngestResult")}}},
                    "default": {"description": "An error from the error table", "content": {"application/json": {"schema": r("Error")}}},
                }
            }},
            "/openapi.json": {"get": {"summary": "This document.", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {
            "schemas": schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    })
}
