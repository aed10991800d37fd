//! The JSON API under `/api/v1`: the same data as the pages, cut at `?as_of=` (default:
//! everything ingested, stated in the `horizon` field of every answer), plus the one write,
//! `POST /api/v1/articles`, behind the operator's bearer token.

use crate::ctx::Ctx;
use crate::data::{self, HorizonInfo};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, Rendered};
use crate::{graph, search};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use previously_article::Origin;
use previously_series::{Episode, Horizon, Who};
use previously_store::Ingested;
use serde::Serialize;
use serde_json::json;

const JSON: &str = "application/json";

fn path_error(_: PathRejection) -> AppError {
    AppError::new(ErrorCode::NotFound, "the address is not valid")
}

/// Serialises an answer and removes server paths from it.
fn to_body(value: impl Serialize) -> Result<String, AppError> {
    let v = serde_json::to_value(value)
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("could not serialise: {e}")))?;
    serde_json::to_string(&data::public_json(v))
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
}

/// What an answer depends on besides its path and the snapshot.
fn answer_key(ctx: &Ctx, h: Horizon) -> String {
    format!(
        "{h}|{}|{}|{}",
        ctx.param("q").unwrap_or(""),
        ctx.param("min_certainty").unwrap_or(""),
        ctx.param("min_outlets").unwrap_or("")
    )
}

pub fn check_query_length(q: &str) -> Result<(), AppError> {
    if q.chars().count() > search::MAX_QUERY_CHARS {
        return Err(AppError::new(
            ErrorCode::QueryTooLong,
            format!("a search is at most {} characters", search::MAX_QUERY_CHARS),
        ));
    }
    Ok(())
}

/// Who `name` is at the view's horizon; an unknown name is an error with suggestions.
pub fn who_at(view: &crate::state::Shown<'_>, name: &str) -> Result<Who, AppError> {
    let who = view.knowledge.who(name);
    if who.matches.is_empty() {
        let shown: String = name.chars().take(80).collect();
        let when = view
            .knowledge
            .as_of
            .map(|e| format!(" as of {e}"))
            .unwrap_or_default();
        return Err(AppError::new(
            ErrorCode::UnknownEntity,
            format!("no one called “{shown}” is known{when}"),
        )
        .with_suggestions(who.suggestions));
    }
    Ok(who)
}

/// `GET /api/v1/series`: a page of the catalogue (`?page=`, `?limit=`, `?q=` filter), each
/// series as of `?as_of=`, with the total and the next page's address (also as a `Link`
/// header).
pub async fn series_list(State(st): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let h = ctx.api_horizon()?;
    let req =
        data::PageRequest::from_params(ctx.param("q"), ctx.param("page"), ctx.param("limit"))?;
    let page = st.catalogue(req.query()).await?;
    let pages = req.pages(page.total);
    let next = (req.page < pages).then(|| {
        let mut pairs: Vec<(&str, String)> = vec![
            ("page", (req.page + 1).to_string()),
            ("limit", req.limit.to_string()),
        ];
        if !req.filter.is_empty() {
            pairs.push(("q", req.filter.clone()));
        }
        if h != Horizon::Latest {
            pairs.push(("as_of", h.to_string()));
        }
        format!(
            "/api/v1/series?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    });
    let key = format!(
        "{}|{}|{}|{}",
        answer_key(&ctx, h),
        req.filter,
        req.page,
        req.limit
    );
    let mut response = ctx.cached(&st.0.lists, JSON, &key, None, || {
        let cards: Vec<_> = page
            .series
            .iter()
            .map(|d| data::series_card(d, h))
            .collect();
        to_body(json!({
            "series": cards,
            "page": req.page,
            "limit": req.limit,
            "total": page.total,
            "next": next,
        }))
    })?;
    if let Some(v) = next
        .as_deref()
        .and_then(|n| axum::http::HeaderValue::from_str(&format!("<{n}>; rel=\"next\"")).ok())
    {
        response.headers_mut().insert(header::LINK, v);
    }
    Ok(response)
}

pub async fn series(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Path(key) = key.map_err(path_error)?;
    let h = ctx.api_horizon()?;
    let snap = st.series(&key).await?;
    ctx.cached(&snap.rendered, JSON, &answer_key(&ctx, h), None, || {
        to_body(data::overview(&snap, snap.meta(), h))
    })
}

/// The series, its view at the request's horizon and the horizon block, then the answer
/// (from the series snapshot's cache when it was computed before).
macro_rules! with_view {
    ($st:expr, $ctx:expr, $key:expr, |$snap:ident, $meta:ident, $view:ident, $info:ident| $body:expr) => {{
        let Path(key) = $key.map_err(path_error)?;
        let h = $ctx.api_horizon()?;
        let confidence = $ctx.confidence()?;
        let $snap = $st.series(&key).await?;
        let $meta = $snap.meta();
        $ctx.cached(&$snap.rendered, JSON, &answer_key(&$ctx, h), None, || {
            let whole = $snap.view(h);
            // The claims the reader asked to see (`?min_certainty`, `?min_outlets`).
            let $view = crate::state::Shown::new(&whole, confidence);
            let $info: HorizonInfo = data::horizon_info($meta, h, &whole);
            to_body($body)
        })
    }};
}

pub async fn episodes(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    with_view!(st, ctx, key, |snap, meta, view, info| {
        let later: Vec<Episode> = match view.horizon {
            Horizon::Latest => Vec::new(),
            Horizon::Upto(h) => meta.episodes.iter().filter(|e| **e > h).copied().collect(),
        };
        json!({ "series": meta.key, "horizon": info, "episodes": view.knowledge.episodes, "later_episodes": later })
    })
}

pub async fn cast(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    with_view!(st, ctx, key, |snap, meta, view, info| {
        json!({ "series": meta.key, "horizon": info, "cast": view.knowledge.cast() })
    })
}

pub async fn reveals(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    with_view!(st, ctx, key, |snap, meta, view, info| {
        json!({ "series": meta.key, "horizon": info, "reveals": view.knowledge.reveals() })
    })
}

pub async fn timeline(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    with_view!(st, ctx, key, |snap, meta, view, info| {
        json!({ "series": meta.key, "horizon": info, "timeline": view.knowledge.timeline() })
    })
}

pub async fn graph(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    with_view!(st, ctx, key, |snap, meta, view, info| {
        json!({ "series": meta.key, "horizon": info, "graph": graph::build(&view.knowledge) })
    })
}

pub async fn search(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let q = ctx.param("q").unwrap_or("").to_string();
    if q.trim().is_empty() {
        return Err(AppError::new(
            ErrorCode::MissingQuery,
            "say what to search for with ?q=",
        ));
    }
    check_query_length(&q)?;
    with_view!(st, ctx, key, |snap, meta, view, info| {
        let hits = search::search(&snap, view.horizon, &q)?;
        json!({ "series": meta.key, "horizon": info, "query": q, "results": hits })
    })
}

/// `GET /api/v1/search?q=`: every series' paragraphs at once, from the catalogue's index on
/// disk, cut at `?as_of=` (applied to each series), grouped by series. `complete` is false
/// while the index is still catching up with the store.
pub async fn search_all(State(st): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let q = ctx.param("q").unwrap_or("").to_string();
    if q.trim().is_empty() {
        return Err(AppError::new(
            ErrorCode::MissingQuery,
            "say what to search for with ?q=",
        ));
    }
    check_query_length(&q)?;
    let h = ctx.api_horizon()?;
    let limit = data::PageRequest::from_params(None, None, ctx.param("limit"))?.limit;
    // A complete answer is kept with the lists until the store changes.
    let key = format!("{}|{q}|{h}|{limit}", ctx.path);
    if let Some(r) = st.0.lists.get(&key) {
        return Ok(ctx.respond_rendered(&r, None));
    }
    let index = st.catalogue_index().await?;
    let hits = index
        .search(None, &q, h, limit.min(previously_search::MAX_HITS))
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("the search failed: {e}")))?;
    let groups = previously_search::group_by_series(hits);
    // Each series' title as of the horizon, like every other answer, from its catalogue
    // row (no story is read).
    let keys: Vec<String> = groups.iter().map(|(k, _)| k.clone()).collect();
    let titles = st.titles_at(keys, h).await?;
    let mut results = Vec::with_capacity(groups.len());
    for ((key, hits), title) in groups.into_iter().zip(titles) {
        results.push(json!({ "series": key, "title": title, "hits": hits }));
    }
    let complete = st.index_complete();
    let body = to_body(json!({
        "query": q,
        "horizon": h.to_string(),
        "complete": complete,
        "results": results,
    }))?;
    if complete {
        let r = st.0.lists.remember(key, Rendered::new(JSON, body));
        return Ok(ctx.respond_rendered(&r, None));
    }
    Ok(ctx.respond(JSON, body, None))
}

pub async fn entity(
    State(st): State<AppState>,
    ctx: Ctx,
    p: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, AppError> {
    let Path((key, name)) = p.map_err(path_error)?;
    let h = ctx.api_horizon()?;
    let confidence = ctx.confidence()?;
    let snap = st.series(&key).await?;
    let meta = snap.meta();
    ctx.cached(&snap.rendered, JSON, &answer_key(&ctx, h), None, || {
        let view = snap.view(h);
        let who = who_at(&crate::state::Shown::new(&view, confidence), &name)?;
        to_body(json!({ "series": meta.key, "horizon": data::horizon_info(meta, h, &view), "who": who }))
    })
}

pub async fn episode(
    State(st): State<AppState>,
    ctx: Ctx,
    p: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, AppError> {
    let Path((key, ep)) = p.map_err(path_error)?;
    let h = ctx.api_horizon()?;
    let snap = st.series(&key).await?;
    let episode = data::episode_param(&ep)?;
    ctx.cached(&snap.rendered, JSON, &answer_key(&ctx, h), None, || {
        to_body(data::episode_detail(&snap, snap.meta(), h, episode)?)
    })
}

pub async fn openapi(ctx: Ctx) -> Result<Response, AppError> {
    Ok(ctx.respond(JSON, to_body(crate::openapi::document())?, None))
}

/// Compares two secrets in time that does not depend on where they first differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Serialize)]
struct IngestReply {
    status: &'static str,
    duplicate_of: Option<String>,
    series: Option<String>,
    episode: Option<Episode>,
    title: Option<String>,
    outlet: Option<String>,
    content_hash: String,
    warnings: Vec<String>,
}

/// What the operator says of a POSTed article, as query parameters
/// (`?series=...&season=2&episode=5&outlet=...&url=...`): it overrides what the text says,
/// for pages that no cue places.
#[derive(Debug, Default, serde::Deserialize)]
pub struct IngestParams {
    series: Option<String>,
    season: Option<u32>,
    episode: Option<u32>,
    outlet: Option<String>,
    url: Option<String>,
}

impl IngestParams {
    fn apply(&self, article: &mut previously_article::Article) {
        if let Some(url) = self.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            article.url = Some(url.to_string());
        }
        article.place_by_user(
            self.series.as_deref(),
            self.season,
            self.episode,
            self.outlet.as_deref(),
        );
    }
}

/// `POST /api/v1/articles`: reads the body as an article (text, Markdown or HTML, told
/// apart by content; the Content-Type only breaks ties), extracts its story, stores it in
/// one transaction, and forgets what it changed so that the next request sees it.
pub async fn ingest(
    State(st): State<AppState>,
    headers: HeaderMap,
    params: Result<Query<IngestParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let Query(params) = params.map_err(|e| {
        AppError::new(
            ErrorCode::BadQuery,
            format!(
                "series, season, episode, outlet and url are the query parameters of an ingest: {}",
                e.body_text()
            ),
        )
    })?;
    let Some(token) = st.0.token.clone() else {
        return Err(AppError::new(
            ErrorCode::IngestDisabled,
            "ingest is disabled: the operator set no token",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => {
            return Err(AppError::new(
                ErrorCode::MissingToken,
                "send Authorization: Bearer <token>",
            ))
        }
        Some(g) if !same_secret(g.trim().as_bytes(), token.as_bytes()) => {
            return Err(AppError::new(
                ErrorCode::InvalidToken,
                "the bearer token is not the operator's",
            ))
        }
        Some(_) => {}
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::new(
                ErrorCode::PayloadTooLarge,
                format!("an article is at most {} bytes", crate::MAX_BODY_BYTES),
            )
        } else {
            AppError::new(ErrorCode::BadArticle, "the request body could not be read")
        }
    })?;
    let hint = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| {
            let ct = ct.to_ascii_lowercase();
            if ct.starts_with("text/html") {
                Some("html")
            } else if ct.starts_with("text/markdown") {
                Some("md")
            } else if ct.starts_with("text/plain") {
                Some("txt")
            } else {
                None
            }
        });
    let state = st.clone();
    let outcome =
        tokio::task::spawn_blocking(move || -> Result<(Ingested, IngestReply), AppError> {
            let parsed =
                previously_article::parse_bytes(&body, &Origin("request body".into()), hint)
                    .map_err(|e| AppError::new(ErrorCode::BadArticle, e.to_string()))?;
            let mut article = parsed.article;
            params.apply(&mut article);
            let mut read_warnings = parsed.warnings;
            if let Some(url) = article.url.clone() {
                previously_article::place_from_name(&mut article, &url, &mut read_warnings);
            }
            let mut warnings: Vec<String> = read_warnings.into_iter().map(|w| w.message).collect();
            if article.series.is_none() || article.episode.is_none() {
                warnings.push("stored, but nothing in it places it on a timeline (no series title or episode number found); place it with the query parameters series, season and episode".into());
            }
            let story = previously_extract::extract(&article).story;
            let ingested = {
                let mut store = state.0.store.lock().map_err(|_| {
                    AppError::new(ErrorCode::StoreFailed, "the store is unavailable")
                })?;
                store.ingest(&article, &story)?
            };
            // The next request sees the article: what it changed is forgotten now, not at
            // the next poll.
            if matches!(ingested, Ingested::Added | Ingested::Updated) {
                state.sync()?;
            }
            let (status, duplicate_of) = match &ingested {
                Ingested::Added => ("added", None),
                Ingested::Updated => ("updated", None),
                Ingested::Unchanged => ("unchanged", None),
                Ingested::Duplicate { of } => ("duplicate", Some(of.clone())),
            };
            Ok((
                ingested.clone(),
                IngestReply {
                    status,
                    duplicate_of,
                    series: article.series.clone(),
                    episode: article.episode_ref().map(Episode::from),
                    title: article.title.clone(),
                    outlet: article.outlet.clone(),
                    content_hash: article.content_hash.clone(),
                    warnings,
                },
            ))
        })
        .await
        .map_err(|_| AppError::new(ErrorCode::Internal, "the ingest failed unexpectedly"))??;
    let status = if outcome.0 == Ingested::Added {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body = serde_json::to_string(&outcome.1)
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
    Ok((status, [(header::CONTENT_TYPE, JSON)], body).into_response())
}

pub async fn not_found() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "no API route at this address; see /api/v1/openapi.json",
    )
}

pub async fn method_not_allowed() -> AppError {
    AppError::new(
        ErrorCode::MethodNotAllowed,
        "this route does not take that method; see /api/v1/openapi.json",
    )
}
