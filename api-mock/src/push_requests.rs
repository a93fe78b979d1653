//! Push requests to mObywatel: one pending at a time per citizen, each with its check number,
//! answered once.

use crate::codes::Purpose;
use crate::db::{self, Store, StoreError};
use crate::sessions::SignIn;
use rand::Rng;
use rusqlite::{params, OptionalExtension, Transaction};
use shared::api::PushState;

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
    /// Every push request of the account named `username` (any letter case), newest first.
    pub fn push_requests(&self, username: &str) -> Result<Vec<PushRequest>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare(&format!("{PUSH_REQUEST} WHERE a.username_key = ?1 ORDER BY p.created_at DESC, p.rowid DESC LIMIT 20"))?;
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
        let request = connection.query_row(&format!("{PUSH_REQUEST} WHERE p.id = ?1"), [id], push_request).optional()?;
        Ok(request.map(|request| (taken == 1, request)))
    }
}

impl SignIn<'_> {
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
                &format!("{PUSH_REQUEST} WHERE p.session_hash = ?1 AND p.purpose = ?2 ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1"),
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
}

/// Within a transaction: the session's pending push requests are withdrawn.
pub fn withdraw(transaction: &Transaction, session_hash: &str) -> rusqlite::Result<usize> {
    transaction.execute("UPDATE push_requests SET state = 'expired' WHERE session_hash = ?1 AND state = 'pending'", [session_hash])
}

/// The columns `push_request` reads, and where they come from.
const PUSH_REQUEST: &str = "SELECT p.id, a.username, p.check_number, p.created_at, p.expires_at, p.state, p.purpose, p.account_id, p.session_hash
     FROM push_requests p JOIN accounts a ON a.id = p.account_id";

fn push_request(row: &rusqlite::Row) -> rusqlite::Result<PushRequest> {
    Ok(PushRequest {
        id: row.get(0)?,
        username: row.get(1)?,
        check_number: row.get(2)?,
        created_at: row.get(3)?,
        expires_at: row.get(4)?,
        state: db::parsed(row, 5, "push state", PushState::from_code)?,
        purpose: db::parsed(row, 6, "purpose", Purpose::from_code)?,
        account_id: row.get(7)?,
        session_hash: row.get(8)?,
    })
}
