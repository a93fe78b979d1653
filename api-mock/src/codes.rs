//! Every one-time code of the service, in one module: 6 digits, stored only as a keyed hash,
//! bound to its purpose and its subject (a registration, an account), valid 5 minutes, 3 tries.
//! A check spends its try in the same SQL statement that compares, so simultaneous guesses can
//! never judge more than 3; a new code replaces the old one atomically, at most one a minute and
//! five an hour for one purpose and subject.

use hmac::{Hmac, Mac};
use rand::Rng;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::Sha256;
use shared::notices::CodeFor;
use shared::rules::sms_code::{self, SmsCodeError};

/// Codes that may be sent for one purpose and subject within an hour.
pub const MAX_PER_HOUR: i64 = 5;
const HOUR: i64 = 3_600;

/// What a code (or a push request) confirms; one of one purpose never confirms another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The registration's SMS code; the subject is the registration.
    Registration,
    /// Signing in; the subject is the account.
    Login,
    /// That the signed-in citizen is still there, before a sensitive change; the subject is the account.
    Confirmation,
    /// The change of the authorisation method; the subject is the account.
    MethodChange,
    /// A new password after "Nie pamiętam hasła"; the subject is the account.
    PasswordReset,
    /// The extension's code by SMS (to the phone as confirmed or changed); the subject is the account.
    ExtensionSms,
    /// The extension's code by e-mail (to the address as confirmed or changed); the subject is the account.
    ExtensionEmail,
    /// The code by e-mail that verifies the account's address; the subject is the account.
    EmailVerification,
}

impl Purpose {
    const ALL: [Purpose; 8] = [
        Purpose::EmailVerification,
        Purpose::Registration,
        Purpose::Login,
        Purpose::Confirmation,
        Purpose::MethodChange,
        Purpose::PasswordReset,
        Purpose::ExtensionSms,
        Purpose::ExtensionEmail,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::Login => "login",
            Purpose::Confirmation => "confirmation",
            Purpose::MethodChange => "method_change",
            Purpose::PasswordReset => "password_reset",
            Purpose::ExtensionSms => "extension_sms",
            Purpose::ExtensionEmail => "extension_email",
            Purpose::EmailVerification => "email_verification",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the SMS of a code of this purpose says it authorises.
    pub fn code_for(self) -> CodeFor {
        match self {
            Purpose::Registration => CodeFor::Registration,
            Purpose::Login => CodeFor::Login,
            Purpose::Confirmation => CodeFor::Confirmation,
            Purpose::MethodChange => CodeFor::MethodChange,
            Purpose::PasswordReset => CodeFor::PasswordReset,
            Purpose::ExtensionSms | Purpose::ExtensionEmail => CodeFor::Extension,
            Purpose::EmailVerification => CodeFor::EmailVerification,
        }
    }
}

/// A code and its limits, as issued (the plain digits go into the SMS, never into the state).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentCode {
    pub code: String,
    pub sent_at: i64,
    pub expires_at: i64,
    pub tries_left: u8,
}

impl SentCode {
    /// A fresh random code sent at `now`.
    pub fn new(now: i64) -> SentCode {
        SentCode {
            code: format!("{:06}", rand::rng().random_range(0..1_000_000)),
            sent_at: now,
            expires_at: now + sms_code::VALID_SECONDS,
            tries_left: sms_code::TRIES,
        }
    }
}

/// Why no new code may be sent yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotYet {
    /// Within a minute of the last code.
    TooSoon { retry_after: i64 },
    /// Five codes within the last hour.
    TooMany { retry_after: i64 },
}

/// The key codes are hashed with: random, made once with the state and kept in it.
#[derive(Clone)]
pub struct CodeKey(pub [u8; 32]);

impl CodeKey {
    fn hash(&self, purpose: Purpose, subject: &str, code: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        for part in [purpose.code(), subject, code] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac.finalize().into_bytes().to_vec()
    }
}

/// When the next code for `purpose` and `subject` may be sent, judged at `now`: the hour's cap
/// first (the longer wait), then the minute's. Every path that sends a code asks this first.
pub fn may_send(transaction: &Transaction, purpose: Purpose, subject: &str, now: i64) -> rusqlite::Result<Result<(), NotYet>> {
    let (count, first, last): (i64, Option<i64>, Option<i64>) = transaction.query_row(
        "SELECT COUNT(*), MIN(sent_at), MAX(sent_at) FROM code_sends WHERE purpose = ?1 AND subject = ?2 AND sent_at > ?3",
        params![purpose.code(), subject, now - HOUR],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if let Some(first) = first.filter(|_| count >= MAX_PER_HOUR) {
        return Ok(Err(NotYet::TooMany { retry_after: first + HOUR - now }));
    }
    if let Some(last) = last.filter(|last| now - last < sms_code::RESEND_COOLDOWN_SECONDS) {
        return Ok(Err(NotYet::TooSoon { retry_after: last + sms_code::RESEND_COOLDOWN_SECONDS - now }));
    }
    Ok(Ok(()))
}

/// Puts `code` in force for `purpose` and `subject`, replacing any earlier one, and counts the send.
pub fn put(transaction: &Transaction, key: &CodeKey, purpose: Purpose, subject: &str, code: &SentCode) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO one_time_codes (purpose, subject, code_hash, sent_at, expires_at, tries_left, used) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
         ON CONFLICT(purpose, subject) DO UPDATE SET code_hash = ?3, sent_at = ?4, expires_at = ?5, tries_left = ?6, used = 0",
        params![purpose.code(), subject, key.hash(purpose, subject, &code.code), code.sent_at, code.expires_at, code.tries_left],
    )?;
    transaction.execute("INSERT INTO code_sends (purpose, subject, sent_at) VALUES (?1, ?2, ?3)", params![purpose.code(), subject, code.sent_at])?;
    Ok(())
}

/// The code in force for `purpose` and `subject` at `now`: its send time and expiry, if one is
/// unused, unexpired and has tries left.
pub fn in_force(transaction: &Transaction, purpose: Purpose, subject: &str, now: i64) -> rusqlite::Result<Option<(i64, i64)>> {
    transaction
        .query_row(
            "SELECT sent_at, expires_at FROM one_time_codes WHERE purpose = ?1 AND subject = ?2 AND used = 0 AND tries_left > 0 AND expires_at > ?3",
            params![purpose.code(), subject, now],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
}

/// Checks a typed code (already in shape) at `now`. A right one is spent; a wrong one costs a
/// try, in the statement that compares. `Err` carries the error and the tries left.
pub fn check(
    transaction: &Transaction,
    key: &CodeKey,
    purpose: Purpose,
    subject: &str,
    typed: &str,
    now: i64,
) -> rusqlite::Result<Result<(), (SmsCodeError, u8)>> {
    Ok(check_together(transaction, key, &[(purpose, subject, typed)], now)?.remove(0))
}

/// Checks codes typed together (each already in shape) at `now`, answering each one's judgement
/// in order. A wrong one costs a try, in the statement that compares; the right ones are spent
/// only when every one is right, so a right code stays good while a wrong one is typed again.
pub fn check_together(
    transaction: &Transaction,
    key: &CodeKey,
    typed: &[(Purpose, &str, &str)],
    now: i64,
) -> rusqlite::Result<Vec<Result<(), (SmsCodeError, u8)>>> {
    let mut judgements = Vec::with_capacity(typed.len());
    for &(purpose, subject, code) in typed {
        let judged: Option<(bool, u8)> = transaction
            .query_row(
                "UPDATE one_time_codes SET tries_left = tries_left - (code_hash <> ?3)
                 WHERE purpose = ?1 AND subject = ?2 AND used = 0 AND tries_left > 0 AND expires_at > ?4
                 RETURNING code_hash = ?3, tries_left",
                params![purpose.code(), subject, key.hash(purpose, subject, code), now],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        judgements.push(match judged {
            Some((true, _)) => Ok(()),
            Some((false, 0)) => Err((SmsCodeError::NoTriesLeft, 0)),
            Some((false, left)) => Err((SmsCodeError::Wrong, left)),
            None => Err(why_not_in_force(transaction, purpose, subject, now)?),
        });
    }
    if judgements.iter().all(Result::is_ok) {
        for &(purpose, subject, _) in typed {
            transaction.execute("UPDATE one_time_codes SET used = 1 WHERE purpose = ?1 AND subject = ?2", params![purpose.code(), subject])?;
        }
    }
    Ok(judgements)
}

/// Why no code of `purpose` and `subject` can be checked at `now`: expired, or spent (or none).
fn why_not_in_force(transaction: &Transaction, purpose: Purpose, subject: &str, now: i64) -> rusqlite::Result<(SmsCodeError, u8)> {
    let found: Option<(u8, i64, bool)> = transaction
        .query_row("SELECT tries_left, expires_at, used FROM one_time_codes WHERE purpose = ?1 AND subject = ?2", params![purpose.code(), subject], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    Ok(match found {
        Some((tries_left, expires_at, false)) if tries_left > 0 && expires_at <= now => (SmsCodeError::Expired, tries_left),
        _ => (SmsCodeError::NoTriesLeft, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Store;

    fn with<T>(f: impl FnOnce(&Transaction, &CodeKey) -> T) -> T {
        let store = Store::in_memory().unwrap();
        store.transact(|transaction, key| Ok::<_, crate::db::StoreError>(f(transaction, key))).unwrap()
    }

    fn code(digits: &str, now: i64) -> SentCode {
        SentCode { code: digits.into(), ..SentCode::new(now) }
    }

    #[test]
    fn a_right_code_is_spent_once_and_a_wrong_one_costs_a_try() {
        with(|t, key| {
            put(t, key, Purpose::Login, "7", &code("123456", 1_000)).unwrap();
            assert_eq!(check(t, key, Purpose::Login, "7", "000000", 1_001).unwrap(), Err((SmsCodeError::Wrong, 2)));
            assert_eq!(check(t, key, Purpose::Login, "7", "123456", 1_002).unwrap(), Ok(()));
            assert_eq!(check(t, key, Purpose::Login, "7", "123456", 1_003).unwrap(), Err((SmsCodeError::NoTriesLeft, 0)), "used once");
        });
    }

    #[test]
    fn a_code_is_bound_to_its_purpose_and_subject_and_stored_hashed() {
        with(|t, key| {
            put(t, key, Purpose::Login, "7", &code("123456", 1_000)).unwrap();
            assert_eq!(check(t, key, Purpose::Registration, "7", "123456", 1_001).unwrap(), Err((SmsCodeError::NoTriesLeft, 0)));
            assert_eq!(check(t, key, Purpose::Login, "8", "123456", 1_001).unwrap(), Err((SmsCodeError::NoTriesLeft, 0)));
            let stored: Vec<u8> = t.query_row("SELECT code_hash FROM one_time_codes", [], |row| row.get(0)).unwrap();
            assert_eq!(stored.len(), 32);
            assert!(!stored.windows(6).any(|w| w == b"123456"));
        });
    }

    #[test]
    fn three_wrong_tries_spend_the_code_and_time_expires_it() {
        with(|t, key| {
            put(t, key, Purpose::Login, "7", &code("123456", 1_000)).unwrap();
            for left in [2, 1] {
                assert_eq!(check(t, key, Purpose::Login, "7", "111111", 1_001).unwrap(), Err((SmsCodeError::Wrong, left)));
            }
            assert_eq!(check(t, key, Purpose::Login, "7", "111111", 1_001).unwrap(), Err((SmsCodeError::NoTriesLeft, 0)));
            assert_eq!(check(t, key, Purpose::Login, "7", "123456", 1_001).unwrap(), Err((SmsCodeError::NoTriesLeft, 0)));
            put(t, key, Purpose::Login, "9", &code("123456", 1_000)).unwrap();
            let expiry = 1_000 + sms_code::VALID_SECONDS;
            assert_eq!(check(t, key, Purpose::Login, "9", "123456", expiry).unwrap(), Err((SmsCodeError::Expired, 3)));
        });
    }

    #[test]
    fn codes_typed_together_are_spent_only_when_all_are_right() {
        with(|t, key| {
            put(t, key, Purpose::ExtensionSms, "7", &code("123456", 1_000)).unwrap();
            put(t, key, Purpose::ExtensionEmail, "7", &code("654321", 1_000)).unwrap();
            let both = |sms, email| check_together(t, key, &[(Purpose::ExtensionSms, "7", sms), (Purpose::ExtensionEmail, "7", email)], 1_001).unwrap();
            assert_eq!(both("123456", "000000"), [Ok(()), Err((SmsCodeError::Wrong, 2))], "the right one costs nothing");
            assert_eq!(both("111111", "654321"), [Err((SmsCodeError::Wrong, 2)), Ok(())]);
            assert_eq!(both("123456", "654321"), [Ok(()), Ok(())]);
            assert_eq!(both("123456", "654321"), [Err((SmsCodeError::NoTriesLeft, 0)), Err((SmsCodeError::NoTriesLeft, 0))], "spent together");
        });
    }

    #[test]
    fn one_code_a_minute_and_five_an_hour() {
        with(|t, key| {
            let mut now = 10_000;
            for sent in 1..=MAX_PER_HOUR {
                assert_eq!(may_send(t, Purpose::Login, "7", now).unwrap(), Ok(()));
                put(t, key, Purpose::Login, "7", &SentCode::new(now)).unwrap();
                if sent < MAX_PER_HOUR {
                    assert_eq!(may_send(t, Purpose::Login, "7", now + 59).unwrap(), Err(NotYet::TooSoon { retry_after: 1 }));
                }
                now += 60;
            }
            let fifth = now - 60;
            assert_eq!(
                may_send(t, Purpose::Login, "7", fifth + 1).unwrap(),
                Err(NotYet::TooMany { retry_after: HOUR - 4 * 60 - 1 }),
                "the hour's wait, not the minute's"
            );
            assert_eq!(may_send(t, Purpose::Login, "7", now).unwrap(), Err(NotYet::TooMany { retry_after: HOUR - 5 * 60 }));
            assert_eq!(may_send(t, Purpose::Registration, "7", now).unwrap(), Ok(()), "another purpose counts apart");
            assert_eq!(may_send(t, Purpose::Login, "7", 10_000 + HOUR + 1).unwrap(), Ok(()));
        });
    }
}
