//! "Szczegóły profilu": the citizen's data (PESEL and phone masked), the profile (its kind, until
//! when it is valid, how and when it was created) or the application still awaiting
//! confirmation (its number, the chosen way, what happens next), the authorisation method with
//! "Zmień metodę autoryzacji", and "Przedłuż ważność lub zmień dane" or "Załóż nowy profil zaufany".

use super::my_account::profile_action;
use crate::api;
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, EMAIL_VERIFICATION_PATH, METHOD_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Authorisation, Field, ProfileDetails, RegistrationState};
use shared::date::Date;
use shared::i18n::long_date;
use shared::notices;
use shared::rules::confirmation::{Confirmation, ProfileKind, VideoApp, CONFIRMATION_POINTS, PROVIDERS};
use shared::{Lang, Text};

#[component]
pub fn ProfilePage() -> impl IntoView {
    use_page_title(tr(Text::ProfileDetailsHeading));
    view! {
        <SignedIn>
            <Profile />
        </SignedIn>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let details = RwSignal::new(None::<ProfileDetails>);
    let status = RequestStatus::default();
    let load = status.action(move || {
        status.send(
            move |retries| api::profile(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(profile) => details.set(Some(profile)),
                // Signed in a moment ago: the session has ended since (the frame says so).
                Err(_) => session.expire(),
            },
        )
    });
    load.run(());
    let sections = move || details.get().map(|details| view! { <Sections details /> });
    view! {
        <div class="narrow">
            <PageHeading>{tr(Text::ProfileDetailsHeading)}</PageHeading>
            {sections}
            <RequestNotice status />
        </div>
    }
}

#[component]
fn Sections(details: ProfileDetails) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let details = StoredValue::new(details);
    let list = move |rows: fn(&ProfileDetails, Date, Lang) -> Vec<Row>| {
        move || details.with_value(|d| rows(d, session.today(), lang.get())).into_iter().map(|row| view! { <RowView row /> }).collect_view()
    };
    let user_rows = |details: &ProfileDetails, _: Date, lang| user_rows(details, lang);
    // Only an application sent waits for the way chosen (one awaiting its SMS code waits for that).
    let next_step = move || {
        details.with_value(|d| {
            (d.profile.is_none() && d.registration == RegistrationState::AwaitingIdentity).then(|| notices::next_step(&d.confirmation, lang.get()))
        })
    };
    let method = details.with_value(|d| d.authorisation);
    let action = Memo::new(move |_| session.citizen.with(|c| c.as_ref().and_then(|c| profile_action(c, session.today()))));
    view! {
        <h2 class="heading-small">{tr(Text::UserDataHeading)}</h2>
        <dl class="summary-list" id="user-data">{list(user_rows)}</dl>
        {details.with_value(|d| !d.email_verified).then(|| view! {
            <p id="email-unverified-why">{tr(Text::EmailUnverifiedWhy)}</p>
            <p><A href=EMAIL_VERIFICATION_PATH attr:class="button button--secondary" attr:id="confirm-email">{tr(Text::ConfirmEmail)}</A></p>
        })}
        <h2 class="heading-small">{move || details.with_value(|d| if d.profile.is_some() { tr(Text::TrustedProfile)() } else { tr(Text::ApplicationHeading)() })}</h2>
        <dl class="summary-list" id="profile-facts">{list(profile_rows)}</dl>
        {move || next_step().map(|next| view! {
            <h3 class="heading-small">{tr(Text::WhatNext)}</h3>
            <p id="next-step">{next}</p>
        })}
        <h2 class="heading-small">{tr(Text::AuthorisationHeading)}</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{tr(Text::AuthorisationHeading)}</dt>
                <dd id="profile-authorisation">{tr(method_name(method))}</dd>
            </div>
        </dl>
        <p><A href=METHOD_PATH attr:class="button button--secondary" attr:id="change-method">{tr(Text::ChangeMethod)}</A></p>
        {move || action.get().map(|(href, text)| view! {
            <p><A href=href attr:class="button" attr:id="profile-action">{tr(text)}</A></p>
        })}
    }
}

/// One line of a description list: the `id` of its value (for tests), its label and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    id: &'static str,
    label: String,
    value: String,
}

#[component]
fn RowView(row: Row) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt>{row.label}</dt>
            <dd id=row.id>{row.value}</dd>
        </div>
    }
}

/// "Dane użytkownika": the second name only when there is one.
fn user_rows(details: &ProfileDetails, lang: Lang) -> Vec<Row> {
    let row = |id, label: &str, value: &str| Row { id, label: label.to_owned(), value: value.to_owned() };
    let second_name = details.second_name.as_deref().filter(|name| !name.trim().is_empty());
    [
        Some(row("profile-username", Field::Username.label(lang), &details.username)),
        Some(row("profile-first-name", Field::FirstName.label(lang), &details.first_name)),
        second_name.map(|name| row("profile-second-name", Text::SecondNameLabel.get(lang), name)),
        Some(row("profile-surname", Field::Surname.label(lang), &details.surname)),
        Some(row("profile-pesel", Field::Pesel.label(lang), &details.pesel)),
        Some(match details.email_verified {
            true => row("profile-email", Field::Email.label(lang), &details.email),
            false => row("profile-email", Field::Email.label(lang), &format!("{} ({})", details.email, Text::EmailUnverified.get(lang))),
        }),
        Some(row("profile-phone", Text::PhoneLabel.get(lang), &details.phone)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The profile on the service's `today` (its kind, validity, way and day of creation); or, while
/// none is confirmed, the application (its state, number, way and day).
fn profile_rows(details: &ProfileDetails, today: Date, lang: Lang) -> Vec<Row> {
    let row = |id, label: Text, value: String| Row { id, label: label.get(lang).to_owned(), value };
    let kind = |kind| {
        let kind = match kind {
            ProfileKind::Ordinary => Text::KindOrdinary,
            ProfileKind::Temporary => Text::KindTemporary,
        };
        row("profile-kind", Text::ProfileKindLabel, kind.get(lang).to_owned())
    };
    let way = created_by(&details.confirmation, lang);
    match &details.profile {
        Some(profile) => {
            let validity = match profile.valid_until >= today {
                true => long_date(profile.valid_until, lang),
                // The last valid day is the day before it expired.
                false => Text::ExpiredOn.get(lang).replace("{date}", &long_date(profile.valid_until.add_days(1), lang)),
            };
            let (way, day) = match profile.extended_on {
                Some(extended_on) => (Text::ExtendedWay.get(lang).to_owned(), row("profile-extended-on", Text::ExtendedOnLabel, long_date(extended_on, lang))),
                None => (way, row("profile-confirmed-on", Text::ConfirmedOnLabel, long_date(profile.confirmed_on, lang))),
            };
            vec![kind(profile.kind), row("profile-valid-until", Text::ValidUntilLabel, validity), row("profile-created-by", Text::CreatedByLabel, way), day]
        }
        None => {
            let state = match details.registration {
                RegistrationState::AwaitingSms => Text::AwaitingSmsState,
                RegistrationState::AwaitingIdentity | RegistrationState::Confirmed => Text::AwaitingIdentityState,
            };
            let number = details.application_number.clone().map(|number| Row {
                id: "application-number",
                label: Text::ApplicationNumber.get(lang).to_owned(),
                value: number,
            });
            [
                Some(row("application-state", Text::ApplicationStateLabel, state.get(lang).to_owned())),
                number,
                Some(kind(details.confirmation.profile_kind())),
                Some(Row { id: "application-way", label: Field::Confirmation.label(lang).to_owned(), value: way }),
                Some(row("application-applied-on", Text::AppliedOnLabel, long_date(details.applied_on, lang))),
            ]
            .into_iter()
            .flatten()
            .collect()
        }
    }
}

/// How the profile was (or is to be) created, naming the app, the point or the provider.
fn created_by(confirmation: &Confirmation, lang: Lang) -> String {
    match confirmation {
        Confirmation::Video { app, .. } => {
            let video = Text::MethodVideo.get(lang);
            app.map_or_else(|| video.to_owned(), |app| format!("{video} ({})", VideoApp::name(app)))
        }
        Confirmation::InPerson { point } => {
            let name = CONFIRMATION_POINTS.iter().find(|p| p.id == point).map_or(point.as_str(), |p| p.name);
            Text::CreatedInPerson.get(lang).replace("{point}", name)
        }
        Confirmation::Bank { provider } => {
            let name = PROVIDERS.iter().find(|(id, _)| id == provider).map_or(provider.as_str(), |(_, name)| name);
            format!("{}: {name}", Text::MethodBank.get(lang))
        }
        Confirmation::EId {} => Text::MethodEId.get(lang).to_owned(),
    }
}

/// The name of an authorisation method.
pub(super) fn method_name(method: Authorisation) -> Text {
    match method {
        Authorisation::Sms => Text::MethodSms,
        Authorisation::Push => Text::MethodPush,
    }
}
