//! The error summary at the top of a form: announced, focusable, each entry a link to the field
//! (`#id`, focused) or to the step where it can be fixed (a path, followed by the router).

use crate::dom::focus_by_id;
use crate::i18n::tr;
use leptos::html::Div;
use leptos::prelude::*;
use shared::Text;

/// One line of the summary: where its link leads and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SummaryEntry {
    pub href: String,
    pub message: String,
}

/// Hidden while `entries` is empty. The page focuses `node_ref` after a refused "Dalej" so the
/// summary is read out first.
#[component]
pub fn ErrorSummary(#[prop(into)] entries: Signal<Vec<SummaryEntry>>, node_ref: NodeRef<Div>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=node_ref hidden=move || entries.with(Vec::is_empty)>
            <h2 class="error-summary__title" id="error-summary-title">{tr(Text::ErrorSummaryTitle)}</h2>
            <ul class="error-summary__list">
                <For each=move || entries.get() key=|entry| entry.clone() let(entry)>
                    <li>
                        <a href=entry.href.clone() on:click=move |ev| {
                            if let Some(id) = entry.href.strip_prefix('#') {
                                ev.prevent_default();
                                focus_by_id(id);
                            }
                        }>{entry.message.clone()}</a>
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
