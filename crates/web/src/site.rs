//! The handlers of the HTML pages. Each reads the current snapshot, picks the reader's
//! horizon for the series, computes the page's data with [`crate::data`] and renders it
//! with [`crate::pages`].

use crate::ctx::Ctx;
use crate::data;
use crate::error::{AppError, ErrorCode};
use crate::horizon::Chosen;
use crate::pages::{self, Urls};
use crate::state::{AppState, SeriesMeta, Snapshot};
use crate::{graph, search};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use previously_series::Horizon;

const HTML: &str = "text/html; charset=utf-8";

/// An error as an HTML page with the code's status.
pub fn error_response(
    e: &AppError,
    raise: Option<(String, previously_series::Episode)>,
) -> Response {
    let body = pages::error_page(
        e.code.status().as_u16(),
        e.code.as_str(),
        &e.message,
        &e.suggestions,
        raise,
    )
    .into_string();
    let mut r = (e.code.status(), body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    r
}

fn path_error(_: PathRejection) -> AppError {
    AppError::new(ErrorCode::NotFound, "the address is not valid")
}

/// What a page's body depends on besides its path and the snapshot.
fn page_key(ctx: &Ctx, h: Horizon, chosen: Chosen) -> String {
    format!(
        "{h}|{}|{}",
        chosen == Chosen::Default,
        ctx.param("q").unwrap_or("")
    )
}

pub async fn home(State(st): State<AppState>, ctx: Ctx) -> Response {
    let result = async {
        ctx.check()?;
        let req = data::PageRequest::from_params(ctx.param("q"), ctx.param("page"), None)?;
        let page = st.catalogue(req.query()).await?;
        let metas: Vec<SeriesMeta> = page.series.iter().map(SeriesMeta::of).collect();
        let chosen: Vec<(Horizon, Chosen)> = metas
            .iter()
            .map(|meta| {
                ctx.page_horizon(meta)
                    .map(|r| (r.0, r.1))
                    .unwrap_or((Horizon::Latest, Chosen::Url))
            })
            .collect();
        let key: String = std::iter::once(format!("{}|{}|", req.filter, req.page))
            .chain(
                chosen
                    .iter()
                    .map(|(h, c)| format!("{h}{};", *c == Chosen::Default)),
            )
            .collect();
        ctx.cached(&st.0.lists, HTML, &key, None, || {
            let cards: Vec<_> = page
                .series
                .iter()
                .zip(&chosen)
                .map(|(digest, (h, c))| {
                    let mut card = data::series_card(digest, *h);
                    card.horizon_default = *c == Chosen::Default;
                    card
                })
                .collect();
            let paging = pages::Paging {
                filter: &req.filter,
                page: req.page,
                pages: req.pages(page.total),
                total: page.total,
            };
            Ok(pages::home(&cards, &paging).into_string())
        })
    }
    .await;
    result.unwrap_or_else(|e| error_response(&e, None))
}

/// A page about one series: the series' snapshot, the reader's horizon for it, and the page
/// from the snapshot's cache, or from `build` (given the snapshot, the series, the horizon
/// and whether the reader chose it).
async fn series_page(
    st: &AppState,
    ctx: &Ctx,
    key: Result<String, AppError>,
    build: impl FnOnce(&Snapshot, &SeriesMeta, Horizon, bool) -> Result<String, AppError>,
) -> Response {
    let result = async {
        let snap = st.series(&key?).await?;
        let meta = snap.meta();
        let (h, chosen, cookie) = ctx.page_horizon(meta)?;
        ctx.cached(
            &snap.rendered,
            HTML,
            &page_key(ctx, h, chosen),
            cookie,
            || build(&snap, meta, h, chosen == Chosen::Default),
        )
    }
    .await;
    result.unwrap_or_else(|e| error_response(&e, None))
}

pub async fn series(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Response {
    let key = key.map(|Path(k)| k).map_err(path_error);
    series_page(&st, &ctx, key, |snap, meta, h, default| {
        let o = data::overview(snap, meta, h);
        Ok(pages::series_page(meta, &o, default).into_string())
    })
    .await
}

pub async fn episode(
    State(st): State<AppState>,
    ctx: Ctx,
    p: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let mut raise = None;
    let result = async {
        let Path((key, ep)) = p.map_err(path_error)?;
        let snap = st.series(&key).await?;
        let meta = snap.meta();
        let (h, chosen, cookie) = ctx.page_horizon(meta)?;
        let episode = data::episode_param(&ep)?;
        // An episode past the horizon is an error page offering to raise the horizon.
        if !h.admits(episode) && meta.episodes.contains(&episode) {
            let urls = Urls {
                key: &meta.key,
                horizon: None,
            };
            raise = Some((urls.episode_at(episode, Horizon::Upto(episode)), episode));
        }
        ctx.cached(
            &snap.rendered,
            HTML,
            &page_key(&ctx, h, chosen),
            cookie,
            || {
                let d = data::episode_detail(&snap, meta, h, episode)?;
                let view = snap.view(h);
                Ok(pages::episode_page(
                    meta,
                    &d,
                    &view.linker,
                    &view.knowledge,
                    chosen == Chosen::Default,
                )
                .into_string())
            },
        )
    }
    .await;
    result.unwrap_or_else(|e| error_response(&e, raise))
}

pub async fn entity(
    State(st): State<AppState>,
    ctx: Ctx,
    p: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (key, name) = match p {
        Ok(Path((k, n))) => (Ok(k), n),
        Err(e) => (Err(path_error(e)), String::new()),
    };
    series_page(&st, &ctx, key, |snap, meta, h, default| {
        let view = snap.view(h);
        let who = crate::api::who_at(&crate::state::Shown::all(&view), &name)?;
        let info = data::horizon_info(meta, h, &view);
        Ok(pages::entity_page(meta, &view.knowledge.title, &info, &who, default).into_string())
    })
    .await
}

pub async fn graph_page(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Response {
    let key = key.map(|Path(k)| k).map_err(path_error);
    series_page(&st, &ctx, key, |snap, meta, h, default| {
        let view = snap.view(h);
        let g = graph::build(&view.knowledge);
        let info = data::horizon_info(meta, h, &view);
        Ok(pages::graph_page(meta, &view.knowledge.title, &info, &g, default).into_string())
    })
    .await
}

pub async fn search_page(
    State(st): State<AppState>,
    ctx: Ctx,
    key: Result<Path<String>, PathRejection>,
) -> Response {
    let q = ctx.param("q").unwrap_or("").to_string();
    let key = key
        .map(|Path(k)| k)
        .map_err(path_error)
        .and_then(|k| crate::api::check_query_length(&q).map(|()| k));
    series_page(&st, &ctx, key, |snap, meta, h, default| {
        let view = snap.view(h);
        let hits = search::search(snap, view.horizon, &q)?;
        let info = data::horizon_info(meta, h, &view);
        Ok(
            pages::search_page(meta, &view.knowledge.title, &info, &q, &hits, default)
                .into_string(),
        )
    })
    .await
}

pub async fn style(ctx: Ctx) -> Response {
    ctx.respond("text/css; charset=utf-8", pages::CSS.to_string(), None)
}

pub async fn not_found() -> Response {
    error_response(
        &AppError::new(ErrorCode::NotFound, "there is no page at this address"),
        None,
    )
}

pub async fn method_not_allowed() -> Response {
    error_response(
        &AppError::new(ErrorCode::MethodNotAllowed, "pages are read with GET"),
        None,
    )
}
