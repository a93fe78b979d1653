//! The router: one function a route group, put together here.

mod dev;
mod health;
mod registrations;
mod spa;
mod usernames;
mod validation;

use crate::{ApiError, AppState, BODY_LIMIT_BYTES};
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::{header, header::ACCEPT_LANGUAGE, request::Parts, HeaderValue};
use axum::Router;
use shared::Lang;
use std::convert::Infallible;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState) -> Router {
    let dev_routes = if state.dev { dev::routes() } else { Router::new() };
    let api = Router::new()
        .merge(health::routes())
        .merge(validation::routes())
        .merge(usernames::routes())
        .merge(registrations::routes())
        .merge(dev_routes)
        .fallback(|| async { ApiError::NotFound })
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    Router::new()
        .nest("/api", api)
        .merge(spa::routes(state.static_dir.as_deref()))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
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
