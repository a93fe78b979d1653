//! "Twoje sesje" on the account page: each signed-in session of the citizen (this device marked,
//! the browser as it named itself, signed in at, last activity, in Polish time), and "Wyloguj ze
//! wszystkich urządzeń", after which the app forgets the citizen and goes to the login page.

use crate::api;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, LOGIN_PATH};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::SessionSummary;
use shared::date::{warsaw_date, warsaw_time};
use shared::i18n::long_date;
use shared::{Lang, Text};

/// A moment in Polish time: "25 listopada 2026 r., 14:05".
pub(super) fn moment(utc: i64, lang: Lang) -> String {
    let time = warsaw_time(utc);
    format!("{}, {}", long_date(warsaw_date(utc), lang), time.get(11..16).unwrap_or_default())
}

#[component]
pub fn Sessions() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let sessions = RwSignal::new(None::<Vec<SessionSummary>>);
    let status = RequestStatus::default();
    let load = status.action(move || {
        status.send(
            move |retries| api::sessions(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(list) => sessions.set(Some(list.sessions)),
                Err(_) => session.expire(),
            },
        );
    });
    load.run(());
    let ending = RequestStatus::default();
    let end_every_session = ending.action(move || {
        let navigate = navigate.clone();
        ending.send(
            move |retries| api::end_every_session(lang.get_untracked(), retries),
            move |_| {
                // Ended, or ended already: either way nobody is signed in here any more.
                session.forget();
                session.notice.set(Some(Text::SignedOutEverywhere));
                navigate(LOGIN_PATH, Default::default());
            },
        );
    });
    let rows = move || sessions.get().map(|list| list.into_iter().enumerate().map(|(index, entry)| view! { <SessionEntry index entry /> }).collect_view());
    view! {
        <section aria-labelledby="sessions-heading" id="sessions">
            <h2 class="heading-small" id="sessions-heading">{tr(Text::YourSessions)}</h2>
            <p>{tr(Text::YourSessionsIntro)}</p>
            {rows}
            <RequestNotice status />
            <button type="button" class="button button--secondary" id="sign-out-everywhere" aria-disabled=move || ending.busy().get().to_string()
                on:click=move |_| if !ending.busy().get_untracked() { end_every_session.run(()) }>
                {tr(Text::SignOutEverywhere)}
            </button>
            <RequestNotice status=ending />
        </section>
    }
}

/// One session: its browser (and "to urządzenie" for this one), when it signed in, its last activity.
#[component]
fn SessionEntry(index: usize, entry: SessionSummary) -> impl IntoView {
    let lang = use_lang();
    let SessionSummary { current, device, signed_in_at, last_seen } = entry;
    let device = StoredValue::new(device);
    let name = move || device.with_value(|d| if d.trim().is_empty() { Text::UnknownDevice.get(lang.get()).to_owned() } else { d.clone() });
    view! {
        <div class="session" id=format!("session-{index}")>
            <h3 class="heading-small session__device">
                {name}
                {current.then(|| view! { " (" <span class="session__current">{tr(Text::ThisDevice)}</span> ")" })}
            </h3>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{tr(Text::SessionSignedInAt)}</dt>
                    <dd>{move || moment(signed_in_at, lang.get())}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{tr(Text::SessionLastSeen)}</dt>
                    <dd>{move || moment(last_seen, lang.get())}</dd>
                </div>
            </dl>
        </div>
    }
}
