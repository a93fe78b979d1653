//! `POST /api/v1/validate`: checks any fields with the very rules the browser runs.

use super::docs::{BodyRejected, Unavailable};
use super::RequestLang;
use crate::error::ApiJson;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use shared::api::{ValidateRequest, ValidateResponse};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(validate))
}

/// Checks the fields sent (any of them; only those present), as the browser does while the citizen types.
#[utoipa::path(
    post,
    path = "/api/v1/validate",
    operation_id = "validateFields",
    tag = "validation",
    params(RequestLang),
    request_body(content = ValidateRequest, example = json!({"username": "jan.kowalski", "pesel": "44051401359"})),
    responses(
        (status = 200, description = "The problems of each field (none: valid), and what the PESEL tells", body = ValidateResponse,
            example = json!({"errors": {"username": [{"code": "username.forbidden_char", "message": "Nazwa użytkownika może zawierać tylko litery bez polskich znaków, cyfry, podkreślenie (_) i łącznik (-), bez spacji i kropki"}]},
                "pesel": {"birth_date": "1944-05-14", "sex": "M"}})),
        BodyRejected,
        Unavailable,
    )
)]
async fn validate(State(state): State<AppState>, RequestLang(lang): RequestLang, ApiJson(request): ApiJson<ValidateRequest>) -> Json<ValidateResponse> {
    Json(shared::validate(&request, state.clock.today()).to_response(lang))
}
