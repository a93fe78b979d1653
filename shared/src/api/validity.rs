//! The JSON of the profile's validity: the extension ("Przedłuż ważność lub zmień dane": the
//! contact details confirmed or changed, then a code by SMS and a code by e-mail) and a new
//! profile after expiry (through a bank or another provider, or with the e-ID card).

use crate::date::Date;
use crate::rules::confirmation::{Confirmation, ConfirmationError, PROVIDERS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Field, FieldError};

pub use crate::paths::{NEW_PROFILE_DONE_PATH, NEW_PROFILE_PATH};

/// `GET /api/v1/me/profile/extension`: what the extension starts from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionStart {
    /// The e-mail address on file, in full (the citizen confirms or changes it).
    pub email: String,
    /// The phone on file, in full, national format (`600 100 004`).
    pub phone: String,
    /// The profile's last day now.
    pub valid_until: Date,
    /// Its last day once extended today: 3 years from today.
    pub extended_until: Date,
}

/// `POST /api/v1/me/profile/extension`: the contact details, as they are or changed (each checked
/// with the registration's rules). A changed one gets its code at the new address or number.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub phone: String,
}

/// `200` of `POST /api/v1/me/profile/extension`: a code went by SMS and another by e-mail.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionCodesSent {
    /// The phone the SMS code went to, masked (`+48 *** *** 004`).
    pub phone: String,
    /// The address the e-mail code went to, masked (`d***@example.pl`).
    pub email: String,
    /// Seconds until the codes expire.
    pub expires_in: i64,
    /// Seconds until other codes may be asked for.
    pub resend_available_in: i64,
}

/// `POST /api/v1/me/profile/extension/codes`: both codes at once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionCodesRequest {
    /// The code from the SMS.
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub code: String,
    /// The code from the e-mail.
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub email_code: String,
}

/// `422` of `POST /api/v1/me/profile/extension/codes`: the error of each wrong code, and the tries
/// each has left (a right code stays good while the other is typed again).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionCodesRejected {
    pub errors: BTreeMap<Field, Vec<FieldError>>,
    pub tries_left: BTreeMap<Field, u8>,
}

/// `200` of `POST /api/v1/me/profile/extension/codes`: extended.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionDone {
    /// The profile's new last day.
    pub valid_until: Date,
}

/// `POST /api/v1/me/profiles`: a new profile after the old one expired (or instead of a temporary
/// one), through a bank or another provider, or with the e-ID card.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// `EId {}` rather than `EId`, as in `Confirmation`: closed to other properties.
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum NewProfileRequest {
    /// "Załóż profil zaufany przez bank lub innego dostawcę".
    #[cfg_attr(feature = "openapi", schema(title = "NewProfileBank"))]
    Bank {
        /// One of the providers offered (`pko`, `pekao`, `mbank`, `ing`, `santander`, `envelo`).
        provider: String,
    },
    /// "Załóż profil zaufany e-dowodem".
    #[cfg_attr(feature = "openapi", schema(title = "NewProfileEId"))]
    EId {},
}

impl NewProfileRequest {
    /// The way of confirming it stands for; the provider must be one offered.
    pub fn confirmation(&self) -> Result<Confirmation, ConfirmationError> {
        match self {
            NewProfileRequest::Bank { provider } if PROVIDERS.iter().any(|(id, _)| id == provider) => Ok(Confirmation::Bank { provider: provider.clone() }),
            NewProfileRequest::Bank { .. } => Err(ConfirmationError::UnknownProvider),
            NewProfileRequest::EId {} => Ok(Confirmation::EId {}),
        }
    }
}

/// `201` of `POST /api/v1/me/profiles`: the citizen goes to the provider, which sends them back.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProfileStarted {
    /// The application for the new profile.
    pub application_number: String,
    /// Where the browser goes to confirm the identity at the provider (in the mock: its
    /// simulator, with `--dev`).
    pub provider_url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_profile_is_asked_for_like_a_confirmation_and_only_with_a_provider_offered() {
        let bank: NewProfileRequest = serde_json::from_str(r#"{"method": "bank", "provider": "pko"}"#).unwrap();
        assert_eq!(bank.confirmation(), Ok(Confirmation::Bank { provider: "pko".into() }));
        let e_id: NewProfileRequest = serde_json::from_str(r#"{"method": "e_id"}"#).unwrap();
        assert_eq!(e_id.confirmation(), Ok(Confirmation::EId {}));
        let unknown: NewProfileRequest = serde_json::from_str(r#"{"method": "bank", "provider": "nie-bank"}"#).unwrap();
        assert_eq!(unknown.confirmation(), Err(ConfirmationError::UnknownProvider));
        assert!(serde_json::from_str::<NewProfileRequest>(r#"{"method": "video"}"#).is_err());
        assert!(serde_json::from_str::<NewProfileRequest>(r#"{"method": "e_id", "provider": "pko"}"#).is_err());
    }
}
