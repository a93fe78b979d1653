//! The mock's state in SQLite: accounts, registrations, profiles, one-time codes, sessions and the
//! outbox. Each change is one transaction, on disk (WAL, synchronous=FULL) before the answer that
//! acknowledges it.

use crate::codes::{self, CodeKey, Purpose, SentCode};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use shared::api::{Authorisation, Channel, OutboxEntry, RegistrationState};
use shared::date::Date;
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::Lang;
use std::path::Path;
use std::sync::Mutex;

/// Each entry brings the schema from the version before it to its own (`PRAGMA user_version`).
const MIGRATIONS: [&str; 8] = [
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
    r#"
ALTER TABLE registrations ADD COLUMN idempotency_body TEXT;
DROP TABLE sms_codes;
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
INSERT INTO secrets (name, value) VALUES ('code_key', randomblob(32));
CREATE TABLE one_time_codes (
    purpose    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    code_hash  BLOB NOT NULL,
    sent_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    tries_left INTEGER NOT NULL,
    used       INTEGER NOT NULL,
    PRIMARY KEY (purpose, subject)
);
CREATE TABLE code_sends (
    purpose TEXT NOT NULL,
    subject TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
CREATE INDEX code_sends_subject ON code_sends(purpose, subject, sent_at);
ALTER TABLE accounts ADD COLUMN wrong_passwords INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN locked_until INTEGER;
CREATE INDEX accounts_email ON accounts(email);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    stage      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE TABLE push_requests (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    session_hash TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    check_number TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    state        TEXT NOT NULL
);
CREATE INDEX push_requests_account ON push_requests(account_id, created_at);
CREATE INDEX push_requests_session ON push_requests(session_hash);
"#,
    r#"
ALTER TABLE sessions ADD COLUMN confirmed_at INTEGER NOT NULL DEFAULT 0;
CREATE TABLE password_resets (
    token_hash        TEXT PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    used_at           INTEGER,
    new_password_hash TEXT
);
CREATE INDEX password_resets_account ON password_resets(account_id);
"#,
    r#"
ALTER TABLE accounts ADD COLUMN lang TEXT NOT NULL DEFAULT 'pl';
UPDATE accounts SET lang = COALESCE((SELECT r.lang FROM registrations r WHERE r.account_id = accounts.id ORDER BY r.created_at DESC LIMIT 1), 'pl');
ALTER TABLE profiles ADD COLUMN extended_at INTEGER;
CREATE INDEX profiles_account ON profiles(account_id, confirmed_at);
CREATE INDEX profiles_valid_until ON profiles(valid_until);
CREATE TABLE reminders (
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    valid_until TEXT NOT NULL,
    days_before INTEGER NOT NULL,
    handled_at  INTEGER NOT NULL,
    sent        INTEGER NOT NULL,
    PRIMARY KEY (profile_id, valid_until, days_before)
);
CREATE TABLE extensions (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    email      TEXT NOT NULL,
    phone      TEXT NOT NULL,
    started_at INTEGER NOT NULL
);
"#,
    r#"
CREATE TABLE lockouts (
    login_key       TEXT PRIMARY KEY,
    wrong_passwords INTEGER NOT NULL,
    locked_until    INTEGER
);
ALTER TABLE accounts ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX accounts_verified_email ON accounts(email) WHERE email_verified = 1;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
"#,
];

/// Every table, children first: what a reset empties.
const TABLES: [&str; 13] = [
    "lockouts",
    "reminders",
    "extensions",
    "password_resets",
    "push_requests",
    "sessions",
    "profiles",
    "one_time_codes",
    "code_sends",
    "outbox",
    "registrations",
    "accounts",
    "application_numbers",
];

#[derive(Debug)]
pub enum StoreError {
    /// Another account has this username (compared case-insensitively).
    UsernameTaken,
    /// Another registration took this `Idempotency-Key` at the same moment.
    IdempotencyKeyTaken,
    /// Five registration codes went to this phone number within the hour: the next may go
    /// `retry_after` seconds from now.
    PhoneBusy {
        retry_after: i64,
    },
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
    /// The client's `Idempotency-Key` and the hash of the body it came with: the same key with
    /// the same body answers this registration for 24 hours.
    pub idempotency: Option<(&'a str, &'a str)>,
}

/// A message to put in the outbox.
pub struct Message {
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub text: String,
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
    /// The last day of the profile, once the identity is confirmed (`YYYY-MM-DD`).
    pub profile_valid_until: Option<String>,
}

impl Registration {
    pub fn profile_kind(&self) -> ProfileKind {
        self.confirmation.profile_kind()
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
    code_key: CodeKey,
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
        let key: Vec<u8> = connection.query_row("SELECT value FROM secrets WHERE name = 'code_key'", [], |row| row.get(0))?;
        let code_key = CodeKey(key.try_into().map_err(|_| StoreError::Sqlite(corrupt(0, "code key")))?);
        Ok(Store { connection: Mutex::new(connection), code_key })
    }

    pub(crate) fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written change: every change is a
        // transaction, rolled back when dropped. So a poisoned lock is safe to take over.
        self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `change` in one transaction, committed when it answers `Ok`, rolled back otherwise.
    pub fn transact<T, E: From<StoreError>>(&self, change: impl FnOnce(&Transaction, &CodeKey) -> Result<T, E>) -> Result<T, E> {
        let mut connection = self.connection();
        let transaction = connection.transaction().map_err(StoreError::from)?;
        let answer = change(&transaction, &self.code_key)?;
        transaction.commit().map_err(StoreError::from)?;
        Ok(answer)
    }

    pub fn username_taken(&self, username_key: &str) -> Result<bool, StoreError> {
        let taken = self.connection().query_row("SELECT 1 FROM accounts WHERE username_key = ?1", [username_key], |_| Ok(())).optional()?;
        Ok(taken.is_some())
    }

    /// Creates the account, its registration awaiting the SMS code, the code, and its SMS; unless
    /// five registration codes went to the phone within the hour (SMS pumping).
    pub fn create_registration(&self, new: &NewRegistration, code: &SentCode, sms: &Message) -> Result<(), StoreError> {
        let (idempotency_key, idempotency_body) = new.idempotency.unzip();
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
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
            params![new.id, account_id, RegistrationState::AwaitingSms.code(), confirmation, new.lang.tag(), code.sent_at, idempotency_key, idempotency_body],
        );
        match inserted {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => return Err(StoreError::IdempotencyKeyTaken),
            other => other?,
        };
        codes::put(&transaction, &self.code_key, Purpose::Registration, new.id, code)?;
        post(&transaction, sms, code.sent_at)?;
        transaction.commit()?;
        Ok(())
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
                        state: RegistrationState::from_code(&row.get::<_, String>(1)?).ok_or_else(|| corrupt(1, "state"))?,
                        confirmation: serde_json::from_str(&row.get::<_, String>(2)?).map_err(|_| corrupt(2, "confirmation"))?,
                        lang: Lang::from_tag(&row.get::<_, String>(3)?).ok_or_else(|| corrupt(3, "lang"))?,
                        application_number: row.get(4)?,
                        username: row.get(5)?,
                        email: row.get(6)?,
                        phone: row.get(7)?,
                        profile_valid_until: row.get(8)?,
                    })
                },
            )
            .optional()?;
        Ok(registration)
    }

    /// The code was right: the application is sent. Gives it the next number of `year`
    /// (`PZ-2026-000123`) and sends the e-mails `emails(number)` composes, within `transaction`.
    pub fn send_application(
        transaction: &Transaction,
        registration_id: &str,
        year: u16,
        now: i64,
        emails: impl FnOnce(&str) -> Vec<Message>,
    ) -> Result<String, StoreError> {
        let number = next_application_number(transaction, year)?;
        transaction.execute(
            "UPDATE registrations SET state = ?2, application_number = ?3 WHERE id = ?1",
            params![registration_id, RegistrationState::AwaitingIdentity.code(), number],
        )?;
        for email in emails(&number) {
            post(transaction, &email, now)?;
        }
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
    /// `valid_until`, and the e-mail saying so is sent — if the registration still awaits it,
    /// judged in the statement that changes it, so of two confirmations at once exactly one
    /// takes effect (`false`: it no longer awaited its identity, and nothing changed).
    pub fn confirm_identity(&self, registration_id: &str, kind: &str, valid_until: &str, now: i64, email: &Message) -> Result<bool, StoreError> {
        let mut connection = self.connection();
        let transaction = connection.transaction()?;
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
            params![registration_id, kind, valid_until, now],
        )?;
        post(&transaction, email, now)?;
        transaction.commit()?;
        Ok(true)
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
                    codes::put(&transaction, &self.code_key, Purpose::Registration, &seed.registration_id, code)?;
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
        // Two statements, so that a recipient's messages come from the index, not a scan of all.
        let mut statement = match to {
            Some(_) => connection.prepare_cached("SELECT id, channel, recipient, sent_at, subject, text FROM outbox WHERE recipient = ?1 ORDER BY id DESC")?,
            None => connection.prepare_cached("SELECT id, channel, recipient, sent_at, subject, text FROM outbox WHERE ?1 IS NULL ORDER BY id DESC")?,
        };
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

/// Within a transaction: the next application number of `year` (`PZ-2026-000123`).
pub fn next_application_number(transaction: &Transaction, year: u16) -> rusqlite::Result<String> {
    let last: i64 = transaction.query_row(
        "INSERT INTO application_numbers (year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |row| row.get(0),
    )?;
    Ok(format!("PZ-{year}-{last:06}"))
}

/// A column whose stored text this version cannot read: an error, never a guess.
fn corrupt(column: usize, name: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, format!("unreadable {name}").into())
}

pub fn post(transaction: &rusqlite::Transaction, message: &Message, now: i64) -> rusqlite::Result<usize> {
    let channel = match message.channel {
        Channel::Sms => "sms",
        Channel::Email => "email",
    };
    transaction.execute(
        "INSERT INTO outbox (channel, recipient, subject, text, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![channel, message.to, message.subject, message.text, now],
    )
}
