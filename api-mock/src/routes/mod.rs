//! The router: one function a route group, put together here.

mod health;
mod spa;
mod validation;

use crate::{ApiError, AppState, BODY_LIMIT_BYTES};
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::{header::ACCEPT_LANGUAGE, request::Parts};
use axum::Router;
use shared::Lang;
use std::convert::Infallible;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::routes())
        .merge(validation::routes())
        .fallback(|| async { ApiError::NotFound });
    Router::new()
        .nest("/api", api)
        .merge(spa::routes(state.static_dir.as_deref()))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The language of the answer, from `Accept-Language`; Polish by default.
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let header = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Ok(RequestLang(Lang::from_accept_language(header)))
    }
}
