//! A scenario's citizens put straight into the state: accounts, registrations, codes, profiles
//! and the messages they were already sent.

use crate::codes::{self, Purpose, SentCode};
use crate::db::{Store, StoreError};
use crate::outbox::{post, Message};
use rusqlite::params;
use shared::api::{Authorisation, RegistrationState};
use shared::date::Date;
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::Lang;

/// A citizen put straight into the state by a scenario: the account, its registration, and what
/// their situation has besides (a pending code, a profile, the messages already sent).
pub struct Seed {
    pub registration_id: String,
    pub username: String,
    pub password_hash: std::sync::Arc<str>,
    pub first_name: String,
    pub surname: String,
    pub pesel: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    pub authorisation: Authorisation,
    pub confirmation: Confirmation,
    pub lang: Lang,
    pub state: RegistrationState,
    /// `PZ-YYYY-NNNNNN`, once the SMS code was confirmed.
    pub application_number: Option<String>,
    pub created_at: i64,
    pub code: Option<SentCode>,
    pub profile: Option<SeedProfile>,
    /// Messages already sent, each with its time.
    pub messages: Vec<(Message, i64)>,
}

pub struct SeedProfile {
    pub kind: ProfileKind,
    pub valid_until: Date,
    pub confirmed_at: i64,
}

impl Store {
    /// Empties every table (the schema stays): a designer's fresh start.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.replace(|_, _| Ok(()))
    }

    /// Empties every table and puts in `seeds`, all in one transaction; answers how many.
    /// Application numbers go on after the highest one seeded for each year.
    pub fn replace_with(&self, seeds: impl IntoIterator<Item = Seed>) -> Result<usize, StoreError> {
        self.replace(|transaction, code_key| {
        let mut count = 0;
        {
            let mut account = transaction.prepare(
                "INSERT INTO accounts (username, username_key, password_hash, first_name, surname, pesel, email, phone, authorisation, created_at, lang, email_verified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NOT EXISTS (SELECT 1 FROM accounts WHERE email = ?7 AND email_verified = 1))",
            )?;
            let mut registration = transaction.prepare(
                "INSERT INTO registrations (id, account_id, state, confirmation, lang, application_number, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut profile = transaction
                .prepare("INSERT INTO profiles (account_id, registration_id, pesel, kind, valid_until, confirmed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for seed in seeds {
                let key = shared::rules::username::uniqueness_key(&seed.username);
                let account_id = account.insert(params![
                    seed.username,
                    key,
                    &*seed.password_hash,
                    seed.first_name,
                    seed.surname,
                    seed.pesel,
                    seed.email,
                    seed.phone,
                    seed.authorisation.code(),
                    seed.created_at,
                    seed.lang.tag()
                ])?;
                let confirmation = serde_json::to_string(&seed.confirmation).expect("a confirmation serialises");
                registration.execute(params![
                    seed.registration_id,
                    account_id,
                    seed.state.code(),
                    confirmation,
                    seed.lang.tag(),
                    seed.application_number,
                    seed.created_at
                ])?;
                if let Some(code) = &seed.code {
                    codes::put(transaction, code_key, Purpose::Registration, &seed.registration_id, code)?;
                }
                if let Some(p) = &seed.profile {
                    profile.execute(params![account_id, seed.registration_id, seed.pesel, p.kind.code(), p.valid_until.to_string(), p.confirmed_at])?;
                }
                for (message, sent_at) in &seed.messages {
                    post(transaction, message, *sent_at)?;
                }
                count += 1;
            }
        }
        transaction.execute(
            "INSERT INTO application_numbers (year, last)
             SELECT CAST(substr(application_number, 4, 4) AS INTEGER), MAX(CAST(substr(application_number, 9) AS INTEGER))
             FROM registrations WHERE application_number IS NOT NULL GROUP BY 1",
            [],
        )?;
        Ok(count)
        })
    }
}
