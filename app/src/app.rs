//! The root component: the language, the page frame and the routes.

use crate::components::layout::Layout;
use crate::components::wizard_step::FirstPage;
use crate::i18n::provide_locale;
use crate::pages::{
    AccessibilityPage, AccountPage, ConsentPage, ContactPage, IdentityPage, NotFoundPage, PersonalPage, ReviewPage, SmsCodePage, SubmittedPage, STEPS,
};
use crate::state::provide_wizard;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_wizard();
    provide_context(FirstPage(StoredValue::new(true)));
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path=STEPS[0] /> } />
                    <Route path=path!("/rejestracja/konto") view=AccountPage />
                    <Route path=path!("/rejestracja/dane-osobowe") view=PersonalPage />
                    <Route path=path!("/rejestracja/kontakt") view=ContactPage />
                    <Route path=path!("/rejestracja/potwierdzenie-tozsamosci") view=IdentityPage />
                    <Route path=path!("/rejestracja/zgoda") view=ConsentPage />
                    <Route path=path!("/rejestracja/sprawdz") view=ReviewPage />
                    <Route path=path!("/rejestracja/kod-sms") view=SmsCodePage />
                    <Route path=path!("/rejestracja/wniosek-wyslany") view=SubmittedPage />
                    <Route path=path!("/deklaracja-dostepnosci") view=AccessibilityPage />
                </Routes>
            </Layout>
        </Router>
    }
}
