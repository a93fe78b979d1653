//! The registration aggregate in the state: the account and its application from creation to the
//! confirmed identity, each change of state guarded in the statement that makes it.

use crate::codes::{self, Purpose, SentCode};
use crate::db::{self, Store, StoreError};
use crate::outbox::{post, Message};
use rusqlite::{params, OptionalExtension, Transaction};
use shared::api::RegistrationState;
use shared::date::Date;
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::rules::phone::PhoneNumber;
use shared::Lang;

/// An account and its registration, as `POST /api/v1/registrations` creates them.
pub struct NewRegistration<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub username_key: &'a str,
    pub password_hash: &'a str,
    pub first_name: &'a str,
    pub second_name: Option<&'a str>,
    pub surname: &'a str,
    pub pesel: &'a str,
    pub email: &'a str,
    /// E.164.
    pub phone: &'a str,
    pub confirmation: &'a Confirmation,
    pub lang: Lang,
    /// The client's `Idempotency-Key` and the hash of the body it came with: the same key with
    /// the same body answers this registration for 24 hours.
    pub idempotency: Option<(&'a str, &'a str)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub id: String,
    pub state: RegistrationState,
    pub confirmation: Confirmation,
    pub lang: Lang,
    pub application_number: Option<String>,
    pub username: String,
    pub email: String,
    pub phone: PhoneNumber,
    /// The last day of the profile, once the identity is confirmed.
    pub profile_valid_until: Option<Date>,
}

impl Registration {
    pub fn profile_kind(&self) -> ProfileKind {
        self.confirmation.profile_kind()
    }
}

impl Store {
    pub fn username_taken(&self, username_key: &str) -> Result<bool, StoreError> {
        let taken = self.connection().query_row("SELECT 1 FROM accounts WHERE username_key = ?1", [username_key], |_| Ok(())).optional()?;
        Ok(taken.is_some())
    }

    /// Creates the account, its registration awaiting the SMS code, the code, and its SMS; unless
    /// five registration codes went to the phone within the hour (SMS pumping).
    pub fn create_registration(&self, new: &NewRegistration, code: &SentCode, sms: &Message) -> Result<(), StoreError> {
        let (idempotency_key, idempotency_body) = new.idempotency.unzip();
        self.transact(|transaction, key| {
            let (count, first): (i64, Option<i64>) = transaction.query_row(
                "SELECT COUNT(*), MIN(c.sent_at) FROM code_sends c JOIN registrations r ON r.id = c.subject JOIN accounts a ON a.id = r.account_id
             WHERE c.purpose = ?1 AND a.phone = ?2 AND c.sent_at > ?3",
                params![Purpose::Registration.code(), new.phone, code.sent_at - 3_600],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            if let Some(first) = first.filter(|_| count >= codes::MAX_PER_HOUR) {
                return Err(StoreError::PhoneBusy { retry_after: first + 3_600 - code.sent_at });
            }
            let inserted = transaction.execute(
                "INSERT INTO accounts (username, username_key, password_hash, first_name, second_name, surname, pesel, email, phone, created_at, lang)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    new.username,
                    new.username_key,
                    new.password_hash,
                    new.first_name,
                    new.second_name,
                    new.surname,
                    new.pesel,
                    new.email,
                    new.phone,
                    code.sent_at,
                    new.lang.tag()
                ],
            );
            match inserted {
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => return Err(StoreError::UsernameTaken),
                other => other?,
            };
            let account_id = transaction.last_insert_rowid();
            let confirmation = serde_json::to_string(new.confirmation).expect("a confirmation serialises");
            let inserted = transaction.execute(
                "INSERT INTO registrations (id, account_id, state, confirmation, lang, created_at, idempotency_key, idempotency_body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new.id,
                    account_id,
                    RegistrationState::AwaitingSms.code(),
                    confirmation,
                    new.lang.tag(),
                    code.sent_at,
                    idempotency_key,
                    idempotency_body
                ],
            );
            match inserted {
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => return Err(StoreError::IdempotencyKeyTaken),
                other => other?,
            };
            codes::put(transaction, key, Purpose::Registration, new.id, code)?;
            post(transaction, sms, code.sent_at)?;
            Ok(())
        })
    }

    /// The registration created with this `Idempotency-Key` after `since`: its id and the hash of
    /// the body that came with the key. An older key is forgotten, so it may be used anew.
    pub fn registration_with_key(&self, idempotency_key: &str, since: i64) -> Result<Option<(String, Option<String>)>, StoreError> {
        let connection = self.connection();
        connection
            .execute("UPDATE registrations SET idempotency_key = NULL WHERE idempotency_key = ?1 AND created_at <= ?2", params![idempotency_key, since])?;
        let found = connection
            .query_row("SELECT id, idempotency_body FROM registrations WHERE idempotency_key = ?1", [idempotency_key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        Ok(found)
    }

    pub fn registration(&self, id: &str) -> Result<Option<Registration>, StoreError> {
        let connection = self.connection();
        let registration = connection
            .query_row(
                "SELECT r.id, r.state, r.confirmation, r.lang, r.application_number, a.username, a.email, a.phone, p.valid_until
                 FROM registrations r JOIN accounts a ON a.id = r.account_id LEFT JOIN profiles p ON p.registration_id = r.id
                 WHERE r.id = ?1",
                [id],
                |row| {
                    Ok(Registration {
                        id: row.get(0)?,
                        state: db::parsed(row, 1, "state", RegistrationState::from_code)?,
                        confirmation: db::parsed(row, 2, "confirmation", |text| serde_json::from_str(text).ok())?,
                        lang: db::parsed(row, 3, "lang", Lang::from_tag)?,
                        application_number: row.get(4)?,
                        username: row.get(5)?,
                        email: row.get(6)?,
                        phone: db::parsed(row, 7, "phone", |text| PhoneNumber::parse(text).ok())?,
                        profile_valid_until: db::parsed_optional(row, 8, "valid_until", |text| text.parse().ok())?,
                    })
                },
            )
            .optional()?;
        Ok(registration)
    }

    /// The code was right: the application is sent — if the registration still awaits its code,
    /// judged in the statement that changes it. Then gives it the next number of `year`
    /// (`PZ-2026-000123`) and sends the e-mails `emails(number)` composes, within `transaction`;
    /// `None` when it no longer awaited the code, and nothing changed.
    pub fn send_application(
        transaction: &Transaction,
        registration_id: &str,
        year: u16,
        now: i64,
        emails: impl FnOnce(&str) -> Vec<Message>,
    ) -> Result<Option<String>, StoreError> {
        let changed = transaction.execute(
            "UPDATE registrations SET state = ?2 WHERE id = ?1 AND state = ?3",
            params![registration_id, RegistrationState::AwaitingIdentity.code(), RegistrationState::AwaitingSms.code()],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        let number = next_application_number(transaction, year)?;
        transaction.execute("UPDATE registrations SET application_number = ?2 WHERE id = ?1", params![registration_id, number])?;
        for email in emails(&number) {
            post(transaction, &email, now)?;
        }
        Ok(Some(number))
    }

    /// Whether a profile of this PESEL is valid on `today` (`YYYY-MM-DD`, compared as text).
    pub fn pesel_has_active_profile(&self, pesel: &str, today: &str) -> Result<bool, StoreError> {
        let found = self
            .connection()
            .query_row("SELECT 1 FROM profiles WHERE pesel = ?1 AND valid_until >= ?2 LIMIT 1", params![pesel, today], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    /// An official or a provider confirmed the identity: the profile of `kind` is valid until
    /// `valid_until`, and the e-mail saying so is sent — if the registration still awaits it,
    /// judged in the statement that changes it, so of two confirmations at once exactly one
    /// takes effect (`false`: it no longer awaited its identity, and nothing changed).
    pub fn confirm_identity(&self, registration_id: &str, kind: ProfileKind, valid_until: Date, now: i64, email: &Message) -> Result<bool, StoreError> {
        self.transact(|transaction, _| {
            let changed = transaction.execute(
                "UPDATE registrations SET state = ?2 WHERE id = ?1 AND state = ?3",
                params![registration_id, RegistrationState::Confirmed.code(), RegistrationState::AwaitingIdentity.code()],
            )?;
            if changed == 0 {
                return Ok(false);
            }
            transaction.execute(
                "INSERT INTO profiles (account_id, registration_id, pesel, kind, valid_until, confirmed_at)
             SELECT a.id, r.id, a.pesel, ?2, ?3, ?4 FROM registrations r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?1",
                params![registration_id, kind.code(), valid_until.to_string(), now],
            )?;
            post(transaction, email, now)?;
            Ok(true)
        })
    }
}

/// Within a transaction: the next application number of `year` (`PZ-2026-000123`).
pub fn next_application_number(transaction: &Transaction, year: u16) -> rusqlite::Result<String> {
    let last: i64 = transaction.query_row(
        "INSERT INTO application_numbers (year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |row| row.get(0),
    )?;
    Ok(format!("PZ-{year}-{last:06}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with one registration awaiting its identity, read as it was written.
    fn store_with_one() -> Store {
        let store = Store::in_memory().unwrap();
        store
            .connection()
            .execute_batch(
                r#"INSERT INTO accounts (id, username, username_key, password_hash, first_name, surname, pesel, email, phone, created_at)
                   VALUES (1, 'jan', 'jan', 'x', 'Jan', 'Nowak', '44051401359', 'jan@example.pl', '+48600123456', 0);
                   INSERT INTO registrations (id, account_id, state, confirmation, lang, application_number, created_at)
                   VALUES ('r1', 1, 'awaiting_identity', '{"method":"e_id"}', 'pl', 'PZ-2026-000001', 0);"#,
            )
            .unwrap();
        store
    }

    #[test]
    fn a_stored_value_this_version_cannot_read_is_an_error_never_a_guess() {
        let store = store_with_one();
        let read = store.registration("r1").unwrap().unwrap();
        assert_eq!((read.state, read.phone.e164()), (RegistrationState::AwaitingIdentity, "+48600123456".to_owned()));
        for corruption in [
            "UPDATE registrations SET state = 'approved'",
            "UPDATE registrations SET state = 'awaiting_identity', lang = 'de'",
            "UPDATE registrations SET lang = 'pl', confirmation = '{\"method\":\"carrier_pigeon\"}'",
            "UPDATE registrations SET confirmation = '{\"method\":\"e_id\"}'; UPDATE accounts SET phone = 'not a phone'",
        ] {
            store.connection().execute_batch(corruption).unwrap();
            assert!(matches!(store.registration("r1"), Err(StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(..)))), "{corruption}");
        }
    }

    #[test]
    fn of_two_identity_confirmations_in_turn_only_the_first_takes_effect() {
        let store = store_with_one();
        let email = || Message { channel: shared::api::Channel::Email, to: "jan@example.pl".into(), subject: None, text: "potwierdzony".into() };
        let valid_until = Date::new(2029, 12, 7).unwrap();
        assert!(store.confirm_identity("r1", ProfileKind::Ordinary, valid_until, 10, &email()).unwrap());
        assert!(!store.confirm_identity("r1", ProfileKind::Temporary, valid_until, 11, &email()).unwrap());
        let profiles: i64 = store.connection().query_row("SELECT COUNT(*) FROM profiles WHERE kind = 'ordinary'", [], |row| row.get(0)).unwrap();
        assert_eq!((profiles, store.outbox(None).unwrap().len()), (1, 1));
    }
}
