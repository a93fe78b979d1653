//! Polite overload, the lesson of 31 October 2023: past `--max-in-flight` requests at once, the API
//! answers `503` with `Retry-After` at once instead of queueing without bound. Citizens already
//! mid-way (a request carrying the session cookie: a second factor, an extension, any signed-in
//! page) go first: new work (a new sign-in, any request without the cookie) may take only three
//! quarters of the places, so those who started can finish while new arrivals are asked to come
//! back. `/api/health` is left out, so monitoring still sees the mock answer (and so are the dev
//! tools: see routes).

use crate::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::Refusal;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// How long a refused client is asked to wait; clients add their own backoff and jitter.
pub const RETRY_AFTER_SECONDS: u32 = 1;

/// The requests the API may hold at once; `None` for no limit.
#[derive(Clone, Debug, Default)]
pub struct InFlight(Option<Places>);

#[derive(Clone, Debug)]
struct Places {
    /// Every place.
    all: Arc<Semaphore>,
    /// The share new work may hold: the rest is kept for citizens mid-way.
    new_work: Arc<Semaphore>,
}

impl InFlight {
    pub fn limited_to(max: usize) -> InFlight {
        let new_work = (max - max / 4).max(1);
        InFlight(Some(Places { all: Arc::new(Semaphore::new(max)), new_work: Arc::new(Semaphore::new(new_work)) }))
    }
}

/// Whether a request continues what a citizen started (its cookie names a live session and it is
/// not a new sign-in), rather than new work: a made-up cookie gets no kept place.
fn is_mid_way(state: &AppState, request: &Request) -> bool {
    let new_sign_in = request.method() == Method::POST && request.uri().path() == "/api/v1/login";
    let Some(token) = state.session_cookie.token(request.headers()).filter(|_| !new_sign_in) else { return false };
    state.store.session(&token, state.session_limits, state.clock.now()).is_ok_and(|session| session.is_some())
}

/// The middleware: a place for the request, or `503 service.busy` now.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(places) = &state.in_flight.0 else { return next.run(request).await };
    if request.uri().path() == "/api/health" {
        return next.run(request).await;
    }
    let new_work_place = match is_mid_way(&state, &request) {
        true => None,
        false => match places.new_work.clone().try_acquire_owned() {
            Ok(place) => Some(place),
            Err(_) => return busy(),
        },
    };
    match places.all.clone().try_acquire_owned() {
        Ok(_place) => {
            let response = next.run(request).await;
            drop(new_work_place);
            response
        }
        Err(_) => busy(),
    }
}

fn busy() -> Response {
    ApiError::too_soon(Refusal::ServiceBusy, RETRY_AFTER_SECONDS.into()).into_response()
}
