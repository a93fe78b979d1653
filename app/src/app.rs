//! The root component: the language, the session, the page frame and the routes.

use crate::components::layout::Layout;
use crate::components::page_heading::FirstPage;
use crate::i18n::provide_locale;
use crate::pages::{
    AccessibilityRoute, AccountPage, ConsentRoute, ContactRoute, ExtensionRoute, ForgotPasswordRoute, ForgotUsernameRoute, HomePage, IdentityRoute,
    LoginCodeRoute, LoginPushRoute, LoginRoute, MethodChangeRoute, MyAccountRoute, NewPasswordRoute, NewProfileBankRoute, NewProfileDoneRoute,
    NewProfileEIdRoute, NewProfileRoute, NotFoundPage, PersonalRoute, ProfileRoute, ReviewRoute, SmsCodeRoute, SubmittedRoute,
};
use crate::session::provide_session;
use crate::state::provide_wizard;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_session().start();
    provide_wizard();
    provide_context(FirstPage(StoredValue::new(true)));
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/logowanie") view={Lazy::<LoginRoute>::new()} />
                    <Route path=path!("/logowanie/kod") view={Lazy::<LoginCodeRoute>::new()} />
                    <Route path=path!("/logowanie/mobywatel") view={Lazy::<LoginPushRoute>::new()} />
                    <Route path=path!("/konto") view={Lazy::<MyAccountRoute>::new()} />
                    <Route path=path!("/konto/profil-zaufany") view={Lazy::<ProfileRoute>::new()} />
                    <Route path=path!("/konto/metoda-autoryzacji") view={Lazy::<MethodChangeRoute>::new()} />
                    <Route path=path!("/konto/przedluz-waznosc") view={Lazy::<ExtensionRoute>::new()} />
                    <Route path=path!("/konto/nowy-profil") view={Lazy::<NewProfileRoute>::new()} />
                    <Route path=path!("/konto/nowy-profil/bank") view={Lazy::<NewProfileBankRoute>::new()} />
                    <Route path=path!("/konto/nowy-profil/e-dowod") view={Lazy::<NewProfileEIdRoute>::new()} />
                    <Route path=path!("/konto/nowy-profil/gotowe") view={Lazy::<NewProfileDoneRoute>::new()} />
                    <Route path=path!("/nie-pamietam-nazwy-uzytkownika") view={Lazy::<ForgotUsernameRoute>::new()} />
                    <Route path=path!("/nie-pamietam-hasla") view={Lazy::<ForgotPasswordRoute>::new()} />
                    <Route path=path!("/nie-pamietam-hasla/nowe-haslo") view={Lazy::<NewPasswordRoute>::new()} />
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
