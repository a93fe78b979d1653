//! Tools for designers and tests, mounted only with `--dev`: `GET /api/dev/outbox[?to=]`, every
//! SMS and e-mail the mock sent, newest first; `POST /api/dev/registrations/{id}/confirm-identity`,
//! the official's or the provider's confirmation of an application's identity;
//! `GET`/`PUT /api/dev/clock`, the mock's time; `POST /api/dev/reset`, an empty state.

use crate::error::ApiJson;
use crate::store::Message;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use shared::api::{Channel, OutboxEntry, RegistrationState, RegistrationStatus};
use shared::notices;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/outbox", get(outbox))
        .route("/dev/registrations/{id}/confirm-identity", post(confirm_identity))
        .route("/dev/clock", get(clock).put(set_clock))
        .route("/dev/reset", post(reset))
}

/// The mock's time, as every rule that depends on it sees it.
#[derive(Serialize)]
struct ClockState {
    /// Seconds since 1970-01-01 UTC.
    now: i64,
    /// The date in Poland.
    today: String,
    /// How far the mock's clock is from the system's, in seconds.
    offset_seconds: i64,
}

/// Either `{"now": <seconds since 1970-01-01 UTC>}` or `{"advance_seconds": <seconds>}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    now: Option<i64>,
    advance_seconds: Option<i64>,
}

async fn clock(State(state): State<AppState>) -> Json<ClockState> {
    Json(ClockState { now: state.clock.now(), today: state.clock.today().to_string(), offset_seconds: state.clock.offset() })
}

async fn set_clock(State(state): State<AppState>, ApiJson(change): ApiJson<ClockChange>) -> Result<Json<ClockState>, ApiError> {
    match (change.now, change.advance_seconds) {
        (Some(now), None) => state.clock.set(now),
        (None, Some(seconds)) => state.clock.advance(seconds),
        _ => {
            return Err(ApiError::BadRequest {
                code: "request.invalid_fields",
                message: "Send exactly one of {\"now\": <seconds since 1970-01-01 UTC>} or {\"advance_seconds\": <seconds>}.".into(),
            })
        }
    }
    Ok(clock(State(state)).await)
}

/// Empties the state: no accounts, registrations, profiles or messages. The clock stays.
async fn reset(State(state): State<AppState>) -> Result<StatusCode, ApiError> {
    state.store.reset()?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirms the identity of an application awaiting it, as the official in the video call or at
/// the confirmation point, or the bank, Envelo or the e-ID card would: the profile becomes active
/// for 3 months (video) or 3 years, and the citizen gets an e-mail.
async fn confirm_identity(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<RegistrationStatus>, ApiError> {
    let registration = super::registrations::find(&state, &id)?;
    if registration.state != RegistrationState::AwaitingIdentity {
        return Err(ApiError::WrongState { code: "registration.not_awaiting_identity", message: "This registration is not waiting for its identity to be confirmed." });
    }
    let kind = registration.profile_kind();
    let valid_until = kind.valid_until(state.clock.today()).to_string();
    let notice = notices::profile_confirmed(&valid_until, registration.lang);
    let email = Message { channel: Channel::Email, to: registration.email.clone(), subject: Some(notice.subject), text: notice.text };
    state.store.confirm_identity(&id, kind.code(), &valid_until, state.clock.now(), &email)?;
    super::registrations::status(State(state), Path(id)).await
}

#[derive(Deserialize)]
struct OutboxFilter {
    to: Option<String>,
}

async fn outbox(State(state): State<AppState>, Query(filter): Query<OutboxFilter>) -> Result<Json<Vec<OutboxEntry>>, ApiError> {
    Ok(Json(state.store.outbox(filter.to.as_deref())?))
}
