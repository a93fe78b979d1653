//! "Przedłuż ważność lub zmień dane": the e-mail address and the phone, as they are or changed
//! (a change asks "Potwierdź, że to Ty" first), "Dalej", then the code from the SMS and the code
//! from the e-mail on one page, then "Profil przedłużony do …". A temporary or expired profile
//! cannot be extended: the page says so and offers a new one.

use crate::api::{self, Refused};
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::its_you::ItsYou;
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::components::sms_code::{CodeField, CodesSent, SmsCode};
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, NEW_PROFILE_PATH, PROFILE_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{ExtensionCodesRequest, ExtensionCodesSent, ExtensionDone, ExtensionRequest, ExtensionStart, Field, SecondFactorSent};
use shared::date::Date;
use shared::i18n::long_date;
use shared::validate::validate_contact;
use shared::Refusal;
use shared::Text;

/// Where the extension stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Loading,
    /// The profile cannot be extended: the service's code says why.
    CannotExtend(Option<Refusal>),
    Contact(ExtensionStart),
    /// A contact detail changed: "Potwierdź, że to Ty" first.
    ItsYou(SecondFactorSent),
    Codes(ExtensionCodesSent),
    /// Extended until this day.
    Done(Date),
}

#[component]
pub fn ExtensionPage() -> impl IntoView {
    view! {
        <SignedIn>
            <Extension />
        </SignedIn>
    }
}

/// The page's state and the calls that move it from stage to stage.
#[derive(Clone, Copy)]
struct Flow {
    stage: RwSignal<Stage>,
    status: RequestStatus,
    form: FormState,
    /// Sends the contact details; asks for "Potwierdź, że to Ty" first when the service wants it.
    send: Callback<()>,
    /// Starts "Potwierdź, że to Ty" with the citizen's method.
    its_you: Callback<()>,
}

impl Flow {
    fn new() -> Flow {
        let lang = use_lang();
        let (stage, status) = (RwSignal::new(Stage::Loading), RequestStatus::default());
        let answers = TextAnswers::new([Field::Email, Field::Phone], |_| String::new());
        let (email, phone) = (answers.value(Field::Email), answers.value(Field::Phone));
        let report = Memo::new(move |_| validate_contact(&email.get(), &phone.get()).err().unwrap_or_default());
        let form = FormState::new(&[Field::Email, Field::Phone], answers, report);
        let cannot = move |refusal: Refused| match refusal {
            Refused::Fields { errors, .. } => form.set_server_errors(errors),
            other => stage.set(Stage::CannotExtend(other.refusal())),
        };
        let its_you = status.action(move || {
            status.send(
                move |retries| api::confirm_its_you(lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(sent) => stage.set(Stage::ItsYou(sent)),
                    Err(refusal) => cannot(refusal),
                },
            );
        });
        let send = status.action(move || {
            let request = ExtensionRequest { email: email.get_untracked(), phone: phone.get_untracked() };
            status.send(
                move |retries| async move { api::start_extension(&request, lang.get_untracked(), retries).await },
                move |answer| match answer {
                    Ok(sent) => stage.set(Stage::Codes(sent)),
                    Err(refusal) if refusal.refusal() == Some(Refusal::ConfirmationRequired) => its_you.run(()),
                    Err(refusal) => cannot(refusal),
                },
            );
        });
        let load = status.action(move || {
            status.send(
                move |retries| api::extension(lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(start) => {
                        email.set(start.email.clone());
                        phone.set(start.phone.clone());
                        stage.set(Stage::Contact(start));
                    }
                    Err(refusal) => stage.set(Stage::CannotExtend(refusal.refusal())),
                },
            );
        });
        load.run(());
        Flow { stage, status, form, send, its_you }
    }
}

#[component]
fn Extension() -> impl IntoView {
    let flow = Flow::new();
    move || match flow.stage.get() {
        Stage::Loading => view! { <div class="narrow"><RequestNotice status=flow.status /></div> }.into_any(),
        Stage::CannotExtend(refusal) => view! { <CannotExtend refusal /> }.into_any(),
        Stage::Contact(start) => view! { <Contact flow start /> }.into_any(),
        Stage::ItsYou(sent) => view! { <ItsYou sent caption=Text::ExtendOrChange then=flow.send start_again=flow.its_you status=flow.status /> }.into_any(),
        Stage::Codes(sent) => view! { <Codes flow sent /> }.into_any(),
        Stage::Done(until) => view! { <Done until /> }.into_any(),
    }
}

/// The contact details, prefilled, and the day the profile will be valid until.
#[component]
fn Contact(flow: Flow, start: ExtensionStart) -> impl IntoView {
    let lang = use_lang();
    let until = move || Text::ExtendUntil.get(lang.get()).replace("{date}", &long_date(start.extended_until, lang.get()));
    view! {
        <FormPage heading=Text::ExtendOrChange intro=Text::ExtendIntro form=flow.form on_valid=flow.send busy=flow.status.busy() back=PROFILE_PATH>
            <p id="extended-until">{until}</p>
            <TextField form=flow.form field=Field::Email autocomplete="email" input_type="email" />
            <TextField form=flow.form field=Field::Phone autocomplete="tel" input_type="tel" hint=Text::PhoneHint />
            <RequestNotice status=flow.status />
        </FormPage>
    }
}

/// The code from the SMS and the code from the e-mail, one submit for both.
#[component]
fn Codes(flow: Flow, sent: ExtensionCodesSent) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let sms =
        SmsCode::of(&[Field::SmsCode, Field::EmailCode], TextAnswers::new([Field::SmsCode, Field::EmailCode], |_| String::new()), sent.resend_available_in);
    let on_valid = sms.confirm_all(
        |codes, lang, retries| {
            let request = ExtensionCodesRequest { code: codes[0].clone(), email_code: codes[1].clone() };
            async move { api::confirm_extension(&request, lang, retries).await }
        },
        move |done: ExtensionDone| {
            session.refresh();
            flow.stage.set(Stage::Done(done.valid_until));
        },
    );
    let resend = sms.resend(api::resend_extension_codes);
    let lead = move || Text::ExtendCodesIntro.get(lang.get()).replace("{phone}", &sent.phone).replace("{email}", &sent.email);
    let caption = tr(Text::ExtendOrChange);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::ExtendCodesHeading form=sms.form on_valid busy=sms.status.busy()
            submit=Text::ExtendValidity>
            <p class="lead">{lead}</p>
            <CodeField sms field=Field::SmsCode />
            <CodeField sms field=Field::EmailCode />
            <CodesSent sms resend=Some(resend) resend_text=Text::ResendCodes sent_text=Text::CodesResent />
        </FormPage>
    }
}

/// "Profil przedłużony do …".
#[component]
fn Done(until: Date) -> impl IntoView {
    let lang = use_lang();
    let heading = Signal::derive(move || Text::ExtendedHeading.get(lang.get()).replace("{date}", &long_date(until, lang.get())));
    use_page_title(move || heading.get());
    view! {
        <div class="narrow">
            <div class="panel">
                <PageHeading>{heading}</PageHeading>
            </div>
            <p class="lead">{tr(Text::ExtendedBody)}</p>
            <p><A href=PROFILE_PATH attr:id="go-to-profile">{tr(Text::GoToProfileDetails)}</A></p>
        </div>
    }
}

/// Why the profile cannot be extended (the service's refusal), and what to do instead.
#[component]
fn CannotExtend(refusal: Option<Refusal>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let valid_until = move || session.citizen.with(|c| c.as_ref().and_then(|c| c.profile_valid_until)).map(|d| long_date(d, lang.get())).unwrap_or_default();
    let (heading, body, new_profile) = match refusal {
        Some(Refusal::ExtensionTemporary) => (Text::TemporaryCannotExtend, Text::TemporaryCannotExtendBody, true),
        Some(Refusal::ExtensionExpired) => (Text::ExpiredCannotExtend, Text::AccountKept, true),
        _ => (Text::NoProfileYet, Text::NoProfileYetBody, false),
    };
    use_page_title(tr(heading));
    view! {
        <div class="narrow">
            <PageHeading>{tr(heading)}</PageHeading>
            <p class="lead" id="cannot-extend">{move || body.get(lang.get()).replace("{date}", &valid_until())}</p>
            {match new_profile {
                true => view! { <p><A href=NEW_PROFILE_PATH attr:class="button" attr:id="create-new-profile">{tr(Text::CreateNewProfile)}</A></p> }.into_any(),
                false => view! { <p><A href=PROFILE_PATH attr:id="go-to-profile">{tr(Text::GoToProfileDetails)}</A></p> }.into_any(),
            }}
        </div>
    }
}
