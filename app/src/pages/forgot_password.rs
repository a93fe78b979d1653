//! "Nie pamiętam hasła": the username and the PESEL (the shared rules as the citizen types),
//! "Zmień hasło", then the same words whether or not they belong to an account: a link to set a
//! new password goes by e-mail if they do.

use super::RecoveryForm;
use crate::api;
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::session::use_session;
use leptos::prelude::*;
use shared::api::{Field, PasswordResetRequest, ValidateRequest};
use shared::{validate, Text};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let session = use_session();
    let answers = TextAnswers::new([Field::Username, Field::Pesel], |_| String::new());
    let (username, pesel) = (answers.value(Field::Username), answers.value(Field::Pesel));
    let report = Memo::new(move |_| {
        validate(&ValidateRequest { username: Some(username.get().trim().to_owned()), pesel: Some(pesel.get()), ..Default::default() }, session.today())
    });
    let form = FormState::new(&[Field::Username, Field::Pesel], answers, report);
    let send = move |lang, retries| {
        let request = PasswordResetRequest { username: username.get_untracked().trim().to_owned(), pesel: pesel.get_untracked().trim().to_owned() };
        async move { api::start_password_reset(&request, lang, retries).await }
    };
    view! {
        <RecoveryForm heading=Text::ForgotPassword intro=Text::ForgotPasswordIntro submit=Text::ChangePassword sent=Text::ResetLinkSent form send>
            <TextField form field=Field::Username autocomplete="username" />
            <TextField form field=Field::Pesel autocomplete="off" input_mode="numeric" />
        </RecoveryForm>
    }
}
