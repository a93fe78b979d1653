//! Reminders before a profile ends, by SMS and e-mail, 60, 30, 7 and 1 days before and on its last
//! day, in the citizen's language and with no link: sent when the mock's clock reaches their day
//! (checked every minute, at start, after a scenario loads and whenever a designer moves the
//! clock), each recorded in the state in the same transaction as its messages, so never twice.

use crate::db::StoreError;
use crate::outbox::Message;
use crate::profiles::{self, Due};
use crate::AppState;
use shared::api::Channel;
use shared::date::Date;
use shared::notices;
use std::time::Duration;

/// How often the mock looks for reminders that came due as time passed.
const EVERY: Duration = Duration::from_secs(60);
/// Reminders recorded in one transaction.
const BATCH: usize = 500;

/// Sends every reminder due by the clock and not sent yet; answers how many went out.
pub fn send_due(state: &AppState) -> Result<usize, StoreError> {
    let (today, now) = (state.clock.today(), state.clock.now());
    let due = state.store.due_reminders(today)?;
    let mut sent = 0;
    for batch in due.chunks(BATCH) {
        sent += state.store.transact(|transaction, _| {
            let mut sent = 0;
            for reminder in batch {
                sent += usize::from(profiles::record_reminder(transaction, reminder, now, &messages(reminder, today))?);
            }
            Ok::<_, StoreError>(sent)
        })?;
    }
    if sent > 0 {
        tracing::info!(sent, "expiry reminders sent");
    }
    Ok(sent)
}

/// Records every reminder due by the clock as sent, without sending: for a world loaded on a day
/// whose reminders went out before it (the renewal storm).
pub fn settle(state: &AppState) -> Result<usize, StoreError> {
    state.store.settle_reminders(state.clock.today(), state.clock.now())
}

/// Sends the due reminders now and then every minute, for as long as the server runs.
pub async fn keep_sending(state: AppState) {
    loop {
        let sweep = state.clone();
        match tokio::task::spawn_blocking(move || send_due(&sweep)).await {
            Ok(Err(error)) => tracing::error!(?error, "expiry reminders could not be sent"),
            Err(error) => tracing::error!(%error, "expiry reminders stopped"),
            Ok(Ok(_)) => {}
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// The SMS and the e-mail of a reminder sent on `today`, saying how many days are left.
fn messages(due: &Due, today: Date) -> [Message; 2] {
    let days_left = due.valid_until.days_since_epoch() - today.days_since_epoch();
    let email = notices::expiry_reminder_email(due.kind, due.valid_until, days_left, due.lang);
    [
        Message {
            channel: Channel::Sms,
            to: due.phone.clone(),
            subject: None,
            text: notices::expiry_reminder_sms(due.kind, due.valid_until, days_left, due.lang),
        },
        Message { channel: Channel::Email, to: due.email.clone(), subject: Some(email.subject), text: email.text },
    ]
}
