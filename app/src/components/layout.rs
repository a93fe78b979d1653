//! The frame of every page: skip link, header with the account menu and the language switch, main
//! (with the notice of a profile near its end), footer with help, and the session's timeout warning.

use super::account_menu::AccountMenu;
use super::expiry_notice::expiry_notice;
use super::session_timeout::session_timeout;
use crate::dom::focus_by_id;
use crate::i18n::{tr, Locale};
use crate::session::{login_after_expiry, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use shared::paths::{ACCESSIBILITY_PATH, HOME_PATH};
use shared::{Lang, Text};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    // A session that ended by itself sends the citizen to sign in again, then back here.
    Effect::new(move |_| {
        if session.expired.get() {
            session.expired.set(false);
            navigate(&login_after_expiry(&pathname.get_untracked()), Default::default());
        }
    });
    // What only a signed-in citizen sees downloads once someone is.
    let signed_in = Memo::new(move |_| session.citizen.with(Option::is_some));
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_by_id("main");
        }>{tr(Text::SkipToContent)}</a>
        <header class="masthead">
            <div class="masthead__inner">
                <A href=HOME_PATH attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"PZ"</span>
                    <span class="brand__name">{tr(Text::ServiceName)}</span>
                </A>
                <div class="masthead__tools">
                    <AccountMenu />
                    <LanguageSwitch />
                </div>
            </div>
        </header>
        <main class="page" id="main" tabindex="-1">
            {move || signed_in.get().then(|| Suspend::new(expiry_notice()))}
            {children()}
        </main>
        <footer class="footer">
            <div class="footer__inner">
                <h2 class="footer__title">{tr(Text::HelpTitle)}</h2>
                <p>{tr(Text::HelpBody)}<br />{tr(Text::HelpHours)}</p>
                <p><A href=ACCESSIBILITY_PATH>{tr(Text::AccessibilityStatement)}</A></p>
            </div>
        </footer>
        {move || signed_in.get().then(|| Suspend::new(session_timeout()))}
    }
}

/// One button that switches to the other language; it speaks that language's name in it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let Locale(lang) = expect_context::<Locale>();
    let other = move || match lang.get() {
        Lang::Pl => Lang::En,
        Lang::En => Lang::Pl,
    };
    view! {
        <button type="button" class="language-switch" lang=move || other().tag() on:click=move |_| lang.set(other())>
            {move || Text::SwitchLanguage.get(lang.get())}
        </button>
    }
}
