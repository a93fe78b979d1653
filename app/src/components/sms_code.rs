//! The one-time codes of a page, for the registration, signing in and every operation alike: the
//! SMS code (or, for an extension, the SMS code and the e-mail code together), each field taking
//! a pasted "123 456", the tries left after a wrong code, "Wyślij kod ponownie" with its countdown,
//! and what the service answered. The page gives the calls; this module does the rest.

use super::field::TextField;
use super::form::{FormState, TextAnswers};
use super::request_status::{RequestNotice, RequestStatus};
use crate::api::{ApiFailure, Refused, Retries};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use shared::api::{Field, SmsCodeSent};
use shared::rules::{email_code, sms_code};
use shared::Refusal;
use shared::{Lang, Problem, Report, Text};
use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

/// The state of one page's codes.
#[derive(Clone, Copy)]
pub struct SmsCode {
    pub form: FormState,
    pub status: RequestStatus,
    /// After a wrong code, the tries it has left, by its field.
    tries_left: RwSignal<BTreeMap<Field, u8>>,
    /// Seconds until another code may be asked for.
    wait: RwSignal<i64>,
    resent: RwSignal<bool>,
    /// Why the service refused, when it is not about the code typed.
    pub refusal: RwSignal<Option<Refused>>,
}

impl SmsCode {
    /// The code typed into `answers`' `Field::SmsCode`; another may be asked for in `resend_in` seconds.
    pub fn new(answers: TextAnswers, resend_in: i64) -> SmsCode {
        SmsCode::of(&[Field::SmsCode], answers, resend_in)
    }

    /// The codes typed into `answers`' `fields` (`Field::SmsCode`, `Field::EmailCode`), in order.
    pub fn of(fields: &'static [Field], answers: TextAnswers, resend_in: i64) -> SmsCode {
        let report = Memo::new(move |_| {
            let mut report = Report::default();
            for &field in fields {
                let typed = answers.value(field).get();
                match field {
                    Field::EmailCode => report.add(field, email_code::parse(&typed), Problem::EmailCode),
                    _ => report.add(field, sms_code::parse(&typed), Problem::SmsCode),
                };
            }
            report
        });
        let wait = RwSignal::new(resend_in);
        if let Ok(ticker) = set_interval_with_handle(move || wait.update(|s| *s = (*s - 1).max(0)), Duration::from_secs(1)) {
            on_cleanup(move || ticker.clear());
        }
        SmsCode {
            form: FormState::new(fields, answers, report),
            status: RequestStatus::default(),
            tries_left: RwSignal::new(BTreeMap::new()),
            wait,
            resent: RwSignal::new(false),
            refusal: RwSignal::new(None),
        }
    }

    /// The action of the submit button: sends the code through `call`, then `on_accepted` gets
    /// the service's answer; a wrong code shows beside the field with the tries left.
    pub fn confirm<T: 'static, F>(
        self,
        call: impl Fn(String, Lang, Retries) -> F + Send + Sync + 'static,
        on_accepted: impl Fn(T) + Clone + Send + Sync + 'static,
    ) -> Callback<()>
    where
        F: Future<Output = Result<Result<T, Refused>, ApiFailure>> + 'static,
    {
        self.confirm_all(move |mut codes, lang, retries| call(codes.remove(0), lang, retries), on_accepted)
    }

    /// `confirm` for every code of the page: `call` gets their digits in the form's order.
    pub fn confirm_all<T: 'static, F>(
        self,
        call: impl Fn(Vec<String>, Lang, Retries) -> F + Send + Sync + 'static,
        on_accepted: impl Fn(T) + Clone + Send + Sync + 'static,
    ) -> Callback<()>
    where
        F: Future<Output = Result<Result<T, Refused>, ApiFailure>> + 'static,
    {
        let lang = use_lang();
        self.status.action(move || {
            // The form lets only well-formed codes through; spaces of a pasted code go.
            let codes = self.form.fields().into_iter().map(|field| self.form.value(field).get_untracked().split_whitespace().collect()).collect();
            self.refusal.set(None);
            let on_accepted = on_accepted.clone();
            self.status.send(
                |retries| call(codes, lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(accepted) => on_accepted(accepted),
                    Err(Refused::Fields { errors, tries_left }) => {
                        self.tries_left.set(tries_left);
                        self.form.set_server_errors(errors);
                    }
                    Err(other) => self.refusal.set(Some(other)),
                },
            );
        })
    }

    /// The action of "Wyślij kod ponownie": asks `call` for a new code once the countdown is over.
    pub fn resend<F>(self, call: impl Fn(Lang, Retries) -> F + Send + Sync + 'static) -> Callback<()>
    where
        F: Future<Output = Result<Result<SmsCodeSent, Refused>, ApiFailure>> + 'static,
    {
        let lang = use_lang();
        self.status.action(move || {
            if self.wait.get_untracked() > 0 {
                return;
            }
            self.resent.set(false);
            self.refusal.set(None);
            self.status.send(
                |retries| call(lang.get_untracked(), retries),
                move |answer| match answer {
                    Ok(sent) => {
                        self.wait.set(sent.resend_available_in);
                        self.tries_left.set(BTreeMap::new());
                        self.form.set_server_errors(Default::default());
                        self.resent.set(true);
                    }
                    Err(Refused::TooMany { refusal, retry_after }) => {
                        self.wait.set(i64::from(retry_after));
                        if refusal == Refusal::SmsCodeTooMany {
                            self.refusal.set(Some(Refused::TooMany { refusal, retry_after }));
                        }
                    }
                    Err(other) => self.refusal.set(Some(other)),
                },
            );
        })
    }
}

/// The code's field and everything around it, inside the page's form.
#[component]
pub fn SmsCodeFields(
    sms: SmsCode,
    /// The phone the code went to, masked; none when the page does not know it (after a reload).
    #[prop(into)]
    phone: Signal<Option<String>>,
    /// "Wyślij kod ponownie"; none where the service offers no resending.
    #[prop(optional)]
    resend: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    let lead = move || match phone.get() {
        Some(phone) => Text::SmsIntro.get(lang.get()).replace("{phone}", &phone),
        None => Text::SmsIntroYourPhone.get(lang.get()).to_owned(),
    };
    view! {
        <p class="lead">{lead}</p>
        <CodeField sms field=Field::SmsCode />
        <CodesSent sms resend resend_text=Text::SmsResend sent_text=Text::SmsResent />
    }
}

/// One code's input, and its tries left after a wrong try.
#[component]
pub fn CodeField(sms: SmsCode, field: Field) -> impl IntoView {
    let lang = use_lang();
    let tries_left = sms.tries_left;
    view! {
        <TextField form=sms.form field autocomplete="one-time-code" input_mode="numeric" />
        <p class="tries-left" id=format!("{}-tries-left", field.key()) aria-live="polite">
            {move || tries_left.with(|t| t.get(&field).copied()).filter(|t| *t > 0).map(|t| Text::SmsTriesLeft.get(lang.get()).replace("{tries}", &t.to_string()))}
        </p>
    }
}

/// Under the codes: "Wyślij kod ponownie" (`resend_text`) with its countdown and, once sent,
/// `sent_text`; then the service's refusals and the call's progress.
#[component]
pub fn CodesSent(sms: SmsCode, resend: Option<Callback<()>>, resend_text: Text, sent_text: Text) -> impl IntoView {
    let lang = use_lang();
    let SmsCode { status, wait, resent, refusal, .. } = sms;
    view! {
        {resend.map(|resend| view! {
            <div class="resend">
                <button type="button" id="resend-code" class="button button--secondary" aria-disabled=move || (wait.get() > 0).to_string() on:click=move |_| resend.run(())>
                    {tr(resend_text)}
                </button>
                <p class="resend__wait">{move || (wait.get() > 0).then(|| Text::SmsResendIn.get(lang.get()).replace("{seconds}", &wait.get().to_string()))}</p>
                <p role="status">{move || resent.get().then(tr(sent_text))}</p>
            </div>
        })}
        {move || refusal.with(|r| r.as_ref().and_then(|r| r.message(lang.get()))).map(|message| view! {
            <div class="notice notice--error" role="alert"><p class="notice__text">{message}</p></div>
        })}
        <RequestNotice status />
    }
}
