//! The accessibility statement ("Deklaracja dostępności") linked from every page.

use crate::dom::use_page_title;
use crate::i18n::tr;
use leptos::prelude::*;
use shared::Text;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    use_page_title(tr(Text::AccessibilityStatement));
    view! {
        <div class="narrow">
            <h1 class="heading">{tr(Text::AccessibilityHeading)}</h1>
            <p>{tr(Text::AccessibilityBody)}</p>
            <p>{tr(Text::HelpBody)}", "{tr(Text::HelpHours)}</p>
        </div>
    }
}
