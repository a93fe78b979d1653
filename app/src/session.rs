//! Who is signed in, the session's time limits and the service's clock: one context, filled from
//! `GET /api/v1/session` at start-up and again whenever the tab comes back into view. Nothing of
//! it is kept in storage: the session itself is an HttpOnly cookie the app never sees.

use crate::api::{self, Retries};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::api::{Citizen, SecondFactorSent, SessionInfo};
use shared::date::{warsaw_date, Date};
use shared::{Lang, Text};

pub use shared::paths::{
    ACCOUNT_PATH, EMAIL_VERIFICATION_PATH, EXTENSION_PATH, FORGOT_PASSWORD_PATH, FORGOT_USERNAME_PATH, LOGIN_CODE_PATH, LOGIN_PATH, LOGIN_PUSH_PATH,
    METHOD_PATH, NEW_PASSWORD_PATH, NEW_PROFILE_BANK_PATH, NEW_PROFILE_DONE_PATH, NEW_PROFILE_E_ID_PATH, NEW_PROFILE_PATH, PASSWORD_CHANGE_PATH, PROFILE_PATH,
};

#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in citizen; none when nobody is.
    pub citizen: RwSignal<Option<Citizen>>,
    /// Whether the service has told who is signed in (the header waits for it).
    pub known: RwSignal<bool>,
    /// The sign-in of this tab waiting for its second factor, as the service started it.
    pub login: RwSignal<Option<SecondFactorSent>>,
    /// When the session ends unless extended, on the device's clock (milliseconds since 1970).
    pub ends_at: RwSignal<Option<f64>>,
    /// How long before its end the citizen is warned, in seconds.
    pub warn_before: RwSignal<i64>,
    /// Set when the session ended by itself: the frame sends the citizen to sign in again.
    pub expired: RwSignal<bool>,
    /// What the next page should say first, e.g. "Wylogowano".
    pub notice: RwSignal<Option<Text>>,
    /// The service's clock minus the device's, in milliseconds (0 until the service answers).
    clock_offset_ms: RwSignal<f64>,
    lang: Signal<Lang>,
}

/// Provides the session, nobody signed in until the service says otherwise (see `Session::start`).
pub fn provide_session() -> Session {
    let session = Session {
        citizen: RwSignal::new(None),
        known: RwSignal::new(false),
        login: RwSignal::new(None),
        ends_at: RwSignal::new(None),
        warn_before: RwSignal::new(0),
        expired: RwSignal::new(false),
        notice: RwSignal::new(None),
        clock_offset_ms: RwSignal::new(0.0),
        lang: use_lang(),
    };
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// Asks the service who is signed in once the first page is painted (the page does not wait
    /// for the answer, and a slow phone's first paint does not wait for the request), and again
    /// each time the tab becomes visible.
    pub fn start(self) {
        request_animation_frame(move || set_timeout(move || self.refresh(), std::time::Duration::ZERO));
        let on_visible = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                self.refresh();
            }
        });
        on_cleanup(move || on_visible.remove());
    }

    /// Asks the service who is signed in and when the session ends.
    pub fn refresh(self) {
        spawn_local(async move {
            match api::session(self.lang.get_untracked()).await {
                Ok(info) => self.apply(info),
                Err(_) => self.known.set(true),
            }
        });
    }

    /// Takes the service's word: the citizen, the session's end, its clock. A citizen who was
    /// signed in and is no longer has seen the session end by itself.
    pub fn apply(self, info: SessionInfo) {
        let device_now = js_sys::Date::now();
        self.clock_offset_ms.set(info.now as f64 * 1000.0 - device_now);
        self.warn_before.set(info.warn_before);
        let ends_at = info.expires_in.filter(|_| info.citizen.is_some()).map(|seconds| device_now + seconds as f64 * 1000.0);
        if self.citizen.with_untracked(Option::is_some) && info.citizen.is_none() {
            self.expire();
        } else {
            self.ends_at.set(ends_at);
            self.citizen.set(info.citizen);
        }
        self.known.set(true);
    }

    /// The session ended by itself: forget the citizen, make sure the service has too, and let
    /// the frame send the citizen to sign in again.
    pub fn expire(self) {
        if self.citizen.with_untracked(Option::is_none) && self.ends_at.with_untracked(Option::is_none) {
            return;
        }
        self.forget();
        self.expired.set(true);
        spawn_local(async move {
            let _ = api::sign_out(self.lang.get_untracked(), Retries::Never).await;
        });
    }

    /// Forgets the signed-in citizen and any sign-in in progress.
    pub fn forget(self) {
        self.citizen.set(None);
        self.ends_at.set(None);
        self.login.set(None);
    }

    /// The service's time now, in seconds since 1970 (tracked: changes once the service answers).
    pub fn now_seconds(self) -> i64 {
        ((js_sys::Date::now() + self.clock_offset_ms.get()) / 1000.0).floor() as i64
    }

    /// Today in Poland by the service's clock; by the device's clock until the service answers.
    pub fn today(self) -> Date {
        warsaw_date(self.now_seconds())
    }
}

/// Signs out on the server, forgets the citizen and goes to the front door, which says "Wylogowano".
pub fn use_sign_out() -> Callback<()> {
    let session = use_session();
    let navigate = use_navigate();
    Callback::new(move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let quietly = Retries::Reported(Callback::new(|_| {}));
            let _ = api::sign_out(session.lang.get_untracked(), quietly).await;
            session.forget();
            session.notice.set(Some(Text::SignedOut));
            navigate(shared::paths::HOME_PATH, Default::default());
        });
    })
}

/// Where to go after signing in, from `?powrot=`: only a path of this site (a single leading `/`,
/// not the login pages themselves), else the account.
pub fn return_path(asked: Option<String>) -> String {
    asked
        .filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.starts_with(LOGIN_PATH))
        .unwrap_or_else(|| ACCOUNT_PATH.to_owned())
}

/// `page` with `?powrot=` saying where to go once signed in.
pub fn with_return(page: &str, back_to: &str) -> String {
    format!("{page}?powrot={}", js_sys::encode_uri_component(back_to))
}

/// The login page after the session ended by itself, returning to `back_to` afterwards.
pub fn login_after_expiry(back_to: &str) -> String {
    format!("{LOGIN_PATH}?sesja=wygasla&powrot={}", js_sys::encode_uri_component(back_to))
}
