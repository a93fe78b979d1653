//! The SMS code that ends the registration: typed or pasted, with the tries left after a wrong
//! one, and "Wyślij kod ponownie" once the 60-second cooldown shown as a countdown is over.

use super::{NoRegistration, SUBMITTED_PATH};
use crate::api;
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::wizard_step::WizardStep;
use crate::i18n::{tr, use_lang};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::rules::phone::PhoneNumber;
use shared::rules::sms_code::{self, RESEND_COOLDOWN_SECONDS};
use shared::{Problem, Text};
use std::time::Duration;

#[component]
pub fn SmsCodePage() -> impl IntoView {
    let wizard = use_wizard();
    move || match wizard.registration_id.get() {
        Some(id) => view! { <SmsCodeForm id /> }.into_any(),
        None => view! { <NoRegistration /> }.into_any(),
    }
}

#[component]
fn SmsCodeForm(id: String) -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = FormState::new(&[Field::SmsCode], wizard);
    let navigate = use_navigate();
    let id = StoredValue::new(id);
    let status = RequestStatus::default();
    let tries_left = RwSignal::new(None::<u8>);
    let resent = RwSignal::new(false);
    let wait = RwSignal::new(RESEND_COOLDOWN_SECONDS);
    if let Ok(ticker) = set_interval_with_handle(move || wait.update(|s| *s = (*s - 1).max(0)), Duration::from_secs(1)) {
        on_cleanup(move || ticker.clear());
    }

    let on_valid = status.action(move || {
        let lang = lang.get_untracked();
        let code = match sms_code::parse(&wizard.value(Field::SmsCode).get_untracked()) {
            Ok(code) => code,
            Err(rule) => return form.set_server_errors([(Field::SmsCode, vec![Problem::SmsCode(rule).to_field_error(lang)])].into()),
        };
        let navigate = navigate.clone();
        status.send(
            move |retries| async move { api::confirm_code(&id.get_value(), &code, lang, retries).await },
            move |answer| match answer {
                Ok(accepted) => {
                    wizard.finish(accepted.application_number);
                    navigate(SUBMITTED_PATH, Default::default());
                }
                Err(refused) => {
                    tries_left.set(Some(refused.tries_left));
                    form.set_server_errors(refused.errors);
                }
            },
        );
    });
    let resend = status.action(move || {
        if wait.get_untracked() > 0 {
            return;
        }
        resent.set(false);
        let lang = lang.get_untracked();
        status.send(
            move |retries| async move { api::resend_code(&id.get_value(), lang, retries).await },
            move |answer| match answer {
                Ok(sent) => {
                    wait.set(sent.resend_available_in);
                    tries_left.set(None);
                    form.set_server_errors(Default::default());
                    resent.set(true);
                }
                Err(retry_after) => wait.set(retry_after),
            },
        );
    });
    let phone = move || PhoneNumber::parse(&wizard.value(Field::Phone).get()).map(|p| p.masked()).unwrap_or_default();
    view! {
        <WizardStep heading=Text::SmsHeading form on_valid busy=status.busy()>
            <p class="lead">{move || Text::SmsIntro.get(lang.get()).replace("{phone}", &phone())}</p>
            <TextField form field=Field::SmsCode autocomplete="one-time-code" input_mode="numeric" />
            <p class="tries-left" aria-live="polite">
                {move || tries_left.get().filter(|t| *t > 0).map(|t| Text::SmsTriesLeft.get(lang.get()).replace("{tries}", &t.to_string()))}
            </p>
            <div class="resend">
                <button type="button" class="button button--secondary" aria-disabled=move || (wait.get() > 0).to_string() on:click=move |_| resend.run(())>
                    {tr(Text::SmsResend)}
                </button>
                <p class="resend__wait">{move || (wait.get() > 0).then(|| Text::SmsResendIn.get(lang.get()).replace("{seconds}", &wait.get().to_string()))}</p>
                <p role="status">{move || resent.get().then(tr(Text::SmsResent))}</p>
            </div>
            <RequestNotice status />
        </WizardStep>
    }
}
