//! The account's first page: a greeting by name and the profile's state in one line (valid until
//! when and for how many days, expired and the account kept, or the application and what it
//! waits for), the action that fits it (extend, or make a new profile), "Zmień hasło", "Twoje
//! sesje" with "Wyloguj ze wszystkich urządzeń", and "Wyloguj".

use super::sessions::Sessions;
use crate::components::page_heading::PageHeading;
use crate::components::signed_in::SignedIn;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, use_sign_out, EXTENSION_PATH, NEW_PROFILE_PATH, PASSWORD_CHANGE_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Citizen, RegistrationState};
use shared::date::Date;
use shared::i18n::{days_left_words, long_date};
use shared::rules::confirmation::{ConfirmationMethod, ProfileKind};
use shared::validity::Validity;
use shared::{Lang, Text};

#[component]
pub fn MyAccountPage() -> impl IntoView {
    use_page_title(tr(Text::MyAccount));
    view! {
        <SignedIn>
            <AccountSummary />
        </SignedIn>
    }
}

#[component]
fn AccountSummary() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let sign_out = use_sign_out();
    let greeting =
        move || session.citizen.with(|c| c.as_ref().map(|c| Text::Greeting.get(lang.get()).replace("{name}", &format!("{} {}", c.first_name, c.surname))));
    let state = move || session.citizen.with(|c| c.as_ref().map(|c| profile_state(c, session.today(), lang.get())));
    let action = Memo::new(move |_| session.citizen.with(|c| c.as_ref().and_then(|c| profile_action(c, session.today()))));
    view! {
        <div class="narrow">
            <PageHeading>{greeting}</PageHeading>
            <p class="lead" id="profile-state">{state}</p>
            {move || action.get().map(|(href, text)| view! { <p><A href=href attr:class="button" attr:id="profile-action">{tr(text)}</A></p> })}
            <p><A href=PASSWORD_CHANGE_PATH attr:class="button button--secondary" attr:id="change-password">{tr(Text::ChangePassword)}</A></p>
            <Sessions />
            <p><button type="button" class="button button--secondary" id="sign-out" on:click=move |_| sign_out.run(())>{tr(Text::SignOut)}</button></p>
        </div>
    }
}

/// What the citizen can do with the profile on `today`: extend an ordinary one, or make a new one
/// when it expired or is temporary; nothing while an application waits.
pub(super) fn profile_action(citizen: &Citizen, today: Date) -> Option<(&'static str, Text)> {
    let until = citizen.profile_valid_until.filter(|_| citizen.registration == RegistrationState::Confirmed)?;
    Some(match (Validity::on(until, today), citizen.profile_kind) {
        (Validity::Valid { .. }, ProfileKind::Ordinary) => (EXTENSION_PATH, Text::ExtendOrChange),
        _ => (NEW_PROFILE_PATH, Text::CreateNewProfile),
    })
}

/// The profile's state in one sentence, on the service's `today`.
fn profile_state(citizen: &Citizen, today: Date, lang: Lang) -> String {
    match (citizen.registration, citizen.profile_valid_until) {
        (RegistrationState::Confirmed, Some(until)) => match Validity::on(until, today) {
            Validity::Valid { days_left } => {
                Text::ProfileValidFor.get(lang).replace("{date}", &long_date(until, lang)).replace("{left}", &days_left_words(days_left, lang))
            }
            Validity::Expired { expired_on } => {
                format!("{} {}", Text::ProfileExpired.get(lang).replace("{date}", &long_date(expired_on, lang)), Text::AccountKept.get(lang))
            }
        },
        (RegistrationState::AwaitingSms, _) => Text::ApplicationWaitsForSms.get(lang).to_owned(),
        _ => {
            let waits_for = match citizen.confirmation_method {
                ConfirmationMethod::Video => Text::WaitsForVideo,
                ConfirmationMethod::InPerson => Text::WaitsForInPerson,
                ConfirmationMethod::Bank => Text::WaitsForBank,
                ConfirmationMethod::EId => Text::WaitsForEId,
            };
            let number = citizen.application_number.as_deref().unwrap_or_default();
            Text::ApplicationWaitsFor.get(lang).replace("{number}", number).replace("{what}", waits_for.get(lang))
        }
    }
}
