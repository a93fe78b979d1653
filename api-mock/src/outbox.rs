//! The outbox: every SMS and e-mail the mock "sent", kept so designers and tests can read them.

use crate::db::{self, Store, StoreError};
use rusqlite::{params, Transaction};
use shared::api::{Channel, OutboxEntry};

/// A message to put in the outbox.
pub struct Message {
    pub channel: Channel,
    pub to: String,
    pub subject: Option<String>,
    pub text: String,
}

/// Within a transaction: `message` is sent at `now`.
pub fn post(transaction: &Transaction, message: &Message, now: i64) -> rusqlite::Result<usize> {
    transaction.execute(
        "INSERT INTO outbox (channel, recipient, subject, text, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![message.channel.code(), message.to, message.subject, message.text, now],
    )
}

impl Store {
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
                    channel: db::parsed(row, 1, "channel", Channel::from_code)?,
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
