//! The mock's state in SQLite: accounts, registrations, SMS codes and the outbox. Each change is
//! one transaction, on disk (WAL, synchronous=FULL) before the answer that acknowledges it.

use rusqlite::{params, Connection, OptionalExtension};
use shared::api::{Channel, OutboxEntry, RegistrationState};
use shared::date::Date;
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::Lang;
use std::path::Path;
use std::sync::Mutex;

/// Each entry brings the schema from the version before it to its own (`PRAGMA user_version`).
const MIGRATIONS: [&str; 4] = [
    r#"
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name    TEXT NOT NULL,
    second_name   TEXT,
    surname       TEXT NOT NULL,
    pesel         TEXT NOT NULL,
    email         TEXT NOT NULL,
    phone         TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE TABLE registrations (
    id                 TEXT PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    state              TEXT NOT NULL,
    confirmation       TEXT NOT NULL,
    lang               TEXT NOT NULL,
    application_number TEXT UNIQUE,
    created_at         INTEGER NOT NULL
);
CREATE TABLE sms_codes (
    registration_id TEXT PRIMARY KEY REFERENCES registrations(id),
    code            TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    tries_left      INTEGER NOT NULL
);
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    subject    TEXT,
    text       TEXT NOT NULL,
    sent_at    INTEGER NOT NULL
);
CREATE INDEX outbox_recipient ON outbox(recipient);
CREATE TABLE application_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
"#,
    r#"
CREATE TABLE profiles (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    registration_id TEXT NOT NULL UNIQUE REFERENCES registrations(id),
    pesel           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    confirmed_at    INTEGER NOT NULL
);
CREATE INDEX profiles_pesel ON profiles(pesel, valid_until);
"#,
    r#"
ALTER TABLE accounts ADD COLUMN authorisation TEXT NOT NULL DEFAULT 'sms';
"#,
    r#"
ALTER TABLE registrations ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX registrations_idempotency_key ON registrations(idempotency_key);
"#,
];

/// Every table, children first: what a reset empties.
const TABLES: [&str; 6] = ["profiles", "sms_codes", "outbox", "registrations", "accounts", "application_numbers"];

#[derive(Debug)]
pub enum StoreError {
    /// Another account has this username (compared case-insensitively).
    UsernameTaken,
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Sqlite(error)
    }
}

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
    /// The client's `Idempotency-Key`: the same key again answers this registration.
    pub idempotency_key: Option<&'a str>,
}

/// A message to put in the outbox.
pub struct Message {
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub text: String,
}

/// The SMS code a registration waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentCode {
    pub code: String,
    pub sent_at: i64,
    pub expires_at: i64,
    pub tries_left: u8,
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
    pub phone: String,
    pub code: Option<SentCode>,
    /// The last day of the profile, once the identity is confirmed (`YYYY-MM-DD`).
    pub profile_valid_until: Option<String>,
}

impl Registration {
    pub fn profile_kind(&self) -> ProfileKind {
        self.confirmation.profile_kind()
    }
}

/// How a citizen confirms a login or an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authorisation {
    /// A code by SMS.
    Sms,
    /// A push notification accepted in mObywatel.
    Push,
}

impl Authorisation {
    fn code(self) -> &'static str {
        match self {
            Authorisation::Sms => "sms",
            Authorisation::Push => "push",
        }
    }
}

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

pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        Store::migrated(connection)
    }

    /// A store that lives in memory only.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::migrated(Connection::open_in_memory()?)
    }

    fn migrated(mut connection: Connection) -> Result<Store, StoreError> {
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: usize = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(version) {
            let transaction = connection.transaction()?;
            transaction.execute_batch(migration)?;
            transaction.pragma_update(None, "user_version", index + 1)?;
            transaction.commit()?;
        }
        Ok(Store { connection: Mutex::new(connection) })
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written change: every change is a
        // transaction, rolled back when dropped. So a poisoned lock is safe to take over.
        self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn username_taken(&self, username_key: &str) -> Result<bool, StoreError> {
        let taken = self.connection().query_row("SELECT 1 FROM accounts WHERE username_key = ?1", [username_key], |_| Ok(())).optional()?;
        Ok(taken.is_some())
    }

    /// Creates the account, its registration awaiting the SMS code, the code, and its SMS.
    pub fn create_registration(&self, new: &NewRegistration, code: &SentCode, sms: &Message) -> Result<(), StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT INTO accounts (username, username_key, password_hash, first_name, second_name, surname, pesel, email, phone, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
                code.sent_at
            ],
        );
        match inserted {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => return Err(StoreError::UsernameTaken),
            other => other?,
        };
        let account_id = transaction.last_insert_rowid();
        let confirmation = serde_json::to_string(new.confirmation).expect("a confirmation serialises");
        transaction.execute(
            "INSERT INTO registrations (id, account_id, state, confirmation, lang, created_at, idempotency_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![new.id, account_id, RegistrationState::AwaitingSms.code(), confirmation, new.lang.tag(), code.sent_at, new.idempotency_key],
        )?;
        put_code(&transaction, new.id, code)?;
        post(&transaction, sms, code.sent_at)?;
        transaction.commit()?;
        Ok(())
    }

    /// The id of the registration created with this `Idempotency-Key`, if any.
    pub fn registration_with_key(&self, idempotency_key: &str) -> Result<Option<String>, StoreError> {
        let id = self.connection().query_row("SELECT id FROM registrations WHERE idempotency_key = ?1", [idempotency_key], |row| row.get(0)).optional()?;
        Ok(id)
    }

    pub fn registration(&self, id: &str) -> Result<Option<Registration>, StoreError> {
        let connection = self.connection();
        let registration = connection
            .query_row(
                "SELECT r.id, r.state, r.confirmation, r.lang, r.application_number, a.username, a.email, a.phone,
                        c.code, c.sent_at, c.expires_at, c.tries_left, p.valid_until
                 FROM registrations r JOIN accounts a ON a.id = r.account_id LEFT JOIN sms_codes c ON c.registration_id = r.id
                 LEFT JOIN profiles p ON p.registration_id = r.id
                 WHERE r.id = ?1",
                [id],
                |row| {
                    let code = row.get::<_, Option<String>>(8)?.map(|code| -> rusqlite::Result<SentCode> {
                        Ok(SentCode { code, sent_at: row.get(9)?, expires_at: row.get(10)?, tries_left: row.get(11)? })
                    });
                    Ok(Registration {
                        id: row.get(0)?,
                        state: RegistrationState::from_code(&row.get::<_, String>(1)?).ok_or_else(|| corrupt(1, "state"))?,
                        confirmation: serde_json::from_str(&row.get::<_, String>(2)?).map_err(|_| corrupt(2, "confirmation"))?,
                        lang: Lang::from_tag(&row.get::<_, String>(3)?).ok_or_else(|| corrupt(3, "lang"))?,
                        application_number: row.get(4)?,
                        username: row.get(5)?,
                        email: row.get(6)?,
                        phone: row.get(7)?,
                        code: code.transpose()?,
                        profile_valid_until: row.get(12)?,
                    })
                },
            )
            .optional()?;
        Ok(registration)
    }

    /// Counts one wrong try of the registration's code; answers the tries left.
    pub fn spend_try(&self, registration_id: &str) -> Result<u8, StoreError> {
        let connection = self.connection();
        let left = connection.query_row(
            "UPDATE sms_codes SET tries_left = MAX(tries_left - 1, 0) WHERE registration_id = ?1 RETURNING tries_left",
            [registration_id],
            |row| row.get(0),
        )?;
        Ok(left)
    }

    /// Replaces the registration's code with a new one and sends it.
    pub fn replace_code(&self, registration_id: &str, code: &SentCode, sms: &Message) -> Result<(), StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        put_code(&transaction, registration_id, code)?;
        post(&transaction, sms, code.sent_at)?;
        transaction.commit()?;
        Ok(())
    }

    /// The code was right: the application is sent. Gives it the next number of `year`
    /// (`PZ-2026-000123`), spends the code and sends the e-mails `emails(number)` composes.
    pub fn send_application(&self, registration_id: &str, year: u16, now: i64, emails: impl FnOnce(&str) -> Vec<Message>) -> Result<String, StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        let last: i64 = transaction.query_row(
            "INSERT INTO application_numbers (year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
            |row| row.get(0),
        )?;
        let number = format!("PZ-{year}-{last:06}");
        transaction.execute(
            "UPDATE registrations SET state = ?2, application_number = ?3 WHERE id = ?1",
            params![registration_id, RegistrationState::AwaitingIdentity.code(), number],
        )?;
        transaction.execute("DELETE FROM sms_codes WHERE registration_id = ?1", [registration_id])?;
        for email in emails(&number) {
            post(&transaction, &email, now)?;
        }
        transaction.commit()?;
        Ok(number)
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
    /// `valid_until`, and the e-mail saying so is sent.
    pub fn confirm_identity(&self, registration_id: &str, kind: &str, valid_until: &str, now: i64, email: &Message) -> Result<(), StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        transaction.execute(
            "INSERT INTO profiles (account_id, registration_id, pesel, kind, valid_until, confirmed_at)
             SELECT a.id, r.id, a.pesel, ?2, ?3, ?4 FROM registrations r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?1",
            params![registration_id, kind, valid_until, now],
        )?;
        transaction.execute("UPDATE registrations SET state = ?2 WHERE id = ?1", params![registration_id, RegistrationState::Confirmed.code()])?;
        post(&transaction, email, now)?;
        transaction.commit()?;
        Ok(())
    }

    /// Empties every table (the schema stays): a designer's fresh start.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.replace_with(std::iter::empty()).map(drop)
    }

    /// Empties every table and puts in `seeds`, all in one transaction; answers how many.
    /// Application numbers go on after the highest one seeded for each year.
    pub fn replace_with(&self, seeds: impl IntoIterator<Item = Seed>) -> Result<usize, StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
        for table in TABLES {
            transaction.execute(&format!("DELETE FROM {table}"), [])?;
        }
        let mut count = 0;
        {
            let mut account = transaction.prepare(
                "INSERT INTO accounts (username, username_key, password_hash, first_name, surname, pesel, email, phone, authorisation, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
                    seed.created_at
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
                    put_code(&transaction, &seed.registration_id, code)?;
                }
                if let Some(p) = &seed.profile {
                    profile.execute(params![account_id, seed.registration_id, seed.pesel, p.kind.code(), p.valid_until.to_string(), p.confirmed_at])?;
                }
                for (message, sent_at) in &seed.messages {
                    post(&transaction, message, *sent_at)?;
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
        transaction.commit()?;
        Ok(count)
    }

    /// Every message sent, newest first; only those to `to` when given.
    pub fn outbox(&self, to: Option<&str>) -> Result<Vec<OutboxEntry>, StoreError> {
        let connection = self.connection();
        let mut statement =
            connection.prepare("SELECT id, channel, recipient, sent_at, subject, text FROM outbox WHERE ?1 IS NULL OR recipient = ?1 ORDER BY id DESC")?;
        let entries = statement
            .query_map([to], |row| {
                Ok(OutboxEntry {
                    id: row.get(0)?,
                    channel: if row.get::<_, String>(1)? == "sms" { Channel::Sms } else { Channel::Email },
                    to: row.get(2)?,
                    sent_at: row.get(3)?,
                    subject: row.get(4)?,
                    text: row.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(entries)
    }
}

/// A column whose stored text this version cannot read: an error, never a guess.
fn corrupt(column: usize, name: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, format!("unreadable {name}").into())
}

fn put_code(transaction: &rusqlite::Transaction, registration_id: &str, code: &SentCode) -> rusqlite::Result<usize> {
    transaction.execute(
        "INSERT INTO sms_codes (registration_id, code, sent_at, expires_at, tries_left) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(registration_id) DO UPDATE SET code = ?2, sent_at = ?3, expires_at = ?4, tries_left = ?5",
        params![registration_id, code.code, code.sent_at, code.expires_at, code.tries_left],
    )
}

fn post(transaction: &rusqlite::Transaction, message: &Message, now: i64) -> rusqlite::Result<usize> {
    let channel = match message.channel {
        Channel::Sms => "sms",
        Channel::Email => "email",
    };
    transaction.execute(
        "INSERT INTO outbox (channel, recipient, subject, text, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![channel, message.to, message.subject, message.text, now],
    )
}
