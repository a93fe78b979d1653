//! The link from the password reset e-mail (its token after `#`, kept only in memory): the link is
//! checked first (expired, used or unknown: said plainly, with the way to ask again); then "Nowe
//! hasło" and "Powtórz hasło" with the rules ticking, "Zapisz"; then the SMS code, "Ustaw nowe
//! hasło"; then "Hasło zostało zmienione". The service ends every session of the account, and so
//! does the app.

use crate::api::{self, Refused};
use crate::components::error_summary::SummaryEntry;
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::page_heading::PageHeading;
use crate::components::password_rules::PasswordRules;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::components::sms_code::{SmsCode, SmsCodeFields};
use crate::dom::use_page_title;
use crate::i18n::{tr, tr_refusal, use_lang};
use crate::session::{use_session, FORGOT_PASSWORD_PATH, LOGIN_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{Field, NewPasswordRequest, SecondFactorSent, ValidateRequest};
use shared::Refusal;
use shared::{validate, Text};

/// Where the reset stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Checking,
    /// The link does not work: why, in words.
    Broken(Refusal),
    Choose,
    Code(SecondFactorSent),
    Done,
}

/// Why the link does not work, if that is what the refusal says.
fn broken(refused: &Refused) -> Option<Refusal> {
    refused.refusal().filter(|r| matches!(r, Refusal::ResetNotFound | Refusal::ResetUsed | Refusal::ResetExpired))
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let token = StoredValue::new(window().location().hash().unwrap_or_default().trim_start_matches('#').to_owned());
    let stage = RwSignal::new(Stage::Checking);
    let status = RequestStatus::default();
    let check = status.action(move || {
        status.send(
            move |retries| async move { api::reset_link(&token.get_value(), lang.get_untracked(), retries).await },
            move |answer| match answer {
                Ok(_) => stage.set(Stage::Choose),
                Err(refusal) => stage.set(Stage::Broken(broken(&refusal).unwrap_or(Refusal::ResetNotFound))),
            },
        );
    });
    if token.with_value(String::is_empty) {
        stage.set(Stage::Broken(Refusal::ResetNotFound));
    } else {
        check.run(());
    }
    move || match stage.get() {
        Stage::Checking => view! {
            <div class="narrow">
                <p class="caption">{tr(Text::ForgotPassword)}</p>
                <RequestNotice status />
            </div>
        }
        .into_any(),
        Stage::Broken(why) => view! { <BrokenLink why /> }.into_any(),
        Stage::Choose => view! { <ChoosePassword token stage /> }.into_any(),
        Stage::Code(sent) => view! { <ResetCode token stage sent /> }.into_any(),
        Stage::Done => view! { <PasswordChanged /> }.into_any(),
    }
}

/// "Nowe hasło" and "Powtórz hasło" with the registration's rules; "Zapisz" sends the SMS code.
#[component]
fn ChoosePassword(token: StoredValue<String>, stage: RwSignal<Stage>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let answers = TextAnswers::new([Field::Password, Field::PasswordRepeat], |_| String::new());
    let (password, repeat) = (answers.value(Field::Password), answers.value(Field::PasswordRepeat));
    let report = Memo::new(move |_| {
        validate(&ValidateRequest { password: Some(password.get()), password_repeat: Some(repeat.get()), ..Default::default() }, session.today())
    });
    let form = FormState::new(&[Field::Password, Field::PasswordRepeat], answers, report);
    let status = RequestStatus::default();
    let refused = RwSignal::new(None::<Refused>);
    let other_errors = Signal::derive(move || {
        refused
            .with(|r| r.as_ref().and_then(|r| r.message(lang.get())))
            .map(|message| SummaryEntry { href: "#password".to_owned(), message })
            .into_iter()
            .collect()
    });
    let on_valid = status.action(move || {
        refused.set(None);
        let request = NewPasswordRequest { password: password.get_untracked(), password_repeat: repeat.get_untracked() };
        status.send(
            move |retries| async move { api::choose_password(&token.get_value(), &request, lang.get_untracked(), retries).await },
            move |answer| match answer {
                Ok(sent) => stage.set(Stage::Code(sent)),
                Err(Refused::Fields { errors, .. }) => form.set_server_errors(errors),
                Err(refusal) => match broken(&refusal) {
                    Some(why) => stage.set(Stage::Broken(why)),
                    None => refused.set(Some(refusal)),
                },
            },
        );
    });
    let caption = tr(Text::ForgotPassword);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::NewPasswordHeading form on_valid busy=status.busy() other_errors submit=Text::Save>
            <TextField form field=Field::Password label=Text::NewPassword autocomplete="new-password" input_type="password" hint=Text::PasswordHint>
                <PasswordRules value=password />
            </TextField>
            <TextField form field=Field::PasswordRepeat autocomplete="new-password" input_type="password" />
            <RequestNotice status />
        </FormPage>
    }
}

/// The SMS code that sets the new password ("Ustaw nowe hasło"); the app then forgets any
/// citizen signed in, as the service has ended every session of the account.
#[component]
fn ResetCode(token: StoredValue<String>, stage: RwSignal<Stage>, sent: SecondFactorSent) -> impl IntoView {
    let session = use_session();
    let sms = SmsCode::new(TextAnswers::new([Field::SmsCode], |_| String::new()), sent.resend_available_in);
    let on_valid = sms.confirm(
        move |code, lang, retries| async move { api::confirm_password_reset(&token.get_value(), &code, lang, retries).await },
        move |()| {
            session.forget();
            session.refresh();
            stage.set(Stage::Done);
        },
    );
    let resend = sms.resend(move |lang, retries| async move { api::resend_password_reset_code(&token.get_value(), lang, retries).await });
    // The link stopped working meanwhile: say so instead of a message under the code.
    Effect::new(move |_| {
        if let Some(why) = sms.refusal.with(|r| r.as_ref().and_then(broken)) {
            stage.set(Stage::Broken(why));
        }
    });
    let caption = tr(Text::ForgotPassword);
    view! {
        <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::SmsHeading form=sms.form on_valid busy=sms.status.busy() submit=Text::SetNewPassword>
            <SmsCodeFields sms phone=Some(sent.phone) resend />
        </FormPage>
    }
}

/// An expired, used or unknown link, and the way to ask for a new one.
#[component]
fn BrokenLink(why: Refusal) -> impl IntoView {
    let heading = tr_refusal(why);
    use_page_title(heading);
    view! {
        <div class="narrow">
            <PageHeading>{heading}</PageHeading>
            <p class="lead">{tr(Text::ResetLinkExplain)}</p>
            <p><A href=FORGOT_PASSWORD_PATH attr:class="button" attr:id="ask-again">{tr(Text::AskForNewLink)}</A></p>
        </div>
    }
}

/// "Hasło zostało zmienione" and the way to the login page.
#[component]
fn PasswordChanged() -> impl IntoView {
    use_page_title(tr(Text::PasswordChanged));
    view! {
        <div class="narrow">
            <div class="panel">
                <PageHeading>{tr(Text::PasswordChanged)}</PageHeading>
            </div>
            <p class="lead">{tr(Text::PasswordChangedBody)}</p>
            <p><A href=LOGIN_PATH attr:class="button" attr:id="go-to-login">{tr(Text::GoToLogin)}</A></p>
        </div>
    }
}
