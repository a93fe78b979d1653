//! The account's first page: a greeting by name and the profile's state in one line (valid until
//! when, expired, or the application and what it waits for), and "Wyloguj".

use crate::components::page_heading::PageHeading;
use crate::components::signed_in::SignedIn;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, use_sign_out};
use leptos::prelude::*;
use shared::api::{Citizen, RegistrationState};
use shared::date::Date;
use shared::i18n::long_date;
use shared::rules::confirmation::Confirmation;
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
    view! {
        <div class="narrow">
            <PageHeading>{greeting}</PageHeading>
            <p class="lead" id="profile-state">{state}</p>
            <button type="button" class="button button--secondary" id="sign-out" on:click=move |_| sign_out.run(())>{tr(Text::SignOut)}</button>
        </div>
    }
}

/// The profile's state in one sentence, on the service's `today`.
fn profile_state(citizen: &Citizen, today: Date, lang: Lang) -> String {
    match (citizen.registration, citizen.profile_valid_until) {
        (RegistrationState::Confirmed, Some(until)) if until >= today => Text::ProfileValidUntil.get(lang).replace("{date}", &long_date(until, lang)),
        (RegistrationState::Confirmed, Some(until)) => Text::ProfileExpired.get(lang).replace("{date}", &long_date(until, lang)),
        (RegistrationState::AwaitingSms, _) => Text::ApplicationWaitsForSms.get(lang).to_owned(),
        _ => {
            let waits_for = match citizen.confirmation {
                Confirmation::Video { .. } => Text::WaitsForVideo,
                Confirmation::InPerson { .. } => Text::WaitsForInPerson,
                Confirmation::Bank { .. } => Text::WaitsForBank,
                Confirmation::EId {} => Text::WaitsForEId,
            };
            let number = citizen.application_number.as_deref().unwrap_or_default();
            Text::ApplicationWaitsFor.get(lang).replace("{number}", number).replace("{what}", waits_for.get(lang))
        }
    }
}
