//! Named worlds (`--dev` only): `GET /api/dev/scenarios` lists them, `POST
//! /api/dev/scenarios/{name}` empties the state and loads one.

use crate::scenarios::{self, Scenario, ScenarioLoaded};
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use shared::api::ErrorResponse;
use shared::Refusal;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(load))
}

#[derive(Serialize, ToSchema)]
struct ScenarioInfo {
    #[schema(example = "citizens")]
    name: &'static str,
    description: &'static str,
}

/// The scenarios there are.
#[utoipa::path(
    get,
    path = "/api/dev/scenarios",
    operation_id = "listScenarios",
    tag = "dev",
    responses((status = 200, description = "Every scenario, with what it holds", body = Vec<ScenarioInfo>))
)]
async fn list() -> Json<Vec<ScenarioInfo>> {
    Json(Scenario::ALL.iter().map(|s| ScenarioInfo { name: s.name(), description: s.description() }).collect())
}

/// Empties the state (the clock stays) and loads the scenario; answers its citizens with their passwords.
#[utoipa::path(
    post,
    path = "/api/dev/scenarios/{name}",
    operation_id = "loadScenario",
    tag = "dev",
    params(("name" = String, Path, description = "`empty`, `citizens` or `renewal-storm`", example = "citizens")),
    responses(
        (status = 200, description = "The state holds the scenario's world", body = ScenarioLoaded),
        (status = 404, description = "No such scenario (`scenario.not_found`)", body = ErrorResponse),
    )
)]
async fn load(State(state): State<AppState>, Path(name): Path<String>) -> Result<Json<ScenarioLoaded>, ApiError> {
    let scenario = Scenario::from_name(&name).ok_or(ApiError::from(Refusal::ScenarioNotFound))?;
    let loaded = tokio::task::spawn_blocking(move || scenarios::load(&state, scenario))
        .await
        .map_err(|_| ApiError::Storage(crate::db::StoreError::Inconsistent("loading the scenario stopped")))??;
    Ok(Json(loaded))
}
