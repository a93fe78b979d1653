//! `GET /api/v1/usernames/{name}/availability`: whether a username may be chosen, for the live
//! check as the citizen types (case-insensitive).

use super::docs::Unavailable;
use super::RequestLang;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::Json;
use shared::api::UsernameAvailability;
use shared::rules::username::{self, UsernameError};
use shared::Problem;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(availability))
}

/// Whether a username may be chosen: it follows the rule and no account has it in any letter case.
#[utoipa::path(
    get,
    path = "/api/v1/usernames/{name}/availability",
    operation_id = "checkUsername",
    tag = "registration",
    params(("name" = String, Path, description = "The username to check", example = "jan_kowalski"), RequestLang),
    responses(
        (status = 200, description = "Whether it may be chosen, and why not", body = UsernameAvailability, example = json!({"username": "Jan_Kowalski", "available": false,
            "error": {"code": "username.taken", "message": "Ta nazwa użytkownika jest już zajęta. Wybierz inną"}})),
        Unavailable,
    )
)]
async fn availability(State(state): State<AppState>, RequestLang(lang): RequestLang, Path(name): Path<String>) -> Result<Json<UsernameAvailability>, ApiError> {
    let problem = match username::validate(&name) {
        Err(rule) => Some(rule),
        Ok(()) if state.store.username_taken(&username::uniqueness_key(&name))? => Some(UsernameError::Taken),
        Ok(()) => None,
    };
    Ok(Json(UsernameAvailability { username: name, available: problem.is_none(), error: problem.map(|p| Problem::Username(p).to_field_error(lang)) }))
}
