//! Registration: create the account and application, then confirm it with the SMS code.
//! `POST /api/v1/registrations`, `GET /api/v1/registrations/{id}`,
//! `POST /api/v1/registrations/{id}/sms-code`, `POST /api/v1/registrations/{id}/sms-code/resend`.

use super::docs::{BodyRejected, Unavailable};
use super::RequestLang;
use crate::codes::{self, NotYet, Purpose, SentCode};
use crate::db::{Store, StoreError};
use crate::error::ApiJson;
use crate::outbox::{self, Message};
use crate::registrations::{NewRegistration, Registration};
use crate::{ApiError, AppState};
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;
use sha2::{Digest, Sha256};
use shared::api::ErrorResponse;
use shared::api::{
    Channel, Field, RegistrationCreated, RegistrationRequest, RegistrationState, RegistrationStatus, SmsCodeAccepted, SmsCodeRejected, SmsCodeRequest,
    SmsCodeSent, ValidateRequest, ValidateResponse,
};
use shared::rules::pesel::PeselError;
use shared::rules::phone::PhoneNumber;
use shared::rules::sms_code::{self, SmsCodeError};
use shared::rules::username::{self, UsernameError};
use shared::rules::{email, name};
use shared::validate::validate_registration;
use shared::Refusal;
use shared::{notices, Lang, Problem};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::ObjectBuilder;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// How long an `Idempotency-Key` names its registration.
const IDEMPOTENCY_SECONDS: i64 = 24 * 3_600;

/// The start of a registration, which sends an SMS: limited per client address (see `routes`).
pub fn start_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(status)).routes(routes!(confirm_code)).routes(routes!(resend_code))
}

/// Creates the account and its registration, and sends the SMS code (6 digits, valid 5 minutes) to the phone.
/// Every field is required but `second_name` and `id_card` (a missing one is a malformed body); each must follow
/// its rule and `consent` must be true (else 422). Sent again with the same `Idempotency-Key`, it answers the
/// registration that key created, and creates and sends nothing.
#[utoipa::path(
    post,
    path = "/api/v1/registrations",
    operation_id = "createRegistration",
    tag = "registration",
    params(RequestLang, IdempotencyKey),
    request_body(content = RegistrationRequest, example = json!({
        "username": "jan_kowalski", "password": "Tajne#Haslo1", "password_repeat": "Tajne#Haslo1",
        "first_name": "Jan", "surname": "Kowalski", "pesel": "44051401359",
        "email": "jan@example.pl", "email_repeat": "jan@example.pl", "phone": "600 123 456", "phone_repeat": "600123456",
        "confirmation": {"method": "video", "app": "teams", "windows": [{"date": "2026-12-01", "from_hour": 10}]}, "consent": true})),
    responses(
        (status = 201, description = "Created; the SMS code is in the outbox", body = RegistrationCreated,
            links(
                ("getRegistration" = (operation_id = "getRegistration", parameters(("id" = "$response.body#/id")), description = "Where it stands")),
                ("confirmSmsCode" = (operation_id = "confirmSmsCode", parameters(("id" = "$response.body#/id")), description = "Confirm it with the SMS code")),
                ("resendSmsCode" = (operation_id = "resendSmsCode", parameters(("id" = "$response.body#/id")), description = "Send a new SMS code"))
            ),
            example = json!({"id": "5f0c6d1e9a8b7c6d5e4f3a2b1c0d9e8f"})),
        (status = 422, description = "Field errors, in the shape of /api/v1/validate", body = ValidateResponse,
            example = json!({"errors": {"pesel": [{"code": "pesel.checksum", "message": "Numer PESEL jest niepoprawny. Sprawdź, czy nie ma w nim literówki"}]}})),
        (status = 400, description = "An `Idempotency-Key` that is not 1 to 64 letters, digits, `-`, `_` or `.` (`request.invalid_idempotency_key`), \
            or one used within 24 hours with another body (`request.idempotency_key_reused`)", body = ErrorResponse),
        (status = 429, description = "Too many registrations from this address (`request.rate_limited`), or 5 registration codes to this phone \
            number within the hour (`sms_code.too_many`)", body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 409, description = "The username is taken (`username.taken`, any letter case) or the PESEL has a valid profile (`pesel.has_active_profile`)",
            body = ValidateResponse, example = json!({"errors": {"username": [{"code": "username.taken", "message": "Ta nazwa użytkownika jest już zajęta. Wybierz inną"}]}})),
        BodyRejected,
        Unavailable,
    )
)]
async fn create(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    IdempotencyKey(idempotency_key): IdempotencyKey,
    ApiJson(request): ApiJson<RegistrationRequest>,
) -> Result<(StatusCode, Json<RegistrationCreated>), ApiError> {
    let body_hash = format!("{:x}", Sha256::digest(serde_json::to_vec(&request).expect("a request serialises")));
    let request = ValidateRequest::from(request);
    let report = validate_registration(&request, state.clock.today());
    let (Some(pesel), Some(confirmation), true) = (report.pesel, request.confirmation.as_ref(), report.is_valid()) else {
        return Err(ApiError::Invalid(report.to_response(lang)));
    };
    // A key names one registration for 24 hours, and only with the body it came with.
    let created_before = || -> Result<Option<(StatusCode, Json<RegistrationCreated>)>, ApiError> {
        let Some(key) = idempotency_key.as_deref() else { return Ok(None) };
        match state.store.registration_with_key(key, state.clock.now() - IDEMPOTENCY_SECONDS)? {
            Some((id, body)) if body.as_deref() == Some(body_hash.as_str()) => Ok(Some((StatusCode::CREATED, Json(RegistrationCreated { id })))),
            Some(_) => Err(Refusal::IdempotencyKeyReused.into()),
            None => Ok(None),
        }
    };
    if let Some(answer) = created_before()? {
        return Ok(answer);
    }
    let text = |field: Field| request.get(field).unwrap_or_default();
    let key = username::uniqueness_key(text(Field::Username));
    if state.store.username_taken(&key)? {
        return Err(username_taken(lang));
    }
    if state.store.pesel_has_active_profile(&pesel.to_string(), &state.clock.today().to_string())? {
        return Err(ApiError::Conflict(field_errors(Field::Pesel, Problem::Pesel(PeselError::HasActiveProfile), lang)));
    }
    let password = text(Field::Password).to_owned();
    let password_hash = state.passwords.hash(password).await;
    let phone = PhoneNumber::parse(text(Field::Phone)).map_err(|_| ApiError::Storage(StoreError::Inconsistent("a validated phone failed to parse")))?;
    let id = format!("{:032x}", rand::rng().random::<u128>());
    let second_name = name::validate(text(Field::SecondName)).ok();
    let (first_name, surname) = (name::normalise(text(Field::FirstName)), name::normalise(text(Field::Surname)));
    let new = NewRegistration {
        id: &id,
        username: text(Field::Username),
        username_key: &key,
        password_hash: &password_hash,
        first_name: &first_name,
        second_name: second_name.as_deref(),
        surname: &surname,
        pesel: &pesel.to_string(),
        email: &email::normalise(text(Field::Email)),
        phone: &phone.e164(),
        confirmation,
        lang,
        idempotency: idempotency_key.as_deref().map(|key| (key, body_hash.as_str())),
    };
    let (code, sms) = new_code(&state, &phone, Purpose::Registration, lang);
    match state.store.create_registration(&new, &code, &sms) {
        // The same key at the same moment: the other request created it.
        Err(StoreError::UsernameTaken) => return created_before()?.ok_or_else(|| username_taken(lang)),
        Err(StoreError::IdempotencyKeyTaken) => return created_before()?.ok_or(ApiError::Storage(StoreError::IdempotencyKeyTaken)),
        Err(StoreError::PhoneBusy { retry_after }) => return Err(too_soon(NotYet::TooMany { retry_after })),
        other => other?,
    }
    tracing::info!("registration created, SMS code sent");
    Ok((StatusCode::CREATED, Json(RegistrationCreated { id })))
}

/// Where a registration stands.
#[utoipa::path(
    get,
    path = "/api/v1/registrations/{id}",
    operation_id = "getRegistration",
    tag = "registration",
    params(("id" = String, Path, description = "The id `POST /api/v1/registrations` answered")),
    responses(
        (status = 200, description = "Where it stands", body = RegistrationStatus, example = json!({"id": "5f0c6d1e9a8b7c6d5e4f3a2b1c0d9e8f", "state": "confirmed", "profile_kind": "ordinary",
            "application_number": "PZ-2026-000001", "phone": "+48 *** *** 456", "profile_valid_until": "2029-11-25"})),
        (status = 404, description = "No such registration (`registration.not_found`)", body = ErrorResponse),
        Unavailable,
    )
)]
pub(super) async fn status(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<RegistrationStatus>, ApiError> {
    let registration = find(&state, &id)?;
    let phone = registration.phone.masked();
    Ok(Json(RegistrationStatus {
        id: registration.id.clone(),
        state: registration.state,
        profile_kind: registration.profile_kind(),
        application_number: registration.application_number,
        phone,
        profile_valid_until: registration.profile_valid_until,
    }))
}

/// Confirms the registration with the SMS code: the application is sent, gets its number, and two e-mails go out.
#[utoipa::path(
    post,
    path = "/api/v1/registrations/{id}/sms-code",
    operation_id = "confirmSmsCode",
    tag = "registration",
    params(("id" = String, Path, description = "The registration's id"), RequestLang),
    request_body(content = SmsCodeRequest, example = json!({"code": "123456"})),
    responses(
        (status = 200, description = "The application is sent", body = SmsCodeAccepted, example = json!({"application_number": "PZ-2026-000001"})),
        (status = 422, description = "A wrong (`sms_code.wrong`), expired (`sms_code.expired`) or spent (`sms_code.no_tries_left`, after 3 wrong tries) code",
            body = SmsCodeRejected, example = json!({"errors": {"code": [{"code": "sms_code.wrong", "message": "Kod jest niepoprawny. Sprawdź SMS i wpisz kod ponownie"}]}, "tries_left": 2})),
        (status = 404, description = "No such registration (`registration.not_found`)", body = ErrorResponse),
        (status = 409, description = "Already confirmed (`registration.not_awaiting_sms`)", body = ErrorResponse),
        BodyRejected,
        Unavailable,
    )
)]
async fn confirm_code(
    State(state): State<AppState>,
    RequestLang(lang): RequestLang,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<SmsCodeRequest>,
) -> Result<Json<SmsCodeAccepted>, ApiError> {
    let registration = awaiting_sms(&state, &id)?;
    let typed = sms_code::parse(&request.code).map_err(|e| wrong_code(e, sms_code::TRIES, lang))?;
    let now = state.clock.now();
    let reg_lang = registration.lang;
    let year = state.clock.today().year;
    let judged = state.store.transact(|transaction, key| {
        if let Err(refused) = codes::check(transaction, key, Purpose::Registration, &id, &typed, now)? {
            return Ok(Err(refused));
        }
        let number = Store::send_application(transaction, &id, year, now, |number| {
            let created = notices::account_created(&registration.username, reg_lang);
            let sent = notices::application_sent(number, &registration.confirmation, reg_lang);
            [created, sent]
                .into_iter()
                .map(|e| Message { channel: Channel::Email, to: registration.email.clone(), subject: Some(e.subject), text: e.text })
                .collect()
        })?;
        Ok::<_, ApiError>(Ok(number.ok_or(Refusal::RegistrationNotAwaitingSms)?))
    })?;
    let number = judged.map_err(|(error, tries_left)| wrong_code(error, tries_left, lang))?;
    tracing::info!("SMS code confirmed, application sent");
    Ok(Json(SmsCodeAccepted { application_number: number }))
}

/// Sends a new SMS code (the old one stops working); at most one a minute.
#[utoipa::path(
    post,
    path = "/api/v1/registrations/{id}/sms-code/resend",
    operation_id = "resendSmsCode",
    tag = "registration",
    params(("id" = String, Path, description = "The registration's id"), RequestLang),
    responses(
        (status = 200, description = "A new code is in the outbox", body = SmsCodeSent, example = json!({"resend_available_in": 60})),
        (status = 429, description = "Within 60 s of the last code (`sms_code.resend_too_soon`), or 5 codes within the hour (`sms_code.too_many`)",
            body = ErrorResponse, headers(("Retry-After" = u32, description = "Seconds until a new code may be asked for"))),
        (status = 404, description = "No such registration (`registration.not_found`)", body = ErrorResponse),
        (status = 409, description = "Already confirmed (`registration.not_awaiting_sms`)", body = ErrorResponse),
        Unavailable,
    )
)]
async fn resend_code(State(state): State<AppState>, RequestLang(_lang): RequestLang, Path(id): Path<String>) -> Result<Json<SmsCodeSent>, ApiError> {
    let registration = awaiting_sms(&state, &id)?;
    let (code, sms) = new_code(&state, &registration.phone, Purpose::Registration, registration.lang);
    state.store.transact(|transaction, key| -> Result<(), ApiError> {
        codes::may_send(transaction, Purpose::Registration, &id, code.sent_at)?.map_err(too_soon)?;
        codes::put(transaction, key, Purpose::Registration, &id, &code)?;
        outbox::post(transaction, &sms, code.sent_at)?;
        Ok(())
    })?;
    Ok(Json(SmsCodeSent { resend_available_in: sms_code::RESEND_COOLDOWN_SECONDS }))
}

/// The 429 of a code asked for too soon or too often.
pub(super) fn too_soon(not_yet: NotYet) -> ApiError {
    match not_yet {
        NotYet::TooSoon { retry_after } => ApiError::too_soon(Refusal::SmsCodeTooSoon, retry_after),
        NotYet::TooMany { retry_after } => ApiError::too_soon(Refusal::SmsCodeTooMany, retry_after),
    }
}

/// The optional `Idempotency-Key` header: a client's name for one registration, so that sending
/// it again after a lost answer cannot register twice.
pub struct IdempotencyKey(Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(IDEMPOTENCY_KEY) else { return Ok(IdempotencyKey(None)) };
        match value.to_str() {
            Ok(key) if crate::request_log::is_plain_token(key) => Ok(IdempotencyKey(Some(key.to_owned()))),
            _ => Err(Refusal::InvalidIdempotencyKey.into()),
        }
    }
}

impl IntoParams for IdempotencyKey {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![super::optional_header(
            IDEMPOTENCY_KEY,
            "The client's name for this registration (1 to 64 letters, digits, `-`, `_`, `.`): the same key again answers the same registration.",
            ObjectBuilder::new().pattern(Some("^[A-Za-z0-9._-]{1,64}$")).examples(["reg-3f9a1c77e2b04d55"]),
        )]
    }
}

/// A fresh random code for `phone`, and the SMS that carries it.
pub(super) fn new_code(state: &AppState, phone: &PhoneNumber, purpose: Purpose, lang: Lang) -> (SentCode, Message) {
    let code = SentCode::new(state.clock.now());
    let sms = Message { channel: Channel::Sms, to: phone.e164(), subject: None, text: notices::sms_code(&code.code, purpose.code_for(), lang) };
    (code, sms)
}

pub(super) fn find(state: &AppState, id: &str) -> Result<Registration, ApiError> {
    state.store.registration(id)?.ok_or(ApiError::from(Refusal::RegistrationNotFound))
}

fn awaiting_sms(state: &AppState, id: &str) -> Result<Registration, ApiError> {
    let registration = find(state, id)?;
    if registration.state != RegistrationState::AwaitingSms {
        return Err(ApiError::from(Refusal::RegistrationNotAwaitingSms));
    }
    Ok(registration)
}

fn username_taken(lang: Lang) -> ApiError {
    ApiError::Conflict(field_errors(Field::Username, Problem::Username(UsernameError::Taken), lang))
}

pub(super) fn wrong_code(error: SmsCodeError, tries_left: u8, lang: Lang) -> ApiError {
    ApiError::WrongCode(SmsCodeRejected { errors: field_errors(Field::SmsCode, Problem::SmsCode(error), lang).errors, tries_left })
}

pub(super) fn field_errors(field: Field, problem: Problem, lang: Lang) -> ValidateResponse {
    ValidateResponse { errors: [(field, vec![problem.to_field_error(lang)])].into(), pesel: None }
}
