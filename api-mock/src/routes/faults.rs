//! The fault rules at run time (`--dev` only): `GET`, `PUT` (one rule, replacing that route's) and
//! `DELETE` (all) `/api/dev/faults`.

use super::docs::BodyRejected;
use crate::error::ApiJson;
use crate::faults::FaultRule;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::Json;
use shared::api::ErrorResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_faults, set_fault, clear_faults))
}

/// The fault rules in force.
#[utoipa::path(get, path = "/api/dev/faults", operation_id = "listFaults", tag = "dev", responses((status = 200, description = "Every rule in force", body = Vec<FaultRule>)))]
async fn list_faults(State(state): State<AppState>) -> Json<Vec<FaultRule>> {
    Json(state.faults.list())
}

/// Puts a rule in force for one API route (or `*`: every API route; never the dev tools), replacing the route's rule; answers every rule.
#[utoipa::path(
    put,
    path = "/api/dev/faults",
    operation_id = "setFault",
    tag = "dev",
    request_body = FaultRule,
    responses(
        (status = 200, description = "Every rule in force", body = Vec<FaultRule>),
        (status = 400, description = "An unknown route (`fault.unknown_route`) or a value out of range (`fault.latency_out_of_range`, \
            `fault.error_rate_out_of_range`, `fault.status_out_of_range`)", body = ErrorResponse),
        BodyRejected,
    )
)]
async fn set_fault(State(state): State<AppState>, ApiJson(rule): ApiJson<FaultRule>) -> Result<Json<Vec<FaultRule>>, ApiError> {
    rule.check(&super::faultable_operations())?;
    tracing::info!(route = %rule.route, latency_ms = rule.latency_ms, error_rate = rule.error_rate, status = rule.status, "fault rule set");
    state.faults.set(rule);
    Ok(Json(state.faults.list()))
}

/// Lifts every fault rule.
#[utoipa::path(
    delete,
    path = "/api/dev/faults",
    operation_id = "clearFaults",
    tag = "dev",
    responses((status = 200, description = "No rule is left", body = Vec<FaultRule>))
)]
async fn clear_faults(State(state): State<AppState>) -> Json<Vec<FaultRule>> {
    state.faults.clear();
    tracing::info!("fault rules lifted");
    Json(Vec::new())
}
