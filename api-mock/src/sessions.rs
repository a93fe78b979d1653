//! Sessions: a random 256-bit token in an `HttpOnly`, `SameSite=Strict` cookie, kept in the state
//! only as its SHA-256; a sign-in is a session in a pending stage (waiting for its SMS code or
//! its push) until the second factor succeeds, when it is replaced by a signed-in one with a new
//! token. A session ends after the idle limit without activity, or at the total limit.

use crate::codes::{CodeKey, Purpose};
use crate::store::{Store, StoreError};
use base64::Engine;
use rand::Rng;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use shared::api::{Authorisation, Citizen, PushState, RegistrationState};
use shared::rules::confirmation::Confirmation;
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
    /// E.164.
    pub phone: String,
    pub email: String,
    pub authorisation: Authorisation,
    /// The language the citizen last used: their messages' language.
    pub lang: Lang,
}

/// A push request as mObywatel shows it.
#[derive(Clone, Debug)]
pub struct PushRequest {
    pub id: String,
    pub purpose: Purpose,
    pub account_id: i64,
    /// The session that asked.
    pub session_hash: String,
    pub username: String,
    pub check_number: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub state: PushState,
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
                    phone: row.get(2)?,
                    authorisation: Authorisation::from_code(&row.get::<_, String>(3)?).ok_or_else(|| unreadable(3))?,
                    email: row.get(4)?,
                    lang: Lang::from_tag(&row.get::<_, String>(5)?).ok_or_else(|| unreadable(5))?,
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
                        stage: Stage::from_code(&row.get::<_, String>(2)?).ok_or_else(|| unreadable(2))?,
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

    /// The signed-in citizen of an account, from its newest registration.
    pub fn citizen(&self, account_id: i64) -> Result<Option<Citizen>, StoreError> {
        let citizen = self
            .connection()
            .query_row(
                "SELECT a.username, a.first_name, a.surname, a.authorisation, r.state, r.application_number, r.confirmation, p.valid_until
                 FROM accounts a JOIN registrations r ON r.account_id = a.id LEFT JOIN profiles p ON p.registration_id = r.id
                 WHERE a.id = ?1 ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1",
                [account_id],
                |row| {
                    let confirmation: Confirmation = serde_json::from_str(&row.get::<_, String>(6)?).map_err(|_| unreadable(6))?;
                    Ok(Citizen {
                        username: row.get(0)?,
                        first_name: row.get(1)?,
                        surname: row.get(2)?,
                        authorisation: Authorisation::from_code(&row.get::<_, String>(3)?).ok_or_else(|| unreadable(3))?,
                        registration: RegistrationState::from_code(&row.get::<_, String>(4)?).ok_or_else(|| unreadable(4))?,
                        application_number: row.get(5)?,
                        profile_kind: confirmation.profile_kind(),
                        confirmation_method: confirmation.method(),
                        profile_valid_until: row.get::<_, Option<String>>(7)?.and_then(|d| d.parse().ok()),
                    })
                },
            )
            .optional()?;
        Ok(citizen)
    }

    /// Every push request of the account named `username` (any letter case), newest first.
    pub fn push_requests(&self, username: &str) -> Result<Vec<PushRequest>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT p.id, a.username, p.check_number, p.created_at, p.expires_at, p.state, p.purpose, p.account_id, p.session_hash
             FROM push_requests p JOIN accounts a ON a.id = p.account_id
             WHERE a.username_key = ?1 ORDER BY p.created_at DESC, p.rowid DESC LIMIT 20",
        )?;
        let requests = statement.query_map([shared::rules::username::uniqueness_key(username)], push_request)?.collect::<Result<Vec<_>, _>>()?;
        Ok(requests)
    }

    /// The usernames of the accounts that confirm with mObywatel pushes (the first 50).
    pub fn push_usernames(&self) -> Result<Vec<String>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare("SELECT username FROM accounts WHERE authorisation = 'push' ORDER BY username LIMIT 50")?;
        let names = statement.query_map([], |row| row.get(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }

    /// Answers a pending, unexpired push request in mObywatel: accepted if `picked` is its check
    /// number, else refused (a wrong pick, or "To nie ja"), judged in the statement that answers.
    /// Answers whether this answer was taken, and the request as it stands after.
    pub fn answer_push(&self, id: &str, picked: Option<&str>, now: i64) -> Result<Option<(bool, PushRequest)>, StoreError> {
        let connection = self.connection();
        let taken = connection.execute(
            "UPDATE push_requests SET state = CASE WHEN check_number = ?2 THEN 'accepted' ELSE 'refused' END
             WHERE id = ?1 AND state = 'pending' AND expires_at > ?3",
            params![id, picked, now],
        )?;
        let request = connection
            .query_row(
                "SELECT p.id, a.username, p.check_number, p.created_at, p.expires_at, p.state, p.purpose, p.account_id, p.session_hash
             FROM push_requests p JOIN accounts a ON a.id = p.account_id
                 WHERE p.id = ?1",
                [id],
                push_request,
            )
            .optional()?;
        Ok(request.map(|request| (taken == 1, request)))
    }
}

fn push_request(row: &rusqlite::Row) -> rusqlite::Result<PushRequest> {
    Ok(PushRequest {
        id: row.get(0)?,
        username: row.get(1)?,
        check_number: row.get(2)?,
        created_at: row.get(3)?,
        expires_at: row.get(4)?,
        state: PushState::from_code(&row.get::<_, String>(5)?).ok_or_else(|| unreadable(5))?,
        purpose: Purpose::from_code(&row.get::<_, String>(6)?).ok_or_else(|| unreadable(6))?,
        account_id: row.get(7)?,
        session_hash: row.get(8)?,
    })
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
    /// and the new session.
    pub fn complete(&self, pending: &Session, limits: Limits, now: i64) -> Result<(String, Session), StoreError> {
        // The pending row is gone when a simultaneous answer completed it first: the browser is then unnamed.
        let device: Option<String> = self
            .transaction
            .query_row("DELETE FROM sessions WHERE token_hash = ?1 RETURNING user_agent", [&pending.token_hash], |row| row.get(0))
            .optional()?;
        let device = device.unwrap_or_default();
        self.transaction.execute("UPDATE push_requests SET state = 'expired' WHERE session_hash = ?1 AND state = 'pending'", [&pending.token_hash])?;
        let (token, token_hash) = self.insert_session(pending.account_id, Stage::SignedIn, &device, limits, now)?;
        let session = Session {
            token_hash,
            account_id: pending.account_id,
            stage: Stage::SignedIn,
            last_seen: now,
            ends_at: now + limits.max_seconds,
            confirmed_at: now,
        };
        Ok((token, session))
    }

    /// Sends a push request for `purpose` asked by the session; every other pending request of the
    /// citizen is withdrawn (one push at a time, whoever asked). Answers its check number.
    pub fn request_push(&self, session_hash: &str, account_id: i64, purpose: Purpose, now: i64) -> Result<String, StoreError> {
        let check_number = format!("{:02}", rand::rng().random_range(10..100));
        let id = format!("{:032x}", rand::rng().random::<u128>());
        self.transaction.execute("UPDATE push_requests SET state = 'expired' WHERE account_id = ?1 AND state = 'pending'", [account_id])?;
        self.transaction.execute(
            "INSERT INTO push_requests (id, account_id, session_hash, purpose, check_number, created_at, expires_at, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')",
            params![id, account_id, session_hash, purpose.code(), check_number, now, now + shared::rules::login::PUSH_VALID_SECONDS],
        )?;
        Ok(check_number)
    }

    /// The newest push request of `purpose` the session asked for, with an unanswered one past
    /// its time read as expired.
    pub fn push_of(&self, session_hash: &str, purpose: Purpose, now: i64) -> Result<Option<PushRequest>, StoreError> {
        let request = self
            .transaction
            .query_row(
                "SELECT p.id, a.username, p.check_number, p.created_at, p.expires_at, p.state, p.purpose, p.account_id, p.session_hash
             FROM push_requests p JOIN accounts a ON a.id = p.account_id
                 WHERE p.session_hash = ?1 AND p.purpose = ?2 ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1",
                params![session_hash, purpose.code()],
                push_request,
            )
            .optional()?;
        Ok(request.map(|mut request| {
            if request.state == PushState::Pending && request.expires_at <= now {
                request.state = PushState::Expired;
            }
            request
        }))
    }

    /// From push to an SMS code: the session waits for the code, its push requests are withdrawn.
    pub fn switch_to_sms(&self, session_hash: &str) -> Result<(), StoreError> {
        self.transaction.execute("UPDATE sessions SET stage = ?2 WHERE token_hash = ?1", params![session_hash, Stage::AwaitingSms.code()])?;
        self.transaction.execute("UPDATE push_requests SET state = 'expired' WHERE session_hash = ?1 AND state = 'pending'", [session_hash])?;
        Ok(())
    }
}

fn unreadable(column: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, "unreadable column".into())
}
