//! Sessions: a random 256-bit token in an `HttpOnly`, `SameSite=Strict` cookie, kept in the state
//! only as its SHA-256; a sign-in is a session in a pending stage (waiting for its SMS code or
//! its push) until the second factor succeeds, when it is replaced by a signed-in one with a new
//! token. A session ends after the idle limit without activity, or at the total limit.

use crate::codes::CodeKey;
use crate::db::{self, Store, StoreError};
use crate::push_requests;
use base64::Engine;
use rand::Rng;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use shared::api::Authorisation;
use shared::rules::phone::PhoneNumber;
use shared::Lang;

/// The session's time limits (api-mock's flags; tests shorten them).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Without activity for this long, a session ends.
    pub idle_seconds: i64,
    /// A session ends this long after signing in, whatever happens.
    pub max_seconds: i64,
    /// How long before its end the citizen is warned.
    pub warning_seconds: i64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { idle_seconds: 15 * 60, max_seconds: 12 * 3_600, warning_seconds: 2 * 60 }
    }
}

/// Where a session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The password was right; the SMS code is awaited.
    AwaitingSms,
    /// The password was right; the push in mObywatel is awaited.
    AwaitingPush,
    SignedIn,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Stage::AwaitingSms => "sms",
            Stage::AwaitingPush => "push",
            Stage::SignedIn => "signed_in",
        }
    }

    fn from_code(code: &str) -> Option<Stage> {
        [Stage::AwaitingSms, Stage::AwaitingPush, Stage::SignedIn].into_iter().find(|s| s.code() == code)
    }

    /// The second factor a pending stage waits for.
    pub fn pending(self) -> Option<Authorisation> {
        match self {
            Stage::AwaitingSms => Some(Authorisation::Sms),
            Stage::AwaitingPush => Some(Authorisation::Push),
            Stage::SignedIn => None,
        }
    }
}

/// A live session, as found by its token.
#[derive(Clone, Debug)]
pub struct Session {
    pub token_hash: String,
    pub account_id: i64,
    pub stage: Stage,
    pub last_seen: i64,
    pub ends_at: i64,
    /// When the citizen last gave a second factor in it (signing in, or confirming it is them).
    pub confirmed_at: i64,
}

/// How recent a second factor a sensitive change (the authorisation method) asks for.
pub const CONFIRMATION_SECONDS: i64 = 2 * 60;

impl Session {
    /// Whether the citizen gave a second factor within the last 2 minutes.
    pub fn recently_confirmed(&self, now: i64) -> bool {
        now - self.confirmed_at <= CONFIRMATION_SECONDS
    }

    /// Seconds until it ends unless there is activity.
    pub fn expires_in(&self, limits: Limits, now: i64) -> i64 {
        (self.last_seen + limits.idle_seconds).min(self.ends_at) - now
    }
}

/// A new random token, and its hash (the only form the state keeps).
pub fn new_token() -> (String, String) {
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::rng().random::<[u8; 32]>());
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// What signing in needs to know of an account.
#[derive(Clone, Debug)]
pub struct LoginAccount {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub phone: PhoneNumber,
    pub email: String,
    pub authorisation: Authorisation,
    /// The language the citizen last used: their messages' language.
    pub lang: Lang,
}

impl Store {
    /// The account a sign-in names: by e-mail when the name has an `@` (only the one account
    /// that verified it: an address nobody verified names no account), else by username in any
    /// letter case.
    pub fn login_account(&self, login: &str) -> Result<Option<LoginAccount>, StoreError> {
        if login.contains('@') {
            self.account_where("email_verified = 1 AND email", shared::rules::email::normalise(login))
        } else {
            self.account_where("username_key", shared::rules::username::uniqueness_key(login))
        }
    }

    /// The account of a session.
    pub fn account(&self, id: i64) -> Result<Option<LoginAccount>, StoreError> {
        self.account_where("id", id)
    }

    fn account_where(&self, column: &str, value: impl rusqlite::ToSql) -> Result<Option<LoginAccount>, StoreError> {
        let sql = format!("SELECT id, password_hash, phone, authorisation, email, lang, username FROM accounts WHERE {column} = ?1");
        let account = self
            .connection()
            .query_row(&sql, [value], |row| {
                Ok(LoginAccount {
                    id: row.get(0)?,
                    password_hash: row.get(1)?,
                    phone: db::parsed(row, 2, "phone", |text| PhoneNumber::parse(text).ok())?,
                    authorisation: db::parsed(row, 3, "authorisation", Authorisation::from_code)?,
                    email: row.get(4)?,
                    lang: db::parsed(row, 5, "lang", Lang::from_tag)?,
                    username: row.get(6)?,
                })
            })
            .optional()?;
        Ok(account)
    }

    /// The live session of `token` at `now`, if any.
    pub fn session(&self, token: &str, limits: Limits, now: i64) -> Result<Option<Session>, StoreError> {
        let session = self
            .connection()
            .query_row(
                "SELECT token_hash, account_id, stage, last_seen, ends_at, confirmed_at FROM sessions
                 WHERE token_hash = ?1 AND last_seen + ?2 > ?3 AND ends_at > ?3",
                params![hash_token(token), limits.idle_seconds, now],
                |row| {
                    Ok(Session {
                        token_hash: row.get(0)?,
                        account_id: row.get(1)?,
                        stage: db::parsed(row, 2, "stage", Stage::from_code)?,
                        last_seen: row.get(3)?,
                        ends_at: row.get(4)?,
                        confirmed_at: row.get(5)?,
                    })
                },
            )
            .optional()?;
        Ok(session)
    }

    /// Activity: the idle limit counts again from `now`.
    pub fn touch(&self, session: &mut Session, now: i64) -> Result<(), StoreError> {
        self.connection().execute("UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1", params![session.token_hash, now])?;
        session.last_seen = now;
        Ok(())
    }

    /// Ends a session (signing out).
    pub fn end_session(&self, token: &str) -> Result<(), StoreError> {
        self.connection().execute("DELETE FROM sessions WHERE token_hash = ?1", [hash_token(token)])?;
        Ok(())
    }
}

/// Within a transaction: the changes of signing in.
pub struct SignIn<'a> {
    pub transaction: &'a Transaction<'a>,
    pub key: &'a CodeKey,
}

impl SignIn<'_> {
    /// The citizen signs in in `lang`: their reminders and notices go in it from now on.
    pub fn remember_lang(&self, account_id: i64, lang: Lang) -> Result<(), StoreError> {
        self.transaction.execute("UPDATE accounts SET lang = ?2 WHERE id = ?1 AND lang <> ?2", params![account_id, lang.tag()])?;
        Ok(())
    }

    /// The password was right: a pending session begins in the browser `device`; answers its token.
    pub fn start(&self, account_id: i64, stage: Stage, device: &str, limits: Limits, now: i64) -> Result<(String, String), StoreError> {
        self.insert_session(account_id, stage, device, limits, now)
    }

    /// Ends the session of `token`, whatever its stage.
    pub fn end(&self, token: &str) -> Result<(), StoreError> {
        self.transaction.execute("DELETE FROM sessions WHERE token_hash = ?1", [hash_token(token)])?;
        Ok(())
    }

    /// A new session row (confirmed now when signed in); answers its token and hash.
    fn insert_session(&self, account_id: i64, stage: Stage, device: &str, limits: Limits, now: i64) -> Result<(String, String), StoreError> {
        let (token, hash) = new_token();
        let confirmed_at = if stage == Stage::SignedIn { now } else { 0 };
        self.transaction.execute(
            "INSERT INTO sessions (token_hash, account_id, stage, created_at, last_seen, ends_at, confirmed_at, user_agent) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
            params![hash, account_id, stage.code(), now, now + limits.max_seconds, confirmed_at, device],
        )?;
        Ok((token, hash))
    }

    /// The second factor succeeded: the pending session is replaced by a signed-in one with a
    /// new token (so a token seen before signing in is worth nothing after); answers the token
    /// and the new session — if it was still pending, judged in the statement that ends it, so
    /// of two answers at once exactly one signs in (`None`: another completed it first).
    pub fn complete(&self, pending: &Session, limits: Limits, now: i64) -> Result<Option<(String, Session)>, StoreError> {
        let device: Option<String> = self
            .transaction
            .query_row(
                "DELETE FROM sessions WHERE token_hash = ?1 AND stage <> ?2 RETURNING user_agent",
                params![pending.token_hash, Stage::SignedIn.code()],
                |row| row.get(0),
            )
            .optional()?;
        let Some(device) = device else { return Ok(None) };
        push_requests::withdraw(self.transaction, &pending.token_hash)?;
        let (token, token_hash) = self.insert_session(pending.account_id, Stage::SignedIn, &device, limits, now)?;
        let session = Session {
            token_hash,
            account_id: pending.account_id,
            stage: Stage::SignedIn,
            last_seen: now,
            ends_at: now + limits.max_seconds,
            confirmed_at: now,
        };
        Ok(Some((token, session)))
    }

    /// From push to an SMS code: the session waits for the code, its push requests are withdrawn
    /// — if it still waited for a push, judged in the statement that changes it (`false`: it no
    /// longer did, and nothing changed).
    pub fn switch_to_sms(&self, session_hash: &str) -> Result<bool, StoreError> {
        let changed = self.transaction.execute(
            "UPDATE sessions SET stage = ?2 WHERE token_hash = ?1 AND stage = ?3",
            params![session_hash, Stage::AwaitingSms.code(), Stage::AwaitingPush.code()],
        )?;
        push_requests::withdraw(self.transaction, session_hash)?;
        Ok(changed == 1)
    }
}
