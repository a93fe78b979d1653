//! One module a screen. The front door; the registration wizard's steps follow one another in
//! `shared::paths::REGISTRATION_STEPS`, then the SMS code and the confirmation; signing in (the login, then its SMS code or
//! its push in mObywatel) leads to the account (its profile details, the change of authorisation
//! method, the extension of its validity, a new profile after expiry); a forgotten username or
//! password is recovered by e-mail.

mod accessibility;
mod account;
mod consent;
mod contact;
mod email_verification;
mod extension;
mod forgot_password;
mod forgot_username;
mod home;
mod identity;
mod login;
mod login_code;
mod login_push;
mod method_change;
mod my_account;
mod new_password;
mod new_profile;
mod not_found;
mod password_change;
mod personal;
mod profile;
mod review;
mod sessions;
mod sms_code;
mod submitted;

pub use accessibility::AccessibilityPage;
pub use account::AccountPage;
pub use consent::ConsentPage;
pub use contact::ContactPage;
pub use email_verification::EmailVerificationPage;
pub use extension::ExtensionPage;
pub use forgot_password::ForgotPasswordPage;
pub use forgot_username::ForgotUsernamePage;
pub use home::HomePage;
pub use identity::IdentityPage;
pub use login::LoginPage;
pub use login_code::LoginCodePage;
pub use login_push::LoginPushPage;
pub use method_change::MethodChangePage;
pub use my_account::MyAccountPage;
pub use new_password::NewPasswordPage;
pub use new_profile::{NewProfileBankPage, NewProfileDonePage, NewProfileEIdPage, NewProfilePage};
pub use not_found::NotFoundPage;
pub use password_change::PasswordChangePage;
pub use personal::PersonalPage;
pub use profile::ProfilePage;
pub use review::ReviewPage;
pub use sms_code::SmsCodePage;
pub use submitted::SubmittedPage;

use crate::lazy::{lazy_area, preload};

// The entry pages (the front door, the account step, the login page, not found) come with the
// first download; the rest when needed, an area at a time: the registration's later steps
// preloaded while the citizen answers the first, the second factor while the citizen answers the
// login page, the account while the citizen gives the second factor.
lazy_area!(registration_pages, __preload_registration_pages: RegistrationScreen {
    PersonalRoute => PersonalPage,
    ContactRoute => ContactPage,
    IdentityRoute => IdentityPage,
    ConsentRoute => ConsentPage,
    ReviewRoute => ReviewPage,
    SmsCodeRoute => SmsCodePage,
    SubmittedRoute => SubmittedPage,
});
lazy_area!(second_factor_pages, __preload_second_factor_pages: SecondFactorScreen {
    LoginCodeRoute => LoginCodePage,
    LoginPushRoute => LoginPushPage,
});
lazy_area!(recovery_pages, __preload_recovery_pages: RecoveryScreen {
    ForgotUsernameRoute => ForgotUsernamePage,
    ForgotPasswordRoute => ForgotPasswordPage,
    NewPasswordRoute => NewPasswordPage,
});
lazy_area!(account_pages, __preload_account_pages: AccountScreen {
    MyAccountRoute => MyAccountPage,
    ProfileRoute => ProfilePage,
    MethodChangeRoute => MethodChangePage,
    ExtensionRoute => ExtensionPage,
    NewProfileRoute => NewProfilePage,
    NewProfileBankRoute => NewProfileBankPage,
    NewProfileEIdRoute => NewProfileEIdPage,
    NewProfileDoneRoute => NewProfileDonePage,
    PasswordChangeRoute => PasswordChangePage,
    EmailVerificationRoute => EmailVerificationPage,
});
lazy_area!(statement_pages, __preload_statement_pages: StatementScreen {
    AccessibilityRoute => AccessibilityPage,
});

/// Downloads the registration's later steps in the background.
fn preload_registration() {
    preload::<PersonalRoute>();
}

/// Downloads the second factor's pages (the SMS code, the push) in the background.
fn preload_second_factor() {
    preload::<LoginCodeRoute>();
}

/// Downloads the account's pages in the background, while the citizen gives the second factor.
fn preload_account() {
    preload::<MyAccountRoute>();
}

use crate::api::{ApiFailure, Refused, Retries};
use crate::components::error_summary::SummaryEntry;
use crate::components::form::FormState;
use crate::components::form_page::FormPage;
use crate::components::page_heading::PageHeading;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::dom::use_page_title;
use crate::i18n::{tr, tr_refusal, use_lang};
use crate::session::{use_session, with_return, LOGIN_PATH};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::Field;
use shared::validate::validate_registration;
use shared::{Lang, Refusal, Text};
use std::future::Future;

use shared::paths::{step_number, REGISTRATION_STEPS};
pub use shared::paths::{ACCOUNT_STEP_PATH, CONSENT_PATH, CONTACT_PATH, IDENTITY_PATH, PERSONAL_PATH, REVIEW_PATH, SMS_CODE_PATH, SUBMITTED_PATH};

/// The step where a field is answered.
pub fn step_of(field: Field) -> &'static str {
    match field {
        Field::Username | Field::Password | Field::PasswordRepeat => ACCOUNT_STEP_PATH,
        Field::FirstName | Field::SecondName | Field::Surname | Field::Pesel | Field::IdCard => PERSONAL_PATH,
        Field::Email | Field::EmailRepeat | Field::Phone | Field::PhoneRepeat => CONTACT_PATH,
        Field::Confirmation => IDENTITY_PATH,
        Field::Consent => CONSENT_PATH,
        Field::SmsCode => SMS_CODE_PATH,
        // Not asked by the registration: signing in and the extension have their own pages.
        Field::Login | Field::EmailCode | Field::CurrentPassword => LOGIN_PATH,
    }
}

/// The form of a registration step over `fields`, judged as the whole registration would be on
/// the service's today, so that what a registration requires is required on its step.
fn registration_form(fields: &[Field]) -> FormState {
    let wizard = use_wizard();
    let session = use_session();
    FormState::new(fields, wizard.texts(), Memo::new(move |_| validate_registration(&wizard.request(), session.today())))
}

/// "Rejestracja · Krok 2 z 6" above the heading of the step at `path`, numbered by its place in the
/// steps' order; only "Rejestracja" after the steps.
fn registration_caption(path: &str) -> Signal<String> {
    let lang = use_lang();
    let step = step_number(path);
    Signal::derive(move || {
        let title = Text::RegistrationTitle.get(lang.get());
        match step {
            Some(step) => {
                let of = Text::StepOf.get(lang.get()).replace("{step}", &step.to_string()).replace("{total}", &REGISTRATION_STEPS.len().to_string());
                format!("{title} · {of}")
            }
            None => title.to_owned(),
        }
    })
}

/// Shown by the steps after the wizard when this tab has no registration in progress.
#[component]
fn NoRegistration() -> impl IntoView {
    view! {
        <div class="narrow">
            <h1 class="heading">{tr(Text::RegistrationTitle)}</h1>
            <p>{tr(Text::NoRegistration)}</p>
            <p><A href=ACCOUNT_STEP_PATH>{tr(Text::BackToStart)}</A></p>
        </div>
    }
}

/// Shown by the second factor's pages when no sign-in waits in this browser (it was finished,
/// refused, expired, or started in another browser).
#[component]
fn NoSignInWaiting(back_to: String) -> impl IntoView {
    view! {
        <div class="narrow">
            <h1 class="heading">{tr(Text::SignInCaption)}</h1>
            <p>{tr_refusal(Refusal::LoginNotPending)}</p>
            <p><A href=with_return(LOGIN_PATH, &back_to)>{tr(Text::SignInAgain)}</A></p>
        </div>
    }
}

/// A recovery form (the username reminder, the password reset's start): its fields, then the same
/// "Sprawdź skrzynkę e-mail" whatever the service knows; `send` makes the call from the answers.
#[component]
fn RecoveryForm<S, F>(heading: Text, intro: Text, submit: Text, sent: Text, form: FormState, send: S, children: ChildrenFn) -> impl IntoView
where
    S: Fn(Lang, Retries) -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<Result<(), Refused>, ApiFailure>> + 'static,
{
    let lang = use_lang();
    let status = RequestStatus::default();
    let done = RwSignal::new(false);
    let refused = RwSignal::new(None::<Refused>);
    let first_field = form.fields().first().map_or_else(String::new, |field| format!("#{}", field.key()));
    let other_errors = Signal::derive(move || {
        refused
            .with(|r| r.as_ref().and_then(|r| r.message(lang.get())))
            .map(|message| SummaryEntry { href: first_field.clone(), message })
            .into_iter()
            .collect()
    });
    let on_valid = status.action(move || {
        refused.set(None);
        status.send(
            move |retries| send(lang.get_untracked(), retries),
            move |answer| match answer {
                Ok(()) => done.set(true),
                Err(Refused::Fields { errors, .. }) => form.set_server_errors(errors),
                Err(other) => refused.set(Some(other)),
            },
        );
    });
    let children = StoredValue::new(children);
    view! {
        <Show when=move || !done.get() fallback=move || view! { <EmailSent text=sent /> }>
            <FormPage heading intro form on_valid busy=status.busy() other_errors submit>
                {children.read_value()()}
                <RequestNotice status />
            </FormPage>
        </Show>
    }
}

/// "Sprawdź skrzynkę e-mail", what may have been sent, and the way to the login page.
#[component]
fn EmailSent(text: Text) -> impl IntoView {
    use_page_title(tr(Text::CheckEmailHeading));
    view! {
        <div class="narrow">
            <PageHeading>{tr(Text::CheckEmailHeading)}</PageHeading>
            <p class="lead" id="email-sent">{tr(text)}</p>
            <p><A href=LOGIN_PATH attr:id="go-to-login">{tr(Text::GoToLogin)}</A></p>
        </div>
    }
}
