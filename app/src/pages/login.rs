//! Signing in: "Nazwa użytkownika lub adres e-mail" and "Hasło"; then the SMS code or the push in
//! mObywatel, as the citizen's profile says. A wrong pair gets one message that does not say
//! which of the two was wrong; a locked sign-in says until when. Under the form: "Nie pamiętam
//! nazwy użytkownika", "Nie pamiętam hasła" and the way to register.

use super::ACCOUNT_STEP_PATH;
use crate::api::{self, Refused};
use crate::components::announced::Announced;
use crate::components::error_summary::SummaryEntry;
use crate::components::field::TextField;
use crate::components::form::{FormState, TextAnswers};
use crate::components::form_page::FormPage;
use crate::components::request_status::{RequestNotice, RequestStatus};
use crate::i18n::{tr, use_lang};
use crate::lazy::preload_on_first_focus;
use crate::session::{return_path, use_session, with_return, FORGOT_PASSWORD_PATH, FORGOT_USERNAME_PATH, LOGIN_CODE_PATH, LOGIN_PUSH_PATH};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::{Authorisation, Field, LoginRequest};
use shared::validate::validate_login;
use shared::Text;

/// `?sesja=wygasla`: the citizen comes here because the session ended by itself.
const SESSION_EXPIRED: &str = "wygasla";

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    // Said on arrival ("Wylogowano ze wszystkich urządzeń"), forgotten on leaving.
    on_cleanup(move || session.notice.set(None));
    let navigate = use_navigate();
    let query = use_query_map();
    let back_to = StoredValue::new(return_path(query.with_untracked(|q| q.get("powrot"))));
    let expired = query.with_untracked(|q| q.get("sesja").as_deref() == Some(SESSION_EXPIRED));
    let answers = TextAnswers::new([Field::Login, Field::Password], |_| String::new());
    let (login, password) = (answers.value(Field::Login), answers.value(Field::Password));
    let form = FormState::new(&[Field::Login, Field::Password], answers, Memo::new(move |_| validate_login(&login.get(), &password.get())));
    let status = RequestStatus::default();
    // The sign-in call and the second factor's pages download once the citizen starts answering.
    preload_on_first_focus(|| {
        api::preload_login();
        super::preload_second_factor();
    });
    // A refusal of the pair (wrong, locked, too many tries), kept as its code.
    let refused = RwSignal::new(None::<Refused>);
    let other_errors = Signal::derive(move || {
        refused
            .with(|r| r.as_ref().and_then(|r| r.message(lang.get())))
            .map(|message| SummaryEntry { href: format!("#{}", Field::Login.key()), message })
            .into_iter()
            .collect()
    });
    let on_valid = status.action(move || {
        refused.set(None);
        let request = LoginRequest { login: login.get_untracked().trim().to_owned(), password: password.get_untracked() };
        let lang = lang.get_untracked();
        let navigate = navigate.clone();
        status.send(
            move |retries| async move { api::login(request, lang, retries).await },
            move |answer| match answer {
                Ok(started) => {
                    let next = match started.method {
                        Authorisation::Sms => LOGIN_CODE_PATH,
                        Authorisation::Push => LOGIN_PUSH_PATH,
                    };
                    session.login.set(Some(started));
                    navigate(&with_return(next, &back_to.get_value()), Default::default());
                }
                Err(Refused::Fields { errors, .. }) => form.set_server_errors(errors),
                Err(other) => refused.set(Some(other)),
            },
        );
    });
    view! {
        <FormPage heading=Text::SignIn form on_valid busy=status.busy() other_errors submit=Text::SignIn
            notice=move || {
                let said = if expired { Some(Text::SessionExpired) } else { session.notice.get() };
                said.map(|text| view! { <Announced text /> })
            }
            after=|| view! {
                <ul class="link-list">
                    <li><A href=FORGOT_USERNAME_PATH attr:id="forgot-username">{tr(Text::ForgotUsername)}</A></li>
                    <li><A href=FORGOT_PASSWORD_PATH attr:id="forgot-password">{tr(Text::ForgotPassword)}</A></li>
                </ul>
                <p class="other-way">{tr(Text::NoAccount)}" "<A href=ACCOUNT_STEP_PATH attr:id="register-link">{tr(Text::Register)}</A></p>
                <p class="other-way" id="cannot-sign-in">{tr(Text::CannotSignIn)}" "{tr(Text::HelpBody)}", "{tr(Text::HelpHours)}"."</p>
            }>
            <TextField form field=Field::Login autocomplete="username" />
            <TextField form field=Field::Password autocomplete="current-password" input_type="password" />
            <RequestNotice status />
        </FormPage>
    }
}
