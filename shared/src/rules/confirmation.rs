//! How the citizen's identity will be confirmed: a video call with an official (the temporary
//! profile), a visit to a confirmation point, an online bank or Envelo, or the e-ID card.

use super::error_codes;
use crate::date::Date;
use crate::Lang;
use const_format::formatcp;
use serde::{Deserialize, Serialize};

/// How many working days ahead a video call may be booked.
pub const VIDEO_BOOKING_DAYS: usize = 5;
/// How many days the citizen has to visit a confirmation point.
pub const IN_PERSON_DEADLINE_DAYS: i64 = 14;

/// The chosen way, with its details, as the API carries it (`{"method": "video", ...}`), with no
/// other property.
// `EId {}` rather than `EId`: serde lets a unit variant of a tagged enum take any property.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Confirmation {
    #[cfg_attr(feature = "openapi", schema(title = "ConfirmationVideo"))]
    Video {
        /// Required; `None` is the rule's error `confirmation.no_video_app`, not a malformed body.
        #[serde(default)]
        app: Option<VideoApp>,
        #[serde(default)]
        windows: Vec<CallWindow>,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ConfirmationInPerson"))]
    InPerson {
        /// The id of a confirmation point.
        point: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ConfirmationBank"))]
    Bank {
        /// The id of a bank or of Envelo.
        provider: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ConfirmationEId"))]
    EId {},
}

/// The app the official calls through.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VideoApp {
    Skype,
    Teams,
}

impl VideoApp {
    pub fn name(self) -> &'static str {
        match self {
            VideoApp::Skype => "Skype",
            VideoApp::Teams => "Microsoft Teams",
        }
    }
}

/// Two hours on a working day in which the official may call.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallWindow {
    pub date: Date,
    /// The hour the window starts: 8, 10, 12, 14 or 16 (it ends two hours later). Any other
    /// hour is the rule's error `confirmation.call_window_not_offered`, not a malformed body.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 255))]
    pub from_hour: u8,
}

pub const CALL_WINDOW_HOURS: [u8; 5] = [8, 10, 12, 14, 16];

impl CallWindow {
    /// E.g. "8:00–10:00".
    pub fn hours(self) -> String {
        format!("{}:00–{}:00", self.from_hour, self.from_hour + 2)
    }
}

impl PointKind {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            PointKind::Zus => lang.pick("ZUS", "Social Insurance Institution (ZUS)"),
            PointKind::UrzadGminy => lang.pick("Urząd gminy", "Municipal office"),
            PointKind::UrzadSkarbowy => lang.pick("Urząd skarbowy", "Tax office"),
        }
    }
}

/// The profile a way of confirming gives.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// Confirmed in a video call, with no visit: valid 3 months, cannot be extended.
    Temporary,
    /// Valid 3 years, can be extended.
    Ordinary,
}

/// How long a temporary profile (confirmed in a video call) is valid, in months.
pub const TEMPORARY_MONTHS: u32 = 3;
/// How long an ordinary profile is valid, in months.
pub const ORDINARY_MONTHS: u32 = 36;

impl ProfileKind {
    /// The last day a profile of this kind confirmed on `day` is valid.
    pub fn valid_until(self, day: Date) -> Date {
        match self {
            ProfileKind::Temporary => day.add_months(TEMPORARY_MONTHS),
            ProfileKind::Ordinary => day.add_months(ORDINARY_MONTHS),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ProfileKind::Temporary => "temporary",
            ProfileKind::Ordinary => "ordinary",
        }
    }

    pub fn from_code(code: &str) -> Option<ProfileKind> {
        [ProfileKind::Temporary, ProfileKind::Ordinary].into_iter().find(|k| k.code() == code)
    }
}

impl Confirmation {
    pub fn profile_kind(&self) -> ProfileKind {
        self.method().profile_kind()
    }

    /// The way, without its details.
    pub fn method(&self) -> ConfirmationMethod {
        match self {
            Confirmation::Video { .. } => ConfirmationMethod::Video,
            Confirmation::InPerson { .. } => ConfirmationMethod::InPerson,
            Confirmation::Bank { .. } => ConfirmationMethod::Bank,
            Confirmation::EId {} => ConfirmationMethod::EId,
        }
    }
}

/// A way of confirming identity, without its details (`Confirmation`'s `method`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationMethod {
    Video,
    InPerson,
    Bank,
    EId,
}

impl ConfirmationMethod {
    /// Its JSON name, e.g. `in_person`.
    pub fn key(self) -> &'static str {
        match self {
            ConfirmationMethod::Video => "video",
            ConfirmationMethod::InPerson => "in_person",
            ConfirmationMethod::Bank => "bank",
            ConfirmationMethod::EId => "e_id",
        }
    }

    /// The profile this way gives: temporary after a video call with no visit, else ordinary.
    pub fn profile_kind(self) -> ProfileKind {
        match self {
            ConfirmationMethod::Video => ProfileKind::Temporary,
            _ => ProfileKind::Ordinary,
        }
    }
}

/// The kind of office that confirms identities in person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    Zus,
    UrzadGminy,
    UrzadSkarbowy,
}

/// A confirmation point ("punkt potwierdzający").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ConfirmationPoint {
    pub id: &'static str,
    pub kind: PointKind,
    pub name: &'static str,
    pub address: &'static str,
}

/// The confirmation points the mock knows (a sample of real kinds of office, invented addresses).
pub const CONFIRMATION_POINTS: [ConfirmationPoint; 6] = [
    ConfirmationPoint { id: "zus-warszawa-1", kind: PointKind::Zus, name: "ZUS Oddział Warszawa I", address: "ul. Senatorska 6/8, 00-917 Warszawa" },
    ConfirmationPoint { id: "zus-krakow", kind: PointKind::Zus, name: "ZUS Oddział w Krakowie", address: "ul. Pędzichów 27, 31-080 Kraków" },
    ConfirmationPoint { id: "ug-lomianki", kind: PointKind::UrzadGminy, name: "Urząd Miejski w Łomiankach", address: "ul. Warszawska 115, 05-092 Łomianki" },
    ConfirmationPoint { id: "ug-zakopane", kind: PointKind::UrzadGminy, name: "Urząd Miasta Zakopane", address: "ul. Kościuszki 13, 34-500 Zakopane" },
    ConfirmationPoint {
        id: "us-gdansk",
        kind: PointKind::UrzadSkarbowy,
        name: "Pierwszy Urząd Skarbowy w Gdańsku",
        address: "ul. Wały Jagiellońskie 36, 80-853 Gdańsk",
    },
    ConfirmationPoint {
        id: "us-poznan", kind: PointKind::UrzadSkarbowy, name: "Urząd Skarbowy Poznań-Jeżyce", address: "ul. Dąbrowskiego 13, 60-838 Poznań"
    },
];

/// Identity providers that confirm a profile at once (online banks and Envelo).
pub const PROVIDERS: [(&str, &str); 6] = [
    ("pko", "PKO Bank Polski"),
    ("pekao", "Bank Pekao"),
    ("mbank", "mBank"),
    ("ing", "ING Bank Śląski"),
    ("santander", "Santander Bank Polska"),
    ("envelo", "Envelo (Poczta Polska)"),
];

error_codes! {
    /// Why the chosen way of confirming is refused.
    pub enum ConfirmationError {
        Required = "confirmation.required",
        NoVideoApp = "confirmation.no_video_app",
        NoCallWindow = "confirmation.no_call_window",
        CallWindowNotOffered = "confirmation.call_window_not_offered",
        UnknownPoint = "confirmation.unknown_point",
        UnknownProvider = "confirmation.unknown_provider",
    }
}

impl ConfirmationError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wybierz sposób potwierdzenia tożsamości", "Choose how to confirm your identity"),
            Self::NoVideoApp => ("Wybierz aplikację, przez którą zadzwoni urzędnik", "Choose the app the official will call you through"),
            Self::NoCallWindow => (
                "Wybierz co najmniej jeden przedział godzin, w którym urzędnik może do Ciebie zadzwonić",
                "Choose at least one time window in which the official may call you",
            ),
            Self::CallWindowNotOffered => (
                formatcp!("Wybierz przedziały godzin z najbliższych {} dni roboczych", VIDEO_BOOKING_DAYS),
                formatcp!("Choose time windows within the next {} working days", VIDEO_BOOKING_DAYS),
            ),
            Self::UnknownPoint => ("Wybierz punkt potwierdzający z listy", "Choose a confirmation point from the list"),
            Self::UnknownProvider => ("Wybierz bank lub innego dostawcę z listy", "Choose a bank or another provider from the list"),
        };
        lang.pick(pl, en)
    }
}

/// The call windows offered on `today`: every window of the next working days.
pub fn offered_call_windows(today: Date) -> Vec<CallWindow> {
    today.next_working_days(VIDEO_BOOKING_DAYS).into_iter().flat_map(|date| CALL_WINDOW_HOURS.map(|from_hour| CallWindow { date, from_hour })).collect()
}

pub fn validate(confirmation: &Confirmation, today: Date) -> Result<(), ConfirmationError> {
    match confirmation {
        Confirmation::Video { app: None, .. } => Err(ConfirmationError::NoVideoApp),
        Confirmation::Video { windows, .. } if windows.is_empty() => Err(ConfirmationError::NoCallWindow),
        Confirmation::Video { windows, .. } => {
            let offered = offered_call_windows(today);
            windows.iter().all(|w| offered.contains(w)).then_some(()).ok_or(ConfirmationError::CallWindowNotOffered)
        }
        Confirmation::InPerson { point } => CONFIRMATION_POINTS.iter().any(|p| p.id == point).then_some(()).ok_or(ConfirmationError::UnknownPoint),
        Confirmation::Bank { provider } => PROVIDERS.iter().any(|(id, _)| id == provider).then_some(()).ok_or(ConfirmationError::UnknownProvider),
        Confirmation::EId {} => Ok(()),
    }
}

error_codes! {
    /// Why the consent is refused.
    pub enum ConsentError {
        Required = "consent.required",
    }
}

impl ConsentError {
    pub fn message(self, lang: Lang) -> &'static str {
        lang.pick(
            "Potwierdź, że znasz zasady profilu zaufanego i podpisu zaufanego",
            "Confirm that you know the rules of the trusted profile and the trusted signature",
        )
    }
}

pub fn validate_consent(consent: bool) -> Result<(), ConsentError> {
    consent.then_some(()).ok_or(ConsentError::Required)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuesday() -> Date {
        Date::new(2026, 11, 24).unwrap()
    }

    fn video(windows: Vec<CallWindow>) -> Confirmation {
        Confirmation::Video { app: Some(VideoApp::Teams), windows }
    }

    #[test]
    fn video_windows_must_be_chosen_from_the_next_working_days() {
        let window = |y, m, d, from_hour| CallWindow { date: Date::new(y, m, d).unwrap(), from_hour };
        assert_eq!(validate(&video(vec![]), tuesday()), Err(ConfirmationError::NoCallWindow));
        assert_eq!(validate(&video(vec![window(2026, 11, 25, 8), window(2026, 12, 1, 16)]), tuesday()), Ok(()));
        for refused in [window(2026, 11, 24, 10), window(2026, 11, 28, 10), window(2026, 12, 2, 10), window(2026, 11, 25, 9), window(2026, 11, 25, 18)] {
            assert_eq!(validate(&video(vec![refused]), tuesday()), Err(ConfirmationError::CallWindowNotOffered), "{refused:?}");
        }
        assert_eq!(offered_call_windows(tuesday()).len(), VIDEO_BOOKING_DAYS * CALL_WINDOW_HOURS.len());
    }

    #[test]
    fn a_video_call_needs_its_app() {
        let no_app = Confirmation::Video { app: None, windows: offered_call_windows(tuesday())[..1].to_vec() };
        assert_eq!(validate(&no_app, tuesday()), Err(ConfirmationError::NoVideoApp));
        assert_eq!(serde_json::from_str::<Confirmation>(r#"{"method": "video"}"#).unwrap(), Confirmation::Video { app: None, windows: vec![] });
    }

    #[test]
    fn points_and_providers_come_from_the_lists() {
        assert_eq!(validate(&Confirmation::InPerson { point: "zus-krakow".into() }, tuesday()), Ok(()));
        assert_eq!(validate(&Confirmation::InPerson { point: "nowhere".into() }, tuesday()), Err(ConfirmationError::UnknownPoint));
        assert_eq!(validate(&Confirmation::Bank { provider: "envelo".into() }, tuesday()), Ok(()));
        assert_eq!(validate(&Confirmation::Bank { provider: "bitcoin".into() }, tuesday()), Err(ConfirmationError::UnknownProvider));
        assert_eq!(validate(&Confirmation::EId {}, tuesday()), Ok(()));
    }

    #[test]
    fn only_the_video_call_gives_a_temporary_profile() {
        assert_eq!(video(vec![]).profile_kind(), ProfileKind::Temporary);
        assert_eq!(Confirmation::EId {}.profile_kind(), ProfileKind::Ordinary);
    }

    #[test]
    fn the_api_form_is_tagged_by_method() {
        let json = r#"{"method": "video", "app": "teams", "windows": [{"date": "2026-11-25", "from_hour": 8}]}"#;
        let parsed: Confirmation = serde_json::from_str(json).unwrap();
        assert_eq!(parsed, video(vec![CallWindow { date: Date::new(2026, 11, 25).unwrap(), from_hour: 8 }]));
        assert_eq!(serde_json::to_value(Confirmation::EId {}).unwrap(), serde_json::json!({"method": "e_id"}));
        assert!(serde_json::from_str::<Confirmation>(r#"{"method": "pigeon"}"#).is_err());
    }

    #[test]
    fn every_variant_refuses_a_property_it_does_not_have() {
        for closed in
            [r#"{"method": "e_id", "x": 1}"#, r#"{"method": "video", "app": "teams", "x": 1}"#, r#"{"method": "bank", "provider": "pko", "point": "x"}"#]
        {
            assert!(serde_json::from_str::<Confirmation>(closed).is_err(), "{closed}");
        }
        assert_eq!(serde_json::from_str::<Confirmation>(r#"{"method": "e_id"}"#).unwrap(), Confirmation::EId {});
    }

    #[test]
    fn consent_must_be_given() {
        assert_eq!(validate_consent(false), Err(ConsentError::Required));
        assert_eq!(validate_consent(true), Ok(()));
    }
}
