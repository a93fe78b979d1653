//! The root component: the language, the session, the page frame and the routes.

use crate::components::layout::Layout;
use crate::components::page_heading::FirstPage;
use crate::i18n::provide_locale;
use crate::pages::{
    AccessibilityRoute, AccountPage, ConsentRoute, ContactRoute, EmailVerificationRoute, ExtensionRoute, ForgotPasswordRoute, ForgotUsernameRoute, HomePage,
    IdentityRoute, LoginCodeRoute, LoginPage, LoginPushRoute, MethodChangeRoute, MyAccountRoute, NewPasswordRoute, NewProfileBankRoute, NewProfileDoneRoute,
    NewProfileEIdRoute, NewProfileRoute, NotFoundPage, PasswordChangeRoute, PersonalRoute, ProfileRoute, ReviewRoute, SmsCodeRoute, SubmittedRoute,
};
use crate::session::provide_session;
use crate::state::provide_wizard;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use leptos_router::{Lazy, LazyRoute};

/// The pages, one table: each lazy page's path with its route. It makes both the routes and
/// `preload_page_at`.
macro_rules! lazy_pages {
    ($($path:tt => $route:ident,)+) => {
        /// The pages' routes: the entry pages (the front door, the account step, the login page), then every lazy page.
        fn pages() -> impl IntoView {
            view! {
                <FlatRoutes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/rejestracja/konto") view=AccountPage />
                    <Route path=path!("/logowanie") view=LoginPage />
                    $(<Route path=path!($path) view={Lazy::<$route>::new()} />)+
                </FlatRoutes>
            }
        }

        /// Downloads the code of the lazy page at `path`, if it is one. The app waits for it before it
        /// starts, so the first page is drawn at once: leptos_router 0.8 lets a first page still
        /// loading overwrite a page the citizen went on to meanwhile.
        pub async fn preload_page_at(path: &str) {
            match path {
                $($path => <$route as LazyRoute>::preload().await,)+
                _ => {}
            }
        }
    };
}

lazy_pages! {
    "/logowanie/kod" => LoginCodeRoute,
    "/logowanie/mobywatel" => LoginPushRoute,
    "/konto" => MyAccountRoute,
    "/konto/profil-zaufany" => ProfileRoute,
    "/konto/metoda-autoryzacji" => MethodChangeRoute,
    "/konto/przedluz-waznosc" => ExtensionRoute,
    "/konto/nowy-profil" => NewProfileRoute,
    "/konto/nowy-profil/bank" => NewProfileBankRoute,
    "/konto/nowy-profil/e-dowod" => NewProfileEIdRoute,
    "/konto/nowy-profil/gotowe" => NewProfileDoneRoute,
    "/konto/zmiana-hasla" => PasswordChangeRoute,
    "/konto/potwierdzenie-e-maila" => EmailVerificationRoute,
    "/nie-pamietam-nazwy-uzytkownika" => ForgotUsernameRoute,
    "/nie-pamietam-hasla" => ForgotPasswordRoute,
    "/nie-pamietam-hasla/nowe-haslo" => NewPasswordRoute,
    "/rejestracja/dane-osobowe" => PersonalRoute,
    "/rejestracja/kontakt" => ContactRoute,
    "/rejestracja/potwierdzenie-tozsamosci" => IdentityRoute,
    "/rejestracja/zgoda" => ConsentRoute,
    "/rejestracja/sprawdz" => ReviewRoute,
    "/rejestracja/kod-sms" => SmsCodeRoute,
    "/rejestracja/wniosek-wyslany" => SubmittedRoute,
    "/deklaracja-dostepnosci" => AccessibilityRoute,
}

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    provide_session().start();
    provide_wizard();
    provide_context(FirstPage(StoredValue::new(true)));
    view! {
        <Router>
            <Layout>
                {pages()}
            </Layout>
        </Router>
    }
}
