//! The page for an address the portal does not know.

use crate::dom::use_page_title;
use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Text;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    use_page_title(tr(Text::NotFoundHeading));
    view! {
        <div class="narrow">
            <h1 class="heading">{tr(Text::NotFoundHeading)}</h1>
            <p>{tr(Text::NotFoundBody)}</p>
            <p><A href=super::ACCOUNT_STEP_PATH>{tr(Text::BackToStart)}</A></p>
        </div>
    }
}
