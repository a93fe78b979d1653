//! Every call the app makes to the API, in one place, with one policy for a busy or silent service.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use shared::api::{
    RegistrationCreated, RegistrationStatus, SmsCodeAccepted, SmsCodeRejected, SmsCodeRequest, SmsCodeSent, UsernameAvailability, ValidateRequest,
    ValidateResponse,
};
use shared::Lang;
use std::time::Duration;
use web_sys::{AbortController, AbortSignal};

/// Attempts in all, the first included, for a call that retries.
const MAX_ATTEMPTS: u32 = 4;
/// How long one attempt may take before it is abandoned, like a lost connection.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest single wait between two attempts, in seconds.
const MAX_WAIT_SECONDS: f64 = 30.0;

/// Why a call did not give an answer the app can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer in time: the network or the server is down, or too slow.
    Unreachable,
    /// An answer the app did not expect (its status).
    Unexpected(u16),
}

/// How a call copes with a busy service (502, 503, 504) or no answer.
#[derive(Clone, Copy)]
pub enum Retries {
    /// One attempt, nothing told: for checks in the background.
    Never,
    /// Up to `MAX_ATTEMPTS`; each second of a wait before the next one the callback gets the whole
    /// seconds left, then `None` as the attempt starts.
    Reported(Callback<Option<u32>>),
}

/// The seconds to wait before retry number `retry` (1 for the first): 1, 2, 4… seconds times a
/// factor in [0.5, 1.5) drawn from `random` in [0, 1), never less than the server's `Retry-After`,
/// never more than 30.
pub fn retry_delay(retry: u32, retry_after: Option<u32>, random: f64) -> f64 {
    let backoff = 2f64.powi(retry.saturating_sub(1) as i32) * (0.5 + random);
    backoff.max(retry_after.map_or(0.0, f64::from)).min(MAX_WAIT_SECONDS)
}

/// A fresh `Idempotency-Key`: `reg-` and 26 hexadecimal digits (about 104 random bits).
pub fn new_idempotency_key() -> String {
    let random = || (js_sys::Math::random() * 2f64.powi(52)) as u64;
    format!("reg-{:013x}{:013x}", random(), random())
}

/// `GET /api/v1/usernames/{name}/availability`: the rule, and whether no account has the name.
/// A split point: the code of every call to the service downloads when the first is made, not
/// with the account step it serves.
#[cfg_attr(wasm_split, leptos::lazy)]
pub async fn username_availability(username: String, lang: Lang, retries: Retries) -> Result<UsernameAvailability, ApiFailure> {
    let path = format!("/api/v1/usernames/{}/availability", js_sys::encode_uri_component(&username));
    let response = send(retries, |signal| prepare(Request::get(&path), lang, signal).build()).await?;
    answer(response).await
}

/// `POST /api/v1/registrations`: created, or the field errors (422, or 409 for a taken username).
/// `idempotency_key` names this registration, so that a retry cannot register twice.
pub async fn register(
    request: &ValidateRequest,
    idempotency_key: &str,
    lang: Lang,
    retries: Retries,
) -> Result<Result<RegistrationCreated, ValidateResponse>, ApiFailure> {
    let response =
        send(retries, |signal| prepare(Request::post("/api/v1/registrations"), lang, signal).header("Idempotency-Key", idempotency_key).json(request)).await?;
    match response.status() {
        422 | 409 => Ok(Err(answer_with_status(response).await?)),
        _ => answer(response).await.map(Ok),
    }
}

/// `POST /api/v1/registrations/{id}/sms-code`: the application number, or why the code is refused.
pub async fn confirm_code(id: &str, code: &str, lang: Lang, retries: Retries) -> Result<Result<SmsCodeAccepted, SmsCodeRejected>, ApiFailure> {
    let request = SmsCodeRequest { code: code.to_owned() };
    let path = format!("/api/v1/registrations/{id}/sms-code");
    let response = send(retries, |signal| prepare(Request::post(&path), lang, signal).json(&request)).await?;
    match response.status() {
        422 => Ok(Err(answer_with_status(response).await?)),
        // Already confirmed: an earlier attempt got through and only its answer was lost.
        409 => match registration_status(id, lang, retries).await?.application_number {
            Some(application_number) => Ok(Ok(SmsCodeAccepted { application_number })),
            None => Err(ApiFailure::Unexpected(409)),
        },
        _ => answer(response).await.map(Ok),
    }
}

/// `GET /api/v1/registrations/{id}`: where the registration stands.
async fn registration_status(id: &str, lang: Lang, retries: Retries) -> Result<RegistrationStatus, ApiFailure> {
    let path = format!("/api/v1/registrations/{id}");
    answer(send(retries, |signal| prepare(Request::get(&path), lang, signal).build()).await?).await
}

/// `POST /api/v1/registrations/{id}/sms-code/resend`: sent, or the seconds to wait (429).
pub async fn resend_code(id: &str, lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, i64>, ApiFailure> {
    let path = format!("/api/v1/registrations/{id}/sms-code/resend");
    let response = send(retries, |signal| prepare(Request::post(&path), lang, signal).build()).await?;
    if response.status() == 429 {
        let wait = response.headers().get("retry-after").and_then(|s| s.parse().ok()).unwrap_or(60);
        return Ok(Err(wait));
    }
    answer(response).await.map(Ok)
}

/// A request in the citizen's language, abandoned when `signal` aborts.
fn prepare(builder: RequestBuilder, lang: Lang, signal: Option<&AbortSignal>) -> RequestBuilder {
    builder.header("Accept-Language", lang.tag()).abort_signal(signal)
}

/// Sends the request `build` makes, again after a busy answer or none while `retries` allows,
/// and returns the last answer for the caller to judge.
async fn send(retries: Retries, build: impl Fn(Option<&AbortSignal>) -> Result<Request, gloo_net::Error>) -> Result<Response, ApiFailure> {
    let mut attempt = 1;
    loop {
        let request = build(deadline().as_ref()).map_err(|_| ApiFailure::Unexpected(0))?;
        let outcome = request.send().await.map_err(|_| ApiFailure::Unreachable);
        let retry_after = match &outcome {
            Ok(response) if matches!(response.status(), 502..=504) => response.headers().get("retry-after").and_then(|s| s.parse().ok()),
            Ok(_) => return outcome,
            Err(_) => None,
        };
        let Retries::Reported(on_wait) = retries else { return outcome };
        if attempt == MAX_ATTEMPTS {
            return outcome;
        }
        wait(retry_delay(attempt, retry_after, js_sys::Math::random()), on_wait).await;
        attempt += 1;
    }
}

/// An abort signal that fires once the attempt has had its time (aborting a finished one does
/// nothing); none if the browser cannot make one.
fn deadline() -> Option<AbortSignal> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    set_timeout(move || controller.abort(), ATTEMPT_TIMEOUT);
    Some(signal)
}

/// Waits `seconds`, telling `on_wait` the whole seconds left as each one begins, then `None`.
async fn wait(seconds: f64, on_wait: Callback<Option<u32>>) {
    let mut left_ms = (seconds * 1000.0).round() as u32;
    while left_ms > 0 {
        let whole_seconds = left_ms.div_ceil(1000);
        on_wait.run(Some(whole_seconds));
        let until_next_second = left_ms - (whole_seconds - 1) * 1000;
        sleep(until_next_second).await;
        left_ms -= until_next_second;
    }
    on_wait.run(None);
}

async fn sleep(ms: u32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// The body of an answer whose status the caller has already judged.
async fn answer_with_status<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    response.json().await.map_err(|_| ApiFailure::Unexpected(response.status()))
}

/// The body of a successful answer.
async fn answer<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if !response.ok() {
        return Err(ApiFailure::Unexpected(response.status()));
    }
    answer_with_status(response).await
}
