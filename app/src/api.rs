//! Every call the app makes to the API, in one place.

use gloo_net::http::Request;
use shared::api::{ValidateRequest, ValidateResponse};
use shared::Lang;

/// Why a call did not give an answer the app can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: the network or the server is down.
    Unreachable,
    /// An answer the app did not expect (a status and what it said).
    Unexpected(u16),
}

/// `POST /api/v1/validate`: the server checks the fields with the same rules as the app.
pub async fn validate(request: &ValidateRequest, lang: Lang) -> Result<ValidateResponse, ApiFailure> {
    let response = Request::post("/api/v1/validate")
        .header("Accept-Language", lang.tag())
        .json(request)
        .map_err(|_| ApiFailure::Unexpected(0))?
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)?;
    if !response.ok() {
        return Err(ApiFailure::Unexpected(response.status()));
    }
    response.json().await.map_err(|_| ApiFailure::Unexpected(response.status()))
}
