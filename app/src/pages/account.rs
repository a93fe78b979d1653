//! Registration step 1, the account: username (checked free with the server as the citizen types
//! and again on "Dalej"), password with its rules ticking as they are met, and its repeat.

use super::{registration_caption, ACCOUNT_STEP_PATH};
use crate::api::{self, Retries};
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::components::form_page::FormPage;
use crate::components::password_rules::PasswordRules;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::i18n::{tr, use_lang};
use crate::lazy::preload_on_first_focus;
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::api::{Field, UsernameAvailability};
use shared::paths::next_step;
use shared::rules::username;
use shared::validate::validate_account;
use shared::Text;
use std::time::Duration;

/// How long the citizen must pause typing before the username is checked with the server.
const AVAILABILITY_DEBOUNCE: Duration = Duration::from_millis(400);

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let wizard = use_wizard();
    // Judged by the account's own rules (what the whole registration finds in these fields), so
    // the first download carries no other step's rules.
    let (name, password, repeat) = (wizard.value(Field::Username), wizard.value(Field::Password), wizard.value(Field::PasswordRepeat));
    let report = Memo::new(move |_| validate_account(&name.get(), &password.get(), &repeat.get()));
    let form = FormState::new(&[Field::Username, Field::Password, Field::PasswordRepeat], wizard.texts(), report);
    let navigate = use_navigate();
    let status = RequestStatus::default();
    let free = RwSignal::new(None::<String>);
    // The later steps download once the citizen starts answering this one, so "Dalej" never waits.
    preload_on_first_focus(super::preload_registration);

    // The server's word on a username: free (said politely), or taken (an error of the field).
    let apply = move |asked: String, answer: UsernameAvailability| {
        if name.get_untracked() != asked {
            return false;
        }
        if answer.available {
            free.set(Some(asked));
        } else {
            form.set_server_errors([(Field::Username, answer.error.into_iter().collect())].into());
        }
        answer.available
    };

    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let asked = name.get();
        free.set(None);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if username::validate(&asked).is_err() {
            return;
        }
        let check = move || {
            spawn_local(async move {
                if let Ok(answer) = api::username_availability(asked.clone(), lang.get_untracked(), Retries::Never).await {
                    apply(asked, answer);
                }
            })
        };
        pending.set_value(set_timeout_with_handle(check, AVAILABILITY_DEBOUNCE).ok());
    });

    let on_valid = status.action(move || {
        let asked = name.get_untracked();
        let lang = lang.get_untracked();
        let navigate = navigate.clone();
        status.send(
            move |retries| async move { api::username_availability(asked.clone(), lang, retries).await.map(|answer| (asked, answer)) },
            move |(asked, answer)| {
                if apply(asked, answer) {
                    navigate(next_step(ACCOUNT_STEP_PATH), Default::default());
                }
            },
        );
    });
    view! {
        <FormPage caption=registration_caption(ACCOUNT_STEP_PATH) heading=Text::AccountHeading intro=Text::AccountIntro form on_valid busy=status.busy()>
            <TextField form field=Field::Username autocomplete="username" hint=Text::UsernameHint>
                <p class="field__confirmation" role="status">
                    {move || free.get().filter(|f| *f == name.get()).map(|_| tr(Text::UsernameFree)())}
                </p>
            </TextField>
            <TextField form field=Field::Password autocomplete="new-password" input_type="password" hint=Text::PasswordHint>
                <PasswordRules value=password />
            </TextField>
            <TextField form field=Field::PasswordRepeat autocomplete="new-password" input_type="password" />
            <RequestNotice status />
        </FormPage>
    }
}
