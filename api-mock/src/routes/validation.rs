//! `POST /api/v1/validate`: checks any fields with the very rules the browser runs.

use super::RequestLang;
use crate::error::ApiJson;
use crate::AppState;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use shared::api::{ValidateRequest, ValidateResponse};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/validate", post(validate))
}

async fn validate(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    ApiJson(request): ApiJson<ValidateRequest>,
) -> Json<ValidateResponse> {
    Json(shared::validate(&request, state.clock.today()).to_response(lang))
}
