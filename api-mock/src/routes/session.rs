//! The session of this browser: who is signed in (`GET /api/v1/session`, `GET /api/v1/me`),
//! extending it (`POST /api/v1/session/extend`) and signing out (`DELETE /api/v1/session`).

use super::docs::{CrossSite, NotSignedIn, Unavailable};
use super::RequestLang;
use crate::roles::{AnySession, SessionToken, SignedIn};
use crate::sessions::{Session, Stage};
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{Citizen, SessionInfo};
use shared::Refusal;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_session, sign_out)).routes(routes!(extend)).routes(routes!(me))
}

/// Who is signed in in this browser (no one is an answer too), the session's limits, and the
/// service's clock. Reading it is not activity: it does not extend the session.
#[utoipa::path(
    get,
    path = "/api/v1/session",
    operation_id = "getSession",
    tag = "session",
    responses(
        (status = 200, description = "The session as it stands (`citizen` is null when signed out)", body = SessionInfo),
        Unavailable,
    )
)]
async fn get_session(State(state): State<AppState>, AnySession(session): AnySession) -> Result<Json<SessionInfo>, ApiError> {
    Ok(Json(info(&state, session.as_ref())?))
}

/// Activity: the idle limit counts again from now (never past the 12-hour limit).
#[utoipa::path(
    post,
    path = "/api/v1/session/extend",
    operation_id = "extendSession",
    tag = "session",
    params(RequestLang),
    responses(
        (status = 200, description = "Extended", body = SessionInfo),
        NotSignedIn,
        CrossSite,
        Unavailable,
    )
)]
async fn extend(State(state): State<AppState>, SignedIn { session, .. }: SignedIn) -> Result<Json<SessionInfo>, ApiError> {
    Ok(Json(info(&state, Some(&session))?))
}

/// The signed-in citizen. Counts as activity.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    operation_id = "getMe",
    tag = "session",
    params(RequestLang),
    responses(
        (status = 200, description = "The signed-in citizen", body = Citizen),
        NotSignedIn,
        Unavailable,
    )
)]
async fn me(State(state): State<AppState>, RequestLang(_lang): RequestLang, SignedIn { session, .. }: SignedIn) -> Result<Json<Citizen>, ApiError> {
    state.store.citizen(session.account_id)?.map(Json).ok_or(Refusal::SessionNone.into())
}

/// Signs out: the session ends on the server and the cookie is cleared (also when there was none).
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    operation_id = "signOut",
    tag = "session",
    responses(
        (status = 204, description = "Signed out"),
        CrossSite,
        Unavailable,
    )
)]
async fn sign_out(State(state): State<AppState>, SessionToken(token): SessionToken) -> Result<Response, ApiError> {
    if let Some(token) = token {
        state.store.end_session(&token)?;
        tracing::info!("signed out");
    }
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, state.session_cookie.set(""))]).into_response())
}

/// The session as the app needs to know it.
pub(super) fn info(state: &AppState, session: Option<&Session>) -> Result<SessionInfo, ApiError> {
    let (limits, now) = (state.session_limits, state.clock.now());
    let signed_in = session.filter(|s| s.stage == Stage::SignedIn);
    Ok(SessionInfo {
        citizen: signed_in.map(|s| state.store.citizen(s.account_id)).transpose()?.flatten(),
        pending: session.and_then(|s| s.stage.pending()),
        expires_in: signed_in.map(|s| s.expires_in(limits, now)),
        warn_before: limits.warning_seconds,
        idle_timeout: limits.idle_seconds,
        now,
        today: state.clock.today(),
    })
}
