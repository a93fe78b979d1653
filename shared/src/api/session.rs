//! The JSON of signing in and of the session: the login, its second factor (an SMS code or a push
//! in mObywatel), the signed-in citizen, and the session's time limits.

use super::ErrorBody;
use crate::date::Date;
use crate::rules::confirmation::{ConfirmationMethod, ProfileKind};
use serde::{Deserialize, Serialize};

/// How a citizen confirms a sign-in or an operation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authorisation {
    /// A code by SMS.
    Sms,
    /// A push notification accepted in mObywatel.
    Push,
}

impl Authorisation {
    pub fn code(self) -> &'static str {
        match self {
            Authorisation::Sms => "sms",
            Authorisation::Push => "push",
        }
    }

    pub fn from_code(code: &str) -> Option<Authorisation> {
        [Authorisation::Sms, Authorisation::Push].into_iter().find(|a| a.code() == code)
    }
}

/// `POST /api/v1/login`: the username (any letter case) or the e-mail address, and the password.
/// Only presence is a rule (no upper bound: a name or password that long is simply not right).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub login: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub password: String,
}

/// The second factor is on its way: the answer of `POST /api/v1/login` (the password was right),
/// of `POST /api/v1/login/sms` (an SMS code instead of the push), and of every operation that
/// asks for a second factor (confirming it is still the citizen, changing the method, a new
/// password).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorSent {
    pub method: Authorisation,
    /// The phone the code goes to, masked (`+48 *** *** 456`).
    pub phone: String,
    /// Push only: the two digits shown on the page and in mObywatel.
    pub check_number: Option<String>,
    /// Seconds until the code or the push request expires.
    pub expires_in: i64,
    /// Seconds until another SMS code may be asked for (0 for push).
    pub resend_available_in: i64,
}

/// `423` of `POST /api/v1/login`: too many wrong passwords; the account's sign-in is locked.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginLocked {
    pub error: ErrorBody,
    /// When the lock ends, RFC 3339 in Polish time (`2026-11-25T14:35:00+01:00`).
    pub locked_until: String,
}

/// Where a push request stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushState {
    /// Waiting for an answer in mObywatel.
    Pending,
    /// Accepted: the sign-in is complete.
    Accepted,
    /// Refused in mObywatel.
    Refused,
    /// Not answered in time.
    Expired,
}

impl PushState {
    pub fn code(self) -> &'static str {
        match self {
            PushState::Pending => "pending",
            PushState::Accepted => "accepted",
            PushState::Refused => "refused",
            PushState::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<PushState> {
        [PushState::Pending, PushState::Accepted, PushState::Refused, PushState::Expired].into_iter().find(|s| s.code() == code)
    }
}

/// `GET /api/v1/login/push`: the answer to this browser's push request so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushStatus {
    pub state: PushState,
    pub check_number: String,
    /// Seconds until the request expires (0 once answered or expired).
    pub expires_in: i64,
}

/// The signed-in citizen: `GET /api/v1/me`, and inside `SessionInfo`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citizen {
    pub username: String,
    pub first_name: String,
    pub surname: String,
    pub authorisation: Authorisation,
    /// Where the citizen's newest application stands.
    pub registration: super::RegistrationState,
    /// Set once the application was sent.
    pub application_number: Option<String>,
    /// How the identity is (or was) confirmed (the details are in `GET /api/v1/me/profile`).
    pub confirmation_method: ConfirmationMethod,
    pub profile_kind: ProfileKind,
    /// The last day of the profile once confirmed; in the past when it expired.
    pub profile_valid_until: Option<Date>,
}

/// `GET /api/v1/session`: who is signed in in this browser, if anyone, the session's time limits,
/// and the service's clock (the app takes "today" from it, not from the device).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The signed-in citizen; none when nobody is.
    pub citizen: Option<Citizen>,
    /// A sign-in of this browser waiting for its second factor, and which.
    pub pending: Option<Authorisation>,
    /// Seconds until the session ends unless extended (the idle limit or the 12-hour one,
    /// whichever comes first), when signed in.
    pub expires_in: Option<i64>,
    /// How long before its end the citizen is warned and offered an extension, in seconds.
    pub warn_before: i64,
    /// The idle limit, in seconds: what an extension gives.
    pub idle_timeout: i64,
    /// The service's time, seconds since 1970-01-01 UTC.
    pub now: i64,
    /// The service's date in Poland.
    pub today: Date,
}
