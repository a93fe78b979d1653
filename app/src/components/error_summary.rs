//! The error summary at the top of a form: announced, focusable, each entry a link to its field.

use super::form::FormState;
use crate::dom::focus_by_id;
use crate::i18n::{tr, use_lang};
use leptos::html::Div;
use leptos::prelude::*;
use shared::Text;

/// Shows once the citizen has pressed "Dalej" and while any field has an error. The page focuses
/// `node_ref` after a refused "Dalej" so the summary is read out first.
#[component]
pub fn ErrorSummary(form: FormState, node_ref: NodeRef<Div>) -> impl IntoView {
    let lang = use_lang();
    let errors = Memo::new(move |_| if form.submitted.get() { form.errors(lang.get()) } else { Vec::new() });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=node_ref hidden=move || errors.with(Vec::is_empty)>
            <h2 class="error-summary__title" id="error-summary-title">{tr(Text::ErrorSummaryTitle)}</h2>
            <ul class="error-summary__list">
                <For each=move || errors.get() key=|entry| entry.clone() let((field, message))>
                    <li>
                        <a href=format!("#{}", field.key()) on:click=move |ev| {
                            ev.prevent_default();
                            focus_by_id(field.key());
                        }>{message}</a>
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// Focuses the summary once the browser has drawn it.
pub fn focus_summary(node_ref: NodeRef<Div>) {
    request_animation_frame(move || {
        if let Some(summary) = node_ref.get_untracked() {
            let _ = summary.focus();
        }
    });
}
