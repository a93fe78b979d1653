//! The header's corner: "Zaloguj się" for a citizen signed out; signed in, a button with the
//! citizen's name that opens a menu ("Moje konto", "Profil zaufany" › "Szczegóły profilu",
//! "Wyloguj") — a disclosure: Enter or Space opens it, Esc closes it and returns to the button,
//! leaving it closes it. The menu's code downloads once someone is signed in.

use crate::i18n::tr;
use crate::session::{use_session, use_sign_out, ACCOUNT_PATH, LOGIN_PATH, PROFILE_PATH};
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::Text;
use wasm_bindgen::JsCast;

/// Until the service has said who is signed in, an invisible stand-in of "Zaloguj się" holds its
/// place: no flash of the wrong state, and no shift of the page when the link appears (a header
/// that wraps on a phone would push everything down).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    // A memo: the corner is drawn again only when who is signed in changes, not at every refresh
    // of the session (which would close an open menu under the citizen's pointer).
    let state = Memo::new(move |_| (session.known.get(), session.citizen.with(|c| c.as_ref().map(|c| format!("{} {}", c.first_name, c.surname)))));
    move || match state.get() {
        (false, _) => view! { <span class="masthead__link masthead__link--waiting" aria-hidden="true">{tr(Text::SignIn)}</span> }.into_any(),
        (true, None) => view! { <SignInLink class="masthead__link" /> }.into_any(),
        (true, Some(name)) => Suspend::new(citizen_menu(name)).into_any(),
    }
}

/// The menu under the citizen's name, its code loaded when first needed (a split point in the
/// release build).
#[cfg_attr(wasm_split, leptos::lazy)]
async fn citizen_menu(name: String) -> AnyView {
    view! { <CitizenMenu name /> }.into_any()
}

/// "Zaloguj się": a link to the login page.
#[component]
pub fn SignInLink(class: &'static str) -> impl IntoView {
    view! { <a href=LOGIN_PATH class=class>{tr(Text::SignIn)}</a> }
}

#[component]
fn CitizenMenu(name: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let menu = NodeRef::<Div>::new();
    let button = NodeRef::<Button>::new();
    let sign_out = use_sign_out();
    let pathname = use_location().pathname;
    // Following a link of the menu closes it.
    Effect::new(move |_| {
        pathname.track();
        open.set(false);
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let on_focusout = move |ev: FocusEvent| {
        let next = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let stays_inside = menu.get_untracked().is_some_and(|menu| menu.contains(next.as_ref()));
        if !stays_inside {
            open.set(false);
        }
    };
    view! {
        <div class="account-menu" node_ref=menu on:keydown=on_keydown on:focusout=on_focusout>
            <button type="button" class="account-menu__button" id="account-menu-button" node_ref=button aria-expanded=move || open.get().to_string()
                aria-controls="account-menu" on:click=move |_| open.update(|o| *o = !*o)>
                {name}
            </button>
            <ul class="account-menu__list" id="account-menu" hidden=move || !open.get()>
                <li><A href=ACCOUNT_PATH attr:class="account-menu__item">{tr(Text::MyAccount)}</A></li>
                <li>
                    <p class="account-menu__group" id="account-menu-profile">{tr(Text::TrustedProfile)}</p>
                    <ul class="account-menu__sublist" aria-labelledby="account-menu-profile">
                        <li><A href=PROFILE_PATH attr:class="account-menu__item" attr:id="profile-details-menu">{tr(Text::ProfileDetailsHeading)}</A></li>
                    </ul>
                </li>
                <li>
                    <button type="button" class="account-menu__item" id="sign-out-menu" on:click=move |_| sign_out.run(())>{tr(Text::SignOut)}</button>
                </li>
            </ul>
        </div>
    }
}
