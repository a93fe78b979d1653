//! "Potwierdź adres e-mail": a code goes to the account's address as the page opens (within a
//! minute of the last one, that one still works: the page waits out the minute before offering
//! another), "Kod z e-maila", "Potwierdź"; then "Adres e-mail został potwierdzony" and the way back
//! to the profile. From then on the address signs in and gets username reminders.

use crate::api::{self, Refused};
use crate::components::form::TextAnswers;
use crate::components::form_page::FormPage;
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::components::sms_code::{CodeField, CodesSent, SmsCode};
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::PROFILE_PATH;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::Field;
use shared::Refusal;
use shared::Text;

/// Where the verification stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Sending,
    /// A code is on its way; another may be asked for in this many seconds.
    Code(i64),
    /// No code could be sent: why.
    Refused(Refused),
    Done,
}

#[component]
pub fn EmailVerificationPage() -> impl IntoView {
    view! {
        <SignedIn>
            <EmailVerification />
        </SignedIn>
    }
}

#[component]
fn EmailVerification() -> impl IntoView {
    let lang = use_lang();
    let stage = RwSignal::new(Stage::Sending);
    let status = RequestStatus::default();
    let start = status.action(move || {
        status.send(
            move |retries| api::start_email_verification(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(sent) => stage.set(Stage::Code(sent.resend_available_in)),
                // The last code went less than a minute ago: it still works.
                Err(Refused::TooMany { refusal: Refusal::SmsCodeTooSoon, retry_after }) => stage.set(Stage::Code(i64::from(retry_after))),
                Err(refusal) => stage.set(Stage::Refused(refusal)),
            },
        );
    });
    start.run(());
    move || match stage.get() {
        Stage::Sending => view! {
            <div class="narrow">
                <p class="caption">{tr(Text::ConfirmEmail)}</p>
                <RequestNotice status />
            </div>
        }
        .into_any(),
        Stage::Code(resend_in) => view! { <EmailCode stage resend_in /> }.into_any(),
        Stage::Refused(refusal) => view! { <NotSent refusal /> }.into_any(),
        Stage::Done => view! { <Confirmed /> }.into_any(),
    }
}

/// "Kod z e-maila", with "Wyślij kod ponownie".
#[component]
fn EmailCode(stage: RwSignal<Stage>, resend_in: i64) -> impl IntoView {
    let sms = SmsCode::of(&[Field::EmailCode], TextAnswers::new([Field::EmailCode], |_| String::new()), resend_in);
    let on_valid = sms.confirm(|code, lang, retries| async move { api::confirm_email(&code, lang, retries).await }, move |()| stage.set(Stage::Done));
    let resend = sms.resend(api::start_email_verification);
    let caption = tr(Text::ConfirmEmail);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::EmailCodeHeading form=sms.form on_valid busy=sms.status.busy() submit=Text::Confirm back=PROFILE_PATH>
            <p class="lead">{tr(Text::EmailCodeSentLead)}</p>
            <CodeField sms field=Field::EmailCode />
            <CodesSent sms resend=Some(resend) resend_text=Text::EmailCodeResend sent_text=Text::EmailCodeResent />
        </FormPage>
    }
}

/// No code went: the address is confirmed already, or too many codes within the hour.
#[component]
fn NotSent(refusal: Refused) -> impl IntoView {
    let lang = use_lang();
    let refusal = StoredValue::new(refusal);
    use_page_title(tr(Text::ConfirmEmail));
    view! {
        <div class="narrow">
            <PageHeading>{tr(Text::ConfirmEmail)}</PageHeading>
            <div class="notice notice--error" role="alert">
                <p class="notice__text" id="email-not-sent">{move || refusal.with_value(|r| r.message(lang.get()))}</p>
            </div>
            <p><A href=PROFILE_PATH attr:id="back-to-profile">{tr(Text::BackToProfile)}</A></p>
        </div>
    }
}

/// "Adres e-mail został potwierdzony".
#[component]
fn Confirmed() -> impl IntoView {
    use_page_title(tr(Text::EmailConfirmed));
    view! {
        <div class="narrow">
            <div class="panel">
                <PageHeading>{tr(Text::EmailConfirmed)}</PageHeading>
            </div>
            <p class="lead" id="email-confirmed">{tr(Text::EmailConfirmedBody)}</p>
            <p><A href=PROFILE_PATH attr:id="back-to-profile">{tr(Text::BackToProfile)}</A></p>
        </div>
    }
}
