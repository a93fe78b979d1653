//! Registration step 1, the account: username, password and its repeat, then "Dalej".

use super::REGISTRATION_STEPS;
use crate::api::{self, ApiFailure};
use crate::components::error_summary::{focus_summary, ErrorSummary};
use crate::components::field::TextField;
use crate::components::form::FormState;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use leptos::ev::SubmitEvent;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::Field;
use shared::Text;

/// Where the step stands after "Dalej".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Editing,
    Checking,
    Failed,
    Accepted,
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    use_page_title(tr(Text::AccountHeading));
    let form = FormState::new(&[Field::Username, Field::Password, Field::PasswordRepeat]);
    let summary = NodeRef::<Div>::new();
    let status = RwSignal::new(Status::Editing);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if status.get_untracked() == Status::Checking {
            return;
        }
        form.submitted.set(true);
        if !form.is_valid_untracked() {
            focus_summary(summary);
            return;
        }
        status.set(Status::Checking);
        spawn_local(async move {
            match api::validate(&form.request(), lang.get_untracked()).await {
                Ok(answer) if answer.errors.is_empty() => status.set(Status::Accepted),
                Ok(answer) => {
                    form.set_server_errors(answer.errors);
                    status.set(Status::Editing);
                    focus_summary(summary);
                }
                Err(ApiFailure::Unreachable | ApiFailure::Unexpected(_)) => status.set(Status::Failed),
            }
        });
    };

    let step = move || Text::StepOf.get(lang.get()).replace("{step}", "1").replace("{total}", &REGISTRATION_STEPS.to_string());
    view! {
        <div class="narrow">
            <p class="caption">{tr(Text::RegistrationTitle)}" · "{step}</p>
            <Show
                when=move || status.get() == Status::Accepted
                fallback=move || view! {
                    <ErrorSummary form node_ref=summary />
                    <h1 class="heading">{tr(Text::AccountHeading)}</h1>
                    <p class="lead">{tr(Text::AccountIntro)}</p>
                    <form class="form" novalidate on:submit=on_submit>
                        <TextField form field=Field::Username autocomplete="username" hint=Text::UsernameHint />
                        <TextField form field=Field::Password autocomplete="new-password" input_type="password" hint=Text::PasswordHint />
                        <TextField form field=Field::PasswordRepeat autocomplete="new-password" input_type="password" />
                        <div role="status" class="form__status">
                            {move || (status.get() == Status::Checking).then(tr(Text::Checking))}
                        </div>
                        <Show when=move || status.get() == Status::Failed>
                            <div class="notice notice--error" role="alert">{tr(Text::ServerUnreachable)}</div>
                        </Show>
                        <button type="submit" class="button">{tr(Text::Next)}</button>
                    </form>
                }
            >
                <div class="panel" role="status">
                    <h1 class="heading">{tr(Text::AccountDone)}</h1>
                    <p>{tr(Text::AccountDoneBody)}</p>
                </div>
            </Show>
        </div>
    }
}
