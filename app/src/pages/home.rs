//! The front door: what a trusted profile is, "Zaloguj się" and "Zarejestruj się" (the help centre is in
//! the footer of every page, so it is not said twice).

use super::ACCOUNT_STEP_PATH;
use crate::components::account_menu::SignInLink;
use crate::components::announced::Announced;
use crate::components::page_heading::PageHeading;
use crate::dom::use_page_title;
use crate::i18n::tr;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Text;

#[component]
pub fn HomePage() -> impl IntoView {
    use_page_title(tr(Text::HomeTitle));
    // Said on arrival (e.g. "Wylogowano", also when signing out here), forgotten on leaving.
    let session = use_session();
    on_cleanup(move || session.notice.set(None));
    view! {
        <div class="narrow">
            {move || session.notice.get().map(|text| view! { <Announced text /> })}
            <PageHeading>{tr(Text::ServiceName)}</PageHeading>
            <p class="lead">{tr(Text::HomeWhat)}</p>
            <p>{tr(Text::HomeWhy)}</p>
            <div class="button-group">
                <SignInLink class="button" />
                <A href=ACCOUNT_STEP_PATH attr:class="button button--secondary" attr:id="register-link">{tr(Text::Register)}</A>
            </div>
        </div>
    }
}
