//! Every call the app makes to the API, in one place, with one policy for a busy or silent service.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use shared::api::{
    Authorisation, Citizen, ErrorBody, ErrorResponse, ExtensionCodesRequest, ExtensionCodesSent, ExtensionDone, ExtensionRequest, ExtensionStart, Field,
    FieldError, LoginLocked, LoginRequest, MethodChangeRequest, NewPasswordRequest, NewProfileRequest, NewProfileStarted, PasswordChangeRequest,
    PasswordResetRequest, ProfileDetails, PushStatus, RegistrationCreated, RegistrationStatus, ResetLink, SecondFactorSent, SessionInfo, SessionList,
    SmsCodeAccepted, SmsCodeRequest, SmsCodeSent, UsernameAvailability, UsernameReminderRequest, ValidateRequest,
};
use shared::rules::login;
use shared::{Lang, Refusal};
use std::collections::BTreeMap;
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

/// A fresh `Idempotency-Key`: `reg-` and 32 hexadecimal digits, 128 bits from `crypto.getRandomValues`.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let crypto = window().crypto().expect("every browser that runs WebAssembly has crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("16 bytes are within getRandomValues' limit");
    bytes.iter().fold("reg-".to_owned(), |key, byte| key + &format!("{byte:02x}"))
}

/// The service's "no" to something the citizen did, kept as codes so the page says it in the
/// current language (and again after a switch).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Errors of fields (422, or 409 for a taken username); for a code, the tries it has left.
    Fields { errors: BTreeMap<Field, Vec<FieldError>>, tries_left: BTreeMap<Field, u8> },
    /// 423: signing in to the account is locked until this moment (RFC 3339, Polish time).
    Locked(String),
    /// 429: try again in this many seconds; the refusal says why (`RateLimited`, `SmsCodeTooMany`,
    /// `SmsCodeTooSoon`).
    TooMany { refusal: Refusal, retry_after: u32 },
    /// Any other refusal, with the server's sentence for those that name a detail of the request.
    Other(ErrorBody),
}

impl Refused {
    /// What to tell the citizen about a refusal that is not about a field (those show beside it).
    pub fn message(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Refused::Fields { .. } => return None,
            Refused::Locked(until) => login::locked_message(until, lang),
            Refused::TooMany { refusal, retry_after } => refusal.say_wait(lang, *retry_after),
            Refused::Other(error) if error.code.message(lang).contains('{') => error.message.clone(),
            Refused::Other(error) => error.code.message(lang).to_owned(),
        })
    }

    /// The refusal, when it is not about a field.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            Refused::TooMany { refusal, .. } => Some(*refusal),
            Refused::Other(error) => Some(error.code),
            Refused::Fields { .. } | Refused::Locked(_) => None,
        }
    }

    /// Whether this says that no sign-in waits in this browser (start again at the login page).
    pub fn is_login_not_pending(&self) -> bool {
        self.refusal() == Some(Refusal::LoginNotPending)
    }
}

/// The body of a refusal, told apart by its shape.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RefusalBody {
    Fields {
        errors: BTreeMap<Field, Vec<FieldError>>,
        #[serde(default)]
        tries_left: Option<TriesLeft>,
    },
    Locked(LoginLocked),
    Other(ErrorResponse),
}

/// The tries left of one code (its field's), or of each code of a page by its field.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum TriesLeft {
    One(u8),
    ByField(BTreeMap<Field, u8>),
}

impl TriesLeft {
    /// By field: one code's tries are its refused field's.
    fn by_field(self, errors: &BTreeMap<Field, Vec<FieldError>>) -> BTreeMap<Field, u8> {
        match self {
            TriesLeft::One(tries) => errors.keys().map(|field| (*field, tries)).collect(),
            TriesLeft::ByField(tries) => tries,
        }
    }
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
) -> Result<Result<RegistrationCreated, Refused>, ApiFailure> {
    judge(
        send(retries, |signal| with_json(prepare(Request::post("/api/v1/registrations"), lang, signal).header("Idempotency-Key", idempotency_key), request))
            .await?,
    )
    .await
}

/// `POST /api/v1/registrations/{id}/sms-code`: the application number, or why the code is refused.
pub async fn confirm_code(id: &str, code: &str, lang: Lang, retries: Retries) -> Result<Result<SmsCodeAccepted, Refused>, ApiFailure> {
    let request = SmsCodeRequest { code: code.to_owned() };
    let path = format!("/api/v1/registrations/{id}/sms-code");
    let response = send(retries, |signal| with_json(prepare(Request::post(&path), lang, signal), &request)).await?;
    if response.status() == 409 {
        // Already confirmed: an earlier attempt got through and only its answer was lost.
        return match registration_status(id, lang, retries).await?.application_number {
            Some(application_number) => Ok(Ok(SmsCodeAccepted { application_number })),
            None => Err(ApiFailure::Unexpected(409)),
        };
    }
    judge(response).await
}

/// `GET /api/v1/registrations/{id}`: where the registration stands.
async fn registration_status(id: &str, lang: Lang, retries: Retries) -> Result<RegistrationStatus, ApiFailure> {
    let path = format!("/api/v1/registrations/{id}");
    answer(send(retries, |signal| prepare(Request::get(&path), lang, signal).build()).await?).await
}

/// `POST /api/v1/registrations/{id}/sms-code/resend`: sent, or the seconds to wait (429).
pub async fn resend_code(id: &str, lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty(&format!("/api/v1/registrations/{id}/sms-code/resend"), lang, retries).await
}

/// `GET /api/v1/session`: who is signed in in this browser, the session's limits and the
/// service's clock. Asked in the background: one attempt.
pub async fn session(lang: Lang) -> Result<SessionInfo, ApiFailure> {
    answer(send(Retries::Never, |signal| prepare(Request::get("/api/v1/session"), lang, signal).build()).await?).await
}

/// `POST /api/v1/session/extend`: the session with a fresh idle limit, or `session.none`.
pub async fn extend_session(lang: Lang, retries: Retries) -> Result<Result<SessionInfo, Refused>, ApiFailure> {
    post_empty("/api/v1/session/extend", lang, retries).await
}

/// `DELETE /api/v1/session`: signed out (the cookie is cleared).
pub async fn sign_out(lang: Lang, retries: Retries) -> Result<(), ApiFailure> {
    let response = send(retries, |signal| prepare(Request::delete("/api/v1/session"), lang, signal).build()).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(ApiFailure::Unexpected(response.status()))
    }
}

/// `GET /api/v1/me`: the signed-in citizen, or `session.none`. Counts as activity.
pub async fn me(lang: Lang, retries: Retries) -> Result<Result<Citizen, Refused>, ApiFailure> {
    judge(send(retries, |signal| prepare(Request::get("/api/v1/me"), lang, signal).build()).await?).await
}

/// `POST /api/v1/login`: the password is right and the second factor is on its way, or why not.
/// A split point, like the username check: the code that reads a refusal leaves the first
/// download of every entry page (12 KB, measured) and arrives with the first focus on the login
/// page (`preload_login`).
#[cfg_attr(wasm_split, leptos::lazy)]
pub async fn login(request: LoginRequest, lang: Lang, retries: Retries) -> Result<Result<SecondFactorSent, Refused>, ApiFailure> {
    judge(send(retries, |signal| with_json(prepare(Request::post("/api/v1/login"), lang, signal), &request)).await?).await
}

/// Starts downloading the code of `login` in the background, so "Zaloguj się" costs no wait.
pub fn preload_login() {
    #[cfg(wasm_split)]
    leptos::task::spawn_local(__preload_login());
}

/// `POST /api/v1/login/sms-code`: signed in, or why the code is refused.
pub async fn confirm_login_code(code: &str, lang: Lang, retries: Retries) -> Result<Result<SessionInfo, Refused>, ApiFailure> {
    post_code("/api/v1/login/sms-code", code, lang, retries).await
}

/// `POST /api/v1/login/sms-code/resend`: a new sign-in code is sent, or the seconds to wait.
pub async fn resend_login_code(lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty("/api/v1/login/sms-code/resend", lang, retries).await
}

/// `POST /api/v1/login/sms`: an SMS code instead of the push, for the same sign-in.
pub async fn login_by_sms(lang: Lang, retries: Retries) -> Result<Result<SecondFactorSent, Refused>, ApiFailure> {
    post_empty("/api/v1/login/sms", lang, retries).await
}

/// `GET /api/v1/login/push`: the answer in mObywatel so far. Asked every few seconds: one attempt.
pub async fn push_status(lang: Lang) -> Result<Result<PushStatus, Refused>, ApiFailure> {
    judge(send(Retries::Never, |signal| prepare(Request::get("/api/v1/login/push"), lang, signal).build()).await?).await
}

/// `GET /api/v1/me/profile`: the account, its newest application or profile, and the method.
/// Counts as activity.
pub async fn profile(lang: Lang, retries: Retries) -> Result<Result<ProfileDetails, Refused>, ApiFailure> {
    judge(send(retries, |signal| prepare(Request::get("/api/v1/me/profile"), lang, signal).build()).await?).await
}

/// `POST /api/v1/session/confirmation`: a second factor of the citizen's own method is on its
/// way, to confirm it is still them.
pub async fn confirm_its_you(lang: Lang, retries: Retries) -> Result<Result<SecondFactorSent, Refused>, ApiFailure> {
    post_empty("/api/v1/session/confirmation", lang, retries).await
}

/// `POST /api/v1/session/confirmation/sms-code`: confirmed (the session as it is now), or why not.
pub async fn confirm_its_you_by_code(code: &str, lang: Lang, retries: Retries) -> Result<Result<SessionInfo, Refused>, ApiFailure> {
    post_code("/api/v1/session/confirmation/sms-code", code, lang, retries).await
}

/// `GET /api/v1/session/confirmation/push`: the answer in mObywatel so far. One attempt.
pub async fn its_you_push_status(lang: Lang) -> Result<Result<PushStatus, Refused>, ApiFailure> {
    judge(send(Retries::Never, |signal| prepare(Request::get("/api/v1/session/confirmation/push"), lang, signal).build()).await?).await
}

/// `POST /api/v1/me/authorisation`: the new method's second factor is on its way, or why not
/// (`authorisation.confirmation_required`: confirm it is the citizen first).
pub async fn change_method(method: Authorisation, lang: Lang, retries: Retries) -> Result<Result<SecondFactorSent, Refused>, ApiFailure> {
    let request = MethodChangeRequest { method };
    judge(send(retries, |signal| with_json(prepare(Request::post("/api/v1/me/authorisation"), lang, signal), &request)).await?).await
}

/// `GET /api/v1/me/authorisation/push`: the answer in mObywatel so far (accepted: the method is
/// push now). One attempt.
pub async fn method_change_push_status(lang: Lang) -> Result<Result<PushStatus, Refused>, ApiFailure> {
    judge(send(Retries::Never, |signal| prepare(Request::get("/api/v1/me/authorisation/push"), lang, signal).build()).await?).await
}

/// `POST /api/v1/me/authorisation/sms-code`: the method is SMS now (the citizen as they are), or why not.
pub async fn confirm_method_change_code(code: &str, lang: Lang, retries: Retries) -> Result<Result<Citizen, Refused>, ApiFailure> {
    post_code("/api/v1/me/authorisation/sms-code", code, lang, retries).await
}

/// `POST /api/v1/me/authorisation/sms-code/resend`: a new code for the change, or the seconds to wait.
pub async fn resend_method_change_code(lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty("/api/v1/me/authorisation/sms-code/resend", lang, retries).await
}

/// `POST /api/v1/recovery/username`: accepted (the same whether or not the address is known), or
/// the field's errors.
pub async fn remind_username(request: &UsernameReminderRequest, lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    judge_empty(send(retries, |signal| with_json(prepare(Request::post("/api/v1/recovery/username"), lang, signal), request)).await?).await
}

/// `POST /api/v1/recovery/password`: accepted (the same whether or not the pair is known), or the
/// fields' errors.
pub async fn start_password_reset(request: &PasswordResetRequest, lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    judge_empty(send(retries, |signal| with_json(prepare(Request::post("/api/v1/recovery/password"), lang, signal), request)).await?).await
}

/// The path of a password reset link's token (from the e-mail's link, never kept).
fn reset_path(token: &str, rest: &str) -> String {
    format!("/api/v1/recovery/password/{}{rest}", js_sys::encode_uri_component(token))
}

/// `GET /api/v1/recovery/password/{token}`: the link works, or why not (`reset.not_found`,
/// `reset.used`, `reset.expired`).
pub async fn reset_link(token: &str, lang: Lang, retries: Retries) -> Result<Result<ResetLink, Refused>, ApiFailure> {
    let path = reset_path(token, "");
    judge(send(retries, |signal| prepare(Request::get(&path), lang, signal).build()).await?).await
}

/// `POST /api/v1/recovery/password/{token}`: the new password passes and an SMS code is on its
/// way, or the fields' errors, or why the link no longer works.
pub async fn choose_password(token: &str, request: &NewPasswordRequest, lang: Lang, retries: Retries) -> Result<Result<SecondFactorSent, Refused>, ApiFailure> {
    let path = reset_path(token, "");
    judge(send(retries, |signal| with_json(prepare(Request::post(&path), lang, signal), request)).await?).await
}

/// `POST /api/v1/recovery/password/{token}/sms-code`: the new password is set and every session
/// of the account ended, or why not.
pub async fn confirm_password_reset(token: &str, code: &str, lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    let (path, request) = (reset_path(token, "/sms-code"), SmsCodeRequest { code: code.to_owned() });
    judge_empty(send(retries, |signal| with_json(prepare(Request::post(&path), lang, signal), &request)).await?).await
}

/// `POST /api/v1/recovery/password/{token}/sms-code/resend`: a new code, or the seconds to wait.
pub async fn resend_password_reset_code(token: &str, lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty(&reset_path(token, "/sms-code/resend"), lang, retries).await
}

/// `GET /api/v1/me/profile/extension`: the contact details to confirm and the dates, or why the
/// profile cannot be extended (`extension.temporary`, `extension.expired`, `extension.no_profile`).
pub async fn extension(lang: Lang, retries: Retries) -> Result<Result<ExtensionStart, Refused>, ApiFailure> {
    judge(send(retries, |signal| prepare(Request::get(EXTENSION), lang, signal).build()).await?).await
}

/// `POST /api/v1/me/profile/extension`: the codes went by SMS and e-mail, or the fields' errors, or
/// `authorisation.confirmation_required` (a changed contact detail: confirm it is the citizen first).
pub async fn start_extension(request: &ExtensionRequest, lang: Lang, retries: Retries) -> Result<Result<ExtensionCodesSent, Refused>, ApiFailure> {
    judge(send(retries, |signal| with_json(prepare(Request::post(EXTENSION), lang, signal), request)).await?).await
}

/// `POST /api/v1/me/profile/extension/codes`: extended (the new last day), or each wrong code.
pub async fn confirm_extension(request: &ExtensionCodesRequest, lang: Lang, retries: Retries) -> Result<Result<ExtensionDone, Refused>, ApiFailure> {
    let path = format!("{EXTENSION}/codes");
    judge(send(retries, |signal| with_json(prepare(Request::post(&path), lang, signal), request)).await?).await
}

/// `POST /api/v1/me/profile/extension/resend`: new codes by SMS and e-mail, or the seconds to wait.
pub async fn resend_extension_codes(lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty(&format!("{EXTENSION}/resend"), lang, retries).await
}

/// `POST /api/v1/me/profiles`: the application for a new profile waits for the provider (where
/// the browser goes next), or why not (`profile.still_valid`, an unknown provider).
pub async fn new_profile(request: &NewProfileRequest, lang: Lang, retries: Retries) -> Result<Result<NewProfileStarted, Refused>, ApiFailure> {
    judge(send(retries, |signal| with_json(prepare(Request::post("/api/v1/me/profiles"), lang, signal), request)).await?).await
}

/// `POST /api/v1/me/password`: changed (every other session ended), or the fields' errors
/// (`password.current_wrong` at `current_password`), `login.locked`, or
/// `authorisation.confirmation_required` (confirm it is the citizen first).
pub async fn change_password(request: &PasswordChangeRequest, lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    judge_empty(send(retries, |signal| with_json(prepare(Request::post("/api/v1/me/password"), lang, signal), request)).await?).await
}

/// `GET /api/v1/me/sessions`: the citizen's live sessions, newest first, this one marked.
pub async fn sessions(lang: Lang, retries: Retries) -> Result<Result<SessionList, Refused>, ApiFailure> {
    judge(send(retries, |signal| prepare(Request::get(SESSIONS), lang, signal).build()).await?).await
}

/// `DELETE /api/v1/me/sessions`: signed out on every device, this one too (the cookie is cleared).
pub async fn end_every_session(lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    judge_empty(send(retries, |signal| prepare(Request::delete(SESSIONS), lang, signal).build()).await?).await
}

/// `POST /api/v1/me/email/verification`: a code is on its way to the account's address, or why
/// not (`email.verified`, or the seconds to wait).
pub async fn start_email_verification(lang: Lang, retries: Retries) -> Result<Result<SmsCodeSent, Refused>, ApiFailure> {
    post_empty(EMAIL_VERIFICATION, lang, retries).await
}

/// `POST /api/v1/me/email/verification/code`: the address is verified, or why not (`email.taken`).
/// The service words a wrong code as a code (`code`, `sms_code.*`); the page's field is the
/// e-mail's code, so its errors move there, with the e-mail code's own words.
pub async fn confirm_email(code: &str, lang: Lang, retries: Retries) -> Result<Result<(), Refused>, ApiFailure> {
    let request = SmsCodeRequest { code: code.to_owned() };
    let path = format!("{EMAIL_VERIFICATION}/code");
    let answer = judge_empty(send(retries, |signal| with_json(prepare(Request::post(&path), lang, signal), &request)).await?).await?;
    Ok(answer.map_err(|refusal| match refusal {
        Refused::Fields { mut errors, mut tries_left } => {
            if let Some(code_errors) = errors.remove(&Field::SmsCode) {
                let moved = code_errors.into_iter().map(|e| FieldError { code: e.code.replacen("sms_code.", "email_code.", 1), ..e }).collect();
                errors.insert(Field::EmailCode, moved);
            }
            if let Some(tries) = tries_left.remove(&Field::SmsCode) {
                tries_left.insert(Field::EmailCode, tries);
            }
            Refused::Fields { errors, tries_left }
        }
        other => other,
    }))
}

/// The citizen's sessions.
const SESSIONS: &str = "/api/v1/me/sessions";
/// The e-mail verification's path.
const EMAIL_VERIFICATION: &str = "/api/v1/me/email/verification";

/// The extension's path.
const EXTENSION: &str = "/api/v1/me/profile/extension";

/// A `POST` of an SMS code, judged.
async fn post_code<T: serde::de::DeserializeOwned>(path: &str, code: &str, lang: Lang, retries: Retries) -> Result<Result<T, Refused>, ApiFailure> {
    let request = SmsCodeRequest { code: code.to_owned() };
    judge(send(retries, |signal| with_json(prepare(Request::post(path), lang, signal), &request)).await?).await
}

/// A `POST` without a body, judged.
async fn post_empty<T: serde::de::DeserializeOwned>(path: &str, lang: Lang, retries: Retries) -> Result<Result<T, Refused>, ApiFailure> {
    judge(send(retries, |signal| prepare(Request::post(path), lang, signal).build()).await?).await
}

/// The request `builder` makes, with `body` as its JSON.
fn with_json<T: serde::Serialize>(builder: RequestBuilder, body: &T) -> Result<Request, gloo_net::Error> {
    let json = crate::json::write(body).ok_or_else(|| gloo_net::Error::GlooError("the request could not be written as JSON".into()))?;
    builder.header("Content-Type", "application/json").body(json)
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
        // A connection reset, an empty or broken answer, or one whose body is cut short (a
        // malformed chunk) is no answer: met like silence, retried with the same backoff.
        let outcome = match request.send().await {
            Ok(response) => {
                let raw = web_sys::Response::from(response);
                if arrives_whole(&raw).await {
                    Ok(Response::from(raw))
                } else {
                    Err(ApiFailure::Unreachable)
                }
            }
            Err(_) => Err(ApiFailure::Unreachable),
        };
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

/// Whether the answer's body arrives whole, read from a copy so that the answer stays unread.
async fn arrives_whole(response: &web_sys::Response) -> bool {
    let Ok(copy) = response.clone() else { return false };
    let Ok(text) = copy.text() else { return false };
    wasm_bindgen_futures::JsFuture::from(text).await.is_ok()
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

/// Waits `ms` milliseconds on the browser's timer; `0` lets the browser run its own tasks first.
pub async fn sleep(ms: u32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// A successful answer's body, or the refusal a 4xx answer carries; anything else is unexpected.
async fn judge<T: serde::de::DeserializeOwned>(response: Response) -> Result<Result<T, Refused>, ApiFailure> {
    let status = response.status();
    if response.ok() {
        return answer_with_status(response).await.map(Ok);
    }
    if !(400..500).contains(&status) {
        return Err(ApiFailure::Unexpected(status));
    }
    let retry_after = response.headers().get("retry-after").and_then(|s| s.parse().ok());
    let refusal = match answer_with_status(response).await? {
        RefusalBody::Fields { errors, tries_left } => Refused::Fields { tries_left: tries_left.map(|t| t.by_field(&errors)).unwrap_or_default(), errors },
        RefusalBody::Locked(locked) => Refused::Locked(locked.locked_until),
        RefusalBody::Other(ErrorResponse { error }) if status == 429 => Refused::TooMany { refusal: error.code, retry_after: retry_after.unwrap_or(60) },
        RefusalBody::Other(ErrorResponse { error }) => Refused::Other(error),
    };
    Ok(Err(refusal))
}

/// A successful answer without a body (202, 204), or the refusal a 4xx answer carries.
async fn judge_empty(response: Response) -> Result<Result<(), Refused>, ApiFailure> {
    if response.ok() {
        return Ok(Ok(()));
    }
    judge(response).await
}

/// The body of an answer whose status the caller has already judged.
async fn answer_with_status<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let body = response.text().await.ok().and_then(|text| crate::json::parse(&text));
    body.ok_or(ApiFailure::Unexpected(response.status()))
}

/// The body of a successful answer.
async fn answer<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if !response.ok() {
        return Err(ApiFailure::Unexpected(response.status()));
    }
    answer_with_status(response).await
}
