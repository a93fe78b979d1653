//! Registration step 1, the account: username (checked free with the server), password, repeat.

use super::STEPS;
use crate::api::{self, ApiFailure};
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::components::wizard_step::WizardStep;
use crate::i18n::{tr, use_lang};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::api::Field;
use shared::Text;

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    let form = FormState::new(&[Field::Username, Field::Password, Field::PasswordRepeat], wizard);
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let on_valid = Callback::new(move |()| {
        busy.set(true);
        failed.set(false);
        let navigate = navigate.clone();
        spawn_local(async move {
            let username = wizard.value(Field::Username).get_untracked();
            match api::username_availability(&username, lang.get_untracked()).await {
                Ok(answer) if answer.available => navigate(STEPS[1], Default::default()),
                Ok(answer) => form.set_server_errors([(Field::Username, answer.error.into_iter().collect())].into()),
                Err(ApiFailure::Unreachable | ApiFailure::Unexpected(_)) => failed.set(true),
            }
            busy.set(false);
        });
    });
    view! {
        <WizardStep step=1u8 heading=Text::AccountHeading intro=Text::AccountIntro form on_valid busy>
            <TextField form field=Field::Username autocomplete="username" hint=Text::UsernameHint />
            <TextField form field=Field::Password autocomplete="new-password" input_type="password" hint=Text::PasswordHint />
            <TextField form field=Field::PasswordRepeat autocomplete="new-password" input_type="password" />
            <Show when=move || failed.get()>
                <div class="notice notice--error" role="alert">{tr(Text::ServerUnreachable)}</div>
            </Show>
        </WizardStep>
    }
}
