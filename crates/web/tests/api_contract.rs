//! The API's contract: every path of the OpenAPI document answers on the demo series, and
//! every answer (and error) matches its documented schema; insta snapshots of answers with
//! ids and hashes redacted.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::Value;

/// Checks `value` against a JSON Schema subset (the one the document uses): `$ref`,
/// `oneOf`, `type` (one or several), `enum`, `properties`, `required`, `items`.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        match doc["components"]["schemas"].get(name) {
            Some(s) => check(doc, s, value, at, errors),
            None => errors.push(format!("{at}: unknown schema {r}")),
        }
        return;
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = options.iter().filter(|o| {
            let mut e = Vec::new();
            check(doc, o, value, at, &mut e);
            e.is_empty()
        });
        if fits.count() != 1 {
            errors.push(format!("{at}: {value} fits not exactly one of {options:?}"));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let (Some(allowed), Some(v)) = (schema.get("enum").and_then(Value::as_array), value.as_str())
    {
        if !allowed.iter().any(|a| a == v) {
            errors.push(format!("{at}: “{v}” is not one of {allowed:?}"));
        }
    }
    if let Some(obj) = value.as_object() {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(req) {
                errors.push(format!("{at}: missing required property {req}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                if let Some(v) = obj.get(k) {
                    check(doc, s, v, &format!("{at}.{k}"), errors);
                }
            }
            // Undocumented fields are drift too.
            for k in obj.keys() {
                if !props.contains_key(k) {
                    errors.push(format!("{at}: property {k} is not documented"));
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

fn fill(path: &str, as_of: &str) -> String {
    let uri = path
        .replace("{key}", "vesper%20tide")
        .replace("{episode}", "S1E1")
        .replace("{name}", "Marisol%20Arden");
    let sep = if uri.contains('?') { '&' } else { '?' };
    let mut uri = format!("/api/v1{uri}{sep}as_of={as_of}");
    if path.ends_with("/search") {
        uri.push_str("&q=compass");
    }
    uri
}

#[test]
fn every_documented_path_answers_with_its_documented_schema() {
    let backend = Backend::sqlite();
    let app = backend.app(true, None);
    let doc = get(&app, "/api/v1/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let mut checked = 0;
    for (path, item) in paths {
        let Some(op) = item.get("get") else { continue };
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        for as_of in ["S1E1", "S1E3", "latest"] {
            let uri = fill(path, as_of);
            let r = get(&app, &uri);
            assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
            let mut errors = Vec::new();
            check(&doc, schema, &r.json(), path, &mut errors);
            assert!(
                errors.is_empty(),
                "{uri} does not match its schema:\n{}",
                errors.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "every GET path was called ({checked})");
    // Every route the router serves is documented.
    for route in [
        "/series",
        "/series/{key}",
        "/series/{key}/episodes",
        "/series/{key}/episodes/{episode}",
        "/series/{key}/cast",
        "/series/{key}/entities/{name}",
        "/series/{key}/reveals",
        "/series/{key}/timeline",
        "/series/{key}/graph",
        "/series/{key}/search",
        "/articles",
        "/openapi.json",
    ] {
        assert!(paths.contains_key(route), "{route} is not documented");
    }
}

#[test]
fn errors_match_the_error_schema_and_use_documented_codes() {
    let backend = Backend::sqlite();
    let app = backend.app(false, None);
    let doc = get(&app, "/api/v1/openapi.json").json();
    let error = serde_json::json!({"$ref": "#/components/schemas/Error"});
    for uri in [
        "/api/v1/series/vesper%20tide/cast?as_of=S9E99x",
        "/api/v1/series/nope",
        "/api/v1/series/vesper%20tide/entities/Nobody",
        "/api/v1/series/vesper%20tide/episodes/S1E4?as_of=S1E1",
        "/api/v1/series/vesper%20tide/search",
        "/api/v1/unknown",
    ] {
        let r = get(&app, uri);
        assert!(r.status.is_client_error(), "{uri}");
        let mut errors = Vec::new();
        check(&doc, &error, &r.json(), uri, &mut errors);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn ingest_answer_matches_the_documented_schema() {
    use axum::body::Body;
    use axum::http::Request;
    let backend = Backend::sqlite();
    let app = backend.app(false, Some("t"));
    let doc = get(&app, "/api/v1/openapi.json").json();
    let schema = doc["paths"]["/articles"]["post"]["responses"]["201"]["content"]
        ["application/json"]["schema"]
        .clone();
    let body = "Vesper Tide: Season 2 Ep. 1 Recap & Review\n\nNew Water\n\nBy A. Writer · Quay Review\n\nMarisol Arden returns.\n";
    let r = send(
        &app,
        Request::post("/api/v1/articles")
            .header("authorization", "Bearer t")
            .body(Body::from(body))
            .expect("a request"),
    );
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let mut errors = Vec::new();
    check(&doc, &schema, &r.json(), "ingest", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Snapshots of answers whose shape and content a client relies on. Article ids are
/// content hashes and are redacted, so the snapshots do not change when a demo file's
/// bytes do without its meaning changing.
#[test]
fn api_answers_match_their_snapshots() {
    let backend = Backend::sqlite();
    let app = backend.app(false, None);
    let settings = {
        let mut s = insta::Settings::clone_current();
        s.set_sort_maps(true);
        s
    };
    settings.bind(|| {
        insta::assert_json_snapshot!(
            "series_list_s1e2",
            get(&app, "/api/v1/series?as_of=S1E2").json()
        );
        insta::assert_json_snapshot!(
            "episodes_s1e2",
            get(&app, "/api/v1/series/vesper%20tide/episodes?as_of=S1E2").json()
        );
        insta::assert_json_snapshot!(
            "error_bad_horizon",
            get(&app, "/api/v1/series/vesper%20tide/cast?as_of=S9E99x").json()
        );
        insta::assert_json_snapshot!(
            "error_beyond_horizon",
            get(
                &app,
                "/api/v1/series/vesper%20tide/episodes/S1E5?as_of=S1E2"
            )
            .json()
        );
        let cast = get(&app, "/api/v1/series/vesper%20tide/cast?as_of=S1E1").json();
        insta::assert_json_snapshot!(
            "cast_s1e1_names",
            cast["cast"]
                .as_array()
                .map(|c| c.iter().map(|m| m["name"].clone()).collect::<Vec<_>>())
        );
        insta::assert_json_snapshot!(
            "reveals_s1e5",
            get(&app, "/api/v1/series/vesper%20tide/reveals?as_of=S1E5").json(),
            {
                ".reveals[].sources[].article" => "[hash]",
                ".reveals[].subject_entity" => "[id]",
                ".reveals[].object_entity" => "[id]",
            }
        );
    });
}
