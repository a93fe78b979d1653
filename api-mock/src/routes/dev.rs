//! Tools for designers and tests, mounted only with `--dev`: `GET /api/dev/outbox[?to=]`, every
//! SMS and e-mail the mock sent, newest first.

use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use shared::api::OutboxEntry;

pub fn routes() -> Router<AppState> {
    Router::new().route("/dev/outbox", get(outbox))
}

#[derive(Deserialize)]
struct OutboxFilter {
    to: Option<String>,
}

async fn outbox(State(state): State<AppState>, Query(filter): Query<OutboxFilter>) -> Result<Json<Vec<OutboxEntry>>, ApiError> {
    Ok(Json(state.store.outbox(filter.to.as_deref())?))
}
