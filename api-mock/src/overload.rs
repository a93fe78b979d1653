//! Polite overload, the lesson of 31 October 2023: past `--max-in-flight` requests at once, the API
//! answers `503` with `Retry-After` at once instead of queueing without bound. `/api/health` is
//! left out, so monitoring still sees the mock answer (and so are the dev tools: see routes).

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{ErrorBody, ErrorResponse};
use shared::Lang;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// How long a refused client is asked to wait; clients add their own backoff and jitter.
pub const RETRY_AFTER_SECONDS: u32 = 1;

/// The requests the API may hold at once; `None` for no limit.
#[derive(Clone, Debug, Default)]
pub struct InFlight(Option<Arc<Semaphore>>);

impl InFlight {
    pub fn limited_to(max: usize) -> InFlight {
        InFlight(Some(Arc::new(Semaphore::new(max))))
    }
}

/// The middleware: a place for the request, or `503 service.busy` now.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(places) = &state.in_flight.0 else { return next.run(request).await };
    if request.uri().path() == "/api/health" {
        return next.run(request).await;
    }
    match places.clone().try_acquire_owned() {
        Ok(_place) => next.run(request).await,
        Err(_) => {
            let lang = Lang::from_accept_language(request.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default());
            busy(lang)
        }
    }
}

fn busy(lang: Lang) -> Response {
    let message = lang.pick("Serwis jest teraz przeciążony. Spróbuj ponownie za chwilę.", "The service is busy right now. Try again in a moment.");
    let body = ErrorResponse { error: ErrorBody { code: "service.busy".into(), message: message.into() } };
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}
