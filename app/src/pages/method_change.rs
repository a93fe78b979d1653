//! "Zmień metodę autoryzacji": SMS codes or a push in mObywatel. When the citizen's last second
//! factor is older than 2 minutes, "Potwierdź, że to Ty" with the current method comes first and
//! the change is sent again by itself; then the new method confirms it: a push accepted in
//! mObywatel (refused or unanswered: nothing changes, and the page says so), or an SMS code.

use super::profile::method_name;
use crate::api::{self, Refused};
use crate::components::error_summary::SummaryEntry;
use crate::components::field::{Caption, Choice, ChoiceKind, FieldShell};
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::its_you::{ItsYou, PushStep, PushTexts};
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::components::sms_code::{SmsCode, SmsCodeFields};
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, Session, PROFILE_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Authorisation, Citizen, ErrorBody, Field, SecondFactorSent};
use shared::Refusal;
use shared::{Report, Text};

/// Where the change stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Choose,
    /// Confirming it is still the citizen, with the current method.
    ItsYou(SecondFactorSent),
    /// Confirming the change with the new method.
    Confirm(SecondFactorSent),
    /// Changed to this method.
    Done(Authorisation),
}

#[component]
pub fn MethodChangePage() -> impl IntoView {
    view! {
        <SignedIn>
            <MethodChange />
        </SignedIn>
    }
}

/// The page's state and the calls that move it from stage to stage.
#[derive(Clone, Copy)]
struct Change {
    stage: RwSignal<Stage>,
    chosen: RwSignal<Authorisation>,
    refused: RwSignal<Option<Refused>>,
    status: RequestStatus,
    /// Sends the chosen method; asks for "Potwierdź, że to Ty" first when the service wants it.
    send: Callback<()>,
    /// Starts "Potwierdź, że to Ty" with the current method.
    its_you: Callback<()>,
    session: Session,
}

impl Change {
    fn new(current: Authorisation) -> Change {
        let lang = use_lang();
        let (stage, chosen, refused, status) = (RwSignal::new(Stage::Choose), RwSignal::new(current), RwSignal::new(None), RequestStatus::default());
        let fail = move |refusal| {
            refused.set(Some(refusal));
            stage.set(Stage::Choose);
        };
        let its_you = status.action(move || {
            refused.set(None);
            status.send(
                move |retries| api::confirm_its_you(lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(sent) => stage.set(Stage::ItsYou(sent)),
                    Err(refusal) => fail(refusal),
                },
            );
        });
        let send = status.action(move || {
            refused.set(None);
            let method = chosen.get_untracked();
            status.send(
                move |retries| api::change_method(method, lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(sent) => stage.set(Stage::Confirm(sent)),
                    Err(refusal) if refusal.refusal() == Some(Refusal::ConfirmationRequired) => its_you.run(()),
                    Err(refusal) => fail(refusal),
                },
            );
        });
        Change { stage, chosen, refused, status, send, its_you, session: use_session() }
    }

    /// The change took effect: the session learns the new method, and the page says so.
    fn done(self, method: Authorisation) {
        self.session.refresh();
        self.stage.set(Stage::Done(method));
    }
}

#[component]
fn MethodChange() -> impl IntoView {
    let session = use_session();
    let current = session.citizen.with_untracked(|c| c.as_ref().map_or(Authorisation::Sms, |c| c.authorisation));
    let change = Change::new(current);
    move || match change.stage.get() {
        Stage::Choose => view! { <Choose change current /> }.into_any(),
        Stage::ItsYou(sent) => view! { <ItsYou sent caption=Text::ChangeMethod then=change.send start_again=change.its_you status=change.status /> }.into_any(),
        Stage::Confirm(sent) if sent.method == Authorisation::Sms => view! { <ChangeByCode change sent /> }.into_any(),
        Stage::Confirm(sent) => {
            let texts = PushTexts {
                heading: Text::MethodPushHeading,
                intro: Text::MethodPushIntro,
                refused: Text::MethodPushRefused,
                expired: Text::MethodPushExpired,
            };
            let on_accepted = Callback::new(move |()| change.done(Authorisation::Push));
            view! { <PushStep sent caption=Text::ChangeMethod texts poll=api::method_change_push_status on_accepted try_again=change.send status=change.status /> }
                .into_any()
        }
        Stage::Done(method) => view! { <Done method /> }.into_any(),
    }
}

/// The two methods, the current one checked and marked; "Dalej".
#[component]
fn Choose(change: Change, current: Authorisation) -> impl IntoView {
    let lang = use_lang();
    let Change { chosen, refused, status, send, .. } = change;
    let form = FormState::new(&[], TextAnswers::new([], |_| String::new()), Memo::new(|_| Report::default()));
    let first_option = format!("#method-{}", Authorisation::Sms.code());
    let other_errors = Signal::derive(move || {
        refused
            .with(|r| r.as_ref().and_then(|r| r.message(lang.get())))
            .map(|message| SummaryEntry { href: first_option.clone(), message })
            .into_iter()
            .collect()
    });
    // Only the choice of the current method is this field's error; the rest shows in the summary.
    let error = move || refused.with(|r| r.as_ref().filter(|r| r.refusal() == Some(Refusal::MethodUnchanged)).and_then(|r| r.message(lang.get())));
    let on_valid = Callback::new(move |()| {
        if chosen.get_untracked() == current {
            refused.set(Some(Refused::Other(ErrorBody { code: Refusal::MethodUnchanged, message: String::new() })));
        } else {
            send.run(());
        }
    });
    let option = move |method: Authorisation| {
        let id = format!("method-{}", method.code());
        view! {
            <Choice kind=ChoiceKind::Radio id name="method" value=method.code()
                checked=move || chosen.get() == method
                on_change=move |_| {
                    chosen.set(method);
                    refused.set(None);
                }>
                {tr(method_name(method))}
                {(method == current).then(|| view! { " (" {tr(Text::CurrentMethod)} ")" })}
            </Choice>
        }
    };
    view! {
        <FormPage heading=Text::ChangeMethod form on_valid busy=status.busy() other_errors back=PROFILE_PATH>
            <FieldShell id="method".to_owned() caption=Caption::Legend(Text::MethodChoiceLegend) hint=Some(Text::MethodBackToSmsHint) error=Signal::derive(error)
                control=move |_| view! {
                    {option(Authorisation::Sms)}
                    {option(Authorisation::Push)}
                } />
            <RequestNotice status />
        </FormPage>
    }
}

/// The change to SMS codes, confirmed with a code sent to the phone.
#[component]
fn ChangeByCode(change: Change, sent: SecondFactorSent) -> impl IntoView {
    let session = use_session();
    let sms = SmsCode::new(TextAnswers::new([Field::SmsCode], |_| String::new()), sent.resend_available_in);
    let on_valid = sms.confirm(
        |code, lang, retries| async move { api::confirm_method_change_code(&code, lang, retries).await },
        move |citizen: Citizen| {
            session.citizen.set(Some(citizen));
            change.done(Authorisation::Sms);
        },
    );
    let resend = sms.resend(api::resend_method_change_code);
    let caption = tr(Text::ChangeMethod);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::SmsHeading form=sms.form on_valid busy=sms.status.busy() submit=Text::Confirm>
            <SmsCodeFields sms phone=Some(sent.phone) resend />
        </FormPage>
    }
}

/// "Metoda autoryzacji została zmieniona", the method now, and the way back to the profile.
#[component]
fn Done(method: Authorisation) -> impl IntoView {
    let lang = use_lang();
    use_page_title(tr(Text::MethodChanged));
    view! {
        <div class="narrow">
            <div class="panel">
                <PageHeading>{tr(Text::MethodChanged)}</PageHeading>
            </div>
            <p class="lead" id="method-now">{move || Text::MethodNow.get(lang.get()).replace("{method}", method_name(method).get(lang.get()))}</p>
            <p><A href=PROFILE_PATH attr:id="back-to-profile">{tr(Text::BackToProfile)}</A></p>
        </div>
    }
}
