//! "Nie pamiętam nazwy użytkownika": the e-mail address (the shared rule as the citizen types),
//! "Przypomnij", then the same words whether or not an account has that address.

use super::RecoveryForm;
use crate::api;
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::session::use_session;
use leptos::prelude::*;
use shared::api::{Field, UsernameReminderRequest, ValidateRequest};
use shared::{validate, Text};

#[component]
pub fn ForgotUsernamePage() -> impl IntoView {
    let session = use_session();
    let answers = TextAnswers::new([Field::Email], |_| String::new());
    let email = answers.value(Field::Email);
    let report = Memo::new(move |_| validate(&ValidateRequest { email: Some(email.get()), ..Default::default() }, session.today()));
    let form = FormState::new(&[Field::Email], answers, report);
    let send = move |lang, retries| {
        let request = UsernameReminderRequest { email: email.get_untracked().trim().to_owned() };
        async move { api::remind_username(&request, lang, retries).await }
    };
    view! {
        <RecoveryForm heading=Text::ForgotUsername intro=Text::ForgotUsernameIntro submit=Text::Remind sent=Text::UsernameSent form send>
            <TextField form field=Field::Email autocomplete="email" input_type="email" />
        </RecoveryForm>
    }
}
