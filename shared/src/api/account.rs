//! The JSON of the citizen's account: the profile's details ("Szczegóły profilu"), the change of
//! the authorisation method, confirming it is still the citizen (a fresh second factor), and
//! recovering a forgotten username or password.

use super::{Authorisation, RegistrationState};
use crate::date::Date;
use crate::rules::confirmation::{Confirmation, ProfileKind};
use serde::{Deserialize, Serialize};

pub use crate::paths::NEW_PASSWORD_PATH;

/// `GET /api/v1/me/profile`: the account and its newest application or profile.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDetails {
    pub username: String,
    pub first_name: String,
    pub second_name: Option<String>,
    pub surname: String,
    /// Hidden but for its last 4 digits (`*******1359`).
    pub pesel: String,
    pub email: String,
    /// Whether the address was confirmed with a code sent to it: only then does it sign in and
    /// get username reminders.
    pub email_verified: bool,
    /// Masked (`+48 *** *** 004`).
    pub phone: String,
    pub authorisation: Authorisation,
    /// Where the newest application stands.
    pub registration: RegistrationState,
    /// Set once the application was sent.
    pub application_number: Option<String>,
    /// How the identity is (or was) to be confirmed: the way the profile was created.
    pub confirmation: Confirmation,
    /// The day the application was made.
    pub applied_on: Date,
    /// The profile, once the identity was confirmed.
    pub profile: Option<ProfileFacts>,
}

/// A confirmed profile.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFacts {
    pub kind: ProfileKind,
    /// The day the identity was confirmed: the profile's start.
    pub confirmed_on: Date,
    /// Its last valid day; in the past when it expired.
    pub valid_until: Date,
    /// The day it was last extended (with codes by SMS and e-mail), if ever.
    pub extended_on: Option<Date>,
}

/// `POST /api/v1/me/authorisation`: the method wanted from now on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodChangeRequest {
    pub method: Authorisation,
}

/// `POST /api/v1/recovery/username`: "Nie pamiętam nazwy użytkownika".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsernameReminderRequest {
    pub email: String,
}

/// `POST /api/v1/recovery/password`: "Nie pamiętam hasła".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub username: String,
    pub pesel: String,
}

/// `GET /api/v1/recovery/password/{token}`: the link from the e-mail still works.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLink {
    /// Seconds until the link stops working.
    pub expires_in: i64,
}

/// `POST /api/v1/recovery/password/{token}`: the new password, twice (the rules of registration).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPasswordRequest {
    pub password: String,
    pub password_repeat: String,
}

/// `POST /api/v1/me/password`: a new password while signed in, with the one in use.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 128))]
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password_repeat: String,
}

/// One of the citizen's signed-in sessions, as "Twoje sesje" lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// Whether it is the session of this very request.
    pub current: bool,
    /// The browser, as it named itself when signing in (`User-Agent`, cut to 200 characters).
    pub device: String,
    /// When it was signed in (seconds since 1970-01-01 UTC).
    pub signed_in_at: i64,
    /// Its last activity (seconds since 1970-01-01 UTC).
    pub last_seen: i64,
}

/// `GET /api/v1/me/sessions`: the live signed-in sessions, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub sessions: Vec<SessionSummary>,
}
