//! The database plumbing: the SQLite file (WAL, synchronous=FULL: each change on disk before the
//! answer that acknowledges it), its migrations, one transaction per change, and the errors of it all.

use crate::codes::CodeKey;
use rusqlite::{Connection, Row, Transaction};
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

/// Why the state could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another account has this username (compared case-insensitively).
    #[error("the username is taken")]
    UsernameTaken,
    /// Another registration took this `Idempotency-Key` at the same moment.
    #[error("the Idempotency-Key is taken")]
    IdempotencyKeyTaken,
    /// Five registration codes went to this phone number within the hour: the next may go
    /// `retry_after` seconds from now.
    #[error("the phone number had its codes for the hour")]
    PhoneBusy { retry_after: i64 },
    /// The state contradicts itself (the text says how): a fault of the mock, never the client's.
    #[error("inconsistent state: {0}")]
    Inconsistent(&'static str),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
        let code_key = CodeKey(key.try_into().map_err(|_| corrupt(0, "the code key"))?);
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

    /// Empties every table (the schema stays) and puts in what `fill` writes, in one transaction.
    pub fn replace<T>(&self, fill: impl FnOnce(&Transaction, &CodeKey) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.transact(|transaction, key| {
            for table in TABLES {
                transaction.execute(&format!("DELETE FROM {table}"), [])?;
            }
            fill(transaction, key)
        })
    }
}

/// Column `index` of `row` as text, read by `parse`: a stored text this version cannot read
/// (`what` names it) is an error, never a guess.
pub fn parsed<T>(row: &Row, index: usize, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| corrupt(index, what))
}

/// Like `parsed`, for a column that may be empty (`NULL`).
pub fn parsed_optional<T>(row: &Row, index: usize, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(index)? {
        Some(text) => parse(&text).map(Some).ok_or_else(|| corrupt(index, what)),
        None => Ok(None),
    }
}

/// A column whose stored text this version cannot read.
fn corrupt(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, format!("unreadable {what}").into())
}
