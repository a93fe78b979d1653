//! `GET /api/health`: whether the mock is up, and its version. It answers even when the mock is
//! overloaded (the in-flight limit leaves it out), so monitoring sees the truth.

use crate::AppState;
use axum::Json;
use shared::api::Health;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Whether the mock is up.
#[utoipa::path(get, path = "/api/health", operation_id = "getHealth", tag = "meta", responses((status = 200, description = "Up", body = Health, example = json!({"status": "ok", "version": "0.1.0"}))))]
async fn health() -> Json<Health> {
    Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
