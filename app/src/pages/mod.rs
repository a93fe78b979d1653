//! One module a screen. The registration wizard's steps follow one another in `STEPS`, then the
//! SMS code and the confirmation.

mod accessibility;
mod account;
mod consent;
mod contact;
mod identity;
mod not_found;
mod personal;
mod review;
mod sms_code;
mod submitted;

pub use accessibility::AccessibilityPage;
pub use account::AccountPage;
pub use consent::ConsentPage;
pub use contact::ContactPage;
pub use identity::IdentityPage;
pub use not_found::NotFoundPage;
pub use personal::PersonalPage;
pub use review::ReviewPage;
pub use sms_code::SmsCodePage;
pub use submitted::SubmittedPage;

use crate::lazy::{lazy_page, preload};

// The entry pages (the account step, not found) come with the first download; the rest when
// needed, the registration's later steps preloaded while the citizen answers the first.
lazy_page!(PersonalRoute => PersonalPage);
lazy_page!(ContactRoute => ContactPage);
lazy_page!(IdentityRoute => IdentityPage);
lazy_page!(ConsentRoute => ConsentPage);
lazy_page!(ReviewRoute => ReviewPage);
lazy_page!(SmsCodeRoute => SmsCodePage);
lazy_page!(SubmittedRoute => SubmittedPage);
lazy_page!(AccessibilityRoute => AccessibilityPage);

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

use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::Field;
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
    }
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
