//! "Zmień hasło" while signed in: "Obecne hasło", "Nowe hasło" with the rules ticking and "Powtórz
//! nowe hasło", checked as typed by the rule the service runs too. When the citizen's last second
//! factor is older than 2 minutes, "Potwierdź, że to Ty" comes first and the change is sent again
//! by itself. Then "Hasło zostało zmienione": the service has ended every other session.

use crate::api::{self, Refused};
use crate::components::error_summary::SummaryEntry;
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::its_you::ItsYou;
use crate::components::page_heading::PageHeading;
use crate::components::password_rules::PasswordRules;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::signed_in::SignedIn;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::session::ACCOUNT_PATH;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Field, PasswordChangeRequest, SecondFactorSent};
use shared::validate::validate_password_change;
use shared::Refusal;
use shared::Text;

/// The form's fields, in the order the page asks them.
const FIELDS: [Field; 3] = [Field::CurrentPassword, Field::Password, Field::PasswordRepeat];

/// Where the change stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Choose,
    /// Confirming it is still the citizen; the change goes again once confirmed.
    ItsYou(SecondFactorSent),
    Done,
}

#[component]
pub fn PasswordChangePage() -> impl IntoView {
    view! {
        <SignedIn>
            <PasswordChange />
        </SignedIn>
    }
}

#[component]
fn PasswordChange() -> impl IntoView {
    let lang = use_lang();
    let stage = RwSignal::new(Stage::Choose);
    // The answers outlive "Potwierdź, że to Ty", so the change can go again by itself.
    let answers = TextAnswers::new(FIELDS, |_| String::new());
    let (current, password, repeat) = (answers.value(Field::CurrentPassword), answers.value(Field::Password), answers.value(Field::PasswordRepeat));
    let report = Memo::new(move |_| validate_password_change(&current.get(), &password.get(), &repeat.get()));
    let form = FormState::new(&FIELDS, answers, report);
    let status = RequestStatus::default();
    // A refusal that is not about a field (locked, too many requests), kept as its code.
    let refused = RwSignal::new(None::<Refused>);
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
        let request =
            PasswordChangeRequest { current_password: current.get_untracked(), password: password.get_untracked(), password_repeat: repeat.get_untracked() };
        status.send(
            move |retries| async move { api::change_password(&request, lang.get_untracked(), retries).await },
            move |answer| match answer {
                Ok(()) => stage.set(Stage::Done),
                Err(refusal) if refusal.refusal() == Some(Refusal::ConfirmationRequired) => its_you.run(()),
                Err(Refused::Fields { errors, .. }) => {
                    stage.set(Stage::Choose);
                    form.set_server_errors(errors);
                }
                Err(refusal) => fail(refusal),
            },
        );
    });
    let other_errors = Signal::derive(move || {
        refused
            .with(|r| r.as_ref().and_then(|r| r.message(lang.get())))
            .map(|message| SummaryEntry { href: format!("#{}", Field::CurrentPassword.key()), message })
            .into_iter()
            .collect()
    });
    move || {
        match stage.get() {
        Stage::Choose => view! {
            <FormPage heading=Text::ChangePassword intro=Text::ChangePasswordIntro form on_valid=send busy=status.busy() other_errors submit=Text::ChangePassword back=ACCOUNT_PATH>
                <TextField form field=Field::CurrentPassword autocomplete="current-password" input_type="password" />
                <TextField form field=Field::Password label=Text::NewPassword autocomplete="new-password" input_type="password" hint=Text::PasswordHint>
                    <PasswordRules value=password />
                </TextField>
                <TextField form field=Field::PasswordRepeat label=Text::NewPasswordRepeat autocomplete="new-password" input_type="password" />
                <RequestNotice status />
            </FormPage>
        }
        .into_any(),
        Stage::ItsYou(sent) => view! { <ItsYou sent caption=Text::ChangePassword then=send start_again=its_you status /> }.into_any(),
        Stage::Done => view! { <Changed /> }.into_any(),
    }
    }
}

/// "Hasło zostało zmienione": the other sessions have ended, this one goes on.
#[component]
fn Changed() -> impl IntoView {
    use_page_title(tr(Text::PasswordChanged));
    view! {
        <div class="narrow">
            <div class="panel">
                <PageHeading>{tr(Text::PasswordChanged)}</PageHeading>
            </div>
            <p class="lead" id="password-changed">{tr(Text::PasswordChangedSignedInBody)}</p>
            <p><A href=ACCOUNT_PATH attr:id="back-to-account">{tr(Text::BackToAccount)}</A></p>
        </div>
    }
}
