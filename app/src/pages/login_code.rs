//! The second factor by SMS: "Wpisz kod z SMS-a", the masked phone, the code, "Potwierdź"; once
//! accepted the citizen is signed in and goes where they were heading.

use super::NoSignInWaiting;
use crate::api;
use crate::components::form::TextAnswers;
use crate::components::form_page::FormPage;
use crate::components::sms_code::{SmsCode, SmsCodeFields};
use crate::i18n::tr;
use crate::session::{return_path, use_session};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::{Field, SessionInfo};
use shared::Text;

#[component]
pub fn LoginCodePage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    super::preload_account();
    let back_to = StoredValue::new(return_path(use_query_map().with_untracked(|q| q.get("powrot"))));
    // What the login answered; unknown after a reload (the service still knows the sign-in).
    let started = session.login.get_untracked();
    let phone = Signal::stored(started.as_ref().map(|s| s.phone.clone()));
    let sms = SmsCode::new(TextAnswers::new([Field::SmsCode], |_| String::new()), started.map_or(0, |s| s.resend_available_in));
    let on_valid = sms.confirm(
        |code, lang, retries| async move { api::confirm_login_code(&code, lang, retries).await },
        move |info: SessionInfo| {
            session.login.set(None);
            session.apply(info);
            navigate(&back_to.get_value(), Default::default());
        },
    );
    let resend = sms.resend(api::resend_login_code);
    let caption = tr(Text::SignInCaption);
    let not_pending = Memo::new(move |_| sms.refusal.with(|r| r.as_ref().is_some_and(api::Refused::is_login_not_pending)));
    move || match not_pending.get() {
        true => view! { <NoSignInWaiting back_to=back_to.get_value() /> }.into_any(),
        false => view! {
            <FormPage caption=Signal::derive(move || caption().to_owned()) heading=Text::SmsHeading form=sms.form on_valid
                busy=sms.status.busy() submit=Text::Confirm>
                <SmsCodeFields sms phone resend />
            </FormPage>
        }
        .into_any(),
    }
}
