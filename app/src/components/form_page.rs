//! The frame of every form page (the registration's steps, signing in): the error summary, a
//! caption, the heading, the form with its one submit button, "Wstecz", and what goes around.

use super::error_summary::{focus_summary, ErrorSummary, SummaryEntry};
use super::form::FormState;
use super::page_heading::PageHeading;
use crate::dom::use_page_title;
use crate::i18n::tr;
use leptos::ev::SubmitEvent;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Text;

#[component]
pub fn FormPage(
    /// Above the heading, e.g. "Rejestracja · Krok 1 z 6".
    #[prop(optional, into)]
    caption: Option<Signal<String>>,
    heading: Text,
    #[prop(optional)] intro: Option<Text>,
    form: FormState,
    /// Where "Wstecz" leads; none on a first page.
    #[prop(optional)]
    back: Option<&'static str>,
    /// Runs when the form is submitted and its fields pass the rules.
    on_valid: Callback<()>,
    /// Set while the page's call to the service is under way; submitting does nothing meanwhile.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Problems the form's fields cannot show: answers of other steps, a refused sign-in (the
    /// summary shows them first).
    #[prop(optional, into)]
    other_errors: Signal<Vec<SummaryEntry>>,
    /// The submit button's words; "Dalej" unless said.
    #[prop(default = Text::Next)]
    submit: Text,
    /// Shown above the heading, e.g. why the citizen must sign in again.
    #[prop(optional, into)]
    notice: ViewFn,
    /// Shown under the form, e.g. where to register instead.
    #[prop(optional, into)]
    after: ViewFn,
    children: Children,
) -> impl IntoView {
    use_page_title(tr(heading));
    let lang = crate::i18n::use_lang();
    let summary = NodeRef::<Div>::new();
    // The summary takes focus when the service refuses (not again when only the language changes).
    let refused = Memo::new(move |_| form.has_server_errors() || other_errors.with(|e| !e.is_empty()));
    Effect::new(move |_| {
        if refused.get() {
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
    let entries = Signal::derive(move || {
        let errors = if form.submitted.get() { form.errors(lang.get()) } else { Vec::new() };
        let own = errors.into_iter().map(|(field, message)| SummaryEntry { href: format!("#{}", field.key()), message });
        other_errors.get().into_iter().chain(own).collect::<Vec<_>>()
    });
    view! {
        <div class="narrow">
            {back.map(|href| view! { <p class="back-link"><A href=href>{tr(Text::Back)}</A></p> })}
            {notice.run()}
            <ErrorSummary entries node_ref=summary />
            {caption.map(|caption| view! { <p class="caption">{caption}</p> })}
            <PageHeading>{tr(heading)}</PageHeading>
            {intro.map(|intro| view! { <p class="lead">{tr(intro)}</p> })}
            <form class="form" novalidate on:submit=on_submit>
                {children()}
                <button type="submit" class="button">{tr(submit)}</button>
            </form>
            {after.run()}
        </div>
    }
}
