//! The signed-in citizen's own security: changing the password (`POST /api/v1/me/password`, with
//! the current one and a second factor within 2 minutes; every other session ends), the list of
//! their sessions and "Wyloguj ze wszystkich urządzeń" (`/api/v1/me/sessions`), and verifying the
//! e-mail address with a code sent to it (`/api/v1/me/email/verification…`), after which it signs
//! in and gets username reminders.

use super::docs::{BodyRejected, CrossSite, NotSignedIn, RateLimited, Unavailable};
use super::registrations::{too_soon, wrong_code};
use super::RequestLang;
use crate::accounts::{self, VerifyRefused};
use crate::codes::{self, Purpose, SentCode};
use crate::db::StoreError;
use crate::error::ApiJson;
use crate::lockouts::{self, LoginName};
use crate::outbox::{self, Message};
use crate::roles::SignedIn;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::api::{
    Channel, ErrorResponse, Field, LoginLocked, PasswordChangeRequest, SessionList, SessionSummary, SmsCodeRejected, SmsCodeRequest, SmsCodeSent,
    ValidateResponse,
};
use shared::rules::password::PasswordError;
use shared::rules::sms_code;
use shared::validate::{validate_password_change, Report};
use shared::Refusal;
use shared::{notices, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes that check a password or send or check codes: rate-limited like signing in.
pub fn limited_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(change_password)).routes(routes!(start_email_verification)).routes(routes!(confirm_email))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_sessions, end_every_session))
}

/// Changes the password: the current one, and a second factor given within the last 2 minutes
/// (`POST /api/v1/session/confirmation`). Every other session of the account ends and an e-mail
/// says so. A wrong current password counts towards the lock-out of the username, as at sign-in.
#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    operation_id = "changePassword",
    tag = "account",
    params(RequestLang),
    request_body(content = PasswordChangeRequest,
        example = json!({"current_password": "Haslo#Testowe1", "password": "Nowe#Haslo12", "password_repeat": "Nowe#Haslo12"})),
    responses(
        (status = 204, description = "Changed; every other session has ended"),
        (status = 422, description = "A field that breaks its rule (`password.*`, `password_repeat.*`, `login.password_required`), \
            the new one the same as the current one (`password.same_as_current`), or a wrong current password (`password.current_wrong`)",
            body = ValidateResponse),
        (status = 423, description = "Too many wrong passwords for this account: locked until `locked_until` (`login.locked`)", body = LoginLocked),
        (status = 403, description = "No second factor within the last 2 minutes (`authorisation.confirmation_required`), \
            or sent from another site (`request.cross_origin`)", body = ErrorResponse),
        NotSignedIn,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn change_password(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
    ApiJson(request): ApiJson<PasswordChangeRequest>,
) -> Result<StatusCode, ApiError> {
    if !session.recently_confirmed(state.clock.now()) {
        return Err(Refusal::ConfirmationRequired.into());
    }
    let report = validate_password_change(&request.current_password, &request.password, &request.password_repeat);
    if !report.is_valid() {
        return Err(ApiError::Invalid(report.to_response(lang)));
    }
    let name = LoginName::of(&account.username);
    if let Some(until) = state.store.transact(|transaction, _| lockouts::locked_until(transaction, &name, state.clock.now()))? {
        return Err(super::login::locked(until, lang));
    }
    let right = state.passwords.verify(request.current_password, Some(account.password_hash.clone())).await;
    if !right {
        let now = state.clock.now();
        return match state.store.transact(|transaction, _| lockouts::wrong_password(transaction, &name, now))? {
            Some(until) => Err(super::login::locked(until, lang)),
            None => Err(ApiError::Invalid(field_error(Field::CurrentPassword, Problem::Password(PasswordError::CurrentWrong), lang))),
        };
    }
    let password_hash = state.passwords.hash(request.password).await;
    let notice = notices::password_changed(lang);
    let email = Message { channel: Channel::Email, to: account.email.clone(), subject: Some(notice.subject), text: notice.text };
    let now = state.clock.now();
    state.store.transact(|transaction, _| accounts::change_password(transaction, account.id, &session.token_hash, &password_hash, now, &email))?;
    tracing::info!("password changed while signed in, other sessions ended");
    Ok(StatusCode::NO_CONTENT)
}

/// The citizen's live signed-in sessions, newest first, this one marked.
#[utoipa::path(
    get,
    path = "/api/v1/me/sessions",
    operation_id = "listSessions",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The sessions", body = SessionList),
        NotSignedIn,
        Unavailable,
    )
)]
async fn list_sessions(State(state): State<AppState>, SignedIn { session, .. }: SignedIn) -> Result<Json<SessionList>, ApiError> {
    let rows = state.store.sessions_of(session.account_id, state.session_limits, state.clock.now())?;
    let sessions = rows
        .into_iter()
        .map(|(token_hash, device, signed_in_at, last_seen)| SessionSummary { current: token_hash == session.token_hash, device, signed_in_at, last_seen })
        .collect();
    Ok(Json(SessionList { sessions }))
}

/// "Wyloguj ze wszystkich urządzeń": every session of the account ends, this one too.
#[utoipa::path(
    delete,
    path = "/api/v1/me/sessions",
    operation_id = "endEverySession",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 204, description = "Signed out everywhere", headers(("Set-Cookie" = String, description = "Clears the session cookie"))),
        NotSignedIn,
        CrossSite,
        Unavailable,
    )
)]
async fn end_every_session(State(state): State<AppState>, SignedIn { session, .. }: SignedIn) -> Result<Response, ApiError> {
    state.store.end_every_session(session.account_id)?;
    tracing::info!("signed out on every device");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, state.session_cookie.set(""))]).into_response())
}

/// Sends a code to the account's e-mail address, to verify it: at most one a minute, five an hour.
#[utoipa::path(
    post,
    path = "/api/v1/me/email/verification",
    operation_id = "startEmailVerification",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The code is in the outbox", body = SmsCodeSent),
        (status = 409, description = "The address is verified already (`email.verified`)", body = ErrorResponse),
        NotSignedIn,
        CrossSite,
        (status = 429, description = "Within 60 s of the last code (`sms_code.resend_too_soon`), 5 codes within the hour (`sms_code.too_many`), \
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn start_email_verification(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
) -> Result<Json<SmsCodeSent>, ApiError> {
    if state.store.profile(session.account_id)?.is_some_and(|details| details.email_verified) {
        return Err(ApiError::from(Refusal::EmailVerified));
    }
    let code = SentCode::new(state.clock.now());
    let notice = notices::email_verification_code(&code.code, lang);
    let email = Message { channel: Channel::Email, to: account.email.clone(), subject: Some(notice.subject), text: notice.text };
    let subject = account.id.to_string();
    state.store.transact(|transaction, key| -> Result<(), ApiError> {
        codes::may_send(transaction, Purpose::EmailVerification, &subject, code.sent_at)?.map_err(too_soon)?;
        codes::put(transaction, key, Purpose::EmailVerification, &subject, &code)?;
        outbox::post(transaction, &email, code.sent_at)?;
        Ok(())
    })?;
    Ok(Json(SmsCodeSent { resend_available_in: sms_code::RESEND_COOLDOWN_SECONDS }))
}

/// Verifies the address with the code from the e-mail. An address belongs to one account: one
/// that another account verified first cannot be verified again.
#[utoipa::path(
    post,
    path = "/api/v1/me/email/verification/code",
    operation_id = "confirmEmail",
    tag = "account",
    params(RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 204, description = "The address is verified: it signs in from now on"),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`) code", body = SmsCodeRejected),
        (status = 409, description = "Another account verified this address first (`email.taken`)", body = ErrorResponse),
        NotSignedIn,
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_email(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<StatusCode, ApiError> {
    let typed = sms_code::parse(&request.code).map_err(|e| wrong_code(e, sms_code::TRIES, lang))?;
    let now = state.clock.now();
    let judged = state.store.transact(|transaction, key| {
        if let Err(refused) = codes::check(transaction, key, Purpose::EmailVerification, &account.id.to_string(), &typed, now)? {
            return Ok(Err(refused));
        }
        Ok::<_, StoreError>(Ok(accounts::verify_email(transaction, account.id)?))
    })?;
    match judged.map_err(|(error, tries_left)| wrong_code(error, tries_left, lang))? {
        Ok(()) => {
            tracing::info!("e-mail address verified");
            Ok(StatusCode::NO_CONTENT)
        }
        Err(VerifyRefused::TakenByAnother) => Err(ApiError::from(Refusal::EmailTaken)),
    }
}

/// A 422 with one field's problem.
fn field_error(field: Field, problem: Problem, lang: shared::Lang) -> ValidateResponse {
    let mut report = Report::default();
    report.add(field, Err::<(), _>(problem), |p| p);
    report.to_response(lang)
}
