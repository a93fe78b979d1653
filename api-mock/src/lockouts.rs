//! Lock-outs by the name typed at sign-in, not by account: five wrong passwords in a row for a
//! name lock it for 15 minutes whether or not an account answers to it, so a lock-out tells
//! nobody whether the account exists.

use crate::db::StoreError;
use rusqlite::{params, OptionalExtension, Transaction};
use shared::rules::login::{LOCKOUT_SECONDS, MAX_WRONG_PASSWORDS};

/// The key of a name typed at sign-in: an e-mail address as normalised, else a username as
/// compared (any letter case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginName(String);

impl LoginName {
    pub fn of(login: &str) -> LoginName {
        let login = login.trim();
        LoginName(if login.contains('@') {
            format!("email:{}", shared::rules::email::normalise(login))
        } else {
            format!("username:{}", shared::rules::username::uniqueness_key(login))
        })
    }

    /// Both names an account answers to.
    pub fn both_of(username: &str, email: &str) -> [LoginName; 2] {
        [LoginName::of(username), LoginName::of(email)]
    }
}

/// The lock of `name` in force at `now`, if any.
pub fn locked_until(transaction: &Transaction, name: &LoginName, now: i64) -> Result<Option<i64>, StoreError> {
    let until: Option<Option<i64>> = transaction.query_row("SELECT locked_until FROM lockouts WHERE login_key = ?1", [&name.0], |row| row.get(0)).optional()?;
    Ok(until.flatten().filter(|until| *until > now))
}

/// A wrong password (or no such account) for `name` at `now`: counted, in the statement that
/// counts; the fifth in a row locks the name until the answer. A lock that ran out starts again.
pub fn wrong_password(transaction: &Transaction, name: &LoginName, now: i64) -> Result<Option<i64>, StoreError> {
    let locked_until: Option<i64> = transaction.query_row(
        "INSERT INTO lockouts (login_key, wrong_passwords, locked_until) VALUES (?1, 1, NULL)
         ON CONFLICT(login_key) DO UPDATE SET
             wrong_passwords = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1 ELSE wrong_passwords + 1 END,
             locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN NULL ELSE locked_until END
         RETURNING CASE WHEN wrong_passwords >= ?3 AND locked_until IS NULL THEN ?2 + ?4 ELSE locked_until END",
        params![name.0, now, MAX_WRONG_PASSWORDS, LOCKOUT_SECONDS],
        |row| row.get(0),
    )?;
    if let Some(until) = locked_until {
        transaction.execute("UPDATE lockouts SET locked_until = ?2, wrong_passwords = 0 WHERE login_key = ?1", params![name.0, until])?;
    }
    Ok(locked_until)
}

/// The password was right, or changed: the count for `name` starts again and any lock is lifted.
pub fn clear(transaction: &Transaction, name: &LoginName) -> Result<(), StoreError> {
    transaction.execute("DELETE FROM lockouts WHERE login_key = ?1", [&name.0])?;
    Ok(())
}
