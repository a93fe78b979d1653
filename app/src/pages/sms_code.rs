//! The SMS code that ends the registration: typed or pasted, with the tries left after a wrong
//! one, and "Wyślij kod ponownie" once the 60-second cooldown shown as a countdown is over.

use super::{registration_caption, NoRegistration, SMS_CODE_PATH, SUBMITTED_PATH};
use crate::api;
use crate::components::form_page::FormPage;
use crate::components::sms_code::{SmsCode, SmsCodeFields};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::{Field, SmsCodeAccepted};
use shared::rules::phone::PhoneNumber;
use shared::rules::sms_code::RESEND_COOLDOWN_SECONDS;
use shared::Text;

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
    let wizard = use_wizard();
    let navigate = use_navigate();
    let id = StoredValue::new(id);
    let sms = SmsCode::new(wizard.texts(), RESEND_COOLDOWN_SECONDS);
    let on_valid = sms.confirm(
        move |code, lang, retries| {
            let id = id.get_value();
            async move { api::confirm_code(&id, &code, lang, retries).await }
        },
        move |accepted: SmsCodeAccepted| {
            wizard.finish(accepted.application_number);
            navigate(SUBMITTED_PATH, Default::default());
        },
    );
    let resend = sms.resend(move |lang, retries| {
        let id = id.get_value();
        async move { api::resend_code(&id, lang, retries).await }
    });
    let phone = Signal::derive(move || PhoneNumber::parse(&wizard.value(Field::Phone).get()).ok().map(|p| p.masked()));
    view! {
        <FormPage caption=registration_caption(SMS_CODE_PATH) heading=Text::SmsHeading form=sms.form on_valid busy=sms.status.busy() submit=Text::Next>
            <SmsCodeFields sms phone resend />
        </FormPage>
    }
}
