//! A profile's life after its confirmation, in the state: the account's current profile, its
//! extension (the contact details as confirmed or changed, kept until both codes are right, then
//! 3 more years), a new profile through a provider after the old one expired, and the reminders
//! before the end, each recorded so that it is sent once, also across clock moves and restarts.

use crate::db::{self, Store, StoreError};
use crate::outbox::{self, Message};
use rusqlite::{params, OptionalExtension, Transaction};
use shared::api::RegistrationState;
use shared::date::Date;
use shared::rules::confirmation::{Confirmation, ProfileKind};
use shared::rules::phone::PhoneNumber;
use shared::validity::{Validity, REMINDER_DAYS};
use shared::Lang;

/// An account's current profile: the one confirmed last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentProfile {
    pub id: i64,
    pub kind: ProfileKind,
    pub valid_until: Date,
}

/// The contact details an extension will put on the account once both codes are right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingExtension {
    pub email: String,
    pub phone: PhoneNumber,
}

/// A profile due a reminder, with where to send it and in which language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub profile_id: i64,
    pub kind: ProfileKind,
    pub valid_until: Date,
    pub days_before: i64,
    pub phone: String,
    pub email: String,
    pub lang: Lang,
}

/// One reminder of the schedule, as the designer's list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduledReminder {
    pub username: String,
    pub valid_until: Date,
    pub days_before: i64,
    /// When it was sent, or found superseded by a later one (seconds since 1970).
    pub handled_at: Option<i64>,
    /// Whether it went out (false: a later reminder was due by the time it was handled).
    pub sent: bool,
}

impl Store {
    /// The profile the account confirmed last, if any.
    pub fn current_profile(&self, account_id: i64) -> Result<Option<CurrentProfile>, StoreError> {
        let found = self
            .connection()
            .query_row("SELECT id, kind, valid_until FROM profiles WHERE account_id = ?1 ORDER BY confirmed_at DESC, id DESC LIMIT 1", [account_id], |row| {
                Ok(CurrentProfile {
                    id: row.get(0)?,
                    kind: db::parsed(row, 1, "profile kind", ProfileKind::from_code)?,
                    valid_until: db::parsed(row, 2, "valid_until", |text| text.parse().ok())?,
                })
            })
            .optional()?;
        Ok(found)
    }

    /// The contact details of an extension started and not yet confirmed.
    pub fn pending_extension(&self, account_id: i64) -> Result<Option<PendingExtension>, StoreError> {
        let found = self
            .connection()
            .query_row("SELECT email, phone FROM extensions WHERE account_id = ?1", [account_id], |row| {
                Ok(PendingExtension { email: row.get(0)?, phone: db::parsed(row, 1, "phone", |text| PhoneNumber::parse(text).ok())? })
            })
            .optional()?;
        Ok(found)
    }

    /// A new profile for the account, applied for through `confirmation` (a provider or the e-ID
    /// card): an application awaiting the provider, numbered within `year`; answers its number.
    pub fn start_new_profile(&self, account_id: i64, id: &str, confirmation: &Confirmation, lang: Lang, year: u16, now: i64) -> Result<String, StoreError> {
        self.transact(|transaction, _| {
            let number = crate::registrations::next_application_number(transaction, year)?;
            let confirmation = serde_json::to_string(confirmation).expect("a confirmation serialises");
            transaction.execute(
                "INSERT INTO registrations (id, account_id, state, confirmation, lang, application_number, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, account_id, RegistrationState::AwaitingIdentity.code(), confirmation, lang.tag(), number, now],
            )?;
            Ok(number)
        })
    }

    /// The provider did not confirm: the application for a new profile is withdrawn (only one
    /// still waiting, and only one for a new profile: an account's first registration stays).
    pub fn withdraw_new_profile(&self, id: &str) -> Result<bool, StoreError> {
        let withdrawn = self.connection().execute(
            "DELETE FROM registrations WHERE id = ?1 AND state = ?2
             AND EXISTS (SELECT 1 FROM registrations first WHERE first.account_id = registrations.account_id AND first.created_at < registrations.created_at)
             AND NOT EXISTS (SELECT 1 FROM profiles WHERE registration_id = ?1)",
            params![id, RegistrationState::AwaitingIdentity.code()],
        )?;
        Ok(withdrawn == 1)
    }
}

/// Within a transaction: an extension of the account starts with these contact details (an
/// earlier one not finished is replaced).
pub fn start_extension(transaction: &Transaction, account_id: i64, contact: &PendingExtension, now: i64) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO extensions (account_id, email, phone, started_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(account_id) DO UPDATE SET email = ?2, phone = ?3, started_at = ?4",
        params![account_id, contact.email, contact.phone.e164(), now],
    )?;
    Ok(())
}

/// Within a transaction: both codes were right. The profile is valid until `valid_until` (if it
/// is still the valid ordinary one it was on `today`), the account takes the extension's contact
/// details, and `emails` go out. Answers false, changing nothing, when no extension was pending or
/// the profile can no longer be extended.
pub fn complete_extension(
    transaction: &Transaction,
    account_id: i64,
    profile: &CurrentProfile,
    today: Date,
    valid_until: Date,
    now: i64,
    emails: &[Message],
) -> Result<bool, StoreError> {
    let Some(contact) = transaction
        .query_row("DELETE FROM extensions WHERE account_id = ?1 RETURNING email, phone", [account_id], |row| {
            Ok(PendingExtension { email: row.get(0)?, phone: db::parsed(row, 1, "phone", |text| PhoneNumber::parse(text).ok())? })
        })
        .optional()?
    else {
        return Ok(false);
    };
    let extended = transaction.execute(
        "UPDATE profiles SET valid_until = ?2, extended_at = ?3 WHERE id = ?1 AND account_id = ?4 AND kind = ?5 AND valid_until >= ?6",
        params![profile.id, valid_until.to_string(), now, account_id, ProfileKind::Ordinary.code(), today.to_string()],
    )?;
    if extended != 1 {
        return Ok(false);
    }
    // The e-mail code was right, so the address is verified, unless another account verified it first.
    transaction.execute(
        "UPDATE accounts SET email = ?2, phone = ?3, email_verified = NOT EXISTS (SELECT 1 FROM accounts WHERE email = ?2 AND email_verified = 1 AND id <> ?1)
         WHERE id = ?1",
        params![account_id, contact.email, contact.phone.e164()],
    )?;
    for email in emails {
        outbox::post(transaction, email, now)?;
    }
    Ok(true)
}

/// The SQL of the reminder due `days_left` days before the end (the text of a column or a
/// parameter), the same rule as `Validity::due_reminder`: the latest reminder whose day has come.
fn due_reminder_sql(days_left: &str) -> String {
    let mut stages = REMINDER_DAYS;
    stages.sort_unstable();
    let (last, earlier) = stages.split_last().expect("reminder days");
    let cases: String = earlier.iter().map(|days| format!("WHEN {days_left} <= {days} THEN {days} ")).collect();
    format!("CASE {cases}ELSE {last} END")
}

impl Store {
    /// The reminders due on `today` and not yet handled, each for an account's current profile.
    pub fn due_reminders(&self, today: Date) -> Result<Vec<Due>, StoreError> {
        let last_day = today.add_days(*REMINDER_DAYS.iter().max().expect("reminder days"));
        let days_left = "CAST(julianday(p.valid_until) - julianday(?1) AS INTEGER)";
        let sql = format!(
            "SELECT p.id, p.kind, p.valid_until, {due}, a.phone, a.email, a.lang
             FROM profiles p JOIN accounts a ON a.id = p.account_id
             WHERE p.valid_until BETWEEN ?1 AND ?2
               AND p.id = (SELECT id FROM profiles c WHERE c.account_id = p.account_id ORDER BY c.confirmed_at DESC, c.id DESC LIMIT 1)
               AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.profile_id = p.id AND r.valid_until = p.valid_until AND r.days_before = {due})
             ORDER BY p.id",
            due = due_reminder_sql(days_left)
        );
        let connection = self.connection();
        let mut statement = connection.prepare(&sql)?;
        let rows = statement.query_map(params![today.to_string(), last_day.to_string()], |row| {
            Ok(Due {
                profile_id: row.get(0)?,
                kind: db::parsed(row, 1, "profile kind", ProfileKind::from_code)?,
                valid_until: db::parsed(row, 2, "valid_until", |text| text.parse().ok())?,
                days_before: row.get(3)?,
                phone: row.get(4)?,
                email: row.get(5)?,
                lang: db::parsed(row, 6, "lang", Lang::from_tag)?,
            })
        })?;
        let due = rows.collect::<Result<Vec<_>, _>>()?;
        Ok(due.into_iter().filter(|d| Validity::on(d.valid_until, today).due_reminder() == Some(d.days_before)).collect())
    }
}

/// Within a transaction: the reminder `due` is handled at `now`. It and every earlier reminder of
/// the same end not yet handled (skipped: a later one was due by then) are recorded; `messages`
/// go out only if this call recorded it first. Answers whether it did.
pub fn record_reminder(transaction: &Transaction, due: &Due, now: i64, messages: &[Message]) -> Result<bool, StoreError> {
    let mut insert = transaction
        .prepare_cached("INSERT INTO reminders (profile_id, valid_until, days_before, handled_at, sent) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")?;
    let recorded = insert.execute(params![due.profile_id, due.valid_until.to_string(), due.days_before, now, true])? == 1;
    for skipped in REMINDER_DAYS.into_iter().filter(|days| *days > due.days_before) {
        insert.execute(params![due.profile_id, due.valid_until.to_string(), skipped, now, false])?;
    }
    if recorded {
        for message in messages {
            outbox::post(transaction, message, now)?;
        }
    }
    Ok(recorded)
}

impl Store {
    /// Records every reminder due on `today` as sent at `now`, without sending it; answers how many.
    pub fn settle_reminders(&self, today: Date, now: i64) -> Result<usize, StoreError> {
        let last_day = today.add_days(*REMINDER_DAYS.iter().max().expect("reminder days"));
        let sql = format!(
            "INSERT INTO reminders (profile_id, valid_until, days_before, handled_at, sent)
             SELECT p.id, p.valid_until, {due}, ?3, 1 FROM profiles p
             WHERE p.valid_until BETWEEN ?1 AND ?2
               AND p.id = (SELECT id FROM profiles c WHERE c.account_id = p.account_id ORDER BY c.confirmed_at DESC, c.id DESC LIMIT 1)
             ON CONFLICT DO NOTHING",
            due = due_reminder_sql("CAST(julianday(p.valid_until) - julianday(?1) AS INTEGER)")
        );
        Ok(self.connection().execute(&sql, params![today.to_string(), last_day.to_string(), now])?)
    }

    /// Every reminder of the current profiles ending from `today` to `days` after it, by the day
    /// it is due, at most `limit`.
    pub fn reminder_schedule(&self, today: Date, days: i64, limit: usize) -> Result<Vec<ScheduledReminder>, StoreError> {
        let stages: String = REMINDER_DAYS.iter().map(|d| format!("SELECT {d} AS days_before")).collect::<Vec<_>>().join(" UNION ALL ");
        let sql = format!(
            "SELECT a.username, p.valid_until, s.days_before, r.handled_at, COALESCE(r.sent, 0)
             FROM profiles p JOIN accounts a ON a.id = p.account_id CROSS JOIN ({stages}) s
             LEFT JOIN reminders r ON r.profile_id = p.id AND r.valid_until = p.valid_until AND r.days_before = s.days_before
             WHERE p.valid_until BETWEEN ?1 AND ?2
               AND p.id = (SELECT id FROM profiles c WHERE c.account_id = p.account_id ORDER BY c.confirmed_at DESC, c.id DESC LIMIT 1)
             ORDER BY julianday(p.valid_until) - s.days_before, a.username, s.days_before DESC
             LIMIT ?3"
        );
        let connection = self.connection();
        let mut statement = connection.prepare(&sql)?;
        let rows = statement.query_map(params![today.to_string(), today.add_days(days).to_string(), limit as i64], |row| {
            Ok(ScheduledReminder {
                username: row.get(0)?,
                valid_until: db::parsed(row, 1, "valid_until", |text| text.parse().ok())?,
                days_before: row.get(2)?,
                handled_at: row.get(3)?,
                sent: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_of_the_due_reminder_agrees_with_the_shared_rule() {
        let store = Store::in_memory().unwrap();
        let connection = store.connection();
        let last = Date::new(2027, 1, 29).unwrap();
        for days_left in 0..=70 {
            let sql = format!("SELECT {}", due_reminder_sql("?1"));
            let due: i64 = connection.query_row(&sql, [days_left], |row| row.get(0)).unwrap();
            let expected = Validity::on(last, last.add_days(-days_left)).due_reminder().unwrap_or(60);
            assert_eq!(due, expected, "{days_left} days left");
        }
    }
}
