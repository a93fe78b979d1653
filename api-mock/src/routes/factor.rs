//! The second factor of every operation, in one place: an SMS code or a push request in
//! mObywatel, sent for a purpose (signing in, confirming it is still the citizen, changing the
//! method, a new password), sent again, and the push's state as the page asks for it.

use super::registrations::{new_code, too_soon};
use crate::codes::{self, CodeKey, NotYet, Purpose};
use crate::db::StoreError;
use crate::outbox;
use crate::push_requests::PushRequest;
use crate::sessions::{LoginAccount, SignIn};
use crate::{ApiError, AppState};
use rusqlite::Transaction;
use shared::api::{Authorisation, PushState, PushStatus, SecondFactorSent, SmsCodeSent};
use shared::rules::login;
use shared::rules::sms_code;
use shared::Lang;

/// Sends the second factor of `method` for `purpose` to the account: an SMS code (the one in
/// force again when sent within its time, so asking twice sends nothing new; else a new one
/// unless one went out within the minute or five this hour, however it was asked for: a fresh
/// sign-in, a resend or a confirmation) or a push request bound to the session `session_hash`.
#[allow(clippy::too_many_arguments)] // each is one fact of the request; a struct would only rename them
pub(super) fn send(
    state: &AppState,
    transaction: &Transaction,
    key: &CodeKey,
    purpose: Purpose,
    method: Authorisation,
    account: &LoginAccount,
    session_hash: &str,
    lang: Lang,
) -> Result<Result<SecondFactorSent, NotYet>, StoreError> {
    let (now, subject) = (state.clock.now(), account.id.to_string());
    let phone = account.phone.masked();
    let sent = |check_number, expires_in, resend_available_in| SecondFactorSent { method, phone: phone.clone(), check_number, expires_in, resend_available_in };
    if method == Authorisation::Push {
        let check_number = SignIn { transaction, key }.request_push(session_hash, account.id, purpose, now)?;
        return Ok(Ok(sent(Some(check_number), login::PUSH_VALID_SECONDS, 0)));
    }
    if let Some((sent_at, expires_at)) = codes::in_force(transaction, purpose, &subject, now)? {
        return Ok(Ok(sent(None, expires_at - now, (sent_at + sms_code::RESEND_COOLDOWN_SECONDS - now).max(0))));
    }
    if let Err(not_yet) = codes::may_send(transaction, purpose, &subject, now)? {
        return Ok(Err(not_yet));
    }
    let (code, sms) = new_code(state, &account.phone, purpose, lang);
    codes::put(transaction, key, purpose, &subject, &code)?;
    outbox::post(transaction, &sms, now)?;
    Ok(Ok(sent(None, sms_code::VALID_SECONDS, sms_code::RESEND_COOLDOWN_SECONDS)))
}

/// A new SMS code for `purpose` (the old one stops working): at most one a minute, five an hour.
pub(super) fn resend(state: &AppState, purpose: Purpose, account: &LoginAccount, lang: Lang) -> Result<SmsCodeSent, ApiError> {
    let (code, sms) = new_code(state, &account.phone, purpose, lang);
    let subject = account.id.to_string();
    state.store.transact(|transaction, key| -> Result<(), ApiError> {
        codes::may_send(transaction, purpose, &subject, code.sent_at)?.map_err(too_soon)?;
        codes::put(transaction, key, purpose, &subject, &code)?;
        outbox::post(transaction, &sms, code.sent_at)?;
        Ok(())
    })?;
    Ok(SmsCodeSent { resend_available_in: sms_code::RESEND_COOLDOWN_SECONDS })
}

/// A push request as the page that asked sees it.
pub(super) fn status(request: &PushRequest, now: i64) -> PushStatus {
    let expires_in = if request.state == PushState::Pending { (request.expires_at - now).max(0) } else { 0 };
    PushStatus { state: request.state, check_number: request.check_number.clone(), expires_in }
}
