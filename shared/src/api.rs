//! The JSON the app and api-mock exchange: field names, requests, responses and error bodies.

use crate::rules::confirmation::{Confirmation, ProfileKind};
use crate::rules::pesel::{Date, Sex};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod account;
pub mod session;
pub mod validity;
pub use account::*;
pub use session::*;
pub use validity::*;

/// An input field of the portal's forms; its serde name is its JSON key and its DOM id.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Username,
    Password,
    PasswordRepeat,
    FirstName,
    SecondName,
    Surname,
    Pesel,
    Email,
    EmailRepeat,
    Phone,
    PhoneRepeat,
    IdCard,
    Confirmation,
    Consent,
    /// The SMS code, sent as `{"code": "123456"}`.
    #[serde(rename = "code")]
    SmsCode,
    /// Signing in: the username or the e-mail address.
    Login,
    /// The code sent by e-mail to confirm an extension.
    EmailCode,
    /// Changing the password while signed in: the password in use now.
    CurrentPassword,
}

impl Field {
    /// The fields typed as text, in form order.
    pub const TEXT: [Field; 12] = [
        Field::Username,
        Field::Password,
        Field::PasswordRepeat,
        Field::FirstName,
        Field::SecondName,
        Field::Surname,
        Field::Pesel,
        Field::Email,
        Field::EmailRepeat,
        Field::Phone,
        Field::PhoneRepeat,
        Field::IdCard,
    ];

    /// The JSON key, also used as the id of the field's input in the page.
    pub fn key(self) -> &'static str {
        match self {
            Field::Username => "username",
            Field::Password => "password",
            Field::PasswordRepeat => "password_repeat",
            Field::FirstName => "first_name",
            Field::SecondName => "second_name",
            Field::Surname => "surname",
            Field::Pesel => "pesel",
            Field::Email => "email",
            Field::EmailRepeat => "email_repeat",
            Field::Phone => "phone",
            Field::PhoneRepeat => "phone_repeat",
            Field::IdCard => "id_card",
            Field::Confirmation => "confirmation",
            Field::Consent => "consent",
            Field::SmsCode => "code",
            Field::Login => "login",
            Field::EmailCode => "email_code",
            Field::CurrentPassword => "current_password",
        }
    }

    /// The label of the field's input.
    pub fn label(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Field::Username => ("Nazwa użytkownika", "Username"),
            Field::Password => ("Hasło", "Password"),
            Field::PasswordRepeat => ("Powtórz hasło", "Repeat the password"),
            Field::FirstName => ("Imię", "First name"),
            Field::SecondName => ("Drugie imię (opcjonalnie)", "Second name (optional)"),
            Field::Surname => ("Nazwisko", "Surname"),
            Field::Pesel => ("Numer PESEL", "PESEL number"),
            Field::Email => ("Adres e-mail", "E-mail address"),
            Field::EmailRepeat => ("Powtórz adres e-mail", "Repeat the e-mail address"),
            Field::Phone => ("Numer telefonu komórkowego", "Mobile phone number"),
            Field::PhoneRepeat => ("Powtórz numer telefonu komórkowego", "Repeat the mobile phone number"),
            Field::IdCard => ("Seria i numer dowodu osobistego", "ID card series and number"),
            Field::Confirmation => ("Sposób potwierdzenia tożsamości", "How your identity will be confirmed"),
            Field::Consent => ("Zgoda", "Consent"),
            Field::SmsCode => ("Kod z SMS-a", "Code from the text message"),
            Field::Login => ("Nazwa użytkownika lub adres e-mail", "Username or e-mail address"),
            Field::EmailCode => ("Kod z e-maila", "Code from the e-mail"),
            Field::CurrentPassword => ("Obecne hasło", "Current password"),
        };
        lang.pick(pl, en)
    }
}

/// `POST /api/v1/validate`: any subset of the fields; only those present are checked.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_repeat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pesel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_repeat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_repeat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_card: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
}

impl ValidateRequest {
    /// The text sent for a text field, if any; `None` for the other fields.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.text_slot(field).and_then(Option::as_deref)
    }

    /// Sets a text field; returns false, changing nothing, for a field that is not text.
    pub fn set(&mut self, field: Field, value: String) -> bool {
        self.text_slot_mut(field).map(|slot| *slot = Some(value)).is_some()
    }

    fn text_slot(&self, field: Field) -> Option<&Option<String>> {
        Some(match field {
            Field::Username => &self.username,
            Field::Password => &self.password,
            Field::PasswordRepeat => &self.password_repeat,
            Field::FirstName => &self.first_name,
            Field::SecondName => &self.second_name,
            Field::Surname => &self.surname,
            Field::Pesel => &self.pesel,
            Field::Email => &self.email,
            Field::EmailRepeat => &self.email_repeat,
            Field::Phone => &self.phone,
            Field::PhoneRepeat => &self.phone_repeat,
            Field::IdCard => &self.id_card,
            Field::Confirmation | Field::Consent | Field::SmsCode | Field::Login | Field::EmailCode | Field::CurrentPassword => return None,
        })
    }

    fn text_slot_mut(&mut self, field: Field) -> Option<&mut Option<String>> {
        Some(match field {
            Field::Username => &mut self.username,
            Field::Password => &mut self.password,
            Field::PasswordRepeat => &mut self.password_repeat,
            Field::FirstName => &mut self.first_name,
            Field::SecondName => &mut self.second_name,
            Field::Surname => &mut self.surname,
            Field::Pesel => &mut self.pesel,
            Field::Email => &mut self.email,
            Field::EmailRepeat => &mut self.email_repeat,
            Field::Phone => &mut self.phone,
            Field::PhoneRepeat => &mut self.phone_repeat,
            Field::IdCard => &mut self.id_card,
            Field::Confirmation | Field::Consent | Field::SmsCode | Field::Login | Field::EmailCode | Field::CurrentPassword => return None,
        })
    }
}

/// `POST /api/v1/registrations`: the whole form. Every field is required but `second_name` and
/// `id_card`; each follows the rules `POST /api/v1/validate` checks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    pub username: String,
    pub password: String,
    pub password_repeat: String,
    pub first_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_name: Option<String>,
    pub surname: String,
    pub pesel: String,
    pub email: String,
    pub email_repeat: String,
    pub phone: String,
    pub phone_repeat: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_card: Option<String>,
    pub confirmation: Confirmation,
    pub consent: bool,
}

impl From<RegistrationRequest> for ValidateRequest {
    fn from(r: RegistrationRequest) -> ValidateRequest {
        ValidateRequest {
            username: Some(r.username),
            password: Some(r.password),
            password_repeat: Some(r.password_repeat),
            first_name: Some(r.first_name),
            second_name: r.second_name,
            surname: Some(r.surname),
            pesel: Some(r.pesel),
            email: Some(r.email),
            email_repeat: Some(r.email_repeat),
            phone: Some(r.phone),
            phone_repeat: Some(r.phone_repeat),
            id_card: r.id_card,
            confirmation: Some(r.confirmation),
            consent: Some(r.consent),
        }
    }
}

/// One problem with one field, as the API answers it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// A stable code, e.g. `username.forbidden_char`.
    pub code: String,
    /// The message in the language asked for.
    pub message: String,
}

/// What the PESEL tells, shown to the citizen instead of being typed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeselFacts {
    pub birth_date: Date,
    pub sex: Sex,
}

/// The answer of `POST /api/v1/validate`: `errors` is empty when every field sent is valid.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidateResponse {
    pub errors: BTreeMap<Field, Vec<FieldError>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pesel: Option<PeselFacts>,
}

/// The body of every error answer that is not about fields (bad JSON, unknown route, overload).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    pub error: ErrorBody,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Why: one of the stable codes of `Refusal`.
    pub code: crate::Refusal,
    /// The sentence in the language asked for.
    pub message: String,
}

/// `201` of `POST /api/v1/registrations`: the registration waits for its SMS code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationCreated {
    pub id: String,
}

/// Where a registration stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationState {
    /// The account exists; the SMS code sent to the phone must be typed.
    AwaitingSms,
    /// The application is sent and has its number; an official or a provider must confirm it.
    AwaitingIdentity,
    /// The identity is confirmed: the profile is active until `profile_valid_until`.
    Confirmed,
}

impl RegistrationState {
    pub fn code(self) -> &'static str {
        match self {
            RegistrationState::AwaitingSms => "awaiting_sms",
            RegistrationState::AwaitingIdentity => "awaiting_identity",
            RegistrationState::Confirmed => "confirmed",
        }
    }

    pub fn from_code(code: &str) -> Option<RegistrationState> {
        [RegistrationState::AwaitingSms, RegistrationState::AwaitingIdentity, RegistrationState::Confirmed].into_iter().find(|s| s.code() == code)
    }
}

/// `GET /api/v1/registrations/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationStatus {
    pub id: String,
    pub state: RegistrationState,
    pub profile_kind: ProfileKind,
    /// Set once the SMS code is confirmed.
    pub application_number: Option<String>,
    /// The phone the codes go to, masked (`+48 *** *** 456`).
    pub phone: String,
    /// The last day the profile is valid, once the identity is confirmed.
    pub profile_valid_until: Option<Date>,
}

/// `POST /api/v1/registrations/{id}/sms-code`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsCodeRequest {
    pub code: String,
}

/// `200` of `POST /api/v1/registrations/{id}/sms-code`: the application is sent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCodeAccepted {
    pub application_number: String,
}

/// `422` of `POST /api/v1/registrations/{id}/sms-code`: the field error and the tries left.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCodeRejected {
    pub errors: BTreeMap<Field, Vec<FieldError>>,
    pub tries_left: u8,
}

/// `200` of `POST /api/v1/registrations/{id}/sms-code/resend`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCodeSent {
    /// Seconds until another code may be requested.
    pub resend_available_in: i64,
}

/// `GET /api/v1/usernames/{name}/availability`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsernameAvailability {
    pub username: String,
    pub available: bool,
    /// Why it cannot be used: the rule's error, or `username.taken`.
    pub error: Option<FieldError>,
}

/// How a message of the outbox was sent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        [Channel::Sms, Channel::Email].into_iter().find(|c| c.code() == code)
    }
}

/// One SMS or e-mail the mock "sent", as `GET /api/dev/outbox` lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub channel: Channel,
    pub to: String,
    /// Seconds since 1970-01-01 UTC.
    pub sent_at: i64,
    pub subject: Option<String>,
    pub text: String,
}

/// The answer of `GET /api/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}
