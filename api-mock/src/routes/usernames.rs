//! `GET /api/v1/usernames/{name}/availability`: whether a username may be chosen, for the live
//! check as the citizen types (case-insensitive).

use super::RequestLang;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::api::UsernameAvailability;
use shared::rules::username::{self, UsernameError};
use shared::Problem;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/usernames/{name}/availability", get(availability))
}

async fn availability(State(state): State<AppState>, RequestLang(lang): RequestLang, Path(name): Path<String>) -> Result<Json<UsernameAvailability>, ApiError> {
    let problem = match username::validate(&name) {
        Err(rule) => Some(rule),
        Ok(()) if state.store.username_taken(&username::uniqueness_key(&name))? => Some(UsernameError::Taken),
        Ok(()) => None,
    };
    Ok(Json(UsernameAvailability {
        username: name,
        available: problem.is_none(),
        error: problem.map(|p| Problem::Username(p).to_field_error(lang)),
    }))
}
