//! The account's own changes in the state: its details as the profile page shows them, the
//! authorisation method, a fresh second factor in a session, and password resets (a random
//! single-use token kept only as its hash, valid 30 minutes).

use crate::db::{self, Store, StoreError};
use crate::lockouts::{self, LoginName};
use crate::outbox::{self, Message};
use crate::sessions::hash_token;
use rusqlite::{params, OptionalExtension};
use shared::api::{Authorisation, Citizen, ProfileDetails, ProfileFacts, RegistrationState};
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::rules::phone::PhoneNumber;

/// How long a password reset link works.
pub const RESET_SECONDS: i64 = shared::rules::password::RESET_LINK_SECONDS;

/// A password reset, found by its link's token.
#[derive(Clone, Debug)]
pub struct Reset {
    pub token_hash: String,
    pub account_id: i64,
    pub expires_at: i64,
    pub used: bool,
    /// The new password's hash, once chosen (it takes effect with the SMS code).
    pub new_password_hash: Option<String>,
}

impl Store {
    /// The profile page's facts of an account, from its newest registration.
    pub fn profile(&self, account_id: i64) -> Result<Option<ProfileDetails>, StoreError> {
        let details = self
            .connection()
            .query_row(
                "SELECT a.username, a.first_name, a.second_name, a.surname, a.pesel, a.email, a.phone, a.authorisation,
                        r.state, r.application_number, r.confirmation, r.created_at, p.kind, p.confirmed_at, p.valid_until, p.extended_at, a.email_verified
                 FROM accounts a JOIN registrations r ON r.account_id = a.id LEFT JOIN profiles p ON p.registration_id = r.id
                 WHERE a.id = ?1 ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1",
                [account_id],
                |row| {
                    let pesel: String = row.get(4)?;
                    let phone = db::parsed(row, 6, "phone", |text| PhoneNumber::parse(text).ok())?;
                    let confirmation: Confirmation = db::parsed(row, 10, "confirmation", |text| serde_json::from_str(text).ok())?;
                    let kind = db::parsed_optional(row, 12, "profile kind", ProfileKind::from_code)?;
                    let valid_until = db::parsed_optional(row, 14, "valid_until", |text| text.parse().ok())?;
                    let profile = match (kind, row.get::<_, Option<i64>>(13)?, valid_until) {
                        (Some(kind), Some(confirmed_at), Some(valid_until)) => Some(ProfileFacts {
                            kind,
                            confirmed_on: crate::clock::warsaw_date(confirmed_at),
                            valid_until,
                            extended_on: row.get::<_, Option<i64>>(15)?.map(crate::clock::warsaw_date),
                        }),
                        _ => None,
                    };
                    Ok(ProfileDetails {
                        username: row.get(0)?,
                        first_name: row.get(1)?,
                        second_name: row.get(2)?,
                        surname: row.get(3)?,
                        pesel: format!("{}{}", "*".repeat(pesel.len().saturating_sub(4)), &pesel[pesel.len().saturating_sub(4)..]),
                        email: row.get(5)?,
                        email_verified: row.get(16)?,
                        phone: phone.masked(),
                        authorisation: db::parsed(row, 7, "authorisation", Authorisation::from_code)?,
                        registration: db::parsed(row, 8, "state", RegistrationState::from_code)?,
                        application_number: row.get(9)?,
                        confirmation,
                        applied_on: crate::clock::warsaw_date(row.get(11)?),
                        profile,
                    })
                },
            )
            .optional()?;
        Ok(details)
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
                    let confirmation: Confirmation = db::parsed(row, 6, "confirmation", |text| serde_json::from_str(text).ok())?;
                    Ok(Citizen {
                        username: row.get(0)?,
                        first_name: row.get(1)?,
                        surname: row.get(2)?,
                        authorisation: db::parsed(row, 3, "authorisation", Authorisation::from_code)?,
                        registration: db::parsed(row, 4, "state", RegistrationState::from_code)?,
                        application_number: row.get(5)?,
                        profile_kind: confirmation.profile_kind(),
                        confirmation_method: confirmation.method(),
                        profile_valid_until: db::parsed_optional(row, 7, "valid_until", |text| text.parse().ok())?,
                    })
                },
            )
            .optional()?;
        Ok(citizen)
    }

    /// The citizen gave a second factor in this session at `now`.
    pub fn confirm_session(&self, session_hash: &str, now: i64) -> Result<(), StoreError> {
        self.connection().execute("UPDATE sessions SET confirmed_at = ?2 WHERE token_hash = ?1", params![session_hash, now])?;
        Ok(())
    }

    /// From now on the account confirms with `method`; `email` tells the citizen so.
    pub fn set_authorisation(&self, account_id: i64, method: Authorisation, email: &Message, now: i64) -> Result<(), StoreError> {
        self.transact(|transaction, _| {
            transaction.execute("UPDATE accounts SET authorisation = ?2 WHERE id = ?1", params![account_id, method.code()])?;
            outbox::post(transaction, email, now)?;
            Ok::<_, StoreError>(())
        })
    }

    /// The username of the account that verified this (normalised) e-mail address, if one did.
    pub fn usernames_with_email(&self, email: &str) -> Result<Vec<String>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare("SELECT username FROM accounts WHERE email = ?1 AND email_verified = 1")?;
        let names = statement.query_map([email], |row| row.get(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }

    /// The account with this username (any letter case) and this PESEL, with its e-mail address.
    pub fn account_with_pesel(&self, username_key: &str, pesel: &str) -> Result<Option<(i64, String)>, StoreError> {
        let found = self
            .connection()
            .query_row("SELECT id, email FROM accounts WHERE username_key = ?1 AND pesel = ?2", params![username_key, pesel], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        Ok(found)
    }

    /// Starts a password reset whose link carries `token`, and sends `email` with the link.
    pub fn start_reset(&self, account_id: i64, token: &str, now: i64, email: &Message) -> Result<(), StoreError> {
        self.transact(|transaction, _| {
            transaction.execute(
                "INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![hash_token(token), account_id, now, now + RESET_SECONDS],
            )?;
            outbox::post(transaction, email, now)?;
            Ok::<_, StoreError>(())
        })
    }

    /// The reset of a link's token, whatever its state.
    pub fn password_reset(&self, token: &str) -> Result<Option<Reset>, StoreError> {
        let reset = self
            .connection()
            .query_row(
                "SELECT token_hash, account_id, expires_at, used_at IS NOT NULL, new_password_hash FROM password_resets WHERE token_hash = ?1",
                [hash_token(token)],
                |row| {
                    Ok(Reset { token_hash: row.get(0)?, account_id: row.get(1)?, expires_at: row.get(2)?, used: row.get(3)?, new_password_hash: row.get(4)? })
                },
            )
            .optional()?;
        Ok(reset)
    }

    /// The new password is chosen (it takes effect with the SMS code).
    pub fn choose_password(&self, reset: &Reset, password_hash: &str) -> Result<(), StoreError> {
        self.connection().execute("UPDATE password_resets SET new_password_hash = ?2 WHERE token_hash = ?1", params![reset.token_hash, password_hash])?;
        Ok(())
    }
}

/// Within a transaction: the SMS code was right, so the new password takes effect, the link is
/// spent (and every other outstanding link of the account), every session of the account ends, the lock-out is lifted, and `email` says so.
pub fn complete_reset(transaction: &rusqlite::Transaction, reset: &Reset, password_hash: &str, now: i64, email: &Message) -> Result<(), StoreError> {
    let (username, address): (String, String) = transaction.query_row(
        "UPDATE accounts SET password_hash = ?2 WHERE id = ?1 RETURNING username, email",
        params![reset.account_id, password_hash],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    for name in LoginName::both_of(&username, &address) {
        lockouts::clear(transaction, &name)?;
    }
    // Every outstanding link of the account is spent with this one, not only the link used.
    transaction.execute("UPDATE password_resets SET used_at = ?2 WHERE account_id = ?1 AND used_at IS NULL", params![reset.account_id, now])?;
    transaction.execute("DELETE FROM push_requests WHERE account_id = ?1 AND state = 'pending'", [reset.account_id])?;
    transaction.execute("DELETE FROM sessions WHERE account_id = ?1", [reset.account_id])?;
    outbox::post(transaction, email, now)?;
    Ok(())
}

/// Why an address cannot be marked verified.
#[derive(Debug)]
pub enum VerifyRefused {
    /// Another account verified it first: an address belongs to one account.
    TakenByAnother,
}

/// Within a transaction: the account's address is verified (its code was right), unless another
/// account holds it verified; the partial unique index makes the check and the change one.
pub fn verify_email(transaction: &rusqlite::Transaction, account_id: i64) -> Result<Result<(), VerifyRefused>, StoreError> {
    match transaction.execute("UPDATE accounts SET email_verified = 1 WHERE id = ?1", [account_id]) {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => Ok(Err(VerifyRefused::TakenByAnother)),
        other => other.map(|_| Ok(())).map_err(StoreError::from),
    }
}

/// Within a transaction: the signed-in citizen chose a new password; every other session of the
/// account ends, the lock-outs of its names are lifted, and `email` says so.
pub fn change_password(
    transaction: &rusqlite::Transaction,
    account_id: i64,
    keep_session: &str,
    password_hash: &str,
    now: i64,
    email: &Message,
) -> Result<(), StoreError> {
    let (username, address): (String, String) =
        transaction.query_row("UPDATE accounts SET password_hash = ?2 WHERE id = ?1 RETURNING username, email", params![account_id, password_hash], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    for name in LoginName::both_of(&username, &address) {
        lockouts::clear(transaction, &name)?;
    }
    transaction.execute("DELETE FROM sessions WHERE account_id = ?1 AND token_hash <> ?2", params![account_id, keep_session])?;
    transaction.execute("UPDATE password_resets SET used_at = ?2 WHERE account_id = ?1 AND used_at IS NULL", params![account_id, now])?;
    outbox::post(transaction, email, now)?;
    Ok(())
}

impl Store {
    /// The account's live signed-in sessions at `now`, newest first: (token hash, device, signed in at, last seen).
    pub fn sessions_of(&self, account_id: i64, limits: crate::sessions::Limits, now: i64) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT token_hash, user_agent, created_at, last_seen FROM sessions
             WHERE account_id = ?1 AND stage = 'signed_in' AND last_seen + ?2 > ?3 AND ends_at > ?3 ORDER BY created_at DESC LIMIT 50",
        )?;
        let rows = statement.query_map(params![account_id, limits.idle_seconds, now], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Ends every session of the account, this one too ("Wyloguj ze wszystkich urządzeń").
    pub fn end_every_session(&self, account_id: i64) -> Result<(), StoreError> {
        self.transact(|transaction, _| {
            transaction.execute("DELETE FROM push_requests WHERE account_id = ?1 AND state = 'pending'", [account_id])?;
            transaction.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])?;
            Ok::<_, StoreError>(())
        })
    }
}
