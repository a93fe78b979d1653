//! Who may call a route, as axum extractors: the session cookie is read here and nowhere else.
//!
//! A handler names its caller in its signature — [`SignedIn`] (a citizen, touched: activity),
//! [`PendingSignIn`] (a sign-in waiting for its second factor), [`AnySession`] and
//! [`SessionToken`] for the few that take anyone — so a route cannot forget the check. A new kind
//! of caller (an official, with a cookie of their own) is one more cookie type and one more
//! extractor beside these, rejecting with the same `ApiError`s.

use crate::sessions::{LoginAccount, Session, Stage};
use crate::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use shared::Refusal;
use std::marker::PhantomData;

/// The session cookie as the service's public origin decides it: over HTTPS `__Host-pz_session`,
/// `Secure` (so no other host or path can set or shadow it), else `pz_session`; always
/// `HttpOnly`, `SameSite=Strict`, `Path=/`. Nothing about it is taken from the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionCookie {
    secure: bool,
}

impl SessionCookie {
    /// The cookie of a service reached at `public_url`.
    pub fn for_origin(public_url: &str) -> SessionCookie {
        SessionCookie { secure: public_url.starts_with("https://") }
    }

    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-pz_session"
        } else {
            "pz_session"
        }
    }

    /// The session token of the request's cookie, if any.
    pub fn token(self, headers: &HeaderMap) -> Option<String> {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .map(|(_, value)| value.to_owned())
            .filter(|value| !value.is_empty() && value.len() <= 64)
    }

    /// The `Set-Cookie` of `token`; an empty token clears the cookie.
    pub fn set(self, token: &str) -> HeaderValue {
        let (secure, clear) = (if self.secure { "; Secure" } else { "" }, if token.is_empty() { "; Max-Age=0" } else { "" });
        HeaderValue::from_str(&format!("{}={token}; HttpOnly; SameSite=Strict; Path=/{secure}{clear}", self.name())).expect("a token is a cookie value")
    }
}

/// The token of the request's session cookie, whether or not a live session has it.
pub struct SessionToken(pub Option<String>);

impl FromRequestParts<AppState> for SessionToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(SessionToken(state.session_cookie.token(&parts.headers)))
    }
}

/// The live session of the request's cookie in any stage, if any; not touched (reading it is not
/// activity).
pub struct AnySession(pub Option<Session>);

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let SessionToken(token) = SessionToken::from_request_parts(parts, state).await?;
        let Some(token) = token else { return Ok(AnySession(None)) };
        Ok(AnySession(state.store.session(&token, state.session_limits, state.clock.now())?))
    }
}

/// A signed-in citizen: their session, touched (the idle limit counts again from now), and their
/// account; else `401 session.none`.
pub struct SignedIn {
    pub session: Session,
    pub account: LoginAccount,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let AnySession(session) = AnySession::from_request_parts(parts, state).await?;
        let mut session = session.filter(|s| s.stage == Stage::SignedIn).ok_or(Refusal::SessionNone)?;
        state.store.touch(&mut session, state.clock.now())?;
        let account = state.store.account(session.account_id)?.ok_or(Refusal::SessionNone)?;
        Ok(SignedIn { session, account })
    }
}

/// The second factor a pending sign-in waits for, as a type: `PendingSignIn<BySms>`, `PendingSignIn<ByPush>`.
pub trait Awaiting {
    const STAGE: Stage;
}

/// A sign-in waiting for its SMS code.
pub struct BySms;

impl Awaiting for BySms {
    const STAGE: Stage = Stage::AwaitingSms;
}

/// A sign-in waiting for the push in mObywatel.
pub struct ByPush;

impl Awaiting for ByPush {
    const STAGE: Stage = Stage::AwaitingPush;
}

/// The request's half-finished sign-in, waiting in `F`'s stage (not touched); else `409 login.not_pending`.
pub struct PendingSignIn<F> {
    pub session: Session,
    awaiting: PhantomData<F>,
}

impl<F: Awaiting> FromRequestParts<AppState> for PendingSignIn<F> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let AnySession(session) = AnySession::from_request_parts(parts, state).await?;
        let session = session.filter(|s| s.stage == F::STAGE).ok_or(Refusal::LoginNotPending)?;
        Ok(PendingSignIn { session, awaiting: PhantomData })
    }
}
