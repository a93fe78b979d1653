//! The frame of every wizard step: the step caption, the error summary, the heading (focused when
//! the citizen arrives from another step), the form with "Dalej", and "Wstecz".

use super::error_summary::{focus_summary, ErrorSummary, SummaryEntry};
use super::form::FormState;
use crate::dom::use_page_title;
use crate::i18n::{tr, use_lang};
use crate::pages::REGISTRATION_STEPS;
use leptos::ev::SubmitEvent;
use leptos::html::{Div, H1};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Text;

/// Whether the next page shown is the first of this visit (its heading must not take focus, so
/// the skip link stays the first stop of Tab); steps reached by navigation focus their heading.
#[derive(Clone, Copy)]
pub struct FirstPage(pub StoredValue<bool>);

#[component]
pub fn WizardStep(
    /// 1-based position among the steps; none after them (the SMS code).
    #[prop(optional)]
    step: Option<u8>,
    heading: Text,
    #[prop(optional)] intro: Option<Text>,
    form: FormState,
    /// Where "Wstecz" leads; none on the first step.
    #[prop(optional)]
    back: Option<&'static str>,
    /// Runs when "Dalej" is pressed and the step's fields pass the rules.
    on_valid: Callback<()>,
    /// Set while the step's call to the service is under way; "Dalej" does nothing meanwhile.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Problems with answers of other steps, linked to those steps (the summary shows them first).
    #[prop(optional, into)]
    other_errors: Signal<Vec<SummaryEntry>>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    use_page_title(tr(heading));
    let summary = NodeRef::<Div>::new();
    let heading_ref = NodeRef::<H1>::new();
    if let Some(FirstPage(first)) = use_context::<FirstPage>() {
        if !first.get_value() {
            request_animation_frame(move || {
                if let Some(h1) = heading_ref.get_untracked() {
                    let _ = h1.focus();
                }
            });
        }
        first.set_value(false);
    }
    Effect::new(move |_| {
        if form.has_server_errors() || other_errors.with(|e| !e.is_empty()) {
            focus_summary(summary);
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form.submitted.set(true);
        if form.is_valid_untracked() {
            on_valid.run(());
        } else {
            focus_summary(summary);
        }
    };
    let caption = move || {
        let title = Text::RegistrationTitle.get(lang.get());
        match step {
            Some(step) => {
                let of = Text::StepOf.get(lang.get()).replace("{step}", &step.to_string()).replace("{total}", &REGISTRATION_STEPS.to_string());
                format!("{title} · {of}")
            }
            None => title.to_owned(),
        }
    };
    let entries = Signal::derive(move || {
        let errors = if form.submitted.get() { form.errors(lang.get()) } else { Vec::new() };
        let own = errors.into_iter().map(|(field, message)| SummaryEntry { href: format!("#{}", field.key()), message });
        other_errors.get().into_iter().chain(own).collect::<Vec<_>>()
    });
    view! {
        <div class="narrow">
            {back.map(|href| view! { <p class="back-link"><A href=href>{tr(Text::Back)}</A></p> })}
            <ErrorSummary entries node_ref=summary />
            <p class="caption">{caption}</p>
            <h1 class="heading" tabindex="-1" node_ref=heading_ref>{tr(heading)}</h1>
            {intro.map(|intro| view! { <p class="lead">{tr(intro)}</p> })}
            <form class="form" novalidate on:submit=on_submit>
                {children()}
                <button type="submit" class="button">{tr(Text::Next)}</button>
            </form>
        </div>
    }
}
