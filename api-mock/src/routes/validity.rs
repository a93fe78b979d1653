//! The profile's validity. "Przedłuż ważność lub zmień dane" (`/api/v1/me/profile/extension…`): the
//! contact details confirmed or changed (a change asks for a fresh second factor first), a code
//! by SMS to the phone and a code by e-mail to the address, both typed on one page, then 3 more
//! years from today and an e-mail. And a new profile after expiry, or instead of a temporary one
//! (`POST /api/v1/me/profiles`), through a bank or another provider or with the e-ID card, which
//! the provider confirms (in the mock, its simulator: `provider.rs`).

use super::docs::{BodyRejected, CrossSite, NotSignedIn, RateLimited, Unavailable};
use super::registrations::{field_errors, new_code, too_soon};
use super::RequestLang;
use crate::codes::{self, CodeKey, NotYet, Purpose, SentCode};
use crate::db::StoreError;
use crate::error::ApiJson;
use crate::outbox::{self, Message};
use crate::profiles::{self, CurrentProfile, PendingExtension};
use crate::roles::SignedIn;
use crate::sessions::LoginAccount;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;
use rusqlite::Transaction;
use shared::api::{
    Channel, ErrorResponse, ExtensionCodesRejected, ExtensionCodesRequest, ExtensionCodesSent, ExtensionDone, ExtensionRequest, ExtensionStart, Field,
    NewProfileRequest, NewProfileStarted, SmsCodeSent, ValidateResponse,
};
use shared::date::Date;
use shared::rules::confirmation::ProfileKind;
use shared::rules::{email, email_code, sms_code};
use shared::validate::validate_contact;
use shared::validity::{self, NotExtendable, Validity};
use shared::Refusal;
use shared::{notices, Lang, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Where the provider's simulator for an application lives (`provider.rs`).
pub const PROVIDER_PATH: &str = "/symulator/dostawca";

/// The routes that send or check codes: rate-limited like signing in.
pub fn limited_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(start_extension)).routes(routes!(confirm_extension)).routes(routes!(resend_extension_codes))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(extension_start)).routes(routes!(new_profile))
}

/// What "Przedłuż ważność lub zmień dane" starts from: the contact details on file, in full, and
/// the profile's last day now and once extended today.
#[utoipa::path(
    get,
    path = "/api/v1/me/profile/extension",
    operation_id = "getExtension",
    tag = "validity",
    params(RequestLang),
    responses(
        (status = 200, description = "The profile can be extended", body = ExtensionStart),
        NotSignedIn,
        (status = 409, description = "No profile to extend: a temporary one (`extension.temporary`), an expired one (`extension.expired`), \
            or none yet (`extension.no_profile`)", body = ErrorResponse),
        Unavailable,
    )
)]
async fn extension_start(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
) -> Result<Json<ExtensionStart>, ApiError> {
    let (profile, extended_until) = extendable(&state, &account, lang)?;
    let phone = account.phone.national_spaced();
    Ok(Json(ExtensionStart { email: account.email, phone, valid_until: profile.valid_until, extended_until }))
}

/// Starts the extension with the contact details as they are or changed (the registration's
/// rules): a code goes by SMS to the phone and another by e-mail to the address. Changing either
/// asks for a second factor given within the last 2 minutes.
#[utoipa::path(
    post,
    path = "/api/v1/me/profile/extension",
    operation_id = "startExtension",
    tag = "validity",
    params(RequestLang),
    request_body(content = ExtensionRequest, example = json!({"email": "dariusz_kaminski@example.pl", "phone": "600 100 004"})),
    responses(
        (status = 200, description = "The codes are on their way", body = ExtensionCodesSent),
        (status = 422, description = "A contact detail breaks its rule (`email.format`, `phone.not_mobile`, …)", body = ValidateResponse),
        (status = 403, description = "A contact detail changed without a second factor within the last 2 minutes (`authorisation.confirmation_required`), \
            or sent from another site (`request.cross_origin`)", body = ErrorResponse),
        (status = 409, description = "No profile to extend (`extension.temporary`, `extension.expired`, `extension.no_profile`)", body = ErrorResponse),
        NotSignedIn,
        (status = 429, description = "Within 60 s of the last codes (`sms_code.resend_too_soon`), 5 within the hour (`sms_code.too_many`), \
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        BodyRejected,
        Unavailable,
    )
)]
async fn start_extension(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { session, account }: SignedIn,
    ApiJson(request): ApiJson<ExtensionRequest>,
) -> Result<Json<ExtensionCodesSent>, ApiError> {
    let contact = validate_contact(&request.email, &request.phone).map_err(|report| ApiError::Invalid(report.to_response(lang)))?;
    extendable(&state, &account, lang)?;
    let now = state.clock.now();
    let pending = PendingExtension { email: contact.email, phone: contact.phone };
    if (pending.email != account.email || pending.phone != account.phone) && !session.recently_confirmed(now) {
        return Err(Refusal::ConfirmationRequired.into());
    }
    let subject = account.id.to_string();
    let unchanged = state.store.pending_extension(account.id)?.as_ref() == Some(&pending);
    let sent = state.store.transact(|transaction, key| -> Result<Result<ExtensionCodesSent, NotYet>, StoreError> {
        if let Some((sent_at, expires_at)) = codes::in_force(transaction, Purpose::ExtensionSms, &subject, now)?.filter(|_| unchanged) {
            return Ok(Ok(codes_sent(&pending, expires_at - now, sent_at + sms_code::RESEND_COOLDOWN_SECONDS - now)));
        }
        if let Err(not_yet) = codes::may_send(transaction, Purpose::ExtensionSms, &subject, now)? {
            return Ok(Err(not_yet));
        }
        profiles::start_extension(transaction, account.id, &pending, now)?;
        send_codes(&state, transaction, key, account.id, &pending, lang)?;
        Ok(Ok(codes_sent(&pending, sms_code::VALID_SECONDS, sms_code::RESEND_COOLDOWN_SECONDS)))
    })?;
    let sent = sent.map_err(too_soon)?;
    tracing::info!("extension started, codes sent");
    Ok(Json(sent))
}

/// Confirms the extension with both codes: the profile is valid 3 years from today, the account
/// takes the contact details, and an e-mail says so (and one to the old address, when it changed).
/// A wrong code costs its own try; a right one stays good while the other is typed again.
#[utoipa::path(
    post,
    path = "/api/v1/me/profile/extension/codes",
    operation_id = "confirmExtension",
    tag = "validity",
    params(RequestLang),
    request_body(content = ExtensionCodesRequest, example = json!({"code": "123456", "email_code": "654321"})),
    responses(
        (status = 200, description = "Extended", body = ExtensionDone),
        (status = 422, description = "A code wrong (`sms_code.wrong`, `email_code.wrong`), expired (`….expired`), spent (`….no_tries_left`) \
            or not 6 digits (`….format`, `….required`), each at its field with its tries left", body = ExtensionCodesRejected),
        (status = 409, description = "No extension started (`extension.not_pending`), or the profile can no longer be extended \
            (`extension.temporary`, `extension.expired`, `extension.no_profile`)", body = ErrorResponse),
        NotSignedIn,
        CrossSite,
        RateLimited,
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_extension(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
    ApiJson(request): ApiJson<ExtensionCodesRequest>,
) -> Result<Json<ExtensionDone>, ApiError> {
    let (sms, mail) = (sms_code::parse(&request.code), email_code::parse(&request.email_code));
    let (Ok(sms), Ok(mail)) = (&sms, &mail) else {
        let problems = [sms.err().map(|e| (Field::SmsCode, Problem::SmsCode(e))), mail.err().map(|e| (Field::EmailCode, Problem::EmailCode(e)))];
        return Err(wrong_codes(problems.into_iter().flatten().map(|(field, problem)| (field, problem, None)), lang));
    };
    let (profile, valid_until) = extendable(&state, &account, lang)?;
    let pending = state.store.pending_extension(account.id)?.ok_or(Refusal::ExtensionNotPending)?;
    let (today, now, subject) = (state.clock.today(), state.clock.now(), account.id.to_string());
    let emails = extension_emails(&account, &pending, valid_until, lang);
    // Wrong codes are an answer whose spent tries are committed; a change of the profile or of
    // the extension meanwhile rolls everything back, the codes unspent.
    state.store.transact(|transaction, key| -> Result<Result<(), ApiError>, ApiError> {
        let typed = [(Purpose::ExtensionSms, subject.as_str(), sms.as_str()), (Purpose::ExtensionEmail, subject.as_str(), mail.as_str())];
        let judged = codes::check_together(transaction, key, &typed, now)?;
        let problems: Vec<_> = [
            judged[0].err().map(|(e, left)| (Field::SmsCode, Problem::SmsCode(e), Some(left))),
            judged[1].err().map(|(e, left)| (Field::EmailCode, Problem::EmailCode(e.into()), Some(left))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !problems.is_empty() {
            return Ok(Err(wrong_codes(problems.into_iter(), lang)));
        }
        match profiles::complete_extension(transaction, account.id, &profile, today, valid_until, now, &emails)? {
            true => Ok(Ok(())),
            false => Err(Refusal::ExtensionNotPending.into()),
        }
    })??;
    tracing::info!("profile extended");
    Ok(Json(ExtensionDone { valid_until }))
}

/// Sends new codes by SMS and by e-mail for the extension started (the old ones stop working): at
/// most once a minute, five times an hour.
#[utoipa::path(
    post,
    path = "/api/v1/me/profile/extension/resend",
    operation_id = "resendExtensionCodes",
    tag = "validity",
    params(RequestLang),
    responses(
        (status = 200, description = "New codes are in the outbox", body = SmsCodeSent),
        (status = 409, description = "No extension started (`extension.not_pending`)", body = ErrorResponse),
        NotSignedIn,
        CrossSite,
        (status = 429, description = "Within 60 s of the last codes (`sms_code.resend_too_soon`), 5 within the hour (`sms_code.too_many`), \
            or too many requests from this address (`request.rate_limited`)", body = ErrorResponse,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        Unavailable,
    )
)]
async fn resend_extension_codes(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
) -> Result<Json<SmsCodeSent>, ApiError> {
    let pending = state.store.pending_extension(account.id)?.ok_or(Refusal::ExtensionNotPending)?;
    let (now, subject) = (state.clock.now(), account.id.to_string());
    state.store.transact(|transaction, key| -> Result<(), ApiError> {
        codes::may_send(transaction, Purpose::ExtensionSms, &subject, now)?.map_err(too_soon)?;
        send_codes(&state, transaction, key, account.id, &pending, lang)?;
        Ok(())
    })?;
    Ok(Json(SmsCodeSent { resend_available_in: sms_code::RESEND_COOLDOWN_SECONDS }))
}

/// A new profile after the old one expired, or instead of a temporary one: through a bank or
/// another provider, or with the e-ID card. The browser then goes to `provider_url`, where the
/// provider confirms the identity and sends the citizen back with an active 3-year profile.
#[utoipa::path(
    post,
    path = "/api/v1/me/profiles",
    operation_id = "createNewProfile",
    tag = "validity",
    params(RequestLang),
    request_body(content = NewProfileRequest, examples(
        ("bank" = (value = json!({"method": "bank", "provider": "pko"}))),
        ("e_id" = (value = json!({"method": "e_id"}))),
    )),
    responses(
        (status = 201, description = "The application waits for the provider", body = NewProfileStarted),
        (status = 422, description = "A provider not offered (`confirmation.unknown_provider`)", body = ValidateResponse),
        (status = 409, description = "The ordinary profile is still valid: extend it instead (`profile.still_valid`)", body = ErrorResponse),
        NotSignedIn,
        CrossSite,
        BodyRejected,
        Unavailable,
    )
)]
async fn new_profile(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    SignedIn { account, .. }: SignedIn,
    ApiJson(request): ApiJson<NewProfileRequest>,
) -> Result<(StatusCode, Json<NewProfileStarted>), ApiError> {
    let confirmation = request.confirmation().map_err(|e| ApiError::Invalid(field_errors(Field::Confirmation, Problem::Confirmation(e), lang)))?;
    let today = state.clock.today();
    if let Some(profile) = state.store.current_profile(account.id)? {
        if profile.kind == ProfileKind::Ordinary && matches!(Validity::on(profile.valid_until, today), Validity::Valid { .. }) {
            return Err(ApiError::from(Refusal::ProfileStillValid));
        }
    }
    let id = format!("{:032x}", rand::rng().random::<u128>());
    let application_number = state.store.start_new_profile(account.id, &id, &confirmation, lang, today.year, state.clock.now())?;
    tracing::info!("new profile applied for, waiting for the provider");
    Ok((StatusCode::CREATED, Json(NewProfileStarted { application_number, provider_url: format!("{PROVIDER_PATH}/{id}") })))
}

/// The account's current profile and its last day once extended today; else why not (409).
fn extendable(state: &AppState, account: &LoginAccount, _lang: Lang) -> Result<(CurrentProfile, Date), ApiError> {
    let profile = state.store.current_profile(account.id)?.ok_or(ApiError::from(Refusal::ExtensionNoProfile))?;
    match validity::extension(profile.kind, profile.valid_until, state.clock.today()) {
        Ok(until) => Ok((profile, until)),
        Err(NotExtendable::Temporary) => Err(ApiError::from(Refusal::ExtensionTemporary)),
        Err(NotExtendable::Expired) => Err(ApiError::from(Refusal::ExtensionExpired)),
    }
}

/// Within a transaction: a new code by SMS to the extension's phone and another by e-mail to its
/// address (the old ones stop working).
fn send_codes(state: &AppState, transaction: &Transaction, key: &CodeKey, account_id: i64, pending: &PendingExtension, lang: Lang) -> Result<(), StoreError> {
    let subject = account_id.to_string();
    let (sms_code, sms) = new_code(state, &pending.phone, Purpose::ExtensionSms, lang);
    codes::put(transaction, key, Purpose::ExtensionSms, &subject, &sms_code)?;
    outbox::post(transaction, &sms, sms_code.sent_at)?;
    let email_code = SentCode::new(sms_code.sent_at);
    codes::put(transaction, key, Purpose::ExtensionEmail, &subject, &email_code)?;
    let notice = notices::extension_code_email(&email_code.code, lang);
    outbox::post(
        transaction,
        &Message { channel: Channel::Email, to: pending.email.clone(), subject: Some(notice.subject), text: notice.text },
        email_code.sent_at,
    )?;
    Ok(())
}

/// The answer that the codes went to the extension's phone and address.
fn codes_sent(pending: &PendingExtension, expires_in: i64, resend_available_in: i64) -> ExtensionCodesSent {
    ExtensionCodesSent { phone: pending.phone.masked(), email: email::masked(&pending.email), expires_in, resend_available_in: resend_available_in.max(0) }
}

/// The e-mails of a finished extension: the new date to the (new) address and, when the contact
/// details changed, a warning to the old one.
fn extension_emails(account: &LoginAccount, pending: &PendingExtension, valid_until: Date, lang: Lang) -> Vec<Message> {
    let email = |to: &str, notice: notices::Email| Message { channel: Channel::Email, to: to.to_owned(), subject: Some(notice.subject), text: notice.text };
    let mut emails = vec![email(&pending.email, notices::profile_extended(valid_until, lang))];
    if pending.email != account.email || pending.phone != account.phone {
        emails.push(email(&account.email, notices::contact_changed(lang)));
    }
    emails
}

/// `422` with each wrong code at its field and, once checked, its tries left.
fn wrong_codes(problems: impl Iterator<Item = (Field, Problem, Option<u8>)>, lang: Lang) -> ApiError {
    let mut rejected = ExtensionCodesRejected { errors: Default::default(), tries_left: Default::default() };
    for (field, problem, tries_left) in problems {
        rejected.errors.insert(field, vec![problem.to_field_error(lang)]);
        if let Some(left) = tries_left {
            rejected.tries_left.insert(field, left);
        }
    }
    ApiError::WrongCodes(rejected)
}
