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
use leptos_router::{Lazy, LazyRoute};
use leptos_router::{PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment};
use shared::paths::{
    ACCESSIBILITY_PATH, ACCOUNT_PATH, ACCOUNT_STEP_PATH, CONSENT_PATH, CONTACT_PATH, EMAIL_VERIFICATION_PATH, EXTENSION_PATH, FORGOT_PASSWORD_PATH,
    FORGOT_USERNAME_PATH, HOME_PATH, IDENTITY_PATH, LOGIN_CODE_PATH, LOGIN_PATH, LOGIN_PUSH_PATH, METHOD_PATH, NEW_PASSWORD_PATH, NEW_PROFILE_BANK_PATH,
    NEW_PROFILE_DONE_PATH, NEW_PROFILE_E_ID_PATH, NEW_PROFILE_PATH, PASSWORD_CHANGE_PATH, PERSONAL_PATH, PROFILE_PATH, REVIEW_PATH, SMS_CODE_PATH,
    SUBMITTED_PATH,
};

/// The pages, one table: each lazy page's path with its route. It makes both the routes and
/// `preload_page_at`.
macro_rules! lazy_pages {
    ($($path:expr => $route:ident,)+) => {
        /// The pages' routes: the entry pages (the front door, the account step, the login page), then every lazy page.
        fn pages() -> impl IntoView {
            view! {
                <FlatRoutes fallback=NotFoundPage>
                    <Route path=RoutePath(HOME_PATH) view=HomePage />
                    <Route path=RoutePath(ACCOUNT_STEP_PATH) view=AccountPage />
                    <Route path=RoutePath(LOGIN_PATH) view=LoginPage />
                    $(<Route path=RoutePath($path) view={Lazy::<$route>::new()} />)+
                </FlatRoutes>
            }
        }

        /// Downloads the code of the lazy page at `path`, if it is one. The app waits for it before it
        /// starts, so the first page is drawn at once: leptos_router 0.8 lets a first page still
        /// loading overwrite a page the citizen went on to meanwhile.
        pub async fn preload_page_at(path: &str) {
            $(if path == $path {
                return <$route as LazyRoute>::preload().await;
            })+
        }
    };
}

lazy_pages! {
    LOGIN_CODE_PATH => LoginCodeRoute,
    LOGIN_PUSH_PATH => LoginPushRoute,
    ACCOUNT_PATH => MyAccountRoute,
    PROFILE_PATH => ProfileRoute,
    METHOD_PATH => MethodChangeRoute,
    EXTENSION_PATH => ExtensionRoute,
    NEW_PROFILE_PATH => NewProfileRoute,
    NEW_PROFILE_BANK_PATH => NewProfileBankRoute,
    NEW_PROFILE_E_ID_PATH => NewProfileEIdRoute,
    NEW_PROFILE_DONE_PATH => NewProfileDoneRoute,
    PASSWORD_CHANGE_PATH => PasswordChangeRoute,
    EMAIL_VERIFICATION_PATH => EmailVerificationRoute,
    FORGOT_USERNAME_PATH => ForgotUsernameRoute,
    FORGOT_PASSWORD_PATH => ForgotPasswordRoute,
    NEW_PASSWORD_PATH => NewPasswordRoute,
    PERSONAL_PATH => PersonalRoute,
    CONTACT_PATH => ContactRoute,
    IDENTITY_PATH => IdentityRoute,
    CONSENT_PATH => ConsentRoute,
    REVIEW_PATH => ReviewRoute,
    SMS_CODE_PATH => SmsCodeRoute,
    SUBMITTED_PATH => SubmittedRoute,
    ACCESSIBILITY_PATH => AccessibilityRoute,
}

/// A route's path from one of `shared::paths`' constants, matched segment by segment as
/// leptos_router's `path!` would match the same literal (which it needs written out in place).
#[derive(Clone, Copy, Debug)]
pub struct RoutePath(pub &'static str);

impl RoutePath {
    fn segments(self) -> impl Iterator<Item = &'static str> {
        self.0.split('/').filter(|segment| !segment.is_empty())
    }
}

impl PossibleRouteMatch for RoutePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        if self.0 == HOME_PATH {
            return StaticSegment(HOME_PATH).test(path);
        }
        let mut remaining = path;
        for segment in self.segments() {
            remaining = StaticSegment(segment).test(remaining)?.remaining();
        }
        Some(PartialPathMatch::new(remaining, Vec::new(), &path[..path.len() - remaining.len()]))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        if self.0 == HOME_PATH {
            return StaticSegment(HOME_PATH).generate_path(path);
        }
        for segment in self.segments() {
            StaticSegment(segment).generate_path(path);
        }
    }
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
