//! Signing in: the username or e-mail and the password (`POST /api/v1/login`), then the second
//! factor: the SMS code (`POST /api/v1/login/sms-code`, `…/resend`) or the push in mObywatel
//! (`GET /api/v1/login/push`), with a way from push to SMS (`POST /api/v1/login/sms`). A wrong
//! pair gets one answer whether the account exists or not, after the same argon2 time.

use super::docs::{BodyRejected, CrossSite, RateLimited, Unavailable};
use super::factor;
use super::registrations::{too_soon, wrong_code};
use super::session::info;
use super::RequestLang;
use crate::codes::{self, Purpose};
use crate::db::StoreError;
use crate::error::ApiJson;
use crate::lockouts::{self, LoginName};
use crate::roles::{ByPush, BySms, PendingSignIn, SessionToken};
use crate::sessions::{LoginAccount, Session, SignIn, Stage};
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{
    Authorisation, ErrorBody, ErrorResponse, LoginLocked, LoginRequest, PushState, PushStatus, SecondFactorSent, SessionInfo, SmsCodeRejected, SmsCodeRequest,
    SmsCodeSent, ValidateResponse,
};
use shared::rules::login::{self};
use shared::rules::sms_code;
use shared::validate::validate_login;
use shared::Lang;
use shared::Refusal;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes a client address may call only so often (see `limits`).
pub fn limited_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(start)).routes(routes!(confirm_code)).routes(routes!(resend_code)).routes(routes!(choose_sms))
}

/// The push's status is asked for every few seconds while the page waits: not rate-limited.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(push_status))
}

/// Checks the username (any letter case) or e-mail and the password, and sends the second factor:
/// an SMS code, or a push to mObywatel for a citizen who chose it. Sets the session cookie of the
/// sign-in in progress. Five wrong passwords in a row lock the account's sign-in for 15 minutes.
#[utoipa::path(
    post,
    path = "/api/v1/login",
    operation_id = "startLogin",
    tag = "session",
    params(RequestLang),
    request_body(content = LoginRequest, example = json!({"login": "dariusz_kaminski", "password": "Haslo#Testowe1"})),
    responses(
        (status = 200, description = "The password is right; the SMS code or the push is on its way", body = SecondFactorSent,
            headers(("Set-Cookie" = String, description = "`pz_session`: HttpOnly, SameSite=Strict, Path=/")),
            example = json!({"method": "sms", "phone": "+48 *** *** 004", "check_number": null, "expires_in": 300, "resend_available_in": 60})),
        (status = 401, description = "No account with this username or e-mail and this password (`login.wrong_credentials`; which one is wrong is not told)",
            body = ErrorResponse),
        (status = 422, description = "A field left empty (`login.required`, `login.password_required`)", body = ValidateResponse),
        (status = 423, description = "Too many wrong passwords: locked until `locked_until` (`login.locked`)", body = LoginLocked),
        (status = 429, description = "Too many sign-ins from this address (`request.rate_limited`) or 5 SMS codes within the hour (`sms_code.too_many`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        BodyRejected,
        Unavailable,
    )
)]
async fn start(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SessionToken(previous): SessionToken,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let report = validate_login(&request.login, &request.password);
    if !report.is_valid() {
        return Err(ApiError::Invalid(report.to_response(lang)));
    }
    let (name, now) = (LoginName::of(&request.login), state.clock.now());
    if let Some(until) = state.store.transact(|transaction, _| lockouts::locked_until(transaction, &name, now))? {
        return Err(locked(until, lang));
    }
    let account = state.store.login_account(request.login.trim())?;
    let right = state.passwords.verify(request.password, account.as_ref().map(|a| a.password_hash.clone())).await;
    let (limits, now) = (state.session_limits, state.clock.now());
    let started = state.store.transact(|transaction, key| -> Result<Result<_, ApiError>, ApiError> {
        let account = match account.filter(|_| right) {
            Some(account) => account,
            None => {
                return Ok(Err(
                    lockouts::wrong_password(transaction, &name, now)?.map_or_else(|| Refusal::LoginWrongCredentials.into(), |until| locked(until, lang))
                ))
            }
        };
        if let Some(until) = lockouts::locked_until(transaction, &name, now)? {
            return Ok(Err(locked(until, lang)));
        }
        lockouts::clear(transaction, &name)?;
        let sign_in = SignIn { transaction, key };
        if let Some(previous) = &previous {
            sign_in.end(previous)?; // a new sign-in in this browser ends the one it had
        }
        sign_in.remember_lang(account.id, lang)?;
        let stage = match account.authorisation {
            Authorisation::Sms => Stage::AwaitingSms,
            Authorisation::Push => Stage::AwaitingPush,
        };
        let (token, session_hash) = sign_in.start(account.id, stage, &device(&headers), limits, now)?;
        match factor::send(&state, transaction, key, Purpose::Login, account.authorisation, &account, &session_hash, lang)? {
            Ok(sent) => Ok(Ok((token, sent))),
            Err(not_yet) => Err(too_soon(not_yet)), // nothing of this sign-in is kept
        }
    })?;
    let (token, started) = started?;
    tracing::info!(method = started.method.code(), "password accepted, second factor sent");
    Ok(with_cookie(&state, &token, Json(started)))
}

/// Confirms the sign-in with the SMS code: signed in, with a new session cookie.
#[utoipa::path(
    post,
    path = "/api/v1/login/sms-code",
    operation_id = "confirmLoginSmsCode",
    tag = "session",
    params(RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 200, description = "Signed in", body = SessionInfo, headers(("Set-Cookie" = String, description = "The signed-in session's `pz_session`"))),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`) code", body = SmsCodeRejected),
        (status = 409, description = "No sign-in waiting for an SMS code in this browser (`login.not_pending`)", body = ErrorResponse),
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    PendingSignIn { session: pending, .. }: PendingSignIn<BySms>,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<Response, ApiError> {
    let typed = sms_code::parse(&request.code).map_err(|e| wrong_code(e, sms_code::TRIES, lang))?;
    let (limits, now) = (state.session_limits, state.clock.now());
    let judged = state.store.transact(|transaction, key| {
        if let Err(refused) = codes::check(transaction, key, Purpose::Login, &pending.account_id.to_string(), &typed, now)? {
            return Ok(Err(refused));
        }
        let completed = SignIn { transaction, key }.complete(&pending, limits, now)?;
        Ok::<_, ApiError>(Ok(completed.ok_or(Refusal::LoginNotPending)?))
    })?;
    let (token, session) = judged.map_err(|(error, tries_left)| wrong_code(error, tries_left, lang))?;
    tracing::info!("SMS code confirmed, signed in");
    Ok(with_cookie(&state, &token, Json(info(&state, Some(&session))?)))
}

/// Sends a new SMS code for the sign-in (the old one stops working); at most one a minute, five an hour.
#[utoipa::path(
    post,
    path = "/api/v1/login/sms-code/resend",
    operation_id = "resendLoginSmsCode",
    tag = "session",
    params(RequestLang),
    responses(
        (status = 200, description = "A new code is in the outbox", body = SmsCodeSent),
        (status = 409, description = "No sign-in waiting for an SMS code in this browser (`login.not_pending`)", body = ErrorResponse),
        CrossSite,
        (status = 429, description = "Within 60 s of the last code (`sms_code.resend_too_soon`), 5 codes within the hour (`sms_code.too_many`), \
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn resend_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    PendingSignIn { session: pending, .. }: PendingSignIn<BySms>,
) -> Result<Json<SmsCodeSent>, ApiError> {
    Ok(Json(factor::resend(&state, Purpose::Login, &account_of(&state, &pending)?, lang)?))
}

/// Instead of the push (unanswered, refused, or no phone at hand): an SMS code for the same sign-in.
#[utoipa::path(
    post,
    path = "/api/v1/login/sms",
    operation_id = "chooseLoginSms",
    tag = "session",
    params(RequestLang),
    responses(
        (status = 200, description = "The SMS code is on its way", body = SecondFactorSent),
        (status = 409, description = "No sign-in waiting for a push in this browser (`login.not_pending`)", body = ErrorResponse),
        CrossSite,
        (status = 429, description = "5 SMS codes within the hour (`sms_code.too_many`), or too many requests from this address (`request.rate_limited`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn choose_sms(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    PendingSignIn { session: pending, .. }: PendingSignIn<ByPush>,
) -> Result<Json<SecondFactorSent>, ApiError> {
    let account = account_of(&state, &pending)?;
    let sent = state.store.transact(|transaction, key| -> Result<Result<_, ApiError>, ApiError> {
        let sent = match factor::send(&state, transaction, key, Purpose::Login, Authorisation::Sms, &account, &pending.token_hash, lang)? {
            Ok(sent) => sent,
            Err(not_yet) => return Ok(Err(too_soon(not_yet))),
        };
        let switched = SignIn { transaction, key }.switch_to_sms(&pending.token_hash)?;
        if !switched {
            return Err(Refusal::LoginNotPending.into()); // another request switched it first
        }
        Ok(Ok(sent))
    })??;
    Ok(Json(sent))
}

/// Where this browser's push request stands. Once accepted in mObywatel, this answer signs the
/// citizen in (with a new session cookie).
#[utoipa::path(
    get,
    path = "/api/v1/login/push",
    operation_id = "getLoginPush",
    tag = "session",
    params(RequestLang),
    responses(
        (status = 200, description = "The push request's state", body = PushStatus,
            headers(("Set-Cookie" = String, description = "When accepted: the signed-in session's `pz_session`"))),
        (status = 409, description = "No sign-in waiting for a push in this browser (`login.not_pending`)", body = ErrorResponse),
        Unavailable,
    )
)]
async fn push_status(
    State(state): State<AppState>,
    RequestLang(_lang): RequestLang,
    PendingSignIn { session: pending, .. }: PendingSignIn<ByPush>,
) -> Result<Response, ApiError> {
    let (limits, now) = (state.session_limits, state.clock.now());
    let outcome = state.store.transact(|transaction, key| {
        let sign_in = SignIn { transaction, key };
        let Some(request) = sign_in.push_of(&pending.token_hash, Purpose::Login, now)? else { return Ok(None) };
        let status = factor::status(&request, now);
        if request.state != PushState::Accepted {
            return Ok(Some((status, None)));
        }
        let completed = sign_in.complete(&pending, limits, now)?.ok_or(Refusal::LoginNotPending)?;
        Ok::<_, ApiError>(Some((status, Some(completed))))
    })?;
    let Some((status, completed)) = outcome else { return Err(Refusal::LoginNotPending.into()) };
    match completed {
        Some((token, _)) => {
            tracing::info!("push accepted, signed in");
            Ok(with_cookie(&state, &token, Json(status)))
        }
        None => Ok(Json(status).into_response()),
    }
}

/// The browser a sign-in came from, as its sessions list names it: the `User-Agent`, cut short.
fn device(headers: &HeaderMap) -> String {
    headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().chars().take(200).collect()
}

/// `body` with the session cookie of `token`.
fn with_cookie(state: &AppState, token: &str, body: impl IntoResponse) -> Response {
    ([(header::SET_COOKIE, state.session_cookie.set(token))], body).into_response()
}

fn account_of(state: &AppState, session: &Session) -> Result<LoginAccount, ApiError> {
    state.store.account(session.account_id)?.ok_or_else(|| ApiError::Storage(StoreError::Inconsistent("a session's account is gone")))
}

pub(super) fn locked(until: i64, lang: Lang) -> ApiError {
    let locked_until = shared::date::warsaw_rfc3339(until);
    ApiError::Locked(LoginLocked { error: ErrorBody { code: Refusal::LoginLocked, message: login::locked_message(&locked_until, lang) }, locked_until })
}
