//! The warning before a session ends (WCAG 2.2.1): a modal dialog `warn_before` seconds before
//! the end, focus moved into it, "Przedłuż sesję" or "Wyloguj" (Esc extends too); at the end the
//! session expires (the frame then sends the citizen to the login page, which says why and
//! returns here afterwards). Its code downloads once someone is signed in.

use super::request_status::{RequestNotice, RequestStatus};
use crate::api;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, use_sign_out};
use leptos::html::{Button, Dialog};
use leptos::prelude::*;
use shared::Text;
use std::time::Duration;

/// The warning, its code loaded when first needed (a split point in the release build).
#[cfg_attr(wasm_split, leptos::lazy)]
pub async fn session_timeout() -> AnyView {
    view! { <SessionTimeout /> }.into_any()
}

#[component]
pub fn SessionTimeout() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let sign_out = use_sign_out();
    let status = RequestStatus::default();
    let open = RwSignal::new(false);
    let seconds_left = RwSignal::new(0i64);
    let dialog = NodeRef::<Dialog>::new();
    let extend_button = NodeRef::<Button>::new();

    // The warning and the end, scheduled afresh whenever the session's end moves.
    let timers = StoredValue::new(Vec::<TimeoutHandle>::new());
    let clear_timers = move || timers.update_value(|handles| handles.drain(..).for_each(|handle| handle.clear()));
    Effect::new(move |_| {
        clear_timers();
        open.set(false);
        let Some(ends_at) = session.ends_at.get() else { return };
        let until_end = ends_at - js_sys::Date::now();
        let until_warning = until_end - session.warn_before.get() as f64 * 1000.0;
        let after = |ms: f64| Duration::from_millis(ms.max(0.0) as u64);
        let warn = set_timeout_with_handle(move || open.set(true), after(until_warning));
        let end = set_timeout_with_handle(move || session.expire(), after(until_end));
        timers.update_value(|handles| handles.extend(warn.into_iter().chain(end)));
    });
    on_cleanup(clear_timers);

    // The countdown, a second at a time while the dialog is open.
    let count_down = move || {
        if let Some(ends_at) = session.ends_at.get_untracked() {
            seconds_left.set(((ends_at - js_sys::Date::now()) / 1000.0).ceil().max(0.0) as i64);
        }
    };
    let tick = move || {
        if open.get_untracked() {
            count_down();
        }
    };
    if let Ok(ticker) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || ticker.clear());
    }

    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            count_down();
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            if let Some(button) = extend_button.get_untracked() {
                let _ = button.focus();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });

    let extend = status.action(move || {
        status.send(
            move |retries| api::extend_session(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(info) => session.apply(info),
                Err(_) => session.expire(),
            },
        );
    });
    let time_left = move || {
        let left = seconds_left.get();
        Text::TimeoutLeft.get(lang.get()).replace("{time}", &format!("{}:{:02}", left / 60, left % 60))
    };
    view! {
        <dialog class="timeout" id="session-timeout" node_ref=dialog role="alertdialog" aria-modal="true" aria-labelledby="timeout-title"
            aria-describedby="timeout-body" on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); extend.run(()); }>
            <h2 class="timeout__title" id="timeout-title">{tr(Text::TimeoutHeading)}</h2>
            <p id="timeout-body">{tr(Text::TimeoutBody)}</p>
            // A timer is not a live region: the time left is read when the dialog opens, not every second.
            <p class="timeout__left" role="timer">{time_left}</p>
            <div class="button-group">
                <button type="button" class="button" id="extend-session" node_ref=extend_button on:click=move |_| extend.run(())>
                    {tr(Text::ExtendSession)}
                </button>
                <button type="button" class="button button--secondary" id="timeout-sign-out" on:click=move |_| sign_out.run(())>
                    {tr(Text::SignOut)}
                </button>
            </div>
            <RequestNotice status />
        </dialog>
    }
}
