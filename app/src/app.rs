//! The root component: the language, the page frame and the routes.

use crate::components::layout::Layout;
use crate::components::wizard_step::FirstPage;
use crate::i18n::provide_locale;
use crate::pages::{
    AccessibilityRoute, AccountPage, ConsentRoute, ContactRoute, IdentityRoute, NotFoundPage, PersonalRoute, ReviewRoute, SmsCodeRoute, SubmittedRoute, STEPS,
};
use crate::state::provide_wizard;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

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
                    <Route path=path!("/rejestracja/dane-osobowe") view={Lazy::<PersonalRoute>::new()} />
                    <Route path=path!("/rejestracja/kontakt") view={Lazy::<ContactRoute>::new()} />
                    <Route path=path!("/rejestracja/potwierdzenie-tozsamosci") view={Lazy::<IdentityRoute>::new()} />
                    <Route path=path!("/rejestracja/zgoda") view={Lazy::<ConsentRoute>::new()} />
                    <Route path=path!("/rejestracja/sprawdz") view={Lazy::<ReviewRoute>::new()} />
                    <Route path=path!("/rejestracja/kod-sms") view={Lazy::<SmsCodeRoute>::new()} />
                    <Route path=path!("/rejestracja/wniosek-wyslany") view={Lazy::<SubmittedRoute>::new()} />
                    <Route path=path!("/deklaracja-dostepnosci") view={Lazy::<AccessibilityRoute>::new()} />
                </Routes>
            </Layout>
        </Router>
    }
}
