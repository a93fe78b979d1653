//! The end of the registration: the application number in a panel, what happens next for the
//! chosen way of confirming, and where to get help.

use super::NoRegistration;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::state::{use_wizard, Submitted};
use leptos::prelude::*;
use shared::rules::confirmation::ProfileKind;
use shared::{notices, Text};

#[component]
pub fn SubmittedPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    use_page_title(tr(Text::SubmittedHeading));
    // What was sent: its number, and the way of confirming chosen for it.
    let sent = move || wizard.submitted.get().and_then(|Submitted { number, choice }| Some((number, choice.to_confirmation()?)));
    move || match sent() {
        None => view! { <NoRegistration /> }.into_any(),
        Some((number, confirmation)) => view! {
            <div class="narrow">
                <div class="panel">
                    <h1 class="heading">{tr(Text::SubmittedHeading)}</h1>
                    <p class="panel__label">{tr(Text::ApplicationNumber)}</p>
                    <p class="panel__number" id="application-number">{number}</p>
                </div>
                <p>{tr(Text::KeepNumber)}</p>
                <h2 class="heading-small">{tr(Text::WhatNext)}</h2>
                <p>{
                    let confirmation = confirmation.clone();
                    move || notices::next_step(&confirmation, lang.get())
                }</p>
                <p>{match confirmation.profile_kind() {
                    ProfileKind::Temporary => tr(Text::ProfileTemporary),
                    ProfileKind::Ordinary => tr(Text::ProfileOrdinary),
                }}</p>
                <h2 class="heading-small">{tr(Text::HelpTitle)}</h2>
                <p>{tr(Text::HelpBody)}<br />{tr(Text::HelpHours)}</p>
            </div>
        }
        .into_any(),
    }
}
