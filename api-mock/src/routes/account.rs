//! The signed-in citizen's account: the profile's details (`GET /api/v1/me/profile`), confirming it
//! is still them with a fresh second factor (`/api/v1/session/confirmation…`), and changing the
//! authorisation method (`/api/v1/me/authorisation…`): to push, accepted in mObywatel; to SMS,
//! confirmed with a code. Either way an e-mail says the method changed.

use super::docs::{BodyRejected, CrossSite, NotSignedIn, RateLimited, Unavailable};
use super::registrations::{too_soon, wrong_code};
use super::{factor, RequestLang};
use crate::codes::{self, Purpose};
use crate::db::StoreError;
use crate::error::ApiJson;
use crate::outbox::Message;
use crate::roles::SignedIn;
use crate::sessions::{self, LoginAccount, Session};
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::Json;
use shared::api::{
    Authorisation, Channel, Citizen, ErrorResponse, MethodChangeRequest, ProfileDetails, PushStatus, SecondFactorSent, SessionInfo, SmsCodeRejected,
    SmsCodeRequest, SmsCodeSent,
};
use shared::rules::sms_code;
use shared::Refusal;
use shared::{notices, Lang};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes that send or check codes: rate-limited like signing in.
pub fn limited_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_confirmation))
        .routes(routes!(confirm_with_code))
        .routes(routes!(change_method))
        .routes(routes!(confirm_change_with_code))
        .routes(routes!(resend_change_code))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(profile)).routes(routes!(confirmation_push)).routes(routes!(change_push))
}

/// "Szczegóły profilu": the account's data (PESEL and phone masked), the newest application or
/// the profile (its kind, how and when it was created, until when it is valid), the method.
#[utoipa::path(
    get,
    path = "/api/v1/me/profile",
    operation_id = "getProfile",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The profile's details", body = ProfileDetails),
        NotSignedIn,
        Unavailable,
    )
)]
async fn profile(State(state): State<AppState>, RequestLang(_lang): RequestLang, SignedIn { session, .. }: SignedIn) -> Result<Json<ProfileDetails>, ApiError> {
    state.store.profile(session.account_id)?.map(Json).ok_or(Refusal::SessionNone.into())
}

/// Confirming it is still the citizen: the second factor of their method (an SMS code, or a push
/// in mObywatel), which lets them make a sensitive change within the next 2 minutes.
#[utoipa::path(
    post,
    path = "/api/v1/session/confirmation",
    operation_id = "startConfirmation",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The SMS code or the push is on its way", body = SecondFactorSent),
        NotSignedIn,
        CrossSite,
        (status = 429, description = "5 SMS codes within the hour (`sms_code.too_many`), or too many requests from this address (`request.rate_limited`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn start_confirmation(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
) -> Result<Json<SecondFactorSent>, ApiError> {
    let sent = state.store.transact(|transaction, key| {
        factor::send(&state, transaction, key, Purpose::Confirmation, account.authorisation, &account, &session.token_hash, lang)
    })?;
    sent.map(Json).map_err(too_soon)
}

/// Confirms it is still the citizen with the SMS code.
#[utoipa::path(
    post,
    path = "/api/v1/session/confirmation/sms-code",
    operation_id = "confirmWithSmsCode",
    tag = "account",
    params(RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 200, description = "Confirmed: a sensitive change may follow within 2 minutes", body = SessionInfo),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`) code", body = SmsCodeRejected),
        NotSignedIn,
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_with_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<Json<SessionInfo>, ApiError> {
    check_code(&state, Purpose::Confirmation, &account, &request, lang)?;
    state.store.confirm_session(&session.token_hash, state.clock.now())?;
    Ok(Json(super::session::info(&state, Some(&session))?))
}

/// Where the push that confirms it is still the citizen stands; accepted, a sensitive change may
/// follow within 2 minutes.
#[utoipa::path(
    get,
    path = "/api/v1/session/confirmation/push",
    operation_id = "getConfirmationPush",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The push request's state", body = PushStatus),
        NotSignedIn,
        (status = 409, description = "No confirmation asked for in this session (`confirmation.not_pending`)", body = ErrorResponse),
        Unavailable,
    )
)]
async fn confirmation_push(
    State(state): State<AppState>,
    RequestLang(_lang): RequestLang,
    SignedIn { session, .. }: SignedIn,
) -> Result<Json<PushStatus>, ApiError> {
    push_status(&state, &session, Purpose::Confirmation, Refusal::ConfirmationNotPending)
}

/// Changes the authorisation method: to `push`, a request goes to mObywatel and the change takes
/// effect once it is accepted there; to `sms`, a code goes to the phone. Asks for a second factor
/// given within the last 2 minutes (signing in, or `POST /api/v1/session/confirmation`).
#[utoipa::path(
    post,
    path = "/api/v1/me/authorisation",
    operation_id = "changeAuthorisation",
    tag = "account",
    params(RequestLang),
    request_body(content = MethodChangeRequest, example = json!({"method": "push"})),
    responses(
        (status = 200, description = "The request is in mObywatel, or the code on its way", body = SecondFactorSent),
        (status = 403, description = "No second factor within the last 2 minutes (`authorisation.confirmation_required`), \
            or sent from another site (`request.cross_origin`)", body = ErrorResponse),
        (status = 409, description = "That is the method already (`authorisation.unchanged`)", body = ErrorResponse),
        NotSignedIn,
        (status = 429, description = "5 SMS codes within the hour (`sms_code.too_many`), or too many requests from this address (`request.rate_limited`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        BodyRejected,
        Unavailable,
    )
)]
async fn change_method(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
    ApiJson(request): ApiJson<MethodChangeRequest>,
) -> Result<Json<SecondFactorSent>, ApiError> {
    if !session.recently_confirmed(state.clock.now()) {
        return Err(Refusal::ConfirmationRequired.into());
    }
    if request.method == account.authorisation {
        return Err(ApiError::from(Refusal::MethodUnchanged));
    }
    let sent = state
        .store
        .transact(|transaction, key| factor::send(&state, transaction, key, Purpose::MethodChange, request.method, &account, &session.token_hash, lang))?;
    sent.map(Json).map_err(too_soon)
}

/// Where the change to push stands: accepted in mObywatel, the method is push from then on.
#[utoipa::path(
    get,
    path = "/api/v1/me/authorisation/push",
    operation_id = "getAuthorisationChangePush",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "The push request's state", body = PushStatus),
        NotSignedIn,
        (status = 409, description = "No change to push asked for in this session (`authorisation.not_pending`)", body = ErrorResponse),
        Unavailable,
    )
)]
async fn change_push(State(state): State<AppState>, RequestLang(_lang): RequestLang, SignedIn { session, .. }: SignedIn) -> Result<Json<PushStatus>, ApiError> {
    push_status(&state, &session, Purpose::MethodChange, Refusal::MethodChangeNotPending)
}

/// Confirms the change to SMS codes with the code sent to the phone.
#[utoipa::path(
    post,
    path = "/api/v1/me/authorisation/sms-code",
    operation_id = "confirmAuthorisationChange",
    tag = "account",
    params(RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 200, description = "Changed: the citizen confirms with SMS codes from now on", body = Citizen),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`) code", body = SmsCodeRejected),
        NotSignedIn,
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_change_with_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<Json<Citizen>, ApiError> {
    check_code(&state, Purpose::MethodChange, &account, &request, lang)?;
    change(&state, &account, Authorisation::Sms, lang)?;
    state.store.citizen(session.account_id)?.map(Json).ok_or(Refusal::SessionNone.into())
}

/// A new SMS code for the change to SMS.
#[utoipa::path(
    post,
    path = "/api/v1/me/authorisation/sms-code/resend",
    operation_id = "resendAuthorisationChangeCode",
    tag = "account",
    params(RequestLang),
    responses(
        (status = 200, description = "A new code is in the outbox", body = SmsCodeSent),
        NotSignedIn,
        CrossSite,
        (status = 429, description = "Within 60 s of the last code (`sms_code.resend_too_soon`), 5 codes within the hour (`sms_code.too_many`), \
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn resend_change_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
) -> Result<Json<SmsCodeSent>, ApiError> {
    Ok(Json(factor::resend(&state, Purpose::MethodChange, &account, lang)?))
}

/// The method becomes `method`, and an e-mail tells the citizen (so a stranger's change would not
/// go unnoticed). Also called when mObywatel accepts a change to push.
pub(super) fn change(state: &AppState, account: &LoginAccount, method: Authorisation, lang: Lang) -> Result<(), ApiError> {
    let notice = notices::authorisation_changed(method, lang);
    let email = Message { channel: Channel::Email, to: account.email.clone(), subject: Some(notice.subject), text: notice.text };
    state.store.set_authorisation(account.id, method, &email, state.clock.now())?;
    tracing::info!(method = method.code(), "authorisation method changed");
    Ok(())
}

/// Checks the SMS code of `purpose` for the account: spent when right, a try lost when wrong.
pub(super) fn check_code(state: &AppState, purpose: Purpose, account: &LoginAccount, request: &SmsCodeRequest, lang: Lang) -> Result<(), ApiError> {
    let typed = sms_code::parse(&request.code).map_err(|e| wrong_code(e, sms_code::TRIES, lang))?;
    let now = state.clock.now();
    let judged =
        state.store.transact(|transaction, key| codes::check(transaction, key, purpose, &account.id.to_string(), &typed, now).map_err(StoreError::from))?;
    judged.map_err(|(error, tries_left)| wrong_code(error, tries_left, lang))
}

/// The newest push of `purpose` the session asked for, as its page sees it; else `refusal` (409).
fn push_status(state: &AppState, session: &Session, purpose: Purpose, refusal: Refusal) -> Result<Json<PushStatus>, ApiError> {
    let now = state.clock.now();
    let request = state.store.transact(|transaction, key| sessions::SignIn { transaction, key }.push_of(&session.token_hash, purpose, now))?;
    let request = request.ok_or(refusal)?;
    Ok(Json(factor::status(&request, now)))
}
