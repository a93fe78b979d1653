//! The root component: the language, the page frame and the routes.

use crate::components::layout::Layout;
use crate::i18n::provide_locale;
use crate::pages::{AccessibilityPage, AccountPage, NotFoundPage};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_locale();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/rejestracja/konto" /> } />
                    <Route path=path!("/rejestracja/konto") view=AccountPage />
                    <Route path=path!("/deklaracja-dostepnosci") view=AccessibilityPage />
                </Routes>
            </Layout>
        </Router>
    }
}
