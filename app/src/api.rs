//! Every call the app makes to the API, in one place.

use gloo_net::http::Request;
use shared::api::{
    RegistrationCreated, SmsCodeAccepted, SmsCodeRejected, SmsCodeRequest, SmsCodeSent, UsernameAvailability, ValidateRequest, ValidateResponse,
};
use shared::Lang;

/// Why a call did not give an answer the app can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: the network or the server is down.
    Unreachable,
    /// An answer the app did not expect (a status and what it said).
    Unexpected(u16),
}

/// `GET /api/v1/usernames/{name}/availability`: the rule, and whether no account has the name.
pub async fn username_availability(username: &str, lang: Lang) -> Result<UsernameAvailability, ApiFailure> {
    let path = format!("/api/v1/usernames/{}/availability", js_sys::encode_uri_component(username));
    let response = Request::get(&path).header("Accept-Language", lang.tag()).send().await.map_err(|_| ApiFailure::Unreachable)?;
    answer(response).await
}

/// `POST /api/v1/registrations`: created, or the field errors (422, or 409 for a taken username).
pub async fn register(request: &ValidateRequest, lang: Lang) -> Result<Result<RegistrationCreated, ValidateResponse>, ApiFailure> {
    let response = post("/api/v1/registrations", request, lang).await?;
    match response.status() {
        422 | 409 => Ok(Err(answer_with_status(response).await?)),
        _ => answer(response).await.map(Ok),
    }
}

/// `POST /api/v1/registrations/{id}/sms-code`: the application number, or why the code is refused.
pub async fn confirm_code(id: &str, code: &str, lang: Lang) -> Result<Result<SmsCodeAccepted, SmsCodeRejected>, ApiFailure> {
    let request = SmsCodeRequest { code: code.to_owned() };
    let response = post(&format!("/api/v1/registrations/{id}/sms-code"), &request, lang).await?;
    match response.status() {
        422 => Ok(Err(answer_with_status(response).await?)),
        _ => answer(response).await.map(Ok),
    }
}

/// `POST /api/v1/registrations/{id}/sms-code/resend`: sent, or the seconds to wait (429).
pub async fn resend_code(id: &str, lang: Lang) -> Result<Result<SmsCodeSent, i64>, ApiFailure> {
    let response = Request::post(&format!("/api/v1/registrations/{id}/sms-code/resend"))
        .header("Accept-Language", lang.tag())
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)?;
    if response.status() == 429 {
        let wait = response.headers().get("retry-after").and_then(|s| s.parse().ok()).unwrap_or(60);
        return Ok(Err(wait));
    }
    answer(response).await.map(Ok)
}

async fn post(path: &str, body: &impl serde::Serialize, lang: Lang) -> Result<gloo_net::http::Response, ApiFailure> {
    Request::post(path)
        .header("Accept-Language", lang.tag())
        .json(body)
        .map_err(|_| ApiFailure::Unexpected(0))?
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)
}

/// The body of an answer whose status the caller has already judged.
async fn answer_with_status<T: serde::de::DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiFailure> {
    response.json().await.map_err(|_| ApiFailure::Unexpected(response.status()))
}

/// The body of a successful answer.
async fn answer<T: serde::de::DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiFailure> {
    if !response.ok() {
        return Err(ApiFailure::Unexpected(response.status()));
    }
    answer_with_status(response).await
}
