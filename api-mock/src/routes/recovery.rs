//! Recovering a forgotten username or password. "Nie pamiętam nazwy użytkownika": the e-mail
//! address gets the username. "Nie pamiętam hasła": the username and PESEL get a link by e-mail
//! (single use, 30 minutes), then a new password, then an SMS code, then every session of the
//! account ends. The answers and their timing never tell whether an account exists.

use super::docs::{BodyRejected, CrossSite, RateLimited, Unavailable};
use super::registrations::too_soon;
use super::{factor, RequestLang};
use crate::accounts::{self, Reset};
use crate::codes::Purpose;
use crate::db::StoreError;
use crate::error::ApiJson;
use crate::outbox::Message;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use shared::api::{
    Channel, ErrorResponse, NewPasswordRequest, PasswordResetRequest, ResetLink, SecondFactorSent, SmsCodeRejected, SmsCodeRequest, SmsCodeSent,
    UsernameReminderRequest, ValidateRequest, ValidateResponse, NEW_PASSWORD_PATH,
};
use shared::rules::{email, username};
use shared::Refusal;
use shared::{notices, validate, Lang};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every recovery route is rate-limited.
pub fn limited_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(remind_username))
        .routes(routes!(start_reset))
        .routes(routes!(reset_link, choose_password))
        .routes(routes!(confirm_reset))
        .routes(routes!(resend_reset_code))
}

/// "Nie pamiętam nazwy użytkownika": the username goes by e-mail to this address, if an account
/// has it. The answer is the same either way.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/username",
    operation_id = "remindUsername",
    tag = "recovery",
    params(RequestLang),
    request_body(content = UsernameReminderRequest, example = json!({"email": "dariusz_kaminski@example.pl"})),
    responses(
        (status = 202, description = "If an account has this address, its username is on its way"),
        (status = 422, description = "Not an e-mail address (the field's errors, like `/api/v1/validate`)", body = ValidateResponse),
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn remind_username(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    ApiJson(request): ApiJson<UsernameReminderRequest>,
) -> Result<StatusCode, ApiError> {
    let report = validate(&ValidateRequest { email: Some(request.email.clone()), ..Default::default() }, state.clock.today());
    if !report.is_valid() {
        return Err(ApiError::Invalid(report.to_response(lang)));
    }
    let address = email::normalise(&request.email);
    let usernames = state.store.usernames_with_email(&address)?;
    if !usernames.is_empty() {
        let notice = notices::username_reminder(&usernames, lang);
        let message = Message { channel: Channel::Email, to: address, subject: Some(notice.subject), text: notice.text };
        state.store.transact(|transaction, _| crate::outbox::post(transaction, &message, state.clock.now()).map_err(StoreError::from))?;
        tracing::info!("username reminder sent");
    }
    Ok(StatusCode::ACCEPTED)
}

/// "Nie pamiętam hasła": a link to set a new password goes by e-mail, if the username (any letter
/// case) and the PESEL belong to one account. The answer is the same either way.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/password",
    operation_id = "startPasswordReset",
    tag = "recovery",
    params(RequestLang),
    request_body(content = PasswordResetRequest, example = json!({"username": "dariusz_kaminski", "pesel": "69013040496"})),
    responses(
        (status = 202, description = "If the pair is known, the link is on its way"),
        (status = 422, description = "A field that breaks its rule (like `/api/v1/validate`)", body = ValidateResponse),
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn start_reset(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<StatusCode, ApiError> {
    let fields = ValidateRequest { username: Some(request.username.clone()), pesel: Some(request.pesel.clone()), ..Default::default() };
    let report = validate(&fields, state.clock.today());
    let Some(pesel) = report.pesel.filter(|_| report.is_valid()) else {
        return Err(ApiError::Invalid(report.to_response(lang)));
    };
    if let Some((account_id, address)) = state.store.account_with_pesel(&username::uniqueness_key(&request.username), &pesel.to_string())? {
        let (token, _) = crate::sessions::new_token();
        let link = format!("{}{NEW_PASSWORD_PATH}#{token}", state.public_url);
        let notice = notices::password_reset_link(&link, lang);
        let message = Message { channel: Channel::Email, to: address, subject: Some(notice.subject), text: notice.text };
        state.store.start_reset(account_id, &token, state.clock.now(), &message)?;
        tracing::info!("password reset link sent");
    }
    Ok(StatusCode::ACCEPTED)
}

/// Whether the link from the e-mail still works.
#[utoipa::path(
    get,
    path = "/api/v1/recovery/password/{token}",
    operation_id = "getPasswordResetLink",
    tag = "recovery",
    params(("token" = String, Path, description = "The token after `#` in the e-mail's link"), RequestLang),
    responses(
        (status = 200, description = "The link works", body = ResetLink),
        (status = 404, description = "No such link (`reset.not_found`)", body = ErrorResponse),
        (status = 410, description = "The link was used (`reset.used`) or is older than 30 minutes (`reset.expired`)", body = ErrorResponse),
        RateLimited,
        Unavailable,
    )
)]
async fn reset_link(State(state): State<AppState>, RequestLang(lang): RequestLang, Path(token): Path<String>) -> Result<Json<ResetLink>, ApiError> {
    let reset = usable(&state, &token, lang)?;
    Ok(Json(ResetLink { expires_in: reset.expires_at - state.clock.now() }))
}

/// The new password, twice, with the rules of registration; then an SMS code goes to the phone.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/password/{token}",
    operation_id = "choosePassword",
    tag = "recovery",
    params(("token" = String, Path, description = "The token after `#` in the e-mail's link"), RequestLang),
    request_body(content = NewPasswordRequest, example = json!({"password": "Nowe#Haslo12", "password_repeat": "Nowe#Haslo12"})),
    responses(
        (status = 200, description = "The SMS code is on its way", body = SecondFactorSent),
        (status = 422, description = "The password breaks a rule, or the repeat differs (like `/api/v1/validate`)", body = ValidateResponse),
        (status = 404, description = "No such link (`reset.not_found`)", body = ErrorResponse),
        (status = 410, description = "The link was used (`reset.used`) or is older than 30 minutes (`reset.expired`)", body = ErrorResponse),
        CrossSite,
        (status = 429, description = "5 SMS codes within the hour (`sms_code.too_many`), or too many requests from this address (`request.rate_limited`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        BodyRejected,
        Unavailable,
    )
)]
async fn choose_password(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<NewPasswordRequest>,
) -> Result<Json<SecondFactorSent>, ApiError> {
    let reset = usable(&state, &token, lang)?;
    let fields = ValidateRequest { password: Some(request.password.clone()), password_repeat: Some(request.password_repeat), ..Default::default() };
    let report = validate(&fields, state.clock.today());
    if !report.is_valid() {
        return Err(ApiError::Invalid(report.to_response(lang)));
    }
    let hash = state.passwords.hash(request.password).await;
    state.store.choose_password(&reset, &hash)?;
    let account = state.store.account(reset.account_id)?.ok_or(Refusal::ResetNotFound)?;
    let sent = state.store.transact(|transaction, key| {
        factor::send(&state, transaction, key, Purpose::PasswordReset, shared::api::Authorisation::Sms, &account, &reset.token_hash, lang)
    })?;
    sent.map(Json).map_err(too_soon)
}

/// The SMS code: the new password takes effect ("Ustaw nowe hasło"), every session of the
/// account ends, and an e-mail says the password changed.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/password/{token}/sms-code",
    operation_id = "confirmPasswordReset",
    tag = "recovery",
    params(("token" = String, Path, description = "The token after `#` in the e-mail's link"), RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 204, description = "The new password is set; every session of the account has ended"),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`) code", body = SmsCodeRejected),
        (status = 404, description = "No such link (`reset.not_found`)", body = ErrorResponse),
        (status = 409, description = "No new password chosen yet (`reset.no_password`)", body = ErrorResponse),
        (status = 410, description = "The link was used (`reset.used`) or is older than 30 minutes (`reset.expired`)", body = ErrorResponse),
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_reset(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<StatusCode, ApiError> {
    let reset = usable(&state, &token, lang)?;
    let new_hash = reset.new_password_hash.clone().ok_or(ApiError::from(Refusal::ResetNoPassword))?;
    let account = state.store.account(reset.account_id)?.ok_or(Refusal::ResetNotFound)?;
    super::account::check_code(&state, Purpose::PasswordReset, &account, &request, lang)?;
    let notice = notices::password_changed(lang);
    let email = Message { channel: Channel::Email, to: account.email.clone(), subject: Some(notice.subject), text: notice.text };
    let now = state.clock.now();
    state.store.transact(|transaction, _| accounts::complete_reset(transaction, &reset, &new_hash, now, &email))?;
    tracing::info!("password reset, every session ended");
    Ok(StatusCode::NO_CONTENT)
}

/// A new SMS code for the new password.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/password/{token}/sms-code/resend",
    operation_id = "resendPasswordResetCode",
    tag = "recovery",
    params(("token" = String, Path, description = "The token after `#` in the e-mail's link"), RequestLang),
    responses(
        (status = 200, description = "A new code is in the outbox", body = SmsCodeSent),
        (status = 404, description = "No such link (`reset.not_found`)", body = ErrorResponse),
        (status = 410, description = "The link was used (`reset.used`) or is older than 30 minutes (`reset.expired`)", body = ErrorResponse),
        CrossSite,
        (status = 429, description = "Within 60 s of the last code (`sms_code.resend_too_soon`), 5 codes within the hour (`sms_code.too_many`), \\
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn resend_reset_code(State(state): State<AppState>, RequestLang(lang): RequestLang, Path(token): Path<String>) -> Result<Json<SmsCodeSent>, ApiError> {
    let reset = usable(&state, &token, lang)?;
    let account = state.store.account(reset.account_id)?.ok_or(Refusal::ResetNotFound)?;
    Ok(Json(factor::resend(&state, Purpose::PasswordReset, &account, lang)?))
}

/// The reset of a link that still works: unused and within its 30 minutes; else 404 or 410.
fn usable(state: &AppState, token: &str, _lang: Lang) -> Result<Reset, ApiError> {
    let reset = state.store.password_reset(token)?.ok_or(Refusal::ResetNotFound)?;
    if reset.used {
        return Err(ApiError::from(Refusal::ResetUsed));
    }
    if reset.expires_at <= state.clock.now() {
        return Err(ApiError::from(Refusal::ResetExpired));
    }
    Ok(reset)
}
