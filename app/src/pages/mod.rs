//! One module a screen. The front door; the registration wizard's steps follow one another in
//! `STEPS`, then the SMS code and the confirmation; signing in (the login, then its SMS code or
//! its push in mObywatel) leads to the account.

mod accessibility;
mod account;
mod consent;
mod contact;
mod home;
mod identity;
mod login;
mod login_code;
mod login_push;
mod my_account;
mod not_found;
mod personal;
mod review;
mod sms_code;
mod submitted;

pub use accessibility::AccessibilityPage;
pub use account::AccountPage;
pub use consent::ConsentPage;
pub use contact::ContactPage;
pub use home::HomePage;
pub use identity::IdentityPage;
pub use login::LoginPage;
pub use login_code::LoginCodePage;
pub use login_push::LoginPushPage;
pub use my_account::MyAccountPage;
pub use not_found::NotFoundPage;
pub use personal::PersonalPage;
pub use review::ReviewPage;
pub use sms_code::SmsCodePage;
pub use submitted::SubmittedPage;

use crate::lazy::{lazy_page, preload};

// The entry pages (the front door, the account step, not found) come with the first download;
// the rest when needed, the registration's later steps preloaded while the citizen answers the
// first, the login page when the citizen points at or focuses "Zaloguj się".
lazy_page!(PersonalRoute => PersonalPage);
lazy_page!(ContactRoute => ContactPage);
lazy_page!(IdentityRoute => IdentityPage);
lazy_page!(ConsentRoute => ConsentPage);
lazy_page!(ReviewRoute => ReviewPage);
lazy_page!(SmsCodeRoute => SmsCodePage);
lazy_page!(SubmittedRoute => SubmittedPage);
lazy_page!(AccessibilityRoute => AccessibilityPage);
lazy_page!(LoginRoute => LoginPage);
lazy_page!(LoginCodeRoute => LoginCodePage);
lazy_page!(LoginPushRoute => LoginPushPage);
lazy_page!(MyAccountRoute => MyAccountPage);

/// Downloads the registration's later steps in the background.
pub fn preload_registration() {
    preload::<PersonalRoute>();
    preload::<ContactRoute>();
    preload::<IdentityRoute>();
    preload::<ConsentRoute>();
    preload::<ReviewRoute>();
    preload::<SmsCodeRoute>();
    preload::<SubmittedRoute>();
}

/// Downloads the login page in the background.
pub fn preload_login() {
    preload::<LoginRoute>();
}

use crate::components::form::FormState;
use crate::i18n::{tr, use_lang};
use crate::session::{use_session, with_return, LOGIN_PATH};
use crate::state::use_wizard;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::Field;
use shared::validate::validate_registration;
use shared::Text;

/// The wizard's steps before the SMS code, in order.
pub const STEPS: [&str; 6] = [
    "/rejestracja/konto",
    "/rejestracja/dane-osobowe",
    "/rejestracja/kontakt",
    "/rejestracja/potwierdzenie-tozsamosci",
    "/rejestracja/zgoda",
    "/rejestracja/sprawdz",
];
pub const SMS_CODE_PATH: &str = "/rejestracja/kod-sms";
pub const SUBMITTED_PATH: &str = "/rejestracja/wniosek-wyslany";
/// How many steps the registration wizard has before the SMS code.
pub const REGISTRATION_STEPS: u8 = STEPS.len() as u8;

/// The step where a field is answered.
pub fn step_of(field: Field) -> &'static str {
    match field {
        Field::Username | Field::Password | Field::PasswordRepeat => STEPS[0],
        Field::FirstName | Field::SecondName | Field::Surname | Field::Pesel | Field::IdCard => STEPS[1],
        Field::Email | Field::EmailRepeat | Field::Phone | Field::PhoneRepeat => STEPS[2],
        Field::Confirmation => STEPS[3],
        Field::Consent => STEPS[4],
        Field::SmsCode => SMS_CODE_PATH,
        // Not asked by the registration: signing in has its own page.
        Field::Login => LOGIN_PATH,
    }
}

/// The form of a registration step over `fields`, judged as the whole registration would be on
/// the service's today, so that what a registration requires is required on its step.
fn registration_form(fields: &[Field]) -> FormState {
    let wizard = use_wizard();
    let session = use_session();
    FormState::new(fields, wizard.texts(), Memo::new(move |_| validate_registration(&wizard.request(), session.today())))
}

/// "Rejestracja · Krok 2 z 6" above a step's heading; only "Rejestracja" after the steps.
fn registration_caption(step: Option<u8>) -> Signal<String> {
    let lang = use_lang();
    Signal::derive(move || {
        let title = Text::RegistrationTitle.get(lang.get());
        match step {
            Some(step) => {
                let of = Text::StepOf.get(lang.get()).replace("{step}", &step.to_string()).replace("{total}", &REGISTRATION_STEPS.to_string());
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
            <p><A href=STEPS[0]>{tr(Text::BackToStart)}</A></p>
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
            <p>{tr(Text::LoginNotPending)}</p>
            <p><A href=with_return(LOGIN_PATH, &back_to)>{tr(Text::SignInAgain)}</A></p>
        </div>
    }
}
