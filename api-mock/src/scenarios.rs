//! Named worlds a designer or a test starts from: `empty`, `citizens` (a dozen documented citizens,
//! one in each interesting state) and `renewal-storm` (100 000 profiles expiring on one day).
//! Every date is taken from the mock's clock at load time, so "expiring in 10 days" stays true.

use crate::codes::SentCode;
use crate::db::StoreError;
use crate::outbox::Message;
use crate::seed::{Seed, SeedProfile};
use crate::AppState;
use serde::Serialize;
use shared::api::{Authorisation, Channel, RegistrationState};
use shared::date::Date;
use shared::rules::confirmation::{offered_call_windows, Confirmation, ProfileKind, VideoApp};
use shared::rules::{pesel, sms_code};
use shared::{notices, Lang};
use std::sync::Arc;
use utoipa::ToSchema;

/// The password of every account a scenario creates.
pub const FIXTURE_PASSWORD: &str = "Haslo#Testowe1";
/// How many accounts `renewal-storm` creates.
pub const STORM_ACCOUNTS: usize = 100_000;
const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    Empty,
    Citizens,
    RenewalStorm,
}

impl Scenario {
    pub const ALL: [Scenario; 3] = [Scenario::Empty, Scenario::Citizens, Scenario::RenewalStorm];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Empty => "empty",
            Scenario::Citizens => "citizens",
            Scenario::RenewalStorm => "renewal-storm",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Scenario::Empty => "No accounts, registrations, profiles or messages.",
            Scenario::Citizens => {
                "A dozen citizens, one in each interesting state (awaiting the SMS code, awaiting a video call, a visit, a bank or \
                 the e-ID card; active ordinary and temporary profiles; a profile expiring in 10 days; one expired on 2023-10-31 \
                 with the account kept; a push-authorisation user; a code spent after 3 wrong tries; a 14-year-old). \
                 Every password is Haslo#Testowe1."
            }
            Scenario::RenewalStorm => {
                "100 000 accounts (obywatel000001 … obywatel100000, password Haslo#Testowe1) whose ordinary profiles are all \
                 valid until today and expire tomorrow, as on 31 October 2023."
            }
        }
    }

    pub fn from_name(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One citizen a scenario created, as the designer needs to use them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FixtureCitizen {
    pub username: String,
    pub password: String,
    pub pesel: String,
    pub email: String,
    pub phone: String,
    /// What this citizen is there to show.
    pub situation: String,
    pub registration_id: String,
    pub registration_state: RegistrationState,
    pub application_number: Option<String>,
    pub profile_kind: ProfileKind,
    /// The last day of the profile, once confirmed (in the past when it expired).
    pub profile_valid_until: Option<Date>,
    pub authorisation: Authorisation,
}

/// What loading a scenario did.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ScenarioLoaded {
    pub scenario: String,
    /// How many accounts there are now.
    pub accounts: usize,
    /// The citizens to log in as, for `citizens` (the storm's accounts follow a pattern instead).
    pub citizens: Vec<FixtureCitizen>,
    /// How long the loading took, in milliseconds.
    pub took_ms: u64,
}

/// Empties the state and puts the scenario's world in it, in one transaction.
pub fn load(state: &AppState, scenario: Scenario) -> Result<ScenarioLoaded, StoreError> {
    let started = std::time::Instant::now();
    // One hash for every fixture account: argon2id is slow by design, and these share a password.
    let hash = || -> Arc<str> { crate::password::hash(FIXTURE_PASSWORD).into() };
    let (now, today) = (state.clock.now(), state.clock.today());
    let (accounts, citizens) = match scenario {
        Scenario::Empty => (state.store.replace_with(std::iter::empty())?, Vec::new()),
        Scenario::Citizens => {
            let hash = hash();
            let seeds: Vec<Seed> = CITIZENS.iter().enumerate().map(|(index, c)| c.seed(index, &hash, now, today)).collect();
            let citizens = CITIZENS.iter().zip(&seeds).map(|(c, seed)| c.describe(seed)).collect();
            (state.store.replace_with(seeds)?, citizens)
        }
        Scenario::RenewalStorm => {
            let hash = hash();
            (state.store.replace_with((0..STORM_ACCOUNTS).map(|i| storm_seed(i, &hash, now, today)))?, Vec::new())
        }
    };
    // The storm's citizens had their reminders before the day; the fixtures get any due now.
    match scenario {
        Scenario::RenewalStorm => crate::reminders::settle(state)?,
        Scenario::Empty | Scenario::Citizens => crate::reminders::send_due(state)?,
    };
    let took_ms = started.elapsed().as_millis() as u64;
    tracing::info!(scenario = scenario.name(), accounts, took_ms, "scenario loaded");
    Ok(ScenarioLoaded { scenario: scenario.name().into(), accounts, citizens, took_ms })
}

/// Where a fixture citizen stands.
#[derive(Clone, Copy)]
enum Situation {
    AwaitingSms,
    CodeSpent,
    AwaitingIdentity,
    /// An active profile confirmed this many days ago.
    Active {
        confirmed_days_ago: i64,
    },
    /// A profile whose last valid day is `days` from today.
    ValidForDays(i64),
    /// Expired on 31 October 2023 (valid until the 30th), like 5.5 million others.
    ExpiredOn31October2023,
}

#[derive(Clone, Copy)]
enum Way {
    EId,
    Video,
    InPerson(&'static str),
    Bank(&'static str),
}

struct Citizen {
    username: &'static str,
    first_name: &'static str,
    surname: &'static str,
    pesel: &'static str,
    phone: &'static str,
    way: Way,
    situation: Situation,
    authorisation: Authorisation,
    about: &'static str,
}

const fn citizen(
    username: &'static str,
    name: (&'static str, &'static str),
    pesel: &'static str,
    phone: &'static str,
    way: Way,
    situation: Situation,
    about: &'static str,
) -> Citizen {
    Citizen { username, first_name: name.0, surname: name.1, pesel, phone, way, situation, authorisation: Authorisation::Sms, about }
}

/// The `citizens` scenario. Each PESEL is valid (a test parses every one with `shared`).
// One citizen a line: the table reads as the README's.
#[rustfmt::skip]
const CITIZENS: [Citizen; 12] = [
    citizen("anna_nowak", ("Anna", "Nowak"), "85031210129", "+48600100001", Way::EId, Situation::AwaitingSms, "registered, awaiting the SMS code (read it in the outbox)"),
    citizen("bartosz_wisniewski", ("Bartosz", "Wiśniewski"), "90070420255", "+48600100002", Way::Video, Situation::AwaitingIdentity, "application sent, awaiting the video call (Microsoft Teams)"),
    citizen("celina_wojcik", ("Celina", "Wójcik"), "78112330360", "+48600100003", Way::InPerson("zus-krakow"), Situation::AwaitingIdentity, "application sent, awaiting a visit at ZUS in Kraków"),
    citizen("dariusz_kaminski", ("Dariusz", "Kamiński"), "69013040496", "+48600100004", Way::Bank("pko"), Situation::Active { confirmed_days_ago: 365 }, "active ordinary profile (confirmed by PKO Bank Polski a year ago)"),
    citizen("ewa_lewandowska", ("Ewa", "Lewandowska"), "95051750509", "+48600100005", Way::Video, Situation::Active { confirmed_days_ago: 30 }, "active temporary profile (video call a month ago; cannot be extended)"),
    citizen("filip_zielinski", ("Filip", "Zieliński"), "82090960631", "+48600100006", Way::Bank("mbank"), Situation::ValidForDays(10), "ordinary profile expiring in 10 days"),
    citizen("grazyna_szymanska", ("Grażyna", "Szymańska"), "58022870749", "+48600100007", Way::InPerson("us-gdansk"), Situation::ExpiredOn31October2023, "profile expired on 2023-10-31, account kept"),
    Citizen { authorisation: Authorisation::Push, ..citizen("henryk_wozniak", ("Henryk", "Woźniak"), "50061580870", "+48600100008", Way::EId, Situation::Active { confirmed_days_ago: 200 }, "active ordinary profile, authorises with mObywatel push notifications") },
    citizen("irena_dabrowska", ("Irena", "Dąbrowska"), "73120190980", "+48600100009", Way::EId, Situation::CodeSpent, "registered, SMS code spent after 3 wrong tries (must ask for a new one)"),
    citizen("jerzy_kozlowski", ("Jerzy", "Kozłowski"), "88042611136", "+48600100010", Way::Bank("envelo"), Situation::AwaitingIdentity, "application sent, awaiting confirmation through Envelo"),
    citizen("katarzyna_jankowska", ("Katarzyna", "Jankowska"), "01281922247", "+48600100011", Way::EId, Situation::AwaitingIdentity, "application sent, awaiting confirmation with the e-ID card"),
    citizen("lena_mazur", ("Lena", "Mazur"), "12300333364", "+48600100012", Way::InPerson("ug-zakopane"), Situation::Active { confirmed_days_ago: 60 }, "14-year-old with an active ordinary profile"),
];

impl Citizen {
    fn email(&self) -> String {
        format!("{}@example.pl", self.username)
    }

    fn confirmation(&self, today: Date) -> Confirmation {
        match self.way {
            Way::EId => Confirmation::EId {},
            Way::Video => Confirmation::Video { app: Some(VideoApp::Teams), windows: offered_call_windows(today).into_iter().take(2).collect() },
            Way::InPerson(point) => Confirmation::InPerson { point: point.into() },
            Way::Bank(provider) => Confirmation::Bank { provider: provider.into() },
        }
    }

    fn seed(&self, index: usize, hash: &Arc<str>, now: i64, today: Date) -> Seed {
        let confirmation = self.confirmation(today);
        let kind = confirmation.profile_kind();
        let lang = Lang::Pl;
        // When the profile was confirmed and until when it is valid, for those that have one.
        let profile_days = match self.situation {
            Situation::AwaitingSms | Situation::CodeSpent | Situation::AwaitingIdentity => None,
            Situation::Active { confirmed_days_ago } => Some((confirmed_days_ago, kind.valid_until(today.add_days(-confirmed_days_ago)))),
            Situation::ValidForDays(days) => Some((3 * 365 - days, today.add_days(days))),
            Situation::ExpiredOn31October2023 => {
                let valid_until = Date::new(2023, 10, 30).expect("a real date");
                Some((today.days_since_epoch() - Date::new(2020, 10, 30).expect("a real date").days_since_epoch(), valid_until))
            }
        };
        let registered_days_ago = profile_days.map_or(1, |(days, _)| days + 1);
        let created_at = now - registered_days_ago * DAY;
        let sent_on = today.add_days(-registered_days_ago);
        let state = match (self.situation, profile_days) {
            (Situation::AwaitingSms | Situation::CodeSpent, _) => RegistrationState::AwaitingSms,
            (_, None) => RegistrationState::AwaitingIdentity,
            (_, Some(_)) => RegistrationState::Confirmed,
        };
        let application_number = (state != RegistrationState::AwaitingSms).then(|| format!("PZ-{}-{:06}", sent_on.year, index + 1));
        let email =
            |notice: notices::Email, at: i64| (Message { channel: Channel::Email, to: self.email(), subject: Some(notice.subject), text: notice.text }, at);
        let mut messages = Vec::new();
        let code = match self.situation {
            Situation::AwaitingSms | Situation::CodeSpent => {
                let code = format!("{:06}", 100_000 + index * 7_919);
                let sms = Message {
                    channel: Channel::Sms,
                    to: self.phone.into(),
                    subject: None,
                    text: notices::sms_code(&code, notices::CodeFor::Registration, lang),
                };
                messages.push((sms, now - 60));
                let tries_left = if matches!(self.situation, Situation::CodeSpent) { 0 } else { sms_code::TRIES };
                Some(SentCode { code, sent_at: now - 60, expires_at: now - 60 + sms_code::VALID_SECONDS, tries_left })
            }
            _ => None,
        };
        if let Some(number) = &application_number {
            messages.push(email(notices::account_created(self.username, lang), created_at));
            messages.push(email(notices::application_sent(number, &confirmation, lang), created_at));
        }
        let profile = profile_days.map(|(days, valid_until)| {
            let confirmed_at = now - days * DAY;
            messages.push(email(notices::profile_confirmed(&valid_until.to_string(), lang), confirmed_at));
            SeedProfile { kind, valid_until, confirmed_at }
        });
        Seed {
            registration_id: format!("fixture-{}", self.username.replace('_', "-")),
            username: self.username.into(),
            password_hash: hash.clone(),
            first_name: self.first_name.into(),
            surname: self.surname.into(),
            pesel: self.pesel.into(),
            email: self.email(),
            phone: self.phone.into(),
            authorisation: self.authorisation,
            confirmation,
            lang,
            state,
            application_number,
            created_at,
            code,
            profile,
            messages,
        }
    }

    fn describe(&self, seed: &Seed) -> FixtureCitizen {
        FixtureCitizen {
            username: seed.username.clone(),
            password: FIXTURE_PASSWORD.into(),
            pesel: seed.pesel.clone(),
            email: seed.email.clone(),
            phone: seed.phone.clone(),
            situation: self.about.into(),
            registration_id: seed.registration_id.clone(),
            registration_state: seed.state,
            application_number: seed.application_number.clone(),
            profile_kind: seed.confirmation.profile_kind(),
            profile_valid_until: seed.profile.as_ref().map(|p| p.valid_until),
            authorisation: seed.authorisation,
        }
    }
}

/// The `i`-th account of the renewal storm: an ordinary profile confirmed three years ago by a
/// bank, valid until today. PESELs are distinct: ten birth dates, 10 000 serials each.
fn storm_seed(i: usize, hash: &Arc<str>, now: i64, today: Date) -> Seed {
    let n = i + 1;
    let birth = Date::new(1960, 1, 1).expect("a real date").add_days((i / 10_000) as i64 * 1_111);
    let first_ten = format!("{:02}{:02}{:02}{:04}", birth.year % 100, birth.month, birth.day, i % 10_000);
    let digits: Vec<u8> = first_ten.bytes().map(|b| b - b'0').collect();
    let pesel = format!("{first_ten}{}", pesel::check_digit(&digits));
    let username = format!("obywatel{n:06}");
    let confirmed_days_ago = 3 * 365;
    let created_at = now - (confirmed_days_ago + 1) * DAY;
    Seed {
        registration_id: format!("storm-{n:06}"),
        email: format!("{username}@example.pl"),
        username,
        password_hash: hash.clone(),
        first_name: "Jan".into(),
        surname: "Obywatel".into(),
        pesel,
        phone: format!("+4850{n:07}"),
        authorisation: Authorisation::Sms,
        confirmation: Confirmation::Bank { provider: "pko".into() },
        lang: Lang::Pl,
        state: RegistrationState::Confirmed,
        application_number: Some(format!("PZ-{}-{n:06}", today.year - 3)),
        created_at,
        code: None,
        profile: Some(SeedProfile { kind: ProfileKind::Ordinary, valid_until: today, confirmed_at: now - confirmed_days_ago * DAY }),
        messages: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_storm_pesels_are_all_valid_and_distinct() {
        let (hash, today) = (Arc::from("hash"), Date::new(2026, 11, 25).unwrap());
        let pesels: std::collections::HashSet<String> = (0..STORM_ACCOUNTS).map(|i| storm_seed(i, &hash, 0, today).pesel).collect();
        assert_eq!(pesels.len(), STORM_ACCOUNTS);
        for text in &pesels {
            pesel::Pesel::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        }
    }

    #[test]
    fn every_fixture_citizen_has_a_valid_pesel_and_phone() {
        for c in &CITIZENS {
            pesel::Pesel::parse(c.pesel).unwrap_or_else(|e| panic!("{}: {e:?}", c.username));
            assert_eq!(shared::rules::phone::PhoneNumber::parse(c.phone).map(|p| p.e164()).as_deref(), Ok(c.phone), "{}", c.username);
            assert!(shared::rules::username::validate(c.username).is_ok(), "{}", c.username);
        }
    }
}
