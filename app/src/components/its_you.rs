//! "Potwierdź, że to Ty", before a sensitive change (the authorisation method, the contact
//! details): a second factor of the citizen's own method, an SMS code or a push accepted in
//! mObywatel; once given, the change goes again by itself. And the one page of a push an
//! operation waits for: the check number, then refused or unanswered with "Spróbuj ponownie".

use super::form::TextAnswers;
use super::form_page::FormPage;
use super::page_heading::PageHeading;
use super::push_wait::{CheckNumber, PushWait};
use super::request_status::{RequestNotice, RequestStatus};
use super::sms_code::{SmsCode, SmsCodeFields};
use crate::api::{self, ApiFailure, Refused};
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::use_session;
use leptos::prelude::*;
use shared::api::{Authorisation, Field, PushState, PushStatus, SecondFactorSent, SessionInfo};
use shared::{Lang, Text};
use std::future::Future;

/// "Potwierdź, że to Ty" with the second factor `sent`; `then` runs once it is given, the change's
/// `status` shows how that goes, and `start_again` asks for a new push after a refusal.
#[component]
pub fn ItsYou(sent: SecondFactorSent, caption: Text, then: Callback<()>, start_again: Callback<()>, status: RequestStatus) -> impl IntoView {
    match sent.method {
        Authorisation::Sms => view! { <ItsYouByCode sent caption then status /> }.into_any(),
        Authorisation::Push => {
            let texts = PushTexts { heading: Text::ItsYouHeading, intro: Text::ItsYouPushIntro, refused: Text::ItsYouRefused, expired: Text::ItsYouExpired };
            let on_accepted = Callback::new(move |()| then.run(()));
            view! { <PushStep sent caption texts poll=api::its_you_push_status on_accepted try_again=start_again status /> }.into_any()
        }
    }
}

/// "Potwierdź, że to Ty" with an SMS code; once confirmed, `then` runs.
#[component]
fn ItsYouByCode(sent: SecondFactorSent, caption: Text, then: Callback<()>, status: RequestStatus) -> impl IntoView {
    let session = use_session();
    let sms = SmsCode::new(TextAnswers::new([Field::SmsCode], |_| String::new()), sent.resend_available_in);
    let on_valid = sms.confirm(
        |code, lang, retries| async move { api::confirm_its_you_by_code(&code, lang, retries).await },
        move |info: SessionInfo| {
            session.apply(info);
            then.run(());
        },
    );
    let caption = tr(caption);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::ItsYouHeading intro=Text::ItsYouIntro form=sms.form on_valid
            busy=Signal::derive(move || sms.status.busy().get() || status.busy().get()) submit=Text::Confirm>
            <SmsCodeFields sms phone=Some(sent.phone) />
            <RequestNotice status />
        </FormPage>
    }
}

/// The words of a push page: its heading and lead, and what it says when refused or unanswered.
#[derive(Clone, Copy)]
pub struct PushTexts {
    pub heading: Text,
    pub intro: Text,
    pub refused: Text,
    pub expired: Text,
}

/// A push in mObywatel an operation waits for, asked about through `poll`: accepted, `on_accepted`
/// runs; refused or unanswered, the page says so and offers `try_again`.
#[component]
pub fn PushStep<F>(
    sent: SecondFactorSent,
    caption: Text,
    texts: PushTexts,
    poll: fn(Lang) -> F,
    on_accepted: Callback<()>,
    try_again: Callback<()>,
    status: RequestStatus,
) -> impl IntoView
where
    F: Future<Output = Result<Result<PushStatus, Refused>, ApiFailure>> + 'static,
{
    let lang = use_lang();
    use_page_title(tr(texts.heading));
    let nothing_pending = RwSignal::new(None::<Refused>);
    let on_answered = move |state| {
        if state == PushState::Accepted {
            on_accepted.run(());
        }
    };
    let wait = PushWait::start(sent.check_number, poll, on_answered, move |refusal| nothing_pending.set(Some(refusal)));
    let failure = move || match wait.state.get() {
        PushState::Refused => Some(tr(texts.refused)().to_owned()),
        PushState::Expired => Some(tr(texts.expired)().to_owned()),
        PushState::Pending | PushState::Accepted => nothing_pending.with(|r| r.as_ref().and_then(|r| r.message(lang.get()))),
    };
    view! {
        <div class="narrow">
            <p class="caption">{tr(caption)}</p>
            <PageHeading>{tr(texts.heading)}</PageHeading>
            <p class="lead">{tr(texts.intro)}</p>
            <CheckNumber wait />
            <div role="alert">
                {move || failure().map(|message| view! {
                    <div class="notice notice--error">
                        <p class="notice__text" id="push-failed">{message}</p>
                        <button type="button" class="button" id="push-try-again" on:click=move |_| try_again.run(())>{tr(Text::TryAgain)}</button>
                    </div>
                })}
            </div>
            <RequestNotice status />
        </div>
    }
}
