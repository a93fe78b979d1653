//! `GET /api/health`: whether the mock is up, and its version.

use crate::AppState;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::Health;

pub fn routes() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health() -> Json<Health> {
    Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
