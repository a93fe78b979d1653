//! Registration step 6, check your answers: every answer with a "Zmień" link to its step; "Dalej"
//! creates the account and sends the SMS code.

use super::{registration_caption, registration_form, step_of, REVIEW_PATH};
use crate::api::{self, Refused};
use crate::components::error_summary::SummaryEntry;
use crate::components::form::field_message;
use crate::components::form_page::FormPage;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::i18n::{tr, use_lang};
use crate::session::use_session;
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::i18n::day_and_date;
use shared::paths::{next_step, previous_step};
use shared::rules::confirmation::ConfirmationMethod;
use shared::rules::confirmation::{CONFIRMATION_POINTS, PROVIDERS};
use shared::validate::validate_registration;
use shared::{Lang, Text};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = registration_form(&[]);
    let navigate = use_navigate();
    let status = RequestStatus::default();
    let session = use_session();
    // What stops the registration, kept as codes so a change of language re-renders it.
    let refused = RwSignal::new(None::<Refused>);
    let other_errors = Signal::derive(move || refused.with(|r| r.as_ref().map(|r| entries(r, lang.get())).unwrap_or_default()));
    // One name for this registration, the same on every retry of these answers: the server then
    // answers a retry after a lost answer with the registration it made, never a second one.
    // Changing an answer means leaving this page, and coming back makes a new one.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let on_valid = status.action(move || {
        let (request, today) = untrack(|| (wizard.request(), session.today()));
        let lang = lang.get_untracked();
        let report = validate_registration(&request, today);
        refused.set((!report.is_valid()).then(|| Refused::Fields { errors: report.to_response(lang).errors, tries_left: Default::default() }));
        if !report.is_valid() {
            return;
        }
        let navigate = navigate.clone();
        let key = idempotency_key.get_value();
        status.send(
            // Sent as the rules keep it (names in NFC, PESEL without spaces, …); shown as typed.
            move |retries| async move { api::register(&shared::validate::normalised(&request), &key, lang, retries).await },
            move |answer| match answer {
                Ok(created) => {
                    wizard.registration_id.set(Some(created.id));
                    navigate(next_step(REVIEW_PATH), Default::default());
                }
                Err(refusal) => refused.set(Some(refusal)),
            },
        );
    });
    let text = move |field: Field| move || wizard.value(field).get();
    view! {
        <FormPage caption=registration_caption(REVIEW_PATH) heading=Text::ReviewHeading intro=Text::ReviewIntro form back=previous_step(REVIEW_PATH) on_valid busy=status.busy() other_errors>
            <h2 class="heading-small">{tr(Text::ReviewAccount)}</h2>
            <dl class="summary-list">
                <Row field=Field::Username value=text(Field::Username) />
            </dl>
            <h2 class="heading-small">{tr(Text::ReviewPersonal)}</h2>
            <dl class="summary-list">
                <Row field=Field::FirstName value=text(Field::FirstName) />
                <Row field=Field::SecondName value=text(Field::SecondName) />
                <Row field=Field::Surname value=text(Field::Surname) />
                <Row field=Field::Pesel value=text(Field::Pesel) />
            </dl>
            <h2 class="heading-small">{tr(Text::ReviewContact)}</h2>
            <dl class="summary-list">
                <Row field=Field::Email value=text(Field::Email) />
                <Row field=Field::Phone value=text(Field::Phone) />
            </dl>
            <h2 class="heading-small">{tr(Text::ReviewIdentity)}</h2>
            <dl class="summary-list">
                <Row field=Field::Confirmation value=move || describe_choice(wizard.choice.get(), lang.get()) />
            </dl>
            <RequestNotice status />
        </FormPage>
    }
}

/// One answer: its label, value and a link to change it (named with the label for screen readers).
#[component]
fn Row(field: Field, value: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="summary-list__row">
            <dt>{move || field.label(lang.get())}</dt>
            <dd>{value}</dd>
            <dd class="summary-list__action">
                <A href=step_of(field)>{tr(Text::Change)}<span class="visually-hidden">" – "{move || field.label(lang.get())}</span></A>
            </dd>
        </div>
    }
}

/// The chosen way of confirming, in words.
fn describe_choice(choice: crate::state::ConfirmationChoice, lang: Lang) -> String {
    let Some(method) = choice.method else { return String::new() };
    match method {
        ConfirmationMethod::Video => {
            let app = choice.video_app.map(|a| a.name()).unwrap_or_default();
            let windows: Vec<String> = choice.windows.iter().map(|w| format!("{} {}", day_and_date(w.date, lang), w.hours())).collect();
            format!("{} ({app}): {}", Text::MethodVideo.get(lang), windows.join(", "))
        }
        ConfirmationMethod::InPerson => {
            let point = CONFIRMATION_POINTS.iter().find(|p| p.id == choice.point).map(|p| format!("{}, {}", p.name, p.address)).unwrap_or_default();
            format!("{}: {point}", Text::MethodInPerson.get(lang))
        }
        ConfirmationMethod::Bank => {
            let provider = PROVIDERS.iter().find(|(id, _)| *id == choice.provider).map(|(_, name)| *name).unwrap_or_default();
            format!("{}: {provider}", Text::MethodBank.get(lang))
        }
        ConfirmationMethod::EId => Text::MethodEId.get(lang).to_owned(),
    }
}

/// The summary's lines in `lang`: each field error linked to the step that fixes it; any other
/// refusal (a busy service's limit) as one line.
fn entries(refusal: &Refused, lang: Lang) -> Vec<SummaryEntry> {
    match refusal {
        Refused::Fields { errors, .. } => errors
            .iter()
            .flat_map(|(field, errors)| errors.iter().map(move |e| SummaryEntry { href: step_of(*field).to_owned(), message: field_message(*field, e, lang) }))
            .collect(),
        other => other.message(lang).map(|message| SummaryEntry { href: "#main".to_owned(), message }).into_iter().collect(),
    }
}
