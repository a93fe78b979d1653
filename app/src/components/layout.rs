//! The frame of every page: skip link, header with the account menu and the language switch, main
//! (with the notice of a profile near its end), footer with help, and the session's timeout warning.

use super::account_menu::AccountMenu;
use super::expiry_notice::ExpiryNotice;
use super::session_timeout::SessionTimeout;
use crate::dom::focus_by_id;
use crate::i18n::{tr, Locale};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{Lang, Text};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_by_id("main");
        }>{tr(Text::SkipToContent)}</a>
        <header class="masthead">
            <div class="masthead__inner">
                <A href="/" attr:class="brand">
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
            <ExpiryNotice />
            {children()}
        </main>
        <footer class="footer">
            <div class="footer__inner">
                <h2 class="footer__title">{tr(Text::HelpTitle)}</h2>
                <p>{tr(Text::HelpBody)}<br />{tr(Text::HelpHours)}</p>
                <p><A href="/deklaracja-dostepnosci">{tr(Text::AccessibilityStatement)}</A></p>
            </div>
        </footer>
        <SessionTimeout />
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
